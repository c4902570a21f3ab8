// Regression (issue 12, finding 7): the moderators' event stream outlived logout, disabling and site
// removal: it re-checked the session only after 25 s without events and kept the site list it opened
// with. Over real HTTP on both drivers, with the change made through a second server on the same
// database (the truth is in the database, not in the process holding the stream): the stream ends
// within 5 s, and a new one streams only what the moderator may still see.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../../server/auth/accounts.js';
import { insertSite, type Site } from '../../server/sites/store.js';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { createTestDatabase, skipFor, type Driver, type TestDatabase } from '../helpers/db.js';
import { adminHeaders, loginAdmin, type AdminSession } from '../hardening/helpers/parley.js';
import { openSse, type SseStream } from '../hardening/helpers/sse.js';
import { nextIp } from './helpers.js';

const PASSWORD = 'correct horse battery staple 42';
const ENDS_WITHIN_MS = 5000;
let counter = 0;

/** The cases, run per driver by live-session.pglite.test.ts and live-session.postgres.test.ts. */
export function defineLiveSessionTests(driver: Driver): void {
  describe(`moderators' event stream follows the session and assignments [${driver}]`, { skip: skipFor(driver) }, () => {
    let database: TestDatabase;
    let holder: TestServer;
    let other: TestServer;
    let siteA: Site;
    let siteB: Site;
    let admin: AdminSession;

    const login = (server: TestServer, email: string) =>
      loginAdmin((p, init) => fetch(`${server.url}${p}`, init), email, PASSWORD, { 'x-forwarded-for': nextIp() });

    async function account(role: 'admin' | 'moderator', sites: Site[]): Promise<{ id: number; email: string }> {
      counter += 1;
      const email = `live-${role}${counter}-${process.pid}@example.com`;
      const { id } = await createAccount(holder.deps.db, { email, name: `Live ${counter}`, password: PASSWORD, role, sites: sites.map((s) => s.slug) });
      return { id, email };
    }

    /** Logs in on the holder server and opens the queue stream there. */
    async function openQueue(email: string): Promise<{ session: AdminSession; stream: SseStream }> {
      const session = await login(holder, email);
      const stream = await openSse(`${holder.url}/api/v1/admin/events`, { cookie: session.cookie });
      await stream.waitFor((e) => e.event === 'ready', 10_000, 'ready');
      return { session, stream };
    }

    /** Resolves when the stream has ended; fails after ENDS_WITHIN_MS. */
    async function endsSoon(stream: SseStream, what: string): Promise<number> {
      const start = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          stream.ended,
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`the stream was still open ${ENDS_WITHIN_MS} ms after ${what}`)), ENDS_WITHIN_MS);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
      return Date.now() - start;
    }

    async function patchModerator(id: number, body: unknown): Promise<void> {
      const res = await fetch(`${other.url}/api/v1/admin/moderators/${id}`, { method: 'PATCH', headers: adminHeaders(admin), body: JSON.stringify(body) });
      assert.equal(res.status, 200, await res.text());
    }

    async function post(site: Site, body: string): Promise<number> {
      const res = await fetch(`${other.url}/api/v1/sites/${site.slug}/articles/queue-live/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
        body: JSON.stringify({ name: 'Reader', email: `reader${++counter}@example.com`, body }),
      });
      const text = await res.text();
      assert.equal(res.status, 202, text);
      return (JSON.parse(text) as { comment: { id: number } }).comment.id;
    }

    before(async () => {
      database = await createTestDatabase(driver);
      holder = await startTestServer({ driver, database, env: { PARLEY_DEMO: 'false' } });
      other = await startTestServer({ driver, database, env: { PARLEY_DEMO: 'false' } });
      const settings = { mode: 'pre' as const, floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, nudge: false };
      siteA = await insertSite(holder.deps.db, { slug: `live-a-${process.pid}`, name: 'A', allowedOrigins: ['https://a.example'], settings });
      siteB = await insertSite(holder.deps.db, { slug: `live-b-${process.pid}`, name: 'B', allowedOrigins: ['https://b.example'], settings });
      admin = await login(other, (await account('admin', [])).email);
    });
    after(async () => {
      await other?.close();
      await holder?.close();
      await database?.drop();
    });

    it(`ends within ${ENDS_WITHIN_MS / 1000} s of logging out (on another server)`, async () => {
      const { email } = await account('moderator', [siteA]);
      const { session, stream } = await openQueue(email);
      const out = await fetch(`${other.url}/api/v1/admin/logout`, { method: 'POST', headers: adminHeaders(session) });
      assert.equal(out.status, 204);
      const ms = await endsSoon(stream, 'logout');
      console.log(`# moderator stream ended ${ms} ms after logout`);
      const again = await fetch(`${holder.url}/api/v1/admin/events`, { headers: { cookie: session.cookie } });
      assert.equal(again.status, 401);
      await again.body?.cancel();
    });

    it(`ends within ${ENDS_WITHIN_MS / 1000} s of the account being disabled`, async () => {
      const { id, email } = await account('moderator', [siteA]);
      const { stream } = await openQueue(email);
      await patchModerator(id, { disabled: true });
      const ms = await endsSoon(stream, 'disabling');
      console.log(`# moderator stream ended ${ms} ms after disabling`);
    });

    it(`ends within ${ENDS_WITHIN_MS / 1000} s of a site being unassigned; the next stream carries only the sites left`, async () => {
      const { id, email } = await account('moderator', [siteA, siteB]);
      const { session, stream } = await openQueue(email);
      const before = await post(siteA, 'seen while still assigned');
      await stream.waitFor((e) => e.event === 'queue' && e.id === String(before), 10_000, 'the queue event for site A');
      await patchModerator(id, { sites: [siteB.slug] });
      const ms = await endsSoon(stream, 'unassigning site A');
      console.log(`# moderator stream ended ${ms} ms after unassigning a site`);

      const next = await openSse(`${holder.url}/api/v1/admin/events`, { cookie: session.cookie });
      try {
        await next.waitFor((e) => e.event === 'ready', 10_000, 'ready');
        const hidden = await post(siteA, 'no longer this moderator’s site');
        const shown = await post(siteB, 'still this moderator’s site');
        // Events arrive in order, so once B's is here A's would have been too.
        await next.waitFor((e) => e.event === 'queue' && e.id === String(shown), 10_000, 'the queue event for site B');
        assert.ok(!next.events.some((e) => e.id === String(hidden)), 'no event for the unassigned site');
      } finally {
        next.close();
      }
    });
  });
}
