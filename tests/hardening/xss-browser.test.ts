// Stored XSS, browser side: the whole payload corpus, approved, rendered in Chromium by the
// reader widget (<parley-comments> on a host page with no CSP of its own, so the widget alone must
// be safe) and by the admin view. The pages trap dialogs, console errors and stray network
// requests: nothing runs, links are only http(s) with rel="nofollow ugc noopener", and the layout
// stays inside its box.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { cleanBody } from '../../server/comments/dto.js';
import { sites } from '../../server/db/schema.js';
import { browserSkipReason, ensureWidgetBuilt, launchBrowser, screenshot, startDemoServer, type DemoServer } from '../helpers/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, HAS_ADMIN_API } from './helpers/parley.js';
import { EXFIL_HOST, SHORT_PAYLOADS, XSS_PAYLOADS } from './helpers/xss-payloads.js';

const skip = browserSkipReason();
const CHUNK = 40;
const WIDTH = 560;

interface Trap {
  dialogs: string[];
  errors: string[];
  stray: string[];
}

/** Records what a payload that ran would leave behind: dialogs, errors, requests off the allowed paths. */
function trap(page: Page, origin: string, allowed: RegExp): Trap {
  const t: Trap = { dialogs: [], errors: [], stray: [] };
  page.on('dialog', (d) => {
    t.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => t.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Chromium asks every page for /favicon.ico by itself; the admin shell has none (a 404, not a payload).
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) t.errors.push(`console: ${m.text()} at ${m.location().url}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) t.errors.push(`response ${r.status()}: ${r.url().slice(0, 200)}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (url.includes(EXFIL_HOST) || !url.startsWith(origin) || !allowed.test(new URL(url).pathname)) t.stray.push(`${r.method()} ${url.slice(0, 200)}`);
  });
  return t;
}

// Runs in the page. Kept as source text: tsx would wrap named inner functions in a helper the page lacks.
const INSPECT = `(({ hostSelector, itemSelector }) => {
  const host = document.querySelector(hostSelector);
  const all = [];
  const walk = (root) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (host.shadowRoot) walk(host.shadowRoot);
  walk(host);
  const handlers = all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + '[' + a.name + ']'));
  const items = all.filter((el) => el.matches(itemSelector));
  const inside = all.filter((el) => items.some((item) => item !== el && item.contains(el)));
  const dangerous = inside
    .filter((el) => /^(SCRIPT|IFRAME|OBJECT|EMBED|BASE|META|FORM|FRAME|FRAMESET|MATH|TEMPLATE|XMP|PLAINTEXT|MARQUEE|VIDEO|AUDIO|SOURCE)$/i.test(el.tagName)
      || (el.tagName === 'IMG' && !el.src.startsWith(location.origin))
      || (el.tagName === 'LINK' && el.rel !== 'stylesheet'))
    .map((el) => el.outerHTML.slice(0, 120));
  const styled = all.filter((el) => el.hasAttribute('style') && /url\\(|expression/i.test(el.getAttribute('style') || '')).map((el) => el.outerHTML.slice(0, 120));
  const links = all
    .filter((el) => el.tagName === 'A' && el.hasAttribute('href'))
    .map((a) => ({ href: a.getAttribute('href') || '', protocol: a.protocol, rel: a.rel, text: (a.textContent || '').slice(0, 60) }));
  const box = host.getBoundingClientRect();
  const outside = items
    .map((el) => ({ id: el.id || el.className, r: el.getBoundingClientRect(), sw: el.scrollWidth, cw: el.clientWidth }))
    .filter(({ r, sw, cw }) => r.left < box.left - 1 || r.right > box.right + 1 || sw > cw + 1)
    .map(({ id, r, sw, cw }) => id + ': ' + Math.round(r.left) + '..' + Math.round(r.right) + ' in ' + Math.round(box.left) + '..' + Math.round(box.right) + ', scroll ' + sw + '/' + cw);
  return {
    handlers, dangerous, styled, links, outside,
    hostOverflow: host.scrollWidth > host.clientWidth + 1 ? host.scrollWidth + ' > ' + host.clientWidth : null,
    pageOverflow: document.documentElement.scrollWidth > window.innerWidth + 1 ? document.documentElement.scrollWidth + ' > ' + window.innerWidth : null,
    count: items.length,
  };
})`;

interface Inspection {
  handlers: string[];
  dangerous: string[];
  styled: string[];
  links: { href: string; protocol: string; rel: string; text: string }[];
  outside: string[];
  hostOverflow: string | null;
  pageOverflow: string | null;
  count: number;
}

/** Inspects every element under `hostSelector`, through shadow roots: what could only be there if markup was parsed. */
function inspect(page: Page, hostSelector: string, itemSelector: string): Promise<Inspection> {
  return page.evaluate(`${INSPECT}(${JSON.stringify({ hostSelector, itemSelector })})`) as Promise<Inspection>;
}

function checkLinks(what: string, links: { href: string; protocol: string; rel: string; text: string }[], userRel: boolean, pageUrl?: string) {
  for (const l of links) {
    if (l.href.startsWith('#') || l.href === '') continue;
    // A comment's permalink is this page's own address with its fragment: not reader-supplied.
    if (pageUrl !== undefined && l.href.split('#')[0] === pageUrl.split('#')[0] && /^#parley-comment-\d+$/.test(new URL(l.href).hash)) continue;
    assert.ok(l.protocol === 'http:' || l.protocol === 'https:', `${what}: a ${l.protocol} link (${l.href.slice(0, 80)})`);
    if (userRel) {
      const rel = new Set(l.rel.split(/\s+/));
      for (const r of ['nofollow', 'ugc', 'noopener']) assert.ok(rel.has(r), `${what}: link ${l.href.slice(0, 80)} has rel="${l.rel}"`);
    }
  }
}

describe('stored XSS rendered in Chromium', { skip }, () => {
  let demo: DemoServer;
  let browser: Browser;
  const posted: { id: number; body: string; article: string }[] = [];
  const pendingPosted: { id: number; body: string }[] = [];
  const counts = { payloads: 0, rendered: 0, adminCards: 0 };

  before(async () => {
    await ensureWidgetBuilt();
    [demo, browser] = await Promise.all([
      startDemoServer(HAS_ADMIN_API ? { PARLEY_ADMIN_EMAIL: ADMIN_EMAIL, PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD } : {}),
      launchBrowser(),
    ]);
    await demo.reset({ mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, linkLimit: 100, nudge: false });
    const usable = XSS_PAYLOADS.filter((p) => !p.includes('\u0000') && cleanBody(p).length > 0);
    const post = async (i: number, payload: string, article: string) => {
      const name = SHORT_PAYLOADS.filter((s) => !s.includes('\u0000'))[i % SHORT_PAYLOADS.length] ?? 'Name';
      const body = {
        body: payload,
        name: name.trim() ? name : 'Name',
        email: `xss${i}@example.com`,
        website: `https://example.com/?p=${payload.slice(0, 100)}`,
        // The article URL must be on the site's allowed origins (issue 12, finding 4): the demo's own.
        article: { url: `${demo.url}/news/${article}?x=${payload.slice(0, 200)}`, title: [...payload].slice(0, 300).join('') },
      };
      const send = (b: Record<string, unknown>) =>
        fetch(`${demo.url}/api/v1/sites/demo/articles/${article}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: demo.url, 'x-forwarded-for': `198.18.${i >> 8}.${i & 255}` },
          body: JSON.stringify(b),
        });
      let res = await send(body);
      if (res.status === 422) res = await send({ ...body, website: undefined, article: { title: body.article.title } });
      const json = (await res.json()) as { comment?: { id: number } };
      assert.ok(res.status === 201 || res.status === 202, `payload ${i}: ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
      return json.comment!.id;
    };
    for (const [i, payload] of usable.entries()) {
      const article = `xss-${Math.floor(i / CHUNK)}`;
      posted.push({ id: await post(i, payload, article), body: payload, article });
    }
    counts.payloads = usable.length;
    // A held batch for the moderators' default queue.
    const [demoSite] = await demo.server.deps.db.select().from(sites).where(eq(sites.slug, 'demo'));
    await demo.server.deps.db.update(sites).set({ settings: { ...(demoSite!.settings as object), mode: 'pre' } }).where(eq(sites.id, demoSite!.id));
    demo.server.deps.siteCache.invalidate();
    for (const [i, payload] of usable.slice(0, CHUNK).entries()) pendingPosted.push({ id: await post(10_000 + i, `${payload} (held)`, 'xss-held'), body: payload });
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
    console.log(`# hardening xss-browser: payloads=${counts.payloads} rendered in the widget=${counts.rendered} admin cards checked=${counts.adminCards}`);
  });

  it('renders every payload in the reader widget as inert text', async () => {
    const articles = [...new Set(posted.map((p) => p.article))];
    const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
    try {
      for (const article of articles) {
        const page = await context.newPage();
        const t = trap(page, demo.url, /^\/(xss-host\/.*|embed\.js|assets\/.*|api\/v1\/.*)$/);
        // A host page without any CSP: the widget alone must keep the payloads inert.
        await page.route(`${demo.url}/xss-host/**`, (route) =>
          route.fulfill({
            contentType: 'text/html; charset=utf-8',
            body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
              <script type="module" src="/embed.js"></script>
              <style>body{margin:0;font-family:sans-serif} .box{width:${WIDTH}px;margin:16px auto}</style></head>
              <body><div class="box"><parley-comments site="demo" article="${article}"></parley-comments></div></body></html>`,
          }),
        );
        await page.goto(`${demo.url}/xss-host/${article}`);
        const w = page.locator('parley-comments');
        await w.locator('h2#h').filter({ hasNotText: 'Loading' }).waitFor();
        const mine = posted.filter((p) => p.article === article);
        await w.locator(`#c-${mine.at(-1)!.id}`).waitFor();
        // Give anything injected the chance to fire: images load, handlers run, timers tick.
        await page.waitForLoadState('networkidle');
        await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');

        const found = await inspect(page, 'parley-comments', 'article[id^="c-"]');
        assert.equal(found.count, mine.length, `${article}: every comment is shown`);
        counts.rendered += found.count;
        assert.deepEqual(t.dialogs, [], `${article}: a payload opened a dialog`);
        assert.deepEqual(t.errors, [], `${article}: console errors`);
        assert.deepEqual(t.stray, [], `${article}: stray network requests`);
        assert.deepEqual(found.handlers, [], `${article}: event-handler attributes in the DOM`);
        assert.deepEqual(found.dangerous, [], `${article}: elements that only parsed markup could make`);
        assert.deepEqual(found.styled, [], `${article}: inline styles with URLs`);
        checkLinks(article, found.links, true, page.url());
        assert.deepEqual(found.outside, [], `${article}: comments outside their box`);
        assert.equal(found.hostOverflow, null, `${article}: the widget scrolls sideways`);
        assert.equal(found.pageOverflow, null, `${article}: the page scrolls sideways`);
        // The text is all there, as text.
        for (const p of mine) {
          const shown = (await w.locator(`#c-${p.id} .body`).textContent()) ?? '';
          assert.equal(shown.replace(/\s+/g, ''), cleanBody(p.body).replace(/\s+/g, ''), `comment ${p.id} shows its text verbatim`);
        }
        if (article === 'xss-0') await screenshot(page, 'hardening-xss-widget');
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  it('renders the payloads in the admin view as inert text', { skip: HAS_ADMIN_API ? false : 'admin API not in this build' }, async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const page = await context.newPage();
      const t = trap(page, demo.url, /^\/(admin|admin\.js|assets\/.*|api\/v1\/.*)$/);

      const login = await context.request.post(`${demo.url}/api/v1/admin/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
      assert.equal(login.status(), 200);
      await page.goto(`${demo.url}/admin`);
      await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
      const cards = page.locator('article.card');
      await cards.first().waitFor();
      for (const queue of ['pending', 'approved']) {
        if (queue === 'approved') {
          await page.getByRole('tab', { name: /Approved/ }).click();
          await page.locator('article.card').filter({ hasNotText: '(held)' }).first().waitFor();
          // Bring in more pages of approved payloads (bounded).
          const more = page.getByRole('button', { name: 'Load more' });
          for (let i = 0; i < 6 && (await more.count()) > 0; i++) {
            const before = await page.locator('article.card').count();
            await more.first().click();
            await page.locator('article.card').nth(before).waitFor();
          }
        }
        await page.waitForLoadState('networkidle');
        await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');
        const found = await inspect(page, 'parley-admin', 'article.card');
        assert.ok(found.count >= 10, `${queue}: ${found.count} cards`);
        counts.adminCards += found.count;
        assert.deepEqual(t.dialogs, [], `${queue}: a payload opened a dialog`);
        assert.deepEqual(t.errors, [], `${queue}: console errors`);
        assert.deepEqual(t.stray, [], `${queue}: stray network requests`);
        assert.deepEqual(found.handlers, [], `${queue}: event-handler attributes`);
        assert.deepEqual(found.dangerous, [], `${queue}: elements only parsed markup could make`);
        assert.deepEqual(found.styled, [], `${queue}: inline styles with URLs`);
        checkLinks(`admin ${queue}`, found.links, false);
        // Links built from what readers sent (their website, the article URL they posted under).
        const userLinks = found.links.filter((l) => (/^https?:\/\/example\.com\//.test(l.href) || l.href.startsWith(`${demo.url}/news/`)));
        assert.ok(userLinks.length > 0, 'user-supplied links are rendered');
        for (const l of userLinks) assert.ok(l.rel.split(/\s+/).includes('noopener'), `admin link ${l.href.slice(0, 60)} has rel="${l.rel}"`);
        assert.deepEqual(found.outside, [], `${queue}: cards outside their box`);
        assert.equal(found.pageOverflow, null, `${queue}: the admin page scrolls sideways`);
        if (queue === 'pending') await screenshot(page, 'hardening-xss-admin');
      }
    } finally {
      await context.close();
    }
  });

  it(
    'gives every reader-supplied link in the admin view rel="nofollow ugc noopener"',
    { skip: HAS_ADMIN_API ? false : 'admin API not in this build' },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      try {
        const page = await context.newPage();
        await context.request.post(`${demo.url}/api/v1/admin/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
        await page.goto(`${demo.url}/admin`);
        await page.locator('article.card').first().waitFor();
        const found = await inspect(page, 'parley-admin', 'article.card');
        const userLinks = found.links.filter((l) => (/^https?:\/\/example\.com\//.test(l.href) || l.href.startsWith(`${demo.url}/news/`)));
        assert.ok(userLinks.length > 0);
        for (const l of userLinks) for (const r of ['nofollow', 'ugc', 'noopener']) assert.ok(l.rel.split(/\s+/).includes(r), `${l.href.slice(0, 60)} has rel="${l.rel}"`);
      } finally {
        await context.close();
      }
    },
  );
});
