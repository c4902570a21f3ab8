// Queues, counts, a comment in context, moderator actions (single and bulk) and replies, with their audit entries.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { articles, auditLog, comments, moderators } from '../../server/db/schema.js';
import { foldQueueCounts } from '../../server/admin/queue.js';
import type { Site } from '../../server/sites/store.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { createAccount } from '../../server/auth/accounts.js';
import { cookieFrom, createAdminTest, type AdminTest, type Session } from './helpers.js';

interface Page {
  comments: { id: number; status: string; site: string; articleKey: string; authorEmail: string | null; body: string; reportedAt: string | null; ipHash: string | null }[];
  nextCursor: string | null;
}

/** Defines the suite for one driver; queue.pglite.test.ts and queue.postgres.test.ts run it. */
export function defineQueueTests(driver: Driver): void {
  describe(`admin queues and actions [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: AdminTest;
    let admin: Session;
    let mod: Session;

    before(async () => {
      a = await createAdminTest({ driver });
      admin = await a.session('admin');
      mod = await a.session('moderator');
    });
    after(async () => a?.close());

    const heldSite = () => a.t.createSite({ settings: { mode: 'pre' } });
    const list = async (who: Session, query: string): Promise<Page> => {
      const res = await a.call(who, 'GET', `/admin/comments?${query}`);
      assert.equal(res.status, 200, await res.clone().text());
      return res.json() as Promise<Page>;
    };
    const act = (id: number, action: string, reason?: string) => a.call(admin, 'POST', `/admin/comments/${id}/actions`, { action, reason });
    const auditFor = (commentId: number) =>
      a.t.deps.db.select().from(auditLog).where(eq(auditLog.commentId, commentId)).orderBy(auditLog.id);
    /** Inserts n held comments straight into the table (fast), oldest first. */
    const seed = async (site: Site, n: number, key = 'seeded') => {
      const [art] = await a.t.deps.db
        .insert(articles)
        .values({ siteId: site.id, key })
        .onConflictDoUpdate({ target: [articles.siteId, articles.key], set: { updatedAt: sql`now()` } })
        .returning();
      const rows = await a.t.deps.db
        .insert(comments)
        .values(
          Array.from({ length: n }, (_, i) => ({
            siteId: site.id,
            articleId: art!.id,
            authorName: `Seed ${i}`,
            authorEmail: `seed${i}@example.com`,
            body: `seeded comment ${i}`,
            status: 'pending' as const,
            createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
          })),
        )
        .returning({ id: comments.id });
      return rows.map((r) => r.id);
    };

    describe('queues', () => {
      it('lists held comments oldest first, with everything a moderator needs and nothing secret', async () => {
        const site = await heldSite();
        const first = await a.comment(site, 'story', { body: 'first held', email: 'Reader@Example.com', website: 'https://reader.example' });
        a.clock.advance(1000);
        const second = await a.comment(site, 'story', { body: 'second held' });
        const page = await list(admin, `site=${site.slug}`);
        assert.deepEqual(page.comments.map((c) => c.id), [first, second]);
        const c = page.comments[0]!;
        assert.equal(c.site, site.slug);
        assert.equal(c.articleKey, 'story');
        assert.equal(c.authorEmail, 'reader@example.com');
        assert.equal(c.status, 'pending');
        assert.equal(c.ipHash?.length, 12);
        assert.deepEqual(Object.keys(c).sort(), [
          'articleKey', 'articleTitle', 'articleUrl', 'author', 'authorEmail', 'authorName', 'authorWebsite', 'body', 'createdAt', 'depth', 'editedAt',
          'featuredAt', 'id', 'ipHash', 'moderatedAt', 'moderatedBy', 'parentId', 'reasons', 'reportCount', 'reportedAt', 'scoreSources', 'scoreState', 'scorerScores', 'scores', 'site', 'status',
        ]);
        const text = JSON.stringify(page);
        for (const secret of ['authorTokenHash', 'userAgent', 'tokenHash']) assert.ok(!text.includes(secret), secret);
        const newest = await list(admin, `site=${site.slug}&sort=newest`);
        assert.deepEqual(newest.comments.map((x) => x.id), [second, first]);
      });

      it('gives every reason as a code with parameters (and the English message), in the queue and the audit log', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post', nudge: false } });
        const scorer = a.t.deps.scorer;
        // A scorer that tells why, as the lexicon does: the words behind the worst attribute.
        a.t.deps.scorer = {
          name: 'lexicon',
          score: async () => ({
            ok: true,
            provider: 'lexicon',
            scores: { TOXICITY: 0.7, THREAT: 0.91 },
            language: 'en',
            evidence: [{ attribute: 'THREAT', text: "I'll break your legs" }],
          }),
        };
        try {
          const toxic = await a.comment(site, 'reasons', { body: "Say that again and I'll break your legs." });
          const links = await a.comment(site, 'reasons', { body: 'see a.com b.com c.com' });
          const page = await list(admin, `site=${site.slug}&article=reasons`);
          const reasons = Object.fromEntries(
            (page.comments as unknown as { id: number; reasons: unknown[] }[]).map((c) => [c.id, c.reasons]),
          );
          assert.deepEqual(reasons[toxic], [
            {
              code: 'toxicity',
              message: "threat 0.91 at or above 0.80 (lexicon): “I'll break your legs”",
              params: { attribute: 'THREAT', score: 0.91, threshold: 0.8, band: 'hold', provider: 'lexicon', evidence: [{ attribute: 'THREAT', text: "I'll break your legs" }] },
            },
          ]);
          assert.deepEqual(reasons[links], [{ code: 'links', message: '3 links, more than 2', params: { count: 3, limit: 2 } }]);
          // Scores: the merged ones, who gave each, and each scorer's own.
          const held = (page.comments as unknown as { id: number; scores: unknown; scoreSources: unknown; scorerScores: unknown }[]).find((c) => c.id === toxic)!;
          assert.deepEqual(held.scores, { TOXICITY: 0.7, THREAT: 0.91 });
          assert.deepEqual(held.scoreSources, { TOXICITY: 'lexicon', THREAT: 'lexicon' });
          assert.deepEqual(held.scorerScores, { lexicon: { TOXICITY: 0.7, THREAT: 0.91 } });
          const audit = await a.call(admin, 'GET', `/admin/audit?commentId=${toxic}`);
          const entries = ((await audit.json()) as { entries: { action: string; reasons: unknown[] }[] }).entries;
          assert.deepEqual(entries.find((e) => e.action === 'create')?.reasons, reasons[toxic]);
        } finally {
          a.t.deps.scorer = scorer;
        }
      });

      it('filters by article, author email and text (LIKE wildcards are literal)', async () => {
        const site = await heldSite();
        const one = await a.comment(site, 'alpha', { body: 'Cricket score: 100% sure', email: 'one@example.com' });
        const two = await a.comment(site, 'beta', { body: 'cricket again', email: 'two@example.com' });
        await a.comment(site, 'beta', { body: 'football', email: 'two@example.com' });
        const ids = (p: Page) => p.comments.map((c) => c.id);
        assert.deepEqual(ids(await list(admin, `site=${site.slug}&article=alpha`)), [one]);
        assert.equal((await list(admin, `site=${site.slug}&email=TWO@example.com`)).comments.length, 2);
        assert.deepEqual(ids(await list(admin, `site=${site.slug}&q=CRICKET`)), [one, two]);
        assert.deepEqual(ids(await list(admin, `site=${site.slug}&q=${encodeURIComponent('100%')}`)), [one]);
        assert.deepEqual(ids(await list(admin, `site=${site.slug}&q=${encodeURIComponent('_')}`)), []);
        assert.deepEqual(ids(await list(admin, `site=${site.slug}&article=nothing-here`)), []);
      });

      it('pages with a keyset cursor without repeats or gaps, even on equal and microsecond timestamps', async () => {
        const site = await heldSite();
        const ids = await seed(site, 9);
        // Three share one timestamp; others differ by microseconds that a JS Date cannot hold.
        await a.t.deps.db.execute(sql`update comments set created_at = '2026-02-01 00:00:00.000001+00' where id in (${sql.join(ids.slice(0, 3).map((i) => sql`${i}`), sql`, `)})`);
        for (const [i, id] of ids.slice(3).entries()) {
          await a.t.deps.db.execute(sql`update comments set created_at = ${`2026-02-01 00:00:00.00000${i + 2}+00`}::timestamptz where id = ${id}`);
        }
        for (const sort of ['oldest', 'newest'] as const) {
          const seen: number[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const page: Page = await list(admin, `site=${site.slug}&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
            seen.push(...page.comments.map((c) => c.id));
            cursor = page.nextCursor;
            pages++;
          } while (cursor && pages < 10);
          assert.equal(pages, 5);
          assert.deepEqual(seen, sort === 'oldest' ? ids : [...ids].reverse());
        }
      });

      it('refuses a forged cursor and out-of-range parameters with 422', async () => {
        for (const q of ['cursor=bm9wZQ', 'limit=101', 'limit=0', 'queue=everything', 'sort=random']) {
          const res = await a.call(admin, 'GET', `/admin/comments?${q}`);
          assert.equal(res.status, 422, q);
          assert.equal((await res.json()).error.code, 'VALIDATION_FAILED');
        }
      });

      it('shows every queue: reported means reported_at set on an approved or pending comment', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const approved = await a.comment(site, 'q');
        const reported = await a.comment(site, 'q');
        const spam = await a.comment(site, 'q');
        const rejected = await a.comment(site, 'q');
        const reportedThenRejected = await a.comment(site, 'q');
        await a.t.deps.db
          .update(comments)
          .set({ reportedAt: a.clock.now(), reportCount: 3 })
          .where(inArray(comments.id, [reported, reportedThenRejected]));
        assert.equal((await act(spam, 'spam')).status, 200);
        assert.equal((await act(rejected, 'reject')).status, 200);
        assert.equal((await act(reportedThenRejected, 'reject')).status, 200);
        const ids = async (queue: string) => (await list(admin, `site=${site.slug}&queue=${queue}`)).comments.map((c) => c.id);
        assert.deepEqual(await ids('reported'), [reported]);
        assert.deepEqual(await ids('approved'), [approved, reported]);
        assert.deepEqual(await ids('spam'), [spam]);
        assert.deepEqual(await ids('rejected'), [rejected, reportedThenRejected]);
        assert.deepEqual(await ids('pending'), []);
        const counts = await (await a.call(admin, 'GET', `/admin/queues/counts?site=${site.slug}`)).json();
        assert.deepEqual(counts, { counts: { pending: 0, reported: 1, spam: 1, rejected: 2, approved: 2 }, cap: 10000 });
      });

      it('shows a count up to 10000; more reads as 10000 ("10,000+")', async () => {
        const site = await heldSite();
        const [art] = await a.t.deps.db.insert(articles).values({ siteId: site.id, key: 'big' }).returning();
        await a.t.deps.db.execute(sql`
          insert into comments (site_id, article_id, author_name, body, status)
          select ${site.id}, ${art!.id}, 'Bulk', 'bulk ' || g, 'pending' from generate_series(1, 10005) g`);
        const res = await (await a.call(admin, 'GET', `/admin/queues/counts?site=${site.slug}`)).json();
        assert.equal(res.counts.pending, 10000);
        assert.equal(res.cap, 10000);
        assert.equal(res.counts.approved, 0);
      });

      it('keeps the counts equal to a count of the comments through posts, actions, reports, deletes and folds', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const other = await heldSite();
        const ids = [];
        for (let i = 0; i < 6; i++) ids.push(await a.comment(site, 'kept'));
        await a.comment(other, 'kept');
        const recount = async () => {
          const rows = await a.t.deps.db
            .select({ status: comments.status, reported: sql<boolean>`${comments.reportedAt} is not null`, n: sql<number>`count(*)::int` })
            .from(comments)
            .where(eq(comments.siteId, site.id))
            .groupBy(comments.status, sql`${comments.reportedAt} is not null`);
          const want = { pending: 0, reported: 0, spam: 0, rejected: 0, approved: 0 };
          for (const r of rows) {
            if (r.status in want) want[r.status as keyof typeof want] += r.n;
            if (r.reported && (r.status === 'approved' || r.status === 'pending')) want.reported += r.n;
          }
          return want;
        };
        const kept = async () => (await (await a.call(admin, 'GET', `/admin/queues/counts?site=${site.slug}`)).json()).counts;
        assert.deepEqual(await kept(), await recount());

        await a.t.deps.db.update(comments).set({ reportedAt: a.clock.now(), reportCount: 3 }).where(inArray(comments.id, ids.slice(0, 3)));
        assert.equal((await act(ids[0]!, 'spam')).status, 200);
        assert.equal((await act(ids[1]!, 'reject')).status, 200);
        assert.equal((await act(ids[3]!, 'reject')).status, 200);
        assert.equal((await act(ids[3]!, 'approve')).status, 200);
        const before = await kept();
        assert.deepEqual(before, await recount());
        assert.deepEqual(before, { pending: 0, reported: 1, spam: 1, rejected: 1, approved: 4 });

        assert.ok((await foldQueueCounts(a.t.deps.db)) > 0);
        assert.deepEqual(await kept(), before);
        await a.t.deps.db.delete(comments).where(eq(comments.id, ids[5]!));
        await a.t.deps.db.update(comments).set({ reportedAt: null }).where(eq(comments.id, ids[2]!));
        assert.deepEqual(await kept(), { ...before, approved: 3, reported: 0 });
        assert.deepEqual(await kept(), await recount());
        // The other site's held comment counts there, not here.
        assert.equal((await (await a.call(admin, 'GET', `/admin/queues/counts?site=${other.slug}`)).json()).counts.pending, 1);
      });

      it("counts and lists only the caller's sites when no site is given", async () => {
        const mine = await heldSite();
        const theirs = await heldSite();
        const who = await a.session('moderator', [mine]);
        await a.comment(mine, 'x', { email: 'mine@example.com' });
        await a.comment(theirs, 'x', { email: 'theirs@example.com' });
        const page = await list(who, 'limit=100');
        assert.ok(page.comments.every((c) => c.site === mine.slug));
        assert.equal(page.comments.length, 1);
        const counts = await (await a.call(who, 'GET', '/admin/queues/counts')).json();
        assert.equal(counts.counts.pending, 1);
        const nobody = await a.session('moderator');
        assert.deepEqual((await list(nobody, '')).comments, []);
      });
    });

    describe('a comment in context', () => {
      it('returns the comment, its parent, its article and the author history on the site', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const parent = await a.comment(site, 'ctx', { body: 'the parent', article: { url: 'https://news.example/ctx', title: 'Context story' } });
        const child = await a.comment(site, 'ctx', { body: 'the reply', parentId: parent, email: 'hist@example.com' });
        const spam = await a.comment(site, 'ctx', { email: 'hist@example.com' });
        await act(spam, 'spam');
        const other = await a.t.createSite({ settings: { mode: 'post' } });
        await a.comment(other, 'ctx', { email: 'hist@example.com' }); // another site: not in the history
        const res = await a.call(mod.id ? admin : admin, 'GET', `/admin/comments/${child}`);
        assert.equal(res.status, 200);
        const json = await res.json();
        assert.equal(json.comment.id, child);
        assert.equal(json.parent.id, parent);
        assert.equal(json.parent.body, 'the parent');
        assert.deepEqual({ ...json.article, id: typeof json.article.id }, { id: 'number', key: 'ctx', url: 'https://news.example/ctx', title: 'Context story' });
        assert.deepEqual(json.history, { approved: 1, pending: 0, rejected: 0, spam: 1 });
        const top = await (await a.call(admin, 'GET', `/admin/comments/${parent}`)).json();
        assert.equal(top.parent, null);
        const missing = await a.call(admin, 'GET', '/admin/comments/999999999');
        assert.equal(missing.status, 404);
        assert.equal((await missing.json()).error.code, 'COMMENT_NOT_FOUND');
      });
    });

    describe('actions', () => {
      it('approves a held comment: it appears in the public thread, the count moves, the audit says who and why', async () => {
        const site = await heldSite();
        const id = await a.comment(site, 'act');
        const res = await act(id, 'approve', 'fine by me');
        assert.equal(res.status, 200);
        const { comment } = await res.json();
        assert.equal(comment.status, 'approved');
        assert.equal(comment.moderatedBy, admin.id);
        assert.ok(comment.moderatedAt);
        const thread = await (await a.app.request(`/api/v1/sites/${site.slug}/articles/act/comments`)).json();
        assert.deepEqual(thread.comments.map((c: { id: number }) => c.id), [id]);
        assert.equal(thread.article.commentCount, 1);
        const audit = await auditFor(id);
        const last = audit[audit.length - 1]!;
        assert.deepEqual(
          { action: last.action, from: last.fromStatus, to: last.toStatus, actorType: last.actorType, actorId: last.actorId, note: last.note },
          { action: 'approve', from: 'pending', to: 'approved', actorType: 'moderator', actorId: admin.id, note: 'fine by me' },
        );
      });

      it('runs reject, spam, restore and delete with an audit entry each, and keeps counts right', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const id = await a.comment(site, 'cycle');
        const count = async () => (await a.t.deps.db.select().from(articles).where(and(eq(articles.siteId, site.id), eq(articles.key, 'cycle'))))[0]!.commentCount;
        assert.equal(await count(), 1);
        const steps = [
          ['reject', 'rejected', 0],
          ['restore', 'pending', 0],
          ['approve', 'approved', 1],
          ['spam', 'spam', 0],
          ['restore', 'pending', 0],
          ['delete', 'deleted', 0],
        ] as const;
        let from = 'approved';
        for (const [action, status, expectedCount] of steps) {
          const res = await act(id, action, `because ${action}`);
          assert.equal(res.status, 200, action);
          assert.equal((await res.json()).comment.status, status);
          assert.equal(await count(), expectedCount, `count after ${action}`);
          const audit = await auditFor(id);
          const last = audit[audit.length - 1]!;
          assert.deepEqual([last.action, last.fromStatus, last.toStatus, last.note], [action, from, status, `because ${action}`]);
          from = status;
        }
        assert.equal((await auditFor(id)).length, 1 + steps.length, 'create + one per action');
      });

      it('treats an action to the current status as a no-op without an audit entry', async () => {
        const site = await heldSite();
        const id = await a.comment(site, 'noop');
        await act(id, 'reject');
        const before = (await auditFor(id)).length;
        const res = await act(id, 'reject');
        assert.equal(res.status, 200);
        assert.equal((await auditFor(id)).length, before);
      });

      it('approving a reported approved comment dismisses its reports (audited)', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const id = await a.comment(site, 'reported');
        await a.t.deps.db.update(comments).set({ reportedAt: a.clock.now(), reportCount: 4 }).where(eq(comments.id, id));
        assert.equal((await list(admin, `site=${site.slug}&queue=reported`)).comments.length, 1);
        const res = await act(id, 'approve');
        assert.equal(res.status, 200);
        const { comment } = await res.json();
        assert.equal(comment.status, 'approved');
        assert.equal(comment.reportedAt, null);
        assert.equal((await list(admin, `site=${site.slug}&queue=reported`)).comments.length, 0);
        const last = (await auditFor(id)).pop()!;
        assert.equal(last.action, 'approve');
        assert.equal(last.reasons[0]?.code, 'reports-dismissed');
      });

      it('refuses unknown actions (422) and unknown comments (404)', async () => {
        const site = await heldSite();
        const id = await a.comment(site, 'bad');
        assert.equal((await act(id, 'publish')).status, 422);
        assert.equal((await act(987654321, 'approve')).status, 404);
        assert.equal((await a.call(admin, 'POST', `/admin/comments/${id}/actions`, { action: 'approve', reason: 'x'.repeat(501) })).status, 422);
      });
    });

    describe('bulk actions', () => {
      it('rejects 500 comments in one call, with 500 audit entries', async () => {
        const site = await heldSite();
        const ids = await seed(site, 500, 'bulk');
        const res = await a.call(admin, 'POST', '/admin/comments/bulk', { ids, action: 'reject', reason: 'spam wave' });
        assert.equal(res.status, 200);
        const body = await res.json();
        assert.deepEqual({ ...body, undo: typeof body.undo }, { updated: 500, skipped: [], conflicts: [], undo: 'string' });
        const [row] = await a.t.deps.db
          .select({ n: sql<number>`count(*)::int` })
          .from(auditLog)
          .where(and(inArray(auditLog.commentId, ids), eq(auditLog.action, 'reject'), eq(auditLog.note, 'spam wave')));
        assert.equal(Number(row!.n), 500);
        const left = await a.t.deps.db.select({ n: sql<number>`count(*)::int` }).from(comments).where(and(inArray(comments.id, ids), eq(comments.status, 'rejected')));
        assert.equal(Number(left[0]!.n), 500);
      });

      it('refuses 501 ids (422) and an empty list', async () => {
        const ids = Array.from({ length: 501 }, (_, i) => i + 1);
        const res = await a.call(admin, 'POST', '/admin/comments/bulk', { ids, action: 'approve' });
        assert.equal(res.status, 422);
        assert.equal((await res.json()).error.fields[0].field, 'ids');
        assert.equal((await a.call(admin, 'POST', '/admin/comments/bulk', { ids: [], action: 'approve' })).status, 422);
      });

      it('skips unknown ids, comments of other sites and comments already in the target status', async () => {
        const mine = await heldSite();
        const theirs = await heldSite();
        const who = await a.session('moderator', [mine]);
        const a1 = await a.comment(mine, 'skip');
        const a2 = await a.comment(mine, 'skip');
        const b1 = await a.comment(theirs, 'skip');
        await act(a2, 'approve');
        const res = await a.call(who, 'POST', '/admin/comments/bulk', { ids: [a1, a2, b1, 999999999, a1], action: 'approve' });
        assert.equal(res.status, 200);
        const body = await res.json();
        assert.deepEqual({ ...body, undo: typeof body.undo }, { updated: 1, skipped: [a2, b1, 999999999], conflicts: [], undo: 'string' });
        const [other] = await a.t.deps.db.select().from(comments).where(eq(comments.id, b1));
        assert.equal(other!.status, 'pending', 'the other site is untouched');
      });
    });

    describe('bulk actions after a colleague decided (from)', () => {
      const nameOf = async (id: number) => (await a.t.deps.db.select().from(moderators).where(eq(moderators.id, id)))[0]!.name;
      const statusOf = async (id: number) => (await a.t.deps.db.select().from(comments).where(eq(comments.id, id)))[0]!.status;

      it('skips the comments decided since the moderator saw them, names their status and who decided, and undoes only the rest', async () => {
        const site = await heldSite();
        const other = await a.session('admin');
        const [c1, c2, c3, c4] = [await a.comment(site, 'bulk-from'), await a.comment(site, 'bulk-from'), await a.comment(site, 'bulk-from'), await a.comment(site, 'bulk-from')];
        assert.equal((await a.call(other, 'POST', `/admin/comments/${c2}/actions`, { action: 'approve', from: 'pending' })).status, 200);
        assert.equal((await a.call(other, 'POST', `/admin/comments/${c3}/actions`, { action: 'reject', from: 'pending' })).status, 200);
        // c4 has no entry: acted on as an old client's bulk action would be.
        const res = await a.call(admin, 'POST', '/admin/comments/bulk', {
          ids: [c1, c2, c3, c4],
          action: 'spam',
          from: { [c1!]: 'pending', [c2!]: 'pending', [c3!]: 'pending' },
        });
        assert.equal(res.status, 200);
        const body = await res.json();
        const who = await nameOf(other.id);
        assert.deepEqual(
          { ...body, undo: typeof body.undo },
          {
            updated: 2,
            skipped: [c2, c3],
            conflicts: [
              { id: c2, status: 'approved', moderatedBy: who },
              { id: c3, status: 'rejected', moderatedBy: who },
            ],
            undo: 'string',
          },
        );
        assert.deepEqual(await Promise.all([c1, c2, c3, c4].map((id) => statusOf(id!))), ['spam', 'approved', 'rejected', 'spam'], "the colleague's decisions stand");
        assert.equal((await auditFor(c2!)).filter((e) => e.action === 'spam').length, 0, 'nothing written for a skipped comment');
        const undone = await a.call(admin, 'POST', '/admin/undo', { batch: body.undo });
        assert.equal(undone.status, 200);
        assert.equal((await undone.json()).restored, 2);
        assert.deepEqual(await Promise.all([c1, c2, c3, c4].map((id) => statusOf(id!))), ['pending', 'approved', 'rejected', 'pending']);
        // Said from what they are now, the action goes through.
        const again = await a.call(admin, 'POST', '/admin/comments/bulk', { ids: [c2, c3], action: 'delete', from: { [c2!]: 'approved', [c3!]: 'rejected' } });
        assert.deepEqual((({ updated, skipped, conflicts }) => ({ updated, skipped, conflicts }))(await again.json()), { updated: 2, skipped: [], conflicts: [] });
      });

      it('answers conflicts as an empty list without from, and never describes a comment of a site the moderator does not see', async () => {
        const mine = await heldSite();
        const theirs = await heldSite();
        const who = await a.session('moderator', [mine]);
        const m1 = await a.comment(mine, 'bulk-from-sites');
        const t1 = await a.comment(theirs, 'bulk-from-sites');
        await act(t1, 'approve');
        const plain = await a.call(who, 'POST', '/admin/comments/bulk', { ids: [m1], action: 'reject' });
        assert.deepEqual((({ updated, skipped, conflicts }) => ({ updated, skipped, conflicts }))(await plain.json()), { updated: 1, skipped: [], conflicts: [] });
        const res = await a.call(who, 'POST', '/admin/comments/bulk', { ids: [m1, t1], action: 'spam', from: { [m1]: 'rejected', [t1]: 'pending' } });
        assert.equal(res.status, 200);
        assert.deepEqual((({ updated, skipped, conflicts }) => ({ updated, skipped, conflicts }))(await res.json()), { updated: 1, skipped: [t1], conflicts: [] });
        assert.equal(await statusOf(t1), 'approved');
      });

      it('refuses a from that names an id not in ids, a key that is no id, or an unknown status (422, by field)', async () => {
        const site = await heldSite();
        const c1 = await a.comment(site, 'bulk-from-bad');
        const bad = async (from: unknown) => {
          const res = await a.call(admin, 'POST', '/admin/comments/bulk', { ids: [c1], action: 'approve', from });
          assert.equal(res.status, 422, JSON.stringify(from));
          const { error } = (await res.json()) as { error: { code: string; fields: Array<{ field: string }> } };
          assert.equal(error.code, 'VALIDATION_FAILED');
          return error.fields.map((f) => f.field);
        };
        assert.deepEqual(await bad({ [c1 + 1]: 'pending' }), [`from.${c1 + 1}`]);
        assert.deepEqual(await bad({ abc: 'pending' }), ['from.abc']);
        assert.deepEqual(await bad({ [c1]: 'published' }), [`from.${c1}`]);
        assert.deepEqual(await bad(['pending']), ['from']);
        assert.equal(await statusOf(c1), 'pending');
      });
    });

    describe('two moderators on one comment', () => {
      it('tells the second one who decided first (409, nothing changed) when they say what they saw', async () => {
        const site = await heldSite();
        const other = await a.session('admin');
        const id = await a.comment(site, 'race');
        const first = await a.call(admin, 'POST', `/admin/comments/${id}/actions`, { action: 'approve', from: 'pending' });
        assert.equal(first.status, 200);
        const second = await a.call(other, 'POST', `/admin/comments/${id}/actions`, { action: 'reject', from: 'pending' });
        assert.equal(second.status, 409);
        const { error } = (await second.json()) as { error: { code: string; message: string; status: string; moderatedBy: string } };
        assert.equal(error.code, 'CONFLICT');
        assert.match(error.message, /it is now approved by admin \d+/);
        assert.equal(error.status, 'approved');
        const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, id));
        assert.equal(row!.status, 'approved', 'the first decision stands');
        // Said from what the comment is now, the action goes through; said of nothing, as before.
        assert.equal((await a.call(other, 'POST', `/admin/comments/${id}/actions`, { action: 'reject', from: 'approved' })).status, 200);
        assert.equal((await a.call(other, 'POST', `/admin/comments/${id}/actions`, { action: 'approve' })).status, 200);
        // At the same moment: exactly one of two decisions from 'pending' is taken.
        const race = await a.comment(site, 'race');
        const answers = await Promise.all([
          a.call(admin, 'POST', `/admin/comments/${race}/actions`, { action: 'approve', from: 'pending' }),
          a.call(other, 'POST', `/admin/comments/${race}/actions`, { action: 'reject', from: 'pending' }),
        ]);
        assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409]);
      });
    });

    describe('replies', () => {
      it("publishes a moderator's reply under the moderator's name, marked as theirs", async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre' } });
        const parent = await a.comment(site, 'reply');
        const refused = await a.call(admin, 'POST', `/admin/comments/${parent}/reply`, { body: 'too early' });
        assert.equal(refused.status, 422, 'a held comment cannot be replied to');
        await act(parent, 'approve');
        const res = await a.call(admin, 'POST', `/admin/comments/${parent}/reply`, { body: 'Thanks for reading' });
        assert.equal(res.status, 201);
        const { comment } = await res.json();
        assert.equal(comment.parentId, parent);
        assert.equal(comment.status, 'approved');
        const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, comment.id));
        assert.equal(row!.moderatorId, admin.id);
        const audit = await auditFor(comment.id);
        assert.deepEqual([audit[0]!.action, audit[0]!.actorType, audit[0]!.actorId], ['create', 'moderator', admin.id]);
        const thread = await (await a.app.request(`/api/v1/sites/${site.slug}/articles/reply/comments`)).json();
        assert.deepEqual(thread.comments.map((c: { id: number }) => c.id), [parent, comment.id]);
        // Only the moderator's reply carries the staff mark; a reader cannot claim it by name.
        assert.deepEqual(thread.comments.map((c: { staff?: boolean }) => c.staff ?? false), [false, true]);
        assert.equal((await a.call(admin, 'POST', `/admin/comments/${parent}/reply`, { body: '   ' })).status, 422);
      });

      it("posts the same notice under several comments, and answers on a closed story: readers' rules, not the newsroom's", async () => {
        const site = await a.t.createSite({ settings: { mode: 'post', duplicateWindowHours: 24 } });
        const first = await a.comment(site, 'notice');
        const second = await a.comment(site, 'notice');
        for (const parent of [first, second]) {
          const res = await a.call(admin, 'POST', `/admin/comments/${parent}/reply`, { body: 'Please keep the discussion civil.' });
          assert.equal(res.status, 201, await res.clone().text());
        }
        await a.t.deps.db.update(articles).set({ closed: true }).where(and(eq(articles.siteId, site.id), eq(articles.key, 'notice')));
        a.t.deps.threadCache.clear();
        const reader = await a.app.request(`/api/v1/sites/${site.slug}/articles/notice/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.88' },
          body: JSON.stringify({ name: 'Asha', email: 'asha@example.com', body: 'Still open?', parentId: first }),
        });
        assert.equal(reader.status, 403);
        const staff = await a.call(admin, 'POST', `/admin/comments/${first}/reply`, { body: 'We have closed comments; the correction is above.' });
        assert.equal(staff.status, 201, await staff.clone().text());
      });

      it('publishes the reply of the first admin, whose login admin@localhost is no public address, on a site that requires an email', async () => {
        const site = await a.t.createSite({ settings: { requireEmail: true } });
        const parent = await a.comment(site, 'reply-local');
        const email = `first-admin-${process.pid}-${Date.now()}@localhost`;
        await createAccount(a.t.deps.db, { email, name: 'First Admin', password: 'first admin password', role: 'admin', sites: [] });
        const res = await a.login(email, 'first admin password');
        assert.equal(res.status, 200);
        const who = { cookie: cookieFrom(res), csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
        const reply = await a.call(who as Session, 'POST', `/admin/comments/${parent}/reply`, { body: 'We have corrected the date.' });
        assert.equal(reply.status, 201, await reply.clone().text());
        const { comment } = await reply.json();
        const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, comment.id));
        assert.deepEqual([row!.parentId, row!.status, row!.authorEmail], [parent, 'approved', null]);
        // A reader still needs the address the site asks for.
        const reader = await a.app.request(`/api/v1/sites/${site.slug}/articles/reply-local/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.77' },
          body: JSON.stringify({ name: 'Asha', body: 'No email given' }),
        });
        assert.equal(reader.status, 422);
        assert.equal(((await reader.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field, 'email');
      });
    });
  });
}
