// createApp: the HTTP application, composed from its routers. No I/O happens at import time.
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { AppDeps } from './deps.js';
import { AppError, renderError, toAppError } from './errors.js';
import { refuseNul, requestDeadline, requestLogger, requireJson, siteCors } from './lib/middleware.js';
import { createRefusedOriginLog } from './sites/refused-origins.js';
import { createAccessLogger } from './lib/log.js';
import { createRouter } from './lib/openapi.js';
import { createCommentsRouter } from './routes/comments.js';
import { createEventsRouter } from './routes/events.js';
import { createHealthRouter } from './routes/health.js';
import { createMetricsRouter } from './routes/metrics.js';
import { warnUntrustedForwarding } from './lib/warnings.js';
import { routePath } from 'hono/route';
import { isImportUpload } from './routes/admin-imports.js';
import { createThreadRouter } from './threads/index.js';

/** Extra routers other modules mount (admin API, assets); each receives the same deps. */
export interface AppMounts {
  /** Mounted at / (assets, demo page, admin shell). */
  root?: Hono[];
  /** Mounted at /api/v1 after the public routes (admin API). */
  api?: Hono[];
}

export function createApp(deps: AppDeps, mounts: AppMounts = {}) {
  const app = new Hono();
  const { metrics } = deps;
  if (metrics.enabled) {
    app.use(async function measureRequest(c, next) {
      const started = performance.now();
      await next();
      // The route template the request ended in (a middleware's pattern when one answered): bounded.
      metrics.httpRequest(routePath(c), c.req.method, c.res.status, (performance.now() - started) / 1000);
    });
  }
  app.use(requestId({ headerName: 'X-Request-Id', limitLength: 64 }));
  app.use(requestLogger(createAccessLogger(deps.logger)));
  app.use('*', async (c, next) => {
    // Set before next(): a header added after the response exists makes Hono rebuild it, and the
    // node adapter then streams instead of writing the cached bytes (about 90 µs per read).
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    // Routers that return a Response of their own (assets) did not take the header above.
    if (!c.res.headers.has('x-content-type-options')) c.res.headers.set('X-Content-Type-Options', 'nosniff');
  });

  app.use(warnUntrustedForwarding(deps.config, deps.warnings));
  app.route('/', createHealthRouter(deps));
  if (metrics.enabled) app.route('/', createMetricsRouter(deps));

  const api = createRouter();
  // The import upload streams a large file (not JSON) to its parser under its own size limit and
  // runs as long as the import does (routes/admin-imports.ts); the generic body rules would refuse it.
  const generic = (check: MiddlewareHandler): MiddlewareHandler => (c, next) => (isImportUpload(c.req.method, c.req.path) ? next() : check(c, next));
  api.use('*', generic(requestDeadline(deps.config.PARLEY_REQUEST_TIMEOUT_MS)));
  // Only writes have bodies; on a GET the check would build a full Request object for nothing.
  const tooLarge = (): never => {
    throw new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${deps.config.PARLEY_BODY_LIMIT_BYTES} bytes.`);
  };
  const limitBody = bodyLimit({ maxSize: deps.config.PARLEY_BODY_LIMIT_BYTES, onError: tooLarge });
  api.use('*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    if (isImportUpload(c.req.method, c.req.path)) return next();
    // A declared length is checked here; Hono's bodyLimit would first read c.req.raw.body, which
    // makes the node adapter build a full Request. Chunked bodies are counted as they stream in.
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return limitBody(c, next);
    if (Number(length) > deps.config.PARLEY_BODY_LIMIT_BYTES) return tooLarge();
    return next();
  });
  api.use('*', generic(requireJson()));
  api.use('*', generic(refuseNul()));
  api.use('/sites/:site/*', siteCors((slug) => deps.siteCache.get(deps.db, slug), createRefusedOriginLog(deps)));
  api.route('/', createThreadRouter(deps));
  api.route('/', createCommentsRouter(deps));
  api.route('/', createEventsRouter(deps));
  for (const router of mounts.api ?? []) api.route('/', router);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Parley API',
      version: '1.0.0',
      description: 'Moderated comments for news sites. Errors are {"error":{"code","message","requestId"}} with stable codes.',
    },
    servers: [{ url: `${deps.config.publicUrl}/api/v1` }],
  });
  app.route('/api/v1', api);
  for (const router of mounts.root ?? []) app.route('/', router);

  app.notFound((c) => renderError(c, new AppError('NOT_FOUND', 'No such endpoint.')));
  app.onError((err, c) => {
    const error = toAppError(err);
    metrics.requestFailed(c.req.method, c.req.path, error.code, err);
    if (error.status >= 500) {
      deps.logger.error({ err: error.cause ?? err, requestId: c.get('requestId') }, 'unhandled error');
    }
    return renderError(c, error);
  });
  return app;
}
