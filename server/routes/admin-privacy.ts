// Privacy requests (admins only): export or erase what is stored under an author's email.
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import { eraseAuthor, exportPersonalData } from '../admin/privacy.js';
import type { AppDeps } from '../deps.js';
import { createRouter } from '../lib/openapi.js';
import { adminErrors, body, json } from './admin-shared.js';

const Email = z.string().trim().min(3).max(320);

const exportRoute = createRoute({
  method: 'get',
  path: '/admin/privacy/export',
  summary: 'Everything stored for an email: comments with their sites and articles, bans, a staff account',
  request: { query: z.object({ email: Email }) },
  responses: { 200: json(z.record(z.string(), z.unknown()).openapi('PersonalData'), 'The data'), ...adminErrors },
});

const eraseRoute = createRoute({
  method: 'post',
  path: '/admin/privacy/erase',
  summary: "Erase an author's comments (text and identity); replies keep their place under a removed placeholder",
  request: body(z.object({ email: Email }).openapi('EraseInput')),
  responses: { 200: json(z.object({ erased: z.number().int() }), 'How many comments were erased'), ...adminErrors },
});

export function createAdminPrivacyRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();

  app.openapi(exportRoute, async (c) => {
    const data = await exportPersonalData(deps, c.get('auth'), c.req.valid('query').email);
    c.header('Content-Disposition', 'attachment; filename="parley-export.json"');
    return c.json({ ...data }, 200);
  });

  app.openapi(eraseRoute, async (c) => c.json(await eraseAuthor(deps, c.get('auth'), c.req.valid('json').email), 200));

  return app;
}
