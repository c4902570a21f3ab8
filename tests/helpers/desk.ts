// What the moderation desk's browser tests (tests/e2e/desk-*.test.ts) share on top of useAdminBrowser:
// posting as a chosen reader (email, address, author token), logging in, reading the admin API as the
// logged-in page does, and where keyboard focus is (inside shadow roots).
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { sites } from '../../server/db/schema.js';
import type { SiteSettings } from '../../server/sites/settings.js';
import type { AdminBrowser } from './admin-browser.js';

export const DESK_EMAIL = 'desk@example.com';
export const DESK_PASSWORD = 'desk password 1';

export interface Reader {
  name: string;
  email: string;
  /** The reader's address, as the one trusted proxy hop reports it. */
  ip: string;
  /** The author token a previous post returned (the widget sends it with every post). */
  token?: string;
}

export interface Posted {
  status: number;
  json: {
    comment?: { id: number; status: string };
    authorToken?: string;
    error?: { code: string; message: string; until?: string; note?: string };
  };
}

/** Posts on the demo site through the public API as `reader`, with an article title and URL (permalinks need one). */
export async function postAs(
  admin: AdminBrowser,
  reader: Reader,
  article: string,
  body: string,
  extra: { parentId?: number; title?: string } = {},
): Promise<Posted> {
  const url = admin.server.url;
  const { token } = (await (await fetch(`${url}/api/v1/sites/demo/form-token`)).json()) as { token: string };
  // Past the form token's minimum age and the per-address flood interval (readers here share addresses).
  admin.advanceClock(15_000);
  const res = await fetch(`${url}/api/v1/sites/demo/articles/${encodeURIComponent(article)}/comments`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: url,
      'x-forwarded-for': reader.ip,
      ...(reader.token ? { 'x-parley-author-token': reader.token } : {}),
    },
    body: JSON.stringify({
      body,
      name: reader.name,
      email: reader.email,
      formToken: token,
      parentId: extra.parentId,
      article: { url: `${url}/demo?story=${encodeURIComponent(article)}`, title: extra.title ?? `${article} | World | News Mirror` },
    }),
  });
  const json = (await res.json()) as Posted['json'];
  if (json.authorToken) reader.token = json.authorToken;
  return { status: res.status, json };
}

/** Posts and asserts the comment was taken (201 or 202); returns its id. */
export async function postOk(admin: AdminBrowser, reader: Reader, article: string, body: string, extra: { parentId?: number; title?: string } = {}): Promise<number> {
  const r = await postAs(admin, reader, article, body, extra);
  assert.ok(r.status === 201 || r.status === 202, `${reader.name} could not post: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.comment!.id;
}

/** Sets the demo site's settings straight in the database (the Sites page is tested elsewhere). */
export async function setDemoSettings(admin: AdminBrowser, settings: Partial<SiteSettings>): Promise<void> {
  const { deps } = admin.server;
  await deps.db.update(sites).set({ settings }).where(eq(sites.slug, 'demo'));
  deps.siteCache.invalidate();
}

/** A reader (by address) reports a published comment; returns the status (202, or 409 when already reported). */
export async function report(admin: AdminBrowser, article: string, id: number, ip: string, reason: string, note?: string): Promise<number> {
  const url = admin.server.url;
  const res = await fetch(`${url}/api/v1/sites/demo/articles/${encodeURIComponent(article)}/comments/${id}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, 'x-forwarded-for': ip },
    body: JSON.stringify({ reason, note }),
  });
  await res.body?.cancel();
  return res.status;
}

/** Opens /admin and logs in as the desk's first administrator. */
export async function logIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/admin`);
  await page.getByLabel('Email').fill(DESK_EMAIL);
  await page.getByLabel('Password').fill(DESK_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('parley-admin-queue h1').waitFor();
}

/** GET on the admin API with the page's session cookie, as the admin view itself reads it. */
export async function adminGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(`/api/v1/admin${p}`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res.json();
  }, path) as Promise<T>;
}

/** POST on the admin API as the page's moderator (the CSRF token comes from /me, as the view gets it). */
export async function adminPost<T>(page: Page, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ([p, b]) => {
      const me = (await (await fetch('/api/v1/admin/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1/admin${p}`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(b),
      });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    [path, body] as const,
  ) as Promise<T>;
}

export interface FocusInfo {
  tag: string;
  id: string;
  text: string;
}

/** The focused element, looking through shadow roots. */
export function deepFocus(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', text: (el?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80) };
  });
}

export interface FocusWant {
  /** Tag name, id and text (whitespace collapsed) of the focused element; each must match when given. */
  tag?: RegExp;
  id?: RegExp;
  text?: RegExp;
}

/**
 * Waits until focus (through shadow roots) is on an element matching `want`. With no test given, any
 * element but <body>, <html>, <main> and the shell counts: focus was kept somewhere useful.
 */
export async function waitForFocus(page: Page, want: FocusWant = {}): Promise<FocusInfo> {
  const src = (r?: RegExp) => (r ? [r.source, r.flags] : null);
  try {
    await page.waitForFunction(
      ([tag, id, text]) => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!el) return false;
        const t = el.tagName.toLowerCase();
        if (!tag && ['body', 'html', 'main', 'parley-admin'].includes(t)) return false;
        // No inner functions: the test runner's transform would name them with a helper the page lacks.
        const text_ = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
        return (
          (!tag || new RegExp(tag[0]!, tag[1]).test(t)) &&
          (!id || new RegExp(id[0]!, id[1]).test(el.id)) &&
          (!text || new RegExp(text[0]!, text[1]).test(text_))
        );
      },
      [src(want.tag), src(want.id), src(want.text)],
      { timeout: 10_000 },
    );
  } catch {
    assert.fail(`focus should match ${JSON.stringify({ tag: want.tag?.source, id: want.id?.source, text: want.text?.source })}, is on ${JSON.stringify(await deepFocus(page))}`);
  }
  return deepFocus(page);
}

/** A queue card by the text it contains. */
export const cardOf = (page: Page, text: string): Locator => page.locator('article.card').filter({ hasText: text });

/** The shell's toast (the one role=status live region with the Undo button beside it). */
export const toast = (page: Page): Locator => page.locator('.toast [role="status"]');

/** Follows a link of the admin's navigation. */
export async function goTo(page: Page, link: string | RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: typeof link === 'string' }).click();
}

/**
 * Starts recording every sentence the shell's status line says (a live region's later text replaces
 * the earlier, so a test reading it once could miss one); the returned function reads the record.
 */
export async function recordToasts(page: Page): Promise<() => Promise<string[]>> {
  await page.locator('.toast [role="status"]').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    const p = document.querySelector('parley-admin')!.shadowRoot!.querySelector('.toast [role="status"]')!;
    const said: string[] = [];
    (window as unknown as { parleySaid: string[] }).parleySaid = said;
    new MutationObserver(() => {
      const text = (p.textContent ?? '').trim();
      if (text && said.at(-1) !== text) said.push(text);
    }).observe(p, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { parleySaid: string[] }).parleySaid]);
}
