// Admin login, logout and "who am I". Login is the one admin call that needs no session.
import { createRoute, z } from '@hono/zod-openapi';
import { asc, inArray } from 'drizzle-orm';
import { sites } from '../db/schema.js';
import { login } from '../auth/login.js';
import { sameOrigin, type AdminEnv } from '../auth/middleware.js';
import { clearSessionCookie, deleteSession, readSessionCookie, writeSessionCookie } from '../auth/sessions.js';
import { ModeratorSchema, toModerator } from '../admin/dto.js';
import { ErrorSchema } from '../comments/dto.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { resolveClientIp } from '../lib/client-ip.js';
import { createRouter } from '../lib/openapi.js';
import { adminErrors, body, json } from './admin-shared.js';

const loginRoute = createRoute({
  method: 'post',
  path: '/admin/login',
  summary: 'Log in; sets the parley_session cookie and returns the CSRF token for later writes',
  request: body(z.object({ email: z.string().max(320), password: z.string().max(1000) }).openapi('LoginInput')),
  responses: {
    200: json(z.object({ moderator: ModeratorSchema, csrfToken: z.string() }), 'Logged in'),
    401: json(ErrorSchema, 'INVALID_CREDENTIALS (the same for an unknown email and a wrong password)'),
    403: json(ErrorSchema, 'ACCOUNT_DISABLED, or CSRF_FAILED for a foreign Origin'),
    422: adminErrors[422],
    429: json(ErrorSchema, 'LOGIN_LOCKED after repeated failures (retryAfter seconds)'),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/admin/me',
  summary: 'The logged-in moderator, the CSRF token and the sites they can work on',
  responses: {
    200: json(
      z.object({ moderator: ModeratorSchema, csrfToken: z.string(), sites: z.array(z.object({ slug: z.string(), name: z.string() })) }),
      'The session',
    ),
    401: adminErrors[401],
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/admin/logout',
  summary: 'End the session',
  responses: { 204: { description: 'Logged out' }, 401: adminErrors[401], 403: adminErrors[403] },
});

/** The login route; it is mounted before the session guard. */
export function createAdminLoginRouter(deps: AppDeps) {
  const app = createRouter();
  app.openapi(loginRoute, async (c) => {
    // Login CSRF: another site must not be able to log a browser into an account of its choosing.
    if (!sameOrigin(c, deps.config.publicUrl)) throw new AppError('CSRF_FAILED', 'Log in from the admin page.');
    const { email, password } = c.req.valid('json');
    const previous = readSessionCookie(c);
    const result = await login(deps, {
      email,
      password,
      ip: resolveClientIp(c, deps.config.PARLEY_TRUST_PROXY_HOPS),
      userAgent: c.req.header('user-agent'),
    });
    if (previous) await deleteSession(deps.db, deps.hasher.hashToken(previous));
    writeSessionCookie(c, deps.config, result.token);
    c.header('Cache-Control', 'no-store');
    return c.json({ moderator: toModerator(result.moderator), csrfToken: result.csrfToken }, 200);
  });
  return app;
}

export function createAdminSessionRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();

  app.openapi(meRoute, async (c) => {
    const auth = c.get('auth');
    const rows = auth.siteIds !== null && auth.siteIds.length === 0
      ? []
      : await deps.db
          .select({ slug: sites.slug, name: sites.name })
          .from(sites)
          .where(auth.siteIds === null ? undefined : inArray(sites.id, [...auth.siteIds]))
          .orderBy(asc(sites.slug));
    return c.json(
      { moderator: auth.moderator, csrfToken: auth.csrfToken, sites: rows.map((r) => ({ slug: r.slug, name: r.name })) },
      200,
    );
  });

  app.openapi(logoutRoute, async (c) => {
    await deleteSession(deps.db, c.get('auth').tokenHash);
    clearSessionCookie(c, deps.config);
    return c.body(null, 204) as never;
  });

  return app;
}
