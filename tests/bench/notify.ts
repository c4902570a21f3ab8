// The notifications row: posting throughput with notifications on (SMTP configured, a webhook
// endpoint taking every event, a moderator alerted at once, one post in ten ticking "Notify me"),
// against the same posting with them off (no SMTP, the endpoint disabled; the outbox triggers still
// write events, as they do in every Parley), measured in ABBA order on fresh servers over one
// PostgreSQL database. Then the outbox's drain: how long the worker took to send what was queued.
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rowsOf } from '../../server/db/client.js';
import { postBody, postRequests } from './load.js';
import type { Child, ParleyProcess } from './processes.js';
import { seedSite } from './seed.js';
import type { Measure } from './live.js';

export interface NotifyBenchResult {
  offPerSecond: number;
  onPerSecond: number;
  ratio: number;
  notifyShare: number;
  /** Seconds from the end of the last "on" row until the outbox was empty. */
  drainSeconds: number | null;
  mails: number;
  hooks: number;
  loadavg1: number;
}

interface Tools {
  measure: Measure;
  log(line: string): void;
  startParley(options: { databaseUrl: string; scorer: 'lexicon'; env?: Record<string, string>; nodeArgs?: string[] }): Promise<ParleyProcess>;
  startHelper<T>(script: string, env: Record<string, string>): Promise<{ child: Child; info: T }>;
  stopServer(server: ParleyProcess, name: string): Promise<void>;
  connections: number;
}

const SITE = 'bench';
const NOTIFY_EVERY = 10;

export async function benchNotifications(url: string, tools: Tools): Promise<NotifyBenchResult> {
  const db = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 2 });
  const peers = await tools.startHelper<{ smtpUrl: string; hookUrl: string }>('notify-peers-child.ts', {});
  try {
    await migrateDatabase(db);
    const siteId = await seedSite(db.db, SITE);
    const exec = (q: string) => db.db.execute(sql.raw(q));
    await exec(`insert into webhook_endpoints (site_id, url, events, secret) values (${siteId}, '${peers.info.hookUrl}',
      array['comment.created','comment.approved','comment.rejected','comment.spam','comment.reported','comment.deleted','article.closed'], 'whsec_YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2g=')`);
    const [mod] = rowsOf<{ id: number }>(await exec(`insert into moderators (email, name, password_hash, role) values ('desk@example.com', 'Desk', 'x', 'admin') returning id`));
    await exec(`insert into moderator_alerts (moderator_id, site_id, cadence) values (${mod!.id}, ${siteId}, 'immediate')`);

    // One post in ten asks for reply notifications (a new reader each time: a confirmation email).
    const requests = (start: number) =>
      postRequests(SITE, (n) => `notify-${n % 1000}`, start).map((spec) => ({
        ...spec,
        setupRequest: (req: Parameters<NonNullable<typeof spec.setupRequest>>[0], ctx: Parameters<NonNullable<typeof spec.setupRequest>>[1]) => {
          const out = spec.setupRequest!(req, ctx);
          const n = Number(/\((\d+)\)"\}$/.exec(String(out.body))?.[1] ?? 0);
          return n % NOTIFY_EVERY === 0 ? { ...out, body: `${postBody(n).slice(0, -1)},"notify":true}` } : out;
        },
      }));

    const rates: Record<'off' | 'on', number[]> = { off: [], on: [] };
    let last: ParleyProcess | undefined;
    let offset = 30_000_000;
    for (const mode of ['off', 'on', 'on', 'off'] as const) {
      await exec(`update webhook_endpoints set disabled_at = ${mode === 'on' ? 'null' : 'now()'}`);
      const env: Record<string, string> = mode === 'on' ? { SMTP_URL: peers.info.smtpUrl, MAIL_FROM: 'Bench <bench@example.com>' } : {};
      const server = await tools.startParley({ databaseUrl: url, scorer: 'lexicon', env });
      const row = await tools.measure(`post-notify-${mode}`, `post, lexicon, notifications ${mode}`, server, {
        url: server.url,
        connections: tools.connections,
        requests: requests((offset += 1_000_000)),
      }, [201, 202], 'comments/s');
      rates[mode].push(row.load.rate);
      if (mode === 'on' && rates.on.length === 2) {
        last = server;
        break;
      }
      await tools.stopServer(server, `notify-${mode}`);
    }
    // The last "on" server keeps running without load until its outbox is empty.
    const drainStarted = performance.now();
    let drainSeconds: number | null = null;
    for (let i = 0; i < 600; i++) {
      const ready = (await (await fetch(`${last!.url}/readyz`)).json()) as { notifications?: { backlog?: { events: number; mailsDue: number; deliveries: number } } };
      const b = ready.notifications?.backlog;
      if (b && b.events + b.mailsDue + b.deliveries === 0) {
        drainSeconds = (performance.now() - drainStarted) / 1000;
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await tools.stopServer(last!, 'notify-on');
    // The final "off" row, after the drain, so the ABBA order holds.
    await exec(`update webhook_endpoints set disabled_at = now()`);
    const off = await tools.startParley({ databaseUrl: url, scorer: 'lexicon' });
    const row = await tools.measure('post-notify-off', 'post, lexicon, notifications off', off, {
      url: off.url,
      connections: tools.connections,
      requests: requests((offset += 1_000_000)),
    }, [201, 202], 'comments/s');
    rates.off.push(row.load.rate);
    await tools.stopServer(off, 'notify-off');
    await peers.child.stop();
    const counts = JSON.parse(
      peers.child
        .output()
        .split('\n')
        .find((l) => l.startsWith('{"mails"')) ?? '{"mails":0,"hooks":0}',
    ) as { mails: number; hooks: number };
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const result: NotifyBenchResult = {
      offPerSecond: mean(rates.off),
      onPerSecond: mean(rates.on),
      ratio: mean(rates.on) / mean(rates.off),
      notifyShare: 1 / NOTIFY_EVERY,
      drainSeconds,
      mails: counts.mails,
      hooks: counts.hooks,
      loadavg1: (await import('node:os')).loadavg()[0]!,
    };
    tools.log(
      `  notifications on: ${result.onPerSecond.toFixed(0)}/s = ${(result.ratio * 100).toFixed(1)}% of off (${result.offPerSecond.toFixed(0)}/s); ` +
        `outbox drained ${drainSeconds === null ? 'not within 5 min' : `${drainSeconds.toFixed(1)} s after the load`}; ${counts.mails} emails, ${counts.hooks} webhooks received`,
    );
    return result;
  } finally {
    await peers.child.stop().catch(() => {});
    await db.close();
  }
}
