// A moderator's action on one comment has two paths (server/admin/actions.ts): one statement after an
// unlocked read (actAtOnce, what the route runs) and the locked transaction (actOnCommentLocked, its
// fallback). These tests hold them to the same writes: answer, comment, article, audit entry, outbox
// row and events, for every action and the states that change what an action does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { actAtOnce, actOnCommentLocked, applyAtOnce, readComment, type Action } from '../../server/admin/actions.js';
import { newBatch } from '../../server/admin/undo.js';
import type { AdminAuth } from '../../server/auth/middleware.js';
import { articles, auditLog, comments, notificationEvents } from '../../server/db/schema.js';
import type { ParleyEvent } from '../../server/events/bus.js';
import type { Site } from '../../server/sites/store.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { createAdminTest, type AdminTest } from './helpers.js';

type Setup = Partial<typeof comments.$inferInsert>;

const REPORTED = (at: Date): Setup => ({ reportedAt: at, reportCount: 3 });

/** Defines the suite for one driver; actions.pglite.test.ts and actions.postgres.test.ts run it. */
export function defineActionPathTests(driver: Driver): void {
  describe(`a moderator action: one statement or the locked transaction [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: AdminTest;
    let site: Site;
    let auth: AdminAuth;
    const published: ParleyEvent[] = [];
    const notified: ParleyEvent[] = [];
    let article = 0;

    before(async () => {
      a = await createAdminTest({ driver });
      site = await a.t.createSite({ settings: { mode: 'post' } });
      const admin = await a.account('admin');
      auth = { moderator: { id: admin.id, email: admin.email, name: 'admin', role: 'admin', locale: 'en' }, siteIds: null, csrfToken: '', tokenHash: '' };
      a.t.deps.bus.onPublish((e) => published.push(e));
      a.t.deps.bus.subscribe((e) => notified.push(e));
    });
    after(async () => a?.close());

    /** Resolves once the comment's event (after the first `from` events) has come back through LISTEN. */
    const waitForNotify = (commentId: number, from: number) =>
      new Promise<void>((resolve) => {
        const seen = () => notified.slice(from).some((e) => e.type === 'comment' && e.commentId === commentId);
        if (seen()) return resolve();
        const off = a.t.deps.bus.subscribe(() => {
          if (seen()) {
            off();
            resolve();
          }
        });
      });

    /** A comment in its own article (with one other approved comment), in the state `setup` gives it. */
    const twin = async (setup: Setup): Promise<{ id: number; articleId: number }> => {
      const key = `paths-${++article}`;
      const from = notified.length;
      await a.comment(site, key, { body: 'already there' });
      const id = await a.comment(site, key, { body: `the one acted on ${article}` });
      await waitForNotify(id, from);
      if (Object.keys(setup).length > 0) await a.t.deps.db.update(comments).set(setup).where(eq(comments.id, id));
      const [row] = await a.t.deps.db.select({ articleId: comments.articleId }).from(comments).where(eq(comments.id, id));
      return { id, articleId: row!.articleId };
    };

    /** Everything one action wrote about one comment and its article, with ids, times and the batch left out. */
    const writes = async (id: number, articleId: number, before: Mark, changed: boolean) => {
      if (changed) await waitForNotify(id, before.notified);
      const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, id));
      const [art] = await a.t.deps.db.select().from(articles).where(eq(articles.id, articleId));
      const audit = await a.t.deps.db.select().from(auditLog).where(eq(auditLog.commentId, id)).orderBy(auditLog.id);
      const outbox = await a.t.deps.db.select().from(notificationEvents).where(eq(notificationEvents.commentId, id)).orderBy(notificationEvents.id);
      const version = (v: number | null) => (v === null ? null : v - before.version);
      const ev = (e: ParleyEvent) =>
        e.type === 'article' ? { type: e.type, version: version(e.version) } : e.type === 'comment' ? { type: e.type, status: e.status, previous: e.previous } : e;
      return {
        comment: {
          status: row!.status,
          reasons: row!.reasons,
          reportedAt: row!.reportedAt?.getTime() ?? null,
          reportCount: row!.reportCount,
          featuredAt: row!.featuredAt?.getTime() ?? null,
          featuredBy: row!.featuredBy,
          moderatedBy: row!.moderatedBy,
          moderated: row!.moderatedAt !== null,
          articleVersion: version(row!.articleVersion),
        },
        article: { version: art!.version - before.version, commentCount: art!.commentCount },
        audit: audit.slice(before.audit).map(({ id: _id, commentId: _c, articleId: a2, createdAt: _t, batch, ...rest }) => ({ ...rest, sameArticle: a2 === articleId, batch: batch !== null })),
        outbox: outbox.slice(before.outbox).map(({ id: _id, commentId: _c, articleId: _a, createdAt: _t, ...rest }) => rest),
        published: published.slice(before.events).filter((e) => 'articleId' in e && e.articleId === articleId).map(ev),
        notified: notified.slice(before.notified).filter((e) => 'articleId' in e && e.articleId === articleId).map(ev),
      };
    };

    type Mark = { version: number; events: number; notified: number; audit: number; outbox: number };
    const mark = async ({ id, articleId }: { id: number; articleId: number }): Promise<Mark> => {
      const [art] = await a.t.deps.db.select({ version: articles.version }).from(articles).where(eq(articles.id, articleId));
      const audit = await a.t.deps.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.commentId, id));
      const outbox = await a.t.deps.db.select({ id: notificationEvents.id }).from(notificationEvents).where(eq(notificationEvents.commentId, id));
      return { version: art!.version, events: published.length, notified: notified.length, audit: audit.length, outbox: outbox.length };
    };

    const outcome = async (run: () => Promise<{ comment: Record<string, unknown>; undo: string | null }>) => {
      try {
        const { comment, undo } = await run();
        const { id: _id, articleKey: _k, createdAt: _c, ipHash: _ip, moderatedAt, body, ...rest } = comment;
        return { comment: { ...rest, moderated: moderatedAt !== null, body: (body as string).replace(/\d+$/, '') }, undo: undo !== null };
      } catch (err) {
        return { error: (err as { code?: string }).code };
      }
    };

    const cases: Array<[string, Setup | ((now: Date) => Setup), Action]> = [
      ['approves a held comment', { status: 'pending' }, 'approve'],
      ['approves a held, reported comment (the reports are settled)', (now) => ({ status: 'pending', ...REPORTED(now) }), 'approve'],
      ['approves a published, reported comment (the reports are dismissed)', (now) => REPORTED(now), 'approve'],
      ['approves a published comment (nothing to do)', {}, 'approve'],
      ['rejects a published comment', {}, 'reject'],
      ['rejects a published pick (the pick goes)', (now) => ({ featuredAt: now }), 'reject'],
      ['marks a held comment as spam', { status: 'pending' }, 'spam'],
      ['deletes a rejected comment', { status: 'rejected' }, 'delete'],
      ['restores a spam comment', { status: 'spam' }, 'restore'],
      ['restores an erased comment (refused)', { status: 'spam', body: '' }, 'restore'],
      ['features a published comment', {}, 'feature'],
      ['features a held comment (refused)', { status: 'pending' }, 'feature'],
      ['unfeatures a pick', (now) => ({ featuredAt: now }), 'unfeature'],
      ['unfeatures a comment that is no pick (nothing to do)', {}, 'unfeature'],
      ['dismisses reports on a held comment', (now) => ({ status: 'pending', ...REPORTED(now) }), 'dismiss'],
      ['dismisses on a comment without reports (nothing to do)', {}, 'dismiss'],
    ];

    for (const [name, setup, action] of cases) {
      it(`${name}: the same writes both ways`, async () => {
        const now = a.clock.now();
        const state = typeof setup === 'function' ? setup(now) : setup;
        const one = await twin(state);
        const two = await twin(state);
        const m1 = await mark(one);
        const r1 = await outcome(() => actAtOnce(a.t.deps, auth, one.id, action, 'a note', newBatch()).then((r) => r!));
        const w1 = await writes(one.id, one.articleId, m1, r1.undo === true);
        const m2 = await mark(two);
        const r2 = await outcome(() => actOnCommentLocked(a.t.deps, auth, two.id, action, 'a note'));
        const w2 = await writes(two.id, two.articleId, m2, r2.undo === true);
        assert.deepEqual(r1, r2);
        assert.deepEqual(w1, w2);
      });
    }

    it('undoes an action the one statement made, back to the exact state before', async () => {
      const one = await twin({ status: 'pending', ...REPORTED(a.clock.now()), reasons: [{ code: 'links', message: '3 links > 2' }] });
      const before = await readComment(a.t.deps.database, one.id);
      const done = await actAtOnce(a.t.deps, auth, one.id, 'approve', null, newBatch());
      const res = await a.call(await a.session('admin'), 'POST', '/admin/undo', { batch: done!.undo });
      assert.deepEqual(await res.json(), { restored: 1, skipped: 0 });
      const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, one.id));
      const b = before!.context.comment;
      assert.deepEqual(
        [row!.status, row!.reasons, row!.reportedAt?.getTime(), row!.reportCount],
        [b.status, b.reasons, b.reportedAt?.getTime(), b.reportCount],
      );
    });

    it('writes nothing and answers null when the comment changed after it was read (the locked path then decides)', async () => {
      const one = await twin({ status: 'pending' });
      const read = await readComment(a.t.deps.database, one.id);
      // A reaction count is no field an action looks at, but the row is not the one that was read.
      await a.t.deps.db.update(comments).set({ reactionCount: sql`${comments.reactionCount} + 1` }).where(eq(comments.id, one.id));
      const m = await mark(one);
      assert.equal(await applyAtOnce(a.t.deps, auth, read!, 'approve', null, newBatch()), null);
      const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, one.id));
      assert.equal(row!.status, 'pending');
      assert.equal((await a.t.deps.db.select().from(auditLog).where(eq(auditLog.commentId, one.id))).length, 1, 'only the creation');
      assert.equal((await mark(one)).version, m.version);
    });

    it('keeps one consistent history when moderators act on one comment at once', async () => {
      const one = await twin({ status: 'pending' });
      const [start] = await a.t.deps.db.select().from(articles).where(eq(articles.id, one.articleId));
      const actions: Action[] = ['approve', 'reject', 'approve', 'spam', 'approve', 'reject', 'restore', 'approve'];
      const answers = await Promise.all(actions.map((action) => actAtOnce(a.t.deps, auth, one.id, action, null, newBatch()).then((r) => r ?? actOnCommentLocked(a.t.deps, auth, one.id, action, null))));
      const audit = (await a.t.deps.db.select().from(auditLog).where(eq(auditLog.commentId, one.id)).orderBy(auditLog.id)).slice(1);
      assert.equal(audit.length, answers.filter((r) => r.undo !== null).length);
      let status = 'pending';
      for (const entry of audit) {
        assert.equal(entry.fromStatus, status, 'each change starts where the one before ended');
        status = entry.toStatus!;
      }
      const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, one.id));
      assert.equal(row!.status, status);
      const [art] = await a.t.deps.db.select().from(articles).where(eq(articles.id, one.articleId));
      assert.equal(art!.commentCount, start!.commentCount + (status === 'approved' ? 1 : 0));
    });
  });
}
