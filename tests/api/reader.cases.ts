// The reader's side of the public API (issue 15): a refused origin the widget can read, recorded for
// the admin view; reactions once per reader with their caps; the best and picks orders; an article
// nobody commented on reads as an empty thread. Run per driver by reader.*.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { comments, refusedOrigins } from '../../server/db/schema.js';
import type { Site } from '../../server/sites/store.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { createAdminTest, nextIp, type AdminTest, type Session } from '../admin/helpers.js';

export function defineReaderTests(driver: Driver): void {
  describe(`reader features [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: AdminTest;
    let admin: Session;
    let site: Site;

    before(async () => {
      a = await createAdminTest({ driver });
      admin = await a.session('admin');
      site = await a.t.createSite({ allowedOrigins: ['https://news.example'] });
    });
    after(async () => a?.close());

    const get = (path: string, headers: Record<string, string> = {}) =>
      a.app.request(`/api/v1/sites/${site.slug}${path}`, { headers: { 'x-forwarded-for': '192.0.2.9', ...headers } });

    describe('refused origins', () => {
      it('answers 403 ORIGIN_NOT_ALLOWED that the refused page can read, and nothing more', async () => {
        const res = await get('/config', { origin: 'https://blog.elsewhere.example' });
        assert.equal(res.status, 403);
        assert.equal(res.headers.get('access-control-allow-origin'), 'https://blog.elsewhere.example');
        assert.equal(res.headers.get('access-control-allow-credentials'), null);
        const body = (await res.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'ORIGIN_NOT_ALLOWED');
        assert.match(body.error.message, /https:\/\/blog\.elsewhere\.example/);
        // A refused preflight stays refused: the write it asks about is never sent.
        const pre = await a.app.request(`/api/v1/sites/${site.slug}/articles/x/comments`, {
          method: 'OPTIONS',
          headers: { origin: 'https://blog.elsewhere.example', 'access-control-request-method': 'POST' },
        });
        assert.equal(pre.status, 403);
        assert.equal(pre.headers.get('access-control-allow-origin'), null);
        // An allowed origin is unchanged.
        const ok = await get('/config', { origin: 'https://news.example' });
        assert.equal(ok.status, 200);
      });

      it('logs a refused origin once per hour, records counts, lists it for admins, and Allow clears it', async () => {
        const origin = 'https://mirror.example:8443';
        const before = a.t.logs.lines.filter((l) => l.includes('refused origin') && l.includes(origin)).length;
        for (let i = 0; i < 3; i++) assert.equal((await get('/config', { origin })).status, 403);
        const logged = a.t.logs.lines.filter((l) => l.includes('refused origin') && l.includes(origin));
        assert.equal(logged.length - before, 1, 'one log line for three refusals');
        assert.match(logged.at(-1)!, new RegExp(site.slug));
        // Written in the background: wait for the row.
        let rows: (typeof refusedOrigins.$inferSelect)[] = [];
        for (let i = 0; i < 500 && rows.length === 0; i++) {
          rows = await a.t.deps.db.select().from(refusedOrigins).where(eq(refusedOrigins.origin, origin));
          if (rows.length === 0) await new Promise((r) => setTimeout(r, 10));
        }
        assert.equal(rows.length, 1);
        assert.equal(rows[0]!.count, 1, 'the first refusal is written at once; the next within the minute wait');
        // A minute later the refusals in between are counted in.
        a.clock.advance(61_000);
        await get('/config', { origin });
        for (let i = 0; i < 500; i++) {
          [rows[0]] = await a.t.deps.db.select().from(refusedOrigins).where(eq(refusedOrigins.origin, origin));
          if (rows[0]!.count === 4) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        assert.equal(rows[0]!.count, 4);
        // Junk in the Origin header is refused but not recorded.
        assert.equal((await get('/config', { origin: 'null' })).status, 403);

        const list = async () => {
          const res = await a.call(admin, 'GET', '/admin/sites');
          const { sites } = (await res.json()) as { sites: Array<{ slug: string; allowedOrigins: string[]; refusedOrigins: Array<{ origin: string; count: number }> }> };
          return sites.find((s) => s.slug === site.slug)!;
        };
        const mine = await list();
        // Most refused first: this one, then the first test's.
        assert.deepEqual(mine.refusedOrigins.map((r) => [r.origin, r.count]), [[origin, 4], ['https://blog.elsewhere.example', 1]]);
        const res = await a.call(admin, 'PATCH', `/admin/sites/${site.slug}`, { allowedOrigins: [...mine.allowedOrigins, origin] });
        assert.equal(res.status, 200);
        assert.deepEqual((await list()).refusedOrigins.map((r) => r.origin), ['https://blog.elsewhere.example']);
        assert.equal((await get('/config', { origin })).status, 200);
      });
    });

    it('lists the most refused origins first, so made-up origins cannot push a real embed off the list', async () => {
      const other = await a.t.createSite();
      const now = a.t.deps.now();
      // A page that really embeds the site, refused for every reader a week ago, then 25 origins a stranger made up today.
      await a.t.deps.db.insert(refusedOrigins).values({ siteId: other.id, origin: 'https://real-mirror.example', count: 480, firstAt: new Date(now.getTime() - 8 * 86_400_000), lastAt: new Date(now.getTime() - 7 * 86_400_000) });
      await a.t.deps.db.insert(refusedOrigins).values(
        Array.from({ length: 25 }, (_, i) => ({ siteId: other.id, origin: `https://made-up-${i}.example`, count: 1, firstAt: now, lastAt: new Date(now.getTime() - i * 1000) })),
      );
      const res = await a.call(admin, 'GET', '/admin/sites');
      const { sites } = (await res.json()) as { sites: Array<{ slug: string; refusedOrigins: Array<{ origin: string; count: number; lastAt: string }> }> };
      const listed = sites.find((s) => s.slug === other.slug)!.refusedOrigins;
      assert.equal(listed.length, 20);
      assert.deepEqual(listed[0], { origin: 'https://real-mirror.example', count: 480, lastAt: listed[0]!.lastAt });
      // Among equals, the newest first.
      assert.deepEqual(listed.slice(1, 4).map((r) => r.origin), ['https://made-up-0.example', 'https://made-up-1.example', 'https://made-up-2.example']);
    });

    it('an article nobody commented on reads as 200 with an empty thread', async () => {
      const res = await get('/articles/never-commented/comments', { origin: 'https://news.example' });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { comments: unknown[]; total: number; article: { commentCount: number; closed: boolean } };
      assert.deepEqual(body.comments, []);
      assert.equal(body.total, 0);
      assert.equal(body.article.closed, false);
    });

    describe('reactions and the best order', () => {
      const ORIGIN = { origin: 'https://news.example' };
      const react = (article: string, id: number, ip: string, token?: string) =>
        a.app.request(`/api/v1/sites/${site.slug}/articles/${article}/comments/${id}/reactions`, {
          method: 'POST',
          headers: { 'x-forwarded-for': ip, ...ORIGIN, ...(token ? { 'x-parley-author-token': token } : {}) },
        });
      const thread = async (article: string, sort: string, headers: Record<string, string> = {}) =>
        get(`/articles/${article}/comments?sort=${sort}`, { ...ORIGIN, ...headers });
      const ids = async (res: Response) => ((await res.json()) as { comments: Array<{ id: number; featured?: boolean }> }).comments.map((c) => c.id);

      it('counts one reaction per reader and per address; a repeat is a no-op; live counts by ETag', async () => {
        const c1 = await a.comment(site, 'r-1', { body: 'First.' });
        const ip = nextIp();
        let res = await react('r-1', c1, ip);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { count: 1, counted: true });
        // The same reader again, and the same address with a token: still one.
        assert.deepEqual(await (await react('r-1', c1, ip)).json(), { count: 1, counted: false });
        assert.deepEqual(await (await react('r-1', c1, ip, 'a'.repeat(43))).json(), { count: 1, counted: false });
        // The same token from another address: still one.
        const token = 'b'.repeat(43);
        assert.deepEqual(await (await react('r-1', c1, nextIp(), token)).json(), { count: 2, counted: true });
        assert.deepEqual(await (await react('r-1', c1, nextIp(), token)).json(), { count: 2, counted: false });

        const counts = await get('/articles/r-1/reactions', ORIGIN);
        assert.equal(counts.status, 200);
        assert.deepEqual(await counts.json(), { counts: { [c1]: 2 } });
        const etag = counts.headers.get('etag')!;
        assert.equal((await get('/articles/r-1/reactions', { ...ORIGIN, 'if-none-match': etag })).status, 304);
        await react('r-1', c1, nextIp());
        const after = await get('/articles/r-1/reactions', { ...ORIGIN, 'if-none-match': etag });
        assert.equal(after.status, 200);
        assert.deepEqual(await after.json(), { counts: { [c1]: 3 } });
        // Unknown or unpublished comments: 404.
        assert.equal((await react('r-1', 999_999, nextIp())).status, 404);
      });

      it('a reaction leaves the oldest/newest page and its ETag alone (no re-render), and moves the best order', async () => {
        const older = await a.comment(site, 'r-2', { body: 'Older.' });
        const newer = await a.comment(site, 'r-2', { body: 'Newer.' });
        const oldest = await thread('r-2', 'oldest');
        const oldestEtag = oldest.headers.get('etag');
        const best1 = await thread('r-2', 'best');
        assert.deepEqual(await ids(best1), [newer, older], 'without reactions, newer first');
        for (let i = 0; i < 3; i++) await react('r-2', older, nextIp());
        const again = await thread('r-2', 'oldest');
        assert.equal(again.headers.get('etag'), oldestEtag, 'the thread version did not move');
        assert.equal((await thread('r-2', 'oldest', { 'if-none-match': oldestEtag! })).status, 304);
        const best2 = await thread('r-2', 'best', { 'if-none-match': best1.headers.get('etag')! });
        assert.equal(best2.status, 200, 'the best page is keyed on reactions');
        assert.deepEqual(await ids(best2), [older, newer], 'three reactions outrank a few seconds of newness');
        assert.equal((await thread('r-2', 'best', { 'if-none-match': best2.headers.get('etag')! })).status, 304);
      });

      it("best puts editors' picks first; picks lists only them; featuring changes the ETag", async () => {
        const plain = await a.comment(site, 'r-3', { body: 'Plain.' });
        const pick = await a.comment(site, 'r-3', { body: 'Picked.' });
        const reply = await a.comment(site, 'r-3', { body: 'A reply.', parentId: plain });
        for (let i = 0; i < 2; i++) await react('r-3', plain, nextIp());
        const before = await thread('r-3', 'best');
        assert.deepEqual(await ids(before), [plain, reply, pick]);
        const res = await a.call(admin, 'POST', `/admin/comments/${pick}/actions`, { action: 'feature' });
        assert.equal(res.status, 200, await res.text());
        const best = await thread('r-3', 'best', { 'if-none-match': before.headers.get('etag')! });
        assert.equal(best.status, 200);
        assert.deepEqual(await ids(best), [pick, plain, reply]);
        const picks = await thread('r-3', 'picks');
        const body = (await picks.json()) as { comments: Array<{ id: number; featured?: boolean }> };
        assert.deepEqual(body.comments.map((c) => [c.id, c.featured]), [[pick, true]]);
        assert.equal((await thread('r-3', 'sideways')).status, 422);
      });

      it('rate-limits reactions per address; a site can turn them off', async () => {
        const ip = nextIp();
        const list: number[] = [];
        for (let i = 0; i < 31; i++) list.push(await a.comment(site, 'r-4', { body: `Comment ${i}.` }));
        for (let i = 0; i < 30; i++) assert.equal((await react('r-4', list[i]!, ip)).status, 200);
        const limited = await react('r-4', list[30]!, ip);
        assert.equal(limited.status, 429);
        assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'RATE_LIMITED');
        a.clock.advance(61_000);
        assert.equal((await react('r-4', list[30]!, ip)).status, 200);

        const off = await a.t.createSite({ settings: { reactions: 'off' } });
        const c = await a.comment(off, 'r-5', { body: 'No reactions here.' });
        const res = await a.app.request(`/api/v1/sites/${off.slug}/articles/r-5/comments/${c}/reactions`, { method: 'POST', headers: { 'x-forwarded-for': nextIp() } });
        assert.equal(res.status, 404);
        const config = (await (await a.app.request(`/api/v1/sites/${off.slug}/config`)).json()) as { site: { reactions: string; defaultSort: string } };
        assert.deepEqual([config.site.reactions, config.site.defaultSort], ['off', 'oldest']);
      });
    });

    void comments;
  });
}
