// The lexicon scorer on worker threads (PARLEY_SCORER_THREADS): the same answers as inline, and no
// comment waits on, or is lost with, a thread that died, failed or never started.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLexiconPool } from '../../../server/moderation/scorers/lexicon-pool.js';
import { createLexiconScorer, type LexiconScorer } from '../../../server/moderation/scorers/lexicon.js';
import type { Scorer } from '../../../server/moderation/scorers/scorer.js';

const inline = createLexiconScorer();
const fake = (name: string) => new URL(`../../fakes/lexicon-thread-${name}.mjs`, import.meta.url);
const quiet = { warn() {}, error() {} };

/** A pool whose inline fallback is counted. */
function pool(worker: URL, threads = 1, hangMs?: number) {
  let built = 0;
  const scorer = createLexiconPool({
    threads,
    hangMs,
    logger: quiet,
    workerUrl: worker,
    createInline: async () => {
      built++;
      return inline;
    },
  });
  return { scorer, inlineBuilt: () => built };
}

// Every labeled comment of the three languages, and site locales that change the language read.
const texts = ['en', 'hi', 'hinglish'].flatMap((lang) =>
  readFileSync(new URL(`../eval/data/${lang}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text),
);
const opened: Scorer[] = [];
after(async () => {
  for (const s of opened) await s.close?.();
});

describe('lexicon pool', () => {
  describe('happy', () => {
    it('answers every labeled comment exactly as the inline scorer does, on two threads, without building it', async () => {
      const { scorer, inlineBuilt } = pool(fake('real'), 2);
      opened.push(scorer);
      const inputs = texts.flatMap((text, i) => [{ text, siteLocale: i % 2 === 0 ? 'en' : 'hi' }]);
      const answers = await Promise.all(inputs.map((input) => scorer.score(input)));
      answers.forEach((answer, i) => assert.deepEqual(answer, inline.scoreNow(inputs[i]!), JSON.stringify(inputs[i])));
      assert.equal(inlineBuilt(), 0);
      assert.deepEqual(scorer.health?.(), { ok: true });
    });
  });

  describe('error', () => {
    it('scores inline everything a thread had when it died, and everything after', async () => {
      const { scorer, inlineBuilt } = pool(fake('die'));
      opened.push(scorer);
      const inputs = texts.slice(0, 30).map((text) => ({ text, siteLocale: 'en' }));
      const answers = await Promise.all(inputs.map((input) => scorer.score(input)));
      answers.forEach((answer, i) => assert.deepEqual(answer, inline.scoreNow(inputs[i]!)));
      assert.equal(inlineBuilt(), 1);
      assert.match(scorer.health?.().detail ?? '', /1 of 1 scorer threads down/);
      assert.deepEqual(await scorer.score(inputs[0]!), inline.scoreNow(inputs[0]!));
    });

    it('terminates a thread that holds work without answering, and scores its comments inline', async () => {
      const { scorer, inlineBuilt } = pool(fake('hang'), 1, 200);
      opened.push(scorer);
      const inputs = texts.slice(0, 12).map((text) => ({ text, siteLocale: 'hi' }));
      const answers = await Promise.all(inputs.map((input) => scorer.score(input)));
      answers.forEach((answer, i) => assert.deepEqual(answer, inline.scoreNow(inputs[i]!)));
      assert.equal(inlineBuilt(), 1);
      assert.match(scorer.health?.().detail ?? '', /1 of 1 scorer threads down/);
    });

    it('leaves a thread that answers alone however long it has been idle', async () => {
      const { scorer, inlineBuilt } = pool(fake('real'), 1, 200);
      opened.push(scorer);
      const input = { text: 'you are an idiot', siteLocale: 'en' };
      assert.deepEqual(await scorer.score(input), inline.scoreNow(input));
      await new Promise((r) => setTimeout(r, 450));
      assert.deepEqual(await scorer.score(input), inline.scoreNow(input));
      assert.equal(inlineBuilt(), 0);
      assert.deepEqual(scorer.health?.(), { ok: true });
    });

    it('scores inline the texts a thread could not score', async () => {
      const { scorer, inlineBuilt } = pool(fake('fail'));
      opened.push(scorer);
      const input = { text: 'you are an idiot', siteLocale: 'en' };
      assert.deepEqual(await scorer.score(input), inline.scoreNow(input));
      assert.equal(inlineBuilt(), 1);
    });

    it('rejects as the inline scorer would when the inline scorer throws too', async () => {
      const throwing = { ...inline, score: async () => Promise.reject(new Error('boom')) } as LexiconScorer;
      const scorer = createLexiconPool({ threads: 1, logger: quiet, workerUrl: fake('fail'), createInline: async () => throwing });
      opened.push(scorer);
      await assert.rejects(scorer.score({ text: 'hello', siteLocale: 'en' }), /boom/);
    });

    it('scores inline when the thread cannot start', async () => {
      const { scorer, inlineBuilt } = pool(new URL('./no-such-worker.mjs', import.meta.url));
      opened.push(scorer);
      const input = { text: 'तुम बेवकूफ हो', siteLocale: 'hi' };
      assert.deepEqual(await scorer.score(input), inline.scoreNow(input));
      assert.equal(inlineBuilt(), 1);
    });

    it('answers a caller that stopped waiting as the inline scorer does', async () => {
      const { scorer } = pool(fake('real'));
      opened.push(scorer);
      const signal = AbortSignal.abort();
      assert.deepEqual(await scorer.score({ text: 'hello', siteLocale: 'en', signal }), await inline.score({ text: 'hello', siteLocale: 'en', signal }));
    });

    it('scores inline after close', async () => {
      const { scorer, inlineBuilt } = pool(fake('real'));
      await scorer.close?.();
      const input = { text: 'hello there', siteLocale: 'en' };
      assert.deepEqual(await scorer.score(input), inline.scoreNow(input));
      assert.equal(inlineBuilt(), 1);
    });
  });
});
