// Secrets and privacy: raw IPs are never stored (every text column of every table is scanned after
// posting from distinctive addresses), emails reach only moderators of that site, the logs hold no
// secret, and an admin can export and erase everything stored for an email (the thread keeps its shape).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/db/client.js';
import type { Site } from '../../server/sites/store.js';
import { jsonRequest } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';
import { assertNoSecrets } from './helpers/http.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  HAS_ADMIN_API,
  adminHeaders,
  createAccount,
  createFullTestApp,
  loginAdmin,
  type AdminSession,
  type FullTestApp,
} from './helpers/parley.js';

const ORIGIN = 'https://news.example';
// Addresses a scan can find anywhere: nothing else in a test database looks like them.
const IPS = ['203.0.113.177', '198.51.100.233', '2001:db8:dead:beef::17', '192.0.2.241'];
const SPOOFED = '10.66.77.88';
const EMAIL_A = 'asha.private.7731@example.com';
const EMAIL_B = 'ravi.hidden.4402@example.net';
const EMAIL_OTHER_SITE = 'meera.elsewhere.9911@example.org';
const MOD_EMAIL = 'site-b-moderator@example.com';
const MOD_PASSWORD = 'moderator password 456';

/** Every text-like column of every table in the public schema, as "table.column". */
async function textColumns(t: FullTestApp): Promise<{ table: string; column: string }[]> {
  const rows = rowsOf<{ table_name: string; column_name: string }>(
    await t.deps.db.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public'
        and (data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'inet', 'cidr', 'bytea') or data_type = 'ARRAY')
      order by table_name, column_name`),
  );
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

/** Rows (as "table.column: value") where a text-like column contains `needle`. */
async function findAnywhere(t: FullTestApp, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const { table, column } of await textColumns(t)) {
    const rows = rowsOf<{ v: string }>(
      await t.deps.db.execute(sql`select ${sql.identifier(column)}::text as v from ${sql.identifier(table)} where position(${needle} in ${sql.identifier(column)}::text) > 0 limit 3`),
    );
    for (const r of rows) hits.push(`${table}.${column}: ${r.v.slice(0, 120)}`);
  }
  return hits;
}

for (const driver of DRIVERS) {
  describe(`privacy [${driver}]`, { skip: skipFor(driver) }, () => {
    let t: FullTestApp;
    let siteA: Site;
    let siteB: Site;
    let admin: AdminSession | null = null;
    const req = (p: string, init?: RequestInit) => Promise.resolve(t.full.request(p, init));
    const post = (s: Site, article: string, body: Record<string, unknown>, xff: string) =>
      req(`/api/v1/sites/${s.slug}/articles/${article}/comments`, jsonRequest('POST', { name: 'Asha', ...body }, { 'x-forwarded-for': xff, 'user-agent': 'PrivacyTest/1.0' }));
    const ids: Record<string, number> = {};

    before(async () => {
      t = await createFullTestApp({ driver });
      siteA = await t.createSite({ allowedOrigins: [ORIGIN], settings: { mode: 'first-time', floodSeconds: 0, minSubmitSeconds: 0, trustAfterApproved: 1 } });
      siteB = await t.createSite({ allowedOrigins: [ORIGIN], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 } });
      // Site A holds first-timers; approve one of Asha's comments so her next ones publish.
      const first = await post(siteA, 'story', { body: 'First words from Asha.', email: EMAIL_A }, `${SPOOFED}, ${IPS[0]}`);
      assert.equal(first.status, 202);
      ids.first = (await first.json()).comment.id;
      if (HAS_ADMIN_API) {
        await createAccount(t.deps, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin' });
        await createAccount(t.deps, { email: MOD_EMAIL, password: MOD_PASSWORD, role: 'moderator', sites: [siteB.slug] });
        admin = await loginAdmin(req, ADMIN_EMAIL, ADMIN_PASSWORD, { 'x-forwarded-for': IPS[3]! });
      }
      const approve = async (id: number) => {
        if (admin) {
          const approved = await req(`/api/v1/admin/comments/${id}/actions`, { method: 'POST', headers: adminHeaders(admin), body: JSON.stringify({ action: 'approve' }) });
          assert.equal(approved.status, 200, await approved.text());
        } else {
          await t.deps.db.execute(sql`update comments set status = 'approved' where id = ${id}`);
          await t.deps.db.execute(sql`update articles set comment_count = comment_count + 1, version = version + 1`);
          t.deps.threadCache.clear();
        }
      };
      await approve(ids.first);
      const second = await post(siteA, 'story', { body: 'Asha again, now trusted.', email: EMAIL_A, website: 'https://asha.example' }, IPS[1]!);
      assert.equal(second.status, 201, await second.clone().text());
      ids.second = (await second.json()).comment.id;
      const reply = await post(siteA, 'story', { body: 'Ravi replies to Asha.', email: EMAIL_B, parentId: ids.first }, IPS[2]!);
      assert.equal(reply.status, 202, 'a first-timer is held');
      ids.reply = (await reply.json()).comment.id;
      await approve(ids.reply);
      const replyToReply = await post(siteA, 'story', { body: 'Asha answers Ravi.', email: EMAIL_A, parentId: ids.reply }, IPS[0]!);
      assert.equal(replyToReply.status, 201, await replyToReply.clone().text());
      ids.replyToReply = (await replyToReply.json()).comment.id;
      const other = await post(siteB, 'elsewhere', { body: 'Meera on another site.', email: EMAIL_OTHER_SITE }, IPS[3]!);
      assert.equal(other.status, 201);
      ids.other = (await other.json()).comment.id;
      // A report and an edit, so those tables and paths hold data too.
      const token = (await (await post(siteB, 'elsewhere', { body: 'An edit target.', email: EMAIL_OTHER_SITE }, IPS[3]!)).json()).authorToken;
      const rep = await req(`/api/v1/sites/${siteA.slug}/articles/story/comments/${ids.second}/reports`, jsonRequest('POST', { reason: 'other', note: 'just checking' }, { 'x-forwarded-for': IPS[2]! }));
      assert.equal(rep.status, 202);
      assert.ok(token);
      // Failed logins from a distinctive address (throttle keys, sessions).
      if (HAS_ADMIN_API) {
        await req('/api/v1/admin/login', jsonRequest('POST', { email: 'nobody@example.com', password: 'wrong password' }, { 'x-forwarded-for': IPS[1]! }));
      }
    });
    after(async () => t?.close());

    it('stores no raw IP address anywhere (every text column of every table)', async () => {
      const columns = await textColumns(t);
      assert.ok(columns.length >= 10, `${columns.length} text columns scanned`);
      for (const ip of [...IPS, SPOOFED]) assert.deepEqual(await findAnywhere(t, ip), [], `${ip} is stored`);
      // The keyed hash is stored instead, and it is not the bare address.
      const hashes = rowsOf<{ ip_hash: string | null }>(await t.deps.db.execute(sql`select ip_hash from comments where id = ${ids.second}`));
      assert.match(hashes[0]!.ip_hash ?? '', /^[A-Za-z0-9_-]{20,}$/);
    });

    it('keeps raw IPs and secrets out of the logs', () => {
      for (const ip of [...IPS, SPOOFED]) assert.ok(!t.logs.text.includes(ip), `${ip} in the logs`);
      assertNoSecrets('the logs', t.logs.text, [t.config.PARLEY_SECRET!, ADMIN_PASSWORD, MOD_PASSWORD]);
    });

    it('never shows an email in public outputs: thread, counts, config, form token, post answers, live events', async () => {
      const outputs: [string, string][] = [];
      for (const [s, article] of [[siteA, 'story'], [siteB, 'elsewhere']] as const) {
        outputs.push([`thread ${s.slug}`, await (await req(`/api/v1/sites/${s.slug}/articles/${article}/comments`)).text()]);
        outputs.push([`thread newest ${s.slug}`, await (await req(`/api/v1/sites/${s.slug}/articles/${article}/comments?sort=newest&limit=1`)).text()]);
        outputs.push([`counts ${s.slug}`, await (await req(`/api/v1/sites/${s.slug}/counts?article=${article}`)).text()]);
        outputs.push([`config ${s.slug}`, await (await req(`/api/v1/sites/${s.slug}/config`)).text()]);
        outputs.push([`form token ${s.slug}`, await (await req(`/api/v1/sites/${s.slug}/form-token`)).text()]);
      }
      // The author's own view (with the author token) and the answer to a post.
      const mine = await post(siteB, 'mine', { body: 'Mine to see.', email: EMAIL_OTHER_SITE }, '192.0.2.7');
      const mineText = await mine.text();
      outputs.push(['post answer', mineText]);
      outputs.push(['own thread', await (await req(`/api/v1/sites/${siteB.slug}/articles/mine/comments`, { headers: { 'x-parley-author-token': JSON.parse(mineText).authorToken } })).text()]);
      // The live stream: open it, post, read until the comment event.
      const stream = await req(`/api/v1/sites/${siteB.slug}/articles/live/events`);
      const reader = stream.body!.getReader();
      await post(siteB, 'live', { body: 'Live and private.', email: EMAIL_OTHER_SITE }, '192.0.2.8');
      let sse = '';
      const deadline = Date.now() + 10_000;
      while (!sse.includes('event: comment') && Date.now() < deadline) {
        const chunk = await Promise.race([reader.read(), new Promise<{ value?: Uint8Array }>((r) => setTimeout(() => r({}), 1000))]);
        if (chunk.value) sse += Buffer.from(chunk.value).toString('utf8');
      }
      await reader.cancel();
      assert.match(sse, /event: comment/);
      outputs.push(['live events', sse]);
      for (const [what, text] of outputs) {
        for (const email of [EMAIL_A, EMAIL_B, EMAIL_OTHER_SITE]) {
          assert.ok(!text.includes(email) && !text.includes(email.split('@')[0]!), `${what} shows ${email}`);
        }
        for (const field of ['"authorEmail"', '"email"', '"ipHash"', '"userAgent"', '"authorTokenHash"', '"reasons"', '"scores"']) {
          assert.ok(!text.includes(field), `${what} has ${field}`);
        }
      }
    });

    describe('moderators and the admin API', { skip: HAS_ADMIN_API ? false : 'admin API not in this build' }, () => {
      it('shows emails to a moderator of the site, and none of another site’s', async () => {
        const mod = await loginAdmin(req, MOD_EMAIL, MOD_PASSWORD);
        const own = await req(`/api/v1/admin/comments?queue=approved`, { headers: adminHeaders(mod) });
        assert.equal(own.status, 200);
        const ownText = await own.text();
        assert.ok(ownText.includes(EMAIL_OTHER_SITE), 'the moderator of site B sees its authors’ emails');
        for (const email of [EMAIL_A, EMAIL_B]) assert.ok(!ownText.includes(email), `a site-B moderator sees ${email}`);
        for (const q of ['pending', 'reported', 'spam', 'rejected', 'approved']) {
          const text = await (await req(`/api/v1/admin/comments?queue=${q}`, { headers: adminHeaders(mod) })).text();
          for (const email of [EMAIL_A, EMAIL_B]) assert.ok(!text.includes(email), `queue ${q} shows ${email}`);
        }
        const direct = await req(`/api/v1/admin/comments/${ids.second}`, { headers: adminHeaders(mod) });
        assert.ok(direct.status === 404 || direct.status === 403, `another site's comment: ${direct.status}`);
        assert.ok(!(await direct.text()).includes(EMAIL_A));
        const filtered = await req(`/api/v1/admin/comments?site=${siteA.slug}`, { headers: adminHeaders(mod) });
        assert.ok([403, 404].includes(filtered.status) || !(await filtered.clone().text()).includes(EMAIL_A), `site filter: ${filtered.status}`);
        const search = await (await req(`/api/v1/admin/comments?queue=approved&email=${encodeURIComponent(EMAIL_A)}`, { headers: adminHeaders(mod) })).text();
        assert.ok(!search.includes(EMAIL_A), 'searching by another site’s email finds nothing');
        const exported = await req(`/api/v1/admin/privacy/export?email=${encodeURIComponent(EMAIL_A)}`, { headers: adminHeaders(mod) });
        assert.equal(exported.status, 403, 'exports are for admins');
        const erase = await req('/api/v1/admin/privacy/erase', { method: 'POST', headers: adminHeaders(mod), body: JSON.stringify({ email: EMAIL_A }) });
        assert.equal(erase.status, 403, 'erasure is for admins');
      });

      it('exports everything stored for an email, then erases it and keeps the thread’s shape', async () => {
        const exp = await req(`/api/v1/admin/privacy/export?email=${encodeURIComponent(EMAIL_A.toUpperCase())}`, { headers: adminHeaders(admin!) });
        assert.equal(exp.status, 200);
        assert.match(exp.headers.get('content-disposition') ?? '', /attachment/);
        assert.equal(exp.headers.get('cache-control'), 'no-store');
        const data = await exp.json();
        const exportedIds = data.comments.map((c: { id: number }) => c.id).sort((x: number, y: number) => x - y);
        assert.deepEqual(exportedIds, [ids.first, ids.second, ids.replyToReply].sort((x, y) => x - y));
        assert.ok(data.comments.every((c: { authorEmail: string }) => c.authorEmail === EMAIL_A));
        assert.ok(data.comments.some((c: { body: string }) => c.body === 'Asha again, now trusted.'));
        for (const ip of IPS) assert.ok(!JSON.stringify(data).includes(ip), 'the export holds hashes, not addresses');

        const before = await (await req(`/api/v1/sites/${siteA.slug}/articles/story/comments`)).json();
        const shape = before.comments.map((c: { id: number; parentId: number | null; depth: number }) => [c.id, c.parentId, c.depth]);
        const erased = await req('/api/v1/admin/privacy/erase', { method: 'POST', headers: adminHeaders(admin!), body: JSON.stringify({ email: EMAIL_A }) });
        assert.equal(erased.status, 200);
        assert.equal((await erased.json()).erased, 3);

        // Nothing of Asha is left anywhere in the database; Ravi's reply is untouched.
        for (const needle of [EMAIL_A, 'Asha again, now trusted.', 'First words from Asha.', 'Asha answers Ravi.', 'asha.example', 'PrivacyTest/1.0 Asha']) {
          assert.deepEqual(await findAnywhere(t, needle), [], `"${needle}" survived the erasure`);
        }
        const after = await (await req(`/api/v1/sites/${siteA.slug}/articles/story/comments`)).json();
        const byId = new Map(after.comments.map((c: { id: number }) => [c.id, c]));
        assert.equal((byId.get(ids.reply) as { body: string }).body, 'Ravi replies to Asha.', 'replies keep their text');
        assert.equal((byId.get(ids.reply) as { parentId: number }).parentId, ids.first, 'and their place under the erased comment');
        const placeholder = byId.get(ids.first) as { status: string; body: string; authorName: string } | undefined;
        assert.ok(placeholder, 'the erased parent stays as a placeholder so the thread keeps its shape');
        assert.equal(placeholder.status, 'removed');
        assert.equal(placeholder.body, '');
        assert.ok(!JSON.stringify(after).includes('Asha again'));
        const kept = after.comments.filter((c: { id: number }) => shape.some((s: number[]) => s[0] === c.id)).map((c: { id: number; parentId: number | null; depth: number }) => [c.id, c.parentId, c.depth]);
        // Erased leaves may leave the public thread; what stays keeps its place and order.
        const expected = shape.filter((x: number[]) => kept.some((k: number[]) => k[0] === x[0]));
        assert.deepEqual(kept, expected, 'what stays keeps its parent, depth and order');
        assert.ok(kept.some((k: number[]) => k[0] === ids.first) && kept.some((k: number[]) => k[0] === ids.reply));
        const again = await (await req(`/api/v1/admin/privacy/export?email=${encodeURIComponent(EMAIL_A)}`, { headers: adminHeaders(admin!) })).json();
        assert.deepEqual(again.comments, [], 'a second export finds nothing');
        const audit = await (await req('/api/v1/admin/audit?limit=100', { headers: adminHeaders(admin!) })).text();
        assert.ok(!audit.includes(EMAIL_A), 'the audit log does not keep the erased address');
      });
    });
  });
}
