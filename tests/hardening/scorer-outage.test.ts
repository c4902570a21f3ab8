// Scorer outage under load: the offline fake Perspective fails every other answer (a rotation of
// fault kinds) while readers post concurrently. No comment is lost, every unscored one has a
// re-scoring job, and once the fake recovers the durable worker scores them all.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import { comments, jobs } from '../../server/db/schema.js';
import { createRescoreWorker } from '../../server/moderation/rescore.js';
import { createPerspectiveScorer } from '../../server/moderation/scorers/perspective.js';
import type { Site } from '../../server/sites/store.js';
import { createTestApp, jsonRequest, type TestApp } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';
import { startFakePerspective, type FakeFault, type FakePerspective } from '../fakes/perspective.js';
import { assertClean, assertNoSecrets } from './helpers/http.js';

const KEY = 'test-key-hardening-0123456789';
const POSTS = 120;
const CONCURRENCY = 8;
const FAULTS: FakeFault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429 },
  { kind: 'reset' },
  { kind: 'html502' },
  { kind: 'malformed' },
  { kind: 'empty' },
  { kind: 'delay', ms: 4000 },
  { kind: 'shutdown' },
  { kind: 'hang' },
];
const OK: FakeFault = { kind: 'delay', ms: 0 };
const totals = { posts: 0, acknowledged: 0, found: 0, faults: 0, rescored: 0 };

for (const driver of DRIVERS) {
  describe(`scorer outage under a posting load [${driver}]`, { skip: skipFor(driver) }, () => {
    let t: TestApp;
    let fake: FakePerspective;
    let site: Site;
    let clock = new Date('2026-11-25T12:00:00Z');

    before(async () => {
      fake = await startFakePerspective({ validKeys: [KEY] });
      t = await createTestApp({ driver, now: () => clock, env: { PERSPECTIVE_API_KEY: KEY } });
      t.deps.scorer = createPerspectiveScorer({
        apiKey: KEY,
        baseUrl: fake.origin,
        attributes: ['TOXICITY', 'INSULT'],
        timeoutMs: 2000,
        qps: 1000,
        retries: 0,
        breakerThreshold: 1000,
        logger: t.deps.logger,
      });
      site = await t.createSite({ settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, scorerFailurePolicy: 'hold' } });
    });
    after(async () => {
      await t?.close();
      await fake?.close();
      if (driver === DRIVERS.at(-1)) {
        console.log(`# hardening scorer-outage totals: posts=${totals.posts} acknowledged=${totals.acknowledged} found=${totals.found} faults=${totals.faults} rescored=${totals.rescored}`);
      }
    });

    it('loses no comment, queues every unscored one, and scores them all once the scorer recovers', async () => {
      // Every other Perspective answer is a fault, cycling through the kinds.
      const plan: FakeFault[] = [];
      for (let i = 0; i < POSTS; i++) plan.push(i % 2 === 0 ? FAULTS[(i / 2) % FAULTS.length]! : OK);
      fake.reset();
      fake.enqueue(...plan);

      const results: { body: string; status: number; id?: number; text: string }[] = [];
      let next = 0;
      const worker = async () => {
        while (next < POSTS) {
          const i = next++;
          const body = `A calm remark number ${i} about the new bridge and the city budget.`;
          const res = await t.app.request(
            `/api/v1/sites/${site.slug}/articles/budget/comments`,
            jsonRequest('POST', { body, name: `Reader ${i}`, email: `reader${i}@example.com` }, { 'x-forwarded-for': `198.18.${i >> 8}.${i & 255}` }),
          );
          const text = await res.text();
          assertClean(`post ${i}`, res.status, text, res.headers, { secrets: [KEY, t.config.PARLEY_SECRET!] });
          results.push({ body, status: res.status, id: res.status < 300 ? JSON.parse(text).comment.id : undefined, text });
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      const analyze = fake.requests.filter((r) => r.path.endsWith(':analyze'));
      const faultsInjected = Math.min(analyze.length, plan.length) - Math.floor(Math.min(analyze.length, plan.length) / 2);
      assert.equal(analyze.length, POSTS, 'one Perspective call per comment (no retries configured)');
      assert.deepEqual(results.filter((r) => r.status !== 201 && r.status !== 202).map((r) => `${r.status} ${r.text.slice(0, 120)}`), [], 'every post is acknowledged');

      // Nothing acknowledged is lost.
      const ids = results.map((r) => r.id!);
      const rows = await t.deps.db.select().from(comments).where(inArray(comments.id, ids));
      assert.equal(rows.length, POSTS);
      for (const r of results) assert.equal(rows.find((row) => row.id === r.id)?.body, r.body);

      // Half were scored and published; the other half held as unscored, each with a job.
      const unscored = rows.filter((r) => r.scoreState === 'unscored');
      const scored = rows.filter((r) => r.scoreState === 'scored');
      // At least one per injected fault; a slow event loop (PGlite runs in-process) can add a timeout or two.
      assert.ok(unscored.length >= faultsInjected && unscored.length <= faultsInjected + POSTS / 10, `${unscored.length} unscored for ${faultsInjected} faults`);
      assert.equal(scored.length + unscored.length, POSTS);
      assert.ok(unscored.every((r) => r.status === 'pending' && r.reasons[0]?.code === 'unscored'), 'the hold policy keeps them pending');
      assert.ok(scored.every((r) => r.status === 'approved'));
      assert.equal(results.filter((r) => r.status === 202).length, unscored.length);
      const queued = await t.deps.db.select().from(jobs).where(eq(jobs.kind, 'rescore'));
      assert.deepEqual(new Set(queued.map((j) => j.commentId)), new Set(unscored.map((r) => r.id)), 'every unscored comment has exactly one job');
      assert.equal(queued.length, unscored.length);

      // The fake recovers; the worker (clock moved past the first backoff) scores everything.
      fake.reset();
      fake.setDefault(null);
      clock = new Date(clock.getTime() + 31_000);
      const worker2 = createRescoreWorker(t.deps);
      let scoredNow = 0;
      for (let pass = 0; pass < 50; pass++) {
        const r = await worker2.runOnce();
        scoredNow += r.scored;
        assert.equal(r.failed, 0, 'no job fails once the scorer is back');
        if (r.claimed === 0) break;
      }
      assert.equal(scoredNow, unscored.length);
      const after = await t.deps.db.select().from(comments).where(inArray(comments.id, ids));
      assert.equal(after.filter((r) => r.scoreState !== 'scored').length, 0, 'no comment is left unscored');
      assert.equal(after.filter((r) => r.status !== 'approved').length, 0, 'the held ones are published once they pass');
      assert.equal((await t.deps.db.select().from(jobs).where(eq(jobs.kind, 'rescore'))).length, 0, 'the queue is empty');
      const thread = await (await t.app.request(`/api/v1/sites/${site.slug}/articles/budget/comments?limit=200`)).json();
      assert.equal(thread.total, POSTS);
      assertNoSecrets('the logs', t.logs.text, [KEY, t.config.PARLEY_SECRET!]);

      totals.posts += POSTS;
      totals.acknowledged += results.length;
      totals.found += rows.length;
      totals.faults += faultsInjected;
      totals.rescored += scoredNow;
    });
  });
}
