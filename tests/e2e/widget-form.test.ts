// The "Leave a Reply" form in Chromium: validation tied to fields, and the server's flood and
// toxicity-nudge answers (hold and reject band, and a rejection said plainly) shown plainly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  browserSkipReason,
  DEMO_ARTICLE,
  field,
  fillForm,
  PAST_MIN_SUBMIT,
  postButton,
  screenshot,
  waitForFocus,
  type DemoServer,
  useDemoBrowser,
} from '../helpers/browser.js';

const skip = browserSkipReason();

// One server and one browser per file: files run in parallel, each within the runner's time limit.
describe('widget: the Leave a Reply form', { skip }, () => {
  let demo: DemoServer;

  let browser: Browser;
  const open = useDemoBrowser({ PARLEY_SCORER: 'lexicon' }, (d, b) => {
    demo = d;
    browser = b;
  });

  test('validation messages are tied to their fields; server field errors show the same way', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const { page, w } = await open();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });

    await postButton(w).click();
    await waitForFocus(page, 'f-body');
    for (const [name, message] of [
      ['Comment', 'Please write a comment.'],
      ['Name', 'Please enter your name.'],
      ['Email', 'Please enter a valid email address.'],
    ] as const) {
      const input = field(w, name);
      assert.equal(await input.getAttribute('aria-invalid'), 'true', name);
      const describedBy = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
      const texts = await Promise.all(describedBy.map((id) => w.locator(`#${id}`).textContent()));
      assert.ok(texts.includes(message), `${name} is described by "${message}" (got ${JSON.stringify(texts)})`);
    }
    // The email hint stays linked alongside the error.
    assert.match((await field(w, 'Email').getAttribute('aria-describedby')) ?? '', /f-email-hint/);

    await fillForm(w, { body: 'Hello', email: 'not-an-email' });
    await field(w, 'Website').fill('javascript:alert(1)');
    await postButton(w).click();
    await waitForFocus(page, 'f-email');
    await w.getByText('Please enter a valid web address.').waitFor();
    assert.equal(await field(w, 'Comment').getAttribute('aria-invalid'), 'false');
    assert.deepEqual(posts, [], 'nothing is sent while the form is invalid');
    await screenshot(page, 'widget-validation');

    // The server's own rule (a name is at most 80 characters) comes back as a field error.
    await field(w, 'Email').fill('meera@example.com');
    await field(w, 'Website').fill('');
    await field(w, 'Name').fill('N'.repeat(120));
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    await waitForFocus(page, 'f-name');
    assert.equal(await field(w, 'Name').getAttribute('aria-invalid'), 'true');
    assert.equal(posts.length, 1);
  });

  test('typing renders nothing but an error being cleared, so a long thread does not slow it; a post still empties the field', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seedMany(DEMO_ARTICLE, 120);
    const { page, w } = await open();
    // Counts the widget's renders (Lit's update) from here on.
    await w.evaluate((el) => {
      const host = el as HTMLElement & { update(changed: unknown): void; renders: number };
      const update = host.update.bind(host);
      host.renders = 0;
      host.update = (changed) => {
        host.renders++;
        update(changed);
      };
    });
    const renders = () => w.evaluate((el) => (el as HTMLElement & { renders: number }).renders);
    await field(w, 'Comment').pressSequentially('Typed one key at a time, with 120 comments on the page.');
    await field(w, 'Name').pressSequentially('Meera');
    await page.waitForTimeout(200);
    assert.equal(await renders(), 0, 'no render while typing');
    // A field marked invalid is cleared as the reader corrects it: one render, not one per key.
    await field(w, 'Email').fill('');
    await postButton(w).click();
    await w.getByText('Please enter a valid email address.').waitFor();
    const before = await renders();
    await field(w, 'Email').pressSequentially('meera@example.com');
    await w.getByText('Please enter a valid email address.').waitFor({ state: 'detached' });
    assert.equal(await field(w, 'Email').getAttribute('aria-invalid'), 'false');
    assert.ok((await renders()) - before <= 2, `${(await renders()) - before} renders for 17 keys`);
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    await w.getByText('Typed one key at a time, with 120 comments on the page.').waitFor();
    await page.waitForFunction(() => (document.querySelector('parley-comments')?.shadowRoot?.querySelector('#f-body') as HTMLTextAreaElement | null)?.value === '', null, { timeout: 10_000 });
    assert.equal(await field(w, 'Name').inputValue(), 'Meera');
  });

  test("a form token that failed to load is fetched again at posting, and the comment waits out the minimum rather than being taken for a bot's", async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    let tokens = 0;
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    // The first token request fails (a flaky connection as the page loads).
    await context.route(/\/form-token$/, (route) => (++tokens === 1 ? route.abort() : route.continue()));
    const { page, w } = await open({ context });
    const sent: Record<string, number> = {};
    page.on('request', (r) => {
      if (/\/form-token$/.test(r.url())) sent.token ??= Date.now();
      if (r.method() === 'POST' && /\/comments$/.test(r.url())) sent.post = Date.now();
    });
    await fillForm(w, { body: 'Written on a flaky connection.' });
    await postButton(w).click();
    // The server's clock is the test's: it is moved past the minimum once the new token was asked for.
    while (sent.token === undefined) await new Promise((r) => setTimeout(r, 20));
    demo.advance(PAST_MIN_SUBMIT);
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    assert.ok(tokens >= 2, 'asked again at posting');
    assert.ok(sent.post! - sent.token >= 2000, `posted ${sent.post! - sent.token} ms after its token was asked for`);
    await w.getByText('Written on a flaky connection.').waitFor();
    await context.close();
  });

  test('posting again too soon says how long to wait; the button is never left disabled', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 60 });
    const { page, w } = await open();
    await fillForm(w, { body: 'First thought.' });
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();

    await field(w, 'Comment').fill('Second thought, straight away.');
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    const notice = w.locator('.notice');
    await notice.getByText(/You are posting comments too quickly\. Please wait \d+ seconds and try again\./).waitFor();
    await page.waitForFunction(() => document.querySelector('parley-comments')?.shadowRoot?.activeElement?.classList.contains('notice'));
    assert.ok(await postButton(w).isEnabled());
    assert.equal(await field(w, 'Comment').inputValue(), 'Second thought, straight away.', 'the text is kept');
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    await screenshot(page, 'widget-flood');
  });

  test('the nudge offers one primary "Edit my comment" and says that posting anyway goes to a moderator', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0, toxicityReject: 0.99 });
    const { page, w } = await open();
    await fillForm(w, { body: 'You are an idiot.' });
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    const nudge = w.locator('.notice');
    await nudge.getByText('Your comment may come across as hurtful to others. Would you like to revise it?').waitFor();
    await page.waitForFunction(() => document.querySelector('parley-comments')?.shadowRoot?.activeElement?.classList.contains('notice'));
    // One primary action (edit) and one secondary that says where the comment goes.
    const edit = nudge.getByRole('button', { name: 'Edit my comment' });
    const anyway = nudge.getByRole('button', { name: 'Post anyway for a moderator to review' });
    assert.equal(await edit.getAttribute('class'), 'btn');
    assert.equal(await anyway.getAttribute('class'), 'link');
    assert.equal(await nudge.locator('.btn').count(), 1, 'a single primary-looking button');
    await screenshot(page, 'widget-nudge');

    await edit.click();
    await waitForFocus(page, 'f-body');
    assert.equal(await nudge.count(), 0);
    assert.equal(await field(w, 'Comment').inputValue(), 'You are an idiot.', 'the text is kept to edit');

    await postButton(w).click();
    await anyway.click();
    await w.locator('article').getByText('Your comment is awaiting moderation.').waitFor();
    await waitForFocus(page, /^c-\d+$/);
    // The held comment is not counted (and "No comments yet" does not stand above it).
    await w.getByRole('heading', { name: '0 Comments' }).waitFor();
  });

  test('in the reject band the nudge says it will most likely not be published, and afterwards that it will not', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0, toxicityHold: 0.5, toxicityReject: 0.8 });
    const { page, w } = await open();
    await fillForm(w, { body: 'You are an idiot.' });
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    const nudge = w.locator('.notice');
    await nudge.getByText('Your comment looks likely to break this site’s rules. Would you like to revise it?').waitFor();
    assert.equal(await nudge.locator('.btn').count(), 1);
    await nudge.getByRole('button', { name: 'Post anyway (most likely not published)' }).click();
    await nudge.getByText('Your comment will not be published: it breaks this site’s rules.').waitFor();
    await page.waitForFunction(() => document.querySelector('parley-comments')?.shadowRoot?.activeElement?.classList.contains('notice'));
    await screenshot(page, 'widget-rejected');
    // Not shown as awaiting moderation, not in the thread; the text stays in the form to be revised.
    assert.equal(await w.locator('article').count(), 0);
    assert.equal(await field(w, 'Comment').inputValue(), 'You are an idiot.');
    await w.getByRole('heading', { name: 'No comments yet' }).waitFor();
  });
});
