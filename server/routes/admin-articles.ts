// Per-story routes: the stories list with held and reported counts, one story, its switches, and a comment in its thread.
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import { getArticle, getThread, listArticles, patchArticle } from '../admin/articles.js';
import { ModeratorCommentSchema } from '../admin/dto.js';
import type { AppDeps } from '../deps.js';
import { createRouter } from '../lib/openapi.js';
import { IdParam, SiteFilter, adminErrors, body, json } from './admin-shared.js';

const ArticleSchema = z
  .object({
    id: z.number().int(),
    site: z.string(),
    key: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    closed: z.boolean(),
    premod: z.boolean().openapi({ description: 'Every new comment on this story waits for review' }),
    commentCount: z.number().int(),
    pending: z.number().int(),
    reported: z.number().int(),
    lastCommentAt: z.string().nullable(),
  })
  .openapi('AdminArticle');

const listRoute = createRoute({
  method: 'get',
  path: '/admin/articles',
  summary: 'Stories commented on in the last 30 days or with comments waiting, busiest (latest comment) first',
  request: {
    query: z.object({
      site: SiteFilter,
      q: z.string().max(200).optional().openapi({ description: 'Title or key contains' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: { 200: json(z.object({ articles: z.array(ArticleSchema) }), 'Stories'), ...adminErrors },
});

const getRoute = createRoute({
  method: 'get',
  path: '/admin/articles/{id}',
  summary: 'One story with its counts and switches',
  request: { params: IdParam },
  responses: { 200: json(z.object({ article: ArticleSchema }), 'The story'), ...adminErrors },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/admin/articles/{id}',
  summary: "A story's switches (close comments, pre-moderate every new comment), and its title and link as a moderator corrects them",
  request: {
    params: IdParam,
    ...body(
      z
        .object({
          closed: z.boolean().optional(),
          premod: z.boolean().optional(),
          title: z.string().max(2000).nullable().optional().openapi({ description: 'One line, at most 300 characters; null or empty clears it' }),
          url: z
            .string()
            .max(2048)
            .nullable()
            .optional()
            .openapi({ description: "http(s), on one of the site's allowed origins, and the article's key when the key is a URL; null or empty clears it" }),
        })
        .strict()
        .openapi('ArticlePatch'),
    ),
  },
  responses: { 200: json(z.object({ article: ArticleSchema, undo: z.string().nullable() }), 'The story afterwards; `undo` undoes the change'), ...adminErrors },
});

const threadRoute = createRoute({
  method: 'get',
  path: '/admin/comments/{id}/thread',
  summary: 'A comment in its thread: ancestors, nearby siblings, replies (every status), and its link on the article page',
  request: { params: IdParam },
  responses: {
    200: json(
      z.object({
        comment: ModeratorCommentSchema,
        ancestors: z.array(ModeratorCommentSchema),
        siblingsBefore: z.array(ModeratorCommentSchema),
        siblingsAfter: z.array(ModeratorCommentSchema),
        replies: z.array(ModeratorCommentSchema),
        permalink: z.string().nullable().openapi({ description: 'The article URL with #parley-comment-ID' }),
      }),
      'The thread around the comment',
    ),
    ...adminErrors,
  },
});

export function createAdminArticlesRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();
  app.openapi(listRoute, async (c) => c.json({ articles: await listArticles(deps, c.get('auth'), c.req.valid('query')) }, 200));
  app.openapi(getRoute, async (c) => c.json({ article: await getArticle(deps, c.get('auth'), c.req.valid('param').id) }, 200));
  app.openapi(patchRoute, async (c) => c.json(await patchArticle(deps, c.get('auth'), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(threadRoute, async (c) => c.json(await getThread(deps, c.get('auth'), c.req.valid('param').id), 200));
  return app;
}
