// Worker thread entry for the lexicon pool (lexicon-pool.ts): scores the texts it is sent with its
// own lexicon scorer and answers each by id. It holds no state the main thread needs.
import { parentPort } from 'node:worker_threads';
import { createLexiconScorer } from './lexicon.js';
import type { ScoreRequest, ScoreAnswer } from './lexicon-pool.js';

const scorer = createLexiconScorer();
const port = parentPort!;

port.on('message', (batch: ScoreRequest[]) => {
  const answers: ScoreAnswer[] = [];
  for (const { id, text, siteLocale } of batch) {
    try {
      answers.push({ id, result: scorer.scoreNow({ text, siteLocale }) });
    } catch {
      answers.push({ id, result: null });
    }
  }
  port.postMessage(answers);
});
port.postMessage('ready');
