// The toxicity nudge across the whole band, through the public API on PGlite and PostgreSQL, scored by
// the OpenAI scorer against its fake: the author may revise first in the hold and the reject band;
// posted anyway, a rejected comment is said to be rejected, while spam still reads as held.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { comments } from '../../server/db/schema.js';
import type { Site } from '../../server/sites/store.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/openai.js';
import { createTestApp, jsonRequest, type TestApp } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';

const KEY = 'sk-nudge-test-key';
const HOLD = 'You are wrong about the budget [[openai:harassment=0.85]]';
const REJECT = 'You are wrong about the bridge [[openai:harassment=0.97]]';
let ip = 0;
const nextIp = () => `198.18.0.${(ip++ % 250) + 1}`;

for (const driver of DRIVERS) {
  describe(`toxicity nudge across the band [${driver}]`, { skip: skipFor(driver) }, () => {
    let fake: FakeOpenAi;
    let t: TestApp;
    let site: Site;

    before(async () => {
      fake = await startFakeOpenAi({ keys: [KEY] });
      t = await createTestApp({ driver, env: { PARLEY_SCORER: 'openai', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl, OPENAI_QPS: '1000' } });
      site = await t.createSite({ settings: { mode: 'post', nudge: true } });
    });
    after(async () => {
      await t?.close();
      await fake?.close();
    });

    const post = async (article: string, body: Record<string, unknown>, s = site) => {
      const res = await t.app.request(
        `/api/v1/sites/${s.slug}/articles/${article}/comments`,
        jsonRequest('POST', { name: 'Meena', email: 'meena@example.com', ...body }, { 'x-forwarded-for': nextIp() }),
      );
      return { status: res.status, json: (await res.json()) as { comment?: { id: number; status: string; body: string }; authorToken?: string; error?: Record<string, unknown> } };
    };
    const stored = async (body: string) => t.deps.db.select().from(comments).where(eq(comments.body, body));

    it('in the hold band: asks first (nothing stored), then holds it for a moderator', async () => {
      const nudge = await post('hold', { body: HOLD });
      assert.equal(nudge.status, 422);
      assert.equal(nudge.json.error!.code, 'TOXIC_NUDGE');
      assert.deepEqual(nudge.json.error!.nudge, { band: 'hold', attribute: 'INSULT' });
      assert.deepEqual(await stored(HOLD), []);
      const anyway = await post('hold', { body: HOLD, acknowledgeNudge: true });
      assert.equal(anyway.status, 202);
      assert.equal(anyway.json.comment!.status, 'pending');
    });

    it('in the reject band: asks first too, then says plainly that it will not be published', async () => {
      const nudge = await post('reject', { body: REJECT });
      assert.equal(nudge.status, 422);
      assert.deepEqual(nudge.json.error!.nudge, { band: 'reject', attribute: 'INSULT' });
      assert.match(String(nudge.json.error!.message), /most likely not be published/);
      assert.deepEqual(await stored(REJECT), [], 'a nudge stores nothing');

      const anyway = await post('reject', { body: REJECT, acknowledgeNudge: true });
      assert.equal(anyway.status, 202);
      assert.equal(anyway.json.comment!.status, 'rejected');
      assert.equal(anyway.json.comment!.body, REJECT, 'its author gets the text back to revise');
      const [row] = await stored(REJECT);
      assert.equal(row!.status, 'rejected');
      assert.equal(row!.reasons[0]!.band, 'reject');
      // It is not among the author's own comments afterwards, and nobody else sees it.
      const own = await t.app.request(`/api/v1/sites/${site.slug}/articles/reject/comments`, { headers: { 'x-parley-author-token': anyway.json.authorToken! } });
      assert.deepEqual(((await own.json()) as { comments: unknown[] }).comments, []);
    });

    it('with the nudge off, a comment in the reject band is rejected at once and said so', async () => {
      const quiet = await t.createSite({ settings: { mode: 'post', nudge: false } });
      const res = await post('quiet', { body: REJECT }, quiet);
      assert.deepEqual([res.status, res.json.comment!.status], [202, 'rejected']);
    });

    it('answers spam exactly like a held comment, toxic or not (spammers learn nothing)', async () => {
      const held = await post('spam', { body: 'Calm words about the budget [[openai:harassment=0.85]]', acknowledgeNudge: true });
      const spam = await post('spam', { body: REJECT.replace('bridge', 'market'), hp: 'https://casino.example' });
      assert.deepEqual([spam.status, spam.json.comment!.status], [held.status, held.json.comment!.status]);
      assert.deepEqual(Object.keys(spam.json).sort(), Object.keys(held.json).sort());
      assert.deepEqual(Object.keys(spam.json.comment!).sort(), Object.keys(held.json.comment!).sort());
      assert.equal((await stored(REJECT.replace('bridge', 'market')))[0]!.status, 'spam');
    });

    it('tells the author when an edit puts their comment in the reject band', async () => {
      const first = await post('edit', { body: 'A fair point about the council.' });
      assert.equal(first.status, 201);
      const res = await t.app.request(
        `/api/v1/sites/${site.slug}/articles/edit/comments/${first.json.comment!.id}`,
        jsonRequest('PATCH', { body: REJECT }, { 'x-parley-author-token': first.json.authorToken!, 'x-forwarded-for': nextIp() }),
      );
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { comment: { status: string } }).comment.status, 'rejected');
    });
  });
}
