// Several processes: two Parley children on one PostgreSQL database. Flood control, sessions,
// login throttling, live events and thread caches must all hold across them (state lives only in
// the database).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { insertSite, type Site } from '../../server/sites/store.js';
import { createTestDatabase, skipFor, type TestDatabase } from '../helpers/db.js';
import { CHILD_SECRET, startParleyChild, type ParleyChild } from './helpers/child.js';
import { assertNoSecrets } from './helpers/http.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, HAS_ADMIN_API, adminHeaders, httpFetcher, loginAdmin } from './helpers/parley.js';
import { openSse } from './helpers/sse.js';

const ORIGIN = 'https://news.example';

describe('two Parley processes on one PostgreSQL database', { skip: skipFor('postgres') }, () => {
  let database: TestDatabase;
  let a: ParleyChild;
  let b: ParleyChild;
  let site: Site;
  let flood: Site;

  before(async () => {
    database = await createTestDatabase('postgres');
    const env = { DATABASE_URL: database.url!, PARLEY_ADMIN_EMAIL: ADMIN_EMAIL, PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD, PARLEY_THREAD_CACHE_ENTRIES: '1000' };
    // Started one after the other so only one creates the first admin (the race is handled, but quieter).
    a = await startParleyChild(env);
    b = await startParleyChild(env);
    site = await insertSite(database.db, { slug: 'twin', name: 'Twin', allowedOrigins: [ORIGIN], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 } });
    flood = await insertSite(database.db, { slug: 'twin-flood', name: 'Flood', allowedOrigins: [ORIGIN], settings: { mode: 'post', floodSeconds: 60, minSubmitSeconds: 0 } });
  });
  after(async () => {
    const exits = await Promise.all([a?.stop(15_000), b?.stop(15_000)]);
    await database?.drop();
    for (const [name, c] of [['A', a], ['B', b]] as const) if (c) assertNoSecrets(`process ${name} output`, c.output(), [CHILD_SECRET, ADMIN_PASSWORD]);
    assert.deepEqual(exits.map((e) => e?.code), [0, 0], 'both processes drain and exit 0');
  });

  const post = (c: ParleyChild, s: Site, article: string, body: string, ip: string, email = `${ip.replace(/\W/g, '')}@example.com`) =>
    fetch(`${c.url}/api/v1/sites/${s.slug}/articles/${article}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, origin: ORIGIN },
      body: JSON.stringify({ body, name: 'Process reader', email }),
    });

  it('refuses flooding from one address through either process (429 on the second)', async () => {
    const first = await post(a, flood, 'f', 'first through A', '203.0.113.50', 'one@example.com');
    assert.equal(first.status, 201, await first.text());
    const second = await post(b, flood, 'f', 'second through B', '203.0.113.50', 'two@example.com');
    assert.equal(second.status, 429);
    assert.equal((await second.json()).error.code, 'RATE_LIMITED');
    assert.match(second.headers.get('retry-after') ?? '', /^\d+$/);
    // And by email through the other process, from another address.
    const third = await post(a, flood, 'f', 'third through A', '203.0.113.51', 'one@example.com');
    assert.equal(third.status, 429);
  });

  it('lets only one of two simultaneous posts from one address through, one per process', async () => {
    const [x, y] = await Promise.all([
      post(a, flood, 'race', 'racing through A', '203.0.113.60', 'race-a@example.com'),
      post(b, flood, 'race', 'racing through B', '203.0.113.60', 'race-b@example.com'),
    ]);
    assert.deepEqual([x.status, y.status].sort(), [201, 429]);
  });

  describe('admin sessions and login throttling', { skip: HAS_ADMIN_API ? false : 'admin API not in this build' }, () => {
    it('accepts a session made on A in B, and a logout on B ends it on A', async () => {
      const s = await loginAdmin(httpFetcher(a.url));
      const me = await fetch(`${b.url}/api/v1/admin/me`, { headers: adminHeaders(s) });
      assert.equal(me.status, 200);
      assert.equal((await me.json()).moderator.email, ADMIN_EMAIL);
      const out = await fetch(`${b.url}/api/v1/admin/logout`, { method: 'POST', headers: adminHeaders(s) });
      assert.equal(out.status, 204);
      assert.equal((await fetch(`${a.url}/api/v1/admin/me`, { headers: { cookie: s.cookie } })).status, 401);
    });

    it('locks an account from one address after 5 failures made through A and B alternately, on both; its owner elsewhere still logs in', async () => {
      const s = await loginAdmin(httpFetcher(a.url));
      const email = 'locked-moderator@example.com';
      const password = 'the right password 123';
      const created = await fetch(`${a.url}/api/v1/admin/moderators`, {
        method: 'POST',
        headers: adminHeaders(s),
        body: JSON.stringify({ email, name: 'Locked', password, role: 'moderator', sites: [site.slug] }),
      });
      assert.equal(created.status, 201, await created.text());
      const attempt = (c: ParleyChild, pw: string, ip: string) =>
        fetch(`${c.url}/api/v1/admin/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ email, password: pw }),
        });
      // Five failures from one address, alternately through A and B: the account is locked from that
      // address on both processes (the count lives in the database)...
      for (let i = 0; i < 5; i++) {
        const res = await attempt(i % 2 === 0 ? a : b, `wrong ${i}`, '198.51.100.100');
        assert.equal(res.status, 401, `failure ${i + 1}`);
      }
      for (const [name, c] of [['A', a], ['B', b]] as const) {
        const res = await attempt(c, password, '198.51.100.100');
        assert.equal(res.status, 429, `locked on ${name} from the guessing address, even with the right password`);
        const err = (await res.json()).error;
        assert.equal(err.code, 'LOGIN_LOCKED');
        assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
      }
      // ...while the owner, from another address, still logs in through either (issue 12, finding 6).
      for (const c of [a, b]) assert.equal((await attempt(c, password, '203.0.113.200')).status, 200);
    });
  });

  it('delivers live events across processes: a comment posted through A arrives on a stream opened on B', async () => {
    const stream = await openSse(`${b.url}/api/v1/sites/${site.slug}/articles/live/events`, { origin: ORIGIN });
    try {
      await stream.waitFor((e) => e.event === 'ready', 10_000, 'the ready event');
      const res = await post(a, site, 'live', 'hello from process A', '203.0.113.70');
      assert.equal(res.status, 201);
      const { comment } = await res.json();
      const event = await stream.waitFor((e) => e.event === 'comment' && JSON.parse(e.data).id === comment.id, 15_000, 'the comment event on B');
      const data = JSON.parse(event.data);
      assert.equal(data.body, 'hello from process A');
      assert.ok(!('authorEmail' in data) && !event.data.includes('@example.com'), 'the event carries no email');
    } finally {
      stream.close();
    }
  });

  it('invalidates B’s thread cache when A writes (B’s next read shows the new comment)', async () => {
    assert.equal((await post(a, site, 'cached', 'the first comment', '203.0.113.80')).status, 201);
    const thread = (c: ParleyChild, headers: Record<string, string> = {}) => fetch(`${c.url}/api/v1/sites/${site.slug}/articles/cached/comments`, { headers });
    const before1 = await thread(b);
    const etag = before1.headers.get('etag')!;
    assert.equal((await before1.json()).comments.length, 1);
    // A second read on B comes from B's cache (same ETag).
    const again = await thread(b);
    assert.equal(again.headers.get('etag'), etag);
    await again.text();

    const stream = await openSse(`${b.url}/api/v1/sites/${site.slug}/articles/cached/events`);
    try {
      await stream.waitFor((e) => e.event === 'ready', 10_000, 'the ready event');
      const res = await post(a, site, 'cached', 'a second comment, through A', '203.0.113.81');
      assert.equal(res.status, 201);
      const { comment } = await res.json();
      // B has heard of the write once its stream has: no sleeping, no polling.
      await stream.waitFor((e) => e.event === 'comment' && JSON.parse(e.data).id === comment.id, 15_000, 'the event on B');
    } finally {
      stream.close();
    }
    const fresh = await thread(b, { 'if-none-match': etag });
    assert.equal(fresh.status, 200, 'the old ETag no longer matches');
    assert.notEqual(fresh.headers.get('etag'), etag);
    const list = await fresh.json();
    assert.deepEqual(list.comments.map((c: { body: string }) => c.body), ['the first comment', 'a second comment, through A']);
  });
});
