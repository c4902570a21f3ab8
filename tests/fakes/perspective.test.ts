// Tests of the fake Perspective server itself, with plain fetch, so scorer tests can trust it.

import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startFakePerspective, type FakePerspective } from './perspective.js';

const ANALYZE = '/v1alpha1/comments:analyze';

function analyzeBody(text: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ comment: { text }, requestedAttributes: { TOXICITY: {} }, ...extra });
}

describe('fake perspective', () => {
  let fake: FakePerspective;
  const post = (body: string, key: string | null = 'test-key'): Promise<Response> =>
    fetch(`${fake.origin}${ANALYZE}${key === null ? '' : `?key=${key}`}`, { method: 'POST', body });

  before(async () => {
    fake = await startFakePerspective();
  });
  after(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  describe('scoring', () => {
    it('scores lexicon hits deterministically and records the request', async () => {
      const res = await post(analyzeBody('you are an idiot', { requestedAttributes: { TOXICITY: {}, INSULT: {} } }));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=UTF-8');
      const body = (await res.json()) as { attributeScores: Record<string, { summaryScore: { value: number } }>; languages: string[] };
      assert.equal(body.attributeScores.TOXICITY!.summaryScore.value, 0.37);
      assert.equal(body.attributeScores.INSULT!.summaryScore.value, 0.296);
      assert.deepEqual(body.languages, ['en']);
      assert.equal(fake.requests.length, 1);
      assert.equal(fake.requests[0]!.query.key, 'test-key');
      assert.deepEqual(fake.requests[0]!.body, JSON.parse(analyzeBody('you are an idiot', { requestedAttributes: { TOXICITY: {}, INSULT: {} } })));
    });

    it('honours [[score:..]] directives, Hindi lexicon and scoreThreshold', async () => {
      const directive = (await (await post(analyzeBody('fine [[score:TOXICITY=0.91]]'))).json()) as {
        attributeScores: { TOXICITY: { summaryScore: { value: number } } };
      };
      assert.equal(directive.attributeScores.TOXICITY.summaryScore.value, 0.91);
      const hindi = (await (await post(analyzeBody('तुम पागल हो'))).json()) as {
        attributeScores: { TOXICITY: { summaryScore: { value: number } } };
        detectedLanguages: string[];
      };
      assert.equal(hindi.attributeScores.TOXICITY.summaryScore.value, 0.37);
      assert.deepEqual(hindi.detectedLanguages, ['hi']);
      const below = (await (await post(analyzeBody('have a nice day', { requestedAttributes: { TOXICITY: { scoreThreshold: 0.5 } } }))).json()) as Record<string, unknown>;
      assert.equal('attributeScores' in below, false);
    });
  });

  describe('validation', () => {
    it('rejects unsupported languages, explicit and detected', async () => {
      const explicit = await post(analyzeBody('hello', { languages: ['ta'] }));
      assert.equal(explicit.status, 400);
      const e1 = (await explicit.json()) as { error: { message: string; details: { errorType: string }[] } };
      assert.equal(e1.error.message, 'Attribute TOXICITY does not support request languages: ta');
      assert.equal(e1.error.details[0]!.errorType, 'LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE');
      const emoji = (await (await post(analyzeBody('😀🎉'))).json()) as { error: { message: string } };
      assert.equal(emoji.error.message, 'Attribute TOXICITY does not support request languages: und');
      const thai = (await (await post(analyzeBody('hello [[lang:th]]'))).json()) as { error: { message: string } };
      assert.match(thai.error.message, /languages: th$/);
    });

    it('checks key, then JSON, then fields, then text bytes', async () => {
      assert.equal((await post('{}', null)).status, 403);
      const badKey = (await (await post('{}', 'nope')).json()) as { error: { code: number; message: string } };
      assert.equal(badKey.error.code, 400);
      assert.match(badKey.error.message, /API key not valid/);
      const typo = (await (await post('{"comment":{"text":"x"},"requestedAttribute":{}}')).json()) as { error: { message: string } };
      assert.match(typo.error.message, /Unknown name "requestedAttribute"/);
      const tooLong = (await (await post(analyzeBody('क'.repeat(7000)))).json()) as { error: { message: string } };
      assert.equal(tooLong.error.message, 'Comment text was too many bytes. Value (21000) exceeded limit (20480).');
      const empty = (await (await post(analyzeBody(''))).json()) as { error: { message: string } };
      assert.equal(empty.error.message, 'Comment must be non-empty.');
    });
  });

  describe('quota', () => {
    it('answers ok, ok, ok, 429, 429 for 5 concurrent calls with limit 3', async () => {
      const limited = await startFakePerspective({ quota: { limit: 3, windowMs: 60_000 } });
      try {
        const send = (): Promise<number> =>
          fetch(`${limited.origin}${ANALYZE}?key=test-key`, { method: 'POST', body: analyzeBody('hello') }).then((r) => r.status);
        const statuses = await Promise.all([send(), send(), send(), send(), send()]);
        assert.deepEqual([...statuses].sort(), [200, 200, 200, 429, 429]);
        assert.equal(limited.requests.length, 5);
      } finally {
        await limited.close();
      }
    });

    it('frees the window as time passes (injected clock)', async () => {
      let t = 0;
      const limited = await startFakePerspective({ quota: { limit: 1, windowMs: 1000 }, now: () => t });
      try {
        const send = (): Promise<number> =>
          fetch(`${limited.origin}${ANALYZE}?key=test-key`, { method: 'POST', body: analyzeBody('hello') }).then((r) => r.status);
        assert.equal(await send(), 200);
        assert.equal(await send(), 429);
        t = 1500;
        assert.equal(await send(), 200);
      } finally {
        await limited.close();
      }
    });
  });

  describe('faults', () => {
    it('status faults answer Google JSON errors, FIFO then normal', async () => {
      fake.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 429, headers: { 'Retry-After': '2' } });
      const r500 = await post(analyzeBody('x'));
      assert.equal(r500.status, 500);
      assert.equal(((await r500.json()) as { error: { status: string } }).error.status, 'INTERNAL');
      const r429 = await post(analyzeBody('x'));
      assert.equal(r429.status, 429);
      assert.equal(r429.headers.get('retry-after'), '2');
      assert.equal(((await r429.json()) as { error: { status: string } }).error.status, 'RESOURCE_EXHAUSTED');
      assert.equal((await post(analyzeBody('x'))).status, 200);
    });

    it('html502, shutdown, malformed and empty bodies', async () => {
      fake.enqueue({ kind: 'html502' }, { kind: 'shutdown' }, { kind: 'malformed' }, { kind: 'empty' });
      const html = await post(analyzeBody('x'));
      assert.equal(html.status, 502);
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      const gone = await post(analyzeBody('x'));
      assert.equal(gone.status, 404);
      assert.match(await gone.text(), /<html/);
      const malformed = await post(analyzeBody('x'));
      assert.equal(malformed.status, 200);
      assert.equal(await malformed.text(), '{"attributeScores":{"TOXI');
      const empty = await post(analyzeBody('x'));
      assert.equal(empty.status, 200);
      assert.equal(await empty.text(), '');
    });

    it('text directives select faults; reset drops the connection', async () => {
      assert.equal((await post(analyzeBody('x [[fault:503]]'))).status, 503);
      await assert.rejects(post(analyzeBody('x [[fault:reset]]')), TypeError);
      assert.equal(fake.requests.length, 2);
    });

    it('delay answers late but normally', async () => {
      fake.enqueue({ kind: 'delay', ms: 50 });
      const delayed = await post(analyzeBody('hello'));
      assert.equal(delayed.status, 200);
      assert.deepEqual(((await delayed.json()) as { languages: string[] }).languages, ['en']);
    });

    it('slowBody sends headers and 10 bytes, then stalls', async () => {
      const slow = await startFakePerspective();
      slow.setDefault({ kind: 'slowBody', ms: 60_000 });
      try {
        const res = await fetch(`${slow.origin}${ANALYZE}?key=test-key`, { method: 'POST', body: analyzeBody('hello') });
        assert.equal(res.status, 200);
        assert.ok(Number(res.headers.get('content-length')) > 10, 'more body than the first 10 bytes');
        const reader = res.body!.getReader();
        let got = 0;
        while (got < 10) {
          const { value, done } = await reader.read();
          assert.equal(done, false);
          got += value!.byteLength;
        }
        assert.equal(got, 10);
        const rest = reader.read();
        await slow.close();
        await assert.rejects(rest);
      } finally {
        await slow.close();
      }
    });

    it('hang never answers until close() destroys it', async () => {
      const hanging = await startFakePerspective();
      hanging.setDefault({ kind: 'hang' });
      const pending = fetch(`${hanging.origin}${ANALYZE}?key=test-key`, { method: 'POST', body: analyzeBody('x') });
      let settled = false;
      void pending.then(
        () => (settled = true),
        () => (settled = true),
      );
      while (hanging.requests.length === 0) await new Promise((r) => setImmediate(r));
      assert.equal(settled, false);
      await hanging.close();
      await assert.rejects(pending, TypeError);
    });

    it('control plane enqueues and lists requests without recording itself', async () => {
      const ctl = await fetch(`${fake.origin}/__fake/enqueue`, { method: 'POST', body: JSON.stringify({ kind: 'status', status: 403 }) });
      assert.equal(ctl.status, 200);
      assert.equal((await post(analyzeBody('x'))).status, 403);
      const listed = (await (await fetch(`${fake.origin}/__fake/requests`)).json()) as unknown[];
      assert.equal(listed.length, 1);
      await fetch(`${fake.origin}/__fake/reset`, { method: 'POST' });
      assert.equal(fake.requests.length, 0);
    });

    it('unknown paths answer 404 JSON', async () => {
      const res = await fetch(`${fake.origin}/v1alpha1/nope?key=test-key`, { method: 'POST', body: '{}' });
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { error: { message: string } }).error.message, 'Method not found: /v1alpha1/nope');
    });
  });

  it('runs as a child process and prints its origin', async () => {
    const file = fileURLToPath(new URL('./perspective.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', file, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      while (!out.includes('\n')) {
        const [chunk] = (await once(child.stdout, 'data')) as [string];
        out += chunk;
      }
      const { origin } = JSON.parse(out.split('\n')[0]!) as { origin: string };
      assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${origin}${ANALYZE}?key=test-key`, { method: 'POST', body: analyzeBody('you are stupid') });
      assert.equal(res.status, 200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
