// Headers and cookies: CSP without inline script for /admin and /demo, nosniff, Referrer-Policy and
// frame-ancestors for the admin view, HttpOnly + SameSite session cookies, CORS refusing unknown
// origins, and a 413 body limit on every write (Content-Length, chunked, app.request and HTTP).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Site } from '../../server/sites/store.js';
import { insertSite } from '../../server/sites/store.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { buildRaw, rawRequest } from './helpers/http.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  HAS_ADMIN_API,
  HAS_ASSETS,
  adminHeaders,
  createAccount,
  createFullTestApp,
  loginAdmin,
  type AdminSession,
  type FullTestApp,
} from './helpers/parley.js';

const ORIGIN = 'https://news.example';
const LIMIT = 4096;

/** Directives of a Content-Security-Policy header, by name. */
function csp(header: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

/** Asserts a policy allows no inline script, no eval and no foreign script origin. */
function assertNoInlineScript(what: string, header: string | null) {
  assert.ok(header, `${what} has a Content-Security-Policy`);
  const policy = csp(header);
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  assert.ok(scripts, `${what}: script-src or default-src is set`);
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:', 'blob:']) {
    assert.ok(!scripts.includes(bad), `${what}: script sources include ${bad}`);
  }
  for (const attr of ['script-src-attr', 'script-src-elem']) {
    const v = policy.get(attr);
    assert.ok(!v || !v.includes("'unsafe-inline'"), `${what}: ${attr} allows inline`);
  }
  const base = policy.get('base-uri');
  assert.ok(base && (base.includes("'none'") || base.includes("'self'")), `${what}: base-uri is locked`);
  const objects = policy.get('object-src') ?? policy.get('default-src');
  assert.ok(objects && !objects.includes('*'), `${what}: no plugins from anywhere`);
}

/** Inline <script> elements (no src) and inline event handlers in a page: both would break under the CSP. */
function inlineScripts(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    const type = /type\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type === 'application/json' || type === 'application/ld+json') continue;
    if (!/\bsrc\s*=/.test(attrs) || (m[2] ?? '').trim() !== '') found.push(m[0].slice(0, 120));
  }
  for (const m of html.matchAll(/<[^>]+\son[a-z]+\s*=/gi)) found.push(m[0].slice(0, 120));
  for (const m of html.matchAll(/(?:href|src)\s*=\s*["']?\s*javascript:/gi)) found.push(m[0]);
  return found;
}

describe('headers and cookies', () => {
  let t: FullTestApp;
  let site: Site;
  let wildcard: Site;
  let session: AdminSession | null = null;

  before(async () => {
    t = await createFullTestApp({ env: { PARLEY_BODY_LIMIT_BYTES: String(LIMIT), PARLEY_DEMO: 'true' } });
    site = await t.createSite({ allowedOrigins: [ORIGIN], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 } });
    wildcard = await t.createSite({ allowedOrigins: ['https://*.paper.example'], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 } });
    if (HAS_ADMIN_API) {
      await createAccount(t.deps, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin' });
      session = await loginAdmin((p, init) => Promise.resolve(t.full.request(p, init)));
    }
  });
  after(async () => t?.close());

  const req = (p: string, init?: RequestInit) => Promise.resolve(t.full.request(p, init));

  describe('the admin view and the demo page', { skip: HAS_ASSETS ? false : 'assets router not in this build' }, () => {
    it('serves /admin with a CSP without inline script, frame-ancestors, nosniff and a Referrer-Policy', async () => {
      const res = await req('/admin');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const header = res.headers.get('content-security-policy');
      assertNoInlineScript('/admin', header);
      const ancestors = csp(header).get('frame-ancestors');
      assert.deepEqual(ancestors, ["'none'"], 'the admin view cannot be framed (clickjacking)');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('referrer-policy') ?? '', /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
      assert.deepEqual(inlineScripts(await res.text()), [], 'the admin shell has no inline script');
    });

    it('serves /demo with a CSP without inline script, and the page has none', async () => {
      const res = await req('/demo');
      if (res.status === 503) {
        // The widget is not built in this tree; npm test builds it first.
        console.warn('\n!!! /demo answered 503 (widget not built): its CSP is not checked here !!!\n');
        return;
      }
      assert.equal(res.status, 200);
      assertNoInlineScript('/demo', res.headers.get('content-security-policy'));
      assert.ok(csp(res.headers.get('content-security-policy')).get('frame-ancestors'), '/demo says who may frame it');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(inlineScripts(await res.text()), [], 'the demo page works under its own CSP');
    });

    it('serves scripts with a script type and nosniff, so nothing else can be loaded as script', async () => {
      for (const p of ['/embed.js', '/admin.js']) {
        const res = await req(p);
        if (res.status === 503) continue;
        assert.equal(res.status, 200, p);
        assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/, p);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
      }
    });
  });

  it('sends nosniff and a JSON type on API answers, errors and probes', async () => {
    for (const [p, init] of [
      [`/api/v1/sites/${site.slug}/config`, undefined],
      ['/api/v1/sites/nope/config', undefined],
      ['/nowhere', undefined],
      ['/healthz', undefined],
      [`/api/v1/sites/${site.slug}/articles/a/comments`, { method: 'POST', headers: { 'content-type': 'text/html' }, body: '<b>' }],
    ] as [string, RequestInit | undefined][]) {
      const res = await req(p, init);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/, p);
    }
  });

  describe('session cookies', { skip: HAS_ADMIN_API ? false : 'admin API not in this build' }, () => {
    it('are HttpOnly, SameSite=Strict, Path=/, never readable by script, and not Secure on plain http', () => {
      const c = session!.setCookie;
      assert.match(c, /^parley_session=[A-Za-z0-9_-]{43};/);
      assert.match(c, /;\s*HttpOnly/i);
      assert.match(c, /;\s*SameSite=Strict/i);
      assert.match(c, /;\s*Path=\//i);
      assert.doesNotMatch(c, /;\s*Domain=/i, 'host-only');
    });

    it('are Secure when the public URL is https', async () => {
      const secure = await createFullTestApp({ env: { PUBLIC_URL: 'https://comments.news.example' } });
      try {
        await createAccount(secure.deps, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin' });
        const s = await loginAdmin((p, init) => Promise.resolve(secure.full.request(`https://comments.news.example${p}`, init)));
        assert.match(s.setCookie, /;\s*Secure/i);
        assert.match(s.setCookie, /;\s*HttpOnly/i);
      } finally {
        await secure.close();
      }
    });

    it('are cleared on logout, and the old token no longer works', async () => {
      const s = await loginAdmin(req);
      const out = await req('/api/v1/admin/logout', { method: 'POST', headers: adminHeaders(s) });
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie') ?? '', /parley_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
      assert.equal((await req('/api/v1/admin/me', { headers: { cookie: s.cookie } })).status, 401);
    });

    it('come with no-store on every admin answer', async () => {
      const res = await req('/api/v1/admin/me', { headers: adminHeaders(session!) });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    });

    it('refuse admin writes from a foreign Origin or without the CSRF token, and login from a foreign Origin', async () => {
      const s = session!;
      const foreign = await req('/api/v1/admin/logout', { method: 'POST', headers: { ...adminHeaders(s), origin: 'https://evil.example' } });
      assert.equal(foreign.status, 403);
      assert.equal((await foreign.json()).error.code, 'CSRF_FAILED');
      const noToken = await req('/api/v1/admin/logout', { method: 'POST', headers: { cookie: s.cookie } });
      assert.equal(noToken.status, 403);
      const login = await req('/api/v1/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
      });
      assert.equal(login.status, 403);
      assert.equal(login.headers.get('set-cookie'), null);
      assert.equal((await req('/api/v1/admin/me', { headers: { cookie: s.cookie } })).status, 200, 'the session survived');
    });

    it('never answers the admin API with CORS headers, whatever the Origin', async () => {
      for (const origin of [ORIGIN, 'https://evil.example', 'null']) {
        const pre = await req('/api/v1/admin/comments', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
        assert.equal(pre.headers.get('access-control-allow-origin'), null, origin);
        assert.equal(pre.headers.get('access-control-allow-credentials'), null, origin);
        const get = await req('/api/v1/admin/me', { headers: { ...adminHeaders(session!), origin } });
        assert.equal(get.headers.get('access-control-allow-origin'), null, origin);
      }
    });
  });

  describe('CORS on the public API', () => {
    const thread = () => `/api/v1/sites/${site.slug}/articles/cors/comments`;

    it('allows the site’s own origin, with Vary: Origin', async () => {
      const res = await req(`/api/v1/sites/${site.slug}/config`, { headers: { origin: ORIGIN } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(res.headers.get('vary') ?? '', /Origin/i);
      assert.equal(res.headers.get('access-control-allow-credentials'), null, 'no credentials');
      const pre = await req(thread(), { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), ORIGIN);
    });

    const refused = [
      'https://evil.example',
      'null',
      'http://news.example',
      'https://news.example.evil.example',
      'https://evilnews.example',
      'https://news.example:8443',
      'https://sub.news.example',
    ];
    /**
     * A refused simple request answers 403 ORIGIN_NOT_ALLOWED, and that error alone may be readable by
     * the refused page (so the widget can tell the publisher which origin to add, issue 15): its
     * Access-Control-Allow-Origin is absent or that origin, never a wildcard or credentials, and the
     * body is the error envelope only.
     */
    async function assertRefused(res: Response, origin: string, what: string): Promise<void> {
      assert.equal(res.status, 403, what);
      const body = (await res.json()) as Record<string, { code?: string }>;
      assert.deepEqual(Object.keys(body), ['error'], `${what}: nothing but the error`);
      assert.equal(body.error!.code, 'ORIGIN_NOT_ALLOWED', what);
      const acao = res.headers.get('access-control-allow-origin');
      assert.ok(acao === null || acao === origin, `${what}: Access-Control-Allow-Origin ${acao}`);
      assert.equal(res.headers.get('access-control-allow-credentials'), null, what);
      if (acao !== null) assert.match(res.headers.get('vary') ?? '', /origin/i, `${what}: Vary: Origin`);
    }

    for (const origin of refused) {
      it(`refuses ${origin}: reads and posts get only the error, preflights no CORS headers, nothing is stored`, async () => {
        await assertRefused(await req(thread(), { headers: { origin } }), origin, 'read');
        const pre = await req(thread(), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
        assert.notEqual(pre.status, 204);
        assert.equal(pre.headers.get('access-control-allow-origin'), null);
        const post = await req(thread(), {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.9' },
          body: JSON.stringify({ body: `from ${origin}`, name: 'X', email: 'x@example.com' }),
        });
        await assertRefused(post, origin, 'post');
        const stored = (await (await req(thread())).json()) as { comments: { body: string }[] };
        assert.ok(!stored.comments.some((c) => c.body === `from ${origin}`), 'the refused post was not stored');
      });
    }

    it('matches wildcard entries on subdomains only, and never the bare or a look-alike domain', async () => {
      const ok = await req(`/api/v1/sites/${wildcard.slug}/config`, { headers: { origin: 'https://www.paper.example' } });
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://www.paper.example');
      for (const origin of ['https://evilpaper.example', 'http://www.paper.example', 'https://paper.example.evil.example']) {
        await assertRefused(await req(`/api/v1/sites/${wildcard.slug}/config`, { headers: { origin } }), origin, origin);
      }
    });
  });

  describe('body limits', () => {
    /** Every operation that takes a body, from the OpenAPI document. */
    async function writes(): Promise<{ method: string; path: string; admin: boolean }[]> {
      const doc = (await (await req('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
      const out = [];
      for (const [p, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          // The import upload takes files far above the generic limit, under its own (tests/imports/admin.test.ts).
          if (op.requestBody && p !== '/admin/imports/{id}/file') out.push({ method: method.toUpperCase(), path: p, admin: p.startsWith('/admin') });
        }
      }
      return out;
    }
    const fill = (p: string) => `/api/v1${p.replace('{site}', site.slug).replace('{article}', 'limit').replace('{id}', '1').replace('{slug}', site.slug)}`;
    const bigJson = (bytes: number) => JSON.stringify({ body: 'x'.repeat(bytes), name: 'Big', email: 'big@example.com' });

    it('answers 413 PAYLOAD_TOO_LARGE on every write, signed in or not, before anything else', async () => {
      const all = await writes();
      assert.ok(all.length >= (HAS_ADMIN_API ? 12 : 3), `${all.length} writes`);
      for (const w of all) {
        for (const headers of [{ 'content-type': 'application/json' }, ...(session ? [adminHeaders(session)] : [])]) {
          const res = await req(fill(w.path), { method: w.method, headers, body: bigJson(LIMIT) });
          assert.equal(res.status, 413, `${w.method} ${w.path}`);
          assert.equal((await res.json()).error.code, 'PAYLOAD_TOO_LARGE');
        }
      }
      // Just under the limit is not refused for size.
      const fits = await req(fill('/sites/{site}/articles/{article}/comments'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.10' },
        body: bigJson(LIMIT - 200),
      });
      assert.notEqual(fits.status, 413);
    });
  });
});

describe('body limits over HTTP', () => {
  let server: TestServer;
  let site: Site;
  let port: number;

  before(async () => {
    server = await startTestServer({ env: { PARLEY_BODY_LIMIT_BYTES: String(LIMIT) } });
    port = Number(new URL(server.url).port);
    site = await insertSite(server.deps.db, { slug: 'limits', name: 'Limits', allowedOrigins: [ORIGIN], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 } });
  });
  after(async () => server?.close());

  it('answers 413 to a chunked body with no Content-Length once it passes the limit', async () => {
    const chunk = Buffer.from(`{"body":"${'y'.repeat(LIMIT)}","name":"C","email":"c@example.com"}`);
    const body = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n0\r\n\r\n')]);
    for (const p of [`/api/v1/sites/${site.slug}/articles/chunked/comments`, ...(HAS_ADMIN_API ? ['/api/v1/admin/login', '/api/v1/admin/sites'] : [])]) {
      const res = await rawRequest(port, buildRaw('POST', p, [['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']], body));
      assert.equal(res.status, 413, p);
      assert.equal(JSON.parse(res.body).error.code, 'PAYLOAD_TOO_LARGE');
    }
  });

  it('answers 413 to a Content-Length over the limit without waiting for the body', async () => {
    // Only the headers are sent: the answer must come from the declared length alone.
    const head = buildRaw('POST', `/api/v1/sites/${site.slug}/articles/cl/comments`, [['Content-Type', 'application/json'], ['Content-Length', String(50_000_000)]]);
    const res = await rawRequest(port, head);
    assert.equal(res.status, 413);
  });

  it(
    'keeps a keep-alive connection usable after a 413 for a large body',
    // Regression: after a 413 for a body of a few hundred KB, the next-but-one request on that keep-alive
    // connection failed with "other side closed" (hono node-server drains the unread body, then destroys the socket).
    async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 4; i++) {
        const big = await fetch(`${server.url}/api/v1/sites/${site.slug}/articles/ka/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: 'x'.repeat(300_000),
        }).then(async (r) => `${r.status}`, (e: Error) => `error ${(e.cause as Error | undefined)?.message ?? e.message}`);
        outcomes.push(big);
        for (let j = 0; j < 3; j++) {
          outcomes.push(await fetch(`${server.url}/healthz`).then(async (r) => (await r.text(), `${r.status}`), (e: Error) => `error ${(e.cause as Error | undefined)?.message ?? e.message}`));
        }
      }
      assert.deepEqual(outcomes.filter((o) => o.startsWith('error')), [], outcomes.join(' '));
      assert.ok(outcomes.filter((o, i) => i % 4 === 0).every((o) => o === '413'));
    },
  );
});

describe('a body that does not arrive in time', () => {
  let server: TestServer;
  let site: Site;
  let port: number;

  before(async () => {
    server = await startTestServer({ env: { PARLEY_REQUEST_TIMEOUT_MS: '300' } });
    port = Number(new URL(server.url).port);
    site = await insertSite(server.deps.db, { slug: 'slow', name: 'Slow', allowedOrigins: [ORIGIN], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 } });
  });
  after(async () => server?.close());

  it("answers 408 REQUEST_TIMEOUT, closes the connection and logs no error: it is the client's doing, not the service's", async () => {
    const target = `/api/v1/sites/${site.slug}/articles/slow/comments`;
    // Two bytes of a declared 500, and a chunked body whose last chunk never comes; the sockets stay open.
    const short = buildRaw('POST', target, [['Content-Type', 'application/json'], ['Content-Length', '500']], Buffer.from('{}'));
    const endless = buildRaw('POST', target, [['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']], Buffer.from('2\r\n{"\r\n'));
    for (const request of [short, endless]) {
      const res = await rawRequest(port, request, 5_000);
      assert.equal(res.status, 408);
      assert.equal(JSON.parse(res.body).error.code, 'REQUEST_TIMEOUT');
      assert.equal(res.headers.connection, 'close');
    }
    const errors = server.logs.lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    assert.deepEqual(errors, []);
    // The service itself is fine.
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });
});

describe('requests Node or the adapter refuse before the app', () => {
  let server: TestServer;
  let port: number;
  before(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
  });
  after(async () => server?.close());

  it('answer in the error envelope with a stable code, not an empty body', async () => {
    const cases: [string, number, string][] = [
      ['GET /healthz HTTP/1.1\r\nHost: a b\r\n\r\n', 400, 'BAD_REQUEST'],
      ['GET /healthz HTTP/1.1\r\nHost: [:::]/x\r\n\r\n', 400, 'BAD_REQUEST'],
      ['GET healthz HTTP/1.1\r\nHost: localhost\r\n\r\n', 400, 'BAD_REQUEST'],
      ['BLAH\r\n\r\n', 400, 'BAD_REQUEST'],
      [`GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
    ];
    for (const [request, status, code] of cases) {
      const res = await rawRequest(port, request, 5_000);
      assert.equal(res.status, status, request.slice(0, 40));
      assert.equal(JSON.parse(res.body).error.code, code, request.slice(0, 40));
      assert.match(res.headers['content-type'] ?? '', /^application\/json/);
    }
    // HTTP/1.1 without a Host header is served like HTTP/1.0, for the configured host.
    const hostless = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n', 5_000);
    assert.equal(hostless.status, 200);
  });
});
