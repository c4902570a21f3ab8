// One build per article version however many readers ask at once; readers arriving during the build
// get the previous page, but never one older than a version they already saw (their If-None-Match),
// and an author's private view is never the previous page. Over real HTTP (the edge and the app), with
// the page statement held at a gate so the build is in flight for as long as the test needs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { changeCommentStatus } from '../../server/comments/status.js';
import { comments } from '../../server/db/schema.js';
import { insertSite, type Site } from '../../server/sites/store.js';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';

const ORIGIN = 'https://news.example';
let ipCounter = 0;

for (const driver of DRIVERS) {
  describe(`thread page builds [${driver}]`, { skip: skipFor(driver) }, () => {
    let server: TestServer;
    let site: Site;
    /** Page statements started, and the gate they wait at while `held`. */
    let pageQueries = 0;
    /** Article rows read by page builds, and a callback for the next one. */
    let articleReads = 0;
    let onArticleRead: (() => void) | undefined;
    let held: Promise<void> | undefined;
    let reachedGate: (() => void) | undefined;

    before(async () => {
      server = await startTestServer({ driver });
      site = await insertSite(server.deps.db, {
        slug: `flight-${driver}`,
        name: 'Flight',
        allowedOrigins: [ORIGIN],
        settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0 },
      });
      const database = server.deps.database;
      const query = database.query.bind(database);
      database.query = (async (text: string, params: readonly unknown[]) => {
        if (text.startsWith('select * from articles')) {
          articleReads++;
          onArticleRead?.();
        }
        if (text.includes('with recursive roots')) {
          pageQueries++;
          reachedGate?.();
          if (held) await held;
        }
        return query(text, params);
      }) as typeof database.query;
    });
    after(async () => server?.close());

    const url = (article: string) => `${server.url}/api/v1/sites/${site.slug}/articles/${article}/comments?limit=50`;
    const read = async (article: string, headers: Record<string, string> = {}) => {
      const res = await fetch(url(article), { headers: { origin: ORIGIN, 'accept-encoding': 'gzip', ...headers } });
      const text = await res.text();
      return { status: res.status, etag: res.headers.get('etag') ?? '', count: res.status === 200 ? (JSON.parse(text) as { comments: unknown[] }).comments.length : -1 };
    };
    const post = async (article: string, body: string) => {
      const res = await fetch(`${server.url}/api/v1/sites/${site.slug}/articles/${article}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${(++ipCounter % 250) + 1}` },
        body: JSON.stringify({ name: 'Asha', email: `asha${ipCounter}@example.com`, body }),
      });
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()) as { authorToken: string };
    };
    /** Holds page statements at the gate; resolves once one has reached it. */
    const hold = () => {
      let release!: () => void;
      held = new Promise<void>((r) => (release = r));
      const reached = new Promise<void>((r) => (reachedGate = r));
      return {
        reached,
        release() {
          held = undefined;
          reachedGate = undefined;
          release();
        },
      };
    };
    const version = (etag: string) => Number(/"p1-\d+-(\d+)/.exec(etag)?.[1] ?? NaN);

    it('builds a new version once for many concurrent readers, who get the previous page meanwhile', async () => {
      await post('hot', 'first');
      const v1 = await read('hot');
      assert.equal(v1.count, 1);
      await read('hot'); // answered by the edge from now on

      await post('hot', 'second');
      const gate = hold();
      const before = pageQueries;
      const leader = read('hot');
      await gate.reached;
      const during = await Promise.all(Array.from({ length: 20 }, () => read('hot')));
      assert.deepEqual(new Set(during.map((r) => r.etag)), new Set([v1.etag]), 'readers during the build get the previous page');
      // The reader whose copy is the previous page is told it is current, as a cache would.
      assert.equal((await read('hot', { 'if-none-match': v1.etag })).status, 304);
      gate.release();
      const fresh = await leader;
      assert.equal(fresh.count, 2);
      assert.ok(version(fresh.etag) > version(v1.etag));
      assert.equal(pageQueries - before, 1, 'one build for all of them');
      const after = await Promise.all(Array.from({ length: 10 }, () => read('hot')));
      assert.deepEqual(new Set(after.map((r) => r.etag)), new Set([fresh.etag]));
      assert.equal(pageQueries - before, 1, 'the new page is served from memory');
    });

    it('never gives a reader a version older than one they saw, nor an author the previous page', async () => {
      await post('seen', 'first');
      const v1 = await read('seen');
      const { authorToken } = await post('seen', 'second, by the author who reads next');
      // A reader who got a newer version elsewhere (another process, or a build this one finished).
      const newer = v1.etag.replace(/-(\d+)"$/, (_, v: string) => `-${Number(v) + 1}"`);
      const gate = hold();
      const leader = read('seen');
      await gate.reached;
      const stale = read('seen');
      const seenNewer = read('seen', { 'if-none-match': newer });
      const author = fetch(url('seen'), { headers: { origin: ORIGIN, 'x-parley-author-token': authorToken } }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { comments: { body: string; mine?: boolean }[] },
      }));
      assert.equal((await stale).etag, v1.etag, 'a reader with no copy may get the previous page');
      const mine = await author;
      assert.equal(mine.status, 200);
      assert.ok(mine.body.comments.some((c) => c.mine && c.body.startsWith('second')), 'the author sees their comment during the build');
      gate.release();
      const [fresh, waited] = await Promise.all([leader, seenNewer]);
      assert.equal(fresh.count, 2);
      assert.ok(waited.status === 304 || waited.count === 2, `the reader who saw a newer version got ${waited.status} ${waited.etag}`);
      assert.notEqual(waited.etag, v1.etag);
    });

    it('a build that finds a version this process announced but has not committed yet waits for the commit, and builds that version', async () => {
      await post('pending', 'first');
      await post('pending', 'second, removed by a moderator in a moment');
      const v1 = await read('pending');
      assert.equal(v1.count, 2);
      const [row] = await server.deps.db.select().from(comments).where(eq(comments.body, 'second, removed by a moderator in a moment'));
      let commit!: () => void;
      const committing = new Promise<void>((r) => (commit = r));
      let announced!: () => void;
      const wasAnnounced = new Promise<void>((r) => (announced = r));
      // As a moderator's action does (comments/status.ts): the version is announced inside the transaction.
      const write = server.deps.db.transaction(async (tx) => {
        await changeCommentStatus(tx, server.deps.bus, row!, { to: 'rejected', actor: { type: 'system' }, action: 'reject' });
        announced();
        await committing;
      });
      await wasAnnounced;
      const readsBefore = articleReads;
      const buildReadArticle = new Promise<void>((r) => (onArticleRead = r));
      const before = pageQueries;
      const reader = read('pending');
      await buildReadArticle;
      onArticleRead = undefined;
      commit();
      await write;
      const fresh = await reader;
      assert.equal(fresh.count, 1, 'the build waited for the commit instead of storing the version before it');
      assert.ok(version(fresh.etag) > version(v1.etag));
      assert.equal(pageQueries - before, 1, 'one page statement');
      // PGlite has one connection: its read waits behind the open transaction and finds the commit.
      assert.equal(articleReads - readsBefore, driver === 'postgres' ? 2 : 1, 'the article row read once before the commit and once after');
      assert.equal((await read('pending')).etag, fresh.etag);
    });
  });
}
