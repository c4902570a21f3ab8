// The admin view's refused origins in Chromium: an embed refused on another origin is listed on the
// Sites page with its count, and one click allows it (issue 15).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatViolations, useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, screenshot } from '../helpers/browser.js';

const EMAIL = 'admin-origins@example.com';
const PASSWORD = 'correct horse battery';
const REFUSED = 'https://mirror.news-elsewhere.example';

describe('admin view: refused origins', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: EMAIL, password: PASSWORD });

  it('lists a refused origin with its count and allows it in one click', async () => {
    const { page, server } = admin;
    // The embed on a page of that origin asks for the site's config and is refused.
    const refused = await fetch(`${server.url}/api/v1/sites/demo/config`, { headers: { origin: REFUSED } });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), REFUSED);
    // Recorded in the background: wait until the admin API lists it.
    for (let i = 0; i < 500; i++) {
      const rows = await server.deps.database.query<{ n: number }>('select count(*)::int as n from refused_origins where origin = $1', [REFUSED]);
      if (rows[0]?.n) break;
      await new Promise((r) => setTimeout(r, 10));
    }

    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
    await page.getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('heading', { name: 'Refused origins' }).waitFor();
    const list = page.getByRole('list', { name: 'Refused origins' });
    await list.getByText(REFUSED, { exact: true }).waitFor();
    await list.getByText(/1 refused requests, last/).waitFor();
    const violations = await admin.runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));
    await screenshot(page, 'admin-refused-origins');

    await page.getByRole('button', { name: `Allow ${REFUSED}` }).click();
    await page.getByRole('status').filter({ hasText: `Allowed ${REFUSED}.` }).waitFor();
    await page.getByRole('heading', { name: 'Refused origins' }).waitFor({ state: 'detached' });
    assert.match(await page.getByLabel('Allowed origins').first().inputValue(), new RegExp(REFUSED.replace(/\./g, '\\.')));
    const allowed = await fetch(`${server.url}/api/v1/sites/demo/config`, { headers: { origin: REFUSED } });
    assert.equal(allowed.status, 200);
    assert.deepEqual(admin.pageErrors, []);
  });
});
