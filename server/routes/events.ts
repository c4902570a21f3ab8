// Server-sent events for readers: newly approved comments, removals and version changes in one article's thread.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { normalizeArticleKey } from '../comments/article-key.js';
import { requireSite } from '../sites/store.js';
import { sseResponse } from '../events/stream.js';
import { resolveClientIp } from '../lib/client-ip.js';

export function createEventsRouter(deps: AppDeps) {
  const app = new Hono();
  app.get('/sites/:site/articles/:article/events', async (c) => {
    const site = await requireSite(deps, c.req.param('site'));
    const key = normalizeArticleKey(c.req.param('article'));
    if (!key) throw new AppError('ARTICLE_NOT_FOUND', 'No such article.');
    const address = resolveClientIp(c, deps.config.PARLEY_TRUST_PROXY_HOPS);
    return sseResponse(c, await deps.streams.openArticle(site.id, key, address));
  });
  return app;
}
