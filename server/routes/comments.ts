// The public comments API (v1): posting, the author's edit and delete, reports, counts, site config.
// Thread reads are threads/route.ts.
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import { resolveClientIp } from '../lib/client-ip.js';
import { createRouter } from '../lib/openapi.js';
import {
  ArticleParams,
  CommentEditInput,
  CommentInput,
  CommentParams,
  ErrorSchema,
  PostResultSchema,
  PublicCommentSchema,
  ReportInput,
  SiteParams,
} from '../comments/dto.js';
import { getCounts } from '../comments/counts.js';
import { issueFormToken } from '../comments/form-token.js';
import { findNotices } from '../comments/notices.js';
import { deleteOwnComment, editComment } from '../comments/own.js';
import { submitComment } from '../comments/submit.js';
import { requireSite } from '../sites/store.js';
import { reportComment } from '../moderation/reports.js';
import { reactToComment } from '../comments/reactions.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const errors = {
  400: json(ErrorSchema, 'Malformed request'),
  403: json(ErrorSchema, 'Closed article, banned author, or origin not allowed'),
  404: json(ErrorSchema, 'Unknown site, article or comment'),
  422: json(ErrorSchema, 'Invalid fields (each named), invalid parent, or toxicity nudge'),
};
const AUTHOR_TOKEN = 'x-parley-author-token';

const postRoute = createRoute({
  method: 'post',
  path: '/sites/{site}/articles/{article}/comments',
  summary: 'Post a comment or a reply',
  request: { params: ArticleParams, body: { content: { 'application/json': { schema: CommentInput } }, required: true } },
  responses: {
    201: json(PostResultSchema, 'Published'),
    202: json(PostResultSchema, 'Held for moderation'),
    409: json(ErrorSchema, 'Duplicate comment'),
    413: json(ErrorSchema, 'Body too large'),
    415: json(ErrorSchema, 'Not JSON'),
    429: json(ErrorSchema, 'Posting too fast (Retry-After)'),
    ...errors,
  },
});

const editRoute = createRoute({
  method: 'patch',
  path: '/sites/{site}/articles/{article}/comments/{id}',
  summary: 'Edit your own comment within the edit window (author token required)',
  request: { params: CommentParams, body: { content: { 'application/json': { schema: CommentEditInput } }, required: true } },
  responses: { 200: json(z.object({ comment: PublicCommentSchema }), 'Edited'), ...errors },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/sites/{site}/articles/{article}/comments/{id}',
  summary: 'Delete your own comment within the edit window (author token required)',
  request: { params: CommentParams },
  responses: { 204: { description: 'Deleted' }, ...errors },
});

const reportRoute = createRoute({
  method: 'post',
  path: '/sites/{site}/articles/{article}/comments/{id}/reports',
  summary: 'Report a comment to the moderators (once per reader)',
  request: { params: CommentParams, body: { content: { 'application/json': { schema: ReportInput } }, required: true } },
  responses: { 202: json(z.object({ ok: z.literal(true) }), 'Recorded'), 409: json(ErrorSchema, 'Already reported'), ...errors },
});

const reactRoute = createRoute({
  method: 'post',
  path: '/sites/{site}/articles/{article}/comments/{id}/reactions',
  summary: "React to a comment (the site's word: Respect or Like): once per reader and address; again is a no-op",
  request: { params: CommentParams },
  responses: {
    200: json(z.object({ count: z.number().int(), counted: z.boolean() }), "The comment's count; counted false when this reader had reacted already"),
    429: json(ErrorSchema, 'Too many reactions from this address (Retry-After)'),
    ...errors,
  },
});

const countsRoute = createRoute({
  method: 'get',
  path: '/sites/{site}/counts',
  summary: 'Approved-comment counts for index pages',
  request: {
    params: SiteParams,
    query: z.object({ article: z.union([z.string().max(2048), z.array(z.string().max(2048)).max(100)]).optional() }),
  },
  responses: { 200: json(z.object({ counts: z.record(z.string(), z.number().int()) }), 'Counts by article id'), ...errors },
});

const configRoute = createRoute({
  method: 'get',
  path: '/sites/{site}/config',
  summary: 'What the widget needs to know about a site',
  request: { params: SiteParams },
  responses: {
    200: json(
      z.object({
        site: z.object({
          slug: z.string(),
          name: z.string(),
          locale: z.string(),
          requireEmail: z.boolean(),
          maxBodyChars: z.number().int(),
          editWindowSeconds: z.number().int(),
          maxDepth: z.number().int(),
          notify: z.boolean().openapi({ description: 'Reply notifications by email are available (the widget offers the opt-in)' }),
          reactions: z.enum(['respect', 'like', 'off']).openapi({ description: "The readers' reaction the site uses, or off" }),
          defaultSort: z.enum(['oldest', 'newest', 'best']),
          picksTab: z.boolean().openapi({ description: "The widget offers an \"Editor's picks\" order" }),
        }),
      }),
      'Public site settings',
    ),
    ...errors,
  },
});

const NoticeSchema = z
  .object({
    type: z.enum(['suspended', 'banned', 'warning']),
    until: z.string().optional().openapi({ description: 'When a suspension or ban ends' }),
    note: z.string().optional().openapi({ description: "The moderators' message to the author" }),
  })
  .openapi('Notice');

const noticesRoute = createRoute({
  method: 'get',
  path: '/sites/{site}/notices',
  summary: "What the moderators told this author (by X-Parley-Author-Token): a suspension or ban in force, a warning (shown once)",
  request: { params: SiteParams },
  responses: { 200: json(z.object({ notices: z.array(NoticeSchema) }), 'Notices, often none'), ...errors },
});

const formTokenRoute = createRoute({
  method: 'get',
  path: '/sites/{site}/form-token',
  summary: 'A signed token proving when the comment form was shown',
  request: { params: SiteParams },
  responses: { 200: json(z.object({ token: z.string() }), 'Token'), ...errors },
});

export function createCommentsRouter(deps: AppDeps) {
  const app = createRouter();

  app.openapi(postRoute, async (c) => {
    const { site, article } = c.req.valid('param');
    const result = await submitComment(deps, {
      site,
      article,
      input: c.req.valid('json'),
      ip: resolveClientIp(c, deps.config.PARLEY_TRUST_PROXY_HOPS),
      userAgent: c.req.header('user-agent'),
      authorToken: c.req.header(AUTHOR_TOKEN),
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ comment: result.comment, authorToken: result.authorToken }, result.published ? 201 : 202);
  });

  app.openapi(editRoute, async (c) => {
    const { site, article, id } = c.req.valid('param');
    const comment = await editComment(deps, {
      site,
      article,
      id,
      authorToken: c.req.header(AUTHOR_TOKEN),
      body: c.req.valid('json').body,
      ip: resolveClientIp(c, deps.config.PARLEY_TRUST_PROXY_HOPS),
    });
    return c.json({ comment }, 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const { site, article, id } = c.req.valid('param');
    await deleteOwnComment(deps, { site, article, id, authorToken: c.req.header(AUTHOR_TOKEN) });
    return c.body(null, 204) as never;
  });

  app.openapi(reportRoute, async (c) => {
    const { site, article, id } = c.req.valid('param');
    const { reason, note } = c.req.valid('json');
    await reportComment(deps, {
      site,
      article,
      id,
      reason,
      note,
      authorToken: c.req.header(AUTHOR_TOKEN),
      ip: resolveClientIp(c, deps.config.PARLEY_TRUST_PROXY_HOPS),
    });
    return c.json({ ok: true as const }, 202);
  });

  app.openapi(reactRoute, async (c) => {
    const { site, article, id } = c.req.valid('param');
    const result = await reactToComment(deps, {
      site,
      article,
      id,
      authorToken: c.req.header(AUTHOR_TOKEN),
      ip: resolveClientIp(c, deps.config.PARLEY_TRUST_PROXY_HOPS),
    });
    c.header('Cache-Control', 'no-store');
    return c.json(result, 200);
  });

  app.openapi(countsRoute, async (c) => {
    const { site } = c.req.valid('param');
    const raw = c.req.valid('query').article;
    const keys = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const counts = await getCounts(deps, site, keys);
    c.header('Cache-Control', 'public, max-age=30, s-maxage=30');
    return c.json({ counts }, 200);
  });

  app.openapi(configRoute, async (c) => {
    const site = await requireSite(deps, c.req.valid('param').site);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(
      {
        site: {
          slug: site.slug,
          name: site.name,
          locale: site.locale,
          requireEmail: site.settings.requireEmail,
          maxBodyChars: site.settings.maxBodyChars,
          editWindowSeconds: site.settings.editWindowSeconds,
          maxDepth: site.settings.maxDepth,
          notify: deps.mailer.enabled,
          reactions: site.settings.reactions,
          defaultSort: site.settings.defaultSort,
          picksTab: site.settings.picksTab,
        },
      },
      200,
    );
  });

  app.openapi(noticesRoute, async (c) => {
    const notices = await findNotices(deps, { site: c.req.valid('param').site, authorToken: c.req.header(AUTHOR_TOKEN) });
    c.header('Cache-Control', 'private, no-store');
    return c.json({ notices }, 200);
  });

  app.openapi(formTokenRoute, async (c) => {
    const site = await requireSite(deps, c.req.valid('param').site);
    c.header('Cache-Control', 'no-store');
    return c.json({ token: issueFormToken(deps, site) }, 200);
  });

  return app;
}
