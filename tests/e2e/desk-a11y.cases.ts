// The moderation desk's accessibility in Chromium (issue 14), shared by desk-a11y-light.test.ts and
// desk-a11y-dark.test.ts (one theme per file keeps each within the runner's time limit): axe on every
// admin page and dialog in English and Hindi, focus back where it was after each dialog, and the header
// at 768 and 360 px without sideways scrolling; screenshots kept in tests/artifacts.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatViolations, useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, screenshot } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, adminPost, cardOf, logIn, postOk, report, setDemoSettings, waitForFocus } from '../helpers/desk.js';

const ARTICLE = 'desk-a11y-story';

export function defineDeskA11yTests(theme: 'light' | 'dark'): void {
  describe(`desk in Chromium: axe and focus, ${theme} theme`, { skip: browserSkipReason() }, () => {
    const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
    let page: typeof admin.page;
    const axe = async (what: string) => {
      const violations = await admin.runAxe();
      assert.deepEqual(violations, [], `${what}: ${formatViolations(violations)}`);
    };

    before(async () => {
      page = admin.page;
      await page.emulateMedia({ colorScheme: theme });
      await setDemoSettings(admin, { mode: 'post' });
      const parent = await postOk(admin, { name: 'Asha', email: 'asha@example.com', ip: '203.0.113.70' }, ARTICLE, 'The flyover opened a year late.');
      const reported = await postOk(admin, { name: 'Spammy', email: 'spammy@example.com', ip: '203.0.113.71' }, ARTICLE, 'Cheap watches here.');
      for (const ip of ['192.0.2.41', '192.0.2.42', '192.0.2.43']) await report(admin, ARTICLE, reported, ip, 'spam', 'selling things');
      await setDemoSettings(admin, { mode: 'first-time' });
      await postOk(admin, { name: 'Bilal', email: 'bilal@example.com', ip: '203.0.113.72' }, ARTICLE, 'And the toll is still there.', { parentId: parent });
      await logIn(page, admin.server.url);
      await adminPost(page, '/bans', { site: 'demo', email: 'troll@example.com', reason: 'abuse', message: 'Not here.' });
    });

    for (const lang of ['en', 'hi'] as const) {
      it(`passes axe on the queue and its dialogs (${lang}), focus returning to the card`, async () => {
        await page.goto(`${admin.server.url}/admin#queue`);
        await page.locator('parley-admin-queue h1').waitFor();
        await page.locator('select').first().selectOption(lang);
        const card = cardOf(page, 'And the toll');
        await card.waitFor();
        await axe(`queue ${lang}`);
        await screenshot(page, `desk-a11y-queue-${lang}-${theme}`);
        await page.locator('parley-admin-queue h1').click();
        await page.keyboard.press('j');
        await waitForFocus(page, { text: /And the toll/ });
        // u, t and b open the author, the thread and the ban dialog; Escape gives focus back to the card,
        // and the next key right after it is a shortcut again (it once fell into the closing dialog).
        const openers = {
          'parley-author-view': () => page.keyboard.press('u'),
          'parley-thread-dialog': () => page.keyboard.press('t'),
          'parley-ban-dialog': () => page.keyboard.press('b'),
        };
        for (const [tag, open] of Object.entries(openers)) {
          await open();
          await page.locator(`${tag} dialog[open]`).waitFor();
          await page.locator(`${tag} [role="status"]`).waitFor({ state: 'detached' }).catch(() => undefined);
          await page.locator(`${tag} dialog[open] h2`).first().waitFor();
          if (tag === 'parley-ban-dialog') await page.locator('#ban-ip-note').filter({ hasNotText: /…/ }).waitFor();
          await axe(`${tag} ${lang}`);
          await screenshot(page, `desk-a11y-${tag}-${lang}-${theme}`);
          await page.keyboard.press('Escape');
          await page.locator(`${tag} dialog[open]`).waitFor({ state: 'detached' });
          await waitForFocus(page, { text: /And the toll/ });
        }
        await page.getByRole('tab', { name: lang === 'en' ? /Reported/ : /रिपोर्ट की गईं/ }).click();
        await cardOf(page, 'Cheap watches').waitFor();
        await axe(`reported queue ${lang}`);
      });

      it(`passes axe on Stories, Bans, Audit log and Sites (${lang})`, async () => {
        for (const id of ['stories', 'bans', 'audit', 'sites']) {
          await page.goto(`${admin.server.url}/admin#${id}`);
          await page.locator(`parley-admin-${id} h1`).waitFor();
          await page.locator(`parley-admin-${id} [role="status"]`).filter({ hasText: /Loading|लोड/ }).waitFor({ state: 'detached' });
          if (id === 'bans') await page.locator('li.ban').first().waitFor();
          if (id === 'audit') await page.locator('li.entry').first().waitFor();
          await axe(`${id} ${lang}`);
          await screenshot(page, `desk-a11y-${id}-${lang}-${theme}`);
        }
      });
    }

    it('keeps the header tidy at 768 and 360 px, without sideways scrolling', async () => {
      for (const width of [768, 360]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${admin.server.url}/admin#queue`);
        await cardOf(page, 'And the toll').waitFor();
        const m = await page.evaluate(() => {
          const root = document.querySelector('parley-admin')!.shadowRoot!;
          const links = [...root.querySelectorAll('nav a')].map((a) => a.getBoundingClientRect().top);
          return {
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            navRows: new Set(links.map((t) => Math.round(t))).size,
            barHeight: root.querySelector('.bar')!.getBoundingClientRect().height,
          };
        });
        assert.ok(m.overflow <= 0, `${width} px: the page scrolls sideways by ${m.overflow} px`);
        assert.equal(m.navRows, 1, `${width} px: the navigation wraps onto ${m.navRows} rows`);
        assert.ok(m.barHeight < 100, `${width} px: the top bar is ${m.barHeight} px tall`);
        await screenshot(page, `desk-a11y-header-${width}-${theme}`);
      }
      await page.setViewportSize({ width: 1100, height: 900 });
      assert.deepEqual(admin.pageErrors, []);
    });
  });
}
