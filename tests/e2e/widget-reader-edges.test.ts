// A reader's edge cases in Chromium, from an outside pass over the widget: right-to-left comments,
// Hindi wording for the server's particular refusals, a very long name in the reply heading, Copy link
// without a clipboard, a single-page app's next story, and the live stream after a refusal.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkipReason, DEMO_ARTICLE, field, fillForm, PAST_MIN_SUBMIT, type DemoServer, useDemoBrowser } from '../helpers/browser.js';

const skip = browserSkipReason();

describe('widget: a reader at the edges', { skip }, () => {
  let demo: DemoServer;
  let browser: Browser;
  const open = useDemoBrowser({}, (d, b) => {
    demo = d;
    browser = b;
  });

  test('a right-to-left comment is laid out right to left', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Samira', body: 'مرحبا، هذا تعليق باللغة العربية مع كلمة English في المنتصف.' }]);
    const { w } = await open();
    const p = w.locator('.body p').first();
    await p.waitFor();
    assert.equal(await p.getAttribute('dir'), 'auto');
    assert.equal(await p.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  });

  test('a Hindi reader is told in Hindi why the server refused a name, not asked to enter one', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const { w } = await open();
    await w.evaluate((el) => el.setAttribute('lang', 'hi'));
    await w.getByRole('heading', { name: 'प्रतिक्रिया दें' }).waitFor();
    await w.getByRole('textbox', { name: 'टिप्पणी', exact: true }).first().fill('नमस्ते, अच्छी ख़बर।');
    await w.getByRole('textbox', { name: 'नाम', exact: true }).fill('Staff');
    await w.getByRole('textbox', { name: /ईमेल/ }).first().fill('staff-name@example.com');
    demo.advance(PAST_MIN_SUBMIT);
    await w.locator('[part=submit]').click();
    await w.getByText('यह नाम साइट के स्टाफ़ या साइट के अपने नाम जैसा लगता है; कोई दूसरा नाम चुनें।').waitFor();
  });

  test('a very long name in the reply heading does not push the page sideways', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'W'.repeat(80), body: 'A name with no place to break.' }]);
    const { page, w } = await open({ width: 375 });
    await w.getByRole('button', { name: /^Reply to W+$/ }).click();
    await w.locator('#rt').waitFor();
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375);
  });

  test('Copy link without a clipboard (a plain-http page) offers the link to copy by hand', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const [c] = await demo.seed(DEMO_ARTICLE, [{ name: 'Asha', body: 'Worth sharing.' }]);
    const context = await browser.newContext();
    await context.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    const { page, w, errors } = await open({ context });
    const offered = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.defaultValue());
        void d.dismiss();
      }),
    );
    await w.locator(`#c-${c!.id}`).getByRole('button', { name: 'Copy link' }).click();
    assert.match(await offered, new RegExp(`#parley-comment-${c!.id}$`));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a draft does not follow the reader to a single-page app's next story", async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const { w } = await open();
    await fillForm(w, { body: 'Written for the first story.' });
    await w.evaluate((el) => el.setAttribute('article', 'demo-article-2'));
    await w.getByRole('heading', { name: 'No comments yet' }).waitFor();
    assert.equal(await field(w, 'Comment').inputValue(), '');
  });

  test("a page whose canonical link is on an origin the site does not allow says so, to the reader and to the publisher's console", async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const { page, w } = await open();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.evaluate(() => {
      // The demo page has a canonical link of its own: it now names another origin (a www. or AMP host).
      let link = document.querySelector<HTMLLinkElement>('link[rel~="canonical"]');
      if (!link) document.head.append((link = Object.assign(document.createElement('link'), { rel: 'canonical' })));
      link.href = 'https://www.elsewhere.example/news/story';
      // No article id: the canonical link is the story's key.
      document.querySelector('parley-comments')!.removeAttribute('article');
    });
    await w.getByRole('heading', { name: 'No comments yet' }).waitFor();
    await fillForm(w, { body: 'Posted from a page with a foreign canonical link.' });
    demo.advance(PAST_MIN_SUBMIT);
    await w.locator('[part=submit]').click();
    await w.locator('.notice').getByText('Comments cannot be posted on this page yet: its address is not set up for them.').waitFor();
    assert.ok(warnings.some((t) => /allowed origins/.test(t) && /article\.url/.test(t)), warnings.join('\n'));
  });

  test('the live stream comes back after the server refused it once (429)', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const context = await browser.newContext();
    // The retry waits 5 to 30 s, at random: the shortest here.
    await context.addInitScript(() => (Math.random = () => 0));
    let refused = 0;
    await context.route(/\/events$/, (route) =>
      refused++ === 0 ? route.fulfill({ status: 429, headers: { 'retry-after': '5' }, contentType: 'application/json', body: '{"error":{"code":"RATE_LIMITED"}}' }) : route.continue(),
    );
    const { page, w } = await open({ context });
    await page.waitForFunction(
      () => (document.querySelector('parley-comments') as unknown as { events?: EventSource | null })?.events?.readyState === EventSource.OPEN,
      undefined,
      { timeout: 15_000 },
    );
    assert.equal(refused, 2);
    await demo.seed(DEMO_ARTICLE, [{ name: 'Live Reader', body: 'Arrived after the stream came back.' }]);
    await w.getByText('Arrived after the stream came back.').waitFor();
    await context.close();
  });
});
