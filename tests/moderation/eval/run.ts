/**
 * `npm run eval:moderation`: measures a scorer on the labeled moderation set
 * (tests/moderation/eval/data/{en,hi,hinglish}.jsonl) at the site's default thresholds (held at
 * 0.80, rejected at 0.95, judged by the toxicity phase's own rule): per language and per category,
 * held-out split first, then train, then the public suites in tests/moderation/eval/public/, then the real
 * comments from public research data sets in tests/moderation/eval/real/.
 *
 * Flags: --split=heldout|train|all (default: heldout and train, each on its own), --lang=en,hi,hinglish,
 *   --misclassified=heldout|train|all|none (default train: printing the held-out split's misses by default
 *   would show them to whoever tunes the scorer; real prints the real sets' train-half misses), --no-public,
 *   --no-real, --json (one JSON object on stdout),
 *   --extra (the author's additional training comments in extra/ instead of the set; their split is train),
 *   --blind (the independent check set in blind/ instead of the set: 120 comments per language written
 *   apart from the scorer's authors, all held-out), --blind-2 (the second check set in blind-2/, written the
 *   same way on 2026-12-07), --blind-3 (the third, in blind-3/, written the same way later that day),
 *   --scorer=NAME (default lexicon; any other name is built from the environment as the server
 *   would, PARLEY_SCORER=NAME, so a remote scorer's settings come from the usual variables).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/lib/log.js';
import { createScorer } from '../../../server/moderation/scorers/index.js';
import { createLexiconScorer } from '../../../server/moderation/scorers/lexicon.js';
import type { Scorer } from '../../../server/moderation/scorers/scorer.js';
import {
  BLIND_DIR,
  BLIND_2_DIR,
  BLIND_3_DIR,
  DATA_DIR,
  EXTRA_DIR,
  formatGroups,
  formatMisclassified,
  formatTiming,
  groupBy,
  LANGS,
  misclassified,
  PUBLIC_DIR,
  readFolder,
  REAL_DIR,
  scoreItems,
  timingOf,
  type Outcome,
} from './evaluate.js';

const { values: flags } = parseArgs({
  options: {
    split: { type: 'string', default: 'heldout,train' },
    lang: { type: 'string', default: LANGS.join(',') },
    misclassified: { type: 'string', default: 'train' },
    'no-public': { type: 'boolean', default: false },
    'no-real': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    scorer: { type: 'string', default: 'lexicon' },
    extra: { type: 'boolean', default: false },
    blind: { type: 'boolean', default: false },
    'blind-2': { type: 'boolean', default: false },
    'blind-3': { type: 'boolean', default: false },
  },
});

const splits = flags.blind || flags['blind-2'] || flags['blind-3'] ? ['heldout'] : flags.split === 'all' ? ['heldout', 'train'] : flags.split!.split(',').map((s) => s.trim());
for (const s of splits) if (s !== 'heldout' && s !== 'train') throw new Error(`--split takes heldout, train or all; got "${s}"`);
const langs = new Set(flags.lang!.split(',').map((s) => s.trim()));

async function buildScorer(name: string): Promise<Scorer> {
  if (name === 'lexicon') return createLexiconScorer();
  const config = loadConfig({ ...process.env, PARLEY_SCORER: name });
  return createScorer(config, createLogger('warn'));
}

const LANG_NAMES: Record<string, string> = { en: 'English', hi: 'Hindi', hinglish: 'Hinglish' };

async function main(): Promise<void> {
  const scorer = await buildScorer(flags.scorer!);
  // --extra scores the author's additional training comments (extra/) in place of the set.
  const items = readFolder(flags.blind ? BLIND_DIR : flags['blind-2'] ? BLIND_2_DIR : flags['blind-3'] ? BLIND_3_DIR : flags.extra ? EXTRA_DIR : DATA_DIR).filter((i) => langs.has(i.lang));
  const publicItems = flags['no-public'] ? [] : readFolder(PUBLIC_DIR);
  const realItems = flags['no-real'] ? [] : readFolder(REAL_DIR).filter((i) => langs.has(i.lang));
  if (items.length === 0 && publicItems.length === 0 && realItems.length === 0) throw new Error(`no labeled items in ${DATA_DIR}`);

  // One untimed pass first, so the timings are of a warmed-up process, as a server's would be.
  await scoreItems(scorer, items.slice(0, 300));

  const out: string[] = [];
  const json: Record<string, unknown> = { scorer: scorer.name, splits: {} as Record<string, unknown>, public: {} as Record<string, unknown>, real: {} as Record<string, unknown> };
  const all: Outcome[] = [];
  for (const split of splits) {
    const outcomes = await scoreItems(scorer, items.filter((i) => i.split === split));
    all.push(...outcomes);
    const groups = groupBy(outcomes, (i) => LANG_NAMES[i.lang] ?? i.lang);
    (json.splits as Record<string, unknown>)[split] = {
      groups,
      misclassified: misclassified(outcomes).map((o) => ({ id: o.item.id, category: o.item.category, label: o.item.label, attribute: o.attribute, score: o.score, text: o.item.text })),
    };
    out.push(formatGroups(`${split} split (${outcomes.length} comments; held = any attribute >= 0.80, rejected >= 0.95)`, groups), '');
    if (flags.misclassified === 'all' || flags.misclassified === split) out.push(formatMisclassified(outcomes), '');
  }

  for (const split of publicItems.length > 0 ? splits : []) {
    const outcomes = await scoreItems(scorer, publicItems.filter((i) => i.split === split));
    all.push(...outcomes);
    const groups = groupBy(outcomes, (i) => i.source ?? 'public');
    (json.public as Record<string, unknown>)[split] = { groups };
    const note = split === 'heldout' ? 'templates never trained or tuned on' : 'templates the word lists and rules were checked against';
    out.push(formatGroups(`public sets, ${split} half (${outcomes.length} items; ${note}; categories are the sets' functionalities)`, groups), '');
    if (flags.misclassified === 'all') out.push(formatMisclassified(outcomes), '');
  }

  // Real comments labeled by researchers for their own task: each source's labels are mapped to toxic and
  // benign in real/README.md. The train half may be trained on; the held-out half never is.
  for (const split of realItems.length > 0 ? splits : []) {
    const outcomes = await scoreItems(scorer, realItems.filter((i) => i.split === split));
    all.push(...outcomes);
    const groups = groupBy(outcomes, (i) => `${i.source ?? 'real'} ${LANG_NAMES[i.lang] ?? i.lang}`);
    (json.real as Record<string, unknown>)[split] = { groups };
    const note = split === 'heldout' ? 'never trained or tuned on' : 'may be trained on';
    out.push(formatGroups(`real comments from research data sets, ${split} half (${outcomes.length} comments; ${note}; categories are the sources' labels)`, groups), '');
    if (flags.misclassified === 'all' || (flags.misclassified === 'real' && split === 'train')) out.push(formatMisclassified(outcomes), '');
  }

  const timing = timingOf(all);
  json.timing = timing;
  out.push(formatTiming(timing));
  process.stdout.write(flags.json ? `${JSON.stringify(json, null, 2)}\n` : `${out.join('\n')}\n`);
  await scorer.close?.();
}

await main();
