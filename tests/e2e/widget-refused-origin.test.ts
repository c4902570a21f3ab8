// The embed on a page whose origin the site does not allow, in Chromium: the publisher is told which
// origin to add and where (in the widget and in the console), and the refusal reaches the admin list.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { refusedOrigins } from '../../server/db/schema.js';
import { browserSkipReason, screenshot, type DemoServer, useDemoBrowser } from '../helpers/browser.js';

const skip = browserSkipReason();

describe('widget: on an origin the site does not allow', { skip }, () => {
  let demo: DemoServer;
  let browser: Browser;
  // The publisher's page: another origin (another port), a real server so Chromium treats it as the
  // loopback page it is (a page it cannot place may not load scripts from 127.0.0.1).
  let host: Server;
  let ELSEWHERE = '';
  let lang = 'en';
  useDemoBrowser({}, (d, b) => {
    demo = d;
    browser = b;
  });
  before(async () => {
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Story</title>
        <script type="module" src="${demo.url}/embed.js"></script></head>
        <body><h1>Story</h1><parley-comments site="demo" article="story-1"></parley-comments></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    ELSEWHERE = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => host.close(() => resolve())));

  for (const language of ['en', 'hi'] as const) {
    test(`shows the publisher which origin to add, and says it in the console (${language})`, async () => {
      lang = language;
      await demo.reset({ mode: 'post' });
      const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      await page.goto(`${ELSEWHERE}/story`);
      const w = page.locator('parley-comments');
      const message =
        lang === 'en'
          ? `Comments cannot load on this page: its address ${ELSEWHERE} is not allowed for the site “demo”.`
          : `इस पेज पर टिप्पणियाँ लोड नहीं हो सकतीं: इसका पता ${ELSEWHERE} साइट “demo” के लिए अनुमत नहीं है।`;
      await w.getByText(message).waitFor();
      await w.getByText(`${demo.url}/admin`, { exact: false }).waitFor();
      assert.equal(await w.getByRole('button', { name: lang === 'en' ? 'Try again' : 'फिर से कोशिश करें' }).count(), 0);
      const named = consoleErrors.filter((e) => e.startsWith('Parley:'));
      assert.equal(named.length, 1, consoleErrors.join('\n'));
      assert.match(named[0]!, new RegExp(`does not allow the origin ${ELSEWHERE.replace(/\./g, '\\.')}`));
      assert.match(named[0]!, /allowed origins/);
      await screenshot(page, `widget-refused-origin-${lang}`);

      const db = demo.server.deps.db;
      const rows = await db.select().from(refusedOrigins).where(eq(refusedOrigins.origin, ELSEWHERE));
      assert.equal(rows.length, 1, 'the refusal is recorded for the admin view');
      await context.close();
    });
  }
});
