// The author view and per-author actions (hold, trust, suspend, warn), by comment or by email on a site.
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import { AUTHOR_ACTIONS, actOnAuthor, getAuthor, type AuthorRef } from '../admin/authors.js';
import { AuthorSummarySchema, BanSchema, ModeratorCommentSchema } from '../admin/dto.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { createRouter } from '../lib/openapi.js';
import { adminErrors, body, json } from './admin-shared.js';

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Who = {
  comment: Id.optional().openapi({ description: "The author of this comment (their email, or their author token when they gave none)" }),
  site: z.string().min(1).max(64).optional().openapi({ description: 'With email: the site' }),
  email: z.string().min(3).max(320).optional().openapi({ description: 'With site: the author with this email' }),
};

const StateSchema = z
  .object({
    mode: z.enum(['hold', 'trust']).nullable(),
    suspendedUntil: z.string().nullable(),
    suspensionMessage: z.string().nullable(),
    warning: z.string().nullable(),
    warnedAt: z.string().nullable(),
    warningSeenAt: z.string().nullable().openapi({ description: 'When the widget showed the warning to the author' }),
  })
  .openapi('AuthorState');

const getRoute = createRoute({
  method: 'get',
  path: '/admin/authors',
  summary: "An author on a site: comments in every status (newest first), counts, first and last seen, bans, the desk's decisions and their history",
  request: { query: z.object({ ...Who, cursor: z.string().regex(/^\d{1,18}$/).optional() }) },
  responses: {
    200: json(
      z.object({
        author: z.object({
          site: z.string(),
          email: z.string().nullable(),
          names: z.array(z.string()),
          summary: AuthorSummarySchema,
          sharedAddress: z.number().int().openapi({ description: 'Other authors who used their latest address in the last 30 days' }),
        }),
        state: StateSchema,
        bans: z.array(BanSchema),
        history: z.array(
          z.object({ id: z.number().int(), action: z.string(), by: z.string().nullable(), note: z.string().nullable(), createdAt: z.string(), details: z.record(z.string(), z.unknown()).nullable() }),
        ),
        comments: z.array(ModeratorCommentSchema),
        nextCursor: z.string().nullable(),
      }),
      'The author',
    ),
    ...adminErrors,
  },
});

const actionRoute = createRoute({
  method: 'post',
  path: '/admin/authors/actions',
  summary: 'Always hold, trust, treat normally, suspend (days, message), lift a suspension, or warn (message shown on their next visit)',
  request: body(
    z
      .object({
        comment: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
        site: z.string().min(1).max(64).optional(),
        email: z.string().min(3).max(320).optional(),
        action: z.enum(AUTHOR_ACTIONS),
        days: z.number().int().min(1).max(365).optional(),
        message: z.string().trim().max(1000).optional(),
      })
      .openapi('AuthorAction'),
  ),
  responses: { 200: json(z.object({ state: StateSchema, undo: z.string().nullable() }), 'The new state; `undo` undoes it'), ...adminErrors },
});

function refOf(q: { comment?: number; site?: string; email?: string }): AuthorRef {
  if (q.comment !== undefined) return { comment: q.comment };
  if (q.site !== undefined && q.email !== undefined) return { site: q.site, email: q.email };
  throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', {
    fields: [{ field: 'comment', code: 'required', message: 'Give a comment, or a site and an email.' }],
  });
}

export function createAdminAuthorsRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();

  app.openapi(getRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(await getAuthor(deps, c.get('auth'), refOf(q), q.cursor === undefined ? undefined : Number(q.cursor)), 200);
  });

  app.openapi(actionRoute, async (c) => {
    const input = c.req.valid('json');
    return c.json(await actOnAuthor(deps, c.get('auth'), refOf(input), input), 200);
  });

  return app;
}
