// The authorization matrix: every admin endpoint against anonymous, a moderator of another site,
// the site's moderator and an admin, on PGlite and on PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../../server/auth/accounts.js';
import type { Site } from '../../server/sites/store.js';
import { webhookEndpoints } from '../../server/db/schema.js';
import { createSecret } from '../../server/notifications/signing.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { createAdminTest, type AdminTest, type Session } from './helpers.js';

type Caller = 'anonymous' | 'other' | 'moderator' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'other', 'moderator', 'admin'];

/**
 * How an endpoint treats callers: `site` endpoints touch site A (others get 404), `admin` endpoints are
 * admin-only (moderators get 403), `list` endpoints answer everyone but show only their own sites.
 */
type Kind = 'site' | 'admin' | 'list';

interface Endpoint {
  name: string;
  kind: Kind;
  ok: number;
  /** Builds a fresh request (a new comment, ban, ...) so each caller acts on its own target. */
  make(ctx: Ctx): Promise<{ method: string; path: string; body?: unknown; raw?: string }>;
  /** The call ends the caller's session; it gets a fresh one. */
  consumesSession?: boolean;
  /** What the other site's moderator gets instead of 404 (bulk: skipped, never revealed). */
  otherStatus?: number;
}

interface Ctx {
  a: AdminTest;
  siteA: Site;
  siteB: Site;
  pending(): Promise<number>;
  approved(): Promise<number>;
  banId(): Promise<number>;
  /** A dry-run import of site A waiting for its file. */
  importId(): Promise<number>;
  /** A fresh undo batch: an action taken by an admin on site A. */
  undoBatch(): Promise<string>;
  articleId(): Promise<number>;
  moderatorId: number;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${counter++}`;

const ENDPOINTS: Endpoint[] = [
  { name: 'GET /admin/me', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/me' }) },
  { name: 'POST /admin/logout', kind: 'list', ok: 204, consumesSession: true, make: async () => ({ method: 'POST', path: '/admin/logout' }) },
  { name: 'GET /admin/comments?site=A', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/comments?site=${c.siteA.slug}` }) },
  { name: 'GET /admin/comments', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/comments?queue=pending&limit=100' }) },
  { name: 'GET /admin/queues/counts?site=A', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/queues/counts?site=${c.siteA.slug}` }) },
  { name: 'GET /admin/queues/counts', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/queues/counts' }) },
  { name: 'GET /admin/comments/:id', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/comments/${await c.pending()}` }) },
  {
    name: 'POST /admin/comments/:id/actions',
    kind: 'site',
    ok: 200,
    make: async (c) => ({ method: 'POST', path: `/admin/comments/${await c.pending()}/actions`, body: { action: 'approve' } }),
  },
  {
    name: 'POST /admin/comments/bulk',
    kind: 'site',
    ok: 200,
    otherStatus: 200,
    make: async (c) => ({ method: 'POST', path: '/admin/comments/bulk', body: { ids: [await c.pending()], action: 'reject' } }),
  },
  {
    name: 'POST /admin/comments/:id/reply',
    kind: 'site',
    ok: 201,
    make: async (c) => ({ method: 'POST', path: `/admin/comments/${await c.approved()}/reply`, body: { body: `reply ${unique()}` } }),
  },
  { name: 'GET /admin/bans?site=A', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/bans?site=${c.siteA.slug}` }) },
  { name: 'GET /admin/bans', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/bans' }) },
  {
    name: 'POST /admin/bans',
    kind: 'site',
    ok: 201,
    make: async (c) => ({ method: 'POST', path: '/admin/bans', body: { site: c.siteA.slug, email: `banned-${unique()}@example.com` } }),
  },
  { name: 'DELETE /admin/bans/:id', kind: 'site', ok: 200, make: async (c) => ({ method: 'DELETE', path: `/admin/bans/${await c.banId()}` }) },
  { name: 'GET /admin/sites', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/sites' }) },
  { name: 'POST /admin/undo', kind: 'site', ok: 200, make: async (c) => ({ method: 'POST', path: '/admin/undo', body: { batch: await c.undoBatch() } }) },
  { name: 'GET /admin/authors', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/authors?comment=${await c.pending()}` }) },
  {
    name: 'GET /admin/authors?site=A&email=',
    kind: 'site',
    ok: 200,
    make: async (c) => ({ method: 'GET', path: `/admin/authors?site=${c.siteA.slug}&email=asha%40example.com` }),
  },
  {
    name: 'POST /admin/authors/actions',
    kind: 'site',
    ok: 200,
    make: async (c) => ({ method: 'POST', path: '/admin/authors/actions', body: { comment: await c.pending(), action: 'warn', message: `be kind ${unique()}` } }),
  },
  { name: 'GET /admin/articles?site=A', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/articles?site=${c.siteA.slug}` }) },
  { name: 'GET /admin/articles', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/articles?limit=200' }) },
  { name: 'GET /admin/articles/:id', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/articles/${await c.articleId()}` }) },
  {
    name: 'PATCH /admin/articles/:id',
    kind: 'site',
    ok: 200,
    make: async (c) => ({ method: 'PATCH', path: `/admin/articles/${await c.articleId()}`, body: { premod: counter++ % 2 === 0 } }),
  },
  { name: 'GET /admin/comments/:id/thread', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/comments/${await c.pending()}/thread` }) },
  { name: 'GET /admin/audit/actors?site=A', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/audit/actors?site=${c.siteA.slug}` }) },
  { name: 'GET /admin/audit/actors', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/audit/actors' }) },
  {
    name: 'POST /admin/sites',
    kind: 'admin',
    ok: 201,
    make: async () => ({ method: 'POST', path: '/admin/sites', body: { slug: `new-${unique()}`, name: 'New', allowedOrigins: ['https://new.example'], locale: 'en' } }),
  },
  { name: 'PATCH /admin/sites/:slug', kind: 'admin', ok: 200, make: async (c) => ({ method: 'PATCH', path: `/admin/sites/${c.siteA.slug}`, body: { name: `Renamed ${unique()}` } }) },
  { name: 'GET /admin/moderators', kind: 'admin', ok: 200, make: async () => ({ method: 'GET', path: '/admin/moderators' }) },
  {
    name: 'POST /admin/moderators',
    kind: 'admin',
    ok: 201,
    make: async (c) => ({
      method: 'POST',
      path: '/admin/moderators',
      body: { email: `new-${unique()}@example.com`, name: 'New', password: 'long enough pw', role: 'moderator', sites: [c.siteA.slug] },
    }),
  },
  { name: 'PATCH /admin/moderators/:id', kind: 'admin', ok: 200, make: async (c) => ({ method: 'PATCH', path: `/admin/moderators/${c.moderatorId}`, body: { name: `N ${unique()}` } }) },
  { name: 'DELETE /admin/moderators/:id/login-throttle', kind: 'admin', ok: 200, make: async (c) => ({ method: 'DELETE', path: `/admin/moderators/${c.moderatorId}/login-throttle` }) },
  { name: 'GET /admin/audit?site=A', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/audit?site=${c.siteA.slug}` }) },
  { name: 'GET /admin/audit', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/audit?limit=200' }) },
  { name: 'GET /admin/events', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/events' }) },
  { name: 'GET /admin/privacy/export', kind: 'admin', ok: 200, make: async () => ({ method: 'GET', path: '/admin/privacy/export?email=asha%40example.com' }) },
  { name: 'POST /admin/privacy/erase', kind: 'admin', ok: 200, make: async () => ({ method: 'POST', path: '/admin/privacy/erase', body: { email: `nobody-${unique()}@example.com` } }) },
  { name: 'GET /admin/notifications', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/notifications' }) },
  { name: 'POST /admin/imports', kind: 'admin', ok: 201, make: async (c) => ({ method: 'POST', path: '/admin/imports', body: { site: c.siteA.slug, format: 'disqus', dryRun: true } }) },
  {
    name: 'PUT /admin/imports/:id/file',
    kind: 'admin',
    ok: 200,
    make: async (c) => ({ method: 'PUT', path: `/admin/imports/${await c.importId()}/file`, raw: '<disqus><thread dsq:id="1"><link>https://news.example/a</link></thread></disqus>' }),
  },
  { name: 'GET /admin/imports/:id', kind: 'admin', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/imports/${await c.importId()}` }) },
  { name: 'GET /admin/imports', kind: 'admin', ok: 200, make: async () => ({ method: 'GET', path: '/admin/imports' }) },
  { name: 'GET /admin/sites/:slug/export', kind: 'site', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/sites/${c.siteA.slug}/export` }) },
  { name: 'GET /admin/alerts', kind: 'list', ok: 200, make: async () => ({ method: 'GET', path: '/admin/alerts' }) },
  {
    name: 'PUT /admin/alerts',
    kind: 'site',
    ok: 200,
    make: async (c) => ({ method: 'PUT', path: '/admin/alerts', body: { alerts: [{ site: c.siteA.slug, cadence: 'daily' }] } }),
  },
  { name: 'GET /admin/sites/:slug/webhooks', kind: 'admin', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/sites/${c.siteA.slug}/webhooks` }) },
  {
    name: 'POST /admin/sites/:slug/webhooks',
    kind: 'admin',
    ok: 201,
    make: async (c) => ({ method: 'POST', path: `/admin/sites/${c.siteA.slug}/webhooks`, body: { url: 'http://127.0.0.1:9/hooks', events: ['comment.created'] } }),
  },
  { name: 'PATCH /admin/webhooks/:id', kind: 'admin', ok: 200, make: async (c) => ({ method: 'PATCH', path: `/admin/webhooks/${await webhook(c)}`, body: { enabled: false } }) },
  { name: 'DELETE /admin/webhooks/:id', kind: 'admin', ok: 204, make: async (c) => ({ method: 'DELETE', path: `/admin/webhooks/${await webhook(c)}` }) },
  { name: 'POST /admin/webhooks/:id/rotate', kind: 'admin', ok: 200, make: async (c) => ({ method: 'POST', path: `/admin/webhooks/${await webhook(c)}/rotate` }) },
  { name: 'GET /admin/webhooks/:id/deliveries', kind: 'admin', ok: 200, make: async (c) => ({ method: 'GET', path: `/admin/webhooks/${await webhook(c)}/deliveries` }) },
  { name: 'POST /admin/webhooks/:id/test', kind: 'admin', ok: 202, make: async (c) => ({ method: 'POST', path: `/admin/webhooks/${await webhook(c)}/test` }) },
];

/** A webhook endpoint on site A, written directly (the routes under test need one to act on). */
async function webhook(c: Ctx): Promise<number> {
  const [row] = await c.a.t.deps.db
    .insert(webhookEndpoints)
    .values({ siteId: c.siteA.id, url: 'http://127.0.0.1:9/hooks', events: ['comment.created'], secret: createSecret() })
    .returning({ id: webhookEndpoints.id });
  return row!.id;
}

function expected(endpoint: Endpoint, caller: Caller): number {
  if (caller === 'anonymous') return 401;
  if (endpoint.kind === 'admin') return caller === 'admin' ? endpoint.ok : 403;
  if (endpoint.kind === 'site' && caller === 'other') return endpoint.otherStatus ?? 404;
  return endpoint.ok;
}

/** Defines the suite for one driver; authz.pglite.test.ts and authz.postgres.test.ts run it. */
export function defineAuthorizationTests(driver: Driver): void {
  describe(`admin authorization matrix [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: AdminTest;
    let ctx: Ctx;
    const sessions = new Map<Caller, Session | null>();
    const roles: Record<Exclude<Caller, 'anonymous'>, { role: Role; sites: () => Site[] }> = {
      other: { role: 'moderator', sites: () => [ctx.siteB] },
      moderator: { role: 'moderator', sites: () => [ctx.siteA] },
      admin: { role: 'admin', sites: () => [] },
    };

    before(async () => {
      a = await createAdminTest({ driver });
      const siteA = await a.t.createSite({ settings: { mode: 'pre' } });
      const siteB = await a.t.createSite({ settings: { mode: 'pre' } });
      const helper = await a.session('admin');
      const pending = () => a.comment(siteA, `article-${counter % 3}`, { body: `held ${unique()}` });
      ctx = {
        a,
        siteA,
        siteB,
        pending,
        async approved() {
          const id = await pending();
          const res = await a.call(helper, 'POST', `/admin/comments/${id}/actions`, { action: 'approve' });
          assert.equal(res.status, 200);
          return id;
        },
        async banId() {
          const res = await a.call(helper, 'POST', '/admin/bans', { site: siteA.slug, email: `x-${unique()}@example.com` });
          return ((await res.json()) as { bans: { id: number }[] }).bans[0]!.id;
        },
        async importId() {
          const res = await a.call(helper, 'POST', '/admin/imports', { site: siteA.slug, format: 'disqus', dryRun: true });
          return ((await res.json()) as { import: { id: number } }).import.id;
        },
        async undoBatch() {
          const id = await pending();
          const res = await a.call(helper, 'POST', `/admin/comments/${id}/actions`, { action: 'reject' });
          return ((await res.json()) as { undo: string }).undo;
        },
        async articleId() {
          const res = await a.call(helper, 'GET', `/admin/comments/${await pending()}`);
          return ((await res.json()) as { article: { id: number } }).article.id;
        },
        moderatorId: (await a.account('moderator', [siteA])).id,
      };
      // Site B has data too, so "list" answers can be checked for leaks both ways.
      await a.comment(siteB, 'b-article', { body: 'on site b', email: 'b-author@example.com' });
      sessions.set('anonymous', null);
      for (const caller of ['other', 'moderator', 'admin'] as const) {
        sessions.set(caller, await a.session(roles[caller].role, roles[caller].sites()));
      }
    });
    after(async () => a?.close());

    for (const endpoint of ENDPOINTS) {
      for (const caller of CALLERS) {
        const want = expected(endpoint, caller);
        it(`${endpoint.name} as ${caller} → ${want}`, async () => {
          let who = sessions.get(caller) ?? null;
          if (endpoint.consumesSession && caller !== 'anonymous') who = await a.session(roles[caller].role, roles[caller].sites());
          const req = await endpoint.make(ctx);
          const res =
            req.raw === undefined
              ? await a.call(who, req.method, req.path, req.body)
              : await a.app.request(`/api/v1${req.path}`, {
                  method: req.method,
                  headers: { 'x-forwarded-for': '192.0.2.1', 'content-type': 'application/xml', ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}) },
                  body: req.raw,
                });
          assert.equal(res.status, want, `${endpoint.name} as ${caller}`);
          if (req.path === '/admin/events') {
            if (res.status === 200) assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
            await res.body?.cancel();
            return;
          }
          const text = res.status === 204 ? '' : await res.text();
          if (want === 401) assert.equal(JSON.parse(text).error.code, 'UNAUTHORIZED');
          if (want === 403) assert.equal(JSON.parse(text).error.code, 'FORBIDDEN');
          if (want === 404) assert.match(JSON.parse(text).error.code, /NOT_FOUND$/);
          if (caller === 'other' && want < 300) {
            // A moderator of site B sees nothing of site A, and bulk actions skip its comments.
            assert.ok(!text.includes(`"${ctx.siteA.slug}"`), `${endpoint.name} leaked site A to a site B moderator`);
            assert.ok(!text.includes('asha@example.com'), `${endpoint.name} leaked an author email of site A`);
            if (endpoint.name === 'POST /admin/comments/bulk') assert.equal(JSON.parse(text).updated, 0);
          }
          if (caller === 'moderator' && endpoint.name === 'GET /admin/comments') {
            assert.ok(!text.includes('b-author@example.com'), 'site A moderator saw site B comments');
          }
          if (caller === 'other' && endpoint.name === 'GET /admin/comments') {
            assert.ok(text.includes('b-author@example.com'), 'site B moderator does not see their own site');
          }
        });
      }
    }

    it('covers every admin route in the OpenAPI document', async () => {
      const doc = (await (await a.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
      const documented = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/admin/') && path !== '/admin/login')
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
      const tested = new Set(ENDPOINTS.map((e) => e.name.replace(/\?.*$/, '')));
      for (const route of documented) assert.ok(tested.has(route), `${route} is not in the matrix`);
    });
  });
}
