// The moderation desk in Chromium, the audit log (issue 14): a settings change lists only the fields
// that changed, old -> new; a comment's entry names its author, quotes it and links to it and its
// story; the log filters by action (from a list), by moderator, by story and by date.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, screenshot } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, adminGet, adminPost, cardOf, goTo, logIn, postOk, setDemoSettings, toast, waitForFocus } from '../helpers/desk.js';

const WATER = 'audit-water-story';
const ROADS = 'audit-roads-story';

describe('desk in Chromium: audit log', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
  let page: typeof admin.page;
  const ids: Record<string, number> = {};
  const entries = () => page.locator('li.entry');
  const apply = async () => {
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/admin/audit?') || r.url().endsWith('/api/v1/admin/audit')),
      page.getByRole('button', { name: 'Apply' }).click(),
    ]);
    await page.locator('parley-admin-audit ol[aria-busy="false"]').waitFor({ state: 'attached' });
  };
  const headings = async () => (await entries().locator('p:first-child strong').allTextContents()).map((s) => s.trim());

  before(async () => {
    page = admin.page;
    await setDemoSettings(admin, { mode: 'pre' });
    ids.asha = await postOk(admin, { name: 'Asha', email: 'asha@example.com', ip: '203.0.113.60' }, WATER, 'Tanker water now costs twice what it did in March, and nobody at the ward office answers.', {
      title: 'Water tanker prices double in summer | शहर | समाचार दर्पण',
    });
    ids.bilal = await postOk(admin, { name: 'Bilal', email: 'bilal@example.com', ip: '203.0.113.61' }, ROADS, 'Potholes everywhere on the ring road.', {
      title: 'Ring road repairs slip again | शहर | समाचार दर्पण',
    });
    await logIn(page, admin.server.url);
    // A second moderator rejects Bilal's comment through the API, from their own session.
    await adminPost(page, '/moderators', { email: 'priya@example.com', name: 'Priya', password: 'priya password 1', role: 'moderator', sites: ['demo'] });
    const url = admin.server.url;
    const login = await fetch(`${url}/api/v1/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: 'priya@example.com', password: 'priya password 1' }),
    });
    assert.equal(login.status, 200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const rejected = await fetch(`${url}/api/v1/admin/comments/${ids.bilal}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ action: 'reject' }),
    });
    assert.equal(rejected.status, 200, await rejected.text());
  });

  it('logs a settings change as only the field that changed, old -> new', async () => {
    await cardOf(page, 'Tanker water').getByRole('button', { name: 'Approve comment by Asha' }).click();
    await toast(page).filter({ hasText: 'Approved the comment by Asha.' }).waitFor();
    await goTo(page, 'Sites');
    const settings = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save', exact: true }) });
    await settings.getByLabel('Hold at toxicity').fill('0.7');
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await toast(page).filter({ hasText: /^Saved / }).waitFor();
    // Focus stays on the form's button, not on <body>.
    await waitForFocus(page);

    await goTo(page, 'Audit log');
    const change = entries().filter({ hasText: 'Changed site settings' }).first();
    await change.waitFor();
    const changes = (await change.locator('ul.changes li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.deepEqual(changes, ['Hold at toxicity: 0.8 → 0.7']);
  });

  it("names a comment's author, quotes it and links to it and its story", async () => {
    const approved = entries().filter({ has: page.locator('strong', { hasText: /^Approved$/ }) }).first();
    await approved.waitFor();
    const text = (await approved.textContent())!.replace(/\s+/g, ' ');
    assert.match(text, /Approved · desk@example\.com|Approved · \S+/);
    assert.match(text, /Comment by Asha: Tanker water now costs twice/);
    assert.match(text, /Held → Published/);
    await approved.getByRole('link', { name: 'Water tanker prices double in summer' }).waitFor();
    assert.equal(
      await approved.getByRole('link', { name: 'Open on the page' }).getAttribute('href'),
      `${admin.server.url}/demo?story=${WATER}#parley-comment-${ids.asha}`,
    );
    assert.equal(await approved.getByRole('link', { name: 'Open the comment' }).getAttribute('href'), `#comment/${ids.asha}`);
    await screenshot(page, 'desk-audit');
  });

  it('filters by action from a list, by moderator, by story and by date', async () => {
    // Actions are offered by name, not as internal codes.
    const actions = await page.getByLabel('Action').locator('option').allTextContents();
    assert.ok(actions.includes('Rejected') && actions.includes('Changed site settings') && !actions.some((a) => /^[a-z.]+$/.test(a)), actions.join(', '));
    await page.getByLabel('Action').selectOption({ label: 'Rejected' });
    await apply();
    assert.deepEqual(await headings(), ['Rejected']);
    assert.match((await entries().first().textContent())!, /Priya[\s\S]*Comment by Bilal/);

    await page.getByLabel('Action').selectOption({ label: 'Any action' });
    await page.getByLabel('By').selectOption({ label: 'Priya' });
    await apply();
    assert.deepEqual(await headings(), ['Rejected']);
    await page.getByLabel('By').selectOption({ label: 'Anyone' });

    await page.getByLabel('Story (link or id)').fill(WATER);
    await apply();
    const water = await entries().allTextContents();
    assert.ok(water.length >= 2, 'the post and the approval');
    assert.ok(water.every((e) => /Asha/.test(e) && !/Bilal/.test(e)), water.join('\n'));
    await page.getByLabel('Story (link or id)').fill('');

    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-CA');
    await page.getByLabel('From', { exact: true }).fill(day(1));
    await apply();
    await page.getByText('No entries match.').waitFor();
    await page.getByLabel('From', { exact: true }).fill(day(0));
    await page.getByLabel('To', { exact: true }).fill(day(0));
    await apply();
    assert.ok((await entries().count()) >= 5, 'today holds every entry');
    assert.deepEqual(admin.pageErrors, []);
  });

  it("says a story's corrected title as the old and the new title, in the moderator's language", async () => {
    const list = await adminGet<{ articles: { id: number; key: string }[] }>(page, `/articles?site=demo&q=${ROADS}`);
    const id = list.articles.find((x) => x.key === ROADS)!.id;
    const status = await page.evaluate(async (path) => {
      const me = (await (await fetch('/api/v1/admin/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1/admin${path}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ title: 'Ring road repairs slip to March' }),
      });
      return res.status;
    }, `/articles/${id}`);
    assert.equal(status, 200);
    await page.getByLabel('Action').selectOption({ label: "Corrected a story's title or link" });
    await apply();
    const changes = (await entries().first().locator('ul.changes li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.deepEqual(changes, ["The story's title: Ring road repairs slip again | शहर | समाचार दर्पण → Ring road repairs slip to March"]);
    assert.equal(await entries().first().getByText('“title: Ring road').count(), 0, 'not the English note');
  });
});
