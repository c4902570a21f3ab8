// Chromium for the browser tests: the Debian package driven by playwright-core, a fresh widget
// build when the sources changed, and a place for screenshots (tests/artifacts, gitignored).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { changeCommentStatus } from '../../server/comments/status.js';
import { bumpArticle } from '../../server/comments/store.js';
import { articles, comments, sites, type CommentStatus } from '../../server/db/schema.js';
import type { SiteSettings } from '../../server/sites/settings.js';
import type { PublicComment } from '../../widget/shared/api.js';
import { startTestServer, type TestServer } from './server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(root, 'tests', 'artifacts');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * false when Chromium is available, else the reason to skip (for describe/test `skip`). With
 * PARLEY_REQUIRE_ALL=1 (CI) a missing browser is an error instead of a skip.
 */
export function browserSkipReason(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set PARLEY_CHROMIUM)`;
  if (process.env.PARLEY_REQUIRE_ALL === '1') throw new Error(reason);
  console.warn(`\n*** SKIPPING BROWSER TESTS: ${reason} ***\n`);
  return reason;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    if (name.name === 'dist' || name.name.startsWith('.')) continue;
    const full = path.join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds widget/dist when it is missing or older than its sources (npm test builds first; this is
 * for running one test file). A lock directory keeps parallel test files from building at once.
 */
export async function ensureWidgetBuilt(): Promise<void> {
  const widget = path.join(root, 'widget');
  const manifest = path.join(widget, 'dist', 'manifest.json');
  const lock = path.join(widget, '.build-lock');
  const fresh = () => existsSync(manifest) && statSync(manifest).mtimeMs >= newestMtime(widget);
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building; wait for its lock to go, then look again.
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      if (!fresh()) {
        const { buildWidget } = await import('../../widget/build.js');
        await buildWidget();
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Saves tests/artifacts/<name>.png (the full page) and <name>.widget.png (just the widget). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const widget = page.locator('parley-comments').first();
  if (await widget.count()) await widget.screenshot({ path: path.join(ARTIFACTS, `${name}.widget.png`) });
}

// ---------------------------------------------------------------------------------------------
// A Parley with the demo site for widget tests: an injectable clock, settings per test, seeding.

export interface DemoServer {
  server: TestServer;
  url: string;
  /** Moves the server's clock forward, e.g. past the form token's 2 s minimum before a post. */
  advance(ms: number): void;
  /** Deletes every demo article (and so its comments) and sets the demo site's settings. */
  reset(settings?: Partial<SiteSettings>): Promise<void>;
  /** Posts comments through the public API (published, no timing checks), in order. */
  seed(article: string, list: SeedComment[]): Promise<PublicComment[]>;
  /** Adds `count` approved top-level comments straight to the database (fast; for paging). */
  seedMany(article: string, count: number): Promise<number[]>;
  /** Moves a comment to a status as a moderator would (events, counts and audit included). */
  setStatus(id: number, to: CommentStatus): Promise<void>;
  close(): Promise<void>;
}

export interface SeedComment {
  name: string;
  body: string;
  email?: string;
  website?: string;
  /** Index into the list of an earlier seed comment to reply to. */
  replyTo?: number;
}

/** Seeded and test-posted comments come from these defaults so tests read short. */
export const DEMO_ARTICLE = 'demo-article-1';

export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  let offset = 0;
  const server = await startTestServer({ env, now: () => new Date(Date.now() + offset) });
  const { deps } = server;
  const [demo] = await deps.db.select().from(sites).where(eq(sites.slug, 'demo'));
  if (!demo) throw new Error('the test server did not create the demo site');
  const setSettings = async (settings: Partial<SiteSettings>) => {
    await deps.db.update(sites).set({ settings }).where(eq(sites.id, demo.id));
    deps.siteCache.invalidate();
  };
  let current: Partial<SiteSettings> = {};
  const api: DemoServer = {
    server,
    url: server.url,
    advance(ms) {
      offset += ms;
    },
    async reset(settings = {}) {
      await deps.db.delete(articles).where(eq(articles.siteId, demo.id));
      // The server caches article rows by key; deleted behind its back, they must be forgotten.
      deps.threadCache.clear();
      current = settings;
      await setSettings(settings);
    },
    async seed(article, list) {
      await setSettings({ ...current, mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, nudge: false });
      const out: PublicComment[] = [];
      try {
        for (const [i, s] of list.entries()) {
          const res = await fetch(`${server.url}/api/v1/sites/demo/articles/${encodeURIComponent(article)}/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: server.url },
            body: JSON.stringify({
              body: s.body,
              name: s.name,
              email: s.email ?? `seed${i}@example.com`,
              website: s.website,
              parentId: s.replyTo === undefined ? undefined : out[s.replyTo]!.id,
              article: { url: `${server.url}/demo`, title: 'Demo' },
            }),
          });
          const data = (await res.json()) as { comment: PublicComment };
          if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${JSON.stringify(data)}`);
          out.push(data.comment);
        }
      } finally {
        await setSettings(current);
      }
      return out;
    },
    async seedMany(article, count) {
      const [first] = await api.seed(article, [{ name: 'Reader 1', body: 'Comment number 1.' }]);
      const [row] = await deps.db.select().from(comments).where(eq(comments.id, first!.id));
      const start = row!.createdAt.getTime();
      const rows = await deps.db
        .insert(comments)
        .values(
          Array.from({ length: count - 1 }, (_, i) => ({
            siteId: demo.id,
            articleId: row!.articleId,
            authorName: `Reader ${i + 2}`,
            authorEmail: `reader${i + 2}@example.com`,
            body: `Comment number ${i + 2}.`,
            status: 'approved' as const,
            createdAt: new Date(start + (i + 1) * 1000),
          })),
        )
        .returning({ id: comments.id });
      await bumpArticle(deps.db, row!.articleId, count - 1, null);
      deps.threadCache.invalidateArticle(row!.articleId);
      return [first!.id, ...rows.map((r) => r.id)];
    },
    async setStatus(id, to) {
      await deps.db.transaction(async (tx) => {
        const [row] = await tx.select().from(comments).where(eq(comments.id, id)).for('update');
        if (!row) throw new Error(`no comment ${id}`);
        await changeCommentStatus(tx, deps.bus, row, { to, actor: { type: 'moderator' }, action: to });
      });
    },
    close: () => server.close(),
  };
  return api;
}

// ---------------------------------------------------------------------------------------------
// Driving the widget on a page.

/** Opens /demo for a fresh reader (own localStorage) and waits for the thread to load. */
export async function openDemo(
  browser: Browser,
  url: string,
  options: { width?: number; colorScheme?: 'light' | 'dark'; context?: BrowserContext; bypassCSP?: boolean } = {},
): Promise<{ page: Page; w: Locator; context: BrowserContext; errors: string[] }> {
  const context =
    options.context ??
    (await browser.newContext({
      viewport: { width: options.width ?? 1000, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
      bypassCSP: options.bypassCSP ?? false,
    }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/demo`);
  const w = page.locator('parley-comments');
  await w.locator('h2#h').filter({ hasNotText: 'Loading' }).waitFor();
  return { page, w, context, errors };
}

/** A form field by its label (the edit box is also labelled "Comment"; the form's comes first). */
export const field = (w: Locator, name: 'Comment' | 'Name' | 'Email' | 'Website'): Locator =>
  w.getByRole('textbox', { name, exact: true }).first();

export const postButton = (w: Locator): Locator => w.getByRole('button', { name: 'Post Comment' });

export async function fillForm(w: Locator, values: { body: string; name?: string; email?: string }): Promise<void> {
  await field(w, 'Comment').fill(values.body);
  await field(w, 'Name').fill(values.name ?? 'Meera Iyer');
  await field(w, 'Email').fill(values.email ?? 'meera@example.com');
}

/** The id of the focused element inside the widget's shadow root. */
export const focusedId = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.querySelector('parley-comments')?.shadowRoot?.activeElement?.id ?? null);

/** Waits until focus inside the widget is on the element with this id (or an id matching). */
export async function waitForFocus(page: Page, id: string | RegExp): Promise<void> {
  const [source, flags] = typeof id === 'string' ? [`^${id}$`, ''] : [id.source, id.flags];
  await page.waitForFunction(
    ([s, f]) => new RegExp(s!, f).test(document.querySelector('parley-comments')?.shadowRoot?.activeElement?.id ?? ''),
    [source, flags],
  );
}

/** Waits until the widget's live-update stream is open, so a published event has someone to reach. */
export async function waitForStream(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('parley-comments') as unknown as { events?: EventSource | null } | null;
    return el?.events?.readyState === EventSource.OPEN;
  });
}

/** The form token must be older than the site's 2 s minimum when the form is sent. */
export const PAST_MIN_SUBMIT = 2500;

/**
 * Registers the hooks every widget browser file needs: one demo server and one browser for the file
 * (files run in parallel, each within the runner's time limit). `bind` receives both once started;
 * the returned function opens /demo in that browser.
 */
export function useDemoBrowser(env: Record<string, string>, bind: (demo: DemoServer, browser: Browser) => void) {
  let demo: DemoServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    await ensureWidgetBuilt();
    [demo, browser] = await Promise.all([startDemoServer(env), launchBrowser()]);
    bind(demo, browser);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });
  return (options?: Parameters<typeof openDemo>[2]) => openDemo(browser!, demo!.url, options);
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations inside the page's <parley-comments> (its open shadow root included), as "rule: targets". */
export async function widgetAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> };
    const axe = (window as unknown as { axe: { run(context: Element): Promise<Result> } }).axe;
    const result = await axe.run(document.querySelector('parley-comments')!);
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}
