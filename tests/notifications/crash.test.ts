// A Parley process killed with SIGKILL in the middle of sending an email and a webhook loses
// neither: a second process takes both over when their lease ends and delivers them, under the
// same Message-ID and webhook-id (at least once, recognisably the same), and nothing else twice.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { webhookEndpoints } from '../../server/db/schema.js';
import { createSecret } from '../../server/notifications/signing.js';
import { insertSite, type Site } from '../../server/sites/store.js';
import { createTestDatabase, skipFor, type TestDatabase } from '../helpers/db.js';
import { startParleyChild, type ParleyChild } from '../hardening/helpers/child.js';
import { SMTP_PASSWORD, startFakeSmtp, type FakeSmtp } from '../fakes/smtp.js';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver.js';

describe('the outbox survives a SIGKILL mid-delivery (PostgreSQL, two processes)', { skip: skipFor('postgres') }, () => {
  let database: TestDatabase;
  let smtp: FakeSmtp;
  let hooks: WebhookReceiver;
  let site: Site;
  let secret: string;
  const children: ParleyChild[] = [];

  before(async () => {
    database = await createTestDatabase('postgres');
    [smtp, hooks] = await Promise.all([startFakeSmtp(), startWebhookReceiver()]);
    site = await insertSite(database.db, { slug: 'crash', name: 'Crash Site', settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 } });
    secret = createSecret();
    await database.db.insert(webhookEndpoints).values({ siteId: site.id, url: hooks.url, events: ['comment.created'], secret });
    hooks.secrets = [secret];
  });
  after(async () => {
    for (const c of children) await c.stop(15_000);
    await Promise.all([smtp?.close(), hooks?.close()]);
    await database?.drop();
  });

  const env = () => ({
    DATABASE_URL: database.url!,
    SMTP_URL: smtp.url,
    PARLEY_NOTIFY_INTERVAL_MS: '100',
    PARLEY_OUTBOX_LEASE_SECONDS: '2',
  });

  it('delivers what the killed process was sending, once more under the same ids, and the rest once', async () => {
    const stalled = smtp.stallNext();
    hooks.hangNext();
    const a = await startParleyChild(env());
    children.push(a);
    const emails = ['k1@example.com', 'k2@example.com', 'k3@example.com', 'k4@example.com'];
    for (const [i, email] of emails.entries()) {
      const res = await fetch(`${a.url}/api/v1/sites/${site.slug}/articles/crash-1/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 1}` },
        body: JSON.stringify({ name: `K${i}`, email, body: `comment ${i}`, notify: true }),
      });
      assert.equal(res.status, 201);
    }
    // A is now in the middle of an SMTP DATA exchange and of a webhook POST, neither answered.
    await stalled;
    // As long as the waits below: on a loaded two-core machine the child's first webhook took over 20 s once.
    await hooks.waitFor((r) => r.length >= 1, 60_000);
    a.proc.kill('SIGKILL');
    const killed = await a.exited;
    assert.equal(killed.signal, 'SIGKILL');

    const b = await startParleyChild(env());
    children.push(b);
    await smtp.waitFor((m) => emails.every((e) => m.some((x) => x.to.includes(e))), 60_000);
    await hooks.waitFor((r) => new Set(r.map((h) => h.headers['webhook-id'])).size >= 4 && r.length >= 5, 60_000);

    for (const email of emails) {
      const got = smtp.to(email);
      assert.ok(got.length >= 1, email);
      assert.equal(new Set(got.map((m) => m.messageId)).size, 1, `${email}: any repeat carries the same Message-ID`);
    }
    const byId = new Map<string, string[]>();
    for (const h of hooks.received) byId.set(h.headers['webhook-id']!, [...(byId.get(h.headers['webhook-id']!) ?? []), h.body]);
    assert.equal(byId.size, 4, 'four events');
    for (const [id, bodies] of byId) {
      assert.equal(new Set(bodies).size, 1, `${id}: a repeat is the same message`);
      assert.ok(bodies.length <= 2, `${id}: sent at most twice (once by each process)`);
    }
    assert.equal([...byId.values()].filter((b) => b.length === 2).length, 1, 'only the interrupted delivery went twice');
    assert.ok(hooks.received.every((h) => h.verified), 'every delivery is signed');
    const stopped = await b.stop(15_000);
    assert.equal(stopped.code, 0);
    for (const c of [a, b]) assert.ok(!c.output().includes(SMTP_PASSWORD), 'the SMTP password is not in the output');
  });
});
