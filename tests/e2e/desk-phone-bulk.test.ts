// Bulk actions on the desk, in Chromium. On a phone (375 px) the bulk bar's own place is often at the
// bottom of the screen, where the toast with Undo sits: the toast used to cover it, so the bulk buttons
// could not be reached while an action could be undone. And a bulk action says, per comment, the
// status the moderator saw: what a colleague decided meanwhile is left as it is, and the desk says which.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { actOnComment } from '../../server/admin/actions.js';
import type { AdminAuth } from '../../server/auth/middleware.js';
import { createAccount } from '../../server/auth/accounts.js';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import path from 'node:path';
import { ARTIFACTS, browserSkipReason } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, adminGet, cardOf, logIn, postOk, toast, type Reader } from '../helpers/desk.js';

const ARTICLE = 'desk-phone-bulk';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('desk in Chromium: bulk actions, on a phone and with a colleague at work', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
  let page: Page;
  let other: AdminAuth;
  let n = 0;
  const ids: Record<string, number> = {};
  const reader = (name: string): Reader => ({ name, email: `${name.toLowerCase()}@example.com`, ip: `203.0.113.${++n}` });
  const statusOf = async (id: number) => (await adminGet<{ comment: { status: string } }>(page, `/comments/${id}`)).comment.status;
  const bar = () => page.locator('parley-admin-queue .bulk');

  before(async () => {
    page = admin.page;
    const account = await createAccount(admin.server.deps.db, { email: 'colleague@example.com', name: 'Second Desk', password: 'second desk password', role: 'admin' });
    other = { moderator: { id: account.id, email: 'colleague@example.com', name: 'Second Desk', role: 'admin', locale: 'en' }, siteIds: null, csrfToken: '', tokenHash: '' };
    for (let i = 1; i <= 10; i++) await postOk(admin, reader(`Reader${i}`), ARTICLE, `Phone comment number ${i} about the night buses.`);
    ids.asha = await postOk(admin, reader('Asha'), ARTICLE, 'Asha asks why the ward office is shut on Saturdays.');
    ids.bilal = await postOk(admin, reader('Bilal'), ARTICLE, 'Bilal thinks the new flyover is already cracking.');
    ids.chitra = await postOk(admin, reader('Chitra'), ARTICLE, 'Chitra wants the bus timetable online.');
    await page.setViewportSize({ width: 375, height: 667 });
    await logIn(page, admin.server.url);
    await cardOf(page, 'Chitra wants').waitFor();
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

  it('leaves the comments a colleague decided meanwhile as they are, says which and why, and Undo puts back only the rest', async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    await page.getByLabel('Theme').selectOption('system');
    for (const text of ['Asha asks', 'Bilal thinks', 'Chitra wants']) await cardOf(page, text).locator('input[type="checkbox"]').check();
    await bar().getByText('3 selected').waitFor();
    // The colleague approves Bilal's comment after the desk listed it, before the bulk action arrives.
    let sent: { ids: number[]; action: string; from?: Record<string, string> } | undefined;
    await page.route('**/api/v1/admin/comments/bulk', async (route) => {
      sent = route.request().postDataJSON();
      await actOnComment(admin.server.deps, other, ids.bilal!, 'approve', null, 'pending');
      await route.continue();
    });
    await bar().getByRole('button', { name: 'Reject', exact: true }).click();
    await toast(page)
      .filter({ hasText: 'Reject: 2 updated, 1 skipped. Someone else decided on 1 first, left as it is: the comment by Bilal (now Published, by Second Desk).' })
      .waitFor();
    await page.unroute('**/api/v1/admin/comments/bulk');
    assert.deepEqual(sent?.from, { [ids.asha!]: 'pending', [ids.bilal!]: 'pending', [ids.chitra!]: 'pending' });
    assert.deepEqual([await statusOf(ids.asha!), await statusOf(ids.bilal!), await statusOf(ids.chitra!)], ['rejected', 'approved', 'rejected']);
    await cardOf(page, 'Bilal thinks').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-bulk-conflict-375.png') });
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await toast(page).filter({ hasText: 'Undone: 2 changes put back.' }).waitFor();
    assert.deepEqual([await statusOf(ids.asha!), await statusOf(ids.bilal!), await statusOf(ids.chitra!)], ['pending', 'approved', 'pending']);
    await cardOf(page, 'Asha asks').waitFor();
    assert.deepEqual(admin.pageErrors, []);
  });
});
