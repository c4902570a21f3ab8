// The moderator view in Chromium against a real Parley: log in, watch a held comment arrive live,
// approve it with the keyboard, find it in the public thread; plus text-not-HTML, help, axe, i18n.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatViolations, useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, screenshot } from '../helpers/browser.js';

const EMAIL = 'mod@example.com';
const PASSWORD = 'correct horse battery';
const ARTICLE = 'admin-e2e-story';
const XSS = '<img src=x onerror=alert(1)>';

describe('admin view in Chromium', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: EMAIL, password: PASSWORD });
  const { dialogs, pageErrors } = admin;
  // Bound per test: the page and server exist once the hooks have run.
  let page: typeof admin.page;
  let server: typeof admin.server;
  before(() => {
    page = admin.page;
    server = admin.server;
  });
  const postComment = (body: string, name: string) => admin.postHeld(ARTICLE, body, name);
  const runAxe = () => admin.runAxe();

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
    // j typed as the help closes: the dialog's close event (which gives focus back to where it was
    // opened) runs a task after Escape, and must not take focus back from the card j moved to.
    // Closing and typing in one script makes that order certain instead of a race.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await page.evaluate(() => {
      // No named functions in here: the test runner's transform would wrap them in a helper the page lacks.
      const roots: Array<Document | ShadowRoot> = [document];
      let open: HTMLDialogElement | undefined;
      while (!open && roots.length) {
        for (const el of roots.pop()!.querySelectorAll('*')) {
          if (el instanceof HTMLDialogElement && el.open) open = el;
          if (el.shadowRoot) roots.push(el.shadowRoot);
        }
      }
      open?.close();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
    });
    await help.waitFor({ state: 'hidden' });
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

    const thread = await admin.publicThread(ARTICLE, (t) => t.comments.some((c) => c.id === firstId));
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

  it('bans an author from a card, rejecting their held comment', async () => {
    await tab(/Pending/).click();
    await postComment('Cheap watches at my site, visit now', 'Spammy');
    const c = card('Cheap watches');
    await c.waitFor();
    await c.getByRole('button', { name: 'Ban author Spammy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ban Spammy' });
    await dialog.waitFor();
    assert.ok(await dialog.getByLabel(/Their email/).isChecked());
    assert.ok(await dialog.getByLabel('Also reject their held comments').isChecked());
    await dialog.getByLabel('For how long').selectOption('7');
    await dialog.getByLabel('Why (moderators only)').fill('link spam');
    await dialog.getByRole('button', { name: 'Ban author' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Spammy is banned; 1 held' }).waitFor();
    await c.waitFor({ state: 'detached' });
    await tab(/Rejected\s*2/).waitFor();

    // The ban holds for the public API too.
    const tokenRes = await fetch(`${server.url}/api/v1/sites/demo/form-token`);
    const { token } = (await tokenRes.json()) as { token: string };
    admin.advanceClock(5000);
    const res = await fetch(`${server.url}/api/v1/sites/demo/articles/${ARTICLE}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': '198.51.100.7' },
      body: JSON.stringify({ body: 'Let me back in', name: 'Spammy', email: 'spammy@example.com', formToken: token }),
    });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'AUTHOR_BANNED');
  });

  it('selects with x and the checkboxes, then marks both as spam in bulk', async () => {
    await postComment('Bulk one: buy followers', 'Bulk One');
    await postComment('Bulk two: buy likes', 'Bulk Two');
    await card('Bulk two').waitFor();
    // Mallory's rejected comment is gone from Pending, so the two new ones are all there is.
    assert.equal(await page.locator('article.card').count(), 2);
    await page.getByRole('heading', { name: 'Moderation queue' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByText('1 selected').waitFor();
    // Whichever card j landed on is selected; the checkbox selects the other.
    for (const box of await page.locator('article.card').getByRole('checkbox').all()) await box.check();
    await page.getByText('2 selected').waitFor();
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Spam', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Spam: 2 updated, 0 skipped' }).waitFor();
    assert.equal(await page.locator('article.card').count(), 0);
    await tab(/Spam\s*2/).waitFor();
    await page.getByText('Nothing is waiting for review.').waitFor();
  });

  it('edits site settings, copies the embed snippet and lifts a ban', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('heading', { name: 'Sites', exact: true }).waitFor();
    const snippet = page.getByLabel('Paste this where comments');
    assert.match(await snippet.inputValue(), /<parley-comments site="demo">/);
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page.getByRole('status').filter({ hasText: 'Snippet copied.' }).waitFor();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /site="demo"/);

    // The "Add a site" form has fields of the same names; the settings form is the one with Save.
    const settings = () => page.locator('form').filter({ has: page.getByRole('button', { name: 'Save', exact: true }) });
    await settings().getByLabel('Hold at toxicity').fill('0.7');
    await settings().getByLabel('Hold comments containing').fill('बकवास\nrubbish');
    await settings().getByLabel('Moderation mode').selectOption('pre');
    await settings().getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /^Saved / }).waitFor();

    // A refused origin is reported at its field, and nothing is saved.
    const origins = settings().getByLabel('Allowed origins');
    const before = await origins.inputValue();
    await origins.fill('not an origin');
    await settings().getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' }).waitFor();
    assert.equal(await origins.getAttribute('aria-invalid'), 'true');
    await page.getByText('is not an http(s) origin').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Sites', exact: true }).waitFor();
    assert.equal(await settings().getByLabel('Hold at toxicity').inputValue(), '0.7');
    assert.equal(await settings().getByLabel('Hold comments containing').inputValue(), 'बकवास\nrubbish');
    assert.equal(await settings().getByLabel('Moderation mode').inputValue(), 'pre');
    assert.equal(await settings().getByLabel('Allowed origins').inputValue(), before);

    // The ban (by email, the default) is listed on the Bans page, readable, and lifted there.
    await page.getByRole('link', { name: 'Bans', exact: true }).click();
    await page.getByRole('heading', { name: 'Bans', exact: true }).waitFor();
    await page.getByText('why: link spam').waitFor();
    await page.getByRole('button', { name: 'Lift ban spammy@example.com' }).click();
    await page.getByRole('status').filter({ hasText: 'Ban on spammy@example.com lifted.' }).waitFor();
    await page.getByText('0 bans in force.').waitFor();
    const violations = await runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));
  });

  it('creates a moderator assigned to the demo site', async () => {
    await page.getByRole('link', { name: 'Moderators' }).click();
    await page.getByRole('heading', { name: 'Moderators', exact: true }).waitFor();
    await page.getByText('Add a moderator').click();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create' }) });
    await form.getByLabel('Email').fill('priya@example.com');
    await form.getByLabel('Name').fill('Priya');
    await form.getByLabel('Role').selectOption('moderator');
    await form.getByRole('checkbox').first().check();
    await form.getByLabel('Password').fill('priya password 1');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('status').filter({ hasText: 'Created priya@example.com' }).waitFor();
    await page.getByRole('heading', { name: 'Priya' }).waitFor();
    const violations = await runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));
  });

  it('lists and filters the audit log', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.locator('li.entry').filter({ hasText: 'Changed site settings' }).first().waitFor();
    await page.locator('li.entry').filter({ hasText: /^\s*Approved/ }).first().waitFor();
    await page.getByLabel('Action').selectOption('ban');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() => {
      const root = document.querySelector('parley-admin')?.shadowRoot?.querySelector('parley-admin-audit')?.shadowRoot;
      const entries = [...(root?.querySelectorAll('li.entry strong') ?? [])].map((e) => e.textContent);
      return entries.length > 0 && entries.every((t) => t === 'Banned');
    });
  });

  it('fits a 360 px wide screen and switches to Hindi', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('link', { name: 'Queue' }).click();
    await tab(/Rejected/).click();
    await card(XSS).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 360 px`);

    await card(XSS).locator('.reasons').getByText('first comment from this email').waitFor();
    await page.getByLabel('Language').selectOption('hi');
    await page.getByRole('heading', { name: 'मॉडरेशन कतार' }).waitFor();
    await tab(/अस्वीकृत/).waitFor();
    // Reasons are worded from their code in the moderator's language, not shown as stored English.
    await card(XSS).locator('.reasons').getByText('इस ईमेल से पहली टिप्पणी').waitFor();
    const violations = await runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));
    await page.getByLabel('भाषा').selectOption('en');
    await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });

  it('keeps the next session when a request of the one before it is refused after the next login', async () => {
    // The queue's load sent just before a logout is answered 401 for the session that ended. Arriving
    // after the next login (a loaded machine, a slow query), it once logged that new session out too.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held: import('playwright-core').Request | undefined;
    // Released, the browser would send the held request with the cookie it has then. A request a slow
    // server reads late was sent with the cookie of its own time: the server's answer to that cookie,
    // asked for here, is what the page gets.
    const then = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await page.route('**/api/v1/admin/comments?*', async (route) => {
      if (held) return route.continue();
      held = route.request();
      await released;
      const answer = await fetch(route.request().url(), { headers: { ...(await route.request().allHeaders()), cookie: then } });
      // fetch has decoded the body: its encoding and length headers no longer describe it.
      const headers = Object.fromEntries([...answer.headers].filter(([name]) => name !== 'content-encoding' && name !== 'content-length'));
      await route.fulfill({ status: answer.status, headers, body: Buffer.from(await answer.arrayBuffer()) });
    });
    try {
      await tab(/Pending/).click();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Log in to moderate' }).waitFor();
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
      assert.ok(held, 'the queue asked for its comments before the logout');
      release();
      const response = (await held.response())!;
      assert.equal(response.status(), 401, 'the held request was sent with the session that ended');
      await response.finished();
      // Let the page read the answer and render whatever it does with it.
      await page.evaluate(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        await (document.querySelector('parley-admin') as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      });
      assert.equal(await page.getByRole('heading', { name: 'Log in to moderate' }).count(), 0);
      await page.getByRole('link', { name: 'Moderators' }).waitFor();
    } finally {
      release();
      await page.unroute('**/api/v1/admin/comments?*');
    }
  });

  it('gives a moderator only the queue, and refuses a disabled account', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in to moderate' }).waitFor();
    await page.getByLabel('Email').fill('priya@example.com');
    await page.getByLabel('Password').fill('priya password 1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Sites' }).count(), 0);
    await page.goto(`${server.url}/admin#sites`);
    await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();

    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Moderators' }).click();
    await page.getByRole('button', { name: 'Disable priya@example.com' }).click();
    await page.getByRole('status').filter({ hasText: 'priya@example.com is disabled' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();

    await page.getByLabel('Email').fill('priya@example.com');
    await page.getByLabel('Password').fill('priya password 1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'This account is disabled' }).waitFor();
  });

  it('tells how long to wait when logins are locked', async () => {
    const alert = page.getByRole('alert');
    await page.getByLabel('Email').fill('nobody@example.com');
    // Five failures lock the account and this address; the answer says for how long.
    for (let i = 0; i < 6; i++) {
      await page.getByLabel('Password').fill(`wrong ${i}`);
      // The form clears its alert on submit, so the alert seen after the answer is this attempt's.
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/login')),
        page.getByRole('button', { name: 'Log in' }).click(),
      ]);
      await alert.waitFor();
      if (/Too many failed attempts/.test((await alert.textContent()) ?? '')) break;
    }
    await alert.filter({ hasText: /Too many failed attempts\. Try again in 15 minutes\./ }).waitFor();
  });
});
