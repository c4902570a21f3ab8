// The public comments API through the app, on PGlite and on PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { articles, comments } from '../../server/db/schema.js';
import { createTestApp, jsonRequest, type TestApp } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';
import type { Site } from '../../server/sites/store.js';
import { en } from '../../widget/embed/i18n.js';

const ORIGIN = 'https://news.example';
let ipCounter = 0;
const nextIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`;

for (const driver of DRIVERS) {
  describe(`public comments API [${driver}]`, { skip: skipFor(driver) }, () => {
    let t: TestApp;
    let site: Site;
    let clock = new Date('2026-11-25T10:00:00Z');

    before(async () => {
      t = await createTestApp({ driver, now: () => clock });
      site = await t.createSite({ settings: { mode: 'post', floodSeconds: 0 } });
    });
    after(async () => t?.close());

    const path = (article: string, suffix = '') =>
      `/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments${suffix}`;
    const post = (article: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.request(path(article), jsonRequest('POST', { name: 'Asha', email: 'asha@example.com', ...body }, { 'x-forwarded-for': nextIp(), ...headers }));
    const thread = (article: string, query = '', headers: Record<string, string> = {}) =>
      t.app.request(`${path(article)}${query}`, { headers });

    describe('happy path', () => {
      it('publishes a comment (201) with an author token, and shows it in the thread', async () => {
        const res = await post('a-1', { body: '  Hello from Delhi  ', website: 'example.org/me' });
        assert.equal(res.status, 201);
        const json = await res.json();
        assert.equal(json.comment.body, 'Hello from Delhi');
        assert.equal(json.comment.status, 'approved');
        assert.equal(json.comment.authorWebsite, 'https://example.org/me');
        assert.match(json.authorToken, /^[A-Za-z0-9_-]{43}$/);
        const list = await (await thread('a-1')).json();
        assert.equal(list.total, 1);
        assert.equal(list.comments[0].body, 'Hello from Delhi');
        assert.equal(list.article.commentCount, 1);
      });

      it('never puts emails, IPs or internal fields in public output', async () => {
        await post('a-private', { body: 'private?', email: 'secret-person@example.com' });
        const text = await (await thread('a-private')).text();
        assert.ok(!text.includes('secret-person'));
        for (const field of ['authorEmail', 'ipHash', 'userAgent', 'authorTokenHash', 'reasons', 'scores', 'email']) {
          assert.ok(!text.includes(`"${field}"`), field);
        }
      });

      it('threads replies in display order and caps depth by attaching to the deepest allowed ancestor', async () => {
        const deep = await t.createSite({ settings: { mode: 'post', floodSeconds: 0, maxDepth: 3 } });
        let n = 0;
        const p = (parentId?: number) =>
          t.app.request(
            `/api/v1/sites/${deep.slug}/articles/deep/comments`,
            jsonRequest('POST', { name: 'N', email: 'n@example.com', body: `comment ${n++} replying to ${parentId ?? 'none'}`, parentId }, { 'x-forwarded-for': nextIp() }),
          );
        const root = (await (await p()).json()).comment;
        const r1 = (await (await p(root.id)).json()).comment;
        const r2 = (await (await p(r1.id)).json()).comment;
        const r3 = (await (await p(r2.id)).json()).comment; // past the cap: attaches to r1
        const root2 = (await (await p()).json()).comment;
        assert.deepEqual([root.depth, r1.depth, r2.depth, r3.depth], [0, 1, 2, 2]);
        assert.equal(r3.parentId, r1.id);
        const list = await (await t.app.request(`/api/v1/sites/${deep.slug}/articles/deep/comments`)).json();
        assert.deepEqual(
          list.comments.map((c: { id: number }) => c.id),
          [root.id, r1.id, r2.id, r3.id, root2.id],
        );
      });

      it('refuses a parent from another article, or one that is not approved', async () => {
        const other = (await (await post('parent-a', { body: 'in a' })).json()).comment;
        const res = await post('parent-b', { body: 'reply', parentId: other.id });
        assert.equal(res.status, 422);
        assert.equal((await res.json()).error.code, 'INVALID_PARENT');
        const missing = await post('parent-a', { body: 'reply', parentId: 999999 });
        assert.equal((await missing.json()).error.code, 'INVALID_PARENT');
      });

      it('paginates by top-level comment with a cursor, oldest and newest first', async () => {
        const ids: number[] = [];
        for (let i = 0; i < 5; i++) {
          const c = (await (await post('paged', { body: `top ${i}` })).json()).comment;
          ids.push(c.id);
          await post('paged', { body: `reply ${i}`, parentId: c.id });
        }
        const page1 = await (await thread('paged', '?limit=2')).json();
        assert.deepEqual(page1.comments.filter((c: { depth: number }) => c.depth === 0).map((c: { id: number }) => c.id), ids.slice(0, 2));
        assert.equal(page1.comments.length, 4);
        assert.equal(page1.total, 10);
        const page2 = await (await thread('paged', `?limit=2&cursor=${page1.nextCursor}`)).json();
        assert.deepEqual(page2.comments.filter((c: { depth: number }) => c.depth === 0).map((c: { id: number }) => c.id), ids.slice(2, 4));
        const page3 = await (await thread('paged', `?limit=2&cursor=${page2.nextCursor}`)).json();
        assert.equal(page3.nextCursor, null);
        assert.equal(page3.comments.length, 2);
        const newest = await (await thread('paged', '?limit=2&sort=newest')).json();
        assert.deepEqual(newest.comments.filter((c: { depth: number }) => c.depth === 0).map((c: { id: number }) => c.id), [ids[4], ids[3]]);
      });

      it('answers 304 for a matching ETag, and a new ETag after a new comment', async () => {
        await post('etag', { body: 'first' });
        const first = await thread('etag');
        const etag = first.headers.get('etag')!;
        assert.ok(etag);
        assert.match(first.headers.get('cache-control')!, /public/);
        assert.match(first.headers.get('cache-control')!, /s-maxage=\d+/);
        const again = await thread('etag', '', { 'if-none-match': etag });
        assert.equal(again.status, 304);
        await post('etag', { body: 'second' });
        const changed = await thread('etag', '', { 'if-none-match': etag });
        assert.equal(changed.status, 200);
        assert.notEqual(changed.headers.get('etag'), etag);
        assert.equal((await changed.json()).comments.length, 2);
      });

      it('serves the cached thread gzipped to clients that accept it', async () => {
        for (let i = 0; i < 5; i++) await post('zipped', { body: `a comment long enough to be worth compressing, number ${i} `.repeat(4) });
        const plain = await thread('zipped');
        const zipped = await thread('zipped', '', { 'accept-encoding': 'gzip, br' });
        assert.equal(zipped.headers.get('content-encoding'), 'gzip');
        assert.match(zipped.headers.get('vary')!, /Accept-Encoding/);
        const bytes = Buffer.from(await zipped.arrayBuffer());
        assert.deepEqual(JSON.parse(gunzipSync(bytes).toString()), await plain.json());
      });

      it('normalizes canonical-URL article keys so variants share one thread', async () => {
        const url = 'https://news.example/world/story?utm_source=x#c';
        const res = await post(url, { body: 'url keyed', article: { url, title: 'A story' } });
        assert.equal(res.status, 201);
        const list = await (await thread('https://news.example/world/story')).json();
        assert.equal(list.comments.length, 1);
        assert.equal(list.article.title, 'A story');
        assert.equal(list.article.url, 'https://news.example/world/story');
      });

      it('counts approved comments for index pages', async () => {
        await post('count-a', { body: 'one' });
        await post('count-a', { body: 'two' });
        const res = await t.app.request(`/api/v1/sites/${site.slug}/counts?article=count-a&article=count-none`);
        assert.deepEqual((await res.json()).counts, { 'count-a': 2, 'count-none': 0 });
      });

      it('serves the site config and a form token', async () => {
        const cfg = await (await t.app.request(`/api/v1/sites/${site.slug}/config`)).json();
        assert.equal(cfg.site.slug, site.slug);
        assert.equal(cfg.site.maxBodyChars, 5000);
        assert.ok(!('allowedOrigins' in cfg.site));
        const token = await (await t.app.request(`/api/v1/sites/${site.slug}/form-token`)).json();
        assert.match(token.token, /^\d+\.[A-Za-z0-9_-]+$/);
      });

      it('describes the API as OpenAPI 3.1', async () => {
        const doc = await (await t.app.request('/api/v1/openapi.json')).json();
        assert.equal(doc.openapi, '3.1.0');
        assert.ok(doc.paths['/sites/{site}/articles/{article}/comments'].post);
        assert.ok(doc.components.schemas.CommentInput.properties.body);
      });
    });

    describe('moderation mode and the author token', () => {
      it('holds comments in pre mode (202) and shows them only to their author, marked pending', async () => {
        const pre = await t.createSite({ settings: { mode: 'pre', floodSeconds: 0 } });
        const base = `/api/v1/sites/${pre.slug}/articles/held/comments`;
        const res = await t.app.request(base, jsonRequest('POST', { name: 'H', email: 'h@example.com', body: 'held one' }, { 'x-forwarded-for': nextIp() }));
        assert.equal(res.status, 202);
        const { comment, authorToken } = await res.json();
        assert.equal(comment.status, 'pending');
        const anon = await t.app.request(base);
        assert.equal((await anon.json()).comments.length, 0);
        const own = await t.app.request(base, { headers: { 'x-parley-author-token': authorToken } });
        assert.equal(own.headers.get('cache-control'), 'private, no-store');
        const ownList = await own.json();
        assert.equal(ownList.comments.length, 1);
        assert.equal(ownList.comments[0].status, 'pending');
        assert.equal(ownList.comments[0].mine, true);
        const stranger = await t.app.request(base, { headers: { 'x-parley-author-token': 'x'.repeat(43) } });
        assert.equal((await stranger.json()).comments.length, 0);
      });

      it('lets the author edit and delete within the edit window, and not after', async () => {
        const res = await post('editable', { body: 'typo here' });
        const { comment, authorToken } = await res.json();
        const auth = { 'x-parley-author-token': authorToken };
        const edited = await t.app.request(path('editable', `/${comment.id}`), jsonRequest('PATCH', { body: 'fixed here' }, auth));
        assert.equal(edited.status, 200);
        assert.equal((await edited.json()).comment.body, 'fixed here');
        const stranger = await t.app.request(path('editable', `/${comment.id}`), jsonRequest('PATCH', { body: 'hijack' }, { 'x-parley-author-token': 'y'.repeat(43) }));
        assert.equal(stranger.status, 404);
        const listed = await (await thread('editable')).json();
        assert.equal(listed.comments[0].body, 'fixed here');
        assert.ok(listed.comments[0].editedAt);

        const late = (await (await post('editable', { body: 'too late to change' })).json());
        const saved = clock;
        clock = new Date(clock.getTime() + 11 * 60_000);
        try {
          const tooLate = await t.app.request(path('editable', `/${late.comment.id}`), jsonRequest('PATCH', { body: 'x' }, { 'x-parley-author-token': late.authorToken }));
          assert.equal(tooLate.status, 403);
          assert.equal((await tooLate.json()).error.code, 'EDIT_WINDOW_CLOSED');
        } finally {
          clock = saved;
        }
        const del = await t.app.request(path('editable', `/${comment.id}`), { method: 'DELETE', headers: auth });
        assert.equal(del.status, 204);
        const after = await (await thread('editable')).json();
        assert.deepEqual(after.comments.map((c: { id: number }) => c.id), [late.comment.id]);
        assert.equal(after.total, 1);
      });

      it('keeps a removed comment with visible replies as a placeholder', async () => {
        const parent = await (await post('tomb', { body: 'parent' })).json();
        const reply = (await (await post('tomb', { body: 'child', parentId: parent.comment.id })).json()).comment;
        await t.app.request(path('tomb', `/${parent.comment.id}`), { method: 'DELETE', headers: { 'x-parley-author-token': parent.authorToken } });
        const list = await (await thread('tomb')).json();
        assert.equal(list.comments.length, 2);
        assert.equal(list.comments[0].status, 'removed');
        assert.equal(list.comments[0].body, '');
        assert.equal(list.comments[0].authorName, '');
        assert.equal(list.comments[1].id, reply.id);
      });
    });

    describe('errors', () => {
      const code = async (res: Response) => {
        const json = await res.json();
        assert.ok(json.error.requestId, 'has a request id');
        return { status: res.status, code: json.error.code as string, fields: json.error.fields as { field: string; code: string; message: string }[] | undefined };
      };

      it('400 INVALID_JSON for malformed JSON', async () => {
        const res = await t.app.request(path('e'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"body": "x",' });
        assert.deepEqual((({ status, code: c }) => ({ status, c }))(await code(res)), { status: 400, c: 'INVALID_JSON' });
      });
      it('415 for a body that is not JSON', async () => {
        const res = await t.app.request(path('e'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'body=x' });
        const r = await code(res);
        assert.equal(r.status, 415);
        assert.equal(r.code, 'UNSUPPORTED_MEDIA_TYPE');
      });
      it('413 for a body over the limit', async () => {
        const res = await t.app.request(path('e'), jsonRequest('POST', { body: 'x'.repeat(70_000), name: 'n', email: 'n@example.com' }));
        const r = await code(res);
        assert.equal(r.status, 413);
        assert.equal(r.code, 'PAYLOAD_TOO_LARGE');
      });
      it('404 for an unknown site, article or route', async () => {
        assert.equal((await code(await t.app.request('/api/v1/sites/nope/articles/a/comments'))).code, 'SITE_NOT_FOUND');
        // An article nobody commented on is an empty thread (tests/api/reader.cases.ts), not a 404.
        assert.equal((await thread('never-commented')).status, 200);
        assert.equal((await code(await thread('bad key with spaces'))).code, 'ARTICLE_NOT_FOUND');
        assert.equal((await code(await t.app.request('/api/v1/nothing-here'))).code, 'NOT_FOUND');
      });
      it('422 naming each invalid field', async () => {
        const res = await t.app.request(path('e'), jsonRequest('POST', { body: '   ', name: '', email: 'not-an-email', website: 'javascript:alert(1)' }, { 'x-forwarded-for': nextIp() }));
        const r = await code(res);
        assert.equal(r.status, 422);
        assert.equal(r.code, 'VALIDATION_FAILED');
        assert.deepEqual(r.fields!.map((f) => `${f.field}:${f.code}`).sort(), ['body:required', 'email:invalid', 'name:required', 'website:invalid']);
        // English readers see the server's message: the same words as the widget's own check.
        assert.equal(r.fields!.find((f) => f.field === 'website')?.message, en._errUrl);
      });
      it('422 for wrong types and a body over the site limit', async () => {
        const wrong = await code(await t.app.request(path('e'), jsonRequest('POST', { body: 5, name: ['x'] })));
        assert.equal(wrong.status, 422);
        assert.deepEqual(wrong.fields!.map((f) => f.field).sort(), ['body', 'name']);
        const long = await code(await post('e', { body: 'अ'.repeat(5001) }));
        assert.equal(long.status, 422);
        assert.deepEqual(long.fields!.map((f) => `${f.field}:${f.code}`), ['body:too_long']);
        const exact = await post('e', { body: 'अ'.repeat(5000) });
        assert.equal(exact.status, 201);
      });
      it('422 for bad query parameters', async () => {
        await post('q', { body: 'x' });
        assert.equal((await code(await thread('q', '?limit=0'))).status, 422);
        assert.equal((await code(await thread('q', '?sort=sideways'))).status, 422);
        assert.equal((await code(await thread('q', '?cursor=abc'))).status, 422);
      });
      it('403 COMMENTS_CLOSED for a closed article and for one past close-after-days', async () => {
        await post('closing', { body: 'before close' });
        await t.deps.db.update(articles).set({ closed: true }).where(eq(articles.key, 'closing'));
        const res = await post('closing', { body: 'after close' });
        assert.equal((await code(res)).code, 'COMMENTS_CLOSED');
        const aging = await t.createSite({ settings: { mode: 'post', floodSeconds: 0, closeAfterDays: 7 } });
        const p = () =>
          t.app.request(`/api/v1/sites/${aging.slug}/articles/old/comments`, jsonRequest('POST', { name: 'n', email: 'n@example.com', body: 'hi' }, { 'x-forwarded-for': nextIp() }));
        assert.equal((await p()).status, 201);
        const saved = clock;
        clock = new Date(clock.getTime() + 8 * 86_400_000);
        try {
          const r = await code(await p());
          assert.deepEqual([r.status, r.code], [403, 'COMMENTS_CLOSED']);
        } finally {
          clock = saved;
        }
      });
    });

    describe('security', () => {
      it('allows CORS only for the site’s origins, preflight included', async () => {
        const ok = await t.app.request(path('cors'), { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
        assert.equal(ok.status, 204);
        assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
        assert.match(ok.headers.get('access-control-allow-headers')!, /X-Parley-Author-Token/i);
        const denied = await t.app.request(path('cors'), { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
        assert.equal(denied.status, 403);
        assert.equal(denied.headers.get('access-control-allow-origin'), null);
        const post403 = await post('cors', { body: 'x' }, { origin: 'https://evil.example' });
        assert.equal(post403.status, 403);
        assert.equal((await post403.json()).error.code, 'ORIGIN_NOT_ALLOWED');
        const allowed = await post('cors', { body: 'from the site' }, { origin: ORIGIN });
        assert.equal(allowed.status, 201);
        assert.equal(allowed.headers.get('access-control-allow-origin'), ORIGIN);
      });

      it('ignores server-owned fields a client sends', async () => {
        const pre = await t.createSite({ settings: { mode: 'pre', floodSeconds: 0 } });
        const res = await t.app.request(
          `/api/v1/sites/${pre.slug}/articles/own/comments`,
          jsonRequest('POST', { name: 'n', email: 'n@example.com', body: 'sneaky', status: 'approved', id: 1, ipHash: 'x', depth: 3 }, { 'x-forwarded-for': nextIp() }),
        );
        assert.equal(res.status, 202);
        const [row] = await t.deps.db.select().from(comments).where(eq(comments.body, 'sneaky'));
        assert.equal(row!.status, 'pending');
        assert.equal(row!.depth, 0);
      });

      it('stores no raw IP address', async () => {
        await post('ip', { body: 'where am i' }, { 'x-forwarded-for': '198.51.100.77' });
        const [row] = await t.deps.db.select().from(comments).where(eq(comments.body, 'where am i'));
        assert.ok(row!.ipHash);
        assert.ok(!JSON.stringify(row).includes('198.51.100.77'));
      });
    });

    describe('concurrency', () => {
      it('stores 50 concurrent posts to one article with the count right', async () => {
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => post('busy', { body: `concurrent ${i}` })));
        assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);
        const rows = await t.deps.db.select().from(comments).innerJoin(articles, eq(comments.articleId, articles.id)).where(eq(articles.key, 'busy'));
        assert.equal(rows.length, 50);
        const [article] = await t.deps.db.select().from(articles).where(eq(articles.key, 'busy'));
        assert.equal(article!.commentCount, 50);
        const list = await (await thread('busy', '?limit=100')).json();
        assert.equal(list.total, 50);
        assert.equal(list.comments.length, 50);
      });
    });

    describe('operations', () => {
      it('reports health and readiness', async () => {
        assert.equal((await t.app.request('/healthz')).status, 200);
        const ready = await t.app.request('/readyz');
        assert.equal(ready.status, 200);
        assert.equal((await ready.json()).database.driver, driver);
      });
      it('tags every response with a request id that errors repeat', async () => {
        const res = await thread('bad key with spaces');
        const id = res.headers.get('x-request-id');
        assert.ok(id);
        assert.equal((await res.json()).error.requestId, id);
      });
    });
  });
}
