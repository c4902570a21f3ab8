// Regression (issue 12, finding 11): a reader's name of "\u202EffatS" rendered as "Staff", and its
// right-to-left override ran on over the rest of the comment's header. In Chromium, on /demo: names
// render bidi-isolated, so what follows a name stays where it belongs and reads as written.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { comments } from '../../server/db/schema.js';
import { browserSkipReason, DEMO_ARTICLE, type DemoServer, useDemoBrowser } from '../helpers/browser.js';

const skip = browserSkipReason();

describe('widget: names are bidi-isolated', { skip }, () => {
  let demo: DemoServer;
  const open = useDemoBrowser({}, (d) => {
    demo = d;
  });

  test('a stored name with a right-to-left override cannot move or reverse the header after it', async () => {
    await demo.reset({ mode: 'post' });
    const [spoof, plain] = await demo.seed(DEMO_ARTICLE, [
      { name: 'placeholder', body: 'A comment whose author name a past version stored with an override.' },
      { name: 'Asha Verma', body: 'An ordinary comment.' },
    ]);
    // The API now strips bidi overrides from names; names stored before (or imported) may have them.
    await demo.server.deps.db.update(comments).set({ authorName: '\u202EffatS' }).where(eq(comments.id, spoof!.id));
    demo.server.deps.threadCache.clear();

    const { w, errors } = await open();
    await w.locator(`#c-${spoof!.id} .author`).waitFor();
    for (const id of [spoof!.id, plain!.id]) {
      const author = w.locator(`#c-${id} .author`);
      assert.equal(await author.evaluate((el) => getComputedStyle(el).unicodeBidi), 'isolate');
      const a = (await author.boundingBox())!;
      const t = (await w.locator(`#c-${id} time`).boundingBox())!;
      assert.ok(t.x >= a.x + a.width - 0.5, `comment ${id}: the time stays after the name (name ${a.x}+${a.width}, time ${t.x})`);
    }
    assert.equal(await w.locator(`#c-${spoof!.id} time`).textContent(), 'now', 'the time reads as written');
    // The reply form's heading names the author inside a sentence: the name is isolated there too,
    // so its override ends with it.
    await w.locator(`#r-${spoof!.id}`).click();
    const name = w.locator('#rt bdi');
    assert.equal(await name.textContent(), '\u202EffatS');
    assert.equal(await name.evaluate((el) => getComputedStyle(el).unicodeBidi), 'isolate');
    assert.deepEqual(errors, []);
  });
});
