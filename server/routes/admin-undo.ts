// Undo of a moderator action (any action whose answer carried an `undo` batch id).
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import { undoBatch } from '../admin/undo.js';
import type { AppDeps } from '../deps.js';
import { createRouter } from '../lib/openapi.js';
import { adminErrors, body, conflict, json } from './admin-shared.js';

const undoRoute = createRoute({
  method: 'post',
  path: '/admin/undo',
  summary: 'Undo an action: every change it made whose target is still as the action left it goes back to its previous state',
  request: body(z.object({ batch: z.string().min(1).max(64).openapi({ description: 'The `undo` value of the action’s answer' }) }).openapi('UndoInput')),
  responses: {
    200: json(z.object({ restored: z.number().int(), skipped: z.number().int() }), 'Restored, and skipped because they changed since'),
    409: conflict('the action was already undone'),
    ...adminErrors,
  },
});

export function createAdminUndoRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();
  app.openapi(undoRoute, async (c) => c.json(await undoBatch(deps, c.get('auth'), c.req.valid('json').batch), 200));
  return app;
}
