// The moderation desk in Chromium, the author view (issue 14): opened from a card by key and by click;
// the author's comments in every status, counts, first and last seen; always hold and trust change what
// happens to their next post; a suspension with a message is what the reader widget shows them when
// they post; a warning is shown once, on their next visit.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, fillForm, openDemo, postButton, screenshot } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, adminGet, adminPost, cardOf, logIn, postAs, postOk, setDemoSettings, toast, waitForFocus, type Reader } from '../helpers/desk.js';

const ARTICLE = 'desk-author-story';
const SUSPENSION = 'Three days off for insulting other readers. Read the rules before you come back.';
const WARNING = 'Please keep to the subject of the story.';

describe('desk in Chromium: author view', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
  let page: typeof admin.page;
  const vikram: Reader = { name: 'Vikram', email: 'vikram@example.com', ip: '203.0.113.40' };
  const other: Reader = { name: 'Other', email: 'other@example.com', ip: '203.0.113.41' };
  const ids: number[] = [];
  const dialog = () => page.getByRole('dialog', { name: 'Author: Vikram' });
  /** The reader widget on /demo in a browser that holds Vikram's author token, as after his own posts. */
  const openAsVikram = async () => {
    const context: BrowserContext = await admin.browser.newContext({ viewport: { width: 1000, height: 900 } });
    await context.addInitScript(
      ([key, token]) => localStorage.setItem(key!, token!),
      [`parley-token:${admin.server.url}/api/v1/sites/demo`, vikram.token!] as const,
    );
    return openDemo(admin.browser, admin.server.url, { context });
  };

  before(async () => {
    page = admin.page;
    await setDemoSettings(admin, { mode: 'pre' });
    for (const body of ['First: the stadium plan is sound.', 'Second: you people never listen.', 'Third: cheap tickets at my site', 'Fourth: still waiting for an answer.']) {
      ids.push(await postOk(admin, vikram, ARTICLE, body));
    }
    await postOk(admin, other, ARTICLE, 'A calm comment from someone else.');
    await logIn(page, admin.server.url);
    // One comment in each status: published, rejected, spam, held.
    for (const [i, action] of [[0, 'approve'], [1, 'reject'], [2, 'spam']] as const) await adminPost(page, `/comments/${ids[i]}/actions`, { action });
    await page.reload();
    await cardOf(page, 'Fourth: still waiting').waitFor();
  });

  it('opens the author from a card with u, with every status, counts and when they were seen', async () => {
    await page.getByRole('heading', { name: 'Moderation queue' }).click();
    await page.keyboard.press('j');
    await waitForFocus(page, { text: /Fourth: still waiting/ });
    await page.keyboard.press('u');
    await dialog().getByRole('heading', { name: 'Their comments' }).waitFor();
    await dialog().getByText('vikram@example.com').waitFor();
    await dialog().getByText(/^1 published · 1 held · 1 rejected · 1 spam · first seen /).waitFor();
    await dialog().getByText(/^from .+ to .+$/).waitFor();
    const items = (await dialog().locator('ol.comments li').allTextContents()).map((s) => s.replace(/\s+/g, ' '));
    assert.equal(items.length, 4);
    const statusOf = (text: string) => items.find((i) => i.includes(text))?.match(/^\s*(Held|Published|Rejected|Spam)/)?.[1];
    assert.deepEqual(
      ['First', 'Second', 'Third', 'Fourth'].map((w) => statusOf(w)),
      ['Published', 'Rejected', 'Spam', 'Held'],
    );
    await screenshot(page, 'desk-author-view');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    await waitForFocus(page, { text: /Fourth: still waiting/ });
  });

  it('opens it by click too, and always hold holds their next comment while others publish', async () => {
    await setDemoSettings(admin, { mode: 'post' });
    await cardOf(page, 'Fourth: still waiting').getByRole('button', { name: 'Author Vikram', exact: true }).click();
    await dialog().getByRole('heading', { name: 'Decisions' }).waitFor();
    await dialog().getByLabel('Always hold for review').check();
    await toast(page).filter({ hasText: 'Every comment by Vikram will be held for review.' }).waitFor();
    await waitForFocus(page, { id: /^mode-hold$/ });
    const held = await postAs(admin, vikram, ARTICLE, 'Held, though the site publishes.');
    assert.equal(held.status, 202, JSON.stringify(held.json));
    assert.equal((await postAs(admin, other, ARTICLE, 'Published as the site says.')).status, 201);
  });

  it('trust publishes their comments without review when the post carries their token', async () => {
    await setDemoSettings(admin, { mode: 'pre' });
    await dialog().getByLabel('Trust: publish without review').check();
    await toast(page).filter({ hasText: 'Vikram is trusted' }).waitFor();
    const trusted = await postAs(admin, vikram, ARTICLE, 'Published, though the site reviews everything.');
    assert.equal(trusted.status, 201, JSON.stringify(trusted.json));
    assert.equal((await postAs(admin, other, ARTICLE, 'Held as the site says.')).status, 202);
    await dialog().getByLabel("Follow the site's rules").check();
    await toast(page).filter({ hasText: "Vikram's comments follow the site's rules again." }).waitFor();
    await setDemoSettings(admin, { mode: 'post' });
  });

  it('suspends with a message that the widget shows when they post', async () => {
    await dialog().getByLabel('Message they see').fill(SUSPENSION);
    await dialog().getByRole('button', { name: 'Suspend', exact: true }).click();
    await toast(page).filter({ hasText: /^Vikram is suspended until / }).waitFor();
    await waitForFocus(page, { id: /^unsuspend$/ });
    await dialog().getByText(/^Suspended until /).waitFor();

    const { page: reader, w, context, errors } = await openAsVikram();
    // Told on arrival, before writing anything.
    await w.locator('.notice').filter({ hasText: SUSPENSION }).waitFor();
    await fillForm(w, { body: 'Can I post again?', name: 'Vikram', email: vikram.email });
    admin.advanceClock(5000);
    await postButton(w).click();
    const notice = w.locator('.notice');
    await notice.filter({ hasText: /^\s*You cannot comment until .+\. Three days off for insulting other readers/ }).waitFor();
    await screenshot(reader, 'desk-author-suspended-widget');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('lifts the suspension, and a warning is shown once on their next visit', async () => {
    await dialog().getByRole('button', { name: 'Lift the suspension' }).click();
    await toast(page).filter({ hasText: "Vikram's suspension is lifted." }).waitFor();
    await waitForFocus(page, { id: /^suspend-days$/ });
    await dialog().getByLabel('Warning they see on their next visit').fill(WARNING);
    await dialog().getByRole('button', { name: 'Send the warning' }).click();
    await toast(page).filter({ hasText: 'Vikram will see the warning on their next visit.' }).waitFor();
    await dialog().getByText(`Waiting for their next visit: “${WARNING}”`).waitFor();

    const first = await openAsVikram();
    await first.w.locator('.notice').filter({ hasText: `A message from the moderators: ${WARNING}` }).waitFor();
    await first.context.close();
    // Once: the next visit has no notice.
    const second = await openAsVikram();
    await second.w.locator('#f-body').waitFor();
    assert.equal(await second.w.locator('.notice').count(), 0);
    await second.context.close();

    const view = await adminGet<{ state: { warningSeenAt: string | null } }>(page, `/authors?comment=${ids[3]}`);
    assert.ok(view.state.warningSeenAt, 'the warning counts as seen');
    assert.deepEqual(admin.pageErrors, []);
  });
});
