// A reader's own comments in Chromium: held for moderation yet visible to its author across reloads,
// edited and deleted within the window; posting with the keyboard alone and being remembered.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  browserSkipReason,
  field,
  fillForm,
  focusedId,
  PAST_MIN_SUBMIT,
  postButton,
  waitForFocus,
  type DemoServer,
  useDemoBrowser,
} from '../helpers/browser.js';

const skip = browserSkipReason();

// One server and one browser per file: files run in parallel, each within the runner's time limit.
describe("widget: the author's own comments", { skip }, () => {
  let demo: DemoServer;

  const open = useDemoBrowser({}, (d) => {
    demo = d;
  });

  test('a first comment is held: only its author sees it, across reloads, and can edit and delete it', async () => {
    await demo.reset(); // the default policy: a first-time commenter is held
    const { page, w, context } = await open();
    await w.getByRole('heading', { name: 'No comments yet' }).waitFor();
    await fillForm(w, { body: 'Will the data include the Bolivian stations?' });
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();

    await w.locator('article').getByText('Your comment is awaiting moderation.').waitFor();
    await waitForFocus(page, /^c-\d+$/);
    const id = (await focusedId(page))!;
    // Not counted, and not "No comments yet" above it either (issue 15); the note says only its author sees it.
    assert.ok(await w.getByRole('heading', { name: '0 Comments' }).isVisible(), 'a held comment is not counted');
    await w.locator(`#${id}`).getByText('Only you can see it for now.').waitFor();
    assert.equal(await w.getByRole('button', { name: /^Reply/ }).count(), 0, 'no replying to a held comment');

    await page.reload();
    await w.locator(`#${id}`).getByText('Your comment is awaiting moderation.').waitFor();
    await w.locator(`#${id}`).getByText('Will the data include the Bolivian stations?').waitFor();

    const stranger = await open();
    await stranger.w.getByRole('heading', { name: 'No comments yet' }).waitFor();
    assert.equal(await stranger.w.getByText('Will the data include').count(), 0);
    await stranger.context.close();

    // Escape leaves the edit form and the delete question, focus back on the comment.
    await w.locator(`#${id}`).getByRole('button', { name: 'Edit' }).click();
    await waitForFocus(page, 'e-body');
    await page.keyboard.press('Escape');
    await w.locator('#e-body').waitFor({ state: 'detached' });
    await waitForFocus(page, id);
    await w.locator(`#${id}`).getByRole('button', { name: 'Delete' }).click();
    await waitForFocus(page, /^d-\d+$/);
    await page.keyboard.press('Escape');
    await w.locator(`#${id}`).getByRole('button', { name: 'Yes, delete' }).waitFor({ state: 'detached' });
    await waitForFocus(page, id);

    await w.locator(`#${id}`).getByRole('button', { name: 'Edit' }).click();
    await waitForFocus(page, 'e-body');
    await w.locator('#e-body').fill('Will the data include the stations in Bolivia?');
    await w.locator(`#${id}`).getByRole('button', { name: 'Save' }).click();
    await w.locator(`#${id}`).getByText('Will the data include the stations in Bolivia?').waitFor();
    await w.locator(`#${id}`).getByText('(edited)').waitFor();
    await waitForFocus(page, id);

    await w.locator(`#${id}`).getByRole('button', { name: 'Delete' }).click();
    await waitForFocus(page, /^d-\d+$/);
    await w.locator(`#${id}`).getByRole('button', { name: 'Yes, delete' }).click();
    await w.locator(`#${id}`).waitFor({ state: 'detached' });
    await w.getByRole('status').filter({ hasText: 'Your comment was deleted.' }).waitFor();
    await page.reload();
    await w.getByRole('heading', { name: 'No comments yet' }).waitFor();
    assert.equal(await w.getByText('Will the data include').count(), 0);
    await context.close();
  });

  test('a reader can post with the keyboard alone, and is remembered when they opt in', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const { page, w, context } = await open();
    for (let i = 0; i < 80 && (await focusedId(page)) !== 'f-body'; i++) await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'f-body', 'Tab reaches the comment field');
    await page.keyboard.type('Typed without a mouse.');
    for (const [id, text] of [
      ['f-name', 'Kiran Rao'],
      ['f-email', 'kiran@example.com'],
      ['f-website', 'kiran.example'],
    ] as const) {
      await page.keyboard.press('Tab');
      assert.equal(await focusedId(page), id);
      await page.keyboard.type(text);
    }
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'f-remember', 'the honeypot is skipped');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    demo.advance(PAST_MIN_SUBMIT);
    await page.keyboard.press('Enter');
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    await waitForFocus(page, /^c-\d+$/);
    const author = w.getByRole('link', { name: 'Kiran Rao' });
    assert.equal(await author.getAttribute('href'), 'https://kiran.example/');

    await page.reload();
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    assert.equal(await field(w, 'Name').inputValue(), 'Kiran Rao');
    assert.equal(await field(w, 'Email').inputValue(), 'kiran@example.com');
    assert.ok(await w.getByRole('checkbox').isChecked());
    await context.close();
  });
});
