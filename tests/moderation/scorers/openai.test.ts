// The OpenAI moderation scorer against the offline fake: the wire format, how its categories become
// attributes (a war report is not a threat), every fault kind, limiter and breaker, and that the API
// key never leaks into results or logs.

import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startFakeOpenAi, type FakeOpenAi, type OpenAiFault } from '../../fakes/openai.js';
import { createOpenAiScorer, type OpenAiScorerOptions } from '../../../server/moderation/scorers/openai.js';
import { mapCategories, parseModeration } from '../../../server/moderation/scorers/openai-response.js';
import type { ScoreResult, Scorer } from '../../../server/moderation/scorers/scorer.js';

const KEY = 'sk-parley-Secret/Key+42';

function makeScorer(baseUrl: string, overrides: Partial<OpenAiScorerOptions> = {}): { scorer: Scorer; logs: string[] } {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const scorer = createOpenAiScorer({ apiKey: KEY, baseUrl, timeoutMs: 1500, qps: 1000, logger: pino({ level: 'debug' }, stream), ...overrides });
  return { scorer, logs };
}

function assertNoKey(result: ScoreResult, logs: string[]): void {
  for (const text of [JSON.stringify(result), ...logs]) assert.ok(!text.includes(KEY) && !text.includes(encodeURIComponent(KEY)), `key leaked in: ${text}`);
}

const reasonOf = (r: { ok: boolean; reason?: string }) => ({ ok: r.ok, reason: r.ok ? null : (r.reason ?? null) });
const input = (text: string, siteLocale = 'en') => ({ text, siteLocale });
const zero = Object.fromEntries(
  ['harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'sexual', 'sexual/minors', 'violence', 'violence/graphic'].map((c) => [c, 0]),
) as Parameters<typeof mapCategories>[0];

describe('openai scorer', () => {
  let fake: FakeOpenAi;
  before(async () => {
    fake = await startFakeOpenAi({ keys: [KEY] });
  });
  after(async () => fake.close());
  beforeEach(() => fake.reset());

  describe('wire format and mapping', () => {
    it('posts {model, input} with a Bearer key to {base}/moderations, pinned to a dated snapshot', async () => {
      const { scorer, logs } = makeScorer(`${fake.baseUrl}/`);
      const result = await scorer.score(input("Say that again and I'll break your legs"));
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(fake.requests.length, 1);
      const req = fake.requests[0]!;
      assert.equal(req.method, 'POST');
      assert.equal(req.path, '/v1/moderations');
      assert.equal(req.headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual(req.body, { model: 'omni-moderation-2024-09-26', input: "Say that again and I'll break your legs" });
      assert.equal(result.provider, 'openai');
      assert.equal(result.language, 'en');
      assert.equal(result.scores.THREAT, 0.93);
      assert.equal(result.scores.INSULT, 0.9);
      assert.equal(result.evidence, undefined, 'OpenAI cannot say which words');
      // Its own categories are kept as they came, all thirteen.
      assert.equal(Object.keys(result.raw ?? {}).length, 13);
      assert.equal(result.raw!['harassment/threatening'], 0.93);
      assertNoKey(result, logs);
    });

    it('sends the configured model', async () => {
      const { scorer } = makeScorer(fake.baseUrl, { model: 'omni-moderation-latest' });
      assert.equal((await scorer.score(input('hello'))).ok, true);
      assert.equal((fake.requests[0]!.body as { model: string }).model, 'omni-moderation-latest');
    });

    it('holds on harassment, hate and threatening categories, not on a war report', async () => {
      const { scorer } = makeScorer(fake.baseUrl);
      const war = await scorer.score(input('Twelve people were killed in an airstrike on the market; the war enters its third year.'));
      assert.ok(war.ok);
      assert.equal(war.raw!.violence, 0.9, 'the model sees violence');
      assert.ok(war.scores.TOXICITY < 0.8 && (war.scores.THREAT ?? 0) < 0.1, JSON.stringify(war.scores));
      const hate = await scorer.score(input('They are all vermin, every one of them'));
      assert.ok(hate.ok && hate.scores.IDENTITY_ATTACK! >= 0.8, JSON.stringify(hate));
      const insult = await scorer.score(input('what an idiot'));
      assert.ok(insult.ok && insult.scores.INSULT! >= 0.8, JSON.stringify(insult));
    });

    it('maps categories to attributes: violence counts toward THREAT only with a target, toward TOXICITY only weakly', () => {
      assert.deepEqual(mapCategories({ ...zero, violence: 1 }), { TOXICITY: 0.5, SEVERE_TOXICITY: 0, INSULT: 0, THREAT: 0, IDENTITY_ATTACK: 0 });
      assert.equal(mapCategories({ ...zero, violence: 0.9, harassment: 0.7 }).THREAT, 0.7);
      assert.equal(mapCategories({ ...zero, 'hate/threatening': 0.85 }).THREAT, 0.85);
      assert.equal(mapCategories({ ...zero, 'hate/threatening': 0.85 }).IDENTITY_ATTACK, 0.85);
      assert.equal(mapCategories({ ...zero, sexual: 0.9 }).TOXICITY, 0.9);
      assert.equal(mapCategories({ ...zero, 'sexual/minors': 0.9 }).SEVERE_TOXICITY, 0.9);
      assert.equal(mapCategories({ ...zero, 'violence/graphic': 0.96 }).TOXICITY, 0.48);
    });

    it('refuses answers of the wrong shape and keeps only bounded raw scores', () => {
      assert.equal(reasonOf(parseModeration('{"results":[]}')).reason, 'bad_response');
      assert.equal(reasonOf(parseModeration('{"results":[{"category_scores":{"harassment":"high"}}]}')).reason, 'bad_response');
      const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`extra${String.fromCharCode(97 + (i % 26))}${i}`, 0.1]));
      const ok = parseModeration(JSON.stringify({ results: [{ category_scores: { ...zero, harassment: 0.2, 'NOT A NAME': 1, ...many } }] }));
      assert.ok(ok.ok);
      assert.ok(Object.keys(ok.raw!).length <= 32);
      assert.equal(ok.raw!['NOT A NAME'], undefined);
    });
  });

  describe('faults', () => {
    // [name, faults, expected reason (null = ok), requests the fake records]
    const cases: [string, OpenAiFault[], string | null, number][] = [
      ['delay beyond the deadline times out', [{ kind: 'delay', ms: 5_000 }], 'timeout', 1],
      ['hang times out', [{ kind: 'hang' }], 'timeout', 1],
      ['slowBody (headers, then a stalled body) times out', [{ kind: 'slowBody', ms: 5_000 }], 'timeout', 1],
      ['one 429 is retried and then scores', [{ kind: 'status', status: 429 }], null, 2],
      ['a 429 with a short Retry-After is waited for, then scores', [{ kind: 'status', status: 429, headers: { 'retry-after': '0.05' } }], null, 2],
      ['out of quota (429 insufficient_quota) is not retried', [{ kind: 'quota' }], 'rate_limited', 1],
      ['500 is retried once, then unavailable', [{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }], 'unavailable', 2],
      ['HTML 502 is retried once, then unavailable', [{ kind: 'status', status: 502 }, { kind: 'status', status: 502 }], 'unavailable', 2],
      ['503 then success scores', [{ kind: 'status', status: 503 }], null, 2],
      ['400 is not retried', [{ kind: 'status', status: 400 }], 'error', 1],
      ['connection reset is retried once, then unavailable', [{ kind: 'reset' }, { kind: 'reset' }], 'unavailable', 2],
      ['malformed 2xx JSON is bad_response', [{ kind: 'malformed' }], 'bad_response', 1],
      ['empty 2xx body is bad_response', [{ kind: 'empty' }], 'bad_response', 1],
      ['2xx JSON of the wrong shape is bad_response', [{ kind: 'shape' }], 'bad_response', 1],
    ];
    for (const [name, faults, reason, requests] of cases) {
      it(name, async () => {
        const { scorer, logs } = makeScorer(fake.baseUrl);
        fake.enqueue(...faults);
        const result = await scorer.score(input('have a nice day'));
        assert.deepEqual(reasonOf(result), { ok: reason === null, reason }, JSON.stringify(result));
        assert.equal(fake.requests.length, requests);
        if (!result.ok) assert.notEqual(result.detail, '');
        assertNoKey(result, logs);
      });
    }

    it('a Retry-After longer than the deadline is not waited for', async () => {
      const { scorer } = makeScorer(fake.baseUrl);
      fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
      const result = await scorer.score(input('hello'));
      assert.equal(reasonOf(result).reason, 'rate_limited');
      assert.equal(fake.requests.length, 1);
    });

    it('a wrong key is an error, not retried, and the key is not in the detail', async () => {
      const strict = await startFakeOpenAi({ keys: ['sk-some-other-key'] });
      try {
        const { scorer, logs } = makeScorer(strict.baseUrl);
        const result = await scorer.score(input('hello'));
        assert.equal(reasonOf(result).reason, 'error');
        assert.match(result.ok ? '' : result.detail, /HTTP 401: Incorrect API key/);
        assert.equal(strict.requests.length, 1);
        assertNoKey(result, logs);
      } finally {
        await strict.close();
      }
    });

    it('a wrong base URL or model (404) is an error', async () => {
      const { scorer } = makeScorer(fake.origin); // missing /v1
      assert.equal(reasonOf(await scorer.score(input('hello'))).reason, 'error');
      const { scorer: badModel } = makeScorer(fake.baseUrl, { model: 'omni-moderation-1999' });
      const result = await badModel.score(input('hello'));
      assert.match(result.ok ? '' : result.detail, /HTTP 404: The model `omni-moderation-1999` does not exist/);
    });

    it('connection refused is unavailable', async () => {
      const gone = await startFakeOpenAi({ keys: [KEY] });
      await gone.close();
      const { scorer, logs } = makeScorer(gone.baseUrl);
      const result = await scorer.score(input('hello'));
      assert.equal(reasonOf(result).reason, 'unavailable');
      assert.match(result.ok ? '' : result.detail, /ECONNREFUSED/);
      assertNoKey(result, logs);
    });

    it('a fault named in the comment text works from another process too', async () => {
      const { scorer } = makeScorer(fake.baseUrl, { retries: 0 });
      assert.equal(reasonOf(await scorer.score(input('hello [[fault:503]]'))).reason, 'unavailable');
      const scored = await scorer.score(input('calm words [[openai:hate=0.91]]'));
      assert.ok(scored.ok && scored.scores.IDENTITY_ATTACK === 0.91);
    });
  });

  describe('rate limiter and circuit breaker', () => {
    it('fails fast with rate_limited when the next slot is past the deadline (injected clock)', async () => {
      let t = 0;
      const { scorer } = makeScorer(fake.baseUrl, { qps: 1, burst: 1, now: () => t, timeoutMs: 800 });
      assert.equal((await scorer.score(input('hello'))).ok, true);
      assert.equal(reasonOf(await scorer.score(input('hello'))).reason, 'rate_limited');
      assert.equal(fake.requests.length, 1);
      t = 1_000;
      assert.equal((await scorer.score(input('hello'))).ok, true);
    });

    it('opens after 5 failed calls, sends nothing while open, recovers on a probe, logs the outage twice', async () => {
      let t = 0;
      const { scorer, logs } = makeScorer(fake.baseUrl, { now: () => t, retries: 0 });
      fake.setDefault({ kind: 'status', status: 500 });
      for (let i = 0; i < 5; i++) await scorer.score(input('hello'));
      assert.equal(fake.requests.length, 5);
      assert.equal(reasonOf(await scorer.score(input('hello'))).reason, 'circuit_open');
      assert.equal(fake.requests.length, 5);
      assert.deepEqual(scorer.health!().ok, false);
      assert.match(scorer.health!().detail ?? '', /^openai: circuit open after 5 consecutive failures \(last unavailable\)/);
      t = 30_000;
      fake.setDefault(null);
      assert.equal((await scorer.score(input('hello'))).ok, true);
      assert.deepEqual(scorer.health!(), { ok: true, detail: 'openai: ok' });
      const levels = logs.map((l) => (JSON.parse(l) as { level: number; msg: string }));
      assert.deepEqual(levels.filter((l) => l.level >= 30).map((l) => l.msg), ['openai unavailable; circuit open', 'openai recovered']);
    });
  });

  describe('configuration', () => {
    it('requires a key and positive bounds', () => {
      assert.throws(() => makeScorer(fake.baseUrl, { apiKey: '' }), /apiKey is required/);
      assert.throws(() => makeScorer(fake.baseUrl, { qps: 0 }), (e: Error) => !e.message.includes(KEY) && /qps/.test(e.message));
    });
  });
});
