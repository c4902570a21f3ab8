// Two moderators on one queue, in Chromium: when another moderator takes the card being read, no
// card the moderator has not seen becomes the one a shortcut acts on, and j goes on from there; a
// comment arriving live does not take away the Undo the toast offers.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actOnComment } from '../../server/admin/actions.js';
import type { AdminAuth } from '../../server/auth/middleware.js';
import { createAccount } from '../../server/auth/accounts.js';
import { insertSite } from '../../server/sites/store.js';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, adminGet, cardOf, logIn, postOk, toast, waitForFocus, type Reader } from '../helpers/desk.js';

const ARTICLE = 'desk-two-moderators';

describe('desk in Chromium: another moderator at work on the same queue', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
  let page: typeof admin.page;
  let other: AdminAuth;
  const ids: Record<string, number> = {};
  let n = 0;
  const reader = (name: string): Reader => ({ name, email: `${name.toLowerCase()}@example.com`, ip: `203.0.113.${++n}` });
  const statusOf = async (id: number) => (await adminGet<{ comment: { status: string } }>(page, `/comments/${id}`)).comment.status;
  const shell = () => page.locator('parley-admin');

  before(async () => {
    page = admin.page;
    const account = await createAccount(admin.server.deps.db, { email: 'second-desk@example.com', name: 'Second Desk', password: 'second desk password', role: 'admin' });
    other = { moderator: { id: account.id, email: 'second-desk@example.com', name: 'Second Desk', role: 'admin', locale: 'en' }, siteIds: null, csrfToken: '', tokenHash: '' };
    ids.asha = await postOk(admin, reader('Asha'), ARTICLE, 'Asha asks why the ward office is shut on Saturdays.');
    ids.bilal = await postOk(admin, reader('Bilal'), ARTICLE, 'Bilal thinks the new flyover is already cracking.');
    ids.chitra = await postOk(admin, reader('Chitra'), ARTICLE, 'Chitra wants the bus timetable online.');
    await logIn(page, admin.server.url);
    await page.getByRole('tab', { name: /Pending\s*3/ }).waitFor();
  });

  it('does not act on a card nobody read when the one being read is taken elsewhere; j goes on from there', async () => {
    await page.getByRole('heading', { name: 'Moderation queue' }).click();
    await page.keyboard.press('j');
    await waitForFocus(page, { text: /Asha asks/ });
    // The other moderator approves the comment being read.
    await actOnComment(admin.server.deps, other, ids.asha!, 'approve', null);
    await cardOf(page, 'Asha asks').waitFor({ state: 'detached' });
    await shell().locator('p.news, .toast [role="status"]').filter({ hasText: 'The comment by Asha you were on was just handled elsewhere.' }).first().waitFor();
    // r now rejects nothing: no card is current.
    await page.keyboard.press('r');
    await toast(page).filter({ hasText: 'No comment is selected.' }).waitFor();
    assert.equal(await statusOf(ids.bilal!), 'pending');
    // j goes to the card that took the taken one's place.
    await page.keyboard.press('j');
    await waitForFocus(page, { text: /Bilal thinks/ });
  });

  it('keeps the Undo offer while a new comment arrives live', async () => {
    await page.keyboard.press('a');
    await toast(page).filter({ hasText: 'Approved the comment by Bilal.' }).waitFor();
    await page.getByRole('button', { name: 'Undo', exact: true }).waitFor();
    await postOk(admin, reader('Dev'), ARTICLE, 'Dev says the library needs longer hours.');
    await cardOf(page, 'Dev says').waitFor();
    // The arrival is told to screen readers; the toast and its Undo stay.
    await shell().locator('p.news').filter({ hasText: 'Dev' }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await toast(page).filter({ hasText: 'Undone: 1 change put back.' }).waitFor();
    assert.equal(await statusOf(ids.bilal!), 'pending');
  });

  it('takes a pasted story link with tracking parameters: the banner names the story, and its new comments arrive live', async () => {
    const url = admin.server.url;
    const story = `${url}/news/ward-office`;
    // Posted as a page keyed by its URL does it (postAs gives every story a /demo?story= address).
    const post = async (name: string, body: string) => {
      const { token } = (await (await fetch(`${url}/api/v1/sites/demo/form-token`)).json()) as { token: string };
      admin.advanceClock(15_000);
      const res = await fetch(`${url}/api/v1/sites/demo/articles/${encodeURIComponent(story)}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url, 'x-forwarded-for': `203.0.113.${++n}` },
        body: JSON.stringify({ body, name, email: `${name.toLowerCase()}@example.com`, formToken: token, article: { url: story, title: 'Ward office shut on Saturdays | City | News Mirror' } }),
      });
      assert.ok(res.status === 201 || res.status === 202, `${res.status} ${await res.text()}`);
    };
    await post('Farid', 'Farid says the ward office should open on Saturdays.');
    const pasted = `${url.replace('http://', 'HTTP://')}/news/ward-office?utm_source=twitter&utm_medium=social`;
    await page.getByLabel('Story (link or id)').fill(pasted);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Only the story “Ward office shut on Saturdays”').waitFor();
    await cardOf(page, 'Farid says').waitFor();
    await post('Gita', 'Gita asks who decided the closure.');
    await cardOf(page, 'Gita asks').waitFor();
    await page.getByRole('button', { name: 'Show every story' }).click();
    await cardOf(page, 'Dev says').waitFor();
  });

  it("names each card's site once the moderator works on more than one", async () => {
    const url = admin.server.url;
    assert.equal(await cardOf(page, 'Dev says').locator('.site').count(), 0, 'one site: no name on the cards');
    await insertSite(admin.server.deps.db, { slug: 'metro', name: 'Metro Desk', allowedOrigins: [url], settings: { mode: 'pre', minSubmitSeconds: 0 } });
    const res = await fetch(`${url}/api/v1/sites/metro/articles/metro-story/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, 'x-forwarded-for': '203.0.113.90' },
      body: JSON.stringify({ name: 'Esha', email: 'esha@example.com', body: 'Esha reports a water main burst on Ring Road.' }),
    });
    assert.equal(res.status, 202, await res.text());
    // The session learns of the new site on the next load.
    await page.reload();
    await cardOf(page, 'Esha reports').locator('.site').filter({ hasText: 'Metro Desk' }).waitFor();
    const demoName = (await adminGet<{ sites: Array<{ slug: string; name: string }> }>(page, '/sites')).sites.find((x) => x.slug === 'demo')!.name;
    await cardOf(page, 'Dev says').locator('.site').filter({ hasText: demoName }).waitFor();
    assert.deepEqual(admin.pageErrors, []);
  });
  it('keeps the cards Load more brought when an action on one of them is undone', async () => {
    const paged = (i: number) => page.locator('article.card').filter({ hasText: new RegExp(`Paged comment number ${i} about`) });
    for (let i = 1; i <= 30; i++) await postOk(admin, reader(`Reader${i}`), ARTICLE, `Paged comment number ${i} about the ward office.`);
    await page.reload();
    await page.getByRole('tab', { name: /Pending/ }).waitFor();
    await paged(1).waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await paged(30).waitFor();
    const before = await page.locator('article.card').count();
    assert.ok(before > 25, `${before} cards after Load more`);
    await paged(30).click();
    await page.keyboard.press('r');
    await toast(page).filter({ hasText: 'Rejected the comment by Reader30.' }).waitFor();
    await paged(30).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await toast(page).filter({ hasText: 'Undone: 1 change put back.' }).waitFor();
    await paged(30).waitFor();
    assert.equal(await page.locator('article.card').count(), before, 'every card Load more brought is still listed');
  });
});
