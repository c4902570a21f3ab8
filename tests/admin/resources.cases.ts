// Bans, sites, moderators, the audit log, privacy requests and live queue events.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { articles, auditLog, bans, comments, moderators } from '../../server/db/schema.js';
import type { ParleyEvent } from '../../server/events/bus.js';
import type { Site } from '../../server/sites/store.js';
import { createTestApp, jsonRequest } from '../helpers/app.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { createAdminTest, nextIp, type AdminTest, type Session } from './helpers.js';

const DAY = 86_400_000;

/** Reads an event stream until `done(text)` holds; fails after `ms` instead of hanging. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (text: string) => boolean, ms = 20_000): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stream did not deliver in ${ms} ms; got ${JSON.stringify(text)}`)), ms);
  });
  try {
    while (!done(text)) {
      const chunk = await Promise.race([reader.read(), timeout]);
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    return text;
  } finally {
    clearTimeout(timer);
  }
}

function queueEvents(text: string): { commentId: number; site: string; status: string; previous: string | null }[] {
  return [...text.matchAll(/event: queue\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!));
}

/** Resolves on the next bus event matching `match` (delivered through LISTEN/NOTIFY). */
function nextEvent(subscribe: (fn: (e: ParleyEvent) => void) => () => void, match: (e: ParleyEvent) => boolean): Promise<ParleyEvent> {
  return new Promise((resolve) => {
    const off = subscribe((e) => {
      if (match(e)) {
        off();
        resolve(e);
      }
    });
  });
}

/** Defines the suite for one driver; resources.pglite.test.ts and resources.postgres.test.ts run it. */
export function defineResourceTests(driver: Driver): void {
  describe(`admin resources [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: AdminTest;
    let admin: Session;

    before(async () => {
      a = await createAdminTest({ driver });
      admin = await a.session('admin');
    });
    after(async () => a?.close());

    const lastAudit = async (action: string) =>
      (await a.t.deps.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id)).pop();

    describe('bans', () => {
      let site: Site;
      before(async () => {
        site = await a.t.createSite({ settings: { mode: 'pre' } });
      });

      it("bans a comment's author by email and IP hash and rejects their held comments", async () => {
        const first = await a.comment(site, 'ban', { email: 'Troll@Example.com', body: 'first' });
        const second = await a.comment(site, 'ban', { email: 'troll@example.com', body: 'second' });
        const bystander = await a.comment(site, 'ban', { email: 'nice@example.com', body: 'nice' });
        const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, first));
        const res = await a.call(admin, 'POST', '/admin/bans', { site: site.slug, commentId: first, by: ['email', 'ip'], reason: 'trolling', rejectPending: true });
        assert.equal(res.status, 201);
        const json = await res.json();
        assert.equal(json.rejected, 2);
        assert.deepEqual(
          json.bans.map((b: { kind: string; value: string; site: string; reason: string; expiresAt: null }) => [b.kind, b.value, b.site, b.reason, b.expiresAt]),
          [
            ['email', 'troll@example.com', site.slug, 'trolling', null],
            ['ip', row!.ipHash!.slice(0, 12), site.slug, 'trolling', null],
          ],
        );
        const stored = await a.t.deps.db.select().from(bans).where(eq(bans.siteId, site.id)).orderBy(bans.id);
        assert.deepEqual(stored.map((b) => [b.kind, b.value, b.createdBy]), [
          ['email', 'troll@example.com', admin.id],
          ['ip', row!.ipHash, admin.id],
        ]);
        const statuses = await a.t.deps.db.select({ id: comments.id, status: comments.status }).from(comments).where(eq(comments.siteId, site.id)).orderBy(comments.id);
        assert.deepEqual(statuses.map((s) => s.status), ['rejected', 'rejected', 'pending']);
        assert.equal(statuses[2]!.id, bystander);
        const audits = await a.t.deps.db.select().from(auditLog).where(and(eq(auditLog.siteId, site.id), eq(auditLog.action, 'ban')));
        assert.equal(audits.length, 2);
        const rejects = await a.t.deps.db.select().from(auditLog).where(and(eq(auditLog.commentId, second), eq(auditLog.action, 'reject')));
        assert.equal(rejects[0]?.reasons[0]?.code, 'banned');
      });

      it('bans by email, domain and shown IP prefix, with an expiry after which the ban is no longer listed', async () => {
        const id = await a.comment(site, 'ban2', { email: 'someone@example.com' });
        const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, id));
        const expiresAt = new Date(a.clock.now().getTime() + 7 * DAY).toISOString();
        const res = await a.call(admin, 'POST', '/admin/bans', {
          site: site.slug,
          email: ' Spammer@Example.COM ',
          domain: '@Spam.Example',
          ipHash: row!.ipHash!.slice(0, 12),
          expiresAt,
        });
        assert.equal(res.status, 201);
        const stored = await a.t.deps.db.select().from(bans).where(eq(bans.expiresAt, new Date(expiresAt)));
        assert.deepEqual(stored.map((b) => [b.kind, b.value]).sort(), [
          ['domain', 'spam.example'],
          ['email', 'spammer@example.com'],
          ['ip', row!.ipHash],
        ]);
        const listed = async () => (await (await a.call(admin, 'GET', `/admin/bans?site=${site.slug}`)).json()).bans.map((b: { value: string }) => b.value);
        assert.ok((await listed()).includes('spam.example'));
        a.clock.advance(8 * DAY);
        admin = await a.session('admin'); // the old session idled out over those days
        assert.ok(!(await listed()).includes('spam.example'), 'an expired ban is not listed');
        assert.ok((await listed()).includes('troll@example.com'), 'a ban without expiry stays');
      });

      it('bans again what a ban in force covers by changing that ban, undoably, and a domain ban reaches its subdomains', async () => {
        const email = `again-${Date.now()}@example.com`;
        const first = await a.call(admin, 'POST', '/admin/bans', { site: site.slug, email, message: 'Seven days off.', expiresAt: new Date(a.clock.now().getTime() + 7 * DAY).toISOString() });
        assert.equal(first.status, 201);
        const second = await a.call(admin, 'POST', '/admin/bans', { site: site.slug, email, message: 'For good now.' });
        assert.equal(second.status, 201);
        const rows = await a.t.deps.db.select().from(bans).where(and(eq(bans.siteId, site.id), eq(bans.value, email)));
        assert.equal(rows.length, 1, 'one ban, changed');
        assert.deepEqual([rows[0]!.message, rows[0]!.expiresAt], ['For good now.', null]);
        // Undo puts the seven days back; lifting it then leaves the author free.
        const { undo } = (await second.json()) as { undo: string };
        assert.equal((await a.call(admin, 'POST', '/admin/undo', { batch: undo })).status, 200);
        const [back] = await a.t.deps.db.select().from(bans).where(eq(bans.id, rows[0]!.id));
        assert.equal(back!.message, 'Seven days off.');
        assert.ok(back!.expiresAt !== null);

        assert.equal((await a.call(admin, 'POST', '/admin/bans', { site: site.slug, domain: 'bulk-spam.example' })).status, 201);
        const post = (from: string) =>
          a.app.request(`/api/v1/sites/${site.slug}/articles/domains/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
            body: JSON.stringify({ name: 'Sender', email: from, body: `From ${from}` }),
          });
        for (const from of ['x@bulk-spam.example', 'x@mail.bulk-spam.example', 'x@a.b.bulk-spam.example']) assert.equal((await post(from)).status, 403, from);
        for (const from of ['x@notbulk-spam.example', 'x@bulk-spam.example.org']) assert.notEqual((await post(from)).status, 403, from);
      });

      it('refuses bans with nothing to ban, a past expiry, a bad email or an unknown IP prefix', async () => {
        const cases = [
          [{ site: site.slug }, '(body)'],
          [{ site: site.slug, email: 'x@example.com', expiresAt: '2000-01-01T00:00:00Z' }, 'expiresAt'],
          [{ site: site.slug, email: 'not an email' }, 'email'],
          [{ site: site.slug, ipHash: 'zzzzzzzzzzzz' }, 'ipHash'],
          [{ site: site.slug, domain: 'no_domain' }, 'domain'],
        ] as const;
        for (const [body, field] of cases) {
          const res = await a.call(admin, 'POST', '/admin/bans', body);
          assert.equal(res.status, 422, JSON.stringify(body));
          assert.equal((await res.json()).error.fields[0].field, field);
        }
        const other = await a.t.createSite();
        const foreign = await a.comment(other, 'elsewhere');
        const res = await a.call(admin, 'POST', '/admin/bans', { site: site.slug, commentId: foreign });
        assert.equal(res.status, 404, 'a comment of another site cannot be used');
      });

      it('lifts a ban (audited); lifting it again is 404', async () => {
        const created = await (await a.call(admin, 'POST', '/admin/bans', { site: site.slug, email: 'lift@example.com' })).json();
        const id = created.bans[0].id;
        assert.equal((await a.call(admin, 'DELETE', `/admin/bans/${id}`)).status, 200);
        assert.equal((await a.t.deps.db.select().from(bans).where(eq(bans.id, id))).length, 0);
        const audit = await lastAudit('unban');
        assert.equal(audit?.siteId, site.id);
        assert.equal(audit?.actorId, admin.id);
        assert.equal((await a.call(admin, 'DELETE', `/admin/bans/${id}`)).status, 404);
      });
    });

    describe('sites', () => {
      it('creates a site with normalized origins and the embed snippet (audited)', async () => {
        const res = await a.call(admin, 'POST', '/admin/sites', {
          slug: 'daily-news',
          name: 'Daily News',
          allowedOrigins: ['https://Daily.Example/', 'https://*.daily.example', 'http://localhost:8080'],
          locale: 'hi',
          settings: { mode: 'pre', holdWords: ['scam'] },
        });
        assert.equal(res.status, 201);
        const { site } = await res.json();
        assert.deepEqual(site.allowedOrigins, ['https://daily.example', 'https://*.daily.example', 'http://localhost:8080']);
        assert.equal(site.locale, 'hi');
        assert.equal(site.settings.mode, 'pre');
        assert.deepEqual(site.settings.holdWords, ['scam']);
        assert.equal(site.settings.maxDepth, 5, 'defaults are filled in');
        assert.equal(
          site.embedSnippet,
          `<script type="module" src="${a.t.config.publicUrl}/embed.js"></script>\n<parley-comments site="daily-news"></parley-comments>`,
        );
        assert.equal((await lastAudit('site.create'))?.actorId, admin.id);
        const again = await a.call(admin, 'POST', '/admin/sites', { slug: 'daily-news', name: 'Again', allowedOrigins: [], locale: 'en' });
        assert.equal(again.status, 409);
        assert.equal((await again.json()).error.code, 'CONFLICT');
      });

      it('refuses bad slugs, origins, locales and unknown settings with named fields', async () => {
        const base = { slug: 'ok-slug', name: 'X', allowedOrigins: [], locale: 'en' };
        const cases = [
          [{ ...base, slug: 'Bad Slug' }, 'slug'],
          [{ ...base, allowedOrigins: ['https://ok.example', 'https://news.example/path'] }, 'allowedOrigins.1'],
          [{ ...base, allowedOrigins: ['ftp://files.example'] }, 'allowedOrigins.0'],
          [{ ...base, allowedOrigins: ['https://*'] }, 'allowedOrigins.0'],
          [{ ...base, allowedOrigins: ['javascript:alert(1)'] }, 'allowedOrigins.0'],
          [{ ...base, locale: 'fr' }, 'locale'],
          [{ ...base, settings: { modee: 'pre' } }, 'settings'],
          [{ ...base, settings: { maxDepth: 99 } }, 'settings.maxDepth'],
          [{ ...base, settings: { toxicityHold: 0.9, toxicityReject: 0.5 } }, 'settings.toxicityReject'],
        ] as const;
        for (const [body, field] of cases) {
          const res = await a.call(admin, 'POST', '/admin/sites', body);
          assert.equal(res.status, 422, JSON.stringify(body));
          const fields = (await res.json()).error.fields.map((f: { field: string }) => f.field);
          assert.ok(fields.includes(field), `${JSON.stringify(body)} → ${fields}`);
        }
      });

      it('patches a site: settings merge, the next public /config shows the change, the edit is audited', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post', maxBodyChars: 500 } });
        const config = async () => (await (await a.app.request(`/api/v1/sites/${site.slug}/config`)).json()).site;
        assert.equal((await config()).maxBodyChars, 500); // now cached
        const res = await a.call(admin, 'PATCH', `/admin/sites/${site.slug}`, { name: 'Renamed', settings: { requireEmail: false } });
        assert.equal(res.status, 200);
        const { site: out } = await res.json();
        assert.equal(out.settings.maxBodyChars, 500, 'earlier settings are kept');
        assert.equal(out.settings.requireEmail, false);
        assert.equal(out.settings.mode, 'post');
        const shown = await config();
        assert.equal(shown.name, 'Renamed');
        assert.equal(shown.requireEmail, false);
        const audit = await lastAudit('site.update');
        assert.equal(audit?.siteId, site.id);
        assert.match(audit?.note ?? '', /name.*settings\.requireEmail/);
        const bad = await a.call(admin, 'PATCH', `/admin/sites/${site.slug}`, { settings: { toxicityReject: 0.1 } });
        assert.equal(bad.status, 422);
        assert.equal((await a.call(admin, 'PATCH', '/admin/sites/no-such-site', { name: 'x' })).status, 404);
      });

      it("invalidates another process's cached site through NOTIFY", async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const other = await createTestApp({ driver, database: a.t.database });
        try {
          const config = async (slug: string) => other.app.request(`/api/v1/sites/${slug}/config`);
          assert.equal((await (await config(site.slug)).json()).site.name, 'Test Site');
          assert.equal((await config('arrives-later')).status, 404); // a cached miss
          let seen = nextEvent(other.deps.bus.subscribe, (e) => e.type === 'site' && e.slug === site.slug);
          assert.equal((await a.call(admin, 'PATCH', `/admin/sites/${site.slug}`, { name: 'Seen everywhere' })).status, 200);
          await seen;
          assert.equal((await (await config(site.slug)).json()).site.name, 'Seen everywhere');
          seen = nextEvent(other.deps.bus.subscribe, (e) => e.type === 'site' && e.slug === 'arrives-later');
          const created = await a.call(admin, 'POST', '/admin/sites', { slug: 'arrives-later', name: 'Later', allowedOrigins: [], locale: 'en' });
          assert.equal(created.status, 201);
          await seen;
          assert.equal((await config('arrives-later')).status, 200);
        } finally {
          await other.close();
        }
      });

      it('shows moderators only their own sites', async () => {
        const mine = await a.t.createSite();
        await a.t.createSite();
        const who = await a.session('moderator', [mine]);
        const { sites } = await (await a.call(who, 'GET', '/admin/sites')).json();
        assert.deepEqual(sites.map((s: { slug: string }) => s.slug), [mine.slug]);
        const meSites = (await (await a.call(who, 'GET', '/admin/me')).json()).sites;
        assert.deepEqual(meSites, [{ slug: mine.slug, name: mine.name }]);
      });
    });

    describe('moderators', () => {
      it('creates, lists, reassigns and promotes accounts; the change applies to live sessions', async () => {
        const s1 = await a.t.createSite({ settings: { mode: 'pre' } });
        const s2 = await a.t.createSite({ settings: { mode: 'pre' } });
        const res = await a.call(admin, 'POST', '/admin/moderators', {
          email: 'New.Mod@Example.com',
          name: 'New Mod',
          password: 'a long password',
          role: 'moderator',
          sites: [s1.slug],
        });
        assert.equal(res.status, 201);
        const { moderator } = await res.json();
        assert.deepEqual(
          { email: moderator.email, role: moderator.role, sites: moderator.sites, disabled: moderator.disabled },
          { email: 'new.mod@example.com', role: 'moderator', sites: [s1.slug], disabled: false },
        );
        const audit = await lastAudit('moderator.create');
        assert.ok(audit?.note?.includes('new.mod@example.com'));
        assert.ok(!audit?.note?.includes('a long password'));
        const list = await (await a.call(admin, 'GET', '/admin/moderators')).json();
        const text = JSON.stringify(list);
        assert.ok(text.includes('new.mod@example.com'));
        assert.ok(!/argon2|passwordHash|password/.test(text), 'no hashes in the listing');

        const login = await a.login('new.mod@example.com', 'a long password');
        const who = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: (await login.json()).csrfToken, id: moderator.id, email: moderator.email };
        const c2 = await a.comment(s2, 'reassign');
        assert.equal((await a.call(who, 'GET', `/admin/comments/${c2}`)).status, 404);
        const patched = await a.call(admin, 'PATCH', `/admin/moderators/${moderator.id}`, { sites: [s2.slug] });
        assert.deepEqual((await patched.json()).moderator.sites, [s2.slug]);
        assert.equal((await a.call(who, 'GET', `/admin/comments/${c2}`)).status, 200, 'the new assignment applies at once');
        assert.match((await lastAudit('moderator.update'))?.note ?? '', new RegExp(`sites=${s2.slug}`));
      });

      it('refuses a taken email (409), a short password, unknown sites (422)', async () => {
        const body = { email: 'dupe@example.com', name: 'D', password: 'long enough', role: 'moderator', sites: [] };
        assert.equal((await a.call(admin, 'POST', '/admin/moderators', body)).status, 201);
        assert.equal((await a.call(admin, 'POST', '/admin/moderators', { ...body, email: 'DUPE@example.com' })).status, 409);
        assert.equal((await a.call(admin, 'POST', '/admin/moderators', { ...body, email: 'short@example.com', password: 'short' })).status, 422);
        const unknown = await a.call(admin, 'POST', '/admin/moderators', { ...body, email: 'nosite@example.com', sites: ['no-such-site'] });
        assert.equal(unknown.status, 422);
        assert.equal((await unknown.json()).error.fields[0].field, 'sites');
        assert.equal((await a.call(admin, 'PATCH', '/admin/moderators/987654321', { name: 'x' })).status, 404);
      });

      it('keeps at least one active admin', async () => {
        const only = await a.session('admin');
        // Make `only` the sole active admin for this case; the others come back afterwards.
        const others = await a.t.deps.db
          .update(moderators)
          .set({ disabledAt: a.clock.now() })
          .where(and(eq(moderators.role, 'admin'), isNull(moderators.disabledAt), ne(moderators.id, only.id)))
          .returning({ id: moderators.id });
        try {
          const disable = await a.call(only, 'PATCH', `/admin/moderators/${only.id}`, { disabled: true });
          assert.equal(disable.status, 409);
          assert.equal((await disable.json()).error.code, 'CONFLICT');
          assert.equal((await a.call(only, 'PATCH', `/admin/moderators/${only.id}`, { role: 'moderator' })).status, 409);
          const second = await a.account('admin');
          assert.equal((await a.call(only, 'PATCH', `/admin/moderators/${second.id}`, { disabled: true })).status, 200);
          assert.equal((await a.call(only, 'PATCH', `/admin/moderators/${only.id}`, { disabled: true })).status, 409);
        } finally {
          if (others.length > 0) {
            await a.t.deps.db.update(moderators).set({ disabledAt: null }).where(inArray(moderators.id, others.map((o) => o.id)));
          }
        }
      });
    });

    describe('audit log', () => {
      it('filters by site, comment, actor and action, pages newest first, and shows moderators only their sites', async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre' } });
        const who = await a.session('moderator', [site]);
        const ids = [await a.comment(site, 'audit'), await a.comment(site, 'audit'), await a.comment(site, 'audit')];
        for (const id of ids) assert.equal((await a.call(who, 'POST', `/admin/comments/${id}/actions`, { action: 'reject', reason: 'off-topic' })).status, 200);
        const get = async (as: Session, q: string) => {
          const res = await a.call(as, 'GET', `/admin/audit?${q}`);
          assert.equal(res.status, 200);
          return res.json();
        };
        const byActor = await get(admin, `actor=${who.id}&action=reject`);
        assert.deepEqual(byActor.entries.map((e: { commentId: number }) => e.commentId), [...ids].reverse());
        const e = byActor.entries[0];
        assert.deepEqual(
          { site: e.site, actor: e.actor, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note },
          { site: site.slug, actor: { type: 'moderator', id: who.id, email: who.email, name: e.actor.name }, action: 'reject', fromStatus: 'pending', toStatus: 'rejected', note: 'off-topic' },
        );
        assert.equal((await get(admin, `actor=${encodeURIComponent(who.email.toUpperCase())}`)).entries.length, 3);
        const one = await get(admin, `commentId=${ids[1]}`);
        assert.deepEqual(one.entries.map((x: { action: string }) => x.action), ['reject', 'create']);
        assert.equal(one.entries[1].actor.type, 'author');
        const page1 = await get(admin, `site=${site.slug}&limit=2`);
        const page2 = await get(admin, `site=${site.slug}&limit=2&cursor=${page1.nextCursor}`);
        const page3 = await get(admin, `site=${site.slug}&limit=2&cursor=${page2.nextCursor}`);
        const all = [...page1.entries, ...page2.entries, ...page3.entries].map((x: { id: number }) => x.id);
        assert.equal(all.length, 6);
        assert.deepEqual(all, [...all].sort((x, y) => y - x));
        assert.equal(page3.nextCursor, null);
        const theirs = await get(who, 'limit=200');
        assert.ok(theirs.entries.length > 0);
        assert.ok(theirs.entries.every((x: { site: string | null }) => x.site === site.slug), 'a moderator sees only their sites');
        assert.ok(!theirs.entries.some((x: { action: string }) => x.action.startsWith('moderator.')));
      });
    });

    describe('privacy', () => {
      it('exports everything stored for an email', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const id = await a.comment(site, 'export', { email: 'export.me@example.com', body: 'my words', article: { title: 'Exported story' } });
        await a.call(admin, 'POST', '/admin/bans', { site: site.slug, email: 'export.me@example.com' });
        const res = await a.call(admin, 'GET', '/admin/privacy/export?email=Export.Me%40example.com');
        assert.equal(res.status, 200);
        const data = await res.json();
        assert.equal(data.email, 'export.me@example.com');
        assert.equal(data.comments.length, 1);
        assert.deepEqual(
          { id: data.comments[0].id, site: data.comments[0].site, body: data.comments[0].body, title: data.comments[0].article.title },
          { id, site: site.slug, body: 'my words', title: 'Exported story' },
        );
        assert.ok(data.comments[0].ipHash);
        assert.deepEqual(data.bans.map((b: { kind: string; value: string }) => [b.kind, b.value]), [['email', 'export.me@example.com']]);
        assert.equal(data.account, null);
      });

      it('erases an author: text and identity gone, replies keep their place, counts drop, audit names no address', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const mine = await a.comment(site, 'erase', { email: 'erase.me@example.com', name: 'Erin', body: 'erase this', website: 'https://erin.example' });
        const reply = await a.comment(site, 'erase', { email: 'other@example.com', body: 'a reply', parentId: mine });
        const res = await a.call(admin, 'POST', '/admin/privacy/erase', { email: 'ERASE.me@example.com' });
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { erased: 1 });
        const [row] = await a.t.deps.db.select().from(comments).where(eq(comments.id, mine));
        assert.deepEqual(
          [row!.status, row!.authorName, row!.authorEmail, row!.authorWebsite, row!.ipHash, row!.userAgent, row!.authorTokenHash, row!.body],
          ['deleted', 'Anonymous', null, null, null, null, null, ''],
        );
        const thread = await (await a.app.request(`/api/v1/sites/${site.slug}/articles/erase/comments`)).json();
        assert.deepEqual(thread.comments.map((c: { id: number; status: string }) => [c.id, c.status]), [[mine, 'removed'], [reply, 'approved']]);
        assert.ok(!JSON.stringify(thread).includes('Erin'));
        const [art] = await a.t.deps.db.select().from(articles).where(and(eq(articles.siteId, site.id), eq(articles.key, 'erase')));
        assert.equal(art!.commentCount, 1);
        const summary = await lastAudit('privacy.erase');
        assert.equal(summary?.note, 'erased 1 comment(s)');
        assert.equal((await a.t.deps.db.select().from(auditLog).where(and(eq(auditLog.commentId, mine), eq(auditLog.action, 'erase')))).length, 1);
        const after = await (await a.call(admin, 'GET', '/admin/privacy/export?email=erase.me%40example.com')).json();
        assert.deepEqual(after.comments, []);
        const restore = await a.call(admin, 'POST', `/admin/comments/${mine}/actions`, { action: 'restore' });
        assert.equal(restore.status, 409, 'an erased comment cannot come back');
      });
    });

    describe('live events', () => {
      it('streams queue events for the caller’s sites only, including writes from another process', async () => {
        const mine = await a.t.createSite({ settings: { mode: 'pre' } });
        const theirs = await a.t.createSite({ settings: { mode: 'pre' } });
        const who = await a.session('moderator', [mine]);
        const res = await a.call(who, 'GET', '/admin/events');
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('cache-control'), 'no-store');
        const reader = res.body!.getReader();
        try {
          await readUntil(reader, (t) => t.includes('event: ready'));
          await a.comment(theirs, 'live', { body: 'not for this moderator' });
          const other = await createTestApp({ driver, database: a.t.database });
          let id: number;
          try {
            const posted = await other.app.request(
              `/api/v1/sites/${mine.slug}/articles/live/comments`,
              jsonRequest('POST', { name: 'Far', email: 'far@example.com', body: 'from another process' }, { 'x-forwarded-for': nextIp() }),
            );
            assert.equal(posted.status, 202);
            id = (await posted.json()).comment.id;
          } finally {
            await other.close();
          }
          const text = await readUntil(reader, (t) => queueEvents(t).length > 0);
          const events = queueEvents(text);
          assert.deepEqual(events[0], { commentId: id, site: mine.slug, status: 'pending', previous: null });
          assert.equal(events.length, 1, 'the other site’s comment was not streamed');
          assert.equal((await a.call(who, 'POST', `/admin/comments/${id}/actions`, { action: 'approve' })).status, 200);
          const more = queueEvents(await readUntil(reader, (t) => queueEvents(t).length > 0));
          assert.deepEqual(more[0], { commentId: id, site: mine.slug, status: 'approved', previous: 'pending' });
        } finally {
          await reader.cancel();
        }
      });

      it('ends the stream when the server shuts down', async () => {
        const b = await createAdminTest({ driver, database: a.t.database });
        const who = await b.session('admin');
        const res = await b.call(who, 'GET', '/admin/events');
        const reader = res.body!.getReader();
        await readUntil(reader, (t) => t.includes('event: ready'));
        await b.close(); // aborts deps.shutdown
        const end = await Promise.race([reader.read(), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
        assert.notEqual(end, 'timeout');
        assert.equal((end as ReadableStreamReadResult<Uint8Array>).done, true);
      });
    });
  });
}
