// The widget across the end of an event stream (issue 12, finding 2: streams now have a maximum
// lifetime). The server ends the stream, the browser's EventSource reconnects by itself, and what
// happened in between (a new comment, a removal) reaches the page: the reconnect's `ready` event
// carries the article's version, and a version the widget has not heard makes it read the thread again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkipReason, DEMO_ARTICLE, waitForStream, type DemoServer, useDemoBrowser } from '../helpers/browser.js';

const skip = browserSkipReason();

const readyState = (page: Page) =>
  page.evaluate(() => (document.querySelector('parley-comments') as unknown as { events?: EventSource | null }).events?.readyState);

/** Waits until the server has ended the widget's stream and the browser is waiting to reconnect. */
async function waitForReconnecting(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('parley-comments') as unknown as { events?: EventSource | null } | null;
    return el?.events?.readyState === EventSource.CONNECTING;
  });
}

describe('widget: live updates across a stream reconnect', { skip }, () => {
  let demo: DemoServer;
  const open = useDemoBrowser({ PARLEY_STREAM_LIFETIME_MS: '2000' }, (d) => {
    demo = d;
  });

  test('a comment posted and one removed while the stream was down show up after the reconnect', async () => {
    await demo.reset({ mode: 'post', floodSeconds: 0 });
    await demo.seed(DEMO_ARTICLE, [{ name: 'Asha Verma', body: 'Before the gap.' }]);
    const { page, w, errors } = await open();
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    await waitForStream(page);

    await waitForReconnecting(page);
    const [missed] = await demo.seed(DEMO_ARTICLE, [{ name: 'Gap Reader', body: 'Posted while the stream was down.' }]);
    assert.equal(await readyState(page), 0, 'the comment was published while the widget had no stream');
    await w.getByText('Posted while the stream was down.').waitFor();
    await w.getByRole('heading', { name: '2 Comments' }).waitFor();
    assert.equal(await readyState(page), 1, 'the widget is live again');

    await waitForReconnecting(page);
    await demo.setStatus(missed!.id, 'deleted');
    assert.equal(await readyState(page), 0, 'the comment was removed while the widget had no stream');
    await w.locator(`#c-${missed!.id}`).waitFor({ state: 'detached' });
    await w.getByRole('heading', { name: '1 Comment' }).waitFor();
    assert.deepEqual(errors, []);
  });
});
