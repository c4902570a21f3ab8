// The audit log route: who did what, when, from which status to which, and why.
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import { listAudit, listAuditActors } from '../admin/audit.js';
import { AuditEntrySchema } from '../admin/dto.js';
import type { AppDeps } from '../deps.js';
import { isStorableDate } from '../lib/dates.js';
import { createRouter } from '../lib/openapi.js';
import { SiteFilter, adminErrors, json } from './admin-shared.js';

// Years 1 to 9999 only: the database refuses the ISO form of other dates (lib/dates.ts).
const StoredDate = z.iso
  .datetime({ offset: true })
  .refine((value) => isStorableDate(new Date(value)), 'Use a date between the years 1 and 9999');

const listRoute = createRoute({
  method: 'get',
  path: '/admin/audit',
  summary: 'Audit entries, newest first (moderators: their sites only)',
  request: {
    query: z.object({
      site: SiteFilter,
      commentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
      actor: z.string().min(1).max(320).optional().openapi({ description: 'A moderator id or email' }),
      action: z.string().min(1).max(64).optional().openapi({ description: 'e.g. approve, reject, ban, site.update; author.* for a family' }),
      article: z.string().min(1).max(2048).optional().openapi({ description: "An article's key or canonical URL, or #id" }),
      from: StoredDate.optional().openapi({ description: 'Entries at or after this time' }),
      to: StoredDate.optional().openapi({ description: 'Entries before this time' }),
      cursor: z.string().regex(/^\d{1,18}$/, 'cursor must come from nextCursor').optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: { 200: json(z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }), 'Entries'), ...adminErrors },
});

const actorsRoute = createRoute({
  method: 'get',
  path: '/admin/audit/actors',
  summary: "Moderators who appear in the log of the caller's sites (for the log's filter)",
  request: { query: z.object({ site: SiteFilter }) },
  responses: { 200: json(z.object({ actors: z.array(z.object({ id: z.number().int(), name: z.string(), email: z.string() })) }), 'Moderators'), ...adminErrors },
});

export function createAdminAuditRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();
  app.openapi(actorsRoute, async (c) => c.json({ actors: await listAuditActors(deps, c.get('auth'), c.req.valid('query').site) }, 200));
  app.openapi(listRoute, async (c) => c.json(await listAudit(deps, c.get('auth'), c.req.valid('query')), 200));
  return app;
}
