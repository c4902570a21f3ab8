// The thread over time in Chromium: live updates over server-sent events, paging and sorting.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  browserSkipReason,
  DEMO_ARTICLE,
  fillForm,
  PAST_MIN_SUBMIT,
  postButton,
  waitForFocus,
  waitForStream,
  type DemoServer,
  useDemoBrowser,
} from '../helpers/browser.js';

const skip = browserSkipReason();

// One server and one browser per file: files run in parallel, each within the runner's time limit.
describe('widget: live updates and paging', { skip }, () => {
  let demo: DemoServer;

  const open = useDemoBrowser({}, (d) => {
    demo = d;
  });

  test('new and removed comments arrive live and are announced politely', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const [a] = await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'First.' }]);
    const { page, w } = await open();
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    // The stream must be open before the server publishes, or the event has nobody to reach.
    await waitForStream(page);

    await demo.seed(DEMO_ARTICLE, [{ name: 'Live Reader', body: 'Posted from another browser.' }]);
    await w.getByText('Posted from another browser.').waitFor();
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();
    const live = w.getByRole('status');
    await live.filter({ hasText: 'New comment from Live Reader' }).waitFor();
    assert.equal(await live.getAttribute('role'), 'status', 'a polite live region');

    await demo.setStatus(a!.id, 'deleted');
    await w.locator(`#c-${a!.id}`).waitFor({ state: 'detached' });
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
  });

  test('Load more brings the next page; newest first re-sorts', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const seeded = await demo.seedMany(DEMO_ARTICLE, 52);
    const { page, w } = await open();
    await w.getByRole('heading', { name: '52 Comments' }).waitFor();
    assert.equal(await w.locator('article').count(), 50);
    await w.getByRole('button', { name: 'Load more comments' }).click();
    await waitForFocus(page, `c-${seeded[50]}`);
    assert.equal(await w.locator('article').count(), 52);
    assert.equal(await w.getByRole('button', { name: 'Load more comments' }).count(), 0);

    await w.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
    await w.locator('ol.thread > li:first-child article').getByText('Comment number 52.').waitFor();
  });

  test('a comment the reader posts before loading every page stays last when Load more brings the older ones', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    const seeded = await demo.seedMany(DEMO_ARTICLE, 52);
    const { page, w } = await open();
    await w.getByRole('heading', { name: '52 Comments' }).waitFor();
    await fillForm(w, { body: 'My own comment, posted before reading to the end.' });
    demo.advance(PAST_MIN_SUBMIT);
    await postButton(w).click();
    await w.getByRole('heading', { name: '53 Comments' }).waitFor();
    await w.getByText('My own comment, posted before reading to the end.').waitFor();
    const bodies = () => w.locator('ol.thread > li > article').evaluateAll((els) => els.map((e) => e.querySelector('.body, p')?.textContent?.trim() ?? ''));
    // Shown at once, after the loaded page.
    assert.match((await bodies()).at(-1)!, /My own comment/);
    await w.getByRole('button', { name: 'Load more comments' }).click();
    await waitForFocus(page, `c-${seeded[50]}`);
    const after = await bodies();
    assert.equal(after.length, 53);
    assert.match(after[50]!, /Comment number 51\./);
    assert.match(after[51]!, /Comment number 52\./);
    assert.match(after[52]!, /My own comment/, 'the older comments came in before it');
  });
});
