// The widget on pages it does not control, in Chromium: a host stylesheet written to break it, a host
// page that must not be restyled by it, the theme attribute, and a single-page app switching articles.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  browserSkipReason,
  fillForm,
  PAST_MIN_SUBMIT,
  postButton,
  screenshot,
  waitForStream,
  type DemoServer,
  useDemoBrowser,
} from '../helpers/browser.js';

const skip = browserSkipReason();

const HOSTILE_CSS = `
  * { display: inline !important; color: red !important; margin: 3em !important; padding: 0 !important;
      list-style: disc !important; background: yellow !important; font-size: 40px; }
  h2, h3 { font-size: 60px !important; text-transform: uppercase !important; }
  button, textarea, input, select { display: none !important; }
  section, article, form, ol, li, .base, .thread, #h { display: none !important; visibility: hidden !important; }
  parley-comments { font-family: "DejaVu Serif", serif; }`;

/** A page on the Parley origin (so the demo site accepts its posts) served by the test itself. */
function hostPage(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${head}</head><body>${body}</body></html>`;
}

describe('widget: on host pages it does not control', { skip }, () => {
  let demo: DemoServer;
  let browser: Browser;

  useDemoBrowser({}, (d, b) => {
    demo = d;
    browser = b;
  });

  async function serve(path: string, html: string, init?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    if (init) await page.addInitScript(init);
    await page.route(`${demo.url}${path}`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(`${demo.url}${path}`);
    return page;
  }

  test('hostile host CSS cannot break the widget, and the widget does not restyle the host', async () => {
    await demo.reset({ mode: 'post' });
    await demo.seed('hostile-1', [
      { name: 'Asha Verma', body: 'Still readable?' },
      { name: 'Rahul Menon', body: 'Yes.', replyTo: 0 },
    ]);
    const page = await serve(
      '/hostile',
      hostPage(
        `<h2 class="probe">Host heading</h2><article class="probe"><p class="probe">Host text</p><button class="probe">Host button</button></article>
         <parley-comments site="demo" article="hostile-1"></parley-comments>`,
        `<style>${HOSTILE_CSS}</style>`,
      ),
    );
    // The host's own elements before the widget exists, to compare with afterwards.
    const hostStyles = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.probe')].map((el) => {
          const cs = getComputedStyle(el);
          return [cs.display, cs.color, cs.fontSize, cs.margin, cs.padding, cs.backgroundColor, cs.fontWeight].join(' ');
        }),
      );
    const before = await hostStyles();
    await page.addScriptTag({ url: '/embed.js', type: 'module' });
    const w = page.locator('parley-comments');
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();

    // (No named helpers inside evaluate(): tsx would wrap them in a function the page does not have.)
    const inside = await w.evaluate((el) => {
      const root = el.shadowRoot!;
      const [section, h2, list, article, textarea, button] = ['section', 'h2', 'ol.thread', 'article', 'textarea', 'button[type=submit]'].map(
        (selector) => getComputedStyle(root.querySelector(selector)!),
      );
      return {
        host: getComputedStyle(el).display,
        section: section!.display,
        headingColor: h2!.color,
        headingSize: h2!.fontSize,
        headingCase: h2!.textTransform,
        list: list!.listStyleType,
        article: article!.display,
        articleMargin: article!.margin,
        textarea: textarea!.display,
        button: button!.display,
        background: section!.backgroundColor,
      };
    });
    assert.deepEqual(inside, {
      host: 'block',
      section: 'block',
      headingColor: 'rgb(31, 35, 40)',
      headingSize: `${40 * 1.25}px`, // the font size is inherited on purpose; the heading's own rules hold
      headingCase: 'none',
      list: 'none',
      article: 'block',
      articleMargin: '0px',
      textarea: 'block',
      button: 'inline-block',
      background: 'rgb(255, 255, 255)',
    });
    assert.ok(await postButton(w).isVisible());
    assert.ok(await w.getByRole('textbox', { name: 'Comment', exact: true }).isVisible());
    assert.deepEqual(await hostStyles(), before, "the widget's styles stay in its shadow root");
    await screenshot(page, 'widget-hostile-host');
  });

  test('a host page that enforces Trusted Types runs the widget once it allows the lit-html policy', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed('tt', [{ name: 'Asha Verma', body: 'Looks like <b>markup</b>, stays text.' }]);
    const page_ = `<main><h1>Story</h1><parley-comments site="demo" article="tt"></parley-comments></main>`;
    for (const [policy, works] of [
      ["require-trusted-types-for 'script'; trusted-types lit-html", true],
      ["require-trusted-types-for 'script'; trusted-types 'none'", false],
    ] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route(`${demo.url}/tt`, (route) =>
        route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': policy }, body: hostPage(page_, '<script type="module" src="/embed.js"></script>') }),
      );
      await page.goto(`${demo.url}/tt`);
      const w = page.locator('parley-comments');
      if (works) {
        await w.getByText('Looks like <b>markup</b>, stays text.').waitFor();
        assert.equal(await w.locator('b').count(), 0, 'comment text never becomes markup');
        // Posting loads the on-demand part (a dynamic import, which Trusted Types leaves alone).
        await fillForm(w, { body: 'Posted from a page with Trusted Types.', name: 'Meera', email: 'meera@example.com' });
        demo.advance(PAST_MIN_SUBMIT);
        await postButton(w).click();
        await w.getByText('Posted from a page with Trusted Types.').nth(0).waitFor();
        assert.deepEqual(errors, []);
      } else {
        // Without the policy name Lit cannot render at all: the page's console says why.
        for (let i = 0; i < 100 && !errors.some((e) => e.includes('lit-html')); i++) await page.waitForTimeout(100);
        assert.ok(errors.some((e) => e.includes('lit-html')), errors.join('; '));
        assert.equal(await w.getByText('Looks like <b>markup</b>, stays text.').count(), 0);
      }
      await context.close();
    }
  });

  test('theme="dark" overrides the reader preference; CSS custom properties restyle it', async () => {
    await demo.reset({ mode: 'post' });
    const page = await serve(
      '/themed',
      hostPage(
        `<parley-comments site="demo" article="themed-1" theme="dark"></parley-comments>`,
        `<script type="module" src="/embed.js"></script>`,
      ),
    );
    const w = page.locator('parley-comments');
    await w.getByRole('heading', { name: 'No comments yet' }).waitFor();
    const colors = () =>
      w.evaluate((el) => {
        const cs = getComputedStyle(el.shadowRoot!.querySelector('section')!);
        return [cs.backgroundColor, cs.color];
      });
    assert.deepEqual(await colors(), ['rgb(23, 24, 27)', 'rgb(227, 227, 227)']);
    await w.evaluate((el) => el.setAttribute('theme', 'light'));
    assert.deepEqual(await colors(), ['rgb(255, 255, 255)', 'rgb(31, 35, 40)']);
    await w.evaluate((el) => el.style.setProperty('--parley-color-bg', 'rgb(1, 2, 3)'));
    assert.deepEqual(await colors(), ['rgb(1, 2, 3)', 'rgb(31, 35, 40)']);
  });

  test('in a single-page app, changing article loads that thread and removal closes everything', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed('spa-a', [
      { name: 'Asha Verma', body: 'On story A.' },
      { name: 'Rahul Menon', body: 'Also on A.' },
    ]);
    await demo.seed('spa-b', [{ name: 'Lucía', body: 'On story B.' }]);
    // Count the widget's streams and requests to see that it closes and aborts them.
    const spy = `
      window.__streams = [];
      window.__signals = [];
      const NativeEventSource = window.EventSource;
      window.EventSource = class extends NativeEventSource {
        constructor(url, init) { super(url, init); window.__streams.push(this); }
      };
      const nativeFetch = window.fetch;
      window.fetch = (input, init) => { if (init && init.signal) window.__signals.push(init.signal); return nativeFetch(input, init); };`;
    const page = await serve(
      '/spa',
      hostPage(
        `<main><h1>Story A</h1><parley-comments site="demo" article="spa-a"></parley-comments></main>`,
        `<script type="module" src="/embed.js"></script>`,
      ),
      spy,
    );
    const w = page.locator('parley-comments');
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();
    await waitForStream(page);

    await page.evaluate(() => {
      document.querySelector('h1')!.textContent = 'Story B';
      document.querySelector('parley-comments')!.setAttribute('article', 'spa-b');
    });
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    await w.getByText('On story B.').waitFor();
    assert.equal(await w.getByText('On story A.').count(), 0);
    await waitForStream(page);
    const streams = () =>
      page.evaluate(() =>
        (window as unknown as { __streams: EventSource[] }).__streams.map((s) => [new URL(s.url).pathname, s.readyState]),
      );
    const [OPEN, CLOSED] = [1, 2]; // EventSource.readyState values
    assert.deepEqual(await streams(), [
      ['/api/v1/sites/demo/articles/spa-a/events', CLOSED],
      ['/api/v1/sites/demo/articles/spa-b/events', OPEN],
    ]);

    // Live updates follow the current article only.
    await demo.seed('spa-a', [{ name: 'Elsewhere', body: 'A late comment on A.' }]);
    await demo.seed('spa-b', [{ name: 'Here', body: 'A new comment on B.' }]);
    await w.getByText('A new comment on B.').waitFor();
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();
    assert.equal(await w.getByText('A late comment on A.').count(), 0);

    await page.evaluate(() => document.querySelector('parley-comments')!.remove());
    const closedStreams = await streams();
    assert.ok(closedStreams.every(([, state]) => state === CLOSED), JSON.stringify(closedStreams));
    assert.ok(
      await page.evaluate(() => (window as unknown as { __signals: AbortSignal[] }).__signals.every((s) => s.aborted)),
      'every request the widget made is aborted or finished with its signal aborted',
    );

    // A new element created by the app works like the first one.
    await page.evaluate(() => {
      const el = document.createElement('parley-comments');
      el.setAttribute('site', 'demo');
      el.setAttribute('article', 'spa-a');
      document.querySelector('main')!.append(el);
    });
    await w.getByRole('heading', { name: '3 Comments' }).waitFor();
  });
});
