// Unexpected failures: the client gets the generic INTERNAL envelope (no message, stack, path or
// secret of the cause), and the log keeps what an operator needs (the cause's message and stack).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Site } from '../../server/sites/store.js';
import { createTestApp, jsonRequest, type TestApp } from '../helpers/app.js';
import { assertClean } from './helpers/http.js';

const CAUSE = 'kaboom-7f3a: connection string postgres://parley:hunter2@db.internal/parley';

describe('unexpected errors', () => {
  let t: TestApp;
  let site: Site;

  before(async () => {
    t = await createTestApp();
    site = await t.createSite({ settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 } });
  });
  after(async () => t?.close());

  it('answers 500 INTERNAL with a generic message and a request id, and nothing of the cause', async () => {
    const real = t.deps.siteCache.get;
    t.deps.siteCache.get = async () => Promise.reject(new Error(CAUSE));
    try {
      const res = await t.app.request(`/api/v1/sites/${site.slug}/config`);
      const text = await res.text();
      assert.equal(res.status, 500);
      const { error } = JSON.parse(text);
      assert.equal(error.code, 'INTERNAL');
      assert.equal(error.requestId, res.headers.get('x-request-id'));
      for (const leak of ['kaboom', 'hunter2', 'postgres://', '/work/', '.ts:', ' at ']) assert.ok(!text.includes(leak), `the answer shows "${leak}"`);
      assertClean('500 answer', 499, text, res.headers, { secrets: ['hunter2', t.config.PARLEY_SECRET!] });
    } finally {
      t.deps.siteCache.get = real;
    }
  });

  it(
    'logs the cause of a 500 with its message and stack, under the request id',
    async () => {
      const line = t.logs.lines.find((l) => l.includes('"unhandled error"'));
      assert.ok(line, 'the 500 was logged');
      const entry = JSON.parse(line) as { err?: { message?: string; stack?: string }; requestId?: string };
      assert.match(entry.err?.message ?? '', /kaboom-7f3a/, `logged as ${JSON.stringify(entry.err)}`);
      assert.match(entry.err?.stack ?? '', /at /);
      assert.ok(entry.requestId);
    },
  );

  it(
    'keeps a comment as unscored (202, re-scoring job) when the scorer throws instead of returning a failure',
    async () => {
      const real = t.deps.scorer;
      t.deps.scorer = { name: 'throwing', score: async () => Promise.reject(new Error('scorer bug')) };
      try {
        const res = await t.app.request(`/api/v1/sites/${site.slug}/articles/e/comments`, jsonRequest('POST', { body: 'kept despite the scorer', name: 'n', email: 'n@example.com' }, { 'x-forwarded-for': '192.0.2.51' }));
        assert.equal(res.status, 202, await res.clone().text());
      } finally {
        t.deps.scorer = real;
      }
    },
  );
});
