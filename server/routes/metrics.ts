// GET /metrics: Prometheus's text format, for a scraper holding PARLEY_METRICS_TOKEN (mounted only when it is set).
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';

export function createMetricsRouter(deps: Pick<AppDeps, 'metrics'>) {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (!deps.metrics.authorized(c.req.header('authorization'))) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new AppError('UNAUTHORIZED', 'Send the metrics token as Authorization: Bearer <PARLEY_METRICS_TOKEN>.');
    }
    const { contentType, body } = await deps.metrics.scrape();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
  return app;
}
