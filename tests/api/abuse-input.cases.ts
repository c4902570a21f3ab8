// Regressions from issue 12 (abuse-proofing round two), through HTTP on both drivers:
// finding 8 (a lone surrogate anywhere in input answered 500), 9 (the link counter was quadratic),
// 10 (a spam-marked comment vanished from its author's view while a held one stayed) and 12 (the
// thread cache and ETag kept saying `closed: false` after close-after-days had passed); and the
// server's half of 11 (names posing as the staff mark; rendering is tests/e2e/widget-names.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanBody } from '../../server/comments/dto.js';
import { countLinks } from '../../server/moderation/phases/links.js';
import type { Site } from '../../server/sites/store.js';
import { jsonRequest } from '../helpers/app.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { createAdminTest, nextIp, type AdminTest, type Session } from '../admin/helpers.js';

const DAY = 86_400_000;

export function defineAbuseInputTests(driver: Driver): void {
  describe(`issue 12 regressions: input, links, spam, cache [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: AdminTest;
    let site: Site;
    let admin: Session;
    before(async () => {
      a = await createAdminTest({ driver });
      site = await a.t.createSite({ settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, nudge: false } });
      admin = await a.session('admin');
    });
    after(async () => a?.close());

    const post = (article: string, fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
      a.app.request(
        `/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments`,
        jsonRequest('POST', { name: 'Asha', email: 'asha@example.com', body: 'A fair point about the budget.', ...fields }, { 'x-forwarded-for': nextIp(), ...headers }),
      );
    const thread = (s: Site, article: string, headers: Record<string, string> = {}) =>
      a.app.request(`/api/v1/sites/${s.slug}/articles/${encodeURIComponent(article)}/comments`, { headers });

    /** Asserts a 422 VALIDATION_FAILED whose fields name `field` as ill-formed. */
    async function assertIllFormed(res: Response, field: string) {
      const text = await res.text();
      assert.equal(res.status, 422, text);
      const { error } = JSON.parse(text) as { error: { code: string; fields: { field: string; code: string }[] } };
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(error.fields.map((f) => [f.field, f.code]), [[field, 'ill_formed']]);
    }

    describe('finding 8: lone surrogates are a 422 naming the field, never a 500', () => {
      it('in a comment body, a name and an article title', async () => {
        await assertIllFormed(await post('lone-1', { body: 'broken \ud800 text' }), 'body');
        await assertIllFormed(await post('lone-1', { name: 'Asha \udc00' }), 'name');
        await assertIllFormed(await post('lone-1', { article: { title: 'Budget \udbff day' } }), 'article.title');
        // A well-formed pair (an emoji) is fine.
        assert.equal((await post('lone-1', { body: 'A fair point 😀 about it.' })).status, 201);
      });

      it("in an author's edit", async () => {
        const res = await post('lone-2', {});
        assert.equal(res.status, 201);
        const { comment, authorToken } = (await res.json()) as { comment: { id: number }; authorToken: string };
        const edit = await a.app.request(
          `/api/v1/sites/${site.slug}/articles/lone-2/comments/${comment.id}`,
          jsonRequest('PATCH', { body: 'edited \udfff' }, { 'x-parley-author-token': authorToken, 'x-forwarded-for': nextIp() }),
        );
        await assertIllFormed(edit, 'body');
      });

      it("in a moderator's reply and a site's word list", async () => {
        const id = await a.comment(site, 'lone-3');
        await assertIllFormed(await a.call(admin, 'POST', `/admin/comments/${id}/reply`, { body: 'Thanks \ud83d' }), 'body');
        await assertIllFormed(await a.call(admin, 'PATCH', `/admin/sites/${site.slug}`, { settings: { holdWords: ['fine', 'bad\ud800'] } }), 'settings.holdWords.1');
      });
    });

    describe("finding 11: names cannot pose as the staff mark or the site", () => {
      it("refuses names reading as the staff mark or the site's name (422 reserved), disguised or not", async () => {
        for (const name of ['Staff', 'Priya (Moderator)', 'Ｓｔａｆｆ', 'S\u200btaff', 'Sтaff', 'टीम', 'Staff\u0301', 'S t a f f', 'Priya S.t.a.f.f', 'A d m i n', site.name, `${site.name} desk`]) {
          const res = await post('names', { name });
          assert.equal(res.status, 422, name);
          const { error } = (await res.json()) as { error: { fields: { field: string; code: string }[] } };
          assert.deepEqual(error.fields.map((f) => [f.field, f.code]), [['name', 'reserved']], name);
        }
        for (const name of ['Stafford Smith', 'Priya', 'Amit Kumar', 'José Ramírez', 'A K Sharma', 'स्टालिन']) assert.equal((await post('names', { name })).status, 201, name);
      });

      it('strips bidi overrides from a name, so "\\u202EffatS" is stored as the letters it is made of', async () => {
        const res = await post('names', { name: '\u202EffatS' });
        assert.equal(res.status, 201);
        assert.equal(((await res.json()) as { comment: { authorName: string } }).comment.authorName, 'ffatS');
      });
    });

    describe('finding 9: the link counter is linear', () => {
      it('counts links as the old expression did (a fixed sample)', () => {
        const cases: [string, number][] = [
          ['see example.com and www.x.org/path, https://a.b/c?d "x.co" ', 4],
          ['a-b.c-d.com', 1],
          ['news.example.in/story and shop.co', 2],
          ['ab..com x.comx x.com_ y.com/z.com', 1],
          ['HTTP://EXAMPLE and WWW.Example.ORG', 2],
          ['no links here. none. at all.', 0],
        ];
        for (const [text, n] of cases) assert.equal(countLinks(text), n, text);
      });

      it('counts 100,000 characters of "a-b.c-d." right (its time is a bench row)', () => {
        const run = 'a-b.c-d.'.repeat(12_500);
        assert.equal(countLinks(run), 0);
        assert.equal(countLinks(`${run}com`), 1);
        assert.equal(countLinks(`${run} x.com ${run}io/${run}`), 2);
      });

      it('posts the 60,000-character body that took 3.5 s, its links counted right', async () => {
        const big = await a.t.createSite({ settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, nudge: false, maxBodyChars: 100_000, linkLimit: 1 } });
        const body = 'a-b.c-d.'.repeat(7_500);
        assert.equal(countLinks(body), 0);
        const res = await a.app.request(
          `/api/v1/sites/${big.slug}/articles/links/comments`,
          jsonRequest('POST', { name: 'Asha', email: 'asha@example.com', body }, { 'x-forwarded-for': nextIp() }),
        );
        assert.equal(res.status, 201, await res.text());
        // The same run ending in a known domain is one link; two are past the limit of 1: held.
        const held = await a.app.request(
          `/api/v1/sites/${big.slug}/articles/links/comments`,
          jsonRequest('POST', { name: 'Asha', email: 'asha@example.com', body: `${body}com and www.example.org/x` }, { 'x-forwarded-for': nextIp() }),
        );
        assert.equal(held.status, 202, await held.text());
      });
    });

    describe('the comment cleaner (2026-12-07 outside check): linear, no overrides, nothing invisible', () => {
      it('cleans as it did: line ends, blank runs, control characters; bidi overrides go, isolates and marks stay', () => {
        const cases: [string, string][] = [
          ['  one  \r\ntwo\t \rthree  ', 'one\ntwo\nthree'],
          ['a\n\n\n\n\nb', 'a\n\nb'],
          ['a \n \n \n b', 'a\n\n b'],
          ['bell\u0007 and\u0000 nul', 'bell and nul'],
          ['price is \u202E01$\u202C today', 'price is 01$ today'],
          ['\u202Aembedded\u202B\u202D', 'embedded'],
          ['\u2067\u0645\u0631\u062D\u0628\u0627\u2069 and \u200F', '\u2067\u0645\u0631\u062D\u0628\u0627\u2069 and \u200F'],
        ];
        for (const [raw, clean] of cases) assert.equal(cleanBody(raw), clean, JSON.stringify(raw));
      });

      it('cleans 99,999 spaces before a letter to the letter (its time is a bench row: 3.9 s before, under a millisecond now)', () => {
        assert.equal(cleanBody(`${' '.repeat(99_999)}x`), 'x');
        assert.equal(cleanBody(`x${' \t'.repeat(50_000)}\ny`), 'x\ny');
      });

      it('refuses a comment or an edit with nothing a reader can see (422 body required)', async () => {
        for (const body of ['\u200B\u200B\u200B', '\u202E\u202C', '\u2066 \u2069', '\u3164\u3164', '\uFE0F\u00AD', '\u2800']) {
          const res = await post('invisible', { body });
          assert.equal(res.status, 422, JSON.stringify(body));
          const { error } = (await res.json()) as { error: { fields: { field: string; code: string }[] } };
          assert.deepEqual(error.fields.map((f) => [f.field, f.code]), [['body', 'required']], JSON.stringify(body));
        }
        const ok = await post('invisible', { body: 'Visible \u200B text' });
        assert.equal(ok.status, 201);
        const { comment, authorToken } = (await ok.json()) as { comment: { id: number }; authorToken: string };
        const edit = await a.app.request(
          `/api/v1/sites/${site.slug}/articles/invisible/comments/${comment.id}`,
          jsonRequest('PATCH', { body: '\u200B\u200D' }, { 'x-parley-author-token': authorToken, 'x-forwarded-for': nextIp() }),
        );
        assert.equal(edit.status, 422);
      });
    });

    describe('finding 10: a spam-marked comment looks held to its author', () => {
      it('the reload with the author token shows it awaiting moderation, like a held one', async () => {
        const spamRes = await post('spam-1', { hp: 'http://bot.example', body: 'Buy cheap watches now.' });
        assert.equal(spamRes.status, 202);
        const spam = (await spamRes.json()) as { comment: { id: number; status: string }; authorToken: string };
        assert.equal(spam.comment.status, 'pending');
        const heldRes = await post('spam-1', { body: 'Please hold this one.' }, {});
        assert.equal(heldRes.status, 201);
        const view = await thread(site, 'spam-1', { 'x-parley-author-token': spam.authorToken });
        assert.equal(view.status, 200);
        const data = (await view.json()) as { comments: { id: number; status: string; mine?: boolean; body: string }[] };
        const own = data.comments.find((c) => c.id === spam.comment.id);
        assert.ok(own, 'the spam-marked comment is in its author view');
        assert.deepEqual([own.status, own.mine, own.body], ['pending', true, 'Buy cheap watches now.']);
        // Nobody else sees it.
        const pub = (await (await thread(site, 'spam-1')).json()) as { comments: { id: number }[] };
        assert.equal(pub.comments.some((c) => c.id === spam.comment.id), false);
        // Its author can edit it as a held one (it stays in the spam queue).
        const edit = await a.app.request(
          `/api/v1/sites/${site.slug}/articles/spam-1/comments/${spam.comment.id}`,
          jsonRequest('PATCH', { body: 'A perfectly nice comment now.' }, { 'x-parley-author-token': spam.authorToken, 'x-forwarded-for': nextIp() }),
        );
        const edited = await edit.text();
        assert.equal(edit.status, 200, edited);
        assert.equal((JSON.parse(edited) as { comment: { status: string } }).comment.status, 'pending');
        const detail = await a.call(admin, 'GET', `/admin/comments/${spam.comment.id}`);
        assert.equal(((await detail.json()) as { comment: { status: string } }).comment.status, 'spam');
      });
    });

    describe('finding 12: the cache key and ETag cover `closed`', () => {
      it('a thread past close-after-days reads closed, with a new ETag, from a warm cache', async () => {
        const closing = await a.t.createSite({ settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, nudge: false, closeAfterDays: 2 } });
        const first = await a.app.request(
          `/api/v1/sites/${closing.slug}/articles/closing/comments`,
          jsonRequest('POST', { name: 'Asha', email: 'asha@example.com', body: 'Early comment.' }, { 'x-forwarded-for': nextIp() }),
        );
        assert.equal(first.status, 201);
        const open = await thread(closing, 'closing');
        const openEtag = open.headers.get('etag')!;
        assert.equal(((await open.json()) as { article: { closed: boolean } }).article.closed, false);
        // Warm: the same page again from the cache, 304 on its ETag.
        assert.equal((await thread(closing, 'closing', { 'if-none-match': openEtag })).status, 304);

        a.clock.advance(3 * DAY);
        const late = await a.app.request(
          `/api/v1/sites/${closing.slug}/articles/closing/comments`,
          jsonRequest('POST', { name: 'Asha', email: 'asha@example.com', body: 'Late comment.' }, { 'x-forwarded-for': nextIp() }),
        );
        assert.equal(late.status, 403);
        const revalidated = await thread(closing, 'closing', { 'if-none-match': openEtag });
        assert.equal(revalidated.status, 200, 'the old ETag no longer matches');
        assert.notEqual(revalidated.headers.get('etag'), openEtag);
        assert.equal(((await revalidated.json()) as { article: { closed: boolean } }).article.closed, true);
        const again = await thread(closing, 'closing');
        assert.equal(((await again.json()) as { article: { closed: boolean } }).article.closed, true);
      });
    });
  });
}
