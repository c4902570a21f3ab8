// The admin view's import in Chromium against a real Parley: an admin uploads a Disqus export (a dry
// run first, then for real), sees the summary, and the imported thread reads correctly in the
// widget on the demo page: nesting, a removed parent keeping its reply, plain text with links.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatViolations, useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, openDemo, screenshot } from '../helpers/browser.js';

const EMAIL = 'importer@example.com';
const PASSWORD = 'import test password';

// The demo page's article id is its Disqus identifier here, so --key-by identifier lands it there.
const DISQUS = `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><id>demo-article-1</id><link>https://old.example/story</link><title>Old story</title>
    <createdAt>2023-05-01T08:00:00Z</createdAt><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>
  <post dsq:id="11"><message><![CDATA[<p>The old site had <b>great</b> coverage &amp; more.</p><p>Source: <a href="https://example.org/report">the report</a></p>]]></message>
    <createdAt>2023-05-01T09:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><email>meera@example.in</email><name>Meera Imported</name><isAnonymous>false</isAnonymous></author>
    <ipAddress>198.51.100.1</ipAddress><thread dsq:id="1"/></post>
  <post dsq:id="12"><message><![CDATA[<p>मैं सहमत हूँ, यह बहुत अच्छा था।</p>]]></message>
    <createdAt>2023-05-01T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><email>rahul@example.in</email><name>राहुल</name><isAnonymous>false</isAnonymous></author>
    <ipAddress>198.51.100.2</ipAddress><thread dsq:id="1"/><parent dsq:id="11"/></post>
  <post dsq:id="13"><message><![CDATA[<p>Deleted in Disqus.</p>]]></message>
    <createdAt>2023-05-01T11:00:00Z</createdAt><isDeleted>true</isDeleted><isSpam>false</isSpam>
    <author><email>gone@example.com</email><name>Gone</name><isAnonymous>false</isAnonymous></author>
    <ipAddress>198.51.100.3</ipAddress><thread dsq:id="1"/></post>
  <post dsq:id="14"><message><![CDATA[<p>A reply that outlived its parent.</p>]]></message>
    <createdAt>2023-05-01T12:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><email>late@example.com</email><name>Late Replier</name><isAnonymous>false</isAnonymous></author>
    <ipAddress>198.51.100.4</ipAddress><thread dsq:id="1"/><parent dsq:id="13"/></post>
</disqus>
`;

describe('admin view: import in Chromium, and the imported thread in the widget', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: EMAIL, password: PASSWORD });
  let file: string;
  before(() => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'parley-e2e-import-')), 'disqus.xml');
    writeFileSync(file, DISQUS);
  });

  it('uploads a dry run, then the import, and shows the summary', async () => {
    const { page, server } = admin;
    await page.goto(`${server.url}/admin#imports`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Import comments' }).waitFor();
    await page.getByLabel('Into site').selectOption('demo');
    await page.getByLabel('File from').selectOption('disqus');
    await page.getByLabel('Match articles by').selectOption('identifier');
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: 'Summary' }).waitFor();
    await page.getByText('4 comments read; 4 would be imported (3 approved, 1 deleted)').waitFor();
    await page.getByText('1 new articles, 0 existing').waitFor();
    await page.getByText('demo-article-1').waitFor();
    const before = await fetch(`${server.url}/api/v1/sites/demo/articles/demo-article-1/comments`, { headers: { origin: server.url } });
    assert.ok(before.status === 404 || ((await before.json()) as { total: number }).total === 0, 'a dry run wrote nothing');
    const violations = await admin.runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));

    await page.getByLabel('Dry run: show the plan, write nothing').uncheck();
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByText('4 comments read; 4 imported (3 approved, 1 deleted)').waitFor();
    await page.getByRole('status').filter({ hasText: 'Import finished.' }).waitFor();
    await screenshot(page, 'admin-import-summary');
    assert.deepEqual(admin.pageErrors, []);
  });

  it('the imported thread reads correctly in the widget', async () => {
    const { browser, server } = admin;
    const { page, w, errors } = await openDemo(browser, server.url);
    const comments = w.locator('article[part~="comment"]');
    await comments.filter({ hasText: 'Meera Imported' }).waitFor();
    const top = w.locator('ol[part="thread"] > li > article[part~="comment"]');
    assert.deepEqual(await top.count(), 2, 'two top-level entries: Meera and the removed comment');
    const meera = comments.filter({ hasText: 'Meera Imported' }).first();
    await meera.getByText('The old site had great coverage & more.').waitFor();
    const link = meera.getByRole('link', { name: 'https://example.org/report' });
    assert.equal(await link.getAttribute('rel'), 'nofollow ugc noopener');
    assert.equal(await meera.locator('b').count(), 0, 'no markup from the source');
    // The Hindi reply sits in Meera's replies; the late reply under the removed placeholder.
    await w.locator('ol[part="replies"] article[part~="comment"]').filter({ hasText: 'मैं सहमत हूँ' }).waitFor();
    await w.locator('article[part~="removed"]').first().waitFor();
    await w.locator('ol[part="replies"] article[part~="comment"]').filter({ hasText: 'A reply that outlived its parent.' }).waitFor();
    await screenshot(page, 'admin-import-widget');
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
