// Live queue updates for moderators over server-sent events, fed by the NOTIFY bus (so any process's writes arrive).
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AdminEnv } from '../auth/middleware.js';
import { isSessionLive } from '../auth/sessions.js';
import { canSeeSite, siteSlugs } from '../admin/access.js';
import type { AppDeps } from '../deps.js';

const KEEPALIVE_MS = 25_000;

interface QueueEvent {
  commentId: number;
  siteId: number;
  status: string;
  previous: string | null;
}

export function createAdminEventsRouter(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  app.get('/admin/events', async (c) => {
    const auth = c.get('auth');
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: QueueEvent[] = [];
      let wake: (() => void) | undefined;
      let ended = false;
      const unsubscribe = deps.bus.subscribe((event) => {
        if (event.type !== 'comment' || !canSeeSite(auth, event.siteId)) return;
        queue.push({ commentId: event.commentId, siteId: event.siteId, status: event.status, previous: event.previous });
        wake?.();
      });
      const stop = () => {
        ended = true;
        unsubscribe();
        wake?.();
      };
      stream.onAbort(stop);
      const onShutdown = () => {
        stop();
        void stream.close();
      };
      deps.shutdown.addEventListener('abort', onShutdown, { once: true });
      const slugs = new Map<number, string>();
      await stream.writeSSE({ event: 'ready', data: '{}', retry: 5000 });
      try {
        while (!ended && !stream.aborted && !stream.closed && !deps.shutdown.aborted) {
          if (queue.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, KEEPALIVE_MS).unref();
            });
            wake = undefined;
            if (queue.length === 0 && !ended && !stream.aborted) {
              // A disabled account or an expired session must stop receiving other people's data.
              if (!(await isSessionLive(deps, auth.tokenHash))) break;
              await stream.write(': keepalive\n\n');
            }
            continue;
          }
          const event = queue.shift()!;
          if (!slugs.has(event.siteId)) {
            for (const [id, slug] of await siteSlugs(deps.db, [event.siteId])) slugs.set(id, slug);
          }
          const data = { commentId: event.commentId, site: slugs.get(event.siteId) ?? '', status: event.status, previous: event.previous };
          await stream.writeSSE({ event: 'queue', data: JSON.stringify(data), id: String(event.commentId) });
        }
      } finally {
        unsubscribe();
        deps.shutdown.removeEventListener('abort', onShutdown);
      }
    });
  });
  return app;
}
