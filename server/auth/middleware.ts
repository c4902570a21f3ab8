// Admin request guards: who is calling (session cookie) and whether a write really comes from our page (CSRF).
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Role } from './accounts.js';
import { findActiveSession, readSessionCookie } from './sessions.js';

export const CSRF_HEADER = 'x-csrf-token';

export interface AdminAuth {
  moderator: { id: number; email: string; name: string; role: Role; locale: string };
  /** The sites the caller may see; null means every site (admins). */
  siteIds: readonly number[] | null;
  csrfToken: string;
  tokenHash: string;
}

export interface AdminEnv {
  Variables: { auth: AdminAuth };
}

type Deps = Pick<AppDeps, 'db' | 'database' | 'hasher' | 'config' | 'now'>;

/** Loads the caller's session and sites into `auth`, or answers 401. */
export async function authenticate(deps: Deps, c: Context): Promise<AdminAuth | null> {
  const session = await findActiveSession(deps, readSessionCookie(c));
  if (!session) return null;
  const m = session.moderator;
  const role: Role = m.role === 'admin' ? 'admin' : 'moderator';
  return {
    moderator: { id: m.id, email: m.email, name: m.name, role, locale: m.locale },
    siteIds: role === 'admin' ? null : (session.siteIds ?? []),
    csrfToken: session.csrfToken,
    tokenHash: session.tokenHash,
  };
}

export function requireModerator(deps: Deps): MiddlewareHandler<AdminEnv> {
  return async function requireSession(c, next) {
    const auth = await authenticate(deps, c);
    if (!auth) throw new AppError('UNAUTHORIZED', 'Log in first.');
    c.set('auth', auth);
    // Admin answers carry other people's data: no cache anywhere may keep them. Set before next(), as
    // in app.ts: set after, it made Hono rebuild every admin answer around a stream that the node
    // adapter then read chunk by chunk (a sixth of a moderator action's CPU, --cpu-prof).
    c.header('Cache-Control', 'no-store');
    await next();
    // Routers that return a Response of their own did not take the header above.
    if (c.res.headers.get('cache-control') !== 'no-store') c.res.headers.set('Cache-Control', 'no-store');
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when a request's Origin (if any) is Parley's own: the configured public URL, or the origin
 * the request itself was addressed to (a page served by this server at another name, e.g.
 * 127.0.0.1 when PUBLIC_URL says localhost). A cross-site page cannot make a browser send either.
 */
export function sameOrigin(c: Context, publicUrl: string): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  if (origin === new URL(publicUrl).origin) return true;
  try {
    return origin === new URL(c.req.url).origin;
  } catch {
    return false;
  }
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses state-changing requests without the session's CSRF token or from a foreign Origin. */
export function requireCsrf(deps: Pick<AppDeps, 'config'>): MiddlewareHandler<AdminEnv> {
  return async function checkCsrf(c, next) {
    if (!SAFE_METHODS.has(c.req.method)) {
      const given = c.req.header(CSRF_HEADER) ?? '';
      if (!sameOrigin(c, deps.config.publicUrl) || !tokensEqual(given, c.get('auth').csrfToken)) {
        throw new AppError('CSRF_FAILED', 'This request did not come from the admin page; reload it and try again.');
      }
    }
    await next();
  };
}
