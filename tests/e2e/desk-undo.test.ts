// The moderation desk in Chromium, undo and report reasons (issue 14): a single action undone from the
// toast's button and a bulk action undone with `z` put back exactly the state before (read through the
// admin API) and are audited as undo; three reports show grouped by reason with their notes and the
// number of distinct reporters, and dismissing them is its own (undoable) action.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, screenshot } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, adminGet, cardOf, logIn, postOk, recordToasts, report, setDemoSettings, toast, waitForFocus, type Reader } from '../helpers/desk.js';

const ARTICLE = 'desk-undo-story';

interface State {
  status: string;
  reasons: unknown[];
  reportedAt: string | null;
  reportCount: number;
  featuredAt: string | null;
}

/** What undo must put back, as the admin API tells it. */
async function stateOf(page: Page, id: number): Promise<State> {
  const { comment: c } = await adminGet<{ comment: State }>(page, `/comments/${id}`);
  return { status: c.status, reasons: c.reasons, reportedAt: c.reportedAt, reportCount: c.reportCount, featuredAt: c.featuredAt };
}

interface AuditEntry {
  action: string;
  commentId: number | null;
  note: string | null;
  fromStatus: string | null;
  toStatus: string | null;
}

const undoEntries = async (page: Page) => (await adminGet<{ entries: AuditEntry[] }>(page, '/audit?action=undo')).entries;

describe('desk in Chromium: undo and report reasons', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
  let page: typeof admin.page;
  const tab = (name: RegExp) => page.getByRole('tab', { name });
  const ids: Record<string, number> = {};
  let n = 0;
  let said: () => Promise<string[]>;
  const reader = (name: string): Reader => ({ name, email: `${name.toLowerCase()}@example.com`, ip: `203.0.113.${++n}` });

  before(async () => {
    page = admin.page;
    ids.asha = await postOk(admin, reader('Asha'), ARTICLE, 'The new bus lanes halved my commute.');
    ids.bilal = await postOk(admin, reader('Bilal'), ARTICLE, 'Buy cheap phone cases at my shop');
    ids.chitra = await postOk(admin, reader('Chitra'), ARTICLE, 'Visit my page for free followers');
    await logIn(page, admin.server.url);
    await tab(/Pending\s*3/).waitFor();
    said = await recordToasts(page);
  });

  it('undoes a single approve from the toast and puts back the exact state, audited as undo', async () => {
    const before = await stateOf(page, ids.asha!);
    assert.equal(before.status, 'pending');
    await page.getByRole('heading', { name: 'Moderation queue' }).click();
    await page.keyboard.press('j');
    await waitForFocus(page, { text: /The new bus lanes/ });
    await page.keyboard.press('a');
    await toast(page).filter({ hasText: 'Approved the comment by Asha.' }).waitFor();
    await cardOf(page, 'The new bus lanes').waitFor({ state: 'detached' });
    assert.equal((await stateOf(page, ids.asha!)).status, 'approved');

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await toast(page).filter({ hasText: 'Undone: 1 change put back.' }).waitFor();
    await cardOf(page, 'The new bus lanes').waitFor();
    await tab(/Pending\s*3/).waitFor();
    assert.deepEqual(await stateOf(page, ids.asha!), before);
    // The Undo button went away with its toast: focus is on the queue, not lost to <body>.
    await waitForFocus(page);
    const undone = (await undoEntries(page)).filter((e) => e.commentId === ids.asha);
    assert.equal(undone.length, 1, 'one undo entry for the comment');
    assert.equal(undone[0]!.note, 'approve');
    assert.deepEqual([undone[0]!.fromStatus, undone[0]!.toStatus], ['approved', 'pending']);
    // Undone once: there is nothing more to undo.
    assert.equal(await page.getByRole('button', { name: 'Undo', exact: true }).count(), 0);
  });

  it('undoes a bulk spam with z, putting every comment back', async () => {
    const before = [await stateOf(page, ids.bilal!), await stateOf(page, ids.chitra!)];
    for (const text of ['Buy cheap phone cases', 'Visit my page']) await cardOf(page, text).getByRole('checkbox').check();
    await page.getByText('2 selected').waitFor();
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Spam', exact: true }).click();
    await toast(page).filter({ hasText: 'Spam: 2 updated, 0 skipped.' }).waitFor();
    await tab(/Spam\s*2/).waitFor();
    assert.equal((await stateOf(page, ids.bilal!)).status, 'spam');

    // z from wherever focus is (not a text field) undoes what the toast offers.
    await page.getByRole('heading', { name: 'Moderation queue' }).click();
    await page.keyboard.press('z');
    await toast(page).filter({ hasText: 'Undone: 2 changes put back.' }).waitFor();
    await tab(/Pending\s*3/).waitFor();
    await tab(/Spam\s*0/).waitFor();
    await cardOf(page, 'Buy cheap phone cases').waitFor();
    await cardOf(page, 'Visit my page').waitFor();
    assert.deepEqual([await stateOf(page, ids.bilal!), await stateOf(page, ids.chitra!)], before);
    const undone = (await undoEntries(page)).filter((e) => e.commentId === ids.bilal || e.commentId === ids.chitra);
    assert.equal(undone.length, 2);
    assert.ok(undone.every((e) => e.note === 'spam' && e.toStatus === 'pending'));
    // A second z has nothing left to undo and changes nothing.
    await page.keyboard.press('z');
    await tab(/Pending\s*3/).waitFor();
    assert.equal((await undoEntries(page)).length, 3);
  });

  it('shows three reports grouped by reason with their notes and the distinct reporters', async () => {
    await setDemoSettings(admin, { mode: 'post', reportThreshold: 3 });
    const id = await postOk(admin, reader('Dev'), ARTICLE, 'Cricket scores are more interesting than this budget.');
    ids.dev = id;
    assert.equal(await report(admin, ARTICLE, id, '192.0.2.1', 'spam'), 202);
    assert.equal(await report(admin, ARTICLE, id, '192.0.2.2', 'off-topic'), 202);
    // The same reader again is refused: reporters stay distinct.
    assert.equal(await report(admin, ARTICLE, id, '192.0.2.2', 'abusive'), 409);
    assert.equal(await report(admin, ARTICLE, id, '192.0.2.3', 'off-topic', 'This is about cricket, not the budget.'), 202);

    await tab(/Reported/).click();
    const card = cardOf(page, 'Cricket scores');
    await card.waitFor();
    const reports = card.locator('section.reports');
    await reports.getByRole('heading', { name: 'Reported by 3 readers' }).waitFor();
    const groups = (await reports.locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.deepEqual(groups.sort(), ['Off-topic (2): This is about cricket, not the budget.', 'Spam (1)']);
    // The note is quoted (a <q>), as text.
    assert.deepEqual(await reports.locator('q').allTextContents(), ['This is about cricket, not the budget.']);
    await screenshot(page, 'desk-reports');
  });

  it('dismisses the reports as their own action, leaving the comment published, and undoes it', async () => {
    const before = await stateOf(page, ids.dev!);
    const card = cardOf(page, 'Cricket scores');
    // Dismiss is not reject: both are offered.
    await card.getByRole('button', { name: 'Reject comment by Dev' }).waitFor();
    await card.getByRole('button', { name: 'Dismiss reports comment by Dev' }).click();
    await toast(page).filter({ hasText: 'Dismissed the reports on the comment by Dev.' }).waitFor();
    await card.waitFor({ state: 'detached' });
    await waitForFocus(page);
    const after = await stateOf(page, ids.dev!);
    assert.equal(after.status, 'approved');
    assert.equal(after.reportedAt, null);

    await page.keyboard.press('z');
    await toast(page).filter({ hasText: 'Undone: 1 change put back.' }).waitFor();
    await card.waitFor();
    assert.deepEqual(await stateOf(page, ids.dev!), before);
    await card.getByRole('heading', { name: 'Reported by 3 readers' }).waitFor();
    assert.deepEqual(admin.pageErrors, []);
  });

  it('never announced a comment an undo brought back as a new arrival (it talked over "Undone")', async () => {
    const all = await said();
    assert.equal(all.filter((t) => t.startsWith('Undone:')).length, 3, JSON.stringify(all));
    assert.deepEqual(all.filter((t) => t.startsWith('New comment')), []);
  });
});
