// The outbox keeps its promises: an SMTP outage only delays (each email arrives once, after it), and
// two processes working one outbox never send anything twice.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mails } from '../../server/db/schema.js';
import type { Site } from '../../server/sites/store.js';
import { createTestDatabase, skipFor, type Driver, type TestDatabase } from '../helpers/db.js';
import { createClock } from '../admin/helpers.js';
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp.js';
import { startWebhookReceiver } from '../fakes/webhook-receiver.js';
import { createNotifyTest, type NotifyTest } from './helpers.js';

export function defineDurabilityTests(driver: Driver) {
  describe(`the outbox under failure (${driver})`, { skip: skipFor(driver) }, () => {
    let database: TestDatabase;
    let smtp: FakeSmtp;
    let a: NotifyTest;
    let b: NotifyTest;
    const clock = createClock();

    before(async () => {
      database = await createTestDatabase(driver);
      smtp = await startFakeSmtp();
      // Two apps on one database, each with its own worker: two Parley processes.
      a = await createNotifyTest({ driver, database, clock, smtp });
      b = await createNotifyTest({ driver, database, clock, smtp });
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await smtp?.close();
      await database?.drop();
    });

    it('delays email through an SMTP outage (refusals, then the server down) and delivers each once after', async () => {
      const site = await a.t.createSite();
      smtp.fail(true);
      const emails = ['out1@example.com', 'out2@example.com', 'out3@example.com'];
      for (const email of emails) await a.post(site, 'outage', { email, notify: true });
      await a.drain();
      assert.equal(smtp.messages.length, 0);
      const waiting = await a.t.deps.db.select().from(mails);
      assert.ok(waiting.filter((m) => emails.includes(m.toEmail)).every((m) => m.status === 'sending' && /421|try again/i.test(m.lastError ?? '')));
      const ready = (await (await a.t.app.request('/readyz')).json()) as { notifications: { backlog: { mails: number } } };
      assert.ok(ready.notifications.backlog.mails >= 3, 'the backlog shows in /readyz');

      // Now the server is gone altogether (connection refused), for longer.
      const port = smtp.port;
      await smtp.close();
      clock.advance(30_000);
      await a.drain();
      clock.advance(60_000);
      await b.drain();
      // Back up on the same port, keeping the same mailbox.
      smtp = await startFakeSmtp({ port, messages: smtp.messages });
      smtp.fail(false);
      clock.advance(15 * 60_000);
      await Promise.all([a.drain(), b.drain()]);
      for (const email of emails) assert.equal(smtp.to(email).length, 1, email);
    });

    it('never sends an email or a webhook twice when two processes work the outbox at once', async () => {
      const site: Site = await a.t.createSite();
      const admin = await a.session('admin');
      const hooks = await startWebhookReceiver();
      try {
        const res = await a.call(admin, 'POST', `/admin/sites/${site.slug}/webhooks`, { url: hooks.url, events: ['comment.created'] });
        assert.equal(res.status, 201);
        const emails = Array.from({ length: 24 }, (_, i) => `twin${i}@example.com`);
        // From a handful of client addresses, within the per-client confirmation cap.
        for (const [i, email] of emails.entries()) await a.post(site, 'twins', { email, notify: true }, `198.18.${i}.1`);
        await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
        for (const email of emails) assert.equal(smtp.to(email).length, 1, email);
        const ids = hooks.received.map((h) => h.headers['webhook-id']);
        assert.equal(ids.length, 24);
        assert.equal(new Set(ids).size, 24, 'each event delivered once');
      } finally {
        await hooks.close();
      }
    });
  });
}
