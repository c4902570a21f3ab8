// Bulk actions on the desk, in Chromium. On a phone (375 px) the bulk bar's own place is often at the
// bottom of the screen, where the toast with Undo sits: the toast used to cover it, so the bulk buttons
// could not be reached while an action could be undone.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import { ARTIFACTS, browserSkipReason } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, cardOf, logIn, postOk, toast, type Reader } from '../helpers/desk.js';

const ARTICLE = 'desk-phone-bulk';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('desk in Chromium: bulk actions on a phone', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
  let page: Page;
  let n = 0;
  const reader = (name: string): Reader => ({ name, email: `${name.toLowerCase()}@example.com`, ip: `203.0.113.${++n}` });
  const bar = () => page.locator('parley-admin-queue .bulk');

  before(async () => {
    page = admin.page;
    for (let i = 1; i <= 10; i++) await postOk(admin, reader(`Reader${i}`), ARTICLE, `Phone comment number ${i} about the night buses.`);
    await page.setViewportSize({ width: 375, height: 667 });
    await logIn(page, admin.server.url);
    await cardOf(page, 'Phone comment number 10').waitFor();
  });

  /**
   * Scrolls so that the bulk bar's own place (just above the cards) ends a little above the bottom of
   * the screen, under where the toast sits, and answers both boxes as laid out then.
   */
  const boxesAtTheBottom = async (): Promise<{ toast: Box; bar: Box; viewport: { width: number; height: number } }> => {
    await page.evaluate(() => {
      const queue = document.querySelector('parley-admin')!.shadowRoot!.querySelector('parley-admin-queue')!;
      const cards = queue.shadowRoot!.querySelector('.cards')!;
      window.scrollTo(0, cards.getBoundingClientRect().top + window.scrollY - window.innerHeight + 5);
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const toastBox = await page.locator('parley-admin .toast').boundingBox();
    const barBox = await bar().boundingBox();
    assert.ok(toastBox && barBox);
    return { toast: toastBox, bar: barBox, viewport: page.viewportSize()! };
  };

  // A phone, and a desktop window short enough (a split screen, a docked console) for the bar's place
  // to fall at the bottom as well.
  for (const [width, height] of [
    [375, 667],
    [1280, 320],
  ] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`keeps the bulk bar clear of the toast with Undo at ${width} px, ${theme}`, async () => {
        await page.setViewportSize({ width, height });
        await page.getByLabel('Theme').selectOption(theme);
        const card = page.locator('article.card').filter({ hasText: 'Phone comment number' }).first();
        const reject = card.getByRole('button', { name: /^Reject comment by Reader\d+$/ });
        const name = ((await reject.textContent()) ?? '').match(/Reader\d+/)?.[0];
        await reject.click();
        await toast(page).filter({ hasText: `Rejected the comment by ${name}.` }).waitFor();
        await page.getByRole('button', { name: 'Undo', exact: true }).waitFor();
        const boxes = await boxesAtTheBottom();
        assert.ok(boxes.toast.y + boxes.toast.height <= boxes.viewport.height + 1, `the toast is on screen: ${JSON.stringify(boxes)}`);
        assert.ok(!overlaps(boxes.toast, boxes.bar), `the toast and the bulk bar overlap: ${JSON.stringify(boxes)}`);
        assert.ok(boxes.bar.y >= 0 && boxes.bar.y + boxes.bar.height <= boxes.toast.y, `the bar is on screen, above the toast: ${JSON.stringify(boxes)}`);
        // Nothing covers the bulk buttons: a trial click checks what is at the button's centre.
        await bar().locator('input[type="checkbox"]').click({ trial: true, timeout: 2000 });
        // The screen as the moderator sees it (a full-page shot would lay sticky bars out differently).
        await page.screenshot({ path: path.join(ARTIFACTS, `desk-bulk-toast-${width}-${theme}.png`) });
      });
    }
  }
});
