// Regression (issue 12, finding 2): readers' event streams had no limits and cost every post a query
// per open stream. 2,000 streams on articles that do not exist, from one address, made each later
// post on the site run about 2,000 findArticle queries. Over real HTTP, on both drivers: streams are
// capped per client address (429) and in total (503), each with Retry-After; a stream ends after its
// maximum lifetime and a reconnect catches up; and the statements a post costs do not grow with the
// number of open streams.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { insertSite, type Site } from '../../server/sites/store.js';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { createTestDatabase, skipFor, type Driver, type TestDatabase } from '../helpers/db.js';
import { openSse, type SseStream } from '../hardening/helpers/sse.js';

const ORIGIN = 'https://news.example';
// drizzle's text for findArticle, for the article key by id, and for findComment.
const STREAM_LOOKUP =
  /from "articles" where \("articles"\."site_id" = \$1 and "articles"\."key" = \$2\)|select "key" from "articles" where "articles"\."id" = \$1|from "comments" where "comments"\."id" = \$1 limit/;
let siteCounter = 0;

async function createSite(server: TestServer): Promise<Site> {
  siteCounter += 1;
  return insertSite(server.deps.db, {
    slug: `streams${siteCounter}-${process.pid}`,
    name: 'Streams',
    allowedOrigins: [ORIGIN],
    settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, nudge: false },
  });
}

const eventsUrl = (server: TestServer, site: Site, article: string) =>
  `${server.url}/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/events`;

let postCounter = 0;
async function post(server: TestServer, site: Site, article: string, body: string): Promise<number> {
  postCounter += 1;
  const res = await fetch(`${server.url}/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${(postCounter % 250) + 1}` },
    body: JSON.stringify({ name: 'Reader', email: `reader${postCounter}@example.com`, body }),
  });
  const data = (await res.json()) as { comment: { id: number } };
  assert.equal(res.status, 201, JSON.stringify(data));
  return data.comment.id;
}

/** Opens a stream as a raw fetch, so refusals (429/503) can be read too; the caller cancels the body. */
const openRaw = (url: string, address: string) =>
  fetch(url, { headers: { accept: 'text/event-stream', 'x-forwarded-for': address } });

/** Polls `attempt` until it returns something (a server noticing a closed socket is not instant), up to `ms`. */
async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    assert.ok(Date.now() < deadline, `timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The cases, run per driver by event-streams.pglite.test.ts and event-streams.postgres.test.ts (one file each, to stay within the runner's time per file). */
export function defineEventStreamTests(driver: Driver): void {
  describe(`reader event streams: limits, lifetime and cost [${driver}]`, { skip: skipFor(driver) }, () => {
    // One database for the three servers below (a new PGlite costs seconds): every statement sent to it
    // is recorded, and only the cost test reads the record, while the other servers are closed.
    const statements: string[] = [];
    let database: TestDatabase;
    const env = { PARLEY_DEMO: 'false', PARLEY_RESCORE_INTERVAL_MS: '3600000' };
    before(async () => {
      database = await createTestDatabase(driver, { onQuery: (text) => statements.push(text) });
    });
    after(async () => database?.drop());

    describe('caps', () => {
      let server: TestServer;
      let site: Site;
      const open: Response[] = [];
      before(async () => {
        server = await startTestServer({ driver, database, env: { ...env, PARLEY_STREAMS_PER_ADDRESS: '3', PARLEY_STREAMS_MAX: '5' } });
        site = await createSite(server);
      });
      after(async () => {
        for (const res of open) await res.body?.cancel().catch(() => {});
        await server?.close();
      });

      it('answers 429 past the per-address cap and 503 past the total, with Retry-After and the error envelope', async () => {
        const url = eventsUrl(server, site, 'capped');
        for (let i = 0; i < 3; i++) {
          const res = await openRaw(url, '203.0.113.1');
          assert.equal(res.status, 200);
          assert.equal(res.headers.get('cache-control'), 'no-store');
          open.push(res);
        }
        const fourth = await openRaw(url, '203.0.113.1');
        assert.equal(fourth.status, 429);
        assert.match(fourth.headers.get('retry-after') ?? '', /^\d+$/);
        const limited = (await fourth.json()) as { error: { code: string; retryAfter: number; requestId: string } };
        assert.equal(limited.error.code, 'RATE_LIMITED');
        assert.ok(limited.error.retryAfter >= 1 && limited.error.requestId);

        for (let i = 0; i < 2; i++) {
          const res = await openRaw(url, '203.0.113.2');
          assert.equal(res.status, 200);
          open.push(res);
        }
        const full = await openRaw(eventsUrl(server, site, 'elsewhere'), '203.0.113.3');
        assert.equal(full.status, 503);
        assert.match(full.headers.get('retry-after') ?? '', /^\d+$/);
        assert.equal(((await full.json()) as { error: { code: string } }).error.code, 'SERVICE_UNAVAILABLE');

        // A closed stream gives its place back.
        await open.shift()!.body!.cancel();
        const again = await eventually('a place for 203.0.113.1 after one of its streams closed', async () => {
          const res = await openRaw(url, '203.0.113.1');
          if (res.status === 200) return res;
          await res.body?.cancel();
          return undefined;
        });
        open.push(again);
      });
    });

    describe('lifetime', () => {
      let server: TestServer;
      let site: Site;
      before(async () => {
        server = await startTestServer({ driver, database, env: { ...env, PARLEY_STREAM_LIFETIME_MS: '3000' } });
        site = await createSite(server);
      });
      after(async () => server?.close());

      it('ends a stream after its lifetime; the reconnect tells the version, so a change made in between is not lost', async () => {
        await post(server, site, 'lived', 'the first comment');
        const first = await openSse(eventsUrl(server, site, 'lived'), { 'x-forwarded-for': '203.0.113.10', origin: ORIGIN });
        const ready = await first.waitFor((e) => e.event === 'ready', 10_000, 'ready');
        assert.equal(ready.retry, '5000', 'the client is told when to reconnect');
        assert.equal(first.headers.get('access-control-allow-origin'), ORIGIN);
        const before = (JSON.parse(ready.data) as { version: number }).version;
        assert.ok(before >= 1, `ready carries the article's version: ${ready.data}`);
        await first.ended;

        // Posted while no stream is open: the next stream's ready event says the thread moved on.
        const missed = await post(server, site, 'lived', 'posted between two streams');
        const second = await openSse(eventsUrl(server, site, 'lived'), { 'x-forwarded-for': '203.0.113.10' });
        try {
          const again = await second.waitFor((e) => e.event === 'ready', 10_000, 'ready again');
          assert.ok((JSON.parse(again.data) as { version: number }).version > before, 'a newer version after the missed comment');
          const thread = (await (await fetch(`${server.url}/api/v1/sites/${site.slug}/articles/lived/comments`)).json()) as {
            comments: { id: number }[];
          };
          assert.ok(thread.comments.some((c) => c.id === missed), 'catching up by reading the thread finds it');
          const live = await post(server, site, 'lived', 'posted while the new stream is open');
          await second.waitFor((e) => e.event === 'comment' && (JSON.parse(e.data) as { id: number }).id === live, 10_000, 'the live comment');
        } finally {
          second.close();
        }
      });
    });

    describe('cost of a post', () => {
      const IDLE = 400;
      let server: TestServer;
      let site: Site;
      const idle: SseStream[] = [];
      before(async () => {
        server = await startTestServer({ driver, database, env: { ...env, PARLEY_STREAMS_PER_ADDRESS: '1000' } });
        site = await createSite(server);
      });
      after(async () => {
        for (const s of idle) s.close();
        await server?.close();
      });

      /**
       * Statements sent while `fn` runs (`all`, background workers' included), and among them the lookups
       * live events cost: an article by site and key (findArticle), an article's key by id, a comment by id.
       */
      async function measure(fn: () => Promise<void>): Promise<{ all: number; lookups: number }> {
        const start = statements.length;
        await fn();
        const sent = statements.slice(start);
        return { all: sent.length, lookups: sent.filter((s) => STREAM_LOOKUP.test(s)).length };
      }

      /** Posts to `article` and waits until `watcher` (a stream on it) has the comment and a version event. */
      async function postAndHear(watcher: SseStream, article: string, body: string): Promise<void> {
        const versions = watcher.events.filter((e) => e.event === 'version').length;
        const id = await post(server, site, article, body);
        await watcher.waitFor((e) => e.event === 'comment' && (JSON.parse(e.data) as { id: number }).id === id, 15_000, `comment ${id}`);
        await watcher.waitFor(() => watcher.events.filter((e) => e.event === 'version').length > versions, 15_000, 'its version event');
      }

      it(`does not grow with ${IDLE} idle streams on articles that do not exist`, async () => {
        const address = '203.0.113.20';
        const hot = await openSse(eventsUrl(server, site, 'hot'), { 'x-forwarded-for': address });
        const fresh = [0, 1].map((i) => openSse(eventsUrl(server, site, `fresh-${i}`), { 'x-forwarded-for': address }));
        const [fresh0, fresh1] = await Promise.all(fresh);
        try {
          await postAndHear(hot, 'hot', 'creates the article');
          const known0 = await measure(() => postAndHear(hot, 'hot', 'on a known article, no idle streams'));
          const new0 = await measure(() => postAndHear(fresh0!, 'fresh-0', 'creates an article, no idle streams'));

          for (let i = 0; i < IDLE; i += 50) {
            const batch = Array.from({ length: Math.min(50, IDLE - i) }, (_, j) => openSse(eventsUrl(server, site, `missing-${i + j}`), { 'x-forwarded-for': address }));
            idle.push(...(await Promise.all(batch)));
          }
          await Promise.all(idle.map((s) => s.waitFor((e) => e.event === 'ready', 15_000, 'idle ready')));

          const knownN = await measure(() => postAndHear(hot, 'hot', `on a known article, ${IDLE} idle streams`));
          const newN = await measure(() => postAndHear(fresh1!, 'fresh-1', `creates an article, ${IDLE} idle streams`));
          console.log(`# statements per post (lookups): known article ${known0.all} (${known0.lookups}) -> ${knownN.all} (${knownN.lookups}); new article ${new0.all} (${new0.lookups}) -> ${newN.all} (${newN.lookups}) with ${IDLE} idle streams`);
          assert.equal(knownN.lookups, known0.lookups, `lookups for a post on a known article: ${known0.lookups} without idle streams, ${knownN.lookups} with ${IDLE}`);
          assert.equal(newN.lookups, new0.lookups, `lookups for a post creating an article: ${new0.lookups} without idle streams, ${newN.lookups} with ${IDLE}`);

          // Streams on one article share its lookup: 50 more readers of one missing article cost one.
          const shared: SseStream[] = [];
          const opening = await measure(async () => {
            for (let i = 0; i < 50; i++) shared.push(await openSse(eventsUrl(server, site, 'one-missing'), { 'x-forwarded-for': address }));
            await Promise.all(shared.map((s) => s.waitFor((e) => e.event === 'ready', 15_000, 'ready')));
          });
          idle.push(...shared);
          assert.equal(opening.lookups, 1, `50 streams on one missing article looked it up ${opening.lookups} times`);
        } finally {
          hot.close();
          fresh0?.close();
          fresh1?.close();
        }
      });
    });
  });
}
