// Admin comment routes: queues, counts, a comment in context, actions (single and bulk), replies.
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import { ACTIONS, BULK_MAX, actInBulk, actOnComment } from '../admin/actions.js';
import { ModeratorCommentSchema } from '../admin/dto.js';
import { COMMENT_STATUSES } from '../db/schema.js';
import { ErrorSchema } from '../comments/dto.js';
import { COUNT_CAP, QUEUES, countQueues, getCommentInContext, listQueue } from '../admin/queue.js';
import { replyToComment } from '../admin/reply.js';
import { attachAuthorSummaries } from '../admin/authors.js';
import { attachReports } from '../admin/reports.js';
import type { AppDeps } from '../deps.js';
import { resolveClientIp } from '../lib/client-ip.js';
import { createRouter } from '../lib/openapi.js';
import { IdParam, Reason, SiteFilter, adminErrors, body, json } from './admin-shared.js';

const QueueQuery = z.object({
  queue: z.enum(QUEUES).default('pending'),
  site: SiteFilter,
  article: z.string().min(1).max(2048).optional().openapi({ description: "The publisher's article id or canonical URL" }),
  email: z.string().min(1).max(320).optional().openapi({ description: 'Author email (exact, case-insensitive)' }),
  q: z.string().max(200).optional().openapi({ description: 'Text the comment contains' }),
  sort: z.enum(['oldest', 'newest']).default('oldest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const listRoute = createRoute({
  method: 'get',
  path: '/admin/comments',
  summary: 'A queue page, oldest first by default; without `site`, every site of the caller',
  request: { query: QueueQuery },
  responses: {
    200: json(z.object({ comments: z.array(ModeratorCommentSchema), nextCursor: z.string().nullable() }), 'A page of the queue'),
    ...adminErrors,
  },
});

const CountsSchema = z.object({
  pending: z.number().int(),
  reported: z.number().int(),
  spam: z.number().int(),
  rejected: z.number().int(),
  approved: z.number().int(),
});

const countsRoute = createRoute({
  method: 'get',
  path: '/admin/queues/counts',
  summary: `Comments per queue; a count equal to cap (${COUNT_CAP}) means that many or more`,
  request: { query: z.object({ site: SiteFilter }) },
  responses: { 200: json(z.object({ counts: CountsSchema, cap: z.number().int() }), 'Counts'), ...adminErrors },
});

const HistorySchema = z.object({ approved: z.number().int(), pending: z.number().int(), rejected: z.number().int(), spam: z.number().int() });

const getRoute = createRoute({
  method: 'get',
  path: '/admin/comments/{id}',
  summary: "A comment in context: its parent, its article and the author's history on the site",
  request: { params: IdParam },
  responses: {
    200: json(
      z.object({
        comment: ModeratorCommentSchema,
        parent: ModeratorCommentSchema.nullable(),
        article: z.object({ id: z.number().int(), key: z.string(), url: z.string().nullable(), title: z.string().nullable() }),
        history: HistorySchema,
        sharedAddress: z.number().int().openapi({ description: 'Other authors who commented from the same address in the last 30 days' }),
        permalink: z.string().nullable().openapi({ description: 'The article URL with #parley-comment-ID' }),
      }),
      'The comment',
    ),
    ...adminErrors,
  },
});

const Undo = z.string().nullable().openapi({ description: 'POST it to /admin/undo to undo this action; null when nothing changed' });

const ActionInput = z
  .object({
    action: z.enum(ACTIONS).openapi({ description: "restore = back to pending; delete = soft delete; feature / unfeature = an editor's pick (published comments); dismiss = the readers' reports, the comment left as it is" }),
    reason: Reason,
    from: z
      .enum(COMMENT_STATUSES)
      .optional()
      .openapi({ description: 'The status the moderator saw. If the comment is no longer in it (another moderator acted first), 409 CONFLICT with its status now, and nothing changes' }),
  })
  .openapi('ModerationAction');

const actionRoute = createRoute({
  method: 'post',
  path: '/admin/comments/{id}/actions',
  summary: 'Approve, reject, mark as spam, restore or delete a comment (approving a reported comment dismisses its reports)',
  request: { params: IdParam, ...body(ActionInput) },
  responses: {
    200: json(z.object({ comment: ModeratorCommentSchema, undo: Undo }), 'The comment afterwards'),
    409: json(ErrorSchema, 'CONFLICT: the comment changed meanwhile, or was erased'),
    ...adminErrors,
  },
});

const BulkInput = z
  .object({
    ids: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(BULK_MAX),
    action: z.enum(ACTIONS),
    reason: Reason,
    from: z
      .record(z.string().regex(/^[1-9][0-9]{0,15}$/, 'Keys are comment ids.'), z.enum(COMMENT_STATUSES))
      .optional()
      .openapi({
        description:
          'The status the moderator saw, per comment id (keys are ids from `ids`). A comment no longer in it (another moderator acted first) is skipped and listed in `conflicts`; ids without an entry are acted on as before',
        example: { '12': 'pending', '13': 'approved' },
      }),
  })
  .superRefine((input, ctx) => {
    const ids = new Set(input.ids);
    for (const key of Object.keys(input.from ?? {})) {
      if (!ids.has(Number(key))) ctx.addIssue({ code: 'custom', path: ['from', key], message: 'Not one of the ids.' });
    }
  })
  .openapi('BulkAction');

const BulkConflictSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(COMMENT_STATUSES).openapi({ description: 'Its status now' }),
    moderatedBy: z.string().nullable().openapi({ description: 'The name of the moderator who decided, when one did' }),
  })
  .openapi('BulkConflict');

const bulkRoute = createRoute({
  method: 'post',
  path: '/admin/comments/bulk',
  summary: `One action on up to ${BULK_MAX} comments, in one transaction`,
  request: body(BulkInput),
  responses: {
    200: json(
      z.object({
        updated: z.number().int(),
        skipped: z.array(z.number().int()).openapi({ description: 'Unknown, not yours, already in that state, or in `conflicts`' }),
        conflicts: z.array(BulkConflictSchema).openapi({ description: 'Skipped because their status is no longer the one given in `from`' }),
        undo: Undo,
      }),
      'What changed and what was left as it is',
    ),
    ...adminErrors,
  },
});

const replyRoute = createRoute({
  method: 'post',
  path: '/admin/comments/{id}/reply',
  summary: "A moderator's reply to an approved comment, posted under the moderator's name",
  request: { params: IdParam, ...body(z.object({ body: z.string().max(200_000) }).openapi('ModeratorReply')) },
  responses: {
    201: json(z.object({ comment: ModeratorCommentSchema }), 'Published'),
    202: json(z.object({ comment: ModeratorCommentSchema }), 'Held by a content rule (links, words, toxicity)'),
    ...adminErrors,
  },
});

export function createAdminCommentsRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();

  app.openapi(listRoute, async (c) => {
    const page = await listQueue(deps, c.get('auth'), c.req.valid('query'));
    const comments = await attachReports(deps.db, await attachAuthorSummaries(deps.db, page.comments, deps.now()));
    return c.json({ ...page, comments }, 200);
  });

  app.openapi(countsRoute, async (c) => {
    const counts = await countQueues(deps, c.get('auth'), c.req.valid('query').site);
    return c.json({ counts, cap: COUNT_CAP }, 200);
  });

  // Registered before /admin/comments/{id}/... so "bulk" is never read as an id.
  app.openapi(bulkRoute, async (c) => {
    const { ids, action, reason, from } = c.req.valid('json');
    const seen = new Map(Object.entries(from ?? {}).map(([id, status]) => [Number(id), status]));
    const r = await actInBulk(deps, c.get('auth'), ids, action, reason || null, seen);
    return c.json({ updated: r.updated, skipped: r.skipped, conflicts: r.conflicts.map((x) => ({ id: x.id, status: x.status, moderatedBy: x.moderatedBy })), undo: r.undo }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const result = await getCommentInContext(deps, c.get('auth'), c.req.valid('param').id);
    const [comment] = await attachReports(deps.db, await attachAuthorSummaries(deps.db, [result.comment], deps.now()));
    return c.json({ ...result, comment: comment! }, 200);
  });

  app.openapi(actionRoute, async (c) => {
    const { action, reason, from } = c.req.valid('json');
    const result = await actOnComment(deps, c.get('auth'), c.req.valid('param').id, action, reason || null, from);
    return c.json(result, 200);
  });

  app.openapi(replyRoute, async (c) => {
    const result = await replyToComment(deps, c.get('auth'), {
      id: c.req.valid('param').id,
      body: c.req.valid('json').body,
      ip: resolveClientIp(c, deps.config.PARLEY_TRUST_PROXY_HOPS),
      userAgent: c.req.header('user-agent'),
    });
    return c.json({ comment: result.comment }, result.published ? 201 : 202);
  });

  return app;
}
