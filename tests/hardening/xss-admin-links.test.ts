// Article URLs in the admin view, rendered in Chromium: the Stories page and the audit log make a
// story's URL a link, and a URL that is not http(s) (a javascript: one reached the database through
// Parley imports before they checked it) must not become one. The comment card already filtered it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { articles } from '../../server/db/schema.js';
import { browserSkipReason, ensureWidgetBuilt, launchBrowser, startDemoServer, type DemoServer } from '../helpers/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './helpers/parley.js';

const skip = browserSkipReason();
const EVIL = 'javascript:window.__parleyPwned=1//https://news.example/story';

/** Every link in the page, through shadow roots (a string: tsx would add helpers a page does not have). */
function links(page: Page): Promise<{ href: string; text: string }[]> {
  return page.evaluate(`(() => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLAnchorElement) out.push({ href: el.getAttribute('href') ?? '', text: (el.textContent ?? '').trim().slice(0, 60) });
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  })()`);
}

describe('article URLs that are not http(s) in the admin view', { skip }, () => {
  let demo: DemoServer;
  let browser: Browser;

  before(async () => {
    await ensureWidgetBuilt();
    [demo, browser] = await Promise.all([startDemoServer({ PARLEY_ADMIN_EMAIL: ADMIN_EMAIL, PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD }), launchBrowser()]);
    await demo.reset({ mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, nudge: false });
    await demo.seed('js-story', [{ name: 'Asha', body: 'A comment on a story whose URL is hostile.' }]);
    const db = demo.server.deps.db;
    const [story] = await db.select().from(articles).where(eq(articles.key, 'js-story'));
    await db.update(articles).set({ url: EVIL, title: 'Hostile URL story' }).where(eq(articles.id, story!.id));
    // An audit entry about the story, so the log shows it with its URL.
    const login = await fetch(`${demo.url}/api/v1/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    assert.equal(login.status, 200);
    const cookie = /parley_session=[^;]*/.exec(login.headers.get('set-cookie') ?? '')![0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const patched = await fetch(`${demo.url}/api/v1/admin/articles/${story!.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, origin: demo.url },
      body: JSON.stringify({ premod: true }),
    });
    assert.equal(patched.status, 200, await patched.text());
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  for (const [pageName, ready] of [
    ['stories', 'li.story'],
    ['audit', 'li.entry'],
  ] as const) {
    it(`renders no javascript: link on the ${pageName} page`, async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      try {
        const login = await context.request.post(`${demo.url}/api/v1/admin/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
        assert.equal(login.status(), 200);
        const page = await context.newPage();
        await page.goto(`${demo.url}/admin#${pageName}`);
        await page.locator(ready).filter({ hasText: 'Hostile URL story' }).first().waitFor();
        const all = await links(page);
        assert.ok(all.length > 0);
        const bad = all.filter((l) => l.href !== '' && !l.href.startsWith('#') && !/^https?:\/\//i.test(l.href) && !l.href.startsWith('/'));
        assert.deepEqual(bad, [], `links that are not http(s) on the ${pageName} page`);
        assert.equal(await page.evaluate('window.__parleyPwned'), undefined);
      } finally {
        await context.close();
      }
    });
  }
});
