// Regressions from issue 12 (abuse-proofing round two), through HTTP on both drivers:
// finding 3 (reports forged with invented tokens from one address hid a comment; after an approval one
// more report hid it again; 200 of 200 reports from one address were accepted), finding 4 (the first
// commenter set the article's link to evil.example and its title) and finding 5 (on a
// pre site, anyone posting with a trusted author's email and name was published at once).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { REPORT_LIMIT } from '../../server/moderation/reports.js';
import type { Site } from '../../server/sites/store.js';
import { jsonRequest } from '../helpers/app.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { createAdminTest, nextIp, type AdminTest, type Session } from '../admin/helpers.js';

const token = () => randomBytes(32).toString('base64url');

export function defineAbuseAuthorTests(driver: Driver): void {
  describe(`issue 12 regressions: reports and trust [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: AdminTest;
    let admin: Session;
    before(async () => {
      a = await createAdminTest({ driver });
      admin = await a.session('admin');
    });
    after(async () => a?.close());

    const post = (site: Site, article: string, fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
      a.app.request(
        `/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments`,
        jsonRequest('POST', { name: 'Asha', email: 'asha@example.com', body: `Comment ${Math.random()}`, ...fields }, { 'x-forwarded-for': nextIp(), ...headers }),
      );
    const report = (site: Site, article: string, id: number, address: string, authorToken?: string) =>
      a.app.request(
        `/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments/${id}/reports`,
        jsonRequest('POST', { reason: 'abusive' }, { 'x-forwarded-for': address, ...(authorToken ? { 'x-parley-author-token': authorToken } : {}) }),
      );
    const publicIds = async (site: Site, article: string) => {
      const res = await a.app.request(`/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments`);
      return ((await res.json()) as { comments: { id: number }[] }).comments.map((c) => c.id);
    };
    const approve = async (id: number) => {
      const res = await a.call(admin, 'POST', `/admin/comments/${id}/actions`, { action: 'approve' });
      assert.equal(res.status, 200, await res.clone().text());
    };

    describe('finding 3: reports count once per address and token, and approval settles them', () => {
      let site: Site;
      before(async () => {
        site = await a.t.createSite({ settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, nudge: false, reportThreshold: 3, reportedVisible: false } });
      });

      it('invented tokens from one address count as one reader', async () => {
        const id = await a.comment(site, 'forged');
        const address = nextIp();
        assert.equal((await report(site, 'forged', id, address, token())).status, 202);
        for (let i = 0; i < 3; i++) {
          const res = await report(site, 'forged', id, address, token());
          assert.equal(res.status, 409, 'the same address with another made-up token');
          assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'ALREADY_REPORTED');
        }
        assert.ok((await publicIds(site, 'forged')).includes(id), 'one reader cannot hide a comment');
      });

      it('after an approval only readers not counted before bring a comment back, and it takes the threshold again', async () => {
        const id = await a.comment(site, 'cleared');
        const first = [nextIp(), nextIp(), nextIp()];
        for (const address of first) assert.equal((await report(site, 'cleared', id, address, token())).status, 202);
        assert.equal((await publicIds(site, 'cleared')).includes(id), false, 'three readers hide it');
        await approve(id);
        assert.ok((await publicIds(site, 'cleared')).includes(id));
        const detail = (await (await a.call(admin, 'GET', `/admin/comments/${id}`)).json()) as { comment: { reportCount: number; reportedAt: string | null } };
        assert.deepEqual([detail.comment.reportCount, detail.comment.reportedAt], [0, null]);

        // The readers already counted, with or without new tokens: refused, the comment stays.
        for (const address of first) assert.equal((await report(site, 'cleared', id, address, token())).status, 409);
        assert.ok((await publicIds(site, 'cleared')).includes(id));
        // New readers: one and two are not enough, three are.
        assert.equal((await report(site, 'cleared', id, nextIp(), token())).status, 202);
        assert.equal((await report(site, 'cleared', id, nextIp())).status, 202);
        assert.ok((await publicIds(site, 'cleared')).includes(id));
        assert.equal((await report(site, 'cleared', id, nextIp(), token())).status, 202);
        assert.equal((await publicIds(site, 'cleared')).includes(id), false);
        // The desk shows the three open reports, not the settled ones.
        const queued = (await (await a.call(admin, 'GET', `/admin/comments/${id}`)).json()) as { comment: { reportCount: number; reports?: { open: number } } };
        assert.deepEqual([queued.comment.reportCount, queued.comment.reports?.open], [3, 3]);
      });

      it(`one address sends at most ${REPORT_LIMIT.perAddress} reports an hour (429 with Retry-After)`, async () => {
        const ids: number[] = [];
        for (let i = 0; i <= REPORT_LIMIT.perAddress; i++) ids.push(await a.comment(site, 'limited', { body: `Comment number ${i}` }));
        const address = nextIp();
        for (const id of ids.slice(0, REPORT_LIMIT.perAddress)) assert.equal((await report(site, 'limited', id, address, token())).status, 202);
        const res = await report(site, 'limited', ids[REPORT_LIMIT.perAddress]!, address, token());
        assert.equal(res.status, 429);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'RATE_LIMITED');
        assert.ok(Number(res.headers.get('retry-after')) > 0);
        // Another address is not affected.
        assert.equal((await report(site, 'limited', ids[REPORT_LIMIT.perAddress]!, nextIp())).status, 202);
      });
    });

    describe("finding 4: an article's link and title are the site's, not the first commenter's", () => {
      let site: Site;
      before(async () => {
        site = await a.t.createSite({ allowedOrigins: ['https://news.example'], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, nudge: false } });
      });
      const fieldsOf = async (res: Response) => ((await res.json()) as { error: { fields: { field: string; code: string }[] } }).error.fields.map((f) => [f.field, f.code]);
      const threadOf = async (article: string) => {
        const res = await a.app.request(`/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments`);
        return { etag: res.headers.get('etag'), data: (await res.json()) as { article: { url: string | null; title: string | null } } };
      };

      it('refuses a link off the allowed origins or other than the key, and an over-long title (422, named)', async () => {
        const key = 'https://news.example/2026/12/budget';
        const evil = await post(site, key, { article: { url: 'https://evil.example/login?next=parley', title: 'URGENT: moderators must re-verify' } });
        assert.equal(evil.status, 422);
        assert.deepEqual(await fieldsOf(evil), [['article.url', 'origin_not_allowed']]);
        const other = await post(site, key, { article: { url: 'https://news.example/2026/12/other-story' } });
        assert.deepEqual(await fieldsOf(other), [['article.url', 'not_the_article']]);
        const long = await post(site, key, { article: { url: key, title: 'T'.repeat(301) } });
        assert.deepEqual(await fieldsOf(long), [['article.title', 'too_long']]);
        // The key's own URL with tracking parameters and a fragment is the same address.
        const ok = await post(site, key, { article: { url: `${key}?utm_source=x#comments`, title: 'Budget day' } });
        assert.equal(ok.status, 201, await ok.clone().text());
        assert.deepEqual((await threadOf(key)).data.article, { ...(await threadOf(key)).data.article, url: key, title: 'Budget day' });
      });

      it('cleans the title (no bidi overrides) and a later request cannot change title or link', async () => {
        const first = await post(site, 'story-42', { article: { url: 'https://news.example/story-42', title: 'Local \u202Eefas\u202C news\n  today' } });
        assert.equal(first.status, 201);
        assert.deepEqual((await threadOf('story-42')).data.article, { ...(await threadOf('story-42')).data.article, url: 'https://news.example/story-42', title: 'Local efas news today' });
        const later = await post(site, 'story-42', { article: { url: 'https://news.example/phish', title: 'Moderators must re-verify' } });
        assert.equal(later.status, 201);
        const { data } = await threadOf('story-42');
        assert.deepEqual([data.article.url, data.article.title], ['https://news.example/story-42', 'Local efas news today']);
      });

      it('moderators correct the title and link (admin API), under the same rules; the thread changes its ETag', async () => {
        assert.equal((await post(site, 'story-43', { article: { title: 'Wrong title' } })).status, 201);
        const list = (await (await a.call(admin, 'GET', `/admin/articles?site=${site.slug}&q=story-43`)).json()) as { articles: { id: number; key: string }[] };
        const id = list.articles.find((x) => x.key === 'story-43')!.id;
        const before = await threadOf('story-43');
        const bad = await a.call(admin, 'PATCH', `/admin/articles/${id}`, { url: 'https://evil.example/x' });
        assert.equal(bad.status, 422);
        assert.deepEqual(await fieldsOf(bad), [['url', 'origin_not_allowed']]);
        const res = await a.call(admin, 'PATCH', `/admin/articles/${id}`, { title: 'Right title', url: 'https://news.example/story-43' });
        assert.equal(res.status, 200, await res.clone().text());
        const out = (await res.json()) as { article: { title: string; url: string } };
        assert.deepEqual([out.article.title, out.article.url], ['Right title', 'https://news.example/story-43']);
        const afterwards = await threadOf('story-43');
        assert.notEqual(afterwards.etag, before.etag);
        assert.deepEqual([afterwards.data.article.title, afterwards.data.article.url], ['Right title', 'https://news.example/story-43']);
        const audit = (await (await a.call(admin, 'GET', `/admin/audit?site=${site.slug}&action=article.edit`)).json()) as {
          entries: { action: string; article: { key: string } | null; changes: { field: string; from: unknown; to: unknown }[] }[];
        };
        const entry = audit.entries.find((e) => e.action === 'article.edit' && e.article?.key === 'story-43');
        // As data the admin view says in the moderator's language (not only the English note).
        assert.deepEqual(entry?.changes, [
          { field: 'articleTitle', from: 'Wrong title', to: 'Right title' },
          { field: 'articleUrl', from: null, to: 'https://news.example/story-43' },
        ]);
      });
    });

    describe('finding 5: trust by approved history needs proof of the email', () => {
      it("a bare email is held on a pre site; the author's own token is trusted", async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, nudge: false, trustAfterApproved: 5 } });
        const priya = { name: 'Priya', email: 'priya@newsroom.example' };
        let priyaToken: string | undefined;
        for (let i = 0; i < 5; i++) {
          const res = await post(site, 'story', { ...priya, body: `Priya's comment ${i}` }, priyaToken ? { 'x-parley-author-token': priyaToken } : {});
          assert.equal(res.status, 202);
          const data = (await res.json()) as { comment: { id: number }; authorToken: string };
          priyaToken ??= data.authorToken;
          await approve(data.comment.id);
        }
        const impostor = await post(site, 'story', { ...priya, body: 'Moderators must re-verify at evil.example' });
        assert.equal(impostor.status, 202, 'the same email and name from someone else: held');
        const other = (await (await post(site, 'other', { name: 'Mallory', email: 'mallory@example.com' })).json()) as { authorToken: string };
        const withOwnToken = await post(site, 'story', { ...priya, body: 'Mallory again, with her own token' }, { 'x-parley-author-token': other.authorToken });
        assert.equal(withOwnToken.status, 202, "a token issued to another email proves nothing");
        const real = await post(site, 'story', { ...priya, body: 'Priya from her own browser' }, { 'x-parley-author-token': priyaToken! });
        assert.equal(real.status, 201, 'the token issued to her email: trusted');
      });
    });
  });
}
