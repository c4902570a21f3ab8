// The thread edge over real HTTP: a repeated public read answered from memory before the app,
// exactly as the app answers it, and never past CORS, for an author, or after a change.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { articles, sites } from '../../server/db/schema.js';
import { insertSite, type Site } from '../../server/sites/store.js';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';

const ORIGIN = 'https://news.example';
let ipCounter = 0;

for (const driver of DRIVERS) {
  describe(`thread edge [${driver}]`, { skip: skipFor(driver) }, () => {
    let server: TestServer;
    let site: Site;

    before(async () => {
      server = await startTestServer({ driver });
      site = await insertSite(server.deps.db, {
        slug: `edge-${driver}`,
        name: 'Edge',
        allowedOrigins: [ORIGIN],
        settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 },
      });
    });
    after(async () => server?.close());

    const threadUrl = (article: string) => `${server.url}/api/v1/sites/${site.slug}/articles/${article}/comments?limit=20`;
    const post = async (article: string, body: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}/api/v1/sites/${site.slug}/articles/${article}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${++ipCounter}`, ...headers },
        body: JSON.stringify({ name: 'Asha', email: `asha${ipCounter}@example.com`, body }),
      });
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()) as { authorToken: string };
    };
    const read = (article: string, headers: Record<string, string> = {}) => fetch(threadUrl(article), { headers });
    const HEADERS = ['etag', 'cache-control', 'vary', 'content-type', 'content-encoding', 'access-control-allow-origin', 'access-control-expose-headers', 'x-content-type-options'];

    it('answers a repeated read exactly as the app does: same bytes, headers, 304, its own request id and log line', async () => {
      await post('same', 'x'.repeat(1500));
      const browser = { origin: ORIGIN, 'accept-encoding': 'gzip, br' };
      const full = await read('same', browser);
      const edge = await read('same', { ...browser, 'x-request-id': 'edge-check-1' });
      assert.equal(edge.status, 200);
      assert.deepEqual(Buffer.from(await edge.arrayBuffer()), Buffer.from(await full.arrayBuffer()));
      for (const h of HEADERS) assert.equal(edge.headers.get(h), full.headers.get(h), h);
      assert.equal(edge.headers.get('content-encoding'), 'gzip');
      assert.equal(edge.headers.get('vary'), 'Origin, X-Parley-Author-Token, Accept-Encoding');
      assert.equal(edge.headers.get('x-request-id'), 'edge-check-1');
      assert.ok(server.logs.lines.some((l) => l.includes('"requestId":"edge-check-1"') && l.includes('"status":200') && l.includes('"msg":"request"')));

      const plain = await read('same', { 'accept-encoding': 'identity' });
      assert.equal(plain.headers.get('content-encoding'), null);
      assert.equal(plain.headers.get('access-control-allow-origin'), null);
      assert.equal((await plain.json()).comments.length, 1);
      const notModified = await read('same', { ...browser, 'if-none-match': full.headers.get('etag')! });
      assert.equal(notModified.status, 304);
      assert.equal(notModified.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal(notModified.headers.get('etag'), full.headers.get('etag'));
    });

    it('never answers past CORS, for an author, or with a page older than the article', async () => {
      const { authorToken } = await post('guarded', 'first');
      await read('guarded', { origin: ORIGIN });
      const evil = await read('guarded', { origin: 'https://evil.example' });
      assert.deepEqual([evil.status, (await evil.json()).error.code], [403, 'ORIGIN_NOT_ALLOWED']);
      const mine = await read('guarded', { 'x-parley-author-token': authorToken });
      assert.equal(mine.headers.get('cache-control'), 'private, no-store');
      assert.equal((await mine.json()).comments[0].mine, true);

      // A site that stops allowing the origin (the admin view sends this event) is refused at once.
      await server.deps.db.update(sites).set({ allowedOrigins: ['https://other.example'] }).where(eq(sites.id, site.id));
      server.deps.siteCache.invalidate(site.slug);
      const dropped = await read('guarded', { origin: ORIGIN });
      assert.deepEqual([dropped.status, (await dropped.json()).error.code], [403, 'ORIGIN_NOT_ALLOWED']);
      await server.deps.db.update(sites).set({ allowedOrigins: [ORIGIN] }).where(eq(sites.id, site.id));
      server.deps.siteCache.invalidate(site.slug);

      const before = await read('guarded', { origin: ORIGIN });
      await post('guarded', 'second');
      const afterPost = await read('guarded', { origin: ORIGIN });
      assert.notEqual(afterPost.headers.get('etag'), before.headers.get('etag'));
      assert.deepEqual((await afterPost.json()).comments.map((c: { body: string }) => c.body), ['first', 'second']);
    });

    it('reads an article right after its first comment, though its absence was cached a moment before', async () => {
      const missing = await read('born', { origin: ORIGIN });
      assert.deepEqual([missing.status, (await missing.json()).comments], [200, []]);
      await post('born', 'the first word');
      const born = await read('born', { origin: ORIGIN });
      assert.equal(born.status, 200);
      assert.deepEqual((await born.json()).comments.map((c: { body: string }) => c.body), ['the first word']);
    });

    it('keeps answering a thread it has cached while the database is unreachable', async () => {
      const own = await startTestServer({ driver });
      try {
        const s = await insertSite(own.deps.db, { slug: 'outage', name: 'Outage', allowedOrigins: [ORIGIN], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 } });
        const base = `${own.url}/api/v1/sites/${s.slug}/articles/down/comments`;
        const created = await fetch(base, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.250' },
          body: JSON.stringify({ name: 'A', email: 'a@example.com', body: 'still here' }),
        });
        assert.equal(created.status, 201);
        const first = await (await fetch(base, { headers: { origin: ORIGIN } })).text();
        // The post's own NOTIFY may come back only after that read cached the new version (CI saw
        // it): send it again now, through the database, and wait until it has been handled.
        const [row] = await own.deps.db.select().from(articles).where(eq(articles.siteId, s.id));
        const echoed = new Promise<void>((resolve) => own.deps.bus.subscribe((e) => e.type === 'article' && resolve()));
        const event = { type: 'article', siteId: s.id, articleId: row!.id, version: row!.version };
        await own.deps.db.execute(sql`select pg_notify('parley_events', ${JSON.stringify(event)})`);
        await echoed;
        await own.database.close();
        const during = await fetch(base, { headers: { origin: ORIGIN } });
        assert.equal(during.status, 200);
        assert.equal(await during.text(), first);
      } finally {
        await own.close();
      }
    });
  });
}
