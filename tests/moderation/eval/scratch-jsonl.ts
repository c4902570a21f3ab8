import { readFileSync } from 'node:fs';
import { createLexiconScorer } from '../../../server/moderation/scorers/lexicon.js';
const s = createLexiconScorer();
const verbose = process.env.V === '1';
for (const file of process.argv.slice(2)) {
  const items = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const tally: Record<string, [number, number]> = {};
  for (const it of items) {
    const a = s.analyze(it.text, 'hi');
    const held = Math.max(...Object.values(a.scores)) >= 0.8;
    const k = `${it.label}/${it.category}`;
    tally[k] ??= [0, 0];
    tally[k][0]++;
    if (held) tally[k][1]++;
    if (verbose && held !== (it.label === 'toxic')) console.log(`  ${held ? 'FP ' : 'FN '} p=${a.probability.toFixed(2)} ${it.text.slice(0, 90)} | ${a.hits.slice(0, 2).map((h) => `${h.source}:${h.kind}:${h.score.toFixed(2)}`).join(' ')}`);
  }
  console.log(file.split('/').pop(), Object.entries(tally).map(([k, [n, h]]) => `${k} ${h}/${n}`).join('  '));
}
