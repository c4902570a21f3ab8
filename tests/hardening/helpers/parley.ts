// A test app with everything mounted (admin API and assets, when they exist in this build), and admin login.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../../server/app.js';
import type { AppDeps } from '../../../server/deps.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../../helpers/app.js';
import { REPO_ROOT } from './child.js';

export const HAS_ADMIN_API = existsSync(path.join(REPO_ROOT, 'server/routes/admin.ts'));
export const HAS_ASSETS = existsSync(path.join(REPO_ROOT, 'server/routes/assets.ts'));
export const ADMIN_EMAIL = 'hardening-admin@example.com';
export const ADMIN_PASSWORD = 'correct horse battery staple 42';

/** The admin router and the assets router, when this build has them. */
export async function loadMounts(deps: AppDeps): Promise<{ api: Hono[]; root: Hono[] }> {
  const api: Hono[] = [];
  const root: Hono[] = [];
  if (HAS_ADMIN_API) {
    const admin = (await import('../../../server/routes/' + 'admin.js')) as { createAdminRouter(d: AppDeps): Hono };
    api.push(admin.createAdminRouter(deps));
  }
  if (HAS_ASSETS) {
    const assets = (await import('../../../server/routes/' + 'assets.js')) as { createAssetsRouter(d: AppDeps): Hono };
    root.push(assets.createAssetsRouter(deps));
  }
  return { api, root };
}

export interface FullTestApp extends TestApp {
  /** The same app as `app`, with the admin API and assets mounted as main.ts mounts them. */
  full: ReturnType<typeof createApp>;
}

/** createTestApp plus the optional routers mounted, so app.request() reaches the whole surface. */
export async function createFullTestApp(options: TestAppOptions = {}): Promise<FullTestApp> {
  const t = await createTestApp(options);
  const full = createApp(t.deps, await loadMounts(t.deps));
  return Object.assign(t, { full });
}

/** Creates an account directly in the database (the admin API's own create path). */
export async function createAccount(
  deps: Pick<AppDeps, 'db'>,
  account: { email: string; password: string; role: 'admin' | 'moderator'; sites?: string[]; name?: string },
): Promise<{ id: number }> {
  const accounts = (await import('../../../server/auth/' + 'accounts.js')) as {
    createAccount(db: AppDeps['db'], input: typeof account): Promise<{ id: number }>;
  };
  return accounts.createAccount(deps.db, account);
}

export interface AdminSession {
  cookie: string;
  csrf: string;
  /** The raw Set-Cookie header of the login answer. */
  setCookie: string;
}

type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

/** Logs in through POST /api/v1/admin/login; throws with the answer when it fails. */
export async function loginAdmin(fetcher: Fetcher, email = ADMIN_EMAIL, password = ADMIN_PASSWORD, headers: Record<string, string> = {}): Promise<AdminSession> {
  const res = await fetcher('/api/v1/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${text}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  return { cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken, setCookie };
}

/** Headers for an admin call with a session. */
export function adminHeaders(session: AdminSession, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json', ...extra };
}

/** Fetch against a base URL with the same signature as app.request(). */
export function httpFetcher(base: string): Fetcher {
  return (p, init) => fetch(`${base}${p}`, init);
}
