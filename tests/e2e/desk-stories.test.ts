// The moderation desk in Chromium, per story (issue 14): the Stories page, latest activity first, with
// held and reported counts; a story opens its own queue; its switches close comments and pre-moderate
// it (a post to a pre-moderated story is held); a comment shown in its thread (what it answers, its
// neighbours, its replies) with the link that opens it on the article page.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, screenshot } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, cardOf, goTo, logIn, postAs, postOk, report, setDemoSettings, toast, waitForFocus, type Reader } from '../helpers/desk.js';

const BUDGET = 'budget-2027';
const FLOODS = 'monsoon-floods';
const BUDGET_TITLE = 'Budget 2027 leaves farmers waiting | विश्व | समाचार दर्पण';
const FLOODS_TITLE = 'Monsoon floods cut off three districts | देश | समाचार दर्पण';

describe('desk in Chromium: stories', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
  let page: typeof admin.page;
  let n = 0;
  const reader = (name: string): Reader => ({ name, email: `${name.toLowerCase()}@example.com`, ip: `203.0.113.${++n}` });
  const meena = reader('Meena');
  const ids: Record<string, number> = {};
  const story = (title: string) => page.locator('li.story').filter({ hasText: title });

  before(async () => {
    page = admin.page;
    // Published first: a parent with two replies, one of them reported by three readers.
    await setDemoSettings(admin, { mode: 'post' });
    const t = { title: BUDGET_TITLE };
    ids.parent = await postOk(admin, reader('Arjun'), BUDGET, 'Nothing in this budget for small farmers.', t);
    ids.sibling = await postOk(admin, reader('Farah'), BUDGET, 'The irrigation fund is something, surely.', { ...t, parentId: ids.parent });
    ids.reported = await postOk(admin, meena, BUDGET, 'Buy my fertiliser, link in bio.', { ...t, parentId: ids.parent });
    for (const ip of ['192.0.2.11', '192.0.2.12', '192.0.2.13']) assert.equal(await report(admin, BUDGET, ids.reported, ip, 'spam'), 202);
    ids.reply = await postOk(admin, reader('Gita'), BUDGET, 'It was promised last year too.', { ...t, parentId: ids.sibling });
    // Then the site holds first-time authors: a newcomer's comment on the floods story waits.
    await setDemoSettings(admin, { mode: 'first-time' });
    ids.floods = await postOk(admin, reader('Hari'), FLOODS, 'My village has had no power for two days.', { title: FLOODS_TITLE });
    await logIn(page, admin.server.url);
  });

  it('lists stories, latest activity first, with held and reported counts', async () => {
    await goTo(page, 'Stories');
    await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
    await story('Monsoon floods').waitFor();
    const titles = (await page.locator('li.story h2').allTextContents()).map((s) => s.trim());
    assert.deepEqual(titles, ['Monsoon floods cut off three districts', 'Budget 2027 leaves farmers waiting']);
    await story('Monsoon floods').getByRole('link', { name: '1 held' }).waitFor();
    await story('Budget 2027').getByRole('link', { name: '1 reported' }).waitFor();
    assert.match((await story('Budget 2027').textContent())!.replace(/\s+/g, ' '), /4 published comments · latest comment/);
    await screenshot(page, 'desk-stories');
  });

  it("opens a story's own queue from its title", async () => {
    await story('Monsoon floods').getByRole('link', { name: 'Monsoon floods cut off three districts', exact: true }).click();
    await page.getByText('Only the story “Monsoon floods cut off three districts”').waitFor();
    await cardOf(page, 'My village has had no power').waitFor();
    assert.equal(await page.locator('article.card').count(), 1);
    assert.match(page.url(), /#queue\?.*article=monsoon-floods/);
    // The reported story's pill opens its Reported queue, with only that story's cards.
    await goTo(page, 'Stories');
    await story('Budget 2027').getByRole('link', { name: '1 reported' }).click();
    await cardOf(page, 'Buy my fertiliser').waitFor();
    assert.equal(await page.getByRole('tab', { name: /Reported/ }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('article.card').count(), 1);
  });

  it('pre-moderates one story: a returning author is held there and published elsewhere', async () => {
    await goTo(page, 'Stories');
    const premod = story('Budget 2027').getByRole('checkbox', { name: 'Review every comment' });
    await premod.check();
    await toast(page).filter({ hasText: 'Every new comment on “Budget 2027 leaves farmers waiting” now waits for review.' }).waitFor();
    // The switch keeps focus through the re-render.
    await waitForFocus(page, { id: /^premod-\d+$/ });
    assert.ok(await premod.isChecked());

    // Meena has a published comment, so the site's first-time rule lets her through elsewhere.
    const elsewhere = await postAs(admin, meena, FLOODS, 'Stay safe, everyone in the districts.');
    assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.json));
    const held = await postAs(admin, meena, BUDGET, 'The fertiliser subsidy is the real story.', { parentId: ids.parent });
    assert.equal(held.status, 202, JSON.stringify(held.json));
    assert.equal(held.json.comment?.status, 'pending');
    ids.held = held.json.comment!.id;
  });

  it('closes comments on one story', async () => {
    const closed = story('Monsoon floods').getByRole('checkbox', { name: 'Comments closed' });
    await closed.check();
    await toast(page).filter({ hasText: 'Comments on “Monsoon floods cut off three districts” are closed.' }).waitFor();
    const refused = await postAs(admin, meena, FLOODS, 'One more thing about the power cuts.');
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error?.code, 'COMMENTS_CLOSED');
    await closed.uncheck();
    await toast(page).filter({ hasText: 'Comments on “Monsoon floods cut off three districts” are open again.' }).waitFor();
    const open = await postAs(admin, meena, FLOODS, 'Power is back in our block.');
    assert.equal(open.status, 201, JSON.stringify(open.json));
  });

  it('shows a comment in its thread, with the link that opens it on the page', async () => {
    // The list is read again when the page opens.
    await goTo(page, 'Queue');
    await goTo(page, 'Stories');
    await story('Budget 2027').getByRole('link', { name: '1 held' }).click();
    const card = cardOf(page, 'The fertiliser subsidy');
    await card.waitFor();
    const articleUrl = `${admin.server.url}/demo?story=${BUDGET}`;
    assert.equal(await card.getByRole('link', { name: /^Open on the page/ }).getAttribute('href'), `${articleUrl}#parley-comment-${ids.held}`);

    await card.getByRole('button', { name: 'Thread comment by Meena' }).click();
    const dialog = page.getByRole('dialog', { name: 'The comment in its thread' });
    await dialog.getByRole('heading', { name: 'It answers' }).waitFor();
    const lists = dialog.locator('ol.thread');
    // What it answers: the parent.
    assert.match((await lists.nth(0).textContent()) ?? '', /Nothing in this budget for small farmers/);
    // Its neighbours under the same parent, in order, itself marked; moderators see every status.
    const around = (await lists.nth(1).locator('li.item').allTextContents()).map((s) => s.replace(/\s+/g, ' '));
    assert.equal(around.length, 3);
    assert.match(around[0]!, /Farah.*Published.*irrigation fund/);
    assert.match(around[1]!, /Meena.*Buy my fertiliser/);
    assert.match(around[2]!, /Meena.*Held.*fertiliser subsidy/);
    assert.equal(await lists.nth(1).locator('li[aria-current="true"]').count(), 1);
    await dialog.getByRole('heading', { name: 'No replies' }).waitFor();
    assert.equal(await dialog.getByRole('link', { name: 'Open on the page' }).getAttribute('href'), `${articleUrl}#parley-comment-${ids.held}`);
    await screenshot(page, 'desk-thread');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await waitForFocus(page, { text: /fertiliser subsidy/ });

    // A reply's thread: Farah's comment has Gita's reply under it.
    await goTo(page, 'Queue');
    await page.getByRole('tab', { name: /Approved/ }).click();
    await cardOf(page, 'The irrigation fund').getByRole('button', { name: 'Thread comment by Farah' }).click();
    await dialog.getByRole('heading', { name: '1 reply' }).waitFor();
    assert.match((await lists.last().textContent()) ?? '', /Gita.*It was promised last year too/s);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await waitForFocus(page, { text: /irrigation fund/ });
    assert.deepEqual(admin.pageErrors, []);
  });
});
