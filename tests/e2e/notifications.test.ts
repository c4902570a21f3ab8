// Notifications in Chromium: the reader's opt-in in the widget (unticked, sent with the post, a
// confirmation email arriving), a moderator choosing alerts and opening one from its email, and an
// admin adding a webhook, reading its secret once, sending a test event and reading the log.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatViolations, useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, fillForm, PAST_MIN_SUBMIT, postButton, screenshot, useDemoBrowser, type DemoServer } from '../helpers/browser.js';
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp.js';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver.js';

const skip = browserSkipReason();
// The servers start in before() hooks, after these exist; their URLs are read then.
let smtp: FakeSmtp;
let hooks: WebhookReceiver;

describe('notifications in Chromium', { skip }, () => {
  before(async () => {
    [smtp, hooks] = await Promise.all([startFakeSmtp(), startWebhookReceiver()]);
  });
  after(async () => {
    await Promise.all([smtp?.close(), hooks?.close()]);
  });

  describe('the widget opt-in', () => {
    let demo: DemoServer;
    const env = { PARLEY_NOTIFY_INTERVAL_MS: '100' };
    // SMTP_URL is only known once the fake server listens: set it before the demo server starts.
    before(() => {
      Object.assign(env, { SMTP_URL: smtp.url });
    });
    const open = useDemoBrowser(env, (d) => {
      demo = d;
    });

    it('offers "Notify me of replies by email", unticked; ticked, the post subscribes and a confirmation arrives', async () => {
      await demo.reset({ mode: 'post', floodSeconds: 0 });
      const { page, w, errors } = await open();
      const box = w.getByRole('checkbox', { name: 'Notify me of replies by email.' });
      await box.waitFor();
      assert.equal(await box.isChecked(), false, 'unticked by default');
      let sent: Record<string, unknown> | undefined;
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/comments')) sent = r.postDataJSON() as Record<string, unknown>;
      });
      await fillForm(w, { body: 'Tell me when someone answers.', name: 'Meera Iyer', email: 'meera.optin@example.com' });
      await box.check();
      demo.advance(PAST_MIN_SUBMIT);
      await postButton(w).click();
      await w.getByText('The first time, confirm your address with the link we email you.').waitFor();
      assert.equal(sent?.notify, true);
      assert.equal(await box.isChecked(), false, 'the next comment starts unticked again');
      await smtp.waitFor((m) => m.some((x) => x.to.includes('meera.optin@example.com')));
      const mail = smtp.to('meera.optin@example.com')[0]!;
      // Emails speak the site's language: the demo site is Hindi (its article is English).
      assert.equal(mail.subject, 'समाचार दर्पण से जवाबों की ईमेल सूचनाएँ पक्की करें');
      await screenshot(page, 'widget-notify-optin');

      // Posting without the box ticked sends no opt-in.
      await fillForm(w, { body: 'A second thought, no emails please.', name: 'Meera Iyer', email: 'meera.optin@example.com' });
      demo.advance(PAST_MIN_SUBMIT);
      await postButton(w).click();
      await w.getByText('A second thought').first().waitFor();
      assert.equal(sent?.notify, undefined);
      assert.deepEqual(errors, []);
    });
  });

  describe('the admin view', () => {
    const EMAIL = 'alerts-admin@example.com';
    const PASSWORD = 'alerts and webhooks';
    const env: Record<string, string> = { PARLEY_NOTIFY_INTERVAL_MS: '100' };
    before(() => {
      env.SMTP_URL = smtp.url;
    });
    const admin = useAdminBrowser({ email: EMAIL, password: PASSWORD }, env);
    let page: typeof admin.page;
    let server: typeof admin.server;
    before(() => {
      ({ page, server } = admin);
    });
    const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

    it('logs in', async () => {
      await page.goto(`${server.url}/admin`);
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
    });

    it("sets a moderator's alerts, and the alert's link opens the comment, ready to approve", async () => {
      await page.getByRole('link', { name: 'Alerts' }).click();
      await page.getByRole('heading', { name: 'Email alerts' }).waitFor();
      await page.getByText('Notification emails are sent from').waitFor();
      const select = page.getByLabel(/\(demo\)$/);
      assert.equal(await select.inputValue(), 'never');
      await select.selectOption('immediate');
      await page.getByRole('button', { name: 'Save' }).click();
      await status('Alert settings saved.').waitFor();
      const violations = await admin.runAxe();
      assert.deepEqual(violations, [], formatViolations(violations));
      await screenshot(page, 'admin-alerts');
      await page.reload();
      await page.getByRole('heading', { name: 'Email alerts' }).waitFor();
      assert.equal(await page.getByLabel(/\(demo\)$/).inputValue(), 'immediate');

      const { id } = await admin.postHeld('demo-article-1', 'Is this held for review?', 'Kabir');
      await smtp.waitFor((m) => m.some((x) => x.to.includes(EMAIL) && x.text.includes(`#comment/${id}`)));
      const alert = smtp.to(EMAIL).find((x) => x.text.includes(`#comment/${id}`))!;
      const link = /Review in the admin view: (\S+)/.exec(alert.text)![1]!;
      assert.equal(new URL(link).hash, `#comment/${id}`);
      await page.goto(`${server.url}/admin${new URL(link).hash}`);
      await page.getByRole('heading', { name: `Comment ${id}` }).waitFor();
      await page.getByText('Is this held for review?').waitFor();
      // The alert's page opens the same author and thread views a queue card does.
      await page.getByRole('button', { name: 'Author Kabir', exact: true }).click();
      const author = page.getByRole('dialog', { name: 'Author: Kabir' });
      await author.getByRole('heading', { name: 'Decisions' }).waitFor();
      await page.keyboard.press('Escape');
      await author.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'Thread comment by Kabir' }).click();
      const threadDialog = page.getByRole('dialog', { name: 'The comment in its thread' });
      await threadDialog.getByText('Is this held for review?').first().waitFor();
      await page.keyboard.press('Escape');
      await threadDialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'Approve comment by Kabir' }).click();
      await status('Done.').waitFor();
      const thread = await admin.publicThread('demo-article-1', (t) => t.comments.some((c) => c.id === id));
      assert.ok(thread.comments.some((c) => c.id === id), 'approved from the alert');
    });

    it('adds a webhook, shows its secret once, sends a signed test event and logs the answer', async () => {
      await page.goto(`${server.url}/admin#webhooks`);
      await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
      await page.getByText('No endpoints yet.').waitFor();
      await page.getByLabel('URL', { exact: true }).fill(hooks.url);
      await page.getByLabel('comment.approved').check();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await status('Endpoint added.').waitFor();
      const secret = await page.getByLabel('Signing secret').inputValue();
      assert.match(secret, /^whsec_/);
      hooks.secrets = [secret];
      await page.getByRole('button', { name: 'Send test event' }).click();
      await hooks.waitFor((r) => r.some((h) => (h.json as { type?: string }).type === 'parley.test'));
      assert.equal(hooks.received.at(-1)!.verified, true);
      await page.locator('tr.delivery.delivered').first().waitFor();
      assert.match(await page.locator('tr.delivery').first().textContent() ?? '', /parley\.test[\s\S]*delivered[\s\S]*200/);
      const violations = await admin.runAxe();
      assert.deepEqual(violations, [], formatViolations(violations));
      await screenshot(page, 'admin-webhooks');

      await page.reload();
      await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
      await page.getByRole('button', { name: 'Send test event' }).waitFor();
      assert.equal(await page.getByLabel('Signing secret').count(), 0, 'the secret is not shown again');
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      await status('New secret created').waitFor();
      const rotated = await page.getByLabel('Signing secret').inputValue();
      assert.notEqual(rotated, secret);
      assert.deepEqual(admin.pageErrors, []);
    });
  });
});
