// The admin API (/api/v1/admin/...): login first, then the session guard and CSRF check, then every resource.
import type { Hono } from 'hono';
import type { BlankEnv } from 'hono/types';
import { requireCsrf, requireModerator } from '../auth/middleware.js';
import type { AppDeps } from '../deps.js';
import { createRouter } from '../lib/openapi.js';
import { createAdminArticlesRouter } from './admin-articles.js';
import { createAdminAuditRouter } from './admin-audit.js';
import { createAdminAuthorsRouter } from './admin-authors.js';
import { createAdminBansRouter } from './admin-bans.js';
import { createAdminCommentsRouter } from './admin-comments.js';
import { createAdminEventsRouter } from './admin-events.js';
import { createAdminModeratorsRouter } from './admin-moderators.js';
import { createAdminNotificationsRouter } from './admin-notifications.js';
import { createAdminImportsRouter } from './admin-imports.js';
import { createAdminPrivacyRouter } from './admin-privacy.js';
import { createAdminSessionRouter, createAdminLoginRouter } from './admin-session.js';
import { createAdminSitesRouter } from './admin-sites.js';
import { createAdminUndoRouter } from './admin-undo.js';

export function createAdminRouter(deps: AppDeps): Hono {
  // BlankEnv: the app mounts this router next to the public ones (server.ts takes a plain Hono).
  const app = createRouter<BlankEnv>();
  // Login answers before the guards below run (Hono runs handlers in registration order).
  app.route('/', createAdminLoginRouter(deps));
  app.use('/admin/*', requireModerator(deps));
  app.use('/admin/*', requireCsrf(deps));
  app.route('/', createAdminSessionRouter(deps));
  app.route('/', createAdminCommentsRouter(deps));
  app.route('/', createAdminArticlesRouter(deps));
  app.route('/', createAdminBansRouter(deps));
  app.route('/', createAdminAuthorsRouter(deps));
  app.route('/', createAdminSitesRouter(deps));
  app.route('/', createAdminModeratorsRouter(deps));
  app.route('/', createAdminUndoRouter(deps));
  app.route('/', createAdminAuditRouter(deps));
  app.route('/', createAdminPrivacyRouter(deps));
  app.route('/', createAdminImportsRouter(deps));
  app.route('/', createAdminNotificationsRouter(deps));
  app.route('/', createAdminEventsRouter(deps));
  return app;
}
