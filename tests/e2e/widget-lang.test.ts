// Chromium: the Hindi interface, a closed article, and a Parley the reader cannot reach.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { articles } from '../../server/db/schema.js';
import {
  browserSkipReason,
  DEMO_ARTICLE,
  screenshot,
  type DemoServer,
  useDemoBrowser,
} from '../helpers/browser.js';

const skip = browserSkipReason();

// One server and one browser per file: files run in parallel, each within the runner's time limit.
describe('widget: languages, closed articles, outages', { skip }, () => {
  let demo: DemoServer;
  let browser: Browser;

  const open = useDemoBrowser({}, (d, b) => {
    demo = d;
    browser = b;
  });

  test('the interface is Hindi when the closest lang is Hindi, English for the English article', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [
      { name: 'आशा वर्मा', body: 'अच्छी ख़बर है।' },
      { name: 'Rahul', body: 'Agreed.', replyTo: 0 },
    ]);
    const { page, w } = await open();
    const hindiFiles: string[] = [];
    page.on('request', (r) => {
      if (/\/embed-hi\.\w+\.js$/.test(r.url())) hindiFiles.push(r.url());
    });
    // The page is Hindi but the article is English, and the widget follows the article.
    assert.equal(await page.locator('html').getAttribute('lang'), 'hi');
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();
    assert.deepEqual(hindiFiles, [], 'an English widget does not fetch the Hindi strings');

    // Under the demo page's CSP (script-src 'self'), which must let embed.js import them.
    await w.evaluate((el) => el.setAttribute('lang', 'hi'));
    await w.getByRole('heading', { name: '2 टिप्पणियाँ', level: 2 }).waitFor();
    assert.equal(hindiFiles.length, 1);
    await w.getByRole('heading', { name: 'प्रतिक्रिया दें', level: 3 }).waitFor();
    assert.equal(await w.locator('section').getAttribute('lang'), 'hi');
    assert.equal(await w.getByRole('button', { name: 'आशा वर्मा को जवाब दें' }).count(), 1);
    // "Just now" is अभी (Intl's Hindi says अब, which reads as "from now on"; issue 15).
    assert.equal(await w.locator('time').first().textContent(), 'अभी');
    await w.getByText('आपका ईमेल पता प्रकाशित नहीं किया जाएगा।').waitFor();
    await w.getByText('अगली बार टिप्पणी करने के लिए मेरा नाम, ईमेल और वेबसाइट इस ब्राउज़र में सहेजें।').waitFor();

    await w.getByRole('button', { name: 'टिप्पणी भेजें' }).click();
    await w.getByText('कृपया टिप्पणी लिखें।').waitFor();
    await w.getByText('कृपया अपना नाम लिखें।').waitFor();
    await screenshot(page, 'widget-hindi');
  });

  test('a Hindi widget shows no English first, and English if the Hindi file cannot be fetched', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'आशा वर्मा', body: 'अच्छी ख़बर है।' }]);
    const add = (page: Page) =>
      page.evaluate((article) => {
        const el = document.createElement('parley-comments');
        el.setAttribute('site', 'demo');
        el.setAttribute('article', article);
        el.setAttribute('lang', 'hi');
        el.id = 'hindi';
        document.body.append(el);
        // Every heading text it ever shows, to catch a flash of English before the Hindi strings.
        const seen: string[] = ((window as unknown as { __headings: string[] }).__headings = []);
        new MutationObserver(() => {
          const h = el.shadowRoot!.querySelector('h2')?.textContent?.trim();
          if (h && seen.at(-1) !== h) seen.push(h);
        }).observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
      }, DEMO_ARTICLE);

    const { page } = await open();
    await add(page);
    const hindi = page.locator('#hindi');
    await hindi.getByRole('heading', { name: '1 टिप्पणी', level: 2 }).waitFor();
    const headings = await page.evaluate(() => (window as unknown as { __headings: string[] }).__headings);
    assert.ok(headings.every((h) => !/[A-Za-z]/.test(h)), `headings shown: ${JSON.stringify(headings)}`);

    const blocked = await open();
    await blocked.page.route(/\/embed-hi\.\w+\.js$/, (route) => route.abort());
    await add(blocked.page);
    const fallback = blocked.page.locator('#hindi');
    await fallback.getByRole('heading', { name: '1 Comment', level: 2 }).waitFor();
    assert.equal(await fallback.locator('section').getAttribute('lang'), 'en');
  });

  test('a closed article shows no form; an unreachable server leaves a short message', async () => {
    await demo.reset({ mode: 'post' });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'Before closing.' }]);
    const [article] = await demo.server.deps.db
      .update(articles)
      .set({ closed: true })
      .where(eq(articles.key, DEMO_ARTICLE))
      .returning();
    demo.server.deps.threadCache.invalidateArticle(article!.id);
    const closed = await open();
    await closed.w.getByText('Comments are closed.').waitFor();
    assert.equal(await closed.w.locator('form').count(), 0);
    assert.equal(await closed.w.getByRole('button', { name: /^Reply/ }).count(), 0);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route('**/api/v1/**', (route) => route.abort());
    await page.goto(`${demo.url}/demo`);
    const w = page.locator('parley-comments');
    await w.getByRole('heading', { name: 'Comments could not be loaded.' }).waitFor();
    await w.getByRole('button', { name: 'Try again' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'the article is still there');
  });
});
