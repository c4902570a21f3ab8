// The reader's side on /demo in Chromium: reporting a comment (the reason reaches the moderators'
// reported queue), permalinks opened cold (a deep reply on a later page), and editors' picks.
// Screenshots land in tests/artifacts/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { bumpArticle } from '../../server/comments/store.js';
import { commentReports, comments } from '../../server/db/schema.js';
import { browserSkipReason, DEMO_ARTICLE, widgetAxeViolations, screenshot, waitForFocus, type DemoServer, useDemoBrowser } from '../helpers/browser.js';

const skip = browserSkipReason();

describe('widget: report, permalinks, picks on /demo', { skip }, () => {
  let demo: DemoServer;
  const open = useDemoBrowser({}, (d) => {
    demo = d;
  });

  for (const width of [1280, 360]) {
    test(`Report: reasons, a note, keyboard only, then "Reported" (${width} px)`, async () => {
      await demo.reset({ mode: 'post', reportThreshold: 1 });
      const [a, b] = await demo.seed(DEMO_ARTICLE, [
        { name: 'Asha Verma', body: 'A fair point about the talks.' },
        { name: 'Troll', body: 'Buy cheap watches at example.biz' },
      ]);
      const { page, w, errors } = await open({ width, bypassCSP: true });
      await w.getByRole('heading', { name: '2 Comments' }).waitFor();

      // Keyboard: focus the Report button, Enter opens the form with focus on the first reason.
      await w.locator(`#p-${b!.id}`).focus();
      await page.keyboard.press('Enter');
      await w.getByRole('group', { name: 'Report this comment' }).waitFor();
      await waitForFocus(page, 'rp-spam');
      // Escape closes it and focus goes back to the Report button.
      await page.keyboard.press('Escape');
      await waitForFocus(page, `p-${b!.id}`);
      assert.equal(await w.getByRole('group', { name: 'Report this comment' }).count(), 0);

      await page.keyboard.press('Enter');
      await waitForFocus(page, 'rp-spam');
      // "Something else" needs a note: the server's answer is shown on the note field.
      await w.getByRole('radio', { name: 'Something else' }).check();
      await w.getByRole('button', { name: 'Send report' }).click();
      await w.getByText('Please say what is wrong with this comment.').waitFor();
      await waitForFocus(page, 'rp-note');
      await w.getByRole('radio', { name: 'Spam or advertising' }).check();
      await w.getByRole('textbox', { name: 'Note for the moderators' }).fill('Advertising a shop.');
      await screenshot(page, `widget-report-${width}`);
      assert.deepEqual(await widgetAxeViolations(page), [], 'axe: the open report form');
      await w.getByRole('button', { name: 'Send report' }).click();
      await w.locator(`#c-${b!.id}`).getByText('Reported', { exact: true }).waitFor();
      await waitForFocus(page, `c-${b!.id}`);
      await w.getByText('Your report was sent to the moderators.').waitFor();
      // Never on the reader's own comment; the other comment still offers it.
      assert.equal(await w.locator(`#c-${a!.id}`).getByRole('button', { name: 'Report' }).count(), 1);

      const reports = await demo.server.deps.db.select().from(commentReports).where(eq(commentReports.commentId, b!.id));
      assert.deepEqual(
        reports.map((r) => [r.reason, r.note]),
        [['spam', 'Advertising a shop.']],
      );
      const [row] = await demo.server.deps.db.select().from(comments).where(eq(comments.id, b!.id));
      assert.ok(row!.reportedAt, 'the comment is in the reported queue');
      assert.equal((await demo.server.deps.db.select().from(commentReports).where(eq(commentReports.commentId, a!.id))).length, 0);

      // Still "Reported" after a reload (remembered in this browser).
      await page.reload();
      await w.locator(`#c-${b!.id}`).getByText('Reported', { exact: true }).waitFor();
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, 'no sideways scrolling');
      assert.deepEqual(errors, []);
    });
  }

  test('a permalink opened cold loads the later page, scrolls to the deep reply and highlights it; Copy link', async () => {
    await demo.reset({ mode: 'post' });
    const ids = await demo.seedMany(DEMO_ARTICLE, 120);
    const [reply] = await demo.seed(DEMO_ARTICLE, [{ name: 'Deep Reader', body: 'A reply far down the thread.' }]);
    // Make it a reply to comment 110 (on the third page of 50), two levels down.
    const parent = ids[109]!;
    const db = demo.server.deps.db;
    const [p] = await db.select().from(comments).where(eq(comments.id, parent));
    await db.update(comments).set({ parentId: parent, rootId: parent, depth: 1 }).where(eq(comments.id, reply!.id));
    await bumpArticle(db, p!.articleId, 0, null);
    demo.server.deps.threadCache.clear();

    const { page, w, context } = await open({ width: 1280 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`${demo.url}/demo#parley-comment-${reply!.id}`);
    const target = w.locator(`#c-${reply!.id}`);
    await target.waitFor();
    await waitForFocus(page, `c-${reply!.id}`);
    assert.equal(await target.getAttribute('class'), 'hl');
    assert.ok(await target.isVisible());
    assert.ok((await target.boundingBox())!.y >= 0 && (await target.boundingBox())!.y < 900, 'scrolled into view');
    assert.equal(await w.locator(`li:has(> #c-${parent}) > ol.replies #c-${reply!.id}`).count(), 1, 'nested under its parent');
    await screenshot(page, 'widget-permalink');

    // The time links to the comment; Copy link puts the same URL on the clipboard.
    const href = await target.locator('a.time').getAttribute('href');
    assert.equal(href, `${demo.url}/demo#parley-comment-${reply!.id}`);
    await target.getByRole('button', { name: 'Copy link' }).click();
    await w.getByText('Link copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), href);

    // Following another permalink on the same page moves the highlight.
    await page.evaluate((id) => (location.hash = `#parley-comment-${id}`), ids[3]);
    await waitForFocus(page, `c-${ids[3]}`);
    assert.equal(await w.locator(`#c-${ids[3]}`).getAttribute('class'), 'hl');
  });

  test("an editor's pick carries its badge, in English and Hindi", async () => {
    await demo.reset({ mode: 'post' });
    const [a] = await demo.seed(DEMO_ARTICLE, [
      { name: 'Asha Verma', body: 'A thoughtful comment.' },
      { name: 'Rahul Menon', body: 'Another one.' },
    ]);
    const db = demo.server.deps.db;
    const [row] = await db.update(comments).set({ featuredAt: new Date() }).where(eq(comments.id, a!.id)).returning();
    await bumpArticle(db, row!.articleId, 0, a!.id);
    demo.server.deps.threadCache.clear();
    const { page, w } = await open({ width: 360, colorScheme: 'dark', bypassCSP: true });
    await w.locator(`#c-${a!.id}`).getByText('Editor’s pick').waitFor();
    assert.equal(await w.locator('article').getByText('Editor’s pick').count(), 1);
    await screenshot(page, 'widget-pick-360');
    await w.evaluate((el) => el.setAttribute('lang', 'hi'));
    await w.locator(`#c-${a!.id}`).getByText('संपादक की पसंद').waitFor();
    assert.deepEqual(await widgetAxeViolations(page), [], 'axe: a pick, Hindi');
  });
});
