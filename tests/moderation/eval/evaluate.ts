// The labeled moderation set and how a scorer is measured on it: held and rejected as the toxicity
// phase judges them at a site's default thresholds, per language and per category.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { judgeScores } from '../../../server/moderation/phases/toxicity.js';
import type { Scorer, ScoreEvidence } from '../../../server/moderation/scorers/scorer.js';
import { DEFAULT_SITE_SETTINGS } from '../../../server/sites/settings.js';

export const EVAL_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = path.join(EVAL_DIR, 'data');
export const PUBLIC_DIR = path.join(EVAL_DIR, 'public');
/** More training comments, written by the scorer's author: trained and tuned on, never reported as the set's figures. */
export const EXTRA_DIR = path.join(EVAL_DIR, 'extra');
/** Real comments sampled from public research data sets (see real/README.md): reported on their own. */
export const REAL_DIR = path.join(EVAL_DIR, 'real');
/** An independent check set, written apart from everyone who tuned the scorer (see the eval README). */
export const BLIND_DIR = path.join(EVAL_DIR, 'blind');
/** The second check set, written the same way a day later by another writer (see the README). */
export const BLIND_2_DIR = path.join(EVAL_DIR, 'blind-2');
/** The third check set, written apart on 2026-12-07 after the scorer's person-talk fixes (see the README). */
export const BLIND_3_DIR = path.join(EVAL_DIR, 'blind-3');

export const LANGS = ['en', 'hi', 'hinglish'] as const;
export type Lang = (typeof LANGS)[number];
export const TOXIC_CATEGORIES = ['insult', 'threat', 'identity_attack', 'profanity', 'sexual_harassment', 'obfuscated'] as const;
export const BENIGN_CATEGORIES = ['plain', 'disagreement', 'news_violence', 'quoting', 'scunthorpe', 'names'] as const;
export const SPLITS = ['train', 'heldout'] as const;
export type Split = (typeof SPLITS)[number];

const itemSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(LANGS),
  label: z.enum(['toxic', 'benign']),
  category: z.string().min(1),
  split: z.enum(SPLITS),
  text: z.string().min(1),
  /** Public and real sets only: where the item comes from (its category is then the set's own label). */
  source: z.string().optional(),
});
export type EvalItem = z.infer<typeof itemSchema>;

/** Reads one JSON Lines file, naming the file and line of anything malformed. */
export function readItems(file: string): EvalItem[] {
  const items: EvalItem[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const where = `${path.basename(file)}:${index + 1}`;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new Error(`${where}: not JSON`);
      }
      const parsed = itemSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const item = parsed.data;
      const allowed: readonly string[] = item.label === 'toxic' ? TOXIC_CATEGORIES : BENIGN_CATEGORIES;
      if (!item.source && !allowed.includes(item.category)) throw new Error(`${where}: category ${item.category} is not a ${item.label} category`);
      items.push(item);
    });
  return items;
}

/** Every .jsonl file of a folder (sorted), or none when the folder does not exist. */
export function readFolder(dir: string): EvalItem[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  const items = names.flatMap((name) => readItems(path.join(dir, name)));
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new Error(`duplicate id ${item.id} in ${dir}`);
    seen.add(item.id);
  }
  return items;
}

export interface Outcome {
  item: EvalItem;
  /** 'published' below the hold threshold; otherwise the toxicity phase's status. */
  verdict: 'published' | 'pending' | 'rejected';
  attribute: string;
  score: number;
  evidence: ScoreEvidence[];
  micros: number;
}

const heldOf = (o: Outcome) => o.verdict !== 'published';

/** Scores every item with `scorer` and judges it as the toxicity phase would at default thresholds. */
export async function scoreItems(scorer: Scorer, items: readonly EvalItem[], siteLocale = 'hi'): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const item of items) {
    // CPU time rather than wall time: on a shared machine, waiting for a core is not the scorer's cost.
    const started = process.cpuUsage();
    const result = await scorer.score({ text: item.text, siteLocale });
    const used = process.cpuUsage(started);
    const micros = used.user + used.system;
    if (!result.ok) throw new Error(`${item.id}: the scorer failed (${result.reason}: ${result.detail})`);
    const verdict = judgeScores({ settings: DEFAULT_SITE_SETTINGS }, result.scores);
    let attribute = 'TOXICITY';
    let score = result.scores.TOXICITY;
    for (const [name, value] of Object.entries(result.scores)) if (value !== undefined && value > score) [attribute, score] = [name, value];
    out.push({
      item,
      verdict: verdict === undefined ? 'published' : verdict.status === 'rejected' ? 'rejected' : 'pending',
      attribute,
      score,
      evidence: result.evidence ?? [],
      micros,
    });
  }
  return out;
}

export interface Tally {
  toxic: number;
  benign: number;
  /** Toxic items held (pending or rejected): true positives. */
  toxicHeld: number;
  toxicRejected: number;
  /** Benign items held: false positives. */
  benignHeld: number;
  benignRejected: number;
}

export function tally(outcomes: readonly Outcome[]): Tally {
  const t: Tally = { toxic: 0, benign: 0, toxicHeld: 0, toxicRejected: 0, benignHeld: 0, benignRejected: 0 };
  for (const o of outcomes) {
    if (o.item.label === 'toxic') {
      t.toxic++;
      if (heldOf(o)) t.toxicHeld++;
      if (o.verdict === 'rejected') t.toxicRejected++;
    } else {
      t.benign++;
      if (heldOf(o)) t.benignHeld++;
      if (o.verdict === 'rejected') t.benignRejected++;
    }
  }
  return t;
}

export const recallOf = (t: Tally) => (t.toxic === 0 ? NaN : t.toxicHeld / t.toxic);
export const fprOf = (t: Tally) => (t.benign === 0 ? NaN : t.benignHeld / t.benign);
export const precisionOf = (t: Tally) => (t.toxicHeld + t.benignHeld === 0 ? NaN : t.toxicHeld / (t.toxicHeld + t.benignHeld));

export interface GroupReport {
  name: string;
  tally: Tally;
  categories: Array<{ category: string; label: 'toxic' | 'benign'; tally: Tally }>;
}

/** One report per group key (language, or source for public sets), with its categories. */
export function groupBy(outcomes: readonly Outcome[], keyOf: (item: EvalItem) => string, categoryOf: (item: EvalItem) => string = (i) => i.category): GroupReport[] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const key = keyOf(o.item);
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.entries()].map(([name, list]) => {
    const byCategory = new Map<string, Outcome[]>();
    for (const o of list) {
      const key = `${o.item.label}\u0000${categoryOf(o.item)}`;
      byCategory.set(key, [...(byCategory.get(key) ?? []), o]);
    }
    const order = (label: string, category: string) => {
      const known: readonly string[] = label === 'toxic' ? TOXIC_CATEGORIES : BENIGN_CATEGORIES;
      const at = known.indexOf(category);
      return (label === 'toxic' ? 0 : 100) + (at === -1 ? 50 : at);
    };
    const categories = [...byCategory.entries()]
      .map(([key, items]) => {
        const [label, category] = key.split('\u0000') as ['toxic' | 'benign', string];
        return { category, label, tally: tally(items) };
      })
      .sort((a, b) => order(a.label, a.category) - order(b.label, b.category) || a.category.localeCompare(b.category));
    return { name, tally: tally(list), categories };
  });
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export interface Timing {
  comments: number;
  p50Micros: number;
  p99Micros: number;
  /** Mean time per 1,000 characters of comment text. */
  microsPer1000Chars: number;
}

export function timingOf(outcomes: readonly Outcome[]): Timing {
  const micros = outcomes.map((o) => o.micros).sort((a, b) => a - b);
  const chars = outcomes.reduce((a, o) => a + o.item.text.length, 0);
  const total = micros.reduce((a, m) => a + m, 0);
  return { comments: outcomes.length, p50Micros: percentile(micros, 50), p99Micros: percentile(micros, 99), microsPer1000Chars: chars === 0 ? NaN : (total / chars) * 1000 };
}

export const misclassified = (outcomes: readonly Outcome[]) => outcomes.filter((o) => heldOf(o) !== (o.item.label === 'toxic'));

// ---------------------------------------------------------------------------------------------
// Text output

const pct = (x: number) => (Number.isNaN(x) ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function line(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

/** The per-group table: recall and false-positive rate at the hold threshold, then per category. */
export function formatGroups(title: string, groups: readonly GroupReport[]): string {
  const w = [22, 7, 9, 9, 7, 9, 10];
  const out = [title, line(['', 'toxic', 'held', 'rejected', 'benign', 'held', 'precision'], w)];
  for (const g of groups) {
    const t = g.tally;
    out.push(line([g.name, String(t.toxic), `${t.toxicHeld} ${pct(recallOf(t))}`, String(t.toxicRejected), String(t.benign), `${t.benignHeld} ${pct(fprOf(t))}`, pct(precisionOf(t))], w));
    for (const c of g.categories) {
      const ct = c.tally;
      out.push(
        c.label === 'toxic'
          ? line([`  ${c.category}`, String(ct.toxic), `${ct.toxicHeld} ${pct(recallOf(ct))}`, String(ct.toxicRejected), '', '', ''], w)
          : line([`  ${c.category}`, '', '', '', String(ct.benign), `${ct.benignHeld} ${pct(fprOf(ct))}`, ct.benignRejected > 0 ? `${ct.benignRejected} rejected` : ''], w),
      );
    }
  }
  return out.join('\n');
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function formatMisclassified(outcomes: readonly Outcome[]): string {
  const wrong = misclassified(outcomes);
  if (wrong.length === 0) return 'misclassified: none';
  const out = [`misclassified (${wrong.length}):`];
  for (const o of wrong) {
    const kind = o.item.label === 'toxic' ? 'missed' : 'false hold';
    const why = o.evidence.length > 0 ? ` [${o.evidence.map((e) => `${e.attribute.toLowerCase()}: "${oneLine(e.text, 60)}"`).join('; ')}]` : '';
    out.push(`  ${kind.padEnd(10)} ${o.item.id.padEnd(14)} ${o.item.category.padEnd(17)} ${o.attribute.toLowerCase()} ${o.score.toFixed(2)}  ${oneLine(o.item.text)}${why}`);
  }
  return out.join('\n');
}

export function formatTiming(t: Timing): string {
  return (
    `scorer CPU time per comment: p50 ${t.p50Micros.toFixed(0)} µs, p99 ${t.p99Micros.toFixed(0)} µs; ` +
    `${t.microsPer1000Chars.toFixed(0)} µs per 1,000 characters on average (${t.comments} comments as they came, the first ones while ` +
    `V8 still compiles the scorer, helper threads' CPU included; npm run bench measures 1,000-character comments on one core, warmed up)`
  );
}
