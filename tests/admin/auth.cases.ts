// Accounts and sessions: login, cookies, CSRF, throttling, expiry, logout, disabled accounts, first admin.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { ensureFirstAdmin } from '../../server/auth/bootstrap.js';
import { moderators, sessions } from '../../server/db/schema.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { jsonRequest } from '../helpers/app.js';
import { PASSWORD, cookieFrom, createAdminTest, nextIp, type AdminTest, type Session } from './helpers.js';

const MINUTE = 60_000;

/** Defines the suite for one driver; auth.pglite.test.ts and auth.postgres.test.ts run it. */
export function defineAuthTests(driver: Driver): void {
  describe(`admin accounts and sessions [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: AdminTest;
    before(async () => {
      a = await createAdminTest({ driver, env: { PARLEY_SESSION_TTL_HOURS: '2', PARLEY_SESSION_IDLE_MINUTES: '30' } });
    });
    after(async () => a?.close());

    const me = (who: Session) => a.call(who, 'GET', '/admin/me');

    describe('login', () => {
      it('logs in with a cookie that is HttpOnly, SameSite=Strict, Path=/, and stores only a hash of the token', async () => {
        const { email, id } = await a.account('moderator');
        const res = await a.login(email.toUpperCase());
        assert.equal(res.status, 200);
        const json = await res.json();
        assert.deepEqual(Object.keys(json).sort(), ['csrfToken', 'moderator']);
        assert.deepEqual(json.moderator, { id, email, name: json.moderator.name, role: 'moderator', locale: 'en' });
        const header = res.headers.get('set-cookie')!;
        assert.match(header, /^parley_session=[A-Za-z0-9_-]{43};/);
        assert.match(header, /HttpOnly/);
        assert.match(header, /SameSite=Strict/);
        assert.match(header, /Path=\//);
        assert.doesNotMatch(header, /Secure/, 'no Secure cookie over plain http');
        const token = cookieFrom(res).split('=')[1]!;
        const rows = await a.t.deps.db.select().from(sessions).where(eq(sessions.moderatorId, id));
        assert.equal(rows.length, 1);
        assert.notEqual(rows[0]!.tokenHash, token);
        assert.equal(rows[0]!.tokenHash, a.t.deps.hasher.hashToken(token));
        assert.equal(rows[0]!.expiresAt.getTime(), a.clock.now().getTime() + 2 * 3_600_000);
        const who = { cookie: cookieFrom(res), csrf: json.csrfToken, id, email };
        const mine = await (await me(who)).json();
        assert.equal(mine.csrfToken, json.csrfToken);
        assert.equal(mine.moderator.id, id);
      });

      it('stores argon2id password hashes', async () => {
        const { id } = await a.account('moderator');
        const [row] = await a.t.deps.db.select().from(moderators).where(eq(moderators.id, id));
        assert.match(row!.passwordHash, /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
        assert.ok(!row!.passwordHash.includes(PASSWORD));
      });

      it('answers an unknown email and a wrong password the same way', async () => {
        const { email } = await a.account('moderator');
        const wrong = await a.login(email, 'not the password');
        const unknown = await a.login('nobody-here@example.com', 'not the password');
        assert.equal(wrong.status, 401);
        assert.equal(unknown.status, 401);
        const [w, u] = [(await wrong.json()).error, (await unknown.json()).error];
        assert.equal(w.code, 'INVALID_CREDENTIALS');
        assert.deepEqual({ code: w.code, message: w.message }, { code: u.code, message: u.message });
        assert.equal(wrong.headers.get('set-cookie'), null);
      });

      it('sets Secure on the cookie when the public URL is https', async () => {
        const secure = await createAdminTest({ driver, database: a.t.database, env: { PUBLIC_URL: 'https://comments.example' } });
        const { email } = await secure.account('admin');
        const res = await secure.login(email);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('set-cookie')!, /Secure/);
        await secure.close();
      });

      it('refuses a login posted from another origin', async () => {
        const { email } = await a.account('moderator');
        const res = await a.login(email, PASSWORD, { origin: 'https://evil.example' });
        assert.equal(res.status, 403);
        assert.equal((await res.json()).error.code, 'CSRF_FAILED');
        assert.equal((await a.login(email, PASSWORD, { origin: a.t.config.publicUrl })).status, 200);
      });

      it('validates the login body (422) and needs JSON (415)', async () => {
        const res = await a.app.request('/api/v1/admin/login', jsonRequest('POST', { email: 'x@example.com' }));
        assert.equal(res.status, 422);
        const form = await a.app.request('/api/v1/admin/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=x' });
        assert.equal(form.status, 415);
      });
    });

    describe('throttling', () => {
      const fail = (email: string, ip = nextIp()) => a.login(email, 'wrong password!', { 'x-forwarded-for': ip });

      it('locks the account from one address for 15 minutes after 5 failures within 15 minutes, only from that address', async () => {
        const { email } = await a.account('moderator');
        const ip = nextIp();
        for (let i = 0; i < 5; i++) assert.equal((await fail(email, ip)).status, 401, `failure ${i + 1}`);
        const locked = await a.login(email, PASSWORD, { 'x-forwarded-for': ip });
        assert.equal(locked.status, 429);
        const body = (await locked.json()).error;
        assert.equal(body.code, 'LOGIN_LOCKED');
        assert.equal(body.retryAfter, 900);
        assert.equal(locked.headers.get('retry-after'), '900');
        a.clock.advance(10 * MINUTE);
        const still = await a.login(email, PASSWORD, { 'x-forwarded-for': ip });
        assert.equal(still.status, 429);
        assert.equal((await still.json()).error.retryAfter, 300);
        a.clock.advance(5 * MINUTE);
        assert.equal((await a.login(email, PASSWORD, { 'x-forwarded-for': ip })).status, 200);
      });

      // Regression (issue 12, finding 6): five wrong passwords from five addresses locked the real owner
      // out with 429 LOGIN_LOCKED for 15 minutes. The account as a whole now only slows down.
      it("a stranger's guesses from many addresses never lock the owner out; the admin sees and clears them", async () => {
        const admin = await a.session('admin');
        const { email, id } = await a.account('moderator');
        for (let i = 0; i < 8; i++) assert.equal((await fail(email)).status, 401, `guess ${i + 1} from another address`);
        const listed = (await (await a.call(admin, 'GET', '/admin/moderators')).json()) as { moderators: { id: number; loginFailures: number }[] };
        assert.equal(listed.moderators.find((m) => m.id === id)?.loginFailures, 8);
        assert.equal((await a.login(email)).status, 200, "the owner, from their own address, logs in (slowed, not refused)");
        // The owner's login forgets the account-wide count.
        const after = (await (await a.call(admin, 'GET', '/admin/moderators')).json()) as { moderators: { id: number; loginFailures: number }[] };
        assert.equal(after.moderators.find((m) => m.id === id)?.loginFailures, 0);
      });

      it("an admin clears an account's locks from every address (the admin API)", async () => {
        const admin = await a.session('admin');
        const { email, id } = await a.account('moderator');
        const ip = nextIp();
        for (let i = 0; i < 5; i++) await fail(email, ip);
        assert.equal((await a.login(email, PASSWORD, { 'x-forwarded-for': ip })).status, 429);
        const cleared = await a.call(admin, 'DELETE', `/admin/moderators/${id}/login-throttle`);
        assert.equal(cleared.status, 200);
        const out = (await cleared.json()) as { cleared: number; moderator: { loginFailures: number } };
        assert.deepEqual([out.cleared, out.moderator.loginFailures], [2, 0]);
        assert.equal((await a.login(email, PASSWORD, { 'x-forwarded-for': ip })).status, 200);
        const mod = await a.session('moderator');
        assert.equal((await a.call(mod, 'DELETE', `/admin/moderators/${id}/login-throttle`)).status, 403, 'admins only');
      });

      it('locks an unknown email exactly like a real one', async () => {
        const email = `ghost-${Date.now()}@example.com`;
        const ip = nextIp();
        for (let i = 0; i < 5; i++) assert.equal((await fail(email, ip)).status, 401);
        const res = await fail(email, ip);
        assert.equal(res.status, 429);
        assert.equal((await res.json()).error.code, 'LOGIN_LOCKED');
      });

      it('locks an IP hash after 20 failures across accounts, and only that IP', async () => {
        const ip = '203.0.113.77';
        for (let i = 0; i < 20; i++) assert.equal((await fail(`spray-${i}-${Date.now()}@example.com`, ip)).status, 401);
        const { email } = await a.account('moderator');
        const res = await a.login(email, PASSWORD, { 'x-forwarded-for': ip });
        assert.equal(res.status, 429);
        assert.equal((await a.login(email, PASSWORD, { 'x-forwarded-for': '203.0.113.78' })).status, 200);
        a.clock.advance(16 * MINUTE);
        assert.equal((await a.login(email, PASSWORD, { 'x-forwarded-for': ip })).status, 200);
      });

      it('counts failures only within the 15-minute window', async () => {
        const { email } = await a.account('moderator');
        for (let i = 0; i < 4; i++) await fail(email);
        a.clock.advance(15 * MINUTE + 1000);
        for (let i = 0; i < 4; i++) assert.equal((await fail(email)).status, 401);
        assert.equal((await a.login(email)).status, 200);
      });

      it('forgets an account’s failures after a successful login', async () => {
        const { email } = await a.account('moderator');
        for (let i = 0; i < 4; i++) await fail(email);
        assert.equal((await a.login(email)).status, 200);
        for (let i = 0; i < 4; i++) assert.equal((await fail(email)).status, 401);
        assert.equal((await a.login(email)).status, 200);
      });
    });

    describe('CSRF', () => {
      let who: Session;
      let other: Session;
      before(async () => {
        who = await a.session('admin');
        other = await a.session('admin');
      });
      const write = (headers: Record<string, string>) =>
        a.call(who, 'POST', '/admin/bans', { site: 'nowhere', email: 'x@example.com' }, headers);

      for (const [name, headers] of [
        ['a missing token', { 'x-csrf-token': '' }],
        ['a wrong token', { 'x-csrf-token': 'A'.repeat(43) }],
        ['a foreign Origin (with the right token)', { origin: 'https://evil.example' }],
        ['a null Origin', { origin: 'null' }],
      ] as const) {
        it(`refuses a write with ${name}: 403 CSRF_FAILED`, async () => {
          const res = await write(headers);
          assert.equal(res.status, 403);
          assert.equal((await res.json()).error.code, 'CSRF_FAILED');
        });
      }

      it("refuses another session's token", async () => {
        const res = await write({ 'x-csrf-token': other.csrf });
        assert.equal(res.status, 403);
      });

      it('lets the right token through, from no Origin or our own', async () => {
        // 404: past the CSRF check, the unknown site is reported.
        assert.equal((await write({})).status, 404);
        assert.equal((await write({ origin: a.t.config.publicUrl })).status, 404);
      });

      it('checks every write method (PATCH, DELETE, logout) but not reads', async () => {
        const noToken = { 'x-csrf-token': '' };
        assert.equal((await a.call(who, 'PATCH', '/admin/sites/whatever', { name: 'x' }, noToken)).status, 403);
        assert.equal((await a.call(who, 'DELETE', '/admin/bans/1', undefined, noToken)).status, 403);
        assert.equal((await a.call(who, 'POST', '/admin/logout', undefined, noToken)).status, 403);
        assert.equal((await a.call(who, 'GET', '/admin/me', undefined, { origin: 'https://evil.example' })).status, 200);
      });
    });

    describe('expiry and logout', () => {
      it('ends a session after the idle timeout, and keeps an active one alive', async () => {
        const who = await a.session('moderator');
        a.clock.advance(29 * MINUTE);
        assert.equal((await me(who)).status, 200);
        a.clock.advance(29 * MINUTE);
        assert.equal((await me(who)).status, 200, '58 minutes old but active 29 minutes ago');
        a.clock.advance(30 * MINUTE);
        const res = await me(who);
        assert.equal(res.status, 401);
        assert.equal((await res.json()).error.code, 'UNAUTHORIZED');
        const left = await a.t.deps.db.select().from(sessions).where(eq(sessions.moderatorId, who.id));
        assert.equal(left.length, 0, 'the expired session row is deleted');
      });

      it('ends a session at its absolute expiry however active it is', async () => {
        const who = await a.session('moderator');
        for (let i = 0; i < 5; i++) {
          a.clock.advance(20 * MINUTE);
          assert.equal((await me(who)).status, 200);
        }
        a.clock.advance(20 * MINUTE); // exactly two hours
        assert.equal((await me(who)).status, 401);
      });

      it('writes last_seen_at at most once a minute', async () => {
        const who = await a.session('moderator');
        const lastSeen = async () => (await a.t.deps.db.select().from(sessions).where(eq(sessions.moderatorId, who.id)))[0]!.lastSeenAt.getTime();
        const start = await lastSeen();
        a.clock.advance(30_000);
        await me(who);
        assert.equal(await lastSeen(), start);
        a.clock.advance(31_000);
        await me(who);
        assert.equal(await lastSeen(), a.clock.now().getTime());
      });

      it('logs out: 204, the cookie is cleared, the session is gone', async () => {
        const who = await a.session('moderator');
        const res = await a.call(who, 'POST', '/admin/logout');
        assert.equal(res.status, 204);
        assert.match(res.headers.get('set-cookie')!, /parley_session=;.*Max-Age=0/);
        assert.equal((await me(who)).status, 401);
        assert.equal((await a.t.deps.db.select().from(sessions).where(eq(sessions.moderatorId, who.id))).length, 0);
      });

      it('refuses a made-up or malformed cookie', async () => {
        for (const cookie of ['parley_session=' + 'x'.repeat(43), 'parley_session=short', 'other=1']) {
          const res = await a.app.request('/api/v1/admin/me', { headers: { cookie } });
          assert.equal(res.status, 401);
        }
      });
    });

    describe('disabled accounts and password changes', () => {
      it('stops a disabled account’s sessions and logins; enabling lets it back in', async () => {
        const admin = await a.session('admin');
        const who = await a.session('moderator');
        const res = await a.call(admin, 'PATCH', `/admin/moderators/${who.id}`, { disabled: true });
        assert.equal(res.status, 200);
        assert.equal((await res.json()).moderator.disabled, true);
        assert.equal((await me(who)).status, 401);
        const login = await a.login(who.email);
        assert.equal(login.status, 403);
        assert.equal((await login.json()).error.code, 'ACCOUNT_DISABLED');
        assert.equal((await a.login(who.email, 'wrong password!')).status, 401, 'a wrong password learns nothing');
        assert.equal((await a.call(admin, 'PATCH', `/admin/moderators/${who.id}`, { disabled: false })).status, 200);
        assert.equal((await a.login(who.email)).status, 200);
      });

      it('refuses a session whose account was disabled directly in the database', async () => {
        const who = await a.session('moderator');
        await a.t.deps.db.update(moderators).set({ disabledAt: a.clock.now() }).where(eq(moderators.id, who.id));
        assert.equal((await me(who)).status, 401);
      });

      it('ends the sessions of an account whose password an admin changes', async () => {
        const admin = await a.session('admin');
        const who = await a.session('moderator');
        const res = await a.call(admin, 'PATCH', `/admin/moderators/${who.id}`, { password: 'a brand new one' });
        assert.equal(res.status, 200);
        assert.equal((await me(who)).status, 401);
        assert.equal((await a.login(who.email)).status, 401);
        assert.equal((await a.login(who.email, 'a brand new one')).status, 200);
      });
    });

    describe('first admin', () => {
      // Same database: start each case with no accounts at all (sessions go with them).
      const noAccounts = () => a.t.deps.db.delete(moderators);

      it('creates admin@localhost with a random password shown once, never logged, and only when no admin exists', async () => {
        await noAccounts();
        const lines = await ensureFirstAdmin(a.t.deps);
        assert.ok(lines);
        const text = lines.join('\n');
        const m = /log in at (\S+) as (\S+) with password (\S+)/.exec(text);
        assert.ok(m, text);
        assert.equal(m[1], `${a.t.config.publicUrl}/admin`);
        assert.equal(m[2], 'admin@localhost');
        const password = m[3]!;
        assert.ok(password.length >= 16);
        assert.ok(!a.t.logs.text.includes(password), 'the generated password reached the log');
        const res = await a.login('admin@localhost', password);
        assert.equal(res.status, 200);
        assert.equal((await res.json()).moderator.role, 'admin');
        assert.equal(await ensureFirstAdmin(a.t.deps), undefined);
      });

      it('uses PARLEY_ADMIN_EMAIL and PARLEY_ADMIN_PASSWORD without printing the password', async () => {
        await noAccounts();
        const config = { ...a.t.config, PARLEY_ADMIN_EMAIL: 'Boss@News.Example', PARLEY_ADMIN_PASSWORD: 'from the environment' };
        const lines = (await ensureFirstAdmin({ ...a.t.deps, config }))!;
        assert.match(lines.join('\n'), /as boss@news\.example with the password from PARLEY_ADMIN_PASSWORD/);
        assert.ok(!lines.join('\n').includes('from the environment'));
        assert.equal((await a.login('boss@news.example', 'from the environment')).status, 200);
      });
    });
  });
}
