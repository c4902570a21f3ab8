// Admin test harness: an app with the admin router mounted, an injectable clock, accounts and logged-in sessions.
import { createApp } from '../../server/app.js';
import { createAccount, type Role } from '../../server/auth/accounts.js';
import { createAdminRouter } from '../../server/routes/admin.js';
import type { Site } from '../../server/sites/store.js';
import { createTestApp, jsonRequest, type TestApp } from '../helpers/app.js';
import type { Driver, TestDatabase } from '../helpers/db.js';

export const PASSWORD = 'correct horse battery';

export interface Session {
  cookie: string;
  csrf: string;
  id: number;
  email: string;
}

export interface Clock {
  now(): Date;
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function createClock(start = '2026-11-25T10:00:00Z'): Clock {
  let at = new Date(start);
  return {
    now: () => at,
    set: (to) => {
      at = new Date(to);
    },
    advance: (ms) => {
      at = new Date(at.getTime() + ms);
    },
  };
}

let accountCounter = 0;
let ipCounter = 0;
/** A fresh client address per call, so per-IP login throttling only bites where a test wants it. */
export const nextIp = () => `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter++ % 250) + 1}`;

export interface AdminTest {
  t: TestApp;
  app: ReturnType<typeof createApp>;
  clock: Clock;
  /** Creates an account (moderator of `sites`, or admin) and returns its email and id. */
  account(role: Role, sites?: Site[], password?: string): Promise<{ id: number; email: string }>;
  login(email: string, password?: string, headers?: Record<string, string>): Promise<Response>;
  /** Creates an account and logs it in. */
  session(role: Role, sites?: Site[]): Promise<Session>;
  /** A request as `who` (null = anonymous); writes carry the CSRF token unless headers say otherwise. */
  call(who: Session | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Posts a public comment; returns its id. */
  comment(site: Site, article: string, fields?: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

export function cookieFrom(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const m = /parley_session=([^;]*)/.exec(header);
  if (!m) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return `parley_session=${m[1]}`;
}

export async function createAdminTest(options: { driver: Driver; env?: Record<string, string>; database?: TestDatabase; clock?: Clock }): Promise<AdminTest> {
  const clock = options.clock ?? createClock();
  const t = await createTestApp({ driver: options.driver, env: options.env, database: options.database, now: clock.now });
  const app = createApp(t.deps, { api: [createAdminRouter(t.deps)] });
  const account: AdminTest['account'] = async (role, sites = [], password = PASSWORD) => {
    accountCounter += 1;
    const email = `${role}${accountCounter}-${process.pid}@example.com`;
    const row = await createAccount(t.deps.db, { email, name: `${role} ${accountCounter}`, password, role, sites: sites.map((s) => s.slug) });
    return { id: row.id, email };
  };
  const login: AdminTest['login'] = async (email, password = PASSWORD, headers = {}) =>
    app.request('/api/v1/admin/login', jsonRequest('POST', { email, password }, { 'x-forwarded-for': nextIp(), ...headers }));
  return {
    t,
    app,
    clock,
    account,
    login,
    async session(role, sites = []) {
      const { id, email } = await account(role, sites);
      const res = await login(email);
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      const json = (await res.json()) as { csrfToken: string };
      return { cookie: cookieFrom(res), csrf: json.csrfToken, id, email };
    },
    async call(who, method, path, body, headers = {}) {
      const h: Record<string, string> = { 'x-forwarded-for': '192.0.2.1' };
      if (who) {
        h.cookie = who.cookie;
        if (method !== 'GET') h['x-csrf-token'] = who.csrf;
      }
      if (body !== undefined) h['content-type'] = 'application/json';
      return app.request(`/api/v1${path}`, { method, headers: { ...h, ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    },
    async comment(site, article, fields = {}) {
      const res = await app.request(
        `/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments`,
        jsonRequest('POST', { name: 'Asha', email: 'asha@example.com', body: `comment ${Math.random()}`, ...fields }, { 'x-forwarded-for': nextIp() }),
      );
      if (res.status !== 201 && res.status !== 202) throw new Error(`comment failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { comment: { id: number } }).comment.id;
    },
    close: () => t.close(),
  };
}
