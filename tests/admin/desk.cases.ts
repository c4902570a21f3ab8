// The moderation desk's API (issue 14): ban defaults and the shared-address check, the author view and
// per-author actions as the widget and the pipeline see them, undo of single and bulk actions, per-story
// lists and switches, a comment in its thread, editors' picks in the public API, and a readable audit log.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { auditLog, comments } from '../../server/db/schema.js';
import type { Site } from '../../server/sites/store.js';
import { jsonRequest } from '../helpers/app.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { createAdminTest, type AdminTest, type Session } from './helpers.js';

const DAY = 86_400_000;

interface Posted {
  id: number;
  status: number;
  token: string;
  body: Record<string, unknown>;
}

/**
 * The desk's bench, shared by both suites: an admin test app with an admin session (opened before
 * the suite, closed after it), and the reader's post and the moderator's calls the cases make.
 */
function useDesk(driver: Driver) {
  let a: AdminTest;
  let admin: Session;
  let n = 0;

  before(async () => {
    a = await createAdminTest({ driver });
    admin = await a.session('admin');
  });
  after(async () => a?.close());

  /** Posts as a reader from `ip`, with `token` when given; answers status and body whatever they are. */
  const post = async (site: Site, article: string, fields: Record<string, unknown> & { ip?: string; token?: string } = {}): Promise<Posted> => {
    const { ip = `203.0.113.${(n++ % 250) + 1}`, token, ...rest } = fields;
    const res = await a.app.request(
      `/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments`,
      jsonRequest('POST', { name: 'Asha', email: 'asha@example.com', body: `comment ${n++} ${Math.random()}`, ...rest }, {
        'x-forwarded-for': ip,
        ...(token ? { 'x-parley-author-token': token } : {}),
      }),
    );
    const body = (await res.json()) as Record<string, unknown> & { comment?: { id: number }; authorToken?: string };
    return { id: body.comment?.id ?? 0, status: res.status, token: body.authorToken ?? '', body };
  };
  const call = async (method: string, path: string, body?: unknown, who: Session = admin) => {
    const res = await a.call(who, method, path, body);
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  const act = (id: number, action: string) => call('POST', `/admin/comments/${id}/actions`, { action });
  const statusOf = async (id: number) => (await a.t.deps.db.select().from(comments).where(eq(comments.id, id)))[0]!;
  const thread = async (site: Site, article: string) =>
    (await (await a.app.request(`/api/v1/sites/${site.slug}/articles/${encodeURIComponent(article)}/comments`)).json()) as {
      article: { closed: boolean };
      comments: Array<{ id: number; featured?: true }>;
    };
  /** A new admin session (after the clock passed the old one's lifetime); `call` uses it from then on. */
  const renewAdmin = async () => (admin = await a.session('admin'));
  return { current: () => ({ a, admin }), renewAdmin, post, call, act, statusOf, thread };
}

/** Bans, undo and the author view; desk.pglite.test.ts and desk.postgres.test.ts run it. */
export function defineDeskTests(driver: Driver): void {
  describe(`the moderation desk [${driver}]`, { skip: skipFor(driver) }, () => {
    const desk = useDesk(driver);
    const { post, call, act, statusOf, thread } = desk;
    let a: AdminTest;
    let admin: Session;
    before(() => ({ a, admin } = desk.current()));

    describe('bans', () => {
      it("bans a comment's email by default, with a message the author gets when they try again", async () => {
        const site = await a.t.createSite();
        const troll = await post(site, 'b1', { email: 'troll@example.com', ip: '198.51.100.10' });
        const neighbour = await post(site, 'b1', { email: 'neighbour@example.com', ip: '198.51.100.10' });
        const expiresAt = new Date(a.clock.now().getTime() + 30 * DAY).toISOString();
        const res = await call('POST', '/admin/bans', { site: site.slug, commentId: troll.id, reason: 'trolling', message: 'Please read our rules.', expiresAt });
        assert.equal(res.status, 201);
        assert.deepEqual(res.json.bans.map((b: { kind: string; value: string }) => [b.kind, b.value]), [['email', 'troll@example.com']]);
        assert.equal(typeof res.json.undo, 'string');
        // The other reader on the same address can still comment; the troll is told the ban's message.
        assert.equal((await post(site, 'b1', { email: 'neighbour@example.com', ip: '198.51.100.10' })).status, 201);
        const refused = await post(site, 'b1', { email: 'troll@example.com', ip: '198.51.100.99' });
        assert.equal(refused.status, 403);
        assert.deepEqual(refused.body.error && { ...(refused.body.error as object), requestId: undefined, message: undefined }, {
          code: 'AUTHOR_BANNED',
          note: 'Please read our rules.',
          until: expiresAt,
          requestId: undefined,
          message: undefined,
        });
        assert.ok(neighbour.id > 0);
      });

      it('says how many other authors used an address, and bans it only when confirmed', async () => {
        const site = await a.t.createSite();
        const ip = '198.51.100.20';
        const spammer = await post(site, 'b2', { email: 'spammer@example.com', ip });
        await post(site, 'b2', { email: 'office1@example.com', ip });
        await post(site, 'b2', { email: 'office2@example.com', ip });
        await post(site, 'b2', { email: 'spammer@example.com', ip });
        const detail = await call('GET', `/admin/comments/${spammer.id}`);
        assert.equal(detail.json.sharedAddress, 2);
        const refused = await call('POST', '/admin/bans', { site: site.slug, commentId: spammer.id, by: ['ip'] });
        assert.equal(refused.status, 409);
        assert.equal(refused.json.error.code, 'SHARED_ADDRESS');
        assert.equal(refused.json.error.others, 2);
        const ok = await call('POST', '/admin/bans', { site: site.slug, commentId: spammer.id, by: ['ip'], confirmShared: true, reason: 'bot farm' });
        assert.equal(ok.status, 201);
        const list = await call('GET', `/admin/bans?site=${site.slug}`);
        const [ban] = list.json.bans;
        assert.deepEqual(
          { kind: ban.kind, addressAuthors: ban.addressAuthors, reason: ban.reason, by: ban.by.email, expiresAt: ban.expiresAt },
          { kind: 'ip', addressAuthors: 3, reason: 'bot farm', by: admin.email, expiresAt: null },
        );
        // An address only its own author used needs no confirmation.
        const alone = await post(site, 'b2', { email: 'alone@example.com', ip: '198.51.100.21' });
        assert.equal((await call('POST', '/admin/bans', { site: site.slug, commentId: alone.id, by: ['ip'] })).status, 201);
      });

      it('lifts a ban, and undoing the lift puts it back', async () => {
        const site = await a.t.createSite();
        const created = await call('POST', '/admin/bans', { site: site.slug, email: 'lift@example.com', message: 'Bye.' });
        const id = created.json.bans[0].id;
        const lifted = await call('DELETE', `/admin/bans/${id}`);
        assert.equal(lifted.status, 200);
        assert.equal((await call('GET', `/admin/bans?site=${site.slug}`)).json.bans.length, 0);
        assert.deepEqual((await call('POST', '/admin/undo', { batch: lifted.json.undo })).json, { restored: 1, skipped: 0 });
        const back = (await call('GET', `/admin/bans?site=${site.slug}`)).json.bans;
        assert.deepEqual(back.map((b: { value: string; message: string }) => [b.value, b.message]), [['lift@example.com', 'Bye.']]);
      });
    });

    describe('undo', () => {
      it('undoes an approval: the exact status and reasons come back, audited as an undo, once', async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre' } });
        const c = await post(site, 'u1');
        const before = await statusOf(c.id);
        const done = await act(c.id, 'approve');
        assert.equal(done.json.comment.status, 'approved');
        const undone = await call('POST', '/admin/undo', { batch: done.json.undo });
        assert.deepEqual(undone.json, { restored: 1, skipped: 0 });
        const after = await statusOf(c.id);
        assert.deepEqual([after.status, after.reasons], [before.status, before.reasons]);
        assert.equal((await thread(site, 'u1')).comments.length, 0, 'gone from the public thread again');
        const entries = await a.t.deps.db.select().from(auditLog).where(eq(auditLog.commentId, c.id)).orderBy(auditLog.id);
        assert.deepEqual(entries.map((e) => [e.action, e.fromStatus, e.toStatus]).slice(-2), [['approve', 'pending', 'approved'], ['undo', 'approved', 'pending']]);
        assert.equal((await call('POST', '/admin/undo', { batch: done.json.undo })).status, 409);
      });

      it('undoes a bulk action, skipping a comment someone changed since', async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre' } });
        const ids = [(await post(site, 'u2')).id, (await post(site, 'u2')).id, (await post(site, 'u2')).id];
        const bulk = await call('POST', '/admin/comments/bulk', { ids, action: 'spam' });
        assert.equal(bulk.json.updated, 3);
        await act(ids[1]!, 'approve');
        const undone = await call('POST', '/admin/undo', { batch: bulk.json.undo });
        assert.deepEqual(undone.json, { restored: 2, skipped: 1 });
        assert.deepEqual(await Promise.all(ids.map(async (id) => (await statusOf(id)).status)), ['pending', 'approved', 'pending']);
      });

      it("undoes a ban with its rejections, and an author's suspension", async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre' } });
        const held = await post(site, 'u3', { email: 'undo.me@example.com' });
        const ban = await call('POST', '/admin/bans', { site: site.slug, commentId: held.id, rejectPending: true });
        assert.equal(ban.json.rejected, 1);
        assert.deepEqual((await call('POST', '/admin/undo', { batch: ban.json.undo })).json, { restored: 2, skipped: 0 });
        assert.equal((await statusOf(held.id)).status, 'pending');
        assert.equal((await call('GET', `/admin/bans?site=${site.slug}`)).json.bans.length, 0);
        const suspended = await call('POST', '/admin/authors/actions', { comment: held.id, action: 'suspend', days: 3, message: 'Take a break.' });
        assert.ok(suspended.json.state.suspendedUntil);
        await call('POST', '/admin/undo', { batch: suspended.json.undo });
        assert.equal((await call('GET', `/admin/authors?comment=${held.id}`)).json.state.suspendedUntil, null);
      });

      it("undoes a correction of a story's title, and skips it once someone corrected it again", async () => {
        const site = await a.t.createSite();
        assert.equal((await post(site, 'u5', { article: { title: 'Wrong title' } })).status, 201);
        const id = (await call('GET', `/admin/articles?site=${site.slug}&q=u5`)).json.articles.find((x: { key: string }) => x.key === 'u5').id as number;
        const titleOf = async () => ((await (await a.app.request(`/api/v1/sites/${site.slug}/articles/u5/comments`)).json()) as { article: { title: string | null } }).article.title;
        const fixed = await call('PATCH', `/admin/articles/${id}`, { title: 'Right title' });
        assert.equal(typeof fixed.json.undo, 'string');
        assert.equal(await titleOf(), 'Right title');
        assert.deepEqual((await call('POST', '/admin/undo', { batch: fixed.json.undo })).json, { restored: 1, skipped: 0 });
        assert.equal(await titleOf(), 'Wrong title', 'the public thread has the old title again (its cached copy moved on)');
        const again = await call('PATCH', `/admin/articles/${id}`, { title: 'Right title' });
        await call('PATCH', `/admin/articles/${id}`, { title: 'A third title' });
        assert.deepEqual((await call('POST', '/admin/undo', { batch: again.json.undo })).json, { restored: 0, skipped: 1 });
        assert.equal(await titleOf(), 'A third title');
        assert.equal((await call('PATCH', `/admin/articles/${id}`, { title: 'A third title' })).json.undo, null, 'no change, nothing to undo');
      });

      it('refuses an unknown batch and a batch of another site (404)', async () => {
        const mine = await a.t.createSite({ settings: { mode: 'pre' } });
        const theirs = await a.t.createSite({ settings: { mode: 'pre' } });
        const who = await a.session('moderator', [mine]);
        const c = await post(theirs, 'u4');
        const done = await act(c.id, 'reject');
        assert.equal((await call('POST', '/admin/undo', { batch: done.json.undo }, who)).status, 404);
        assert.equal((await call('POST', '/admin/undo', { batch: 'no-such-batch' })).status, 404);
      });
    });

    describe('the author view', () => {
      it('lists the author’s comments in every status with counts, first and last seen, bans and decisions', async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre' } });
        const email = 'ravi@example.com';
        const first = await post(site, 'a1', { email, name: 'Ravi' });
        a.clock.advance(60_000);
        const second = await post(site, 'a2', { email, name: 'Ravi K' });
        a.clock.advance(60_000);
        const third = await post(site, 'a2', { email, name: 'Ravi' });
        await post(site, 'a2', { email: 'someone.else@example.com' });
        await act(first.id, 'approve');
        await act(second.id, 'spam');
        await call('POST', '/admin/bans', { site: site.slug, email, reason: 'test' });
        await call('POST', '/admin/authors/actions', { site: site.slug, email, action: 'warn', message: 'Stay on topic.' });
        const view = (await call('GET', `/admin/authors?comment=${third.id}`)).json;
        assert.deepEqual(view.comments.map((c: { id: number; status: string }) => [c.id, c.status]), [
          [third.id, 'pending'],
          [second.id, 'spam'],
          [first.id, 'approved'],
        ]);
        assert.deepEqual(view.author.summary.counts, { approved: 1, pending: 1, rejected: 0, spam: 1, deleted: 0 });
        assert.equal(Date.parse(view.author.summary.lastSeen) - Date.parse(view.author.summary.firstSeen), 120_000);
        assert.deepEqual([...view.author.names].sort(), ['Ravi', 'Ravi K']);
        assert.deepEqual(view.bans.map((b: { kind: string; value: string }) => [b.kind, b.value]), [['email', email]]);
        assert.equal(view.state.warning, 'Stay on topic.');
        assert.deepEqual(view.history.map((h: { action: string }) => h.action), ['author.warn', 'ban']);
        // By email gives the same author.
        assert.equal((await call('GET', `/admin/authors?site=${site.slug}&email=RAVI%40example.com`)).json.comments.length, 3);
      });

      it('always hold: even on a publish-first site the author is held, with the reason', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const c = await post(site, 'a3', { email: 'hold.me@example.com' });
        assert.equal(c.status, 201);
        await call('POST', '/admin/authors/actions', { comment: c.id, action: 'hold' });
        const next = await post(site, 'a3', { email: 'hold.me@example.com' });
        assert.equal(next.status, 202);
        assert.deepEqual((await statusOf(next.id)).reasons.map((r) => r.code), ['author_held']);
      });

      it('trust: published on a pre-moderated site only when the post proves it is them', async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre' } });
        const c = await post(site, 'a4', { email: 'trusted@example.com' });
        await call('POST', '/admin/authors/actions', { comment: c.id, action: 'trust' });
        const own = await post(site, 'a4', { email: 'trusted@example.com', token: c.token });
        assert.equal(own.status, 201);
        assert.deepEqual((await statusOf(own.id)).reasons.map((r) => r.code), ['author_trusted']);
        const impostor = await post(site, 'a4', { email: 'trusted@example.com' });
        assert.equal(impostor.status, 202, 'the same email without their token is not trusted');
      });

      it('suspension: refused with its end and message until it ends; the widget is told on its next visit', async () => {
        const site = await a.t.createSite();
        const c = await post(site, 'a5', { email: 'hothead@example.com' });
        const res = await call('POST', '/admin/authors/actions', { comment: c.id, action: 'suspend', days: 2, message: 'Two days off, please.' });
        const until = res.json.state.suspendedUntil;
        assert.equal(Date.parse(until) - a.clock.now().getTime(), 2 * DAY);
        const refused = await post(site, 'a5', { email: 'hothead@example.com', token: c.token });
        assert.equal(refused.status, 403);
        assert.deepEqual([(refused.body.error as { code: string }).code, (refused.body.error as { note: string }).note, (refused.body.error as { until: string }).until], ['AUTHOR_SUSPENDED', 'Two days off, please.', until]);
        const notices = await a.app.request(`/api/v1/sites/${site.slug}/notices`, { headers: { 'x-parley-author-token': c.token } });
        assert.deepEqual(await notices.json(), { notices: [{ type: 'suspended', until, note: 'Two days off, please.' }] });
        a.clock.advance(2 * DAY + 1000);
        admin = await desk.renewAdmin();
        assert.equal((await post(site, 'a5', { email: 'hothead@example.com', token: c.token })).status, 201);
      });

      it('a warning is shown once, on the next visit, and marked seen', async () => {
        const site = await a.t.createSite();
        const c = await post(site, 'a6', { email: 'warned@example.com' });
        await call('POST', '/admin/authors/actions', { comment: c.id, action: 'warn', message: 'Mind your language.' });
        const get = async (token?: string) =>
          (await (await a.app.request(`/api/v1/sites/${site.slug}/notices`, { headers: token ? { 'x-parley-author-token': token } : {} })).json()) as { notices: unknown[] };
        assert.deepEqual(await get(), { notices: [] }, 'nothing for a reader without a token');
        assert.deepEqual(await get(c.token), { notices: [{ type: 'warning', note: 'Mind your language.' }] });
        assert.deepEqual(await get(c.token), { notices: [] });
        assert.ok((await call('GET', `/admin/authors?comment=${c.id}`)).json.state.warningSeenAt);
      });

      it('refuses a suspension without days and a warning without words (422)', async () => {
        const site = await a.t.createSite();
        const c = await post(site, 'a7');
        assert.equal((await call('POST', '/admin/authors/actions', { comment: c.id, action: 'suspend' })).status, 422);
        assert.equal((await call('POST', '/admin/authors/actions', { comment: c.id, action: 'warn', message: '  ' })).status, 422);
      });
    });

  });
}

/** Per-story work, editors' picks and the audit log; stories.pglite.test.ts and stories.postgres.test.ts run it. */
export function defineStoryTests(driver: Driver): void {
  describe(`the moderation desk, per story [${driver}]`, { skip: skipFor(driver) }, () => {
    const desk = useDesk(driver);
    const { post, call, act, statusOf, thread } = desk;
    let a: AdminTest;
    let admin: Session;
    before(() => ({ a, admin } = desk.current()));

    describe('per story', () => {
      it('lists stories with pending and reported counts, the latest comment first; filters the queue by story', async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre' } });
        await post(site, 'quiet', { article: { title: 'Quiet story', url: 'https://news.example/quiet' } });
        a.clock.advance(1000);
        const hot1 = await post(site, 'hot', { article: { title: 'Hot story', url: 'https://news.example/hot' } });
        await post(site, 'hot');
        await act(hot1.id, 'approve');
        const list = (await call('GET', `/admin/articles?site=${site.slug}`)).json.articles;
        assert.deepEqual(list.map((x: { key: string; pending: number; title: string }) => [x.key, x.pending, x.title]), [
          ['hot', 1, 'Hot story'],
          ['quiet', 1, 'Quiet story'],
        ]);
        const queue = (await call('GET', `/admin/comments?site=${site.slug}&article=hot`)).json.comments;
        assert.equal(queue.length, 1);
        assert.equal(queue[0].articleKey, 'hot');
      });

      it('pre-moderates one story and closes another, each undoable', async () => {
        const site = await a.t.createSite({ settings: { mode: 'post' } });
        const first = await post(site, 'switch');
        const detail = await call('GET', `/admin/comments/${first.id}`);
        const id = detail.json.article.id;
        const premod = await call('PATCH', `/admin/articles/${id}`, { premod: true });
        assert.equal(premod.json.article.premod, true);
        const held = await post(site, 'switch');
        assert.equal(held.status, 202);
        assert.deepEqual((await statusOf(held.id)).reasons.map((r) => r.code), ['story_premoderation']);
        assert.equal((await post(site, 'elsewhere')).status, 201, 'other stories are not affected');
        const closed = await call('PATCH', `/admin/articles/${id}`, { closed: true });
        assert.equal(closed.json.article.closed, true);
        assert.equal((await thread(site, 'switch')).article.closed, true);
        assert.equal((await post(site, 'switch')).status, 403);
        await call('POST', '/admin/undo', { batch: closed.json.undo });
        await call('POST', '/admin/undo', { batch: premod.json.undo });
        assert.equal((await thread(site, 'switch')).article.closed, false);
        assert.equal((await post(site, 'switch')).status, 201);
        const audit = (await call('GET', `/admin/audit?site=${site.slug}&article=%23${id}`)).json.entries.map((e: { action: string }) => e.action);
        assert.deepEqual(audit.filter((x: string) => x !== 'create'), ['undo', 'undo', 'article.close', 'article.premod']);
      });

      it('shows a comment in its thread with its link on the article page', async () => {
        const site = await a.t.createSite();
        const root = await post(site, 'thread', { body: 'the root', article: { url: 'https://news.example/thread', title: 'T' } });
        const older = await post(site, 'thread', { body: 'older sibling', parentId: root.id });
        const me = await post(site, 'thread', { body: 'me', parentId: root.id });
        const newer = await post(site, 'thread', { body: 'newer sibling', parentId: root.id });
        const reply = await post(site, 'thread', { body: 'a reply', parentId: me.id });
        const view = (await call('GET', `/admin/comments/${me.id}/thread`)).json;
        assert.deepEqual(
          [view.ancestors.map((c: { id: number }) => c.id), view.siblingsBefore.map((c: { id: number }) => c.id), view.siblingsAfter.map((c: { id: number }) => c.id), view.replies.map((c: { id: number }) => c.id)],
          [[root.id], [older.id], [newer.id], [reply.id]],
        );
        assert.equal(view.permalink, `https://news.example/thread#parley-comment-${me.id}`);
      });
    });

    describe("editors' picks", () => {
      it('marks a published comment featured in the public thread; undo and unfeature take it back', async () => {
        const site = await a.t.createSite();
        const c = await post(site, 'pick');
        const before = await a.app.request(`/api/v1/sites/${site.slug}/articles/pick/comments`);
        const etag = before.headers.get('etag');
        const done = await act(c.id, 'feature');
        assert.ok(done.json.comment.featuredAt);
        const after = await a.app.request(`/api/v1/sites/${site.slug}/articles/pick/comments`, { headers: etag ? { 'if-none-match': etag } : {} });
        assert.equal(after.status, 200, 'the thread changed, so its ETag did');
        assert.equal(((await after.json()) as { comments: Array<{ featured?: true }> }).comments[0]!.featured, true);
        await call('POST', '/admin/undo', { batch: done.json.undo });
        assert.equal((await thread(site, 'pick')).comments[0]!.featured, undefined);
        await act(c.id, 'feature');
        await act(c.id, 'unfeature');
        assert.equal((await thread(site, 'pick')).comments[0]!.featured, undefined);
        const held = await post(await a.t.createSite({ settings: { mode: 'pre' } }), 'pick');
        assert.equal((await act(held.id, 'feature')).status, 409, 'only a published comment can be a pick');
      });
    });

    describe('the audit log', () => {
      it('keeps only the settings that changed, with old and new values', async () => {
        const site = await a.t.createSite();
        await call('PATCH', `/admin/sites/${site.slug}`, { settings: { linkLimit: 2, toxicityHold: 0.7, mode: 'pre' } });
        const [entry] = (await call('GET', `/admin/audit?site=${site.slug}&action=site.update`)).json.entries;
        assert.deepEqual(entry.changes, [
          { field: 'settings.mode', from: 'post', to: 'pre' },
          { field: 'settings.toxicityHold', from: 0.8, to: 0.7 },
        ]);
      });

      it('says who did what to which comment (author, excerpt, story, link) and filters by action, moderator, story and date', async () => {
        const site = await a.t.createSite({ settings: { mode: 'pre' } });
        const who = await a.session('moderator', [site]);
        const c = await post(site, 'audited', { name: 'Meera', body: 'A fairly long comment about the budget '.repeat(6), article: { url: 'https://news.example/audited', title: 'Budget' } });
        await call('POST', `/admin/comments/${c.id}/actions`, { action: 'reject' }, who);
        const [e] = (await call('GET', `/admin/audit?site=${site.slug}&action=reject&actor=${who.id}`)).json.entries;
        assert.equal(e.comment.authorName, 'Meera');
        assert.ok(e.comment.excerpt.startsWith('A fairly long comment') && e.comment.excerpt.endsWith('…') && e.comment.excerpt.length <= 140);
        assert.deepEqual([e.article.title, e.permalink], ['Budget', `https://news.example/audited#parley-comment-${c.id}`]);
        assert.equal((await call('GET', `/admin/audit?site=${site.slug}&article=audited&action=reject`)).json.entries.length, 1);
        assert.equal((await call('GET', `/admin/audit?site=${site.slug}&article=elsewhere`)).json.entries.length, 0);
        // Entries are stamped by the database's clock, so the window is drawn around the entry itself.
        const tomorrow = new Date(Date.parse(e.createdAt) + DAY).toISOString();
        const yesterday = new Date(Date.parse(e.createdAt) - DAY).toISOString();
        assert.equal((await call('GET', `/admin/audit?site=${site.slug}&action=reject&from=${encodeURIComponent(tomorrow)}`)).json.entries.length, 0);
        assert.equal((await call('GET', `/admin/audit?site=${site.slug}&action=reject&from=${encodeURIComponent(yesterday)}&to=${encodeURIComponent(tomorrow)}`)).json.entries.length, 1);
        const actors = (await call('GET', `/admin/audit/actors?site=${site.slug}`)).json.actors;
        assert.deepEqual(actors.map((x: { id: number }) => x.id), [who.id]);
      });
    });
  });
}
