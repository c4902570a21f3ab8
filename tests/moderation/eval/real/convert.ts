/**
 * Samples real, researcher-labeled comments from public data sets into the set's JSON Lines (run once;
 * the output is committed):
 *   npx tsx tests/moderation/eval/real/convert.ts HATEXPLAIN_CSV THAR_CSV
 * HATEXPLAIN_CSV: datasets/092_HateXplain/092-HateXplain.csv of Media-Bias-Group/MBIB, HateXplain's
 *   dataset.json (hate-alert/HateXplain, MIT) flattened to one row per post with its majority label;
 * THAR_CSV: THAR-Dataset.csv of aakash-dl/THAR (CC BY 4.0 on the authors' Hugging Face card).
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

const [hatexplain, thar] = process.argv.slice(2);
if (!hatexplain || !thar) throw new Error('usage: convert.ts HATEXPLAIN_CSV THAR_CSV');
writeFileSync(path.join(here, 'hatexplain-en.jsonl'), sample('hatexplain', readHateXplain(hatexplain)));
const tharRows = readThar(thar);
writeFileSync(path.join(here, 'thar-hi.jsonl'), sample('thar', tharRows.filter((r) => r.lang === 'hi')));
writeFileSync(path.join(here, 'thar-hinglish.jsonl'), sample('thar', tharRows.filter((r) => r.lang === 'hinglish')));
