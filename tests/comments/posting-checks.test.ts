// The duplicate and flood rules in SQL (parley_is_duplicate, parley_last_post_at; migration 0013 made
// them read index ranges that do not grow with history) refuse exactly what they refused before:
// each branch (email, address), each boundary (window, article, site, text), on both drivers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/db/client.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';

const NOW = new Date('2026-12-06T12:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

for (const driver of DRIVERS) {
  describe(`posting checks in SQL [${driver}]`, { skip: skipFor(driver) }, () => {
    let t: TestApp;
    let siteId: number;
    let otherSiteId: number;
    let article: number;
    let otherArticle: number;
    let foreignArticle: number;

    const one = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.deps.db.execute(query))[0]!;
    const addArticle = async (site: number, key: string) =>
      Number((await one<{ id: number }>(sql`insert into articles (site_id, key) values (${site}, ${key}) returning id`)).id);
    const addComment = (site: number, articleId: number, c: { email: string | null; ip: string; body: string; at: string }) =>
      t.deps.db.execute(sql`
        insert into comments (site_id, article_id, author_name, author_email, body, status, ip_hash, created_at, updated_at)
        values (${site}, ${articleId}, 'A', ${c.email}, ${c.body}, 'approved', ${c.ip}, ${c.at}, ${c.at})`);
    const duplicate = async (q: { site?: number; article?: number | null; ip: string; email: string | null; body: string; since: string | null }) =>
      (await one<{ d: boolean }>(sql`select parley_is_duplicate(${q.site ?? siteId}, ${q.article === undefined ? article : q.article}, ${q.ip}, ${q.email}, ${q.body}, ${q.since}::timestamptz) as d`)).d;
    const lastPost = async (q: { site?: number; ip: string; email: string | null; since: string | null }) => {
      const v = (await one<{ at: unknown }>(sql`select parley_last_post_at(${q.site ?? siteId}, ${q.ip}, ${q.email}, ${q.since}::timestamptz) as at`)).at;
      return v === null ? null : new Date(v as string).toISOString();
    };

    before(async () => {
      t = await createTestApp({ driver });
      siteId = (await t.createSite()).id;
      otherSiteId = (await t.createSite()).id;
      article = await addArticle(siteId, 'checks');
      otherArticle = await addArticle(siteId, 'checks-other');
      foreignArticle = await addArticle(otherSiteId, 'checks');
      // One address with a long history, and the comments the checks must find among it.
      for (let i = 0; i < 300; i++) await addComment(siteId, otherArticle, { email: `office${i % 7}@example.com`, ip: 'ip-office', body: `history ${i}`, at: ago(600 - i) });
      await addComment(siteId, article, { email: 'asha@example.com', ip: 'ip-asha', body: 'Same words', at: ago(30) });
      await addComment(siteId, article, { email: null, ip: 'ip-anon', body: 'अनाम शब्द', at: ago(10) });
      await addComment(otherSiteId, foreignArticle, { email: 'asha@example.com', ip: 'ip-asha', body: 'Other site', at: ago(1) });
    });
    after(async () => t?.close());

    it('finds a duplicate by the same email or the same address, in this article, in the window, with the same text', async () => {
      const since = ago(60);
      assert.equal(await duplicate({ ip: 'ip-new', email: 'asha@example.com', body: 'Same words', since }), true, 'same email, other address');
      assert.equal(await duplicate({ ip: 'ip-asha', email: 'new@example.com', body: 'Same words', since }), true, 'same address, other email');
      assert.equal(await duplicate({ ip: 'ip-anon', email: null, body: 'अनाम शब्द', since }), true, 'no email, same address');
      assert.equal(await duplicate({ ip: 'ip-new', email: 'new@example.com', body: 'Same words', since }), false, 'someone else');
      assert.equal(await duplicate({ ip: 'ip-asha', email: 'asha@example.com', body: 'Same words ', since }), false, 'other text');
      assert.equal(await duplicate({ ip: 'ip-asha', email: 'asha@example.com', body: 'same words', since }), false, 'other case');
      assert.equal(await duplicate({ article: otherArticle, ip: 'ip-asha', email: 'asha@example.com', body: 'Same words', since }), false, 'other article');
      assert.equal(await duplicate({ ip: 'ip-asha', email: 'asha@example.com', body: 'Same words', since: ago(20) }), false, 'outside the window');
      assert.equal(await duplicate({ ip: 'ip-asha', email: 'asha@example.com', body: 'Same words', since: null }), false, 'no window');
      assert.equal(await duplicate({ article: null, ip: 'ip-asha', email: 'asha@example.com', body: 'Same words', since }), false, 'new article');
      assert.equal(await duplicate({ article: otherArticle, ip: 'ip-office', email: 'x@example.com', body: 'history 299', since: ago(400) }), true, 'in a long history');
      assert.equal(await duplicate({ article: otherArticle, ip: 'ip-office', email: 'x@example.com', body: 'history 10', since: ago(400) }), false, 'in history, before the window');
    });

    it('gives the latest post of the address or the email on this site after the window start', async () => {
      assert.equal(await lastPost({ ip: 'ip-asha', email: 'none@example.com', since: ago(60) }), ago(30), 'by address');
      assert.equal(await lastPost({ ip: 'ip-none', email: 'asha@example.com', since: ago(60) }), ago(30), 'by email, not the other site\'s later post');
      assert.equal(await lastPost({ site: otherSiteId, ip: 'ip-none', email: 'asha@example.com', since: ago(60) }), ago(1), 'the other site');
      assert.equal(await lastPost({ ip: 'ip-anon', email: 'asha@example.com', since: ago(60) }), ago(10), 'the later of the two');
      assert.equal(await lastPost({ ip: 'ip-office', email: null, since: ago(600) }), ago(301), 'the newest of a long history');
      assert.equal(await lastPost({ ip: 'ip-asha', email: 'asha@example.com', since: ago(20) }), null, 'nothing in the window');
      assert.equal(await lastPost({ ip: 'ip-asha', email: 'asha@example.com', since: null }), null, 'no flood interval');
    });
  });
}
