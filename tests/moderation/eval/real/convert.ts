/**
 * Samples real, researcher-labeled comments from public data sets into the set's JSON Lines (run once;
 * the output is committed):
 *   npx tsx tests/moderation/eval/real/convert.ts [--hatexplain=CSV] [--thar=CSV] [--uli=DIR]
 * (each source given is written again; the others are left as they are)
 * --hatexplain: datasets/092_HateXplain/092-HateXplain.csv of Media-Bias-Group/MBIB, HateXplain's
 *   dataset.json (hate-alert/HateXplain, MIT) flattened to one row per post with its majority label;
 * --thar: THAR-Dataset.csv of aakash-dl/THAR (CC BY 4.0 on the authors' Hugging Face card);
 * --uli: the `testing/` folder of tattle-made/uli_dataset (CC BY 4.0), test_{hi,en}_l{1,3}.csv.
 * The README next to this file names the sources, licenses and label mapping. None of the sets Parley
 * is checked with from outside is read here.
 *
 * Sampling is deterministic: items are ordered by a SHA-256 of a fixed seed and their source id, and
 * the first N of each language and label are kept. The split (train or heldout) is another hash of the
 * id, so it never changes when the sample size does, and nothing is in both halves.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCsv } from '../csv.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SEED = 'parley-real-2026-12-06';
/** Per language and label. */
const PER_LABEL = 200;
/** Longer comments than this are left out (the widget's default limit is 5,000). */
const MAX_CHARS = 2000;

interface Row {
  sourceId: string;
  lang: 'en' | 'hi' | 'hinglish';
  label: 'toxic' | 'benign';
  category: string;
  text: string;
}

const hash = (s: string) => createHash('sha256').update(s).digest();
const splitOf = (source: string, sourceId: string) => (hash(`${SEED}:split:${source}:${sourceId}`)[0]! % 2 === 0 ? 'train' : 'heldout');

/** HateXplain: majority of three annotators; hatespeech and offensive are toxic, normal benign, no majority left out. */
function readHateXplain(file: string): Row[] {
  const categories: Record<string, { label: Row['label']; category: string }> = {
    '0': { label: 'benign', category: 'normal' },
    '1': { label: 'toxic', category: 'hatespeech' },
    '2': { label: 'toxic', category: 'offensive' },
  };
  return parseCsv(readFileSync(file, 'utf8')).flatMap((r) => {
    const mapped = categories[r.category ?? ''];
    const text = (r.text ?? '').trim();
    const sourceId = r[''] ?? '';
    if (!mapped || !text || !sourceId) return [];
    return [{ sourceId, lang: 'en' as const, ...mapped, text }];
  });
}

/** THAR: AntiReligion is toxic (category names the targeted religion), Non-AntiReligion benign; script decides the language. */
function readThar(file: string): Row[] {
  return parseCsv(readFileSync(file, 'utf8')).flatMap((r) => {
    // YouTube handles are replaced as HateXplain replaces Twitter ones; no comment has a URL.
    const text = (r.Comment ?? '').replace(/@[\p{L}\p{N}_.-]+/gu, '@user').trim();
    const sourceId = r.Identifier ?? '';
    if (!text || !sourceId) return [];
    const devanagari = (text.match(/[\u0900-\u097F]/g) ?? []).length;
    const latin = (text.match(/[A-Za-z]/g) ?? []).length;
    const toxic = r.SubTask1 === 'AntiReligion';
    const target = (r.SubTask2 ?? '').trim().toLowerCase();
    return [{ sourceId, lang: devanagari > latin ? ('hi' as const) : ('hinglish' as const), label: toxic ? ('toxic' as const) : ('benign' as const), category: toxic ? `antireligion_${target}` : 'non_antireligion', text }];
  });
}

/**
 * Uli (Tattle's data set of online gendered abuse in Indian languages, 2023): tweets in Hindi and Indian
 * English, each labeled by three annotators on three questions; the test files are the ones with three
 * labels per post. Question 3 asks whether a post is explicit or aggressive, question 1 whether it is
 * gendered abuse. Toxic: at least two of three said explicit or aggressive (category `aggressive`, or
 * `aggressive_gendered` when at least two also said gendered abuse); benign: no annotator said yes to
 * either; split decisions are left out. The files of one language list the same posts in the same
 * order; the post's text is its only id, so the id is a hash of it. Script decides Hindi from Hinglish.
 */
function readUli(dir: string, lang: 'hi' | 'en'): Row[] {
  const read = (question: number) => parseCsv(readFileSync(path.join(dir, `test_${lang}_l${question}.csv`), 'utf8'));
  const gendered = read(1);
  const aggressive = read(3);
  const votes = (r: Record<string, string>) =>
    Object.entries(r)
      .filter(([k, v]) => k.startsWith(`${lang}_a`) && v.trim() !== '' && v.trim() !== 'NL')
      .map(([, v]) => Number(v));
  return aggressive.flatMap((r, index) => {
    const other = gendered[index];
    if (!other || other.text !== r.text) throw new Error(`uli ${lang}: row ${index + 1} differs between questions 1 and 3`);
    const text = (r.text ?? '').replace(/<handle replaced>/g, '@user ').replace(/\s+/g, ' ').trim();
    const a = votes(r);
    const g = votes(other);
    if (!text || a.length < 3) return [];
    const yes = (v: number[]) => v.filter((x) => x >= 1).length;
    let label: Row['label'];
    let category: string;
    if (yes(a) >= 2) {
      label = 'toxic';
      category = yes(g) >= 2 ? 'aggressive_gendered' : 'aggressive';
    } else if (a.every((x) => x === 0) && g.every((x) => x === 0)) {
      label = 'benign';
      category = 'not_aggressive';
    } else return [];
    const devanagari = (text.match(/[\u0900-\u097F]/g) ?? []).length;
    const latin = (text.replace(/@user/g, '').match(/[A-Za-z]/g) ?? []).length;
    const sourceId = hash(`uli:${lang}:${r.text}`).toString('hex').slice(0, 12);
    return [{ sourceId, lang: lang === 'en' ? ('en' as const) : devanagari > latin ? ('hi' as const) : ('hinglish' as const), label, category, text }];
  });
}

function sample(source: string, rows: readonly Row[]): string {
  const seen = new Set<string>();
  const unique = rows.filter((r) => r.text.length <= MAX_CHARS && !seen.has(r.text) && seen.add(r.text));
  const ordered = [...unique].sort((a, b) => Buffer.compare(hash(`${SEED}:${source}:${a.sourceId}`), hash(`${SEED}:${source}:${b.sourceId}`)));
  const kept: Row[] = [];
  const counts = new Map<string, number>();
  for (const r of ordered) {
    const key = `${r.lang}/${r.label}`;
    if ((counts.get(key) ?? 0) >= PER_LABEL) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    kept.push(r);
  }
  kept.sort((a, b) => a.lang.localeCompare(b.lang) || a.sourceId.localeCompare(b.sourceId, 'en', { numeric: true }));
  const lines = kept.map((r) =>
    JSON.stringify({ id: `${source}-${r.sourceId}`, lang: r.lang, label: r.label, category: r.category, split: splitOf(source, r.sourceId), text: r.text, source }),
  );
  console.log(source, Object.fromEntries(counts));
  return `${lines.join('\n')}\n`;
}

const { values: files } = parseArgs({ options: { hatexplain: { type: 'string' }, thar: { type: 'string' }, uli: { type: 'string' } } });
if (!files.hatexplain && !files.thar && !files.uli) throw new Error('usage: convert.ts [--hatexplain=CSV] [--thar=CSV] [--uli=DIR]');
if (files.hatexplain) writeFileSync(path.join(here, 'hatexplain-en.jsonl'), sample('hatexplain', readHateXplain(files.hatexplain)));
if (files.thar) {
  const tharRows = readThar(files.thar);
  writeFileSync(path.join(here, 'thar-hi.jsonl'), sample('thar', tharRows.filter((r) => r.lang === 'hi')));
  writeFileSync(path.join(here, 'thar-hinglish.jsonl'), sample('thar', tharRows.filter((r) => r.lang === 'hinglish')));
}
if (files.uli) {
  const uliHindi = readUli(files.uli, 'hi');
  writeFileSync(path.join(here, 'uli-hi.jsonl'), sample('uli', uliHindi.filter((r) => r.lang === 'hi')));
  writeFileSync(path.join(here, 'uli-hinglish.jsonl'), sample('uli', uliHindi.filter((r) => r.lang === 'hinglish')));
  writeFileSync(path.join(here, 'uli-en.jsonl'), sample('uli', readUli(files.uli, 'en')));
}
