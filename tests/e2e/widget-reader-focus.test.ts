// A keyboard and screen-reader pass over the reader's failures in Chromium: where focus lands after
// a sort change, Try again, a failed save and a failed Load more (never on the page's <body>); every
// failed request said on screen next to what failed as well as in the live region; and a reader's
// unsent text kept on screen when the article closes (the post refused, or the live stream's word).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bumpArticle } from '../../server/comments/store.js';
import { articles } from '../../server/db/schema.js';
import {
  browserSkipReason,
  DEMO_ARTICLE,
  fillForm,
  focusedId,
  PAST_MIN_SUBMIT,
  postButton,
  waitForFocus,
  waitForStream,
  type DemoServer,
  useDemoBrowser,
} from '../helpers/browser.js';

const skip = browserSkipReason();

/** What has focus: the element inside the widget's shadow root, else the page's own (BODY when lost). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const inner = document.querySelector('parley-comments')?.shadowRoot?.activeElement;
    const el = inner ?? document.activeElement;
    return { inWidget: !!inner, tag: el?.tagName ?? null, id: el?.id ?? '', text: el?.textContent?.trim() ?? '' };
  });

/** A request the browser cannot complete: the answer of a Parley that is down. */
const unavailable = { status: 503, contentType: 'application/json', body: '{"error":{"code":"SERVICE_UNAVAILABLE","message":"down"}}' };

describe("widget: a reader's focus and errors when things fail", { skip }, () => {
  let demo: DemoServer;
  let browser: Browser;
  const open = useDemoBrowser({}, (d, b) => {
    demo = d;
    browser = b;
  });
  const context = (): Promise<BrowserContext> => browser.newContext({ viewport: { width: 1000, height: 900 } });

  /**
   * Closes the demo article as a moderator does: the flag, a new thread version and its live event;
   * `quietly`, without the event (as the site's close-after-days does), so only a post learns of it.
   */
  async function closeArticle(quietly?: 'quietly'): Promise<void> {
    const { db, bus, threadCache } = demo.server.deps;
    const [row] = await db.update(articles).set({ closed: true }).where(eq(articles.key, DEMO_ARTICLE)).returning();
    threadCache.invalidateArticle(row!.id);
    if (quietly) return;
    const version = await bumpArticle(db, row!.id, 0, null);
    threadCache.invalidateArticle(row!.id);
    bus.announce({ type: 'article', siteId: row!.siteId, articleId: row!.id, version });
  }

  /** Posts a comment as this reader, so it is their own (Edit, Delete); returns its element id. */
  async function postOwn(page: Page, w: ReturnType<Page['locator']>, body: string): Promise<string> {
    await fillForm(w, { body });
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    await waitForFocus(page, /^c-\d+$/);
    return (await focusedId(page))!;
  }

  test('changing the order with the keyboard keeps focus on the order menu, one option after another', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [
      { name: 'First Reader', body: 'The oldest comment.' },
      { name: 'Second Reader', body: 'The newest comment.' },
    ]);
    const { page, w, context } = await open();
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();
    await w.getByRole('combobox', { name: 'Sort' }).focus();
    await page.keyboard.press('ArrowDown');
    await w.locator('[part~=comment]').first().getByText('The newest comment.').waitFor();
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();
    assert.equal((await focused(page)).tag, 'SELECT');
    // Still on it: the next key goes on to the next order.
    await page.keyboard.press('ArrowUp');
    await w.locator('[part~=comment]').first().getByText('The oldest comment.').waitFor();
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();
    assert.equal((await focused(page)).tag, 'SELECT');
    await context.close();
  });

  test('Try again leaves focus on the heading, which says whether the thread loaded', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'Already here.' }]);
    const ctx = await context();
    let refused = 0;
    // The first load and the first Try again fail; the second Try again goes through.
    await ctx.route(/\/comments\?/, (route) => (refused++ < 2 ? route.abort() : route.continue()));
    const { page, w } = await open({ context: ctx });
    await w.getByRole('heading', { name: 'Comments could not be loaded.' }).waitFor();
    await w.getByRole('button', { name: 'Try again' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('parley-comments')!.shadowRoot!.querySelector('#h')!.textContent!.includes('could not'));
    await w.getByRole('button', { name: 'Try again' }).waitFor();
    assert.deepEqual(await focused(page), { inWidget: true, tag: 'H2', id: 'h', text: 'Comments could not be loaded.' });
    // From the heading, the next Tab is Try again.
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Try again');
    await page.keyboard.press('Enter');
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    assert.deepEqual(await focused(page), { inWidget: true, tag: 'H2', id: 'h', text: '1 Comment' });
    assert.equal(refused, 3);
    await ctx.close();
  });

  test('a failed Load more is said under the button and focus goes back to it', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seedMany(DEMO_ARTICLE, 55);
    const ctx = await context();
    await ctx.route(/\/comments\?.*cursor=/, (route) => route.fulfill(unavailable));
    const { page, w } = await open({ context: ctx });
    await w.getByRole('heading', { name: '55 Comments' }).waitFor();
    await w.getByRole('button', { name: 'Load more comments' }).focus();
    await page.keyboard.press('Enter');
    const error = w.locator('[part=error]');
    await error.filter({ hasText: 'Comments are temporarily unavailable.' }).waitFor({ timeout: 10_000 });
    assert.ok(await error.isVisible());
    await w.getByRole('status').filter({ hasText: 'Comments are temporarily unavailable.' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('parley-comments')!.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.disabled);
    assert.deepEqual(await focused(page), { inWidget: true, tag: 'BUTTON', id: '', text: 'Load more comments' });
    await ctx.close();
  });

  test('a failed save of an edit is said in the form and focus goes back to Save', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const { page, w, context } = await open();
    const id = await postOwn(page, w, 'A comment I will want to change.');
    await w.locator(`#${id}`).getByRole('button', { name: 'Edit' }).click();
    await waitForFocus(page, 'e-body');
    await w.locator('#e-body').fill('The changed comment.');
    await page.route(/\/comments\/\d+$/, (route) => (route.request().method() === 'PATCH' ? route.fulfill(unavailable) : route.continue()));
    await w.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await w.locator(`#${id}`).getByText('Comments are temporarily unavailable.').waitFor();
    await w.getByRole('status').filter({ hasText: 'Comments are temporarily unavailable.' }).waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => !document.querySelector('parley-comments')!.shadowRoot!.querySelector<HTMLButtonElement>('#e-save')?.disabled);
    const now = await focused(page);
    assert.equal(now.tag, 'BUTTON');
    assert.equal(now.text, 'Save');
    assert.equal(await w.locator('#e-body').inputValue(), 'The changed comment.', 'the edit is still there to try again');
    await context.close();
  });

  test('a failed reaction, delete and report are each said next to the comment, not only announced', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const [other] = await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'Somebody else wrote this.' }]);
    const { page, w, context } = await open();
    const id = await postOwn(page, w, 'Mine, to delete.');
    await page.route(/\/reactions$|\/reports$/, (route) => (route.request().method() === 'POST' ? route.fulfill(unavailable) : route.continue()));
    await page.route(/\/comments\/\d+$/, (route) => (route.request().method() === 'DELETE' ? route.fulfill(unavailable) : route.continue()));
    const theirs = w.locator(`#c-${other!.id}`);
    const down = 'Comments are temporarily unavailable. Please try again later.';

    await theirs.getByRole('button', { name: 'Respect' }).click();
    await theirs.locator('[part=error]').filter({ hasText: down }).waitFor({ timeout: 10_000 });
    assert.ok(await theirs.locator('[part=error]').isVisible());

    await w.locator(`#${id}`).getByRole('button', { name: 'Delete' }).click();
    await w.locator(`#${id}`).getByRole('button', { name: 'Yes, delete' }).click();
    await w.locator(`#${id}`).locator('.err').filter({ hasText: down }).waitFor({ timeout: 10_000 });
    assert.ok(await w.locator(`#${id}`).locator('.err').isVisible());

    await theirs.getByRole('button', { name: 'Report' }).click();
    await theirs.getByRole('button', { name: 'Send report' }).click();
    await theirs.locator('#rp-err').filter({ hasText: down }).waitFor({ timeout: 10_000 });
    assert.ok(await theirs.locator('#rp-err').isVisible());
    await w.getByRole('status').filter({ hasText: down }).waitFor();
    await context.close();
  });

  test('the post refused because the article closed keeps the text on screen and says the discussion is closed', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'Before closing.' }]);
    const { page, w, context } = await open();
    const text = 'A long reply I spent ten minutes on.';
    await fillForm(w, { body: text });
    await closeArticle('quietly');
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    await w.getByText('Comments are closed.').waitFor();
    await w.getByText('The discussion closed before your comment was posted.').waitFor({ timeout: 10_000 });
    const kept = w.getByRole('textbox', { name: 'Your comment (not posted)' });
    assert.equal(await kept.inputValue(), text);
    assert.ok(await kept.isVisible());
    assert.ok((await focused(page)).inWidget, 'focus is not left on the page');
    await context.close();
  });

  test('an article closed while the reader writes (the live stream) keeps their text, with focus on it', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'Before closing.' }]);
    const { page, w, context } = await open();
    await waitForStream(page);
    const text = 'Half a thought that must not be lost';
    await w.locator('#f-body').fill(text);
    await w.locator('#f-body').focus();
    await closeArticle();
    await w.getByText('Comments are closed.').waitFor({ timeout: 10_000 });
    await w.getByText('The discussion closed before your comment was posted.').waitFor({ timeout: 10_000 });
    const kept = w.getByRole('textbox', { name: 'Your comment (not posted)' });
    assert.equal(await kept.inputValue(), text);
    assert.equal(await w.locator('form').count(), 0, 'no form to post in');
    assert.deepEqual(await focused(page), { inWidget: true, tag: 'TEXTAREA', id: 'f-body', text: '' });
    await context.close();
  });

  test('an article closed while the part loaded at the first keystroke is still on its way keeps the text', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'Before closing.' }]);
    const { page, w, context } = await open();
    await waitForStream(page);
    // embed-extra is held back until the close's live event has reached the page.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let asked = 0;
    await page.route(/embed-extra\.[^/]*\.js/, async (route) => {
      asked++;
      await held;
      await route.continue();
    });
    const text = 'Typed just as the desk closed it';
    await w.locator('#f-body').fill(text);
    for (let i = 0; i < 100 && asked === 0; i++) await page.waitForTimeout(50);
    assert.equal(asked, 1, 'the on-demand part was asked for at the first keystroke');
    await closeArticle();
    await page.waitForTimeout(500);
    assert.equal(await w.getByText('Comments are closed.').count(), 0, 'nothing to show the close with yet');
    release();
    await w.getByText('Comments are closed.').waitFor({ timeout: 10_000 });
    await w.getByText('The discussion closed before your comment was posted.').waitFor({ timeout: 10_000 });
    assert.equal(await w.getByRole('textbox', { name: 'Your comment (not posted)' }).inputValue(), text);
    await context.close();
  });

  test('a reader writing reads the page again for live version events at most once in 30 s', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'A busy story.' }]);
    const { page, w, context } = await open();
    await waitForStream(page);
    await w.locator('#f-body').fill('Writing while the story moves');
    await page.waitForTimeout(300);
    const reads: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && /\/articles\/[^/]+\/comments(\?|$)/.test(new URL(r.url()).pathname + new URL(r.url()).search)) reads.push(r.url());
    });
    // Three new versions of the thread, as three comments landing on a hot story would send.
    const { db, bus, threadCache } = demo.server.deps;
    const [row] = await db.select().from(articles).where(eq(articles.key, DEMO_ARTICLE));
    for (let i = 0; i < 3; i++) {
      const version = await bumpArticle(db, row!.id, 0, null);
      threadCache.invalidateArticle(row!.id);
      bus.announce({ type: 'article', siteId: row!.siteId, articleId: row!.id, version });
      await page.waitForTimeout(400);
    }
    await page.waitForTimeout(1000);
    assert.equal(reads.length, 1, `one read of the page for three version events: ${reads.join(', ')}`);
    await context.close();
  });

  test('in Hindi, the kept text is explained in Hindi', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'Before closing.' }]);
    const { page, w, context } = await open();
    await w.evaluate((el) => el.setAttribute('lang', 'hi'));
    await w.getByRole('heading', { name: 'प्रतिक्रिया दें' }).waitFor();
    await waitForStream(page);
    await w.locator('#f-body').fill('आधा लिखा विचार');
    await closeArticle();
    await w.getByText('टिप्पणियाँ बंद हैं।').waitFor({ timeout: 10_000 });
    await w.getByText('आपकी टिप्पणी भेजे जाने से पहले चर्चा बंद हो गई।').waitFor({ timeout: 10_000 });
    assert.equal(await w.getByRole('textbox', { name: 'आपकी टिप्पणी (भेजी नहीं गई)' }).inputValue(), 'आधा लिखा विचार');
    await context.close();
  });
});
