// The Perspective scorer against the offline fake: every fault kind, the wire format, limiter,
// breaker, and that the API key never leaks into results or logs.

import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startFakePerspective, type FakeFault, type FakePerspective } from '../../fakes/perspective.js';
import { createPerspectiveScorer, type PerspectiveScorerOptions } from '../../../server/moderation/scorers/perspective.js';
import { classifyError } from '../../../server/moderation/scorers/perspective-response.js';
import { truncateUtf8 } from '../../../server/moderation/scorers/remote.js';
import type { ScoreResult, Scorer } from '../../../server/moderation/scorers/scorer.js';

const KEY = 'sk-parley-Secret/Key+42';
const ALL = ['TOXICITY', 'SEVERE_TOXICITY', 'INSULT', 'THREAT', 'IDENTITY_ATTACK', 'PROFANITY'];

interface Harness {
  scorer: Scorer;
  logs: string[];
}

/** A scorer whose pino output is captured line by line (level debug, so every line is checked). */
function makeScorer(baseUrl: string, overrides: Partial<PerspectiveScorerOptions> = {}): Harness {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  const scorer = createPerspectiveScorer({
    apiKey: KEY,
    baseUrl,
    attributes: ['TOXICITY', 'INSULT'],
    timeoutMs: 500,
    qps: 1000, // the limiter has its own tests; keep it out of the way here
    logger,
    ...overrides,
  });
  return { scorer, logs };
}

function assertNoKey(result: ScoreResult, logs: string[]): void {
  const encoded = encodeURIComponent(KEY);
  for (const text of [JSON.stringify(result), ...logs]) {
    assert.ok(!text.includes(KEY) && !text.includes(encoded), `key leaked in: ${text}`);
  }
}

function levels(logs: string[]): number[] {
  return logs.map((l) => (JSON.parse(l) as { level: number }).level);
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 2));
}

const input = (text: string, siteLocale = 'en') => ({ text, siteLocale });

describe('perspective scorer', () => {
  let fake: FakePerspective;

  before(async () => {
    fake = await startFakePerspective({ validKeys: [KEY] });
  });
  after(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  describe('happy path and wire format', () => {
    it('returns every configured score and sends the documented body', async () => {
      const { scorer, logs } = makeScorer(fake.origin, { attributes: ALL });
      const result = await scorer.score(input('you are an idiot'));
      assert.deepEqual(result, {
        ok: true,
        provider: 'perspective',
        scores: { TOXICITY: 0.37, SEVERE_TOXICITY: 0.296, INSULT: 0.296, THREAT: 0.296, IDENTITY_ATTACK: 0.296, PROFANITY: 0.296 },
        language: 'en',
      });
      assert.equal(fake.requests.length, 1);
      const req = fake.requests[0]!;
      assert.equal(req.path, '/v1alpha1/comments:analyze');
      assert.equal(req.query.key, KEY);
      assert.equal(req.headers['x-goog-api-key'], undefined);
      const body = req.body as { doNotStore: boolean; requestedAttributes: Record<string, unknown>; languages: string[] };
      assert.equal(body.doNotStore, true);
      assert.deepEqual(Object.keys(body.requestedAttributes).sort(), [...ALL].sort());
      assert.deepEqual(body.languages, ['en']);
      assertNoKey(result, logs);
    });

    it('sends text byte-for-byte (no HTML stripping)', async () => {
      const { scorer } = makeScorer(fake.origin);
      for (const text of ['I <3 you', 'you are an <idiot>', 'tum <bewakoof> ho', 'line1<br>line2']) {
        fake.reset();
        const result = await scorer.score(input(text));
        assert.equal(result.ok, true);
        assert.equal((fake.requests[0]!.body as { comment: { text: string } }).comment.text, text);
      }
      // striptags would have hidden the insult: the fake scores what actually arrived.
      fake.reset();
      const evasive = await scorer.score(input('tum <bewakoof> ho'));
      assert.ok(evasive.ok && evasive.scores.TOXICITY > 0.3, JSON.stringify(evasive));
    });

    it("sends languages 'hi' for Devanagari and 'hi-Latn' for Hinglish", async () => {
      const { scorer } = makeScorer(fake.origin);
      const hindi = await scorer.score(input('तुम पागल हो', 'en'));
      assert.ok(hindi.ok, JSON.stringify(hindi));
      assert.equal(hindi.language, 'hi');
      assert.equal(hindi.scores.TOXICITY, 0.37);
      const hinglish = await scorer.score(input('tum pagal ho yaar', 'en'));
      assert.ok(hinglish.ok, JSON.stringify(hinglish));
      assert.equal(hinglish.language, 'hi-Latn');
      const sent = fake.requests.map((r) => (r.body as { languages: string[] }).languages);
      assert.deepEqual(sent, [['hi'], ['hi-Latn']]);
    });

    it('truncates a 7,000-character Hindi comment to 20,480 bytes at a code-point boundary', async () => {
      const { scorer } = makeScorer(fake.origin);
      // Devanagari is 3 bytes a character: 7,000 characters are 21,000 bytes, over the API's limit.
      const long = 'नमस्ते'.repeat(1200).slice(0, 7000);
      assert.equal(Buffer.byteLength(long), 21_000);
      const result = await scorer.score(input(long));
      assert.equal(result.ok, true);
      const sent = (fake.requests[0]!.body as { comment: { text: string } }).comment.text;
      assert.equal(Buffer.byteLength(sent), 20_478, 'the largest whole-character prefix');
      assert.ok(long.startsWith(sent), 'a prefix of the original');
      assert.ok(!sent.includes('\uFFFD'), 'no replacement characters');
    });

    it('truncateUtf8 never splits a 4-byte code point', () => {
      const text = `a${'😀'.repeat(6000)}`;
      const cut = truncateUtf8(text, 20_480);
      assert.equal(Buffer.byteLength(cut), 1 + 4 * 5119);
      assert.ok(text.startsWith(cut), 'a prefix of the original');
      assert.equal(truncateUtf8('short', 20_480), 'short');
    });

    it('skips the API for text without letters (unsupported_language, no request)', async () => {
      const { scorer } = makeScorer(fake.origin);
      const result = await scorer.score(input('😀🎉!!'));
      assert.deepEqual({ ok: result.ok, reason: !result.ok && result.reason }, { ok: false, reason: 'unsupported_language' });
      assert.equal(fake.requests.length, 0);
    });

    it('two scorers with different base URLs in one process each reach their own server', async () => {
      const other = await startFakePerspective({ validKeys: [KEY] });
      try {
        const a = makeScorer(fake.origin).scorer;
        const b = makeScorer(other.origin).scorer;
        const [ra, rb] = await Promise.all([a.score(input('hello')), b.score(input('hello'))]);
        assert.equal(ra.ok && rb.ok, true);
        assert.equal(fake.requests.length, 1);
        assert.equal(other.requests.length, 1);
      } finally {
        await other.close();
      }
    });
  });

  describe('faults', () => {
    // [name, fault, expected reason (null = ok), requests the fake records]
    const cases: [string, FakeFault[], string | null, number][] = [
      ['delay beyond the deadline times out', [{ kind: 'delay', ms: 5_000 }], 'timeout', 1],
      ['hang times out', [{ kind: 'hang' }], 'timeout', 1],
      ['slowBody (headers, then a stalled body) times out', [{ kind: 'slowBody', ms: 5_000 }], 'timeout', 1],
      ['one 429 is retried and then scores', [{ kind: 'status', status: 429 }], null, 2],
      ['500 is retried once, then unavailable', [{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }], 'unavailable', 2],
      ['503 is retried once, then unavailable', [{ kind: 'status', status: 503 }, { kind: 'status', status: 503 }], 'unavailable', 2],
      ['403 is not retried', [{ kind: 'status', status: 403 }], 'error', 1],
      ['400 is not retried', [{ kind: 'status', status: 400 }], 'error', 1],
      ['HTML 502 is retried once, then unavailable', [{ kind: 'html502' }, { kind: 'html502' }], 'unavailable', 2],
      ['shutdown 404 page is unavailable, not retried', [{ kind: 'shutdown' }], 'unavailable', 1],
      ['connection reset is retried once, then unavailable', [{ kind: 'reset' }, { kind: 'reset' }], 'unavailable', 2],
      ['malformed 2xx JSON is bad_response', [{ kind: 'malformed' }], 'bad_response', 1],
      ['empty 2xx body is bad_response', [{ kind: 'empty' }], 'bad_response', 1],
    ];
    for (const [name, faults, reason, requests] of cases) {
      it(name, async () => {
        const { scorer, logs } = makeScorer(fake.origin);
        fake.enqueue(...faults);
        const result = await scorer.score(input('have a nice day'));
        if (reason === null) assert.equal(result.ok, true, JSON.stringify(result));
        else assert.deepEqual({ ok: result.ok, reason: !result.ok && result.reason }, { ok: false, reason });
        assert.equal(fake.requests.length, requests);
        if (!result.ok) assert.notEqual(result.detail, '');
        assertNoKey(result, logs);
      });
    }

    it('persistent 429 is retried once, then rate_limited', async () => {
      const { scorer, logs } = makeScorer(fake.origin);
      fake.setDefault({ kind: 'status', status: 429 });
      const result = await scorer.score(input('hello'));
      assert.deepEqual({ ok: result.ok, reason: !result.ok && result.reason }, { ok: false, reason: 'rate_limited' });
      assert.equal(fake.requests.length, 2);
      assertNoKey(result, logs);
    });

    it('a Retry-After longer than the deadline is not waited for', async () => {
      const { scorer } = makeScorer(fake.origin);
      fake.enqueue({ kind: 'status', status: 429, headers: { 'Retry-After': '30' } });
      const result = await scorer.score(input('hello'));
      assert.equal(!result.ok && result.reason, 'rate_limited');
      assert.equal(fake.requests.length, 1);
    });

    it('language not supported by the API is unsupported_language, not retried', async () => {
      const { scorer, logs } = makeScorer(fake.origin);
      const result = await scorer.score(input('vanakkam nanba', 'ta'));
      assert.deepEqual({ ok: result.ok, reason: !result.ok && result.reason }, { ok: false, reason: 'unsupported_language' });
      assert.deepEqual((fake.requests[0]!.body as { languages: string[] }).languages, ['ta']);
      assert.equal(fake.requests.length, 1);
      assertNoKey(result, logs);
    });

    it('an invalid key is an error and the key is not echoed', async () => {
      const strict = await startFakePerspective({ validKeys: ['some-other-key'] });
      try {
        const { scorer, logs } = makeScorer(strict.origin);
        const result = await scorer.score(input('hello'));
        assert.equal(!result.ok && result.reason, 'error');
        assert.match(!result.ok ? result.detail : '', /API key not valid/);
        assert.equal(strict.requests.length, 1);
        assertNoKey(result, logs);
      } finally {
        await strict.close();
      }
    });

    it('connection refused is unavailable', async () => {
      const gone = await startFakePerspective({ validKeys: [KEY] });
      await gone.close();
      const { scorer, logs } = makeScorer(gone.origin);
      const result = await scorer.score(input('hello'));
      assert.deepEqual({ ok: result.ok, reason: !result.ok && result.reason }, { ok: false, reason: 'unavailable' });
      assert.match(!result.ok ? result.detail : '', /ECONNREFUSED/);
      assert.equal(gone.requests.length, 0);
      assertNoKey(result, logs);
    });

    it("a caller's abort signal ends the call as a timeout", async () => {
      const { scorer } = makeScorer(fake.origin, { timeoutMs: 10_000 });
      fake.setDefault({ kind: 'hang' });
      const controller = new AbortController();
      const pending = scorer.score({ ...input('hello'), signal: controller.signal });
      await waitFor(() => fake.requests.length === 1);
      controller.abort();
      const result = await pending;
      assert.equal(!result.ok && result.reason, 'timeout');
    });

    it('redacts the key from error details, raw and URL-encoded', () => {
      const error = Object.assign(new Error(`connect failed for https://x/?key=${encodeURIComponent(KEY)} (${KEY})`), { response: undefined });
      const failure = classifyError(error, KEY);
      assert.equal(failure.reason, 'unavailable');
      assert.ok(!failure.detail.includes(KEY) && !failure.detail.includes(encodeURIComponent(KEY)), failure.detail);
      assert.match(failure.detail, /\[redacted\]/);
    });
  });

  describe('rate limiter', () => {
    it('fails fast with rate_limited when the next slot is past the deadline (injected clock)', async () => {
      let t = 0;
      const { scorer } = makeScorer(fake.origin, { qps: 1, burst: 1, now: () => t, timeoutMs: 800 });
      assert.equal((await scorer.score(input('hello'))).ok, true);
      const limited = await scorer.score(input('hello'));
      assert.deepEqual({ ok: limited.ok, reason: !limited.ok && limited.reason }, { ok: false, reason: 'rate_limited' });
      assert.equal(fake.requests.length, 1);
      t = 1_000;
      assert.equal((await scorer.score(input('hello'))).ok, true);
      assert.equal(fake.requests.length, 2);
    });

    it('a call waits for a slot that comes before the deadline', async () => {
      const { scorer } = makeScorer(fake.origin, { qps: 20, burst: 1, now: () => 0, timeoutMs: 2_000 });
      const results = await Promise.all([scorer.score(input('hello')), scorer.score(input('hello'))]);
      assert.deepEqual(results.map((r) => r.ok), [true, true]);
      assert.equal(fake.requests.length, 2);
    });

    it('concurrent calls are not serialized: 20 calls are all in flight at once', async () => {
      const own = await startFakePerspective({ validKeys: [KEY] });
      try {
        const { scorer } = makeScorer(own.origin, { qps: 1000, timeoutMs: 10_000, retries: 0 });
        own.setDefault({ kind: 'hang' });
        const calls = Array.from({ length: 20 }, () => scorer.score(input('hello')));
        // If calls queued behind one another, only one would ever reach the hanging server.
        await waitFor(() => own.requests.length === 20);
        await own.close();
        const results = await Promise.all(calls);
        assert.ok(results.every((r) => !r.ok && r.reason === 'unavailable'), JSON.stringify(results));
      } finally {
        await own.close();
      }
    });

    it('20 concurrent calls against a 100 ms delay all score', async () => {
      const { scorer } = makeScorer(fake.origin, { qps: 1000, timeoutMs: 5_000 });
      fake.setDefault({ kind: 'delay', ms: 100 });
      const results = await Promise.all(Array.from({ length: 20 }, () => scorer.score(input('hello'))));
      assert.ok(results.every((r) => r.ok), JSON.stringify(results));
      assert.equal(fake.requests.length, 20);
    });
  });

  describe('circuit breaker', () => {
    it('opens after 5 failures, sends nothing while open, probes once, logs the outage twice', async () => {
      let t = 0;
      const { scorer, logs } = makeScorer(fake.origin, { now: () => t });
      fake.setDefault({ kind: 'status', status: 403 });
      for (let i = 0; i < 5; i++) assert.equal(((await scorer.score(input('hello'))) as { reason?: string }).reason, 'error');
      assert.equal(fake.requests.length, 5);

      const open = await scorer.score(input('hello'));
      assert.deepEqual({ ok: open.ok, reason: !open.ok && open.reason }, { ok: false, reason: 'circuit_open' });
      assert.equal(fake.requests.length, 5);
      assert.equal(scorer.health!().ok, false);
      assert.equal(levels(logs).filter((l) => l === 40).length, 1, 'one warn when the outage starts');

      t = 29_999;
      assert.equal(!(await scorer.score(input('hello'))).ok, true);
      assert.equal(fake.requests.length, 5);

      t = 30_000;
      fake.setDefault({ kind: 'delay', ms: 20 });
      const [probe, second] = await Promise.all([scorer.score(input('hello')), scorer.score(input('hello'))]);
      assert.equal(probe.ok, true);
      assert.equal(!second.ok && second.reason, 'circuit_open');
      assert.equal(fake.requests.length, 6);
      assert.equal(scorer.health!().ok, true);

      assert.equal((await scorer.score(input('hello'))).ok, true);
      assert.equal(levels(logs).filter((l) => l === 30).length, 1, 'one info when it recovers');
      assert.equal(levels(logs).filter((l) => l === 40).length, 1);
      assert.ok(logs.some((l) => l.includes('perspective recovered')), logs.join(''));
      assertNoKey(probe, logs);
    });

    it('a failed probe reopens the circuit without a second warning', async () => {
      let t = 0;
      const { scorer, logs } = makeScorer(fake.origin, { now: () => t, retries: 0, breakerThreshold: 2, breakerCooldownMs: 1_000 });
      fake.setDefault({ kind: 'status', status: 500 });
      await scorer.score(input('hello'));
      await scorer.score(input('hello'));
      t = 1_000;
      assert.equal(!(await scorer.score(input('hello'))).ok, true); // the probe fails
      assert.equal(fake.requests.length, 3);
      const again = await scorer.score(input('hello'));
      assert.equal(!again.ok && again.reason, 'circuit_open');
      assert.equal(fake.requests.length, 3);
      assert.equal(levels(logs).filter((l) => l === 40).length, 1);
      assert.match(scorer.health!().detail ?? '', /circuit open/);
    });

    it('per-comment 400s (unsupported language) do not open the circuit', async () => {
      const { scorer } = makeScorer(fake.origin, { breakerThreshold: 2 });
      for (let i = 0; i < 3; i++) await scorer.score(input('vanakkam', 'ta'));
      assert.equal((await scorer.score(input('hello'))).ok, true);
      assert.equal(fake.requests.length, 4);
    });
  });

  describe('configuration', () => {
    it('rejects unknown attributes and a missing TOXICITY, without echoing the key', () => {
      assert.throws(() => makeScorer(fake.origin, { attributes: ['TOXICITY', 'FLIRTATION'] }), /unknown attribute "FLIRTATION"/);
      assert.throws(() => makeScorer(fake.origin, { attributes: ['INSULT'] }), /must include TOXICITY/);
      assert.throws(() => makeScorer(fake.origin, { apiKey: '' }), /apiKey is required/);
      assert.throws(() => makeScorer(fake.origin, { qps: 0 }), (e: Error) => !e.message.includes(KEY) && /qps/.test(e.message));
    });
  });
});
