// Imports end to end on one driver (import.pglite.test.ts, import.postgres.test.ts run these): the
// documented fixtures land where and how they should, read back through the public API; re-runs add
// nothing; dry runs write nothing; caches and counts are right afterwards, in this process and another.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AdminAuth } from '../../server/auth/middleware.js';
import { countQueues } from '../../server/admin/queue.js';
import { articles, authorStates, bans, commentReports, comments, importItems, importRuns, moderators, notificationEvents, sites } from '../../server/db/schema.js';
import { createAccount } from '../../server/auth/accounts.js';
import { changeCommentStatus } from '../../server/comments/status.js';
import { exportSite } from '../../server/imports/export.js';
import { findSiteBySlug } from '../../server/sites/store.js';
import type { ParleyEvent } from '../../server/events/bus.js';
import { runImport } from '../../server/imports/run.js';
import { DEFAULT_IMPORT_OPTIONS, ImportFormatError, type ImportFormat, type ImportOptions } from '../../server/imports/types.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { generateDisqusFile, type GeneratedFile } from './generate.js';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const BUDGET = 'https://news.example/2024/budget?a=1&b=2';
const HINDI = 'https://news.example/hi/%E0%A4%AC%E0%A4%9C%E0%A4%9F';
const MONSOON = 'https://blog.example/2024/06/monsoon/';
const ABOUT = 'https://blog.example/about/';

const ADMIN: AdminAuth = {
  moderator: { id: 0, email: 'test@example.com', name: 'Test', role: 'admin', locale: 'en' },
  siteIds: null,
  csrfToken: '',
  tokenHash: '',
};

interface PublicComment {
  id: number;
  parentId: number | null;
  depth: number;
  authorName: string;
  body: string;
  status: string;
  createdAt: string;
}

export async function readThread(t: Pick<TestApp, 'app'>, site: string, article: string, query = '') {
  const res = await t.app.request(`/api/v1/sites/${site}/articles/${encodeURIComponent(article)}/comments${query}`);
  const body = (await res.json()) as { article: { closed: boolean; commentCount: number; title: string }; comments: PublicComment[]; total: number; error?: { code: string } };
  return { status: res.status, ...body };
}

export function importFile(t: TestApp, format: ImportFormat, file: string, site: string, options: Partial<ImportOptions> = {}) {
  return runImport(t.deps, {
    format,
    siteSlug: site,
    source: createReadStream(path.isAbsolute(file) ? file : path.join(FIXTURES, file)),
    options: { ...DEFAULT_IMPORT_OPTIONS, ...options },
  });
}

/** The thread as "author: body" lines indented by depth, in display order. */
const shape = (list: PublicComment[]) => list.map((c) => `${'  '.repeat(c.depth)}${c.status === 'removed' ? '(removed)' : `${c.authorName}: ${c.body.slice(0, 20)}`}`);

export function defineImportTests(driver: Driver): void {
  describe(`imports [${driver}]`, { skip: skipFor(driver) }, () => {
    let t: TestApp;
    let other: TestApp;
    let tmp: string;
    let n = 0;
    const siteSlug = () => `imp${++n}-${process.pid}`;

    before(async () => {
      t = await createTestApp({ driver });
      // A second app on the same database stands for another server process.
      other = await createTestApp({ driver, database: t.database });
      tmp = mkdtempSync(path.join(tmpdir(), 'parley-import-'));
    });
    after(async () => {
      await other?.close();
      await t?.close();
      rmSync(tmp, { recursive: true, force: true });
    });

    it('Disqus: threads, order, statuses and counts as in the source; text plain; IPs hashed', async () => {
      const site = await t.createSite({ slug: siteSlug() });
      const { summary } = await importFile(t, 'disqus', 'disqus.xml', site.slug);
      assert.equal(summary.comments.read, 12);
      assert.deepEqual(summary.comments.written, { pending: 0, approved: 8, rejected: 0, spam: 1, deleted: 1 });
      assert.deepEqual(summary.comments.skipped, { 'thread-deleted': 1, 'unknown-thread': 1 });
      assert.equal(summary.comments.orphans, 1);
      assert.deepEqual(summary.articles, { created: 2, existing: 0 });
      assert.deepEqual(summary.threads, { read: 5, withComments: 4, deleted: 1, withoutUrl: 0 });
      assert.deepEqual(summary.collisions, [
        { key: BUDGET, urls: ['https://News.Example/2024/budget?utm_source=twitter&b=2&a=1', 'https://news.example/2024/budget?a=1&b=2#disqus_thread'] },
      ]);
      assert.deepEqual(summary.missingParents, [{ ref: 'disqus:2007', parentRef: 'disqus:9999', key: BUDGET }]);

      const budget = await readThread(t, site.slug, BUDGET);
      assert.equal(budget.status, 200);
      assert.equal(budget.article.title, "Budget 2024: what changes & what doesn't");
      assert.equal(budget.article.commentCount, 6);
      assert.equal(budget.total, 6);
      assert.deepEqual(shape(budget.comments), [
        'Asha: First! The budget is',
        '  José Müller: Reply to Asha: fish ',
        '    Asha: A reply to the reply',
        'Ravi: Second top-level com',
        '(removed)',
        '  Guest: A live reply under a',
        'Orphan: My parent was never ',
      ]);
      assert.equal(
        budget.comments[0]!.body,
        'First! The budget is "bold" & brave.\n\nSecond paragraph with a link to the analysis (https://example.org/analysis).\nNew line here.',
      );
      assert.equal(budget.comments[1]!.body, 'Reply to Asha: fish & chips <3 — José agrees');
      assert.equal(budget.comments[0]!.createdAt, '2024-02-01T08:05:00.000Z');
      const hindi = await readThread(t, site.slug, HINDI);
      assert.equal(hindi.article.closed, true);
      assert.deepEqual(shape(hindi.comments), ['प्रिया शर्मा: बजट में किसानों के ल', '  Old Timer: Plain text with an e']);
      assert.equal(hindi.comments[0]!.body, 'बजट में किसानों के लिए क्या है? कर\n\nदूसरा अनुच्छेद।');
      assert.equal(hindi.comments[1]!.body, 'Plain text with an entity reference: €5 ❤');

      const rows = await t.deps.db.select().from(comments).where(eq(comments.siteId, site.id)).orderBy(asc(comments.id));
      const asha = rows.find((r) => r.importRef === 'disqus:2001')!;
      assert.equal(asha.authorEmail, 'asha@example.com');
      assert.equal(asha.ipHash, t.deps.hasher.hashIp('198.51.100.7'));
      assert.equal(rows.find((r) => r.importRef === 'disqus:id:legacy-77')?.status, 'approved');
      assert.equal(rows.find((r) => r.importRef === 'disqus:2005')?.authorEmail, null);
      assert.equal(rows.find((r) => r.importRef === 'disqus:2006')?.status, 'spam');
      assert.equal(rows.find((r) => r.importRef === 'disqus:2004')?.status, 'deleted');
      // No raw address and no markup anywhere in what was stored.
      const stored = JSON.stringify(rows);
      for (const ip of ['198.51.100.7', '2001:db8::1', '192.0.2.66']) assert.ok(!stored.includes(ip), `raw IP ${ip} stored`);
      for (const r of rows) assert.doesNotMatch(r.body, /<\/?[a-z][^>]*>|&amp;|&quot;|&#/i, `markup or entity kept in ${r.importRef}`);
      assert.deepEqual(rows.find((r) => r.importRef === 'disqus:2001')?.reasons, [{ code: 'imported', message: 'Imported from Disqus' }]);
      // Staging rows are gone; the run is recorded with its summary.
      assert.equal((await t.deps.db.select().from(importItems)).length, 0);
      const [run] = await t.deps.db.select().from(importRuns).where(eq(importRuns.siteId, site.id));
      assert.equal(run?.status, 'done');
      assert.equal((run?.summary as { comments: { writtenTotal: number } }).comments.writtenTotal, 10);
    });

    it('a re-run adds nothing, and a dry run writes nothing but reports the same plan', async () => {
      const site = await t.createSite({ slug: siteSlug() });
      const dry = await importFile(t, 'disqus', 'disqus.xml', site.slug, { dryRun: true });
      assert.equal(dry.summary.dryRun, true);
      assert.equal(dry.summary.comments.writtenTotal, 10);
      assert.equal(dry.summary.landing.length, 2);
      assert.equal((await t.deps.db.select().from(comments).where(eq(comments.siteId, site.id))).length, 0);
      assert.equal((await t.deps.db.select().from(articles).where(eq(articles.siteId, site.id))).length, 0);

      await importFile(t, 'disqus', 'disqus.xml', site.slug);
      const before = await t.deps.db.select().from(articles).where(eq(articles.siteId, site.id)).orderBy(asc(articles.id));
      const again = await importFile(t, 'disqus', 'disqus.xml', site.slug);
      assert.equal(again.summary.comments.writtenTotal, 0);
      assert.equal(again.summary.comments.alreadyImported, 10);
      assert.deepEqual(again.summary.articles, { created: 0, existing: 0 });
      assert.equal((await t.deps.db.select().from(comments).where(eq(comments.siteId, site.id))).length, 10);
      const afterRows = await t.deps.db.select().from(articles).where(eq(articles.siteId, site.id)).orderBy(asc(articles.id));
      assert.deepEqual(afterRows.map((a) => [a.key, a.version, a.commentCount]), before.map((a) => [a.key, a.version, a.commentCount]));
      // A dry run after the import sees everything as imported already.
      const dryAgain = await importFile(t, 'disqus', 'disqus.xml', site.slug, { dryRun: true });
      assert.equal(dryAgain.summary.comments.alreadyImported, 10);
    });

    it('keeps what exists: a live comment, its article and its count stay; imported ones are added', async () => {
      const site = await t.createSite({ slug: siteSlug() });
      const res = await t.app.request(`/api/v1/sites/${site.slug}/articles/${encodeURIComponent(BUDGET)}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.200' },
        body: JSON.stringify({ name: 'Live', email: 'live@example.com', body: 'Posted on Parley before the import' }),
      });
      assert.equal(res.status, 201);
      const { summary } = await importFile(t, 'disqus', 'disqus.xml', site.slug);
      assert.deepEqual(summary.articles, { created: 1, existing: 1 });
      const thread = await readThread(t, site.slug, BUDGET);
      assert.equal(thread.article.commentCount, 7);
      assert.ok(thread.comments.some((c) => c.body === 'Posted on Parley before the import'));
    });

    it('caches and counts are right afterwards, in this process and in another', async () => {
      const site = await t.createSite({ slug: siteSlug() });
      // Both processes cache "no such article" first (answered as an empty thread).
      for (const app of [t, other]) {
        const empty = await readThread(app, site.slug, BUDGET);
        assert.equal(empty.status, 200);
        assert.equal(empty.comments.length, 0);
      }
      const seen: ParleyEvent[] = [];
      let stop = () => {};
      // Both articles are announced; the other process has them once NOTIFY delivered them.
      const announced = new Promise<void>((resolve) => {
        stop = other.deps.bus.subscribe((e) => {
          if (e.siteId !== site.id) return;
          seen.push(e);
          if (new Set(seen.filter((x) => x.type === 'article').map((x) => x.type === 'article' && x.articleId)).size >= 2) resolve();
        });
      });
      await importFile(t, 'disqus', 'disqus.xml', site.slug);
      const here = await readThread(t, site.slug, BUDGET);
      assert.equal(here.status, 200);
      assert.equal(here.comments.length, 7);
      await announced;
      stop();
      assert.ok(seen.every((e) => e.type === 'article'), 'imports publish article events only (no comment notifications)');
      const outbox = await t.deps.db.select().from(notificationEvents).where(eq(notificationEvents.siteId, site.id));
      assert.deepEqual(outbox, [], 'no notification (email, alert, webhook) for imported comments');
      const there = await readThread(other, site.slug, BUDGET);
      assert.equal(there.status, 200);
      assert.equal(there.comments.length, 7);
      const counts = await countQueues(t.deps, ADMIN, site.slug);
      assert.equal(counts.approved, 8);
      assert.equal(counts.spam, 1);
      assert.equal(counts.pending, 0);
    });

    it('WordPress: statuses, pingbacks left out unless asked, closed items, sanitized websites', async () => {
      const site = await t.createSite({ slug: siteSlug() });
      const { summary } = await importFile(t, 'wordpress', 'wordpress.xml', site.slug);
      assert.deepEqual(summary.comments.written, { pending: 1, approved: 6, rejected: 0, spam: 1, deleted: 2 });
      assert.deepEqual(summary.comments.skipped, { pingback: 1, trackback: 1 });
      assert.equal(summary.comments.orphans, 1);
      assert.deepEqual(summary.collisions, [{ key: ABOUT, urls: ['https://BLOG.example:443/about/?utm_campaign=x#respond', 'https://blog.example/about/'] }]);
      const monsoon = await readThread(t, site.slug, MONSOON);
      assert.deepEqual(shape(monsoon.comments), [
        'Meera: Finally some rain!\nL',
        '  राहुल: मानसून जल्दी आया, बह',
        '(removed)',
        '  Replier: I reply to a trashed',
        'Lost Child: My parent (comment 9',
      ]);
      assert.equal(monsoon.comments[0]!.body, 'Finally some rain!\nLine two of the same paragraph.\n\nA second paragraph with the forecast (https://imd.example/forecast) & more.');
      const about = await readThread(t, site.slug, ABOUT);
      assert.equal(about.article.closed, true);
      assert.deepEqual(shape(about.comments), ['Early Reader: Nice page <3', 'Same Page Reader: This URL normalizes ']);
      const rows = await t.deps.db.select().from(comments).where(eq(comments.siteId, site.id));
      const byRef = (id: number) => rows.find((r) => r.importRef === `wordpress:blog.example:${id}`)!;
      assert.equal(byRef(8).authorWebsite, 'https://meera.example/');
      assert.equal(byRef(10).authorWebsite, null, 'javascript: URL dropped');
      assert.equal(byRef(10).status, 'pending');
      assert.equal(byRef(10).createdAt.toISOString(), '2024-06-01T13:00:00.000Z', 'a zero GMT date falls back to comment_date');
      assert.equal(byRef(4).status, 'deleted');
      assert.equal(byRef(12).status, 'deleted');
      const counts = await countQueues(t.deps, ADMIN, site.slug);
      assert.equal(counts.pending, 1, 'a comment pending in WordPress waits in the moderation queue');

      const again = await importFile(t, 'wordpress', 'wordpress.xml', site.slug, { includePingbacks: true });
      assert.equal(again.summary.comments.writtenTotal, 2, 'only the pingback and the trackback are new');
      assert.equal(again.summary.comments.alreadyImported, 10);
    });

    it('maps an old domain and a path prefix, or keys by the source id', async () => {
      const site = await t.createSite({ slug: siteSlug() });
      const { summary } = await importFile(t, 'wordpress', 'wordpress.xml', site.slug, {
        mapDomains: [{ from: 'blog.example', to: 'https://www.dainik.example' }],
        mapPaths: [{ from: '/2024/', to: '/archive/2024/' }],
      });
      assert.deepEqual(summary.landing.map((l) => l.key).sort(), ['https://www.dainik.example/about/', 'https://www.dainik.example/archive/2024/06/monsoon/']);
      const moved = await readThread(t, site.slug, 'https://www.dainik.example/archive/2024/06/monsoon/');
      assert.equal(moved.comments.length, 5);

      const byId = await t.createSite({ slug: siteSlug() });
      const wp = await importFile(t, 'wordpress', 'wordpress.xml', byId.slug, { keyBy: 'post-id' });
      assert.deepEqual(wp.summary.landing.map((l) => l.key).sort(), ['12', '2', '3']);
      assert.equal((await readThread(t, byId.slug, '12')).comments.length, 5);
      const disqus = await importFile(t, 'disqus', 'disqus.xml', byId.slug, { keyBy: 'identifier', dryRun: true });
      // Thread 1002 has an empty <id/>: it falls back to its URL.
      assert.deepEqual(disqus.summary.landing.map((l) => [l.key, l.comments]), [['story-1001', 6], ['hindi-story', 2], [BUDGET, 2]]);
    });

    it('refuses hostile and malformed files with the line and reason, writing nothing', async () => {
      const site = await t.createSite({ slug: siteSlug() });
      const cases: Array<[ImportFormat, string, RegExp, number | null]> = [
        ['disqus', 'billion-laughs.xml', /DOCTYPE \(DTD\) is not allowed/, 13],
        ['wordpress', 'external-entity.xml', /DOCTYPE \(DTD\) is not allowed/, 4],
        ['disqus', 'truncated.xml', /truncated|Unclosed/i, null],
        ['wordpress', 'disqus.xml', /not a WordPress export/, 1],
        ['parley', 'disqus.xml', /not a JSON line/, 1],
      ];
      for (const [format, file, reason, line] of cases) {
        await assert.rejects(importFile(t, format, file, site.slug), (err: unknown) => {
          assert.ok(err instanceof ImportFormatError, `${file}: ${String(err)}`);
          assert.match(err.reason, reason, file);
          if (line !== null) assert.equal(err.line, line, `${file}: line`);
          else assert.ok((err.line ?? 0) > 1, `${file}: a line is named`);
          return true;
        });
      }
      assert.equal((await t.deps.db.select().from(comments).where(eq(comments.siteId, site.id))).length, 0);
      assert.equal((await t.deps.db.select().from(importItems)).length, 0);
      const runs = await t.deps.db.select().from(importRuns).where(eq(importRuns.siteId, site.id));
      assert.equal(runs.length, cases.length);
      assert.ok(runs.every((r) => r.status === 'failed' && (r.error as { code: string }).code === 'INVALID_FILE'));
    });

    it('Parley export -> import into another Parley -> export: nothing lost, field by field', async () => {
      const site = await t.createSite({ slug: siteSlug(), settings: { mode: 'pre', maxDepth: 4 } });
      await importFile(t, 'disqus', 'disqus.xml', site.slug);
      const staff = await createAccount(t.deps.db, { email: `staff-${n}@example.com`, name: 'Staff', password: 'correct horse battery', role: 'admin', sites: [] });
      const res = await t.app.request(`/api/v1/sites/${site.slug}/articles/native-42/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.201' },
        body: JSON.stringify({ name: 'Native', email: 'native@example.com', body: 'Posted here, held by the pre-moderation setting', article: { url: 'https://news.example/native', title: 'Native' } }),
      });
      assert.equal(res.status, 202);
      const db = t.deps.db;
      const rows = await db.select().from(comments).where(eq(comments.siteId, site.id)).orderBy(asc(comments.id));
      const target = rows.find((r) => r.importRef === 'disqus:2001')!;
      await db.update(comments).set({
        scores: { toxicity: 0.12, insult: 0.05 },
        scoreState: 'scored',
        reasons: [{ code: 'toxicity', message: 'toxicity 0.12 below 0.80', scorer: 'lexicon' }],
        editedAt: new Date('2024-02-01T08:06:00Z'),
        moderatedAt: new Date('2024-02-02T00:00:00Z'),
        moderatedBy: staff.id,
        reportCount: 3,
        reportedAt: new Date('2024-02-03T00:00:00Z'),
        userAgent: 'Mozilla/5.0 (test)',
        featuredAt: new Date('2024-02-04T00:00:00Z'),
        featuredBy: staff.id,
      }).where(eq(comments.id, target.id));
      await db.update(comments).set({ moderatorId: staff.id }).where(eq(comments.importRef, 'disqus:2011'));
      await db.update(articles).set({ premod: true }).where(and(eq(articles.siteId, site.id), eq(articles.key, HINDI)));
      const rejected = rows.find((r) => r.importRef === 'disqus:2007')!;
      await changeCommentStatus(db, t.deps.bus, rejected, {
        to: 'rejected',
        actor: { type: 'moderator', id: staff.id },
        action: 'reject',
        setReasons: [{ code: 'moderator', message: 'off topic' }],
      });
      await db.insert(commentReports).values([
        { commentId: target.id, reason: 'abusive', note: 'rude', reporterHash: 'r-hash-1', createdAt: new Date('2024-02-02T10:00:00Z') },
        { commentId: target.id, reason: 'spam', note: null, reporterHash: 'r-hash-2', createdAt: new Date('2024-02-02T11:00:00Z') },
      ]);
      await db.insert(bans).values([
        { siteId: site.id, kind: 'email', value: 'troll@example.com', reason: 'trolling', message: 'You may not comment here.', createdBy: staff.id, createdAt: new Date('2024-01-01T00:00:00Z') },
        { siteId: site.id, kind: 'ip', value: t.deps.hasher.hashIp('192.0.2.66'), reason: null, expiresAt: new Date('2030-01-01T00:00:00Z'), createdAt: new Date('2024-01-02T00:00:00Z') },
        { siteId: site.id, kind: 'domain', value: 'spam.example', reason: 'spam domain', createdAt: new Date('2024-01-03T00:00:00Z') },
      ]);
      await db.insert(authorStates).values([
        { siteId: site.id, authorKey: 'e:held@example.com', mode: 'hold', updatedAt: new Date('2024-01-04T00:00:00Z'), updatedBy: staff.id },
        {
          siteId: site.id,
          authorKey: 'e:suspended@example.com',
          suspendedUntil: new Date('2030-02-01T00:00:00Z'),
          suspensionMessage: 'Cool off for a while.',
          warning: 'Keep it civil.',
          warnedAt: new Date('2024-01-05T00:00:00Z'),
          warningSeenAt: new Date('2024-01-06T00:00:00Z'),
          updatedAt: new Date('2024-01-06T00:00:00Z'),
        },
      ]);
      const [source] = await db.select().from(sites).where(eq(sites.id, site.id));
      const exportA = await collect(exportSite(db, (await findSiteBySlug(db, site.slug))!, { personalData: true }));
      const file = path.join(tmp, `export-${n}.jsonl`);
      writeFileSync(file, exportA.join(''));

      // Another Parley: its own database, secret and ids; the staff account exists there too.
      const b = await createTestApp({ driver, env: { PARLEY_SECRET: 'another-secret-0123456789abcdef0123456789' } });
      try {
        await createAccount(b.deps.db, { email: staff.email, name: 'Staff', password: 'correct horse battery', role: 'admin', sites: [] });
        const first = await importFile(b, 'parley', file, site.slug);
        assert.equal(first.summary.siteCreated, true);
        assert.equal(first.summary.comments.writtenTotal, rows.length);
        assert.deepEqual(first.summary.reports, { read: 2, written: 2 });
        assert.deepEqual(first.summary.bans, { read: 3, written: 3 });
        assert.deepEqual(first.summary.authors, { read: 2, written: 2 });
        const again = await importFile(b, 'parley', file, site.slug);
        assert.equal(again.summary.comments.writtenTotal, 0);
        assert.deepEqual(again.summary.reports, { read: 2, written: 0 });
        assert.deepEqual(again.summary.bans, { read: 3, written: 0 });
        assert.deepEqual(again.summary.authors, { read: 2, written: 0 });
        const [held] = await b.deps.db.select().from(authorStates).where(eq(authorStates.authorKey, 'e:held@example.com'));
        assert.equal(held?.mode, 'hold');
        assert.equal(held?.updatedBy, (await b.deps.db.select().from(moderators).where(eq(moderators.email, staff.email)))[0]!.id);
        const siteB = (await findSiteBySlug(b.deps.db, site.slug))!;
        const [copied] = await b.deps.db.select().from(sites).where(eq(sites.id, siteB.id));
        assert.deepEqual(copied!.settings, source!.settings);
        const exportB = await collect(exportSite(b.deps.db, siteB, { personalData: true }));
        compareExports(exportA.map((l) => JSON.parse(l)), exportB.map((l) => JSON.parse(l)));
        // The thread reads the same in both.
        const a1 = await readThread(t, site.slug, BUDGET);
        const b1 = await readThread(b, site.slug, BUDGET);
        assert.deepEqual(shape(b1.comments), shape(a1.comments));
        assert.equal(b1.article.commentCount, a1.article.commentCount);
      } finally {
        await b.close();
      }
    });

    it('an export without personal data names no email, IP hash, reporter or author state', async () => {
      const site = await t.createSite({ slug: siteSlug() });
      await importFile(t, 'disqus', 'disqus.xml', site.slug);
      await t.deps.db.insert(authorStates).values({ siteId: site.id, authorKey: 'e:asha@example.com', mode: 'trust' });
      const lines = await collect(exportSite(t.deps.db, (await findSiteBySlug(t.deps.db, site.slug))!, { personalData: false }));
      const text = lines.join('');
      assert.ok(!text.includes('asha@example.com'));
      assert.ok(!text.includes(t.deps.hasher.hashIp('198.51.100.7')));
      assert.ok(!text.includes('"personal"'));
      assert.ok(!text.includes('"type":"author"'));
      assert.equal(JSON.parse(lines[0]!).personalData, false);
    });

    describe('a generated 10 MB Disqus file', () => {
      let file: GeneratedFile;
      before(async () => {
        file = await generateDisqusFile(path.join(tmp, 'big.xml'), 16_500, { seed: 7 });
        assert.ok(file.bytes >= 10_000_000, `${file.bytes} bytes`);
      });

      it('imports every comment; each thread has the source’s count, tree and order', async () => {
        const site = await t.createSite({ slug: siteSlug() });
        const { summary } = await importFile(t, 'disqus', file.path, site.slug);
        assert.equal(summary.comments.read, file.comments);
        assert.equal(summary.comments.writtenTotal, file.comments);
        assert.equal(summary.comments.written.spam, file.spam);
        assert.equal(summary.comments.written.deleted, file.deleted);
        assert.equal(summary.articles.created, file.threads);
        const counts = await t.deps.db
          .select({ key: articles.key, n: articles.commentCount })
          .from(articles)
          .where(eq(articles.siteId, site.id));
        const byKey = new Map(counts.map((c) => [c.key, c.n]));
        for (let i = 0; i < file.threads; i++) assert.equal(byKey.get(`https://news.example/story/${i}`), file.approvedPerThread[i], `thread ${i}`);
        // Every reply sits under the parent the source names, and siblings follow the source's dates.
        const pairs = await t.deps.db.execute(sql`
          select c.import_ref as ref, p.import_ref as parent, c.created_at as at, c.id, c.parent_id, c.article_id
          from comments c left join comments p on p.id = c.parent_id where c.site_id = ${site.id}`);
        const list = (Array.isArray(pairs) ? pairs : (pairs as { rows: unknown[] }).rows) as Array<{ id: number | string; parent_id: unknown; article_id: unknown; at: unknown }>;
        const groups = new Map<string, Array<{ id: number; at: number }>>();
        for (const r of list) {
          const k = `${r.article_id}:${r.parent_id ?? 'root'}`;
          const g = groups.get(k) ?? [];
          g.push({ id: Number(r.id), at: new Date(r.at as string).getTime() });
          groups.set(k, g);
        }
        for (const [k, g] of groups) {
          const byId = [...g].sort((a, b) => a.id - b.id).map((x) => x.at);
          assert.deepEqual(byId, [...byId].sort((a, b) => a - b), `siblings in date order under ${k}`);
        }
        const again = await importFile(t, 'disqus', file.path, site.slug);
        assert.equal(again.summary.comments.writtenTotal, 0);
        assert.equal(again.summary.comments.alreadyImported, file.comments);
        const [total] = await t.deps.db
          .select({ n: sql<number>`count(*)::int` })
          .from(comments)
          .where(and(eq(comments.siteId, site.id)));
        assert.equal(Number(total?.n), file.comments);
      });
    });
  });
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

type Line = Record<string, unknown> & { type: string; id?: number; importRef?: string | null };

/**
 * Compares two exports of one site field by field. Ids differ between two Parleys, so rows are
 * matched by source: a row of B keeps A's id in its import_ref (or the ref A had itself).
 */
function compareExports(a: Line[], b: Line[]): void {
  const [headA, ...restA] = a;
  const [headB, ...restB] = b;
  assert.deepEqual({ ...headB!, exportedAt: '', instance: '' }, { ...headA!, exportedAt: '', instance: '' }, 'header: site, settings, personal flag');
  const instance = headA!.instance as string;
  const slug = (headA!.site as { slug: string }).slug;
  const of = (rows: Line[], type: string) => rows.filter((r) => r.type === type);
  const refOf = (row: Line, prefix: string) => row.importRef ?? `parley:${instance}:${slug}:${prefix}${row.id}`;
  // Comments: B's import_ref names A's row.
  const commentsA = new Map(of(restA, 'comment').map((c) => [refOf(c, ''), c]));
  const idAtoRef = new Map(of(restA, 'comment').map((c) => [c.id!, refOf(c, '')]));
  const idBtoRef = new Map(of(restB, 'comment').map((c) => [c.id!, c.importRef!]));
  assert.equal(of(restB, 'comment').length, commentsA.size, 'comment count');
  for (const cb of of(restB, 'comment')) {
    const ca = commentsA.get(cb.importRef!);
    assert.ok(ca, `B's comment ${cb.importRef} has no source in A`);
    const strip = (c: Line, ids: Map<number, string>) => ({ ...c, id: 0, importRef: null, parentId: c.parentId === null ? null : ids.get(c.parentId as number) });
    assert.deepEqual(strip(cb, idBtoRef), strip(ca, idAtoRef), `comment ${cb.importRef}`);
  }
  const articlesA = new Map(of(restA, 'article').map((x) => [x.key as string, x]));
  assert.equal(of(restB, 'article').length, articlesA.size, 'article count');
  for (const ab of of(restB, 'article')) {
    const aa = articlesA.get(ab.key as string)!;
    assert.deepEqual({ ...ab, id: 0, importRef: null }, { ...aa, id: 0, importRef: null }, `article ${String(ab.key)}`);
  }
  const reportKey = (r: Line, ids: Map<number, string>) => JSON.stringify({ ...r, id: 0, importRef: null, commentId: ids.get(r.commentId as number) });
  assert.deepEqual(of(restB, 'report').map((r) => reportKey(r, idBtoRef)).sort(), of(restA, 'report').map((r) => reportKey(r, idAtoRef)).sort(), 'reports');
  const banKey = (r: Line) => JSON.stringify({ ...r, id: 0, importRef: null });
  assert.deepEqual(of(restB, 'ban').map(banKey).sort(), of(restA, 'ban').map(banKey).sort(), 'bans');
  assert.deepEqual(restB[restB.length - 1], restA[restA.length - 1], 'closing counts');
}
