// Hostile input on the surfaces added lately (desk, audit filters, imports, notification pages):
// each case was a 500 or an unbounded read before its fix. recent-surfaces.{pglite,postgres}.test.ts run it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { comments } from '../../server/db/schema.js';
import { NOTIFY_BODY_LIMIT_BYTES } from '../../server/routes/notify.js';
import type { Site } from '../../server/sites/store.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { createAdminTest, type AdminTest, type Session } from '../admin/helpers.js';

const cursor = (text: string) => Buffer.from(text).toString('base64url');

export function defineRecentSurfaceTests(driver: Driver): void {
  describe(`hostile input on recent surfaces [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: AdminTest;
    let admin: Session;
    let moderator: Session;
    let site: Site;

    before(async () => {
      a = await createAdminTest({ driver });
      site = await a.t.createSite({ settings: { mode: 'pre' } });
      admin = await a.session('admin');
      moderator = await a.session('moderator', [site]);
      await a.comment(site, 'dates-story', { email: 'asha@example.com' });
    });
    after(async () => a?.close());

    const call = async (who: Session, method: string, path: string, body?: unknown) => {
      const res = await a.call(who, method, path, body);
      const text = await res.text();
      return { status: res.status, json: JSON.parse(text) as { error?: { code: string; fields?: { field: string }[] } } & Record<string, unknown> };
    };
    const refused = (res: { status: number; json: { error?: { code: string; fields?: { field: string }[] } } }, field: string) => {
      assert.equal(res.status, 422, JSON.stringify(res.json));
      assert.equal(res.json.error?.code, 'VALIDATION_FAILED');
      assert.deepEqual(res.json.error?.fields?.map((f) => f.field), [field]);
    };

    // Regression: years outside 1..9999 reached PostgreSQL as "+010000-..." or "0000-..." and answered 500.
    it('refuses a ban expiry after the year 9999 with 422 (was 500)', async () => {
      refused(await call(moderator, 'POST', '/admin/bans', { site: site.slug, email: 'far@example.com', expiresAt: '+010000-01-01T00:00:00Z' }), 'expiresAt');
      refused(await call(moderator, 'POST', '/admin/bans', { site: site.slug, email: 'far@example.com', expiresAt: '+275760-09-13T00:00:00Z' }), 'expiresAt');
      const ok = await call(moderator, 'POST', '/admin/bans', { site: site.slug, email: 'far@example.com', expiresAt: '9999-12-31T00:00:00Z' });
      assert.equal(ok.status, 201, JSON.stringify(ok.json));
    });

    it('refuses audit dates PostgreSQL cannot read with 422 (was 500)', async () => {
      refused(await call(moderator, 'GET', '/admin/audit?from=0000-01-01T00:00:00Z'), 'from');
      refused(await call(moderator, 'GET', `/admin/audit?to=${encodeURIComponent('9999-12-31T23:59:59-12:00')}`), 'to');
      assert.equal((await call(moderator, 'GET', '/admin/audit?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z')).status, 200);
    });

    it('refuses a forged queue cursor naming a day that does not exist with 422 (was 500)', async () => {
      for (const [queue, at] of [
        ['pending', '2026-02-30T00:00:00Z'],
        ['pending', '2026-02-29 10:00:00+00'],
        ['reported', '0000-01-01T00:00:00Z'],
      ]) {
        refused(await call(moderator, 'GET', `/admin/comments?queue=${queue}&cursor=${cursor(`${at}|1`)}`), 'cursor');
      }
      assert.equal((await call(moderator, 'GET', `/admin/comments?cursor=${cursor('2028-02-29 10:00:00+00|1')}`)).status, 200);
    });

    const upload = async (format: string, file: string) => {
      const created = await call(admin, 'POST', '/admin/imports', { site: site.slug, format });
      assert.equal(created.status, 201);
      const id = (created.json.import as { id: number }).id;
      const res = await a.app.request(`/api/v1/admin/imports/${id}/file`, {
        method: 'PUT',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' },
        body: file,
      });
      return { status: res.status, json: (await res.json()) as { import?: { status: string }; error?: { code: string } } };
    };

    it('imports a Disqus post whose date the database cannot store without the date (was 500, import failed)', async () => {
      const post = (id: string, at: string) =>
        `<post dsq:id="${id}"><message><![CDATA[dated ${id}]]></message><createdAt>${at}</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>` +
        `<author><email>old${id}@example.com</email><name>Old</name></author><thread dsq:id="1"/></post>`;
      const file =
        '<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">' +
        '<thread dsq:id="1"><id>old</id><link>https://news.example/old</link><title>Old</title><createdAt>0000-06-01T00:00:00Z</createdAt></thread>' +
        `${post('1', '0000-01-01T00:00:00Z')}${post('2', '+010000-01-01T00:00:00Z')}${post('3', '2023-02-29T00:00:00Z')}</disqus>`;
      const res = await upload('disqus', file);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.equal(res.json.import?.status, 'done');
      const rows = await a.t.deps.db.select({ body: comments.body }).from(comments).where(eq(comments.siteId, site.id));
      for (const id of ['1', '2', '3']) assert.ok(rows.some((r) => r.body === `dated ${id}`), `post ${id} imported`);
    });

    it('refuses a Parley file with a date out of range as INVALID_FILE (was 500)', async () => {
      const exported = await a.call(admin, 'GET', `/admin/sites/${site.slug}/export`);
      const lines = (await exported.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const other = await a.t.createSite();
      const file = lines.map((l) => JSON.stringify(l.type === 'comment' ? { ...l, createdAt: '0000-01-01T00:00:00Z' } : l)).join('\n') + '\n';
      const created = await call(admin, 'POST', '/admin/imports', { site: other.slug, format: 'parley' });
      const res = await a.app.request(`/api/v1/admin/imports/${(created.json.import as { id: number }).id}/file`, {
        method: 'PUT',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' },
        body: file,
      });
      assert.equal(res.status, 422, await res.clone().text());
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'INVALID_FILE');
    });

    // Regression: a Parley file's article URL was kept whatever its scheme; the stories page and the
    // audit log made it a link (javascript: ran in the admin origin on click) and the public thread carried it.
    it('keeps only http(s) article URLs from a Parley file', async () => {
      const exported = await a.call(admin, 'GET', `/admin/sites/${site.slug}/export`);
      const lines = (await exported.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const target = await a.t.createSite();
      const evil = 'javascript:alert(document.domain)//https://news.example/x';
      const file = lines.map((l) => JSON.stringify(l.type === 'article' ? { ...l, url: evil } : l)).join('\n') + '\n';
      const created = await call(admin, 'POST', '/admin/imports', { site: target.slug, format: 'parley' });
      const res = await a.app.request(`/api/v1/admin/imports/${(created.json.import as { id: number }).id}/file`, {
        method: 'PUT',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' },
        body: file,
      });
      assert.equal(res.status, 200, await res.clone().text());
      const stories = await call(admin, 'GET', `/admin/articles?site=${target.slug}`);
      const list = stories.json.articles as { key: string; url: string | null }[];
      assert.ok(list.length > 0);
      for (const story of list) assert.equal(story.url, null, `story ${story.key}`);
      const thread = (await (await a.app.request(`/api/v1/sites/${target.slug}/articles/dates-story/comments`)).json()) as { article: { url: string | null } };
      assert.equal(thread.article.url, null);
    });

    // Regression: Parley files skipped the clean-up every other source gets: a javascript: website
    // reached the public thread, a name kept line breaks and control characters, any text was stored as an email.
    it("cleans a Parley file's author fields like any other import", async () => {
      const exported = await a.call(admin, 'GET', `/admin/sites/${site.slug}/export?personal=1`);
      const lines = (await exported.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const target = await a.t.createSite();
      const file =
        lines
          .map((l) =>
            JSON.stringify(
              l.type === 'comment'
                ? { ...l, status: 'approved', authorWebsite: 'javascript:alert(1)', authorName: 'Evil\r\nName\u0007', personal: { ...(l.personal as object), authorEmail: 'x\r\nBcc: y@example.com' } }
                : l,
            ),
          )
          .join('\n') + '\n';
      const created = await call(admin, 'POST', '/admin/imports', { site: target.slug, format: 'parley' });
      const res = await a.app.request(`/api/v1/admin/imports/${(created.json.import as { id: number }).id}/file`, {
        method: 'PUT',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' },
        body: file,
      });
      assert.equal(res.status, 200, await res.clone().text());
      const thread = (await (await a.app.request(`/api/v1/sites/${target.slug}/articles/dates-story/comments`)).json()) as {
        comments: { authorName: string; authorWebsite: string | null }[];
      };
      assert.ok(thread.comments.length > 0);
      for (const c of thread.comments) assert.deepEqual([c.authorName, c.authorWebsite], ['Evil Name', null]);
      const queue = await call(admin, 'GET', `/admin/comments?site=${target.slug}&queue=approved`);
      for (const c of queue.json.comments as { authorEmail: string | null }[]) assert.equal(c.authorEmail, null);
    });

    // Regression: notices matched a warning by the email a browser had posted with, whoever typed it:
    // posting once with someone's address read the moderators' warning to them, and used it up.
    it("shows a warning only to a browser that wrote as that address before the warning", async () => {
      const post = async (email: string, ip: string) => {
        const res = await a.app.request(`/api/v1/sites/${site.slug}/articles/warned-story/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ name: 'Writer', email, body: `words ${Math.random()}` }),
        });
        const json = (await res.json()) as { comment: { id: number }; authorToken: string };
        return { id: json.comment.id, token: json.authorToken };
      };
      const notices = async (token: string) =>
        ((await (await a.app.request(`/api/v1/sites/${site.slug}/notices`, { headers: { 'x-parley-author-token': token } })).json()) as { notices: { type: string; note?: string }[] }).notices;
      const author = await post('warned@example.com', '203.0.113.60');
      const warned = await call(moderator, 'POST', '/admin/authors/actions', { comment: author.id, action: 'warn', message: 'A private word about your last comment.' });
      assert.equal(warned.status, 200);
      a.clock.advance(60_000);
      const stranger = await post('warned@example.com', '203.0.113.61');
      assert.deepEqual(await notices(stranger.token), [], 'a stranger using the address does not get the warning');
      assert.deepEqual(await notices(author.token), [{ type: 'warning', note: 'A private word about your last comment.' }], 'the author still does');
      assert.deepEqual(await notices(author.token), [], 'once');
    });

    // Regression: the pages behind email links read any POST body whole (Hono's parseBody), with no limit.
    it('answers 413 to a large POST on the email-link pages and reads no more of a streamed one than the limit', async () => {
      const big = `t=${'a'.repeat(2_000_000)}`;
      const declared = await a.t.app.request('/notify/unsubscribe', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length) },
        body: big,
      });
      assert.equal(declared.status, 413);
      assert.equal(((await declared.json()) as { error: { code: string } }).error.code, 'PAYLOAD_TOO_LARGE');

      let pulled = 0;
      const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= 50_000_000) return controller.close();
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const streamed = await a.t.app.request('/notify/confirm', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      assert.ok(streamed.status >= 400 && streamed.status < 500, `answered ${streamed.status}`);
      assert.ok(pulled < NOTIFY_BODY_LIMIT_BYTES + 1_000_000, `read ${pulled} bytes of the body`);
    });
  });
}
