// The admin view's part of issue 12 in Chromium: a moderator corrects a story's title and link on the
// Stories page (finding 4: the first commenter set them; an off-site link is refused with the reason
// next to the field), and an admin sees an account's failed logins on the Moderators page and clears
// its login throttling (finding 6).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../../server/auth/accounts.js';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, adminGet, goTo, logIn, postOk, setDemoSettings } from '../helpers/desk.js';

describe('desk in Chromium: corrections and login throttling (issue 12)', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
  let page: typeof admin.page;

  before(async () => {
    page = admin.page;
    await setDemoSettings(admin, { mode: 'post' });
    await postOk(admin, { name: 'Arjun', email: 'arjun@example.com', ip: '203.0.113.41' }, 'corr-story', 'The headline is wrong.', { title: 'Wrong headline' });
    await logIn(page, admin.server.url);
  });

  it("corrects a story's title and link; an off-site link is refused next to its field", async () => {
    await goTo(page, 'Stories');
    const story = page.locator('li.story').filter({ hasText: 'Wrong headline' });
    await story.waitFor();
    await story.getByText('Correct title and link').click();
    await story.getByLabel('Title').fill('Right headline');
    await story.getByLabel(/^Link/).fill('https://evil.example/login');
    await story.getByRole('button', { name: 'Save' }).click();
    await story.getByText("The article URL must be on one of the site's allowed origins.").waitFor();
    const good = `${admin.server.url}/news/corr-story`;
    await story.getByLabel(/^Link/).fill(good);
    await story.getByRole('button', { name: 'Save' }).click();
    await page.locator('li.story h2').filter({ hasText: 'Right headline' }).waitFor();
    const { articles } = await adminGet<{ articles: { key: string; title: string; url: string }[] }>(page, '/articles?q=corr-story');
    const row = articles.find((a) => a.key === 'corr-story')!;
    assert.deepEqual([row.title, row.url], ['Right headline', good]);
    const thread = await admin.publicThread('corr-story', (t) => t.article.title === 'Right headline');
    assert.deepEqual([thread.article.title, thread.article.url], ['Right headline', good]);
  });

  it("shows an account's failed logins and clears its login throttling", async () => {
    const email = 'target-mod@example.com';
    await createAccount(admin.server.deps.db, { email, name: 'Target Mod', password: 'the right password', role: 'moderator', sites: ['demo'] });
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${admin.server.url}/api/v1/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 1}` },
        body: JSON.stringify({ email, password: 'a wrong guess' }),
      });
      assert.equal(res.status, 401);
    }
    await goTo(page, 'Moderators');
    const panel = page.locator('li.panel').filter({ hasText: email });
    await panel.getByText('Failed logins in the last 15 minutes: 6').waitFor();
    await panel.getByRole('button', { name: `Clear login throttling ${email}` }).click();
    await panel.getByText('Failed logins in the last 15 minutes').waitFor({ state: 'detached' });
    const { moderators } = await adminGet<{ moderators: { email: string; loginFailures: number }[] }>(page, '/moderators');
    assert.equal(moderators.find((m) => m.email === email)?.loginFailures, 0);
  });
});
