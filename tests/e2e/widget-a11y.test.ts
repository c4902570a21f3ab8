// axe-core on the widget's shadow content in each state a reader can reach, light and dark.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  browserSkipReason,
  DEMO_ARTICLE,
  fillForm,
  PAST_MIN_SUBMIT,
  postButton,
  screenshot,
  type DemoServer,
  useDemoBrowser,
  widgetAxeViolations,
} from '../helpers/browser.js';

const skip = browserSkipReason();

// One server and one browser per file: files run in parallel, each within the runner's time limit.
describe('widget: accessibility', { skip }, () => {
  let demo: DemoServer;

  const open = useDemoBrowser({ PARLEY_SCORER: 'lexicon' }, (d) => {
    demo = d;
  });

  test('axe finds no violations in the widget, in every state', async () => {
    const audit = async (page: Page, label: string) => assert.deepEqual(await widgetAxeViolations(page), [], label);

    for (const colorScheme of ['light', 'dark'] as const) {
      // A fresh thread each time: the same comment twice would be refused as a duplicate.
      await demo.reset({ mode: 'post', floodSeconds: 0, toxicityReject: 0.99 });
      const seeded = await demo.seed(DEMO_ARTICLE, [
        { name: 'Asha Verma', website: 'https://asha.example', body: 'See https://example.org/a for more.' },
        { name: 'Rahul Menon', body: 'A reply.', replyTo: 0 },
        { name: 'Gone', body: 'Removed later.' },
        { name: 'Lucía', body: 'Under a tombstone.', replyTo: 2 },
      ]);
      await demo.setStatus(seeded[2]!.id, 'deleted');
      const { page, w } = await open({ colorScheme, bypassCSP: true });
      await w.getByRole('heading', { name: '3 Comments' }).waitFor();
      await w.getByText('This comment was removed.').waitFor();
      await audit(page, `thread, ${colorScheme}`);
      // The demo's brand red is the widget's accent in both schemes (dark mode used to drop it).
      const submitBg = await w.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('[part=submit]')!).backgroundColor);
      assert.equal(submitBg, colorScheme === 'light' ? 'rgb(179, 18, 46)' : 'rgb(255, 122, 138)', `accent, ${colorScheme}`);
      await postButton(w).click();
      await w.getByText('Please write a comment.').waitFor();
      await audit(page, `validation errors, ${colorScheme}`);
      await w.getByRole('button', { name: 'Reply to Asha Verma' }).click();
      await fillForm(w, { body: 'You are an idiot.' });
      demo.advance(PAST_MIN_SUBMIT);
      await postButton(w).click();
      await w.getByRole('button', { name: 'Post anyway' }).waitFor();
      await audit(page, `reply form with the nudge, ${colorScheme}`);
      await w.getByRole('button', { name: 'Post anyway' }).click();
      await w.locator('article').getByText('Your comment is awaiting moderation.').waitFor();
      await audit(page, `held comment with Edit and Delete, ${colorScheme}`);
      await w.evaluate((el) => el.setAttribute('lang', 'hi'));
      await w.getByRole('heading', { name: 'प्रतिक्रिया दें' }).waitFor();
      await audit(page, `Hindi, ${colorScheme}`);
      if (colorScheme === 'dark') await screenshot(page, 'widget-dark');

      // The audit can fail: a flaw planted inside the shadow root is reported.
      await w.evaluate((el) => el.shadowRoot!.querySelector('section')!.append(document.createElement('img')));
      assert.match((await widgetAxeViolations(page)).join('\n'), /^image-alt: /m);
    }
  });
});
