// Liveness and readiness probes for load balancers and orchestrators.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { countRescoreBacklog } from '../moderation/rescore.js';

export function createHealthRouter(deps: Pick<AppDeps, 'database' | 'db' | 'scorer' | 'logger'>) {
  const app = new Hono();
  app.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const scorer = deps.scorer.health?.() ?? { ok: true };
    const details = { scorer: { name: deps.scorer.name, ...scorer } };
    try {
      await deps.database.ping(2000);
    } catch {
      return c.json({ status: 'unavailable', database: { ok: false }, ...details }, 503);
    }
    // A scorer outage does not make Parley unready: comments are kept and re-scored later.
    const unscored = await countRescoreBacklog(deps).catch(() => null);
    return c.json({ status: 'ok', database: { ok: true, driver: deps.database.driver }, scorer: { ...details.scorer, unscored } });
  });
  return app;
}
