// Posting's batched statements on both drivers: a batch stores each comment as posting alone
// would, refuses a second post of one author inside the same batch, isolates a bad item, and
// concurrent batches over the same articles in opposite orders never deadlock.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray, sql } from 'drizzle-orm';
import { articles, comments } from '../../server/db/schema.js';
import { createPostingStore, findPostingContexts, storeComments, type StoreCommentInput } from '../../server/comments/store.js';
import { insertSite } from '../../server/sites/store.js';
import type { Database } from '../../server/db/client.js';
import { createTestDatabase, DRIVERS, skipFor, type TestDatabase } from '../helpers/db.js';

let n = 0;
function input(siteId: number, over: Partial<StoreCommentInput> = {}): StoreCommentInput {
  n++;
  return {
    siteId,
    articleId: null,
    articleKey: 'a',
    articleUrl: null,
    articleTitle: null,
    parentId: null,
    rootId: null,
    depth: 0,
    authorName: 'Asha',
    authorEmail: `asha${n}@example.com`,
    authorWebsite: null,
    moderatorId: null,
    body: `comment ${n}`,
    status: 'approved',
    reasons: [],
    scores: null,
    scoreState: 'skipped',
    ipHash: `ip-${n}`,
    userAgent: null,
    authorTokenHash: `token-${n}`,
    now: new Date(),
    floodLocks: [],
    floodSince: null,
    rescoreAt: null,
    rescoreError: null,
    ...over,
  };
}

for (const driver of DRIVERS) {
  describe(`posting store [${driver}]`, { skip: skipFor(driver) }, () => {
    let database: TestDatabase;
    let siteId: number;

    before(async () => {
      database = await createTestDatabase(driver);
      siteId = (await insertSite(database.db, { slug: 'posting', name: 'Posting' })).id;
    });
    after(async () => database?.drop());

    it('stores a batch: results in the caller’s order, counts and versions right, one new article made once', async () => {
      const batch = [input(siteId, { articleKey: 'new-b' }), input(siteId, { articleKey: 'new-a' }), input(siteId, { articleKey: 'new-b', status: 'pending' })];
      const results = await storeComments(database, batch);
      assert.deepEqual(results.map((r) => r.kind), ['stored', 'stored', 'stored']);
      const rows = await database.db.select().from(comments).where(inArray(comments.id, results.map((r) => (r.kind === 'stored' ? r.commentId : 0))));
      const byId = new Map(rows.map((r) => [r.id, r]));
      results.forEach((r, i) => assert.equal(r.kind === 'stored' && byId.get(r.commentId)?.body, batch[i]!.body));
      const [b] = await database.db.select().from(articles).where(eq(articles.key, 'new-b'));
      assert.equal(b!.commentCount, 1, 'only the approved comment counts');
      assert.equal(results[0]!.kind === 'stored' && results[0]!.articleCreated, true);
      assert.equal(results[2]!.kind === 'stored' && results[2]!.articleCreated, false);
      const contexts = await findPostingContexts(database, [
        { siteId, articleKey: 'new-b', parentId: null, ipHash: batch[0]!.ipHash, email: batch[0]!.authorEmail, body: batch[0]!.body, now: new Date(), floodSince: new Date(Date.now() - 60_000), duplicateSince: new Date(Date.now() - 60_000) },
        { siteId, articleKey: 'nowhere', parentId: null, ipHash: 'fresh', email: null, body: 'x', now: new Date(), floodSince: null, duplicateSince: null },
      ]);
      assert.equal(contexts[0]!.article?.id, b!.id);
      assert.equal(contexts[0]!.author.duplicate, true);
      assert.ok(contexts[0]!.author.lastPostAt);
      assert.equal(contexts[0]!.author.approvedCount, 1);
      assert.equal(contexts[1]!.article, null);
      assert.deepEqual(contexts[1]!.author, {
        banned: false,
        lastPostAt: null,
        duplicate: false,
        approvedCount: 0,
        emailConfirmed: false,
        emailProven: false,
        desk: { hold: false, trust: false, suspendedUntil: null, suspensionMessage: null },
      });
    });

    it('records the version that published each comment; a held comment filling a missing title bumps the article', async () => {
      const version = async () => (await database.db.select().from(articles).where(eq(articles.key, 'fill')))[0]!;
      const commentOf = async (r: Awaited<ReturnType<typeof storeComments>>[number]) =>
        (await database.db.select().from(comments).where(eq(comments.id, r.kind === 'stored' ? r.commentId : 0)))[0]!;
      const [first] = await storeComments(database, [input(siteId, { articleKey: 'fill' })]);
      const created = await version();
      assert.deepEqual([created.version, created.title, (await commentOf(first!)).articleVersion], [1, null, 1]);
      const [second] = await storeComments(database, [input(siteId, { articleKey: 'fill', articleId: created.id })]);
      assert.deepEqual([(await version()).version, (await commentOf(second!)).articleVersion], [2, 2]);
      // The title shows in the public thread, so filling it is a change readers must see.
      const [held] = await storeComments(database, [input(siteId, { articleKey: 'fill', status: 'pending', articleTitle: 'A title' })]);
      const filled = await version();
      assert.deepEqual([filled.version, filled.title, filled.commentCount], [3, 'A title', 2]);
      assert.equal(held!.kind === 'stored' && held!.articleVersion, 3);
      assert.equal((await commentOf(held!)).articleVersion, null, 'a held comment is not part of any public version');
      const [later] = await storeComments(database, [input(siteId, { articleKey: 'fill', articleId: created.id, status: 'pending' })]);
      assert.equal(later!.kind === 'stored' && later!.articleVersion, null, 'a held comment leaves a known article alone');
      assert.equal((await version()).version, 3);
    });

    it('refuses the second post of one author within one batch (flood), storing the first', async () => {
      const since = new Date(Date.now() - 15_000);
      const locks = ['flood:x:ip:same-reader'];
      const [first, second] = await storeComments(database, [
        input(siteId, { ipHash: 'same-reader', floodLocks: locks, floodSince: since }),
        input(siteId, { ipHash: 'same-reader', floodLocks: locks, floodSince: since }),
      ]);
      assert.equal(first!.kind, 'stored');
      assert.equal(second!.kind, 'flooded');
    });

    it('fails only the bad item of a batch (retried one by one)', async () => {
      const store = createPostingStore(database, { maxInFlight: 1 });
      const first = store.store(input(siteId));
      const rest = [input(siteId), input(siteId, { articleId: 987_654_321 }), input(siteId)].map((c) => store.store(c));
      assert.equal((await first).kind, 'stored');
      const settled = await Promise.allSettled(rest);
      assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'rejected', 'fulfilled']);
    });

    it('plans the context lookup as lookups per post, never a hash or a scan of the comments table', async () => {
      // The planner takes the batch (jsonb_to_recordset) for 100 rows; a plain join or EXISTS on a
      // small table was planned as a hash over all of it, once per batch (1.4 ms at 3,000 comments).
      await storeComments(database, Array.from({ length: 300 }, () => input(siteId, { articleKey: 'planned' })));
      await database.db.execute(sql`analyze comments`);
      await database.db.execute(sql`analyze subscribers`);
      const plans: string[] = [];
      const explaining: Pick<Database, 'query'> = {
        query: async <T,>(text: string, params: readonly unknown[]): Promise<T[]> => {
          const rows = await database.query<Record<string, unknown>>(`explain (format json) ${text}`, params);
          plans.push(JSON.stringify(rows[0]));
          return [{ i: 0 }, { i: 1 }] as T[];
        },
      };
      const query = (i: number) => ({ siteId, articleKey: 'planned', parentId: i === 1 ? 1 : null, ipHash: `ip-${i}`, email: `p${i}@example.com`, tokenHash: `t${i}`, body: `b${i}`, now: new Date(), floodSince: new Date(Date.now() - 60_000), duplicateSince: new Date(Date.now() - 86_400_000) });
      await findPostingContexts(explaining, [query(0), query(1)]).catch(() => {});
      assert.equal(plans.length, 1);
      const scans = [...plans[0]!.matchAll(/"Node Type":"Seq Scan"[^}]*?"Relation Name":"(\w+)"/g)].map((m) => m[1]);
      assert.deepEqual(scans.filter((r) => r === 'comments'), [], plans[0]);
      // No join or subquery builds a hash of a whole table (an empty table may be scanned per row).
      assert.doesNotMatch(plans[0]!, /"Node Type":"Hash"|hashed SubPlan/, plans[0]);
      assert.match(plans[0]!, /comments_pkey/);
    });

    it('runs concurrent batches over the same articles in opposite orders without deadlock', async () => {
      const keys = ['x1', 'x2', 'x3', 'x4'];
      await storeComments(database, keys.map((k) => input(siteId, { articleKey: k })));
      const rounds = await Promise.all(
        Array.from({ length: 8 }, (_, r) => storeComments(database, (r % 2 ? [...keys].reverse() : keys).map((k) => input(siteId, { articleKey: k })))),
      );
      // PostgreSQL breaks a deadlock by failing one transaction (40P01), which would reject here.
      assert.ok(rounds.flat().every((x) => x.kind === 'stored'));
      const counts = await database.db.select({ key: articles.key, n: articles.commentCount }).from(articles).where(inArray(articles.key, keys));
      assert.deepEqual(counts.map((c) => c.n), [9, 9, 9, 9]);
    });
  });
}
