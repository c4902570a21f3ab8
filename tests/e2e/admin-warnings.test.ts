// The admin view's Sites page tells an admin what is misconfigured on the server (here: requests
// carrying X-Forwarded-For while no proxy hop is trusted), in Chromium, accessibly.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatViolations, useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason } from '../helpers/browser.js';

const EMAIL = 'warned-admin@example.com';
const PASSWORD = 'correct horse battery';

describe('admin view: server configuration warnings', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: EMAIL, password: PASSWORD }, { PARLEY_TRUST_PROXY_HOPS: '0' });
  let page: typeof admin.page;
  before(() => {
    page = admin.page;
  });

  it('shows nothing to fix until a request arrives through an untrusted proxy, then says how to fix it', async () => {
    await page.goto(`${admin.server.url}/admin#sites`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Embed snippet' }).waitFor();
    assert.equal(await page.locator('[part="warnings"]').count(), 0);

    const res = await fetch(`${admin.server.url}/healthz`, { headers: { 'x-forwarded-for': '198.51.100.9' } });
    assert.equal(res.status, 200);
    await page.reload();
    const warnings = page.getByRole('region', { name: 'Server configuration' });
    await warnings.waitFor();
    const text = await warnings.locator('li[data-code="PROXY_HOPS_UNTRUSTED"]').innerText();
    assert.match(text, /PARLEY_TRUST_PROXY_HOPS/);
    // Anyone can send the header: the warning says when not to follow it, rather than stating a proxy as fact.
    assert.match(text, /If readers reach Parley directly, leave it at 0: anyone can send that header/);
    assert.ok(!text.includes('198.51.100.9'), 'no address in the warning');
    const violations = await admin.runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));
  });
});
