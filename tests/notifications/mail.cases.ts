// Notification emails end to end, through a real SMTP server on 127.0.0.1: the confirmation flow,
// reply and approval emails in English and Hindi, unsubscribing (links and RFC 8058), batching and
// caps, moderators' alerts and digests, the scorer alert, privacy, and email being off.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findPostingContexts } from '../../server/comments/store.js';
import type { Site } from '../../server/sites/store.js';
import type { Scorer } from '../../server/moderation/scorers/scorer.js';
import { createTestApp, jsonRequest } from '../helpers/app.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { SMTP_PASSWORD, type ReceivedMail } from '../fakes/smtp.js';
import { createNotifyTest, linkIn, PUBLIC_URL, type NotifyTest } from './helpers.js';

const MIN = 60_000;
const form = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

export function defineMailTests(driver: Driver, part: 'readers' | 'desk') {
  describe(`notification emails: ${part} (${driver})`, { skip: skipFor(driver) }, () => {
    let n: NotifyTest;
    let counter = 0;
    const article = (title: string) => ({ url: `https://news.example/${encodeURIComponent(title)}`, title });

    before(async () => {
      n = await createNotifyTest({ driver });
    });
    after(async () => {
      await n?.close();
    });

    const fresh = (name: string) => `${name}${++counter}-${driver}@example.com`;
    const mailsTo = (address: string) => n.smtp.to(address);

    /** Confirms through the emailed link: GET shows a button (and confirms nothing), POST confirms. */
    async function confirmFrom(mail: ReceivedMail): Promise<void> {
      const link = linkIn(mail.text, /^Confirm|पक्की/);
      const token = new URL(link).searchParams.get('t')!;
      const res = await n.open(link, form(`t=${encodeURIComponent(token)}`));
      assert.equal(res.status, 200);
    }

    /** A reader who opted in on `key` and confirmed; returns their comment's id. */
    async function confirmedReader(site: Site, key: string, email: string, title = 'A story'): Promise<number> {
      const before = mailsTo(email).length;
      const c = await n.post(site, key, { name: 'Asha', email, notify: true, body: `Thoughts ${counter}`, article: article(title) });
      await n.drain();
      const confirm = mailsTo(email).slice(before).find((m) => /Confirm|पक्की/.test(m.subject));
      if (confirm) await confirmFrom(confirm);
      return c.id;
    }

    if (part === 'readers') {
      it('sends one confirmation, nothing before it is confirmed, then each approved reply (English)', async () => {
        const site = await n.t.createSite({ name: 'The Daily <Example>' });
        const asha = fresh('asha');
        const first = await n.post(site, 'story-1', { name: 'Asha', email: asha, notify: true, body: 'First!', article: article('Story one') });
        await n.drain();
        assert.equal(mailsTo(asha).length, 1);
        const confirm = mailsTo(asha)[0]!;
        assert.equal(confirm.subject, 'Confirm reply notifications from The Daily <Example>');
        assert.match(confirm.text, /“Story one”/);
        assert.equal(confirm.from, 'comments@news.example');
        assert.ok(confirm.secure, 'sent after STARTTLS');
        assert.equal(confirm.user, 'parley', 'logged in with the SMTP_URL credentials');
        assert.match(confirm.html, /The Daily &#60;Example&#62;/, 'the site name is escaped in HTML');
        assert.doesNotMatch(confirm.html, /<img|<link|url\(|<script/i, 'no remote content');
        assert.match(confirm.header('list-unsubscribe') ?? '', /^<http:\/\/localhost:3000\/notify\/unsubscribe\?t=/);
        assert.equal(confirm.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');

        // Unconfirmed: a reply and a second opt-in send nothing more.
        await n.post(site, 'story-1', { name: 'Bob', email: fresh('bob'), parentId: first.id, body: 'A reply nobody mails' });
        await n.post(site, 'story-2', { name: 'Asha', email: asha, notify: true, body: 'Elsewhere', article: article('Story two') });
        await n.drain();
        assert.equal(mailsTo(asha).length, 1);

        // Opening the link shows a button and confirms nothing (mail scanners open links).
        const link = linkIn(confirm.text, /^Confirm/);
        const page = await n.open(link);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /<form method="post" action="\/notify\/confirm">/);
        await n.post(site, 'story-1', { name: 'Bob', email: fresh('bob'), parentId: first.id, body: 'Still nobody' });
        await n.drain();
        assert.equal(mailsTo(asha).length, 1);

        await confirmFrom(confirm);
        n.clock.advance(1000);
        await n.post(site, 'story-1', { name: 'Carol <c>', email: fresh('carol'), parentId: first.id, body: 'Nice <b>point</b>' });
        await n.post(site, 'story-1', { name: 'Asha', email: asha, parentId: first.id, body: 'Answering myself' });
        await n.drain();
        const mails = mailsTo(asha);
        assert.equal(mails.length, 2, 'one reply email (her own reply is not mailed to her)');
        const reply = mails[1]!;
        assert.equal(reply.subject, 'New reply to your comment on “Story one”');
        assert.match(reply.text, /Carol <c> replied to your comment:\n> Nice <b>point<\/b>/);
        assert.match(reply.html, /Nice &#60;b&#62;point&#60;\/b&#62;/);
        assert.match(reply.text, /Stop emails about this discussion: http:\/\/localhost:3000\/notify\/unsubscribe\?t=/);
        assert.match(reply.text, /Stop all emails from The Daily <Example>: http/);
        assert.match(reply.text, /Read the discussion: https:\/\/news\.example\/Story%20one/);
        assert.match(reply.messageId, /^<parley\.mail\.\d+@news\.example>$/);
        assert.equal(reply.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
        assert.equal(reply.header('auto-submitted'), 'auto-generated');

        // A confirmed address is proof of authorship the trust rule can use; an unconfirmed one is not.
        const facts = async (email: string) => {
          const [ctx] = await findPostingContexts(n.t.deps.database, [
            { siteId: site.id, articleKey: 'story-1', parentId: null, ipHash: 'x', email, body: 'b', now: n.clock.now(), floodSince: null, duplicateSince: null },
          ]);
          return ctx!.author.emailConfirmed;
        };
        assert.equal(await facts(asha), true);
        assert.equal(await facts('stranger@example.com'), false);
      });

      it('batches a busy thread into one email per ten minutes and caps emails per address per hour', async () => {
        const site = await n.t.createSite();
        const asha = fresh('busy');
        const c = await confirmedReader(site, 'busy-1', asha, 'Busy');
        const base = mailsTo(asha).length;
        await n.post(site, 'busy-1', { name: 'R1', email: fresh('r'), parentId: c, body: 'one' });
        await n.drain();
        assert.equal(mailsTo(asha).length, base + 1);
        for (const name of ['R2', 'R3', 'R4']) await n.post(site, 'busy-1', { name, email: fresh('r'), parentId: c, body: `from ${name}` });
        await n.drain();
        assert.equal(mailsTo(asha).length, base + 1, 'nothing within ten minutes of the last email');
        n.clock.advance(10 * MIN);
        await n.drain();
        const batch = mailsTo(asha).slice(base + 1);
        assert.equal(batch.length, 1);
        assert.equal(batch[0]!.subject, '3 new replies to your comments on “Busy”');
        for (const name of ['R2', 'R3', 'R4']) assert.match(batch[0]!.text, new RegExp(`${name} replied`));

        // Twelve threads answered at once: ten emails this hour (the confirmation counted), the rest after.
        n.clock.advance(2 * 60 * MIN);
        const bob = fresh('capped');
        const parents: number[] = [];
        for (let i = 0; i < 12; i++) parents.push(await confirmedReader(site, `cap-${i}`, bob, `Cap ${i}`));
        for (let i = 0; i < 12; i++) await n.post(site, `cap-${i}`, { name: 'Someone', email: fresh('s'), parentId: parents[i], body: `reply ${i}` });
        await n.drain();
        assert.equal(mailsTo(bob).length, 10, 'the confirmation and nine replies');
        n.clock.advance(60 * MIN);
        await n.drain();
        const replies = mailsTo(bob).filter((m) => m.subject.startsWith('New reply'));
        assert.equal(replies.length, 12, 'every reply arrived, none twice');
        assert.equal(new Set(replies.map((m) => m.messageId)).size, 12);
      });

      it('unsubscribes from a thread and from the site by link, and by the RFC 8058 one-click POST', async () => {
        const site = await n.t.createSite();
        const asha = fresh('unsub');
        const a = await confirmedReader(site, 'u-1', asha, 'U one');
        const b = await confirmedReader(site, 'u-2', asha, 'U two');
        await n.post(site, 'u-1', { name: 'R', email: fresh('r'), parentId: a, body: 'hello' });
        await n.drain();
        const email = mailsTo(asha).at(-1)!;
        const page = await n.open(linkIn(email.text, /^Stop emails about this discussion/));
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.match(html, /no more emails about this discussion/);
        assert.match(html, /action="\/notify\/resubscribe"/, 'one click, with a way back');
        const count = mailsTo(asha).length;
        n.clock.advance(11 * MIN);
        await n.post(site, 'u-1', { name: 'R', email: fresh('r'), parentId: a, body: 'after leaving the thread' });
        await n.post(site, 'u-2', { name: 'R', email: fresh('r'), parentId: b, body: 'in the other thread' });
        await n.drain();
        assert.equal(mailsTo(asha).length, count + 1);
        const other = mailsTo(asha).at(-1)!;
        assert.match(other.text, /in the other thread/);

        // A mail client's "Unsubscribe" button: POST List-Unsubscribe=One-Click to the header's URL.
        const target = /^<(.+)>$/.exec(other.header('list-unsubscribe')!)![1]!;
        const res = await n.open(target, form('List-Unsubscribe=One-Click'));
        assert.equal(res.status, 200);
        n.clock.advance(11 * MIN);
        await n.post(site, 'u-2', { name: 'R', email: fresh('r'), parentId: b, body: 'after leaving the site' });
        // Someone ticking the box with her address again needs a new confirmation first (none within 30 days).
        await n.post(site, 'u-3', { name: 'Not Asha', email: asha, notify: true, body: 'impostor' });
        await n.drain();
        assert.equal(mailsTo(asha).length, count + 1, 'nothing after unsubscribing from the site');
      });

      it('writes in Hindi for a Hindi site', async () => {
        const site = await n.t.createSite({ name: 'दैनिक समाचार', locale: 'hi' });
        const asha = fresh('hindi');
        const c = await n.post(site, 'hi-1', { name: 'आशा', email: asha, notify: true, body: 'पहली टिप्पणी', article: article('चुनाव') });
        await n.drain();
        const confirm = mailsTo(asha)[0]!;
        assert.equal(confirm.subject, 'दैनिक समाचार से जवाबों की ईमेल सूचनाएँ पक्की करें');
        assert.match(confirm.html, /<html lang="hi">/);
        const page = await n.open(linkIn(confirm.text, /पक्की/));
        assert.match(await page.text(), /<html lang="hi">[\s\S]*पक्का करें/);
        await confirmFrom(confirm);
        await n.post(site, 'hi-1', { name: 'रवि', email: fresh('r'), parentId: c.id, body: 'सहमत हूँ' });
        await n.drain();
        const reply = mailsTo(asha)[1]!;
        assert.equal(reply.subject, '“चुनाव” पर आपकी टिप्पणी का नया जवाब');
        assert.match(reply.text, /रवि ने आपकी टिप्पणी का जवाब दिया:\n> सहमत हूँ/);
        assert.match(reply.text, /इस चर्चा की ईमेल बंद करें: http/);
      });
    }
    if (part === 'desk') {
      it("tells a confirmed reader their held comment is published when the site asks for it", async () => {
        const admin = await n.session('admin');
        const site = await n.t.createSite({ settings: { mode: 'pre', notifyOnApproval: true } });
        const quiet = await n.t.createSite({ settings: { mode: 'pre' } });
        for (const [s, expect] of [
          [site, 1],
          [quiet, 0],
        ] as const) {
          const asha = fresh('held');
          const c = await confirmedReader(s, 'held-1', asha, 'Held story');
          const before = mailsTo(asha).length;
          const res = await n.call(admin, 'POST', `/admin/comments/${c}/actions`, { action: 'approve' });
          assert.equal(res.status, 200);
          await n.drain();
          const after = mailsTo(asha).slice(before);
          assert.equal(after.length, expect);
          if (expect) {
            assert.equal(after[0]!.subject, 'Your comment on “Held story” is published');
            assert.match(after[0]!.text, /Your comment is now published:/);
          }
        }
      });

      it('alerts moderators immediately or in an hourly digest, linking to the comment, and stops on request', async () => {
        const site = await n.t.createSite({ name: 'Alert Site', settings: { mode: 'pre', reportThreshold: 1 } });
        const now = await n.session('moderator', [site]);
        const hourly = await n.session('moderator', [site]);
        const never = await n.session('moderator', [site]);
        const stranger = await n.session('moderator', []);
        assert.equal((await n.call(now, 'PUT', '/admin/alerts', { alerts: [{ site: site.slug, cadence: 'immediate' }] })).status, 200);
        assert.equal((await n.call(hourly, 'PUT', '/admin/alerts', { alerts: [{ site: site.slug, cadence: 'hourly' }] })).status, 200);
        assert.equal((await n.call(stranger, 'PUT', '/admin/alerts', { alerts: [{ site: site.slug, cadence: 'immediate' }] })).status, 404);
        // The outbox backlog counts every site's mail: admins see it, a moderator of one site does not.
        const asModerator = (await (await n.call(stranger, 'GET', '/admin/notifications')).json()) as { email: boolean; backlog: unknown };
        assert.equal(asModerator.email, true);
        assert.equal(asModerator.backlog, null);
        const asAdmin = (await (await n.call(await n.session('admin'), 'GET', '/admin/notifications')).json()) as { backlog: { mails: number } | null };
        assert.equal(typeof asAdmin.backlog?.mails, 'number');
        const listed = (await (await n.call(never, 'GET', '/admin/alerts')).json()) as { alerts: Array<{ site: string; cadence: string }> };
        assert.deepEqual(listed.alerts.find((a) => a.site === site.slug)?.cadence, 'never', 'no emails until a moderator chooses');

        n.clock.set('2026-11-25T10:20:00Z');
        const held = await n.post(site, 'alerts-1', { name: 'Spammy <s>', body: 'Buy now', article: article('Alerts') });
        await n.drain();
        const first = n.smtp.to(now.email);
        assert.equal(first.length, 1);
        assert.equal(first[0]!.subject, 'A comment on Alert Site needs review');
        assert.match(first[0]!.text, new RegExp(`Review in the admin view: ${PUBLIC_URL}/admin#comment/${held.id}`));
        assert.match(first[0]!.text, /Held: Spammy <s> — Alerts\n> Buy now/);
        assert.equal(n.smtp.to(hourly.email).length, 0);
        assert.equal(n.smtp.to(never.email).length, 0);

        // A second held comment within the minute waits, then goes in one email with a reported one.
        const second = await n.post(site, 'alerts-1', { name: 'Two', body: 'second', article: article('Alerts') });
        const admin = await n.session('admin');
        const approved = await n.post(site, 'alerts-1', { name: 'Three', body: 'third', article: article('Alerts') });
        await n.call(admin, 'POST', `/admin/comments/${approved.id}/actions`, { action: 'approve' });
        const report = await n.t.app.request(
          `/api/v1/sites/${site.slug}/articles/alerts-1/comments/${approved.id}/reports`,
          jsonRequest('POST', { reason: 'abusive' }, { 'x-forwarded-for': '203.0.113.77' }),
        );
        assert.equal(report.status, 202);
        await n.drain();
        assert.equal(n.smtp.to(now.email).length, 1);
        n.clock.advance(MIN);
        await n.drain();
        const batch = n.smtp.to(now.email)[1]!;
        // The third was approved meanwhile, so it is listed only as reported.
        assert.equal(batch.subject, '2 comments on Alert Site need review');
        assert.match(batch.text, new RegExp(`/admin#comment/${second.id}`));
        assert.match(batch.text, /Reported: Three — Alerts/);

        // The hourly digest comes at the top of the hour, with what still waits.
        assert.equal(n.smtp.to(hourly.email).length, 0);
        n.clock.set('2026-11-25T11:00:00Z');
        await n.drain();
        const digest = n.smtp.to(hourly.email);
        assert.equal(digest.length, 1);
        assert.match(digest[0]!.subject, /^Hourly summary: \d comments on Alert Site need review$/);

        // The alert's List-Unsubscribe turns the moderator's alerts off for the site.
        const target = /^<(.+)>$/.exec(first[0]!.header('list-unsubscribe')!)![1]!;
        assert.equal((await n.open(target, form('List-Unsubscribe=One-Click'))).status, 200);
        const mine = (await (await n.call(now, 'GET', '/admin/alerts')).json()) as { alerts: Array<{ site: string; cadence: string }> };
        assert.equal(mine.alerts.find((a) => a.site === site.slug)?.cadence, 'never');
        await n.post(site, 'alerts-1', { name: 'Four', body: 'fourth', article: article('Alerts') });
        n.clock.advance(5 * MIN);
        await n.drain();
        assert.equal(n.smtp.to(now.email).length, 2);
      });

      it('alerts admins when the scorer has been unavailable longer than the threshold', async () => {
        const admin = await n.session('admin');
        const original = n.t.deps.scorer;
        const down: Scorer = { name: 'perspective', score: original.score.bind(original), health: () => ({ ok: false, detail: 'circuit open after timeouts' }) };
        n.t.deps.scorer = down;
        try {
          await n.worker.runOnce();
          n.clock.advance(14 * MIN);
          await n.drain();
          assert.equal(n.smtp.to(admin.email).filter((m) => /scoring/.test(m.subject)).length, 0);
          n.clock.advance(2 * MIN);
          await n.drain();
          await n.drain();
          const alerts = n.smtp.to(admin.email).filter((m) => /scoring/.test(m.subject));
          assert.equal(alerts.length, 1);
          assert.equal(alerts[0]!.subject, 'Comment scoring has been unavailable for 15 minutes');
          assert.match(alerts[0]!.text, /perspective.*circuit open after timeouts/);
        } finally {
          n.t.deps.scorer = original;
        }
      });
    }
    if (part === 'readers') {
      it('caps confirmation emails per client address and per address', async () => {
        const site = await n.t.createSite();
        const ip = '203.0.113.9';
        const addresses = Array.from({ length: 7 }, () => fresh('ip'));
        for (const email of addresses) await n.post(site, 'ip-1', { email, notify: true }, ip);
        const roaming = fresh('roam');
        for (let i = 0; i < 5; i++) await n.post(await n.t.createSite(), 'roam-1', { email: roaming, notify: true });
        await n.drain();
        const sent = addresses.filter((a) => mailsTo(a).length > 0).length;
        assert.equal(sent, 5, 'five confirmations an hour from one client address');
        assert.equal(mailsTo(roaming).length, 3, 'three confirmations a day to one address');
      });
    }
    if (part === 'desk') {
      it("puts subscriptions and emails in an address's export, and erases them", async () => {
        const admin = await n.session('admin');
        const site = await n.t.createSite();
        const asha = fresh('gdpr');
        const c = await confirmedReader(site, 'gdpr-1', asha, 'Privacy');
        await n.post(site, 'gdpr-1', { name: 'R', email: fresh('r'), parentId: c, body: 'reply' });
        await n.drain();
        type Export = { subscriptions: Array<{ site: string; confirmedAt: string | null; threads: unknown[] }>; emails: Array<{ kind: string; status: string }> };
        const exported = (await (await n.call(admin, 'GET', `/admin/privacy/export?email=${encodeURIComponent(asha)}`)).json()) as Export;
        assert.equal(exported.subscriptions.length, 1);
        assert.equal(exported.subscriptions[0]!.site, site.slug);
        assert.ok(exported.subscriptions[0]!.confirmedAt);
        assert.equal(exported.subscriptions[0]!.threads.length, 1);
        assert.deepEqual(exported.emails.map((e) => `${e.kind}:${e.status}`), ['confirm:sent', 'reader:sent']);
        assert.equal((await n.call(admin, 'POST', '/admin/privacy/erase', { email: asha })).status, 200);
        const erased = (await (await n.call(admin, 'GET', `/admin/privacy/export?email=${encodeURIComponent(asha)}`)).json()) as Export;
        assert.deepEqual(erased.subscriptions, []);
        assert.deepEqual(erased.emails, []);
      });

      it('keeps the SMTP password out of logs and answers, and shows the backlog in /readyz', async () => {
        const ready = await n.t.app.request('/readyz');
        const body = (await ready.json()) as { notifications: { email: string; backlog: { mails: number; events: number } } };
        assert.equal(body.notifications.email, 'on');
        assert.equal(typeof body.notifications.backlog.mails, 'number');
        assert.ok(!n.t.logs.text.includes(SMTP_PASSWORD));
        assert.ok(!JSON.stringify(body).includes(SMTP_PASSWORD));
      });
    }
  });

  if (part === 'desk') describe(`notification emails off (${driver})`, { skip: skipFor(driver) }, () => {
    it('says so in /readyz, the admin view and the widget config, and subscribes nobody', async () => {
      const t = await createTestApp({ driver });
      try {
        const site = await t.createSite();
        const ready = (await (await t.app.request('/readyz')).json()) as { notifications: { email: string } };
        assert.match(ready.notifications.email, /^off/);
        const config = (await (await t.app.request(`/api/v1/sites/${site.slug}/config`)).json()) as { site: { notify: boolean } };
        assert.equal(config.site.notify, false);
        const res = await t.app.request(
          `/api/v1/sites/${site.slug}/articles/x/comments`,
          jsonRequest('POST', { name: 'A', email: 'a@example.com', body: 'hi', notify: true }, { 'x-forwarded-for': '192.0.2.50' }),
        );
        assert.equal(res.status, 201);
        const subs = await t.deps.db.execute('select count(*)::int as n from subscribers');
        const rows = Array.isArray(subs) ? subs : (subs as { rows: Array<{ n: number }> }).rows;
        assert.equal(Number((rows[0] as { n: number }).n), 0);
      } finally {
        await t.close();
      }
    });
  });
}
