// The moderation desk in Chromium, in Hindi (issue 14): no English left in the queue. Every visible
// text node of the admin view is scanned for Latin words, leaving out what is not the interface's
// (authors' names and emails, comment text and report notes, story headlines, URLs) and a short
// allow-list; the scorer's reasons and score names are worded from their codes, plurals go through
// Intl.PluralRules, and the comment's author is "टिप्पणीकार".
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, screenshot } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, cardOf, logIn, postOk, report, setDemoSettings, type Reader } from '../helpers/desk.js';

const ARTICLE = 'desk-hindi-story';

/**
 * Latin words allowed: the product's and the scorer's names, "IP" (as Hindi technical text writes it), the
 * language switch's own "English", and
 * user content the scan cannot tell by its element (names inside screen-reader labels, the story's
 * headline in the author view).
 */
const ALLOWED = ['Parley', 'English', 'lexicon', 'IP', 'Ramesh', 'Suresh', 'Troll', 'Linker', 'Budget', 'day', 'in', 'Delhi'];

/**
 * Latin words in visible text outside user content, as page-side JavaScript (a string, so the test
 * runner's transform adds nothing the page lacks). Shadow roots are walked from the document.
 */
const SCAN = `(() => {
  const skip = 'bdi, .body, .parent, q, .author-line span, .author-line a, .meta a[target], option, script, style, [hidden], .sr-allow';
  const out = [];
  const stack = [document.body];
  while (stack.length) {
    const node = stack.pop();
    if (node.nodeType === Node.TEXT_NODE) {
      const el = node.parentElement;
      if (!el || el.closest(skip)) continue;
      const text = node.textContent.trim();
      if (!text) continue;
      // Visible, or read by screen readers (the .sr class): both are the interface.
      if (!el.checkVisibility() && !el.closest('.sr')) continue;
      const words = text.replace(/“[^”]*”/g, '').replace(/https?:\\/\\/\\S+/g, '').replace(/\\S+@\\S+/g, '').match(/[A-Za-z][A-Za-z'’]+/g);
      if (words) out.push(...words.map((w) => w + ' <- ' + text.slice(0, 60)));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    if (node.shadowRoot) stack.push(...node.shadowRoot.childNodes);
    stack.push(...node.childNodes);
  }
  return out;
})()`;

describe('desk in Chromium: the Hindi admin', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD }, { PARLEY_SCORER: 'lexicon' });
  let page: typeof admin.page;
  let n = 0;
  const reader = (name: string): Reader => ({ name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`, ip: `203.0.113.${++n}` });
  const leftovers = async () => {
    const found = (await page.evaluate(SCAN)) as string[];
    return found.filter((w) => !ALLOWED.includes(w.split(' <- ')[0]!));
  };

  before(async () => {
    page = admin.page;
    const title = { title: 'Budget day in Delhi | विश्व | समाचार दर्पण' };
    // Held by the scorer (an insult), by the first-time rule, by links; a reply; one reported by three readers.
    await setDemoSettings(admin, { mode: 'post', linkLimit: 1, nudge: false, toxicityReject: 1 });
    const parent = await postOk(admin, reader('Ramesh'), ARTICLE, 'The budget finally funds rural clinics.', title);
    const reported = await postOk(admin, reader('Suresh'), ARTICLE, 'Completely unrelated: watch my cooking videos.', title);
    for (const [ip, reason, note] of [['192.0.2.31', 'spam'], ['192.0.2.32', 'off-topic'], ['192.0.2.33', 'off-topic', 'इस खबर से कोई लेना-देना नहीं']] as const) {
      assert.equal(await report(admin, ARTICLE, reported, ip, reason, note), 202);
    }
    await setDemoSettings(admin, { mode: 'first-time', linkLimit: 1, nudge: false, toxicityReject: 1 });
    await postOk(admin, reader('Troll'), ARTICLE, 'You are a stupid idiot and a moron.', { ...title, parentId: parent });
    await postOk(admin, reader('Linker'), ARTICLE, 'See https://a.example/x and https://b.example/y for the numbers.', title);
    await logIn(page, admin.server.url);
    await cardOf(page, 'stupid idiot').waitFor();
  });

  it('shows the queue with the scorer reasons, scores and author line in English first (the scan finds them)', async () => {
    const english = await leftovers();
    // The scan sees the interface: in English it finds plenty.
    assert.ok(english.some((w) => w.startsWith('Approve ')), english.slice(0, 5).join('\n'));
    await cardOf(page, 'stupid idiot').locator('.reasons li').first().waitFor();
  });

  it('leaves no English word in the pending queue in Hindi', async () => {
    await page.getByLabel('Language').selectOption('hi');
    await page.getByRole('heading', { name: 'मॉडरेशन कतार' }).waitFor();
    const troll = cardOf(page, 'stupid idiot');
    // The author is "टिप्पणीकार" (not लेखक, the article's writer).
    await troll.getByRole('button', { name: 'टिप्पणीकार Troll', exact: true }).waitFor();
    assert.doesNotMatch((await page.locator('parley-admin-queue').textContent()) ?? '', /लेखक/);
    // The scorer's reason and score chips, worded from their codes.
    // Words the scorer matched are quoted from the comment; the rest is Hindi.
    const reasons = ((await troll.locator('.reasons').textContent()) ?? '').replace(/“[^”]*”/g, '').replace('(lexicon)', '');
    assert.doesNotMatch(reasons, /[A-Za-z]{2,}/, reasons);
    await screenshot(page, 'desk-queue-hi');
    assert.deepEqual(await leftovers(), []);
  });

  it('titles the page in Hindi (and back), as a Hindi browser does before login; says in Hindi too that JavaScript is needed', async () => {
    // The server sends one static shell; the view titles the page once it knows the language.
    await page.waitForFunction(() => document.title === 'Parley एडमिन' && document.documentElement.lang === 'hi');
    await page.getByLabel('भाषा').selectOption('en');
    await page.waitForFunction(() => document.title === 'Parley admin' && document.documentElement.lang === 'en');
    await page.getByLabel('Language').selectOption('hi');
    await page.waitForFunction(() => document.title === 'Parley एडमिन');
    const hindiBrowser = await admin.browser.newContext({ locale: 'hi-IN' });
    try {
      const fresh = await hindiBrowser.newPage();
      await fresh.goto(`${admin.server.url}/admin`);
      await fresh.getByRole('heading', { name: 'मॉडरेशन के लिए लॉग इन करें' }).waitFor();
      assert.equal(await fresh.title(), 'Parley एडमिन');
    } finally {
      await hindiBrowser.close();
    }
    const noScript = await admin.browser.newContext({ javaScriptEnabled: false });
    try {
      const fresh = await noScript.newPage();
      await fresh.goto(`${admin.server.url}/admin`);
      const shown = await fresh.locator('body').innerText();
      assert.match(shown, /The Parley admin view needs JavaScript\./);
      assert.match(shown, /Parley के एडमिन व्यू के लिए JavaScript चाहिए।/);
      assert.equal(await fresh.locator('p[lang="hi"]').textContent(), 'Parley के एडमिन व्यू के लिए JavaScript चाहिए।');
    } finally {
      await noScript.close();
    }
  });

  it('leaves no English word with every score shown, in the reported queue and in plurals', async () => {
    const troll = cardOf(page, 'stupid idiot');
    const more = troll.getByRole('button', { name: /कम स्कोर दिखाएँ/ });
    if (await more.count()) await more.click();
    assert.deepEqual(await leftovers(), []);

    await page.getByRole('tab', { name: /रिपोर्ट की गईं/ }).click();
    const card = cardOf(page, 'cooking videos');
    await card.waitFor();
    // Plural forms chosen by Intl.PluralRules('hi'): 3 is "other".
    await card.getByRole('heading', { name: '3 पाठकों ने रिपोर्ट की' }).waitFor();
    assert.equal(new Intl.PluralRules('hi').select(3), 'other');
    assert.doesNotMatch((await page.locator('parley-admin-queue').textContent()) ?? '', /\((s|es)\)/);
    assert.deepEqual(await leftovers(), []);
    await screenshot(page, 'desk-reported-hi');
  });

  it('leaves no English word in the author view and the ban dialog', async () => {
    await page.getByRole('tab', { name: /लंबित/ }).click();
    await cardOf(page, 'stupid idiot').getByRole('button', { name: 'टिप्पणीकार Troll', exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Troll' }).first();
    await dialog.locator('ol.comments li').first().waitFor();
    assert.deepEqual(await leftovers(), []);
    await page.keyboard.press('Escape');
    await cardOf(page, 'stupid idiot').getByRole('button', { name: 'टिप्पणीकार पर रोक लगाएँ Troll' }).click();
    await page.locator('parley-ban-dialog dialog[open]').waitFor();
    await page.locator('#ban-ip-note').filter({ hasNotText: /…/ }).waitFor();
    assert.deepEqual(await leftovers(), []);
    await page.keyboard.press('Escape');
    await page.getByLabel('भाषा').selectOption('en');
    assert.deepEqual(admin.pageErrors, []);
  });
});
