// Server-sent events for readers: newly approved comments and removals in one article's thread.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { normalizeArticleKey } from '../comments/article-key.js';
import { toPublicComment } from '../comments/dto.js';
import { findArticle, findComment } from '../comments/store.js';
import { requireSite } from '../sites/store.js';
import type { ParleyEvent } from '../events/bus.js';

const KEEPALIVE_MS = 25_000;

export function createEventsRouter(deps: AppDeps) {
  const app = new Hono();
  // Every open stream of an article wants the same newly approved comment: load it once per process.
  const loads = new Map<number, Promise<Awaited<ReturnType<typeof findComment>>>>();
  const loadComment = (id: number) => {
    let p = loads.get(id);
    if (!p) {
      if (loads.size > 500) loads.clear();
      p = findComment(deps.db, id);
      loads.set(id, p);
      setTimeout(() => loads.delete(id), 5000).unref();
    }
    return p;
  };
  app.get('/sites/:site/articles/:article/events', async (c) => {
    const site = await requireSite(deps, c.req.param('site'));
    const key = normalizeArticleKey(c.req.param('article'));
    const article = key ? await findArticle(deps.db, site.id, key) : null;
    if (!key) throw new AppError('ARTICLE_NOT_FOUND', 'No such article.');
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let articleId = article?.id ?? null;
      const queue: ParleyEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = deps.bus.subscribe((event) => {
        if (event.siteId !== site.id) return;
        if (event.type === 'site') return;
        queue.push(event);
        wake?.();
      });
      const stop = () => {
        unsubscribe();
        wake?.();
      };
      stream.onAbort(stop);
      deps.shutdown.addEventListener('abort', () => {
        stop();
        void stream.close();
      }, { once: true });
      await stream.writeSSE({ event: 'ready', data: '{}', retry: 5000 });
      while (!stream.aborted && !stream.closed && !deps.shutdown.aborted) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            const timer = setTimeout(resolve, KEEPALIVE_MS);
            timer.unref();
          });
          wake = undefined;
          if (queue.length === 0 && !stream.aborted) await stream.write(': keepalive\n\n');
          continue;
        }
        const event = queue.shift()!;
        if (articleId === null && event.type !== 'site') {
          // The article was created after this stream opened.
          const created = await findArticle(deps.db, site.id, key);
          articleId = created?.id ?? null;
        }
        if (event.type === 'site' || event.articleId !== articleId) continue;
        if (event.type === 'article') {
          await stream.writeSSE({ event: 'version', data: JSON.stringify({ version: event.version }) });
        } else if (event.status === 'approved') {
          const row = await loadComment(event.commentId).catch(() => null);
          if (row && row.status === 'approved') {
            await stream.writeSSE({ event: 'comment', data: JSON.stringify(toPublicComment(row)), id: String(row.id) });
          }
        } else if (event.previous === 'approved') {
          await stream.writeSSE({ event: 'removed', data: JSON.stringify({ id: event.commentId }) });
        }
      }
      unsubscribe();
    });
  });
  return app;
}
