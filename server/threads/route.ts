// GET of a thread page through the app: validation, the author's private view, and every public
// read the edge (threads/edge.ts) cannot answer from memory yet.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ArticleParams, ErrorSchema, ThreadQuery, ThreadSchema } from '../comments/dto.js';
import type { AppDeps } from '../deps.js';
import { createRouter } from '../lib/openapi.js';
import type { CachedPage } from './cache.js';
import { createRankedCache, getRankedThread, getReactionCounts } from './ranked.js';
import { getThread } from './read.js';
import { pageBody, PUBLIC_CACHE, targetOf, THREAD_VARY } from './response.js';

const AUTHOR_TOKEN = 'x-parley-author-token';
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const threadRoute = createRoute({
  method: 'get',
  path: '/sites/{site}/articles/{article}/comments',
  summary: 'A thread page: approved comments (and, with an author token, the author’s held ones)',
  request: { params: ArticleParams, query: ThreadQuery },
  responses: {
    200: json(ThreadSchema, 'The thread, flat in display order'),
    304: { description: 'Not modified' },
    400: json(ErrorSchema, 'Malformed request'),
    403: json(ErrorSchema, 'Origin not allowed'),
    404: json(ErrorSchema, 'Unknown site or article'),
    422: json(ErrorSchema, 'Invalid query'),
  },
});

/** A public thread page (page null: 304 for a current ETag); the edge sends the same. */
function sendPublicPage(c: Context, etag: string, page: CachedPage | null): Response {
  c.header('ETag', etag);
  c.header('Cache-Control', PUBLIC_CACHE);
  c.header('Vary', THREAD_VARY);
  if (!page) return c.body(null, 304);
  c.header('Content-Type', 'application/json; charset=utf-8');
  const { body, gzip } = pageBody(page, c.req.header('accept-encoding'));
  if (gzip) c.header('Content-Encoding', 'gzip');
  return c.body(body as unknown as ArrayBuffer, 200);
}

const reactionsRoute = createRoute({
  method: 'get',
  path: '/sites/{site}/articles/{article}/reactions',
  summary: "Readers' reaction counts per published comment (only those above zero), with an ETag on the article's reactions",
  request: { params: ArticleParams },
  responses: {
    200: json(z.object({ counts: z.record(z.string(), z.number().int()) }), 'Counts by comment id'),
    304: { description: 'Not modified' },
    404: json(ErrorSchema, 'Unknown site'),
  },
});

export function createThreadRouter(deps: AppDeps) {
  const app = createRouter();
  const rankedCache = createRankedCache();
  app.openapi(reactionsRoute, async (c) => {
    const { etag, counts } = await getReactionCounts(deps, { ...c.req.valid('param'), ifNoneMatch: c.req.header('if-none-match') });
    c.header('ETag', etag);
    c.header('Cache-Control', PUBLIC_CACHE);
    c.header('Vary', 'Origin');
    if (!counts) return c.body(null, 304) as never;
    return c.json({ counts }, 200);
  });
  app.openapi(threadRoute, async (c) => {
    const { site, article } = c.req.valid('param');
    const query = c.req.valid('query');
    if (query.sort === 'best' || query.sort === 'picks') {
      // Ranked orders (ranked.ts): keyed on reactions too, so the edge never answers them.
      const ranked = await getRankedThread(
        { ...deps, rankedCache },
        { site, article, sort: query.sort, limit: query.limit, cursor: query.cursor, ifNoneMatch: c.req.header('if-none-match') },
      );
      return sendPublicPage(c, ranked.etag, ranked.page) as never;
    }
    const result = await getThread(deps, {
      site,
      article,
      query: { ...query, sort: query.sort },
      authorToken: c.req.header(AUTHOR_TOKEN),
      ifNoneMatch: c.req.header('if-none-match'),
    });
    if (result.kind === 'private') {
      c.header('Cache-Control', 'private, no-store');
      return c.json(result.data, 200);
    }
    // The edge answers this request target from memory from now on, while the page stays current.
    if (result.page) deps.threadCache.rememberUrl(targetOf(c.req.url), result.ref);
    return sendPublicPage(c, result.etag, result.page) as never;
  });
  return app;
}
