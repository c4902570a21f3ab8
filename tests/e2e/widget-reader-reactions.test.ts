// Reactions and the best order on /demo in Chromium: one reaction per reader, live in a second
// reader's page, the best order and the editors' picks choice; axe in both languages and themes.
// Screenshots land in tests/artifacts/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { bumpArticle } from '../../server/comments/store.js';
import { comments } from '../../server/db/schema.js';
import { browserSkipReason, DEMO_ARTICLE, widgetAxeViolations, screenshot, waitForStream, type DemoServer, useDemoBrowser } from '../helpers/browser.js';

const skip = browserSkipReason();

const order = (w: Locator) => w.locator('ol.thread > li > article .author').allTextContents();

describe('widget: reactions and the best order on /demo', { skip }, () => {
  let demo: DemoServer;
  let browserOf: () => Promise<import('playwright-core').Browser>;
  const open = useDemoBrowser({}, (d, b) => {
    demo = d;
    browserOf = async () => b;
  });

  /** A reader of their own (own storage, own address through X-Forwarded-For: the server trusts one proxy hop in tests). */
  async function reader(ip: string, width: number, colorScheme: 'light' | 'dark' = 'light') {
    const browser = await browserOf();
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, extraHTTPHeaders: { 'x-forwarded-for': ip }, bypassCSP: true });
    return open({ context, width });
  }

  for (const width of [1280, 360]) {
    test(`one reaction per reader, live in another reader's page; best order; picks (${width} px)`, async () => {
      await demo.reset({ mode: 'post' });
      const [a, b, c] = await demo.seed(DEMO_ARTICLE, [
        { name: 'Asha Verma', body: 'The oldest comment.' },
        { name: 'Rahul Menon', body: 'In the middle.' },
        { name: 'Lucía', body: 'The newest comment.' },
      ]);
      const one = await reader('198.51.100.1', width);
      const two = await reader('198.51.100.2', width, 'dark');
      await waitForStream(two.page);
      const respectOf = (w: Locator, id: number) => w.locator(`#c-${id}`).getByRole('button', { name: /^Respect/ });

      await respectOf(one.w, a!.id).click();
      await one.w.locator(`#c-${a!.id}`).getByRole('button', { name: 'Respect 1' }).waitFor();
      assert.equal(await respectOf(one.w, a!.id).getAttribute('aria-pressed'), 'true');
      assert.equal(await respectOf(one.w, b!.id).getAttribute('aria-pressed'), 'false');
      // Live in the other reader's page.
      await two.w.locator(`#c-${a!.id}`).getByRole('button', { name: 'Respect 1' }).waitFor();
      await respectOf(two.w, a!.id).click();
      await one.w.locator(`#c-${a!.id}`).getByRole('button', { name: 'Respect 2' }).waitFor();
      // Pressing again counts nothing, and a reload remembers it.
      await respectOf(one.w, a!.id).click();
      await one.page.reload();
      await one.w.locator(`#c-${a!.id}`).getByRole('button', { name: 'Respect 2' }).waitFor();
      assert.equal(await respectOf(one.w, a!.id).getAttribute('aria-pressed'), 'true');

      // No pick yet: the picks order says so rather than showing an empty list.
      await one.w.getByRole('combobox', { name: 'Sort' }).selectOption('picks');
      await one.w.getByText('The editors have not picked any comments yet.').waitFor();
      assert.equal(await one.w.locator('ol.thread article').count(), 0);

      // Best: two reactions put the oldest comment first; a pick goes above it.
      await one.w.getByRole('combobox', { name: 'Sort' }).selectOption('best');
      await one.w.locator('ol.thread > li:first-child #c-' + a!.id).waitFor();
      assert.deepEqual(await order(one.w), ['Asha Verma', 'Lucía', 'Rahul Menon']);
      const db = demo.server.deps.db;
      const [row] = await db.update(comments).set({ featuredAt: new Date() }).where(eq(comments.id, b!.id)).returning();
      await bumpArticle(db, row!.articleId, 0, b!.id);
      // Ranked pages are asked of the server by ETag (a reload could show the browser's copy of the
      // oldest-first page for its stale-while-revalidate time).
      await one.w.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
      await one.w.getByRole('combobox', { name: 'Sort' }).selectOption('best');
      await one.w.locator(`#c-${b!.id}`).getByText('Editor’s pick').waitFor();
      await one.w.locator('ol.thread > li:first-child #c-' + b!.id).waitFor();
      assert.deepEqual(await order(one.w), ['Rahul Menon', 'Asha Verma', 'Lucía']);
      await screenshot(one.page, `widget-best-${width}`);
      assert.deepEqual(await widgetAxeViolations(one.page), [], 'axe: best order, light');
      assert.deepEqual(await widgetAxeViolations(two.page), [], 'axe: reactions, dark');
      // The picks choice shows the picks alone.
      await one.w.getByRole('combobox', { name: 'Sort' }).selectOption('picks');
      await one.page.waitForFunction(() => document.querySelector('parley-comments')!.shadowRoot!.querySelectorAll('ol.thread article').length === 1);
      assert.deepEqual(await order(one.w), ['Rahul Menon']);
      assert.ok((await one.page.evaluate(() => document.documentElement.scrollWidth)) <= width, 'no sideways scrolling');
      // Hindi.
      await two.w.evaluate((el) => el.setAttribute('lang', 'hi'));
      await two.w.locator(`#c-${a!.id}`).getByRole('button', { name: 'सम्मान 2' }).waitFor();
      assert.deepEqual(await widgetAxeViolations(two.page), [], 'axe: Hindi, dark');
      void c;
      assert.deepEqual([...one.errors, ...two.errors], []);
      await one.context.close();
      await two.context.close();
    });
  }

  test("a site whose first order is best opens in it; 'Like' when the site says so", async () => {
    await demo.reset({ mode: 'post', defaultSort: 'best', reactions: 'like' });
    const [a, b] = await demo.seed(DEMO_ARTICLE, [
      { name: 'Asha Verma', body: 'Older.' },
      { name: 'Rahul Menon', body: 'Newer.' },
    ]);
    const { w, page } = await reader('198.51.100.3', 1280);
    assert.equal(await w.getByRole('combobox', { name: 'Sort' }).inputValue(), 'best');
    await w.locator(`#c-${a!.id}`).getByRole('button', { name: /^Like/ }).click();
    await w.locator(`#c-${a!.id}`).getByRole('button', { name: 'Like 1' }).waitFor();
    await page.reload();
    await w.locator('ol.thread > li:first-child #c-' + a!.id).waitFor();
    void b;
  });
});
