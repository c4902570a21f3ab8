// <parley-comments> on /demo in Chromium: reading a thread and replying.
// Screenshots land in tests/artifacts/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  browserSkipReason,
  DEMO_ARTICLE,
  field,
  fillForm,
  PAST_MIN_SUBMIT,
  postButton,
  screenshot,
  waitForFocus,
  type DemoServer,
  useDemoBrowser,
} from '../helpers/browser.js';

const skip = browserSkipReason();

// One server and one browser per file: files run in parallel, each within the runner's time limit.
describe('widget: reading and replying on /demo', { skip }, () => {
  let demo: DemoServer;

  const open = useDemoBrowser({}, (d) => {
    demo = d;
  });

  test('shows the thread: count, threading, author links, linkified text, times, tombstones', async () => {
    await demo.reset({ mode: 'post' });
    const [a, , c, , , x] = await demo.seed(DEMO_ARTICLE, [
      {
        name: 'Asha Verma',
        website: 'https://asha.example',
        body: 'Good to see the data opened up.\n\nDetails at https://example.org/glaciers, for anyone curious.',
      },
      { name: 'Rahul Menon', body: 'Agreed, though storage matters more.', replyTo: 0 },
      { name: 'Soon Gone', body: 'This one will be removed.' },
      { name: 'Lucía', body: 'Replying to the removed one.\nSecond line.', replyTo: 2 },
      { name: 'Tomás', body: 'And deeper still.', replyTo: 3 },
      { name: 'Mallory', body: '<img src=x onerror="alert(1)"> <b>bold?</b> javascript:alert(2)' },
    ]);
    await demo.setStatus(c!.id, 'deleted');
    const { page, w, errors } = await open();

    await w.getByRole('heading', { name: '5 Comments', level: 2 }).waitFor();
    assert.equal(await page.getByRole('region', { name: '5 Comments' }).count(), 1);

    const author = w.getByRole('link', { name: 'Asha Verma' });
    assert.equal(await author.getAttribute('href'), 'https://asha.example/');
    assert.equal(await author.getAttribute('rel'), 'nofollow ugc noopener');
    const link = w.getByRole('link', { name: 'https://example.org/glaciers' });
    assert.equal(await link.getAttribute('href'), 'https://example.org/glaciers');
    assert.equal(await link.getAttribute('rel'), 'nofollow ugc noopener');
    assert.equal(await w.locator(`#c-${a!.id} .body p`).count(), 2);

    const time = w.locator(`#c-${a!.id} time`);
    assert.equal(await time.getAttribute('datetime'), a!.createdAt);
    assert.match((await time.getAttribute('title')) ?? '', /\d{4}/);
    assert.equal(await time.textContent(), 'now');

    // Replies nest under their parent; the removed comment stays as a tombstone above its replies.
    assert.equal(await w.locator(`li:has(> #c-${a!.id}) > ol.replies article`).count(), 1);
    assert.equal(await w.getByText('This comment was removed.').count(), 1);
    assert.equal(await w.getByText('Soon Gone').count(), 0);
    assert.equal(await w.locator(`li:has(> #c-${c!.id}) > ol.replies > li > ol.replies article`).count(), 1);
    assert.equal(await w.locator(`li:has(> #c-${c!.id}) .body br`).count(), 1);

    // Comment text is text: markup shows literally, a javascript: "URL" is not a link.
    await w.locator(`#c-${x!.id}`).getByText('<img src=x onerror="alert(1)">', { exact: false }).waitFor();
    assert.equal(await w.locator('img, b').count(), 0);
    assert.equal(await w.locator(`#c-${x!.id} .body a`).count(), 0);

    await screenshot(page, 'widget-thread');
    await page.setViewportSize({ width: 320, height: 800 });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no sideways scrolling at 320 px');
    await screenshot(page, 'widget-thread-320');
    assert.deepEqual(errors, []);
  });

  test('Reply moves the form under the comment, Cancel reply puts it back, a reply lands nested', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const [a] = await demo.seed(DEMO_ARTICLE, [
      { name: 'Asha Verma', body: 'First.' },
      { name: 'Rahul Menon', body: 'Second.' },
    ]);
    const { page, w } = await open();
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();

    await w.getByRole('button', { name: 'Reply to Asha Verma' }).click();
    await w.getByRole('heading', { name: 'Reply to Asha Verma', level: 3 }).waitFor();
    assert.equal(await w.locator(`li:has(> #c-${a!.id}) > .respond form`).count(), 1, 'the form sits under the comment');
    await waitForFocus(page, 'f-body');

    await w.getByRole('button', { name: 'Cancel reply' }).click();
    await w.getByRole('heading', { name: 'Leave a Reply', level: 3 }).waitFor();
    assert.equal(await w.locator(`li:has(> #c-${a!.id}) form`).count(), 0);
    await waitForFocus(page, `r-${a!.id}`);

    await w.getByRole('button', { name: 'Reply to Asha Verma' }).click();
    await fillForm(w, { body: 'A reply to Asha.' });
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    await w.getByRole('heading', { name: '3 Comments' }).waitFor();
    const reply = w.locator(`li:has(> #c-${a!.id}) > ol.replies article`);
    await reply.getByText('A reply to Asha.').waitFor();
    await waitForFocus(page, (await reply.getAttribute('id'))!);
    await w.getByRole('heading', { name: 'Leave a Reply', level: 3 }).waitFor();
    assert.equal(await field(w, 'Comment').inputValue(), '', 'the form is cleared after posting');
    await screenshot(page, 'widget-reply');
  });

  test('a reload right after a comment was published shows it: the browser copy is checked, not served stale', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'Already here.' }]);
    const { page, w, errors } = await open();
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    // Published while the page is closed, so no live event reaches it; the thread answer the browser
    // holds (max-age=0, stale-while-revalidate=30 for caches) is now out of date.
    await page.goto('about:blank');
    await demo.seed(DEMO_ARTICLE, [{ name: 'Rahul Menon', body: 'Published a moment ago.' }]);
    await page.goto(`${demo.url}/demo`);
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();
    await w.getByText('Published a moment ago.').waitFor();
    assert.deepEqual(errors, []);
  });
});
