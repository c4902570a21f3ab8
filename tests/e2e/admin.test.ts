// The moderator view in Chromium against a real Parley: log in, watch a held comment arrive live,
// approve it with the keyboard, find it in the public thread; plus text-not-HTML, help, axe, i18n.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, ensureWidgetBuilt, launchBrowser, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const EMAIL = 'mod@example.com';
const PASSWORD = 'correct horse battery';
const ARTICLE = 'admin-e2e-story';
const XSS = '<img src=x onerror=alert(1)>';

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>;
}

describe('admin view in Chromium', { skip: browserSkipReason() }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  // The server's clock runs ahead on demand, so a form token is old enough (minSubmitSeconds)
  // without the test sleeping.
  let skewMs = 0;
  let ipCounter = 0;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  before(async () => {
    await ensureWidgetBuilt();
    server = await startTestServer({
      now: () => new Date(Date.now() + skewMs),
      env: { PARLEY_ADMIN_EMAIL: EMAIL, PARLEY_ADMIN_PASSWORD: PASSWORD },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Posts through the public API the way the reader widget does; held comments answer 202. */
  async function postComment(body: string, name: string): Promise<{ id: number }> {
    const tokenRes = await fetch(`${server.url}/api/v1/sites/demo/form-token`);
    const { token } = (await tokenRes.json()) as { token: string };
    skewMs += 5000;
    const res = await fetch(`${server.url}/api/v1/sites/demo/articles/${ARTICLE}/comments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: server.url,
        // A distinct reader address each time, so flood control sees different readers.
        'x-forwarded-for': `203.0.113.${++ipCounter}`,
      },
      body: JSON.stringify({ body, name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`, formToken: token }),
    });
    const json = (await res.json()) as { comment: { id: number; status: string } };
    assert.equal(res.status, 202, JSON.stringify(json));
    assert.equal(json.comment.status, 'pending');
    return json.comment;
  }

  async function runAxe(): Promise<AxeResult['violations']> {
    // evaluate() is not subject to the page's CSP (script-src 'self'), unlike an injected <script>.
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
    // axe walks open shadow roots from the document, which is where every admin element renders.
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe;
      return axe.run(document, { resultTypes: ['violations'] });
    });
    return result.violations;
  }

  const formatViolations = (v: AxeResult['violations']) =>
    v.map((x) => `${x.id} (${x.impact}): ${x.help} at ${JSON.stringify(x.nodes.map((n) => n.target))}`).join('\n');

  const card = (text: string) => page.locator('article.card').filter({ hasText: text });
  const tab = (name: RegExp) => page.getByRole('tab', { name });

  it('shows an accessible login page and refuses a wrong password', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { name: 'Log in to moderate' }).waitFor();
    const violations = await runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));

    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
  });

  it('logs in and shows the live queue', async () => {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
    await page.locator('[data-live="on"]').waitFor();
    await tab(/Pending\s*0/).waitFor();
  });

  let firstId = 0;

  it('shows a comment held through the public API without a reload', async () => {
    // A reload would drop this marker.
    await page.evaluate(() => ((window as unknown as { parleyMarker: number }).parleyMarker = 1));
    firstId = (await postComment('First time here. The bridge repairs took far too long.\n\nSecond paragraph.', 'Asha')).id;
    const c = card('The bridge repairs');
    await c.waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { parleyMarker?: number }).parleyMarker), 1);
    // Paragraphs survive as paragraphs; the reason the policy held it is listed.
    assert.equal(await c.locator('.body p').count(), 2);
    await c.getByText('first', { exact: false }).first().waitFor();
    await tab(/Pending\s*1/).waitFor();
  });

  it('renders comment text as text: markup shows literally and never runs', async () => {
    await postComment(`Look at this ${XSS} and this <script>alert(2)</script>`, 'Mallory');
    const c = card(XSS);
    await c.waitFor();
    assert.equal(await c.locator('img, script').count(), 0);
    assert.match((await c.locator('.body').textContent()) ?? '', /<img src=x onerror=alert\(1\)>/);
    await tab(/Pending\s*2/).waitFor();
    assert.deepEqual(dialogs, []);
  });

  it('saves a screenshot and passes axe with cards on screen', async () => {
    await screenshot(page, 'admin-queue');
    const violations = await runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));
  });

  it('opens the shortcut help with ? and ignores shortcuts while typing', async () => {
    const search = page.getByLabel('Text contains');
    await search.focus();
    await page.keyboard.type('jars?');
    assert.equal(await search.inputValue(), 'jars?');
    assert.equal(await page.getByRole('dialog').count(), 0);
    await search.fill('');
    await page.getByRole('heading', { name: 'Moderation queue' }).click();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await help.getByText('Next comment', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    // Both comments are still there: none of the typed letters acted on them.
    assert.equal(await page.locator('article.card').count(), 2);
  });

  it('approves with j then a, moves focus to the next card, and the comment is public', async () => {
    await page.keyboard.press('j');
    await page.waitForFunction(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.classList.contains('card') && el.textContent?.includes('The bridge repairs');
    });
    await page.keyboard.press('a');
    await card('The bridge repairs').waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Approved the comment by Asha' }).waitFor();
    // Focus moved on to the next card (Mallory's), ready for the next key.
    await page.waitForFunction(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.classList.contains('card') && el.textContent?.includes('Mallory');
    });
    await tab(/Pending\s*1/).waitFor();
    await tab(/Approved\s*1/).waitFor();

    const res = await fetch(`${server.url}/api/v1/sites/demo/articles/${ARTICLE}/comments`, { headers: { origin: server.url } });
    assert.equal(res.status, 200);
    const thread = (await res.json()) as { comments: Array<{ id: number; body: string }> };
    assert.ok(thread.comments.some((c) => c.id === firstId), 'approved comment is in the public thread');
    assert.ok(!thread.comments.some((c) => c.body.includes(XSS)), 'the held one is not');
  });

  it('rejects with r and lists the comment under Rejected', async () => {
    await page.keyboard.press('r');
    await card(XSS).waitFor({ state: 'detached' });
    await tab(/Rejected\s*1/).waitFor();
    await tab(/Rejected/).click();
    await card(XSS).waitFor();
    await card(XSS).getByRole('button', { name: /^Restore/ }).waitFor();
  });

  it('fits a 360 px wide screen and switches to Hindi', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await card(XSS).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 360 px`);

    await page.getByLabel('Language').selectOption('hi');
    await page.getByRole('heading', { name: 'मॉडरेशन कतार' }).waitFor();
    await tab(/अस्वीकृत/).waitFor();
    const violations = await runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));
    await page.getByLabel('भाषा').selectOption('en');
    await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
