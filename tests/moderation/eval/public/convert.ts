/**
 * Converts the public functional test suites to the set's JSON Lines (run once; the output is committed):
 *   npx tsx tests/moderation/eval/public/convert.ts HATECHECK_CSV MHC_HINDI_CSV
 * HATECHECK_CSV: test_suite_cases.csv of paul-rottger/hatecheck-data (CC BY 4.0);
 * MHC_HINDI_CSV: "MHC Final Cases/hatecheck_cases_final_hindi.csv" of rewire-online/multilingual-hatecheck
 * (CC BY 4.0; romanized Hindi, so it is filed as Hinglish).
 * Labels follow Parley's policy, not the suites' hate/non-hate line: abuse of an individual or of a
 * group outside the protected ones, and swearing, are toxic for a moderator; reclaimed slurs are left
 * out (a moderator decides those by who says them). Split by template: half the templates train, the
 * other half are held out, so the held-out half tests wordings the scorer never saw.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../csv.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const TOXIC_FOR_PARLEY = new Set(['target_indiv_nh', 'target_group_nh', 'profanity_nh']);
const LEFT_OUT = new Set(['slur_reclaimed_nh']);

function convert(file: string, source: string, lang: 'en' | 'hinglish', idOf: (r: Record<string, string>) => string): string {
  const lines: string[] = [];
  for (const r of parseCsv(readFileSync(file, 'utf8'))) {
    const functionality = r.functionality ?? '';
    if (LEFT_OUT.has(functionality)) continue;
    const toxic = r.label_gold === 'hateful' || TOXIC_FOR_PARLEY.has(functionality);
    const template = r.templ_id ?? idOf(r);
    const split = createHash('sha256').update(`${source}:${template}`).digest()[0]! % 2 === 0 ? 'train' : 'heldout';
    const text = (r.test_case ?? '').trim();
    if (!text) continue;
    lines.push(JSON.stringify({ id: `${source}-t${template}-${idOf(r)}`, lang, label: toxic ? 'toxic' : 'benign', category: functionality, split, text, source }));
  }
  return `${lines.join('\n')}\n`;
}

const [hatecheck, mhc] = process.argv.slice(2);
if (!hatecheck || !mhc) throw new Error('usage: convert.ts HATECHECK_CSV MHC_HINDI_CSV');
writeFileSync(path.join(here, 'hatecheck-en.jsonl'), convert(hatecheck, 'hatecheck', 'en', (r) => r.case_id ?? ''));
writeFileSync(path.join(here, 'mhc-hinglish.jsonl'), convert(mhc, 'mhc', 'hinglish', (r) => (r.mhc_case_id ?? '').replace(/^hindi-/, '')));
