// PARLEY_SCORER=lexicon,openai end to end: a real Parley over HTTP on loopback, OpenAI's fake on
// 127.0.0.1, on PGlite and on PostgreSQL. Both scorers answering, OpenAI down (the lexicon's score
// kept, the comment never lost, a re-score for OpenAI only), a failure that would repeat, /readyz
// per scorer, and every scorer down (openai + perspective: unscored, as with one scorer).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { comments, jobs } from '../../server/db/schema.js';
import { createRescoreWorker } from '../../server/moderation/rescore.js';
import { insertSite, type Site } from '../../server/sites/store.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/openai.js';
import { startFakePerspective } from '../fakes/perspective.js';
import { createTestApp, jsonRequest } from '../helpers/app.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const KEY = 'sk-parley-e2e-0123456789';
const BENIGN = 'The bridge budget was approved today.';
let ip = 0;
const nextIp = () => `192.0.2.${(ip++ % 250) + 1}`;

/** Defines the suite for one driver; scorers.pglite.test.ts and scorers.postgres.test.ts run it. */
export function defineScorerTests(driver: Driver): void {
  describe(`combined scorers lexicon + openai over HTTP [${driver}]`, { skip: skipFor(driver) }, () => {
    let fake: FakeOpenAi;
    let server: TestServer;
    let site: Site;
    let clock = new Date('2026-12-10T09:00:00Z');

    before(async () => {
      fake = await startFakeOpenAi({ keys: [KEY] });
      server = await startTestServer({
        driver,
        now: () => clock,
        env: {
          PARLEY_SCORER: 'lexicon,openai',
          OPENAI_API_KEY: KEY,
          OPENAI_BASE_URL: fake.baseUrl,
          OPENAI_QPS: '1000',
          OPENAI_TIMEOUT_MS: '3000',
          PARLEY_DEMO: 'false',
          // The test runs the re-scoring worker itself, with the clock moved on.
          PARLEY_RESCORE_INTERVAL_MS: '3600000',
        },
      });
      site = await insertSite(server.deps.db, {
        slug: `scorers-${driver}`,
        name: 'Scorers',
        allowedOrigins: [],
        locale: 'en',
        settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, nudge: false, scorerFailurePolicy: 'hold' },
      });
    });
    after(async () => {
      await server?.close();
      await fake?.close();
    });

    const post = async (body: string) => {
      const res = await fetch(`${server.url}/api/v1/sites/${site.slug}/articles/bridge/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
        body: JSON.stringify({ body, name: 'Ravi', email: 'ravi@example.com' }),
      });
      const json = (await res.json()) as { comment: { id: number } };
      return { status: res.status, id: json.comment?.id, json };
    };
    const row = async (id: number) => (await server.deps.db.select().from(comments).where(eq(comments.id, id)))[0]!;
    const jobFor = async (id: number) => (await server.deps.db.select().from(jobs).where(eq(jobs.commentId, id)))[0];

    it('asks both; the highest score per attribute wins and the reason names the scorer that gave it', async () => {
      fake.reset();
      const text = `${BENIGN} [[openai:harassment/threatening=0.9]]`;
      const res = await post(text);
      assert.equal(res.status, 202);
      const stored = await row(res.id);
      assert.equal(stored.status, 'pending');
      assert.equal(stored.scoreState, 'scored');
      const reason = stored.reasons[0]!;
      assert.deepEqual([reason.code, reason.attribute, reason.provider, reason.score], ['toxicity', 'THREAT', 'openai', 0.9]);
      assert.equal(stored.scores!.THREAT, 0.9);
      assert.equal(stored.scores!['openai:harassment/threatening'], 0.9, "OpenAI's raw category is kept");
      assert.ok(stored.scores!['lexicon:TOXICITY']! < 0.5, "the lexicon's own score is kept next to it");
      assert.equal(fake.requests.length, 1);
      assert.deepEqual(fake.requests[0]!.body, { model: 'omni-moderation-2024-09-26', input: text });
      assert.equal(await jobFor(res.id), undefined);
    });

    it("keeps the lexicon's score when OpenAI is down, loses no comment, and re-scores for OpenAI later", async () => {
      fake.reset();
      fake.setDefault({ kind: 'status', status: 503 });
      const profane = await post('What a load of fucking nonsense, you bastard.');
      const hidden = await post(`See you at the council office. [[openai:harassment/threatening=0.9]]`);
      const clean = await post(`${BENIGN} Well done, council.`);

      // The lexicon judged alone: its hold stands, with its own name on it...
      assert.equal(profane.status, 202);
      const held = await row(profane.id);
      assert.notEqual(held.status, 'approved');
      assert.equal(held.reasons[0]!.provider, 'lexicon');
      assert.equal(held.scoreState, 'partial');
      // ...and what it found clean is published, though a scorer was missing (it was scored).
      assert.deepEqual([hidden.status, clean.status], [201, 201]);
      // A rejection stands whatever OpenAI would add (scores only rise): no job for it.
      const waiting = held.status === 'rejected' ? [hidden, clean] : [profane, hidden, clean];
      if (held.status === 'rejected') assert.equal(await jobFor(held.id), undefined);
      for (const r of [held, await row(hidden.id), await row(clean.id)]) assert.equal(r.scoreState, 'partial');
      for (const r of waiting) assert.ok((await jobFor(r.id))?.lastError?.includes('openai: unavailable'), 'a re-scoring job waits for OpenAI');

      const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; scorer: { name: string; scorers: { name: string; ok: boolean; detail: string }[] } };
      assert.equal(ready.status, 'ok', 'a scorer outage does not make Parley unready');
      assert.equal(ready.scorer.name, 'lexicon+openai');
      assert.deepEqual(ready.scorer.scorers.map((s) => s.name), ['lexicon', 'openai']);
      assert.match(ready.scorer.scorers[1]!.detail, /^openai: 3 consecutive failure\(s\), last unavailable$/);

      // OpenAI is back: the worker asks again (the lexicon answers the same) and completes the scores.
      fake.setDefault(null);
      clock = new Date(clock.getTime() + 31_000);
      const worker = createRescoreWorker(server.deps);
      const pass = await worker.runOnce();
      assert.deepEqual(pass, { claimed: waiting.length, scored: waiting.length, failed: 0 });
      for (const r of waiting) {
        assert.equal((await row(r.id)).scoreState, 'scored');
        assert.equal(await jobFor(r.id), undefined);
      }
      // What OpenAI alone could see takes the published comment down for review; the clean one stays.
      const takenDown = await row(hidden.id);
      assert.equal(takenDown.status, 'pending');
      assert.deepEqual([takenDown.reasons.at(-1)!.code, takenDown.reasons.at(-1)!.provider], ['toxicity', 'openai']);
      assert.equal((await row(clean.id)).status, 'approved');
      assert.equal((await row(profane.id)).status, held.status, 'a held comment keeps its hold');
      const thread = (await (await fetch(`${server.url}/api/v1/sites/${site.slug}/articles/bridge/comments`)).json()) as { comments: { id: number }[] };
      assert.deepEqual(thread.comments.map((c) => c.id).filter((id) => id === hidden.id || id === clean.id), [clean.id]);
    });

    it('does not retry a failure that would repeat (OpenAI refused this text)', async () => {
      fake.reset();
      const res = await post(`${BENIGN} [[fault:400]]`);
      assert.equal(res.status, 201);
      assert.equal((await row(res.id)).scoreState, 'partial');
      assert.equal(await jobFor(res.id), undefined);
    });

    it('never writes the OpenAI key to the logs', () => {
      assert.ok(server.logs.text.length > 0);
      assert.ok(!server.logs.text.includes(KEY));
    });

    it('keeps the comment unscored when every combined scorer is down: held by the failure policy, with one re-scoring job', async () => {
      const perspective = await startFakePerspective({ validKeys: [KEY] });
      // A second process on the same database, configured with two remote scorers.
      const t = await createTestApp({
        driver,
        database: server.database,
        env: {
          PARLEY_SCORER: 'openai,perspective',
          OPENAI_API_KEY: KEY,
          OPENAI_BASE_URL: fake.baseUrl,
          PERSPECTIVE_API_KEY: KEY,
          PERSPECTIVE_BASE_URL: perspective.origin,
          PERSPECTIVE_QPS: '1000',
          OPENAI_QPS: '1000',
        },
      });
      try {
        fake.reset();
        fake.setDefault({ kind: 'status', status: 500 });
        perspective.setDefault({ kind: 'status', status: 503 });
        const res = await t.app.request(
          `/api/v1/sites/${site.slug}/articles/down/comments`,
          jsonRequest('POST', { body: BENIGN, name: 'Ravi', email: 'ravi@example.com' }, { 'x-forwarded-for': nextIp() }),
        );
        assert.equal(res.status, 202);
        const id = ((await res.json()) as { comment: { id: number } }).comment.id;
        const stored = await row(id);
        assert.equal(stored.scoreState, 'unscored');
        assert.deepEqual(stored.reasons, [{ code: 'unscored', message: 'scorer unavailable: unavailable', scorer: 'openai+perspective', failure: 'unavailable' }]);
        assert.ok(await jobFor(id));
        assert.ok(!t.logs.text.includes(KEY));
      } finally {
        fake.setDefault(null);
        await t.close();
        await perspective.close();
      }
    });
  });
}
