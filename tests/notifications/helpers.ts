// Notification test harness: an admin test app (injected clock) wired to a fake SMTP server, and
// the notifications worker driven by hand (drain() runs passes until nothing is left to do now).
import { createNotificationWorker, type NotificationWorker } from '../../server/notifications/outbox.js';
import type { Site } from '../../server/sites/store.js';
import { createAdminTest, nextIp, type AdminTest, type Clock } from '../admin/helpers.js';
import { jsonRequest } from '../helpers/app.js';
import type { Driver, TestDatabase } from '../helpers/db.js';
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp.js';

export const PUBLIC_URL = 'http://localhost:3000';

export interface NotifyTest extends AdminTest {
  smtp: FakeSmtp;
  worker: NotificationWorker;
  /** Runs worker passes until one finds nothing due (at the current injected time). */
  drain(): Promise<void>;
  /** Posts a comment as a reader; returns its id and status. */
  post(site: Site, article: string, fields: Record<string, unknown>, ip?: string): Promise<{ id: number; status: number }>;
  /** Requests a public page (notify links) through the full app. */
  open(url: string, init?: RequestInit): Promise<Response>;
}

export async function createNotifyTest(options: {
  driver: Driver;
  env?: Record<string, string>;
  clock?: Clock;
  smtp?: FakeSmtp;
  database?: TestDatabase;
}): Promise<NotifyTest> {
  const smtp = options.smtp ?? (await startFakeSmtp());
  const base = await createAdminTest({
    driver: options.driver,
    clock: options.clock,
    database: options.database,
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Parley <comments@news.example>', PUBLIC_URL, ...options.env },
  });
  const worker = createNotificationWorker(base.t.deps);
  return {
    ...base,
    smtp,
    worker,
    async drain() {
      for (let i = 0; i < 50; i++) {
        const pass = await worker.runOnce();
        if (pass.events + pass.mails + pass.deliveries === 0) return;
      }
      throw new Error('the outbox did not drain in 50 passes');
    },
    async post(site, article, fields, ip = nextIp()) {
      const res = await base.t.app.request(
        `/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments`,
        jsonRequest('POST', { name: 'Reader', email: 'reader@example.com', body: `comment ${Math.random()}`, ...fields }, { 'x-forwarded-for': ip }),
      );
      if (res.status !== 201 && res.status !== 202) throw new Error(`post failed: ${res.status} ${await res.text()}`);
      return { id: ((await res.json()) as { comment: { id: number } }).comment.id, status: res.status };
    },
    async open(url, init) {
      const u = new URL(url);
      return base.t.app.request(`${u.pathname}${u.search}`, init);
    },
    async close() {
      await worker.stop();
      await base.t.deps.mailer.close();
      await base.close();
      if (!options.smtp) await smtp.close();
    },
  };
}

/** The first link in a plain-text email whose label starts with `label`. */
export function linkIn(text: string, label: RegExp): string {
  for (const line of text.split('\n')) {
    const m = /^(.*?): (https?:\/\/\S+)$/.exec(line.trim());
    if (m && label.test(m[1]!)) return m[2]!;
  }
  throw new Error(`no link labelled ${label} in:\n${text}`);
}
