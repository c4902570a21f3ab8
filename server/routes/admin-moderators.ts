// Admin account routes (admins only): list, create, edit (role, sites, disable, password).
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import { LOCALES, ROLES } from '../auth/accounts.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { ModeratorAccountSchema } from '../admin/dto.js';
import { clearLoginThrottle, createModerator, listAccounts, updateModerator } from '../admin/moderators.js';
import type { AppDeps } from '../deps.js';
import { createRouter } from '../lib/openapi.js';
import { IdParam, adminErrors, body, conflict, json } from './admin-shared.js';

const Password = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);
const Sites = z.array(z.string().min(1).max(64)).max(1000);

const listRoute = createRoute({
  method: 'get',
  path: '/admin/moderators',
  summary: 'Every account (admins)',
  responses: { 200: json(z.object({ moderators: z.array(ModeratorAccountSchema) }), 'Accounts'), ...adminErrors },
});

const createModeratorRoute = createRoute({
  method: 'post',
  path: '/admin/moderators',
  summary: 'Create an account (admins)',
  request: body(
    z
      .object({
        email: z.string().max(320),
        name: z.string().trim().min(1).max(80),
        password: Password,
        role: z.enum(ROLES),
        locale: z.enum(LOCALES).optional(),
        sites: Sites.default([]),
      })
      .openapi('ModeratorInput'),
  ),
  responses: { 201: json(z.object({ moderator: ModeratorAccountSchema }), 'Created'), 409: conflict('the email is taken, or this is the last active admin'), ...adminErrors },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/admin/moderators/{id}',
  summary: 'Edit an account (admins); disabling it or changing its password ends its sessions',
  request: {
    params: IdParam,
    ...body(
      z
        .object({
          name: z.string().trim().min(1).max(80).optional(),
          role: z.enum(ROLES).optional(),
          locale: z.enum(LOCALES).optional(),
          sites: Sites.optional(),
          disabled: z.boolean().optional(),
          password: Password.optional(),
        })
        .openapi('ModeratorPatch'),
    ),
  },
  responses: { 200: json(z.object({ moderator: ModeratorAccountSchema }), 'Updated'), 409: conflict('the email is taken, or this is the last active admin'), ...adminErrors },
});

const clearThrottleRoute = createRoute({
  method: 'delete',
  path: '/admin/moderators/{id}/login-throttle',
  summary: "Clear an account's login throttling (admins): its locks from every address and its slow-down",
  request: { params: IdParam },
  responses: {
    200: json(z.object({ moderator: ModeratorAccountSchema, cleared: z.number().int().openapi({ description: 'Counters removed' }) }), 'Cleared'),
    ...adminErrors,
  },
});

export function createAdminModeratorsRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();

  app.openapi(listRoute, async (c) => c.json({ moderators: await listAccounts(deps, c.get('auth')) }, 200));

  app.openapi(createModeratorRoute, async (c) => {
    const moderator = await createModerator(deps, c.get('auth'), c.req.valid('json'));
    return c.json({ moderator }, 201);
  });

  app.openapi(clearThrottleRoute, async (c) => c.json(await clearLoginThrottle(deps, c.get('auth'), c.req.valid('param').id), 200));

  app.openapi(patchRoute, async (c) => {
    const moderator = await updateModerator(deps, c.get('auth'), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ moderator }, 200);
  });

  return app;
}
