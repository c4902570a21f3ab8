// A public thread page assembled from per-comment JSON (threads/assemble.ts, fragments.ts) is byte for
// byte the JSON of the same Thread built straight from the database, cold and with fragments kept
// across changes (new comments, replies, a removed parent, an edit, a pick, a staff reply), for both
// sort orders and a cursor page, on PGlite and PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { comments } from '../../server/db/schema.js';
import { changeCommentStatus, type StatusColumns } from '../../server/comments/status.js';
import { findArticle } from '../../server/comments/store.js';
import { isClosed } from '../../server/comments/closing.js';
import { assembleJson } from '../../server/threads/assemble.js';
import { assemblePage, buildThread, type ThreadQueryInput } from '../../server/threads/read.js';
import { createTestApp, jsonRequest, type TestApp } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';
import type { Site } from '../../server/sites/store.js';

let ipCounter = 0;

describe('assembleJson', () => {
  it('equals JSON.stringify with the list spliced in its place, whatever else the envelope carries', () => {
    const items = [{ id: 1, body: 'नमस्ते 👋 "quoted" \u2028 line' }, { id: 2, body: 'x', featured: true, mine: undefined }];
    const envelopes = [
      { article: { key: 'k', title: null, closed: false }, comments: [], nextCursor: null, total: 2 },
      { comments: [], total: 0 },
      { head: 'first', gone: undefined, comments: [], best: [3, 1], tail: { a: undefined, b: 'ü' } },
    ];
    for (const envelope of envelopes) {
      const expected = JSON.stringify({ ...envelope, comments: items });
      const got = assembleJson(envelope, 'comments', items.map((c) => Buffer.from(JSON.stringify(c)))).toString();
      assert.equal(got, expected);
      assert.equal(assembleJson(envelope, 'comments', []).toString(), JSON.stringify(envelope));
    }
  });
});

for (const driver of DRIVERS) {
  describe(`thread page assembled from comment fragments [${driver}]`, { skip: skipFor(driver) }, () => {
    let t: TestApp;
    let site: Site;
    const KEY = 'assembled';

    before(async () => {
      t = await createTestApp({ driver });
      site = await t.createSite({ settings: { mode: 'post', floodSeconds: 0, duplicateWindowHours: 0, maxDepth: 5 } });
    });
    after(async () => t?.close());

    const post = async (body: string, parentId?: number) => {
      const res = await t.app.request(
        `/api/v1/sites/${site.slug}/articles/${KEY}/comments`,
        jsonRequest('POST', { name: `Reader ${ipCounter}`, email: `r${ipCounter}@example.com`, body, parentId }, { 'x-forwarded-for': `198.51.100.${(++ipCounter % 250) + 1}` }),
      );
      assert.equal(res.status, 201, await res.clone().text());
      return ((await res.json()) as { comment: { id: number } }).comment.id;
    };
    const change = async (id: number, to: 'approved' | 'rejected', extra: StatusColumns = {}, columns: Partial<typeof comments.$inferInsert> = {}) => {
      await t.deps.db.transaction(async (tx) => {
        if (Object.keys(columns).length > 0) await tx.update(comments).set(columns).where(eq(comments.id, id));
        const [row] = await tx.select().from(comments).where(eq(comments.id, id));
        assert.ok(await changeCommentStatus(tx, t.deps.bus, row!, { to, actor: { type: 'system' }, action: 'test', extra }));
      });
    };
    const QUERIES: ThreadQueryInput[] = [
      { sort: 'oldest', limit: 50 },
      { sort: 'newest', limit: 50 },
      { sort: 'oldest', limit: 2 },
      { sort: 'newest', limit: 2 },
    ];
    /** Every query's assembled page against the plain build, reading cursors from the plain pages. */
    const assertSame = async (what: string) => {
      const article = (await findArticle(t.deps.db, site.id, KEY))!;
      const closed = isClosed(article, site.settings, t.deps.now());
      for (const first of QUERIES) {
        let q: ThreadQueryInput | undefined = first;
        for (let page = 0; q && page < 5; page++) {
          const plain = await buildThread(t.deps, site, article, q);
          const assembled = await assemblePage(t.deps, site, article, closed, q);
          assert.equal(assembled.toString(), JSON.stringify(plain), `${what}: ${JSON.stringify(q)}`);
          q = plain.nextCursor ? { ...q, cursor: plain.nextCursor } : undefined;
        }
      }
    };

    it('equals the plain build, cold and warm, across every kind of change', async () => {
      const a = await post('First, in Hindi: यह एक टिप्पणी है।');
      const b = await post('Second 👋 with "quotes" and a\nnew line');
      const a1 = await post('A reply to the first', a);
      const a2 = await post('A reply to the reply', a1);
      await post('Three levels down', a2);
      await post('Third');
      t.deps.threadCache.clear();
      await assertSame('cold');
      await assertSame('warm (every comment from its fragment)');
      assert.ok(t.deps.threadCache.fragments.bytes > 0, 'fragments were kept');

      await post('A late reply to the second', b);
      await post('Fourth');
      await assertSame('after new comments');

      // The first comment is taken down while its replies stay: a removed placeholder.
      await change(a, 'rejected');
      await assertSame('after a removal with replies');
      // An editor's pick and a staff mark change a kept comment's public form.
      await change(b, 'approved', { featuredAt: new Date('2026-12-01T00:00:00Z') });
      await assertSame('after a pick');
      await change(a1, 'approved', {}, { moderatorId: 1 });
      await assertSame('after a staff mark');
      // The author edits within the window (through the API, with their token).
      const res = await t.app.request(
        `/api/v1/sites/${site.slug}/articles/${KEY}/comments`,
        jsonRequest('POST', { name: 'Editor', email: 'editor@example.com', body: 'Before the edit' }, { 'x-forwarded-for': '192.0.2.200' }),
      );
      const { comment, authorToken } = (await res.json()) as { comment: { id: number }; authorToken: string };
      await assertSame('before an edit');
      const edit = await t.app.request(
        `/api/v1/sites/${site.slug}/articles/${KEY}/comments/${comment.id}`,
        jsonRequest('PATCH', { body: 'After the edit' }, { 'x-parley-author-token': authorToken }),
      );
      assert.equal(edit.status, 200, await edit.clone().text());
      await assertSame('after an edit');
      // A chain taken down under the removed first comment: three placeholders in a row above the reply
      // that stays (the middle one is found only through the others).
      await change(a1, 'rejected');
      await change(a2, 'rejected');
      await assertSame('after removals between a removed root and a kept reply');
      const page = await assemblePage(t.deps, site, (await findArticle(t.deps.db, site.id, KEY))!, false, { sort: 'oldest', limit: 50 });
      const shown = (JSON.parse(page.toString()) as { comments: { id: number; status: string }[] }).comments;
      assert.deepEqual(shown.filter((c) => [a, a1, a2].includes(c.id)).map((c) => c.status), ['removed', 'removed', 'removed']);
    });
  });
}
