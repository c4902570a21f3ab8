// Admin ban routes: list, create (by comment, email, IP hash or domain), lift.
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import { createBans, deleteBan, listBans } from '../admin/bans.js';
import { BanSchema } from '../admin/dto.js';
import type { AppDeps } from '../deps.js';
import { createRouter } from '../lib/openapi.js';
import { IdParam, Reason, SiteFilter, adminErrors, body, conflict, json } from './admin-shared.js';

const listRoute = createRoute({
  method: 'get',
  path: '/admin/bans',
  summary: 'Bans in force on the caller’s sites',
  request: { query: z.object({ site: SiteFilter }) },
  responses: { 200: json(z.object({ bans: z.array(BanSchema) }), 'Bans'), ...adminErrors },
});

const BanInput = z
  .object({
    site: z.string().min(1).max(64),
    commentId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().openapi({ description: "Ban this comment's author (see `by`)" }),
    by: z
      .array(z.enum(['email', 'ip']))
      .min(1)
      .max(2)
      .optional()
      .openapi({ description: "With commentId: ban the comment's email (the default), its address, or both" }),
    email: z.string().max(320).optional(),
    ipHash: z.string().max(64).optional().openapi({ description: 'The IP hash shown with a comment (its 12-character prefix is enough)' }),
    domain: z.string().max(253).optional().openapi({ description: 'An email domain, e.g. spam.example' }),
    reason: Reason,
    message: z.string().trim().max(500).optional().openapi({ description: 'Shown to the banned author when they try to comment' }),
    expiresAt: z.string().max(40).optional().openapi({ description: 'ISO date-time; absent = forever' }),
    rejectPending: z.boolean().optional().openapi({ description: "Also reject the banned authors' held comments on this site" }),
    confirmShared: z
      .boolean()
      .optional()
      .openapi({ description: 'Ban an address that more than one author used in the last 30 days (otherwise 409 SHARED_ADDRESS with `others`)' }),
  })
  .openapi('BanInput');

const createBanRoute = createRoute({
  method: 'post',
  path: '/admin/bans',
  summary: 'Ban authors on a site',
  request: body(BanInput),
  responses: {
    201: json(z.object({ bans: z.array(BanSchema), rejected: z.number().int(), undo: z.string() }), 'Created; `undo` undoes the ban and the rejections'),
    409: conflict('SHARED_ADDRESS: other authors used the address in the last 30 days; `others` says how many'),
    ...adminErrors,
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/admin/bans/{id}',
  summary: 'Lift a ban',
  request: { params: IdParam },
  responses: { 200: json(z.object({ undo: z.string() }), 'Lifted; `undo` puts it back'), ...adminErrors },
});

export function createAdminBansRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();

  app.openapi(listRoute, async (c) => {
    return c.json({ bans: await listBans(deps, c.get('auth'), c.req.valid('query').site) }, 200);
  });

  app.openapi(createBanRoute, async (c) => {
    const result = await createBans(deps, c.get('auth'), c.req.valid('json'));
    return c.json(result, 201);
  });

  app.openapi(deleteRoute, async (c) => {
    return c.json(await deleteBan(deps, c.get('auth'), c.req.valid('param').id), 200);
  });

  return app;
}
