// The moderator's reply and delete in Chromium against a real Parley: "Approve and reply" on a
// held comment, "Reply" on an approved one, both published under the moderator's name in the
// public thread; Delete (one and in bulk) for what is already refused.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatViolations, useAdminBrowser, type PublicThread } from '../helpers/admin-browser.js';
import { browserSkipReason, screenshot } from '../helpers/browser.js';

const EMAIL = 'editor@example.com';
const PASSWORD = 'reply and delete test';
// The demo page's article, so the reader's view of the replies can be checked on /demo.
const ARTICLE = 'demo-article-1';

type PublicComment = PublicThread['comments'][number];

describe('admin view: reply and delete, in Chromium', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: EMAIL, password: PASSWORD });
  const { pageErrors } = admin;
  let page: typeof admin.page;
  let server: typeof admin.server;
  let browser: typeof admin.browser;
  before(() => {
    ({ page, server, browser } = admin);
  });
  const postComment = async (body: string, name: string) => (await admin.postHeld(ARTICLE, body, name)).id;

  const publicThread = (done?: (thread: PublicComment[]) => boolean) =>
    admin.publicThread(ARTICLE, done && ((t) => done(t.comments))).then((t) => t.comments);

  const card = (text: string) => page.locator('article.card').filter({ hasText: text });
  const cardBy = (name: string) => page.locator('article.card').filter({ has: page.getByRole('heading', { name, exact: true }) });
  const tab = (name: RegExp) => page.getByRole('tab', { name });
  const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

  it('logs in to the live queue', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
    await page.locator('[data-live="on"]').waitFor();
  });

  let heldId = 0;

  it('approves a held comment and replies to it in one step, under the moderator\'s name', async () => {
    heldId = await postComment('Why was the bridge closed for a whole month?', 'Ravi');
    const c = card('Why was the bridge closed');
    await c.waitFor();
    await c.getByRole('button', { name: 'Approve and reply comment by Ravi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reply to Ravi' });
    await dialog.waitFor();
    await dialog.getByText('Why was the bridge closed for a whole month?').waitFor();
    await dialog.getByText('The comment is approved first').waitFor();

    // Nothing written: refused in the dialog, and nothing was approved.
    await dialog.getByRole('button', { name: 'Approve and reply' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Write your reply first.' }).waitFor();
    assert.equal((await publicThread().catch(() => [])).length, 0);

    const violations = await admin.runAxe();
    assert.deepEqual(violations, [], formatViolations(violations));
    await screenshot(page, 'admin-reply-dialog');

    await dialog.getByLabel('Your reply, published under your name').fill('The deck was being replaced. It reopened on the 14th.');
    await dialog.getByRole('button', { name: 'Approve and reply' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await status('Your reply to Ravi is published.').waitFor();
    await c.waitFor({ state: 'detached' });

    const thread = await publicThread((t) => t.some((x) => x.parentId === heldId));
    const parent = thread.find((x) => x.id === heldId);
    const reply = thread.find((x) => x.parentId === heldId);
    assert.ok(parent, 'the held comment was approved');
    assert.deepEqual(reply && { name: reply.authorName, body: reply.body }, { name: 'Admin', body: 'The deck was being replaced. It reopened on the 14th.' });
  });

  it('replies to an approved comment from the Approved queue, and Cancel sends nothing', async () => {
    await tab(/Approved/).click();
    // The moderator's reply quotes Ravi's comment too; Ravi's own card is the one headed with his name.
    const c = cardBy('Ravi');
    await c.waitFor();
    await c.getByRole('button', { name: 'Reply comment by Ravi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reply to Ravi' });
    await dialog.waitFor();
    assert.equal(await dialog.getByText('The comment is approved first').count(), 0);
    await dialog.getByLabel('Your reply, published under your name').fill('never sent');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.ok(!(await publicThread()).some((x) => x.body === 'never sent'));

    await c.getByRole('button', { name: 'Reply comment by Ravi' }).click();
    // The dialog opens empty again, not with the cancelled text.
    assert.equal(await dialog.getByLabel('Your reply, published under your name').inputValue(), '');
    await dialog.getByLabel('Your reply, published under your name').fill('One more thing: the night buses run as usual.');
    await dialog.getByRole('button', { name: 'Post reply' }).click();
    await status('Your reply to Ravi is published.').waitFor();
    const replies = (await publicThread((t) => t.filter((x) => x.parentId === heldId).length >= 2)).filter((x) => x.parentId === heldId);
    assert.deepEqual(replies.map((x) => x.body), ['The deck was being replaced. It reopened on the 14th.', 'One more thing: the night buses run as usual.']);
    // The moderator's replies arrive in the Approved queue live, without an announcement that
    // would talk over the confirmation.
    await card('night buses').waitFor();
    // (The shell's second live region, for news while an undo is on offer, stays empty too.)
    assert.deepEqual((await page.getByRole('status').allTextContents()).filter(Boolean), ['Your reply to Ravi is published.']);
  });

  it('shows readers a Staff mark on the moderator\'s replies only', async () => {
    const reader = await browser.newPage();
    try {
      await reader.goto(`${server.url}/demo`);
      const staff = reader.locator('parley-comments [part="staff"]');
      await staff.first().waitFor();
      assert.deepEqual(await staff.allTextContents(), ['Staff', 'Staff']);
      const ravi = reader.locator('parley-comments article').filter({ hasText: 'Why was the bridge closed' });
      assert.equal(await ravi.locator('[part="staff"]').count(), 0);
      await screenshot(reader, 'widget-staff-reply');
    } finally {
      await reader.close();
    }
  });

  it('deletes a rejected comment, and bulk-deletes spam; neither is offered for approved comments', async () => {
    assert.equal(await cardBy('Ravi').getByRole('button', { name: /^Delete/ }).count(), 0);
    await tab(/Pending/).click();
    const rejected = await postComment('This article is one-sided nonsense', 'Troll');
    await card('This article is one-sided nonsense').getByRole('button', { name: 'Reject comment by Troll' }).click();
    await tab(/Rejected\s*1/).waitFor();
    await tab(/Rejected/).click();
    await card('This article is one-sided nonsense').getByRole('button', { name: 'Delete comment by Troll' }).click();
    await status('Deleted the comment by Troll.').waitFor();
    await card('This article is one-sided nonsense').waitFor({ state: 'detached' });
    await tab(/Rejected\s*0/).waitFor();

    await tab(/Pending/).click();
    for (const n of [1, 2]) await postComment(`Buy cheap pills ${n}`, `Pills ${n}`);
    await card('Buy cheap pills 2').waitFor();
    for (const n of [1, 2]) await card(`Buy cheap pills ${n}`).getByRole('button', { name: `Spam comment by Pills ${n}` }).click();
    await tab(/Spam\s*2/).waitFor();
    await tab(/Spam/).click();
    await card('Buy cheap pills 2').waitFor();
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('checkbox').check();
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await status('Delete: 2 updated, 0 skipped').waitFor();
    await tab(/Spam\s*0/).waitFor();

    // The audit log keeps the deletions, and the public thread never had them.
    const audit = await page.evaluate(async () => {
      const res = await fetch('/api/v1/admin/audit?action=delete');
      return (await res.json()) as { entries: Array<{ commentId: number | null; toStatus: string | null }> };
    });
    assert.equal(audit.entries.length, 3);
    assert.ok(audit.entries.some((e) => e.commentId === rejected && e.toStatus === 'deleted'));
    assert.ok(!(await publicThread()).some((x) => /one-sided|pills/.test(x.body)));
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(admin.dialogs, []);
  });
});
