// Webhooks end to end against a loopback receiver that verifies Standard Webhooks signatures:
// payloads of ids and public fields, retries with backoff (injected clock), the delivery log, test
// events, secret rotation, the Slack format, and no server-side request forgery.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { webhookEndpoints } from '../../server/db/schema.js';
import { countOutboxBacklog } from '../../server/notifications/outbox.js';
import { createSecret } from '../../server/notifications/signing.js';
import type { Site } from '../../server/sites/store.js';
import type { Session } from '../admin/helpers.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver.js';
import { createNotifyTest, type NotifyTest } from './helpers.js';

const MIN = 60_000;
type Delivery = { id: number; messageId: string; type: string; status: string; attempts: number; log: Array<{ status: number | null; error: string | null }> };

export function defineWebhookTests(driver: Driver) {
  describe(`webhooks (${driver})`, { skip: skipFor(driver) }, () => {
    let n: NotifyTest;
    let hooks: WebhookReceiver;
    let admin: Session;

    before(async () => {
      // Bodies up to 400 kB, so a comment can make a payload larger than its 64 kB cap.
      n = await createNotifyTest({ driver, env: { PARLEY_BODY_LIMIT_BYTES: '400000' } });
      hooks = await startWebhookReceiver();
      hooks.nowSeconds = () => Math.floor(n.clock.now().getTime() / 1000);
      admin = await n.session('admin');
    });
    after(async () => {
      await hooks?.close();
      await n?.close();
    });

    async function addEndpoint(site: Site, body: Record<string, unknown>): Promise<{ id: number; secret: string }> {
      const res = await n.call(admin, 'POST', `/admin/sites/${site.slug}/webhooks`, { url: hooks.url, ...body });
      assert.equal(res.status, 201, await res.clone().text());
      const json = (await res.json()) as { endpoint: { id: number }; secret: string };
      return { id: json.endpoint.id, secret: json.secret };
    }
    const deliveries = async (id: number) => ((await (await n.call(admin, 'GET', `/admin/webhooks/${id}/deliveries`)).json()) as { deliveries: Delivery[] }).deliveries;

    it('sends signed events with ids and public fields only, for the events chosen', async () => {
      admin = await n.session('admin');
      const site = await n.t.createSite({ settings: { holdWords: ['hold-me'] } });
      const ep = await addEndpoint(site, { events: ['comment.created', 'comment.approved'] });
      assert.match(ep.secret, /^whsec_[A-Za-z0-9+/]{32}$/);
      const listed = await (await n.call(admin, 'GET', `/admin/sites/${site.slug}/webhooks`)).text();
      assert.ok(!listed.includes(ep.secret), 'the secret is shown once, never listed');
      hooks.secrets = [ep.secret];
      const start = hooks.received.length;
      const pub = await n.post(site, 'w-1', { name: 'Asha', email: 'asha-hook@example.com', body: 'Public text', article: { url: 'https://news.example/w-1', title: 'W one' } });
      const held = await n.post(site, 'w-1', { name: 'Hidden', email: 'hidden@example.com', body: 'please hold-me' });
      await n.drain();
      const got = hooks.received.slice(start);
      assert.equal(got.length, 2);
      assert.ok(got.every((h) => h.verified === true), 'every signature verifies');
      const [a, b] = got.map((h) => h.json as { type: string; data: { site: string; article: { key: string }; comment: Record<string, unknown> } });
      assert.equal(a!.type, 'comment.created');
      assert.equal(a!.data.site, site.slug);
      assert.equal(a!.data.comment.id, pub.id);
      assert.equal(a!.data.comment.body, 'Public text');
      assert.equal(a!.data.comment.authorName, 'Asha');
      assert.equal(b!.data.comment.id, held.id);
      assert.equal(b!.data.comment.status, 'pending');
      assert.equal(b!.data.comment.body, undefined, 'a held comment is not public: ids only');
      for (const h of got) {
        assert.ok(!h.body.includes('@example.com'), 'no email in a payload');
        assert.ok(!/ip_?hash|ipHash/i.test(h.body), 'no address hash in a payload');
        assert.match(h.headers['webhook-id']!, /^msg_\d+$/);
      }
      // Approving the held one sends comment.approved; rejecting sends nothing (not chosen).
      await n.call(admin, 'POST', `/admin/comments/${held.id}/actions`, { action: 'approve' });
      await n.call(admin, 'POST', `/admin/comments/${pub.id}/actions`, { action: 'reject' });
      await n.drain();
      const more = hooks.received.slice(start + 2).map((h) => (h.json as { type: string }).type);
      assert.deepEqual(more, ['comment.approved']);
    });

    it('retries with exponential backoff under the same webhook-id, logging each answer, then gives up after a day', async () => {
      admin = await n.session('admin');
      const site = await n.t.createSite();
      const ep = await addEndpoint(site, { events: ['comment.created'] });
      hooks.secrets = [ep.secret];
      const start = hooks.received.length;
      hooks.respond(500, 503);
      await n.post(site, 'r-1', { body: 'retry me' });
      await n.drain();
      assert.equal(hooks.received.length, start + 1);
      n.clock.advance(29_000);
      await n.drain();
      assert.equal(hooks.received.length, start + 1, 'not before the backoff');
      n.clock.advance(1000);
      await n.drain();
      n.clock.advance(MIN);
      await n.drain();
      const got = hooks.received.slice(start);
      assert.equal(got.length, 3);
      assert.equal(new Set(got.map((h) => h.headers['webhook-id'])).size, 1, 'one id across retries, for de-duplication');
      const [d] = await deliveries(ep.id);
      assert.equal(d!.status, 'delivered');
      assert.equal(d!.attempts, 3);
      assert.deepEqual(d!.log.map((l) => l.status), [200, 503, 500]);

      // An endpoint that never recovers: retried with growing gaps for a day, then given up.
      hooks.respond(...Array<number>(40).fill(500));
      await n.post(site, 'r-2', { body: 'never delivered' });
      const from = n.clock.now().getTime();
      let last: Delivery | undefined;
      for (let i = 0; i < 60; i++) {
        await n.drain();
        [last] = await deliveries(ep.id);
        if (last!.status === 'failed') break;
        n.clock.advance(30 * MIN);
      }
      assert.equal(last!.status, 'failed');
      assert.ok(last!.attempts >= 10 && last!.attempts <= 20, `${last!.attempts} attempts in a day`);
      assert.ok(n.clock.now().getTime() - from <= 25 * 3_600_000);
      hooks.respond();
    });

    it('sends a test event, rotates the secret (both sign for a day), and speaks Slack', async () => {
      admin = await n.session('admin');
      const site = await n.t.createSite();
      const ep = await addEndpoint(site, { events: ['comment.created'] });
      const start = hooks.received.length;
      hooks.secrets = [ep.secret];
      const test = await n.call(admin, 'POST', `/admin/webhooks/${ep.id}/test`);
      assert.equal(test.status, 202);
      await n.drain();
      const t = hooks.received[start]!;
      assert.equal((t.json as { type: string }).type, 'parley.test');
      assert.equal(t.verified, true);

      const rotated = (await (await n.call(admin, 'POST', `/admin/webhooks/${ep.id}/rotate`)).json()) as { secret: string; endpoint: { previousSecretUntil: string } };
      assert.notEqual(rotated.secret, ep.secret);
      assert.ok(rotated.endpoint.previousSecretUntil);
      await n.post(site, 's-1', { body: 'after rotation' });
      await n.drain();
      const h = hooks.received.at(-1)!;
      assert.equal(h.headers['webhook-signature']!.split(' ').length, 2);
      hooks.secrets = [rotated.secret];
      assert.equal(hooks.received.length, start + 2);
      const { verify } = await import('../../server/notifications/signing.js');
      const now = hooks.nowSeconds();
      assert.ok(verify(rotated.secret, h.headers, h.body, now));
      assert.ok(verify(ep.secret, h.headers, h.body, now), 'the old secret still verifies during the overlap');
      assert.ok(!verify(createSecret(), h.headers, h.body, now));
      n.clock.advance(25 * 3_600_000);
      admin = await n.session('admin');
      await n.post(site, 's-2', { body: 'a day later' });
      await n.drain();
      assert.equal(hooks.received.at(-1)!.headers['webhook-signature']!.split(' ').length, 1);

      const slack = await addEndpoint(site, { events: ['comment.created'], format: 'slack' });
      await n.post(site, 's-3', { name: 'Ravi <&>', body: 'hello slack', article: { url: 'https://news.example/s-3', title: 'Slack story' } });
      await n.drain();
      const msgs = hooks.received.filter((r) => r.headers['webhook-id'] && (r.json as { text?: string }).text);
      const m = msgs.at(-1)!.json as { text: string };
      assert.equal(m.text, 'New comment by Ravi &lt;&amp;&gt; on “Slack story”. (Test Site) <https://news.example/s-3|Read it>');
      assert.ok(slack.id > 0);
    });

    it('refuses endpoints on private, link-local and (in production) loopback addresses, when saved and when delivering', async () => {
      admin = await n.session('admin');
      const site = await n.t.createSite();
      // Saved in development (PUBLIC_URL is localhost): loopback is allowed, and delivers.
      const local = await addEndpoint(site, { url: `http://localhost:${hooks.port}/hooks`, events: ['comment.created'] });
      for (const url of ['https://10.0.0.1/hook', 'http://169.254.169.254/latest/meta-data', 'https://[fe80::1]/x', 'https://192.168.1.10/x', 'http://example.com/x', 'https://user:pw@example.com/x']) {
        const res = await n.call(admin, 'POST', `/admin/sites/${site.slug}/webhooks`, { url, events: ['comment.created'] });
        assert.equal(res.status, 422, url);
        assert.match(await res.text(), /Refused/);
      }
      // Production (PUBLIC_URL is public): on the same database, the same endpoint is refused at delivery.
      const prod = await createNotifyTest({ driver, database: n.t.database, clock: n.clock, env: { PUBLIC_URL: 'https://comments.example' } });
      try {
        const padmin = await prod.session('admin');
        for (const url of [`https://localhost:${hooks.port}/hooks`, `https://127.0.0.1:${hooks.port}/hooks`, 'https://169.254.169.254/latest']) {
          const res = await prod.call(padmin, 'POST', `/admin/sites/${site.slug}/webhooks`, { url, events: ['comment.created'] });
          assert.equal(res.status, 422, url);
        }
        // A row that bypassed the check (or a name whose address changed): refused when delivering.
        await prod.t.deps.db.insert(webhookEndpoints).values([
          { siteId: site.id, url: 'https://169.254.169.254/latest', events: ['comment.created'], secret: createSecret() },
          { siteId: site.id, url: 'https://10.0.0.1/hook', events: ['comment.created'], secret: createSecret() },
        ]);
        const start = hooks.received.length;
        await prod.post(site, 'ssrf-1', { body: 'who gets this?' });
        await prod.drain();
        assert.equal(hooks.received.length, start, 'nothing reached the loopback receiver');
        const rows = await prod.t.deps.db.execute(
          `select e.url, d.status, d.log from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id where e.site_id = ${site.id} order by e.id`,
        );
        const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ url: string; status: string; log: Array<{ error: string }> }>;
        assert.equal(list.length, 3);
        for (const r of list) {
          assert.equal(r.status, 'failed', r.url);
          assert.match(r.log[0]!.error, /refused: .*(loopback|link-local|private)/, r.url);
        }
        assert.ok(local.id > 0);
      } finally {
        await prod.close();
      }
    });

    it('does not follow a redirect, cuts an oversized payload, and keeps moderators out', async () => {
      admin = await n.session('admin');
      const site = await n.t.createSite({ settings: { maxBodyChars: 100_000 } });
      const ep = await addEndpoint(site, { events: ['comment.created'] });
      const start = hooks.received.length;
      hooks.redirectNext('http://169.254.169.254/latest/meta-data');
      await n.post(site, 'big-1', { body: 'é'.repeat(90_000) });
      await n.drain();
      assert.equal(hooks.received.length, start + 1, 'the redirect was not followed');
      const [d] = await deliveries(ep.id);
      assert.match(d!.log[0]!.error!, /redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data not followed/);
      assert.equal(d!.status, 'pending', 'retried later like any failure');
      const body = hooks.received[start]!.body;
      assert.ok(Buffer.byteLength(body) <= 64 * 1024, `${Buffer.byteLength(body)} bytes`);
      assert.equal((hooks.received[start]!.json as { data: { comment: { truncated: boolean } } }).data.comment.truncated, true);

      const mod = await n.session('moderator', [site]);
      assert.equal((await n.call(mod, 'GET', `/admin/sites/${site.slug}/webhooks`)).status, 403);
      assert.equal((await n.call(mod, 'POST', `/admin/webhooks/${ep.id}/test`)).status, 403);
    });

    it('without a mailer, still delivers to the sites with an endpoint and deletes the other sites\' events', async () => {
      // The worker skips reading what only emails would need; what webhooks get must not change.
      const quiet = await createNotifyTest({ driver, env: { SMTP_URL: '' } });
      try {
        assert.equal(quiet.t.deps.mailer.enabled, false);
        const boss = await quiet.session('admin');
        const hooked = await quiet.t.createSite();
        const plain = await quiet.t.createSite();
        const res = await quiet.call(boss, 'POST', `/admin/sites/${hooked.slug}/webhooks`, { url: hooks.url, events: ['comment.created'] });
        assert.equal(res.status, 201, await res.clone().text());
        const start = hooks.received.length;
        await quiet.post(plain, 'q-1', { body: 'nobody listens here' });
        const sent = await quiet.post(hooked, 'q-1', { body: 'the endpoint hears this' });
        await quiet.post(plain, 'q-2', { body: 'nor here' });
        await quiet.drain();
        const got = hooks.received.slice(start).map((h) => (h.json as { data: { site: string; comment: { id: number } } }).data);
        assert.deepEqual(got.map((d) => [d.site, d.comment.id]), [[hooked.slug, sent.id]]);
        assert.equal((await countOutboxBacklog(quiet.t.deps)).events, 0, 'every event is consumed');
      } finally {
        await quiet.close();
      }
    });
  });
}
