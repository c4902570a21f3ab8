// Liveness and readiness probes for load balancers and orchestrators.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { countRescoreBacklog } from '../moderation/rescore.js';
import { countOutboxBacklog } from '../notifications/outbox.js';

export function createHealthRouter(deps: Pick<AppDeps, 'database' | 'db' | 'scorer' | 'logger' | 'mailer' | 'now'>) {
  const app = new Hono();
  app.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const scorer = deps.scorer.health?.() ?? { ok: true };
    // Each scorer of a combination on its own line: which one is down is what an operator needs.
    const scorers = (deps.scorer.members ?? [deps.scorer]).map((s) => ({ name: s.name, ...(s.health?.() ?? { ok: true }) }));
    const details = { scorer: { name: deps.scorer.name, ...scorer, scorers } };
    try {
      await deps.database.ping(2000);
    } catch {
      return c.json({ status: 'unavailable', database: { ok: false }, ...details }, 503);
    }
    // A scorer outage does not make Parley unready: comments are kept and re-scored later.
    const [unscored, outbox] = await Promise.all([countRescoreBacklog(deps).catch(() => null), countOutboxBacklog(deps).catch(() => null)]);
    // A backlog does not make Parley unready either: the outbox only delays, it loses nothing.
    const notifications = {
      email: deps.mailer.enabled ? 'on' : 'off (SMTP_URL is not set)',
      webhooks: 'on',
      backlog: outbox,
    };
    return c.json({ status: 'ok', database: { ok: true, driver: deps.database.driver }, scorer: { ...details.scorer, unscored }, notifications });
  });
  return app;
}
