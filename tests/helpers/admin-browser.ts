// The admin view's browser tests share this: a Parley whose clock can run ahead (so a form token is
// old enough without sleeping), a first admin with a known password, one Chromium page that records
// page errors and dialogs, held comments posted the way the reader widget posts them, and axe.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { ensureWidgetBuilt, launchBrowser } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

export interface AdminBrowser {
  readonly server: TestServer;
  readonly browser: Browser;
  readonly page: Page;
  /** Messages of alert/confirm dialogs the page opened (each dismissed): comment text must open none. */
  readonly dialogs: string[];
  readonly pageErrors: string[];
  /** Moves the server's clock ahead, as if a reader had spent that long on the form. */
  advanceClock(ms: number): void;
  /** Posts on the demo site through the public API as a new reader; asserts it was held (202). */
  postHeld(article: string, body: string, name: string): Promise<{ id: number }>;
  /**
   * The demo site's public thread of `article` as a reader without a cookie reads it, once `done`
   * holds of it (asked again every 50 ms, 5 s at most; then as it is). Such a reader may be given the
   * previous page for a moment while the new version is built (server/threads/read.ts), so what
   * the admin view has confirmed shows there a little later.
   */
  publicThread<T = PublicThread>(article: string, done?: (thread: T) => boolean): Promise<T>;
  /** axe-core's violations for the whole document, shadow roots included. */
  runAxe(): Promise<AxeViolation[]>;
}

export interface PublicThread {
  article: { key: string; title: string | null; url: string | null };
  comments: Array<{ id: number; parentId: number | null; authorName: string; body: string }>;
  total: number;
}

export const formatViolations = (v: AxeViolation[]) =>
  v.map((x) => `${x.id} (${x.impact}): ${x.help} at ${JSON.stringify(x.nodes.map((n) => n.target))}`).join('\n');

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Registers before/after hooks in the calling describe(); the returned object is live once `before` ran. */
export function useAdminBrowser(login: { email: string; password: string }, env: Record<string, string> = {}): AdminBrowser {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let skewMs = 0;
  let ipCounter = 0;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    await ensureWidgetBuilt();
    server = await startTestServer({
      now: () => new Date(Date.now() + skewMs),
      env: { PARLEY_ADMIN_EMAIL: login.email, PARLEY_ADMIN_PASSWORD: login.password, ...env },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    get page() {
      return page!;
    },
    dialogs,
    pageErrors,
    advanceClock(ms) {
      skewMs += ms;
    },
    async postHeld(article, body, name) {
      const { token } = (await (await fetch(`${server!.url}/api/v1/sites/demo/form-token`)).json()) as { token: string };
      this.advanceClock(5000);
      const res = await fetch(`${server!.url}/api/v1/sites/demo/articles/${article}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: server!.url,
          // A distinct reader address each time, so flood control sees different readers.
          'x-forwarded-for': `203.0.113.${++ipCounter}`,
        },
        body: JSON.stringify({ body, name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`, formToken: token }),
      });
      const json = (await res.json()) as { comment: { id: number; status: string } };
      assert.equal(res.status, 202, JSON.stringify(json));
      assert.equal(json.comment.status, 'pending');
      return { id: json.comment.id };
    },
    async publicThread<T>(article: string, done: (thread: T) => boolean = () => true) {
      const until = Date.now() + 5000;
      for (;;) {
        const res = await fetch(`${server!.url}/api/v1/sites/demo/articles/${article}/comments?limit=100`, { headers: { origin: server!.url } });
        assert.equal(res.status, 200);
        const thread = (await res.json()) as T;
        if (done(thread) || Date.now() > until) return thread;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async runAxe() {
      // evaluate() is not subject to the page's CSP (script-src 'self'), unlike an injected <script>.
      if (!(await page!.evaluate(() => 'axe' in window))) await page!.evaluate(axeSource);
      // axe walks open shadow roots from the document, which is where every admin element renders.
      const result = await page!.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
        return axe.run(document, { resultTypes: ['violations'] });
      });
      return result.violations;
    },
  };
}
