// The moderation pipeline end to end through the app: refusals across two app instances, the
// Perspective scorer against the offline fake with every fault, re-scoring, and reader reports.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { bans, comments, jobs } from '../../server/db/schema.js';
import { createRescoreWorker } from '../../server/moderation/rescore.js';
import { createPerspectiveScorer } from '../../server/moderation/scorers/perspective.js';
import type { Site } from '../../server/sites/store.js';
import { createTestApp, jsonRequest, type TestApp } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';
import { startFakePerspective, type FakeFault, type FakePerspective } from '../fakes/perspective.js';

const KEY = 'test-key';
let ip = 0;
const nextIp = () => `198.51.100.${(ip++ % 250) + 1}`;

for (const driver of DRIVERS) {
  describe(`moderation pipeline [${driver}]`, { skip: skipFor(driver) }, () => {
    let a: TestApp;
    let b: TestApp; // a second "process" on the same database
    let fake: FakePerspective;
    let clock = new Date('2026-11-25T09:00:00Z');
    const now = () => clock;

    before(async () => {
      fake = await startFakePerspective({ validKeys: [KEY] });
      a = await createTestApp({ driver, now });
      b = await createTestApp({ driver, now, database: a.database });
    });
    after(async () => {
      await b?.close();
      await a?.close();
      await fake?.close();
    });

    const usePerspective = (timeoutMs = 1500) => {
      const scorer = createPerspectiveScorer({ apiKey: KEY, baseUrl: fake.origin, attributes: ['TOXICITY', 'INSULT'], timeoutMs, qps: 1000, logger: a.deps.logger, retries: 1 });
      a.deps.scorer = scorer;
      b.deps.scorer = scorer;
      return scorer;
    };
    const post = (t: TestApp, site: Site, article: string, body: Record<string, unknown>, from = nextIp()) =>
      t.app.request(
        `/api/v1/sites/${site.slug}/articles/${article}/comments`,
        jsonRequest('POST', { name: 'Ravi', email: 'ravi@example.com', ...body }, { 'x-forwarded-for': from }),
      );
    const errorOf = async (res: Response) => ({ status: res.status, ...(await res.json()).error, retryHeader: res.headers.get('retry-after') });
    const rowByBody = async (body: string) => (await a.deps.db.select().from(comments).where(eq(comments.body, body)))[0];

    describe('refusals across two processes', () => {
      it('refuses flooding by IP and by email through either instance, with Retry-After', async () => {
        const site = await a.createSite({ settings: { mode: 'post', floodSeconds: 15 } });
        assert.equal((await post(a, site, 'f', { body: 'first' }, '192.0.2.10')).status, 201);
        const sameIp = await errorOf(await post(b, site, 'f', { body: 'second', email: 'other@example.com' }, '192.0.2.10'));
        assert.deepEqual([sameIp.status, sameIp.code, sameIp.retryHeader], [429, 'RATE_LIMITED', '15']);
        assert.equal(sameIp.retryAfter, 15);
        const sameEmail = await errorOf(await post(b, site, 'f', { body: 'third' }, '192.0.2.11'));
        assert.equal(sameEmail.code, 'RATE_LIMITED');
        clock = new Date(clock.getTime() + 16_000);
        assert.equal((await post(b, site, 'f', { body: 'later' }, '192.0.2.10')).status, 201);
      });

      it('lets only one of two simultaneous posts from one reader through', async () => {
        const site = await a.createSite({ settings: { mode: 'post', floodSeconds: 15 } });
        const results = await Promise.all([
          post(a, site, 'race', { body: 'race one' }, '192.0.2.20'),
          post(b, site, 'race', { body: 'race two' }, '192.0.2.20'),
        ]);
        assert.deepEqual(results.map((r) => r.status).sort(), [201, 429]);
      });

      it('refuses the same text from the same author in the same article (409), across instances', async () => {
        const site = await a.createSite({ settings: { mode: 'post' } });
        assert.equal((await post(a, site, 'dup', { body: 'Same words' })).status, 201);
        const dup = await errorOf(await post(b, site, 'dup', { body: 'Same words' }));
        assert.deepEqual([dup.status, dup.code], [409, 'DUPLICATE_COMMENT']);
        assert.equal((await post(b, site, 'dup-elsewhere', { body: 'Same words' })).status, 201);
        assert.equal((await post(b, site, 'dup', { body: 'Same words', email: 'someone-else@example.com' })).status, 201);
      });

      it('refuses banned emails, email domains and IPs; expired bans no longer count', async () => {
        const site = await a.createSite({ settings: { mode: 'post' } });
        const ipHash = a.deps.hasher.hashIp('192.0.2.66');
        await a.deps.db.insert(bans).values([
          { siteId: site.id, kind: 'email', value: 'troll@example.com' },
          { siteId: site.id, kind: 'domain', value: 'spam.example' },
          { siteId: site.id, kind: 'ip', value: ipHash },
          { siteId: site.id, kind: 'email', value: 'was-banned@example.com', expiresAt: new Date(clock.getTime() - 1000) },
        ]);
        for (const [email, from] of [['troll@example.com', nextIp()], ['x@spam.example', nextIp()], ['fine@example.com', '192.0.2.66']]) {
          const r = await errorOf(await post(a, site, 'ban', { body: `from ${email} ${from}`, email }, from));
          assert.deepEqual([r.status, r.code], [403, 'AUTHOR_BANNED'], email);
        }
        assert.equal((await post(a, site, 'ban', { body: 'parole', email: 'was-banned@example.com' })).status, 201);
      });
    });

    describe('spam signals and word lists through the API', () => {
      it('stores honeypot and instant posts as spam, answering like a held comment', async () => {
        const site = await a.createSite({ settings: { mode: 'post', minSubmitSeconds: 2 } });
        const tokenRes = await (await a.app.request(`/api/v1/sites/${site.slug}/form-token`)).json();
        const instant = await post(a, site, 'bots', { body: 'instant', formToken: tokenRes.token });
        assert.equal(instant.status, 202);
        assert.equal((await instant.json()).comment.status, 'pending');
        assert.equal((await rowByBody('instant'))!.status, 'spam');
        const trap = await post(a, site, 'bots', { body: 'honey', hp: 'filled', formToken: tokenRes.token });
        assert.equal(trap.status, 202);
        assert.equal((await rowByBody('honey'))!.reasons[0]!.code, 'honeypot');
        clock = new Date(clock.getTime() + 5000);
        const human = await post(a, site, 'bots', { body: 'a patient human', formToken: tokenRes.token });
        assert.equal(human.status, 201);
      });

      it('holds hold words and spams block words in Devanagari', async () => {
        const site = await a.createSite({ settings: { mode: 'post', holdWords: ['घोटाला'], blockWords: ['सट्टा'] } });
        assert.equal((await post(a, site, 'w', { body: 'यह घोटाला है' })).status, 202);
        assert.equal((await rowByBody('यह घोटाला है'))!.reasons[0]!.message, 'hold words: घोटाला');
        assert.equal((await post(a, site, 'w', { body: 'सट्टा खेलो' })).status, 202);
        assert.equal((await rowByBody('सट्टा खेलो'))!.status, 'spam');
      });
    });

    describe('toxicity through Perspective (offline fake)', () => {
      it('nudges a toxic comment without storing it, then holds it when posted anyway', async () => {
        usePerspective();
        const site = await a.createSite({ settings: { mode: 'post' } });
        const text = 'you are such a moron [[score:TOXICITY=0.88,INSULT=0.5]]';
        const nudge = await errorOf(await post(a, site, 'tox', { body: text }));
        assert.deepEqual([nudge.status, nudge.code], [422, 'TOXIC_NUDGE']);
        assert.equal(await rowByBody(text), undefined);
        const anyway = await post(a, site, 'tox', { body: text, acknowledgeNudge: true });
        assert.equal(anyway.status, 202);
        const row = (await rowByBody(text))!;
        assert.equal(row.status, 'pending');
        assert.equal(row.reasons[0]!.message, 'toxicity 0.88 at or above 0.80 (perspective)');
        assert.equal(row.scoreState, 'scored');
        assert.equal(row.scores!.TOXICITY, 0.88);
        // The reject band is nudged too; posted anyway, its author is told it will not be published.
        const severeNudge = await errorOf(await post(a, site, 'tox', { body: 'vile [[score:0.97]]' }));
        assert.deepEqual([severeNudge.status, severeNudge.code, severeNudge.nudge], [422, 'TOXIC_NUDGE', { band: 'reject', attribute: 'INSULT' }]);
        assert.equal(await rowByBody('vile [[score:0.97]]'), undefined);
        const severe = await post(a, site, 'tox', { body: 'vile [[score:0.97]]', acknowledgeNudge: true });
        assert.equal(severe.status, 202);
        assert.equal((await severe.json()).comment.status, 'rejected');
        assert.equal((await rowByBody('vile [[score:0.97]]'))!.status, 'rejected');
        assert.equal((await post(a, site, 'tox', { body: 'a kind word' })).status, 201);
      });

      const faults: [string, FakeFault, string][] = [
        ['slow answer past the deadline', { kind: 'delay', ms: 6000 }, 'timeout'],
        ['hang', { kind: 'hang' }, 'timeout'],
        ['slow body', { kind: 'slowBody', ms: 6000 }, 'timeout'],
        ['429', { kind: 'status', status: 429 }, 'rate_limited'],
        ['500', { kind: 'status', status: 500 }, 'unavailable'],
        ['503', { kind: 'status', status: 503 }, 'unavailable'],
        ['403', { kind: 'status', status: 403 }, 'error'],
        ['HTML 502', { kind: 'html502' }, 'unavailable'],
        ['shut-down 404', { kind: 'shutdown' }, 'unavailable'],
        ['connection reset', { kind: 'reset' }, 'unavailable'],
        ['malformed JSON', { kind: 'malformed' }, 'bad_response'],
        ['empty body', { kind: 'empty' }, 'bad_response'],
      ];
      for (const [label, fault, reason] of faults) {
        it(`keeps the comment when the scorer fails: ${label}`, async () => {
          usePerspective();
          fake.reset();
          fake.setDefault(fault);
          const site = await a.createSite({ settings: { mode: 'post' } });
          const body = `an ordinary remark about ${label}`;
          const res = await post(a, site, 'faulty', { body });
          fake.setDefault(null);
          assert.equal(res.status, 202, label);
          const row = (await rowByBody(body))!;
          assert.equal(row.status, 'pending');
          assert.equal(row.scoreState, 'unscored');
          assert.equal(row.reasons[0]!.code, 'unscored');
          assert.ok(row.reasons[0]!.message.startsWith('scorer unavailable: '), row.reasons[0]!.message);
          assert.equal(row.reasons[0]!.message, `scorer unavailable: ${reason}`);
          const analyze = fake.requests.filter((r) => r.path.endsWith(':analyze'));
          assert.ok(analyze.length >= 1 && analyze.length <= 2, `${label}: ${analyze.length} requests`);
          const [job] = await a.deps.db.select().from(jobs).where(eq(jobs.commentId, row.id));
          assert.ok(job, 'a re-scoring job is queued');
          assert.ok(!a.logs.text.includes(KEY), 'the API key never reaches the logs');
        });
      }

      it('rejects unsupported languages as unscorable, not as toxic', async () => {
        usePerspective();
        fake.reset();
        const site = await a.createSite({ settings: { mode: 'post' } });
        const res = await post(a, site, 'lang', { body: '🙂👍🎉' });
        assert.equal(res.status, 202);
        const row = (await rowByBody('🙂👍🎉'))!;
        assert.equal(row.scoreState, 'unscored');
        assert.equal(row.reasons[0]!.message, 'scorer unavailable: unsupported_language');
        // Tamil is sent as 'ta' (not as English) and Perspective answers that it does not support it.
        assert.equal((await post(a, site, 'lang', { body: 'வணக்கம் நண்பர்களே' })).status, 202);
        const tamil = (await rowByBody('வணக்கம் நண்பர்களே'))!;
        assert.equal(tamil.reasons[0]!.message, 'scorer unavailable: unsupported_language');
        const sent = fake.requests.filter((r) => r.path.endsWith(':analyze')).at(-1)!.body as { languages: string[] };
        assert.deepEqual(sent.languages, ['ta']);
      });

      it('publishes under the publish failure policy and re-scores later; a held comment is published once it passes', async () => {
        usePerspective();
        const site = await a.createSite({ settings: { mode: 'post', scorerFailurePolicy: 'hold' } });
        const open = await a.createSite({ settings: { mode: 'post', scorerFailurePolicy: 'publish' } });
        fake.setDefault({ kind: 'status', status: 503 });
        assert.equal((await post(a, site, 'later', { body: 'held while the scorer is down' })).status, 202);
        assert.equal((await post(a, open, 'later', { body: 'published while the scorer is down' })).status, 201);
        assert.equal((await post(a, open, 'later', { body: 'nasty but unscored [[score:0.99]]' })).status, 201);
        const worker = createRescoreWorker(a.deps);
        const drain = async () => {
          const total = { claimed: 0, scored: 0, failed: 0 };
          for (let pass = 0; pass < 20; pass++) {
            const r = await worker.runOnce();
            if (r.claimed === 0) break;
            total.claimed += r.claimed;
            total.scored += r.scored;
            total.failed += r.failed;
          }
          return total;
        };
        clock = new Date(clock.getTime() + 31_000);
        const stillDown = await drain();
        assert.ok(stillDown.failed >= 3, 'jobs fail while the scorer is down');
        const held = (await rowByBody('held while the scorer is down'))!;
        assert.equal(held.status, 'pending');
        const [job] = await a.deps.db.select().from(jobs).where(eq(jobs.commentId, held.id));
        assert.ok(job!.runAt.getTime() > clock.getTime(), 'backs off');

        fake.setDefault(null);
        a.deps.scorer = usePerspective(); // a fresh breaker: the outage is over
        clock = new Date(clock.getTime() + 3_600_000);
        const recovered = await drain();
        assert.ok(recovered.scored >= 3, JSON.stringify(recovered));
        const published = (await rowByBody('held while the scorer is down'))!;
        assert.equal(published.status, 'approved');
        assert.equal(published.scoreState, 'scored');
        assert.equal((await rowByBody('published while the scorer is down'))!.status, 'approved');
        assert.equal((await rowByBody('nasty but unscored [[score:0.99]]'))!.status, 'rejected');
        const left = await a.deps.db.select().from(jobs).where(and(eq(jobs.kind, 'rescore'), eq(jobs.commentId, published.id)));
        assert.equal(left.length, 0);
        const thread = await (await a.app.request(`/api/v1/sites/${site.slug}/articles/later/comments`)).json();
        assert.equal(thread.comments.length, 1, 'the re-scored comment is in the public thread');
      });
    });

    describe('reader reports', () => {
      it('queues a comment after the threshold, once per reader, and can hide it meanwhile', async () => {
        a.deps.scorer = { name: 'none', score: async () => ({ ok: false, provider: 'none', reason: 'disabled', detail: '' }) };
        const site = await a.createSite({ settings: { mode: 'post', reportThreshold: 2, reportedVisible: false } });
        const c = (await (await post(a, site, 'rep', { body: 'reportable' })).json()).comment;
        const report = (from: string, body: unknown = { reason: 'abusive' }) =>
          a.app.request(`/api/v1/sites/${site.slug}/articles/rep/comments/${c.id}/reports`, jsonRequest('POST', body, { 'x-forwarded-for': from }));
        assert.equal((await report('192.0.2.101')).status, 202);
        const again = await errorOf(await report('192.0.2.101'));
        assert.deepEqual([again.status, again.code], [409, 'ALREADY_REPORTED']);
        assert.equal((await errorOf(await report('192.0.2.103', { reason: 'other' }))).status, 422);
        assert.equal((await report('192.0.2.102', { reason: 'other', note: 'off topic rant' })).status, 202);
        const row = (await rowByBody('reportable'))!;
        assert.equal(row.reportCount, 2);
        assert.ok(row.reportedAt);
        assert.equal(row.status, 'pending', 'hidden while reported');
        assert.ok(row.reasons.some((r) => r.message === 'reported by 2 readers'));
        const thread = await (await a.app.request(`/api/v1/sites/${site.slug}/articles/rep/comments`)).json();
        assert.equal(thread.comments.length, 0);
      });
    });
  });
}
