// Live queue updates for moderators over server-sent events, fed by the NOTIFY bus (so any process's writes arrive).
import { Hono } from 'hono';
import type { AdminEnv } from '../auth/middleware.js';
import type { AppDeps } from '../deps.js';
import { sseResponse } from '../events/stream.js';

export function createAdminEventsRouter(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  app.get('/admin/events', (c) => sseResponse(c, deps.streams.openQueue(c.get('auth'))));
  return app;
}
