// Each moderation phase as a function of its context, with a fixed clock and no database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../server/errors.js';
import { issueFormToken } from '../../server/comments/form-token.js';
import { createHasher } from '../../server/lib/crypto.js';
import { createLogger } from '../../server/lib/log.js';
import { NO_DESK, type AuthorDesk } from '../../server/comments/store.js';
import { authorHoldPhase } from '../../server/moderation/phases/author.js';
import { bannedPhase } from '../../server/moderation/phases/banned.js';
import { storyPhase } from '../../server/moderation/phases/story.js';
import { suspendedPhase } from '../../server/moderation/phases/suspended.js';
import { closedPhase } from '../../server/moderation/phases/closed.js';
import { duplicatePhase } from '../../server/moderation/phases/duplicate.js';
import { floodPhase } from '../../server/moderation/phases/flood.js';
import { honeypotPhase } from '../../server/moderation/phases/honeypot.js';
import { countLinks, linksPhase } from '../../server/moderation/phases/links.js';
import { policyPhase } from '../../server/moderation/phases/policy.js';
import { timingPhase } from '../../server/moderation/phases/timing.js';
import { toxicityPhase } from '../../server/moderation/phases/toxicity.js';
import { trustPhase } from '../../server/moderation/phases/trust.js';
import { wordsPhase } from '../../server/moderation/phases/words.js';
import { runPipeline } from '../../server/moderation/pipeline.js';
import { combineResults } from '../../server/moderation/scorers/combine.js';
import { CONTENT_PHASES } from '../../server/moderation/phases/index.js';
import type { ModerationContext, Phase } from '../../server/moderation/types.js';
import type { Scorer, ScoreResult } from '../../server/moderation/scorers/scorer.js';
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../../server/sites/settings.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const hasher = createHasher('phase-test-secret-0123456789abcdef0123456789');
const site = { id: 7, slug: 's', name: 'S', allowedOrigins: [], locale: 'en', settings: DEFAULT_SITE_SETTINGS, createdAt: NOW, updatedAt: NOW };

/** A scorer answering fixed results, standing in for the network in phase tests. */
function fixedScorer(result: ScoreResult): Scorer & { calls: number } {
  const s = { name: 'fixed', calls: 0, async score() { s.calls++; return result; } };
  return s;
}

function ctx(over: { settings?: Partial<SiteSettings>; input?: Partial<ModerationContext['input']>; article?: Partial<ModerationContext['article']>; approved?: number; scorer?: Scorer; banned?: boolean; desk?: Partial<AuthorDesk>; lastPostAt?: Date | null; duplicate?: boolean; proven?: boolean } = {}): ModerationContext {
  const settings = { ...DEFAULT_SITE_SETTINGS, ...over.settings };
  return {
    site: { ...site, settings },
    settings,
    article: { id: 1, key: 'a', closed: false, createdAt: new Date(NOW.getTime() - 86_400_000), ...over.article },
    input: { kind: 'create', body: 'A thoughtful comment.', name: 'Asha', email: 'asha@example.com', website: null, ipHash: 'iphash', ...over.input },
    now: NOW,
    deps: { database: undefined as never, scorer: over.scorer ?? fixedScorer({ ok: true, provider: 'fixed', scores: { TOXICITY: 0.05 }, language: 'en' }), hasher, logger: createLogger('silent') },
    scoring: { state: 'skipped' },
    facts: {
      approvedCount: async () => over.approved ?? 0,
      banned: async () => over.banned ?? false,
      ban: async () => (over.banned ? { message: null, until: null } : null),
      desk: async () => ({ ...NO_DESK, ...over.desk }),
      lastPostAt: async () => over.lastPostAt ?? null,
      duplicate: async () => over.duplicate ?? false,
      emailConfirmed: async () => false,
      emailProven: async () => over.proven ?? true,
    },
  };
}

const run = async (phase: Phase, c: ModerationContext) => phase.run(c);

describe('closed', () => {
  it('refuses a closed article and one past close-after-days; passes a fresh one', async () => {
    await assert.rejects(run(closedPhase, ctx({ article: { closed: true } })), (e: AppError) => e.code === 'COMMENTS_CLOSED');
    await assert.rejects(
      run(closedPhase, ctx({ settings: { closeAfterDays: 1 }, article: { createdAt: new Date(NOW.getTime() - 2 * 86_400_000) } })),
      (e: AppError) => e.code === 'COMMENTS_CLOSED',
    );
    assert.equal(await run(closedPhase, ctx({ settings: { closeAfterDays: 3 } })), undefined);
    assert.equal(await run(closedPhase, ctx({ article: { id: null, createdAt: null } })), undefined);
  });
});

describe('refusals from the author facts', () => {
  it('refuses a banned author, but never a moderator', async () => {
    await assert.rejects(run(bannedPhase, ctx({ banned: true })), (e: AppError) => e.code === 'AUTHOR_BANNED' && e.status === 403);
    assert.equal(await run(bannedPhase, ctx({ banned: true, input: { moderatorId: 3 } })), undefined);
    assert.equal(await run(bannedPhase, ctx({ banned: false })), undefined);
  });
  it('refuses a post within the flood interval, saying how long to wait', async () => {
    const last = new Date(NOW.getTime() - 4_000);
    await assert.rejects(
      run(floodPhase, ctx({ lastPostAt: last })),
      (e: AppError) => e.code === 'RATE_LIMITED' && e.retryAfter === 11 && /Wait 11 seconds/.test(e.message),
    );
    assert.equal(await run(floodPhase, ctx({ lastPostAt: null })), undefined);
    assert.equal(await run(floodPhase, ctx({ lastPostAt: last, settings: { floodSeconds: 0 } })), undefined);
    assert.equal(await run(floodPhase, ctx({ lastPostAt: last, input: { kind: 'edit' } })), undefined);
    assert.equal(await run(floodPhase, ctx({ lastPostAt: last, input: { moderatorId: 3 } })), undefined);
  });
  it('refuses the same text twice in an existing article, not an edit or a first comment', async () => {
    await assert.rejects(run(duplicatePhase, ctx({ duplicate: true })), (e: AppError) => e.code === 'DUPLICATE_COMMENT' && e.status === 409);
    assert.equal(await run(duplicatePhase, ctx({ duplicate: true, input: { kind: 'edit' } })), undefined);
    assert.equal(await run(duplicatePhase, ctx({ duplicate: true, article: { id: null } })), undefined);
    assert.equal(await run(duplicatePhase, ctx({ duplicate: true, settings: { duplicateWindowHours: 0 } })), undefined);
    assert.equal(await run(duplicatePhase, ctx({ duplicate: false })), undefined);
  });
});

describe('spam signals', () => {
  it('marks a filled honeypot as spam', async () => {
    assert.equal((await run(honeypotPhase, ctx({ input: { honeypot: 'http://buy.example' } })))?.status, 'spam');
    assert.equal(await run(honeypotPhase, ctx({ input: { honeypot: '' } })), undefined);
  });

  it('marks forms sent too fast, unsigned or forged as spam, and passes a patient reader', async () => {
    const token = (secondsAgo: number) => issueFormToken({ hasher, now: () => new Date(NOW.getTime() - secondsAgo * 1000) }, site);
    const fast = await run(timingPhase, ctx({ input: { formToken: token(0.5) } }));
    assert.equal(fast?.status, 'spam');
    assert.equal(fast?.reasons[0]?.code, 'too_fast');
    assert.match(fast!.reasons[0]!.message, /0\.5 s after it was shown, under 2 s/);
    assert.equal((await run(timingPhase, ctx({ input: { formToken: undefined } })))?.reasons[0]?.code, 'form_token');
    const [issued] = token(10).split('.');
    assert.equal((await run(timingPhase, ctx({ input: { formToken: `${issued}.forged` } })))?.status, 'spam');
    const otherSite = issueFormToken({ hasher, now: () => new Date(NOW.getTime() - 10_000) }, { ...site, id: 8 });
    assert.equal((await run(timingPhase, ctx({ input: { formToken: otherSite } })))?.status, 'spam');
    assert.equal(await run(timingPhase, ctx({ input: { formToken: token(3) } })), undefined);
    assert.equal(await run(timingPhase, ctx({ settings: { minSubmitSeconds: 0 } })), undefined);
  });

  it('holds more links than the limit, counting bare domains too', async () => {
    assert.equal(countLinks('see https://a.example/x and www.b.example and cheap-pills.com'), 3);
    const held = await run(linksPhase, ctx({ input: { body: 'https://a.example https://b.example https://c.example' } }));
    assert.equal(held?.status, 'pending');
    assert.equal(held?.reasons[0]?.message, '3 links, more than 2');
    assert.equal(await run(linksPhase, ctx({ input: { body: 'one https://a.example and two https://b.example' } })), undefined);
  });
});

describe('word lists', () => {
  it('marks block words as spam and holds hold words, in any field, in Hindi and English', async () => {
    const settings = { blockWords: ['casino', 'सट्टा'], holdWords: ['lawsuit', 'घोटाला'] };
    assert.equal((await run(wordsPhase, ctx({ settings, input: { body: 'Best CASINO bonus' } })))?.status, 'spam');
    assert.equal((await run(wordsPhase, ctx({ settings, input: { body: 'यहाँ सट्टा खेलें' } })))?.status, 'spam');
    assert.equal((await run(wordsPhase, ctx({ settings, input: { website: 'https://casino.example' } })))?.status, 'spam');
    const held = await run(wordsPhase, ctx({ settings, input: { body: 'यह बड़ा घोटाला है' } }));
    assert.equal(held?.status, 'pending');
    assert.match(held!.reasons[0]!.message, /घोटाला/);
    assert.equal((await run(wordsPhase, ctx({ settings, input: { name: 'Lawsuit Larry' } })))?.status, 'pending');
    assert.equal(await run(wordsPhase, ctx({ settings, input: { body: 'A calm, on-topic remark.' } })), undefined);
  });
  it('sees through zero-width characters and compatibility forms', async () => {
    const settings = { blockWords: ['casino'] };
    assert.equal((await run(wordsPhase, ctx({ settings, input: { body: 'ca\u200Bsino night' } })))?.status, 'spam');
    assert.equal((await run(wordsPhase, ctx({ settings, input: { body: 'ｃａｓｉｎｏ night' } })))?.status, 'spam');
  });
});

describe('toxicity', () => {
  const scored = (v: number, extra: Record<string, number> = {}) => fixedScorer({ ok: true, provider: 'fixed', scores: { TOXICITY: v, ...extra }, language: 'en' });

  it('passes low scores and records them', async () => {
    const c = ctx({ scorer: scored(0.1) });
    assert.equal(await run(toxicityPhase, c), undefined);
    assert.deepEqual(c.scoring, { state: 'scored', scores: { TOXICITY: 0.1, 'fixed:TOXICITY': 0.1 }, language: 'en' });
  });
  it('nudges first, then holds when the reader posts anyway, with the score in the reason', async () => {
    await assert.rejects(run(toxicityPhase, ctx({ scorer: scored(0.91) })), (e: AppError) => e.code === 'TOXIC_NUDGE' && e.status === 422);
    const held = await run(toxicityPhase, ctx({ scorer: scored(0.91), input: { acknowledgeNudge: true } }));
    assert.equal(held?.status, 'pending');
    assert.equal(held?.reasons[0]?.message, 'toxicity 0.91 at or above 0.80 (fixed)');
    const noNudge = await run(toxicityPhase, ctx({ scorer: scored(0.85), settings: { nudge: false } }));
    assert.equal(noNudge?.status, 'pending');
  });
  it('nudges across the whole toxic band, saying which band (what posting anyway leads to)', async () => {
    const nudgeOf = async (c: ModerationContext) => {
      try {
        await run(toxicityPhase, c);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('no nudge');
    };
    const hold = await nudgeOf(ctx({ scorer: scored(0.85, { INSULT: 0.86 }) }));
    assert.deepEqual([hold.code, hold.status, hold.details], ['TOXIC_NUDGE', 422, { nudge: { band: 'hold', attribute: 'INSULT' } }]);
    const reject = await nudgeOf(ctx({ scorer: scored(0.5, { THREAT: 0.97 }) }));
    assert.deepEqual([reject.code, reject.details], ['TOXIC_NUDGE', { nudge: { band: 'reject', attribute: 'THREAT' } }]);
    assert.match(reject.message, /most likely not be published/);
    // Edits, acknowledged posts and sites with the nudge off are judged without asking.
    assert.equal((await run(toxicityPhase, ctx({ scorer: scored(0.97), input: { kind: 'edit' } })))?.status, 'rejected');
    assert.equal((await run(toxicityPhase, ctx({ scorer: scored(0.97), settings: { nudge: false } })))?.status, 'rejected');
  });
  it('rejects at or above the reject threshold, naming the worst attribute', async () => {
    const verdict = await run(toxicityPhase, ctx({ scorer: scored(0.5, { THREAT: 0.97 }), input: { acknowledgeNudge: true } }));
    assert.equal(verdict?.status, 'rejected');
    assert.equal(verdict?.reasons[0]?.message, 'threat 0.97 at or above 0.95 (fixed)');
  });
  it('stores the reason as a code with parameters: attribute, score, threshold, band, provider and the words', async () => {
    const scorer = fixedScorer({
      ok: true,
      provider: 'lexicon',
      scores: { TOXICITY: 0.6, THREAT: 0.9, INSULT: 0.82 },
      language: 'en',
      evidence: [
        { attribute: 'THREAT', text: "I'll break your legs" },
        { attribute: 'INSULT', text: 'clown' },
        { attribute: 'THREAT', text: 'we know where you live' },
        ...Array.from({ length: 6 }, (_, i) => ({ attribute: 'INSULT' as const, text: `${'x'.repeat(200)}${i}` })),
      ],
    });
    const held = await run(toxicityPhase, ctx({ scorer, input: { acknowledgeNudge: true } }));
    const reason = held!.reasons[0]!;
    assert.equal(reason.code, 'toxicity');
    assert.deepEqual(
      { attribute: reason.attribute, score: reason.score, threshold: reason.threshold, band: reason.band, provider: reason.provider },
      { attribute: 'THREAT', score: 0.9, threshold: 0.8, band: 'hold', provider: 'lexicon' },
    );
    const evidence = reason.evidence as { attribute: string; text: string }[];
    assert.equal(evidence.length, 5, 'at most five quotes are kept');
    assert.ok(evidence.every((e) => e.text.length <= 120), 'each quote is clipped');
    assert.equal(reason.message, "threat 0.90 at or above 0.80 (lexicon): “I'll break your legs”, “we know where you live”; insult: “clown”, “" + 'x'.repeat(119) + '…”, “' + 'x'.repeat(119) + '…”');
  });
  it('keeps an unscorable comment: held by default, published under the publish policy, marked unscored', async () => {
    const failing = fixedScorer({ ok: false, provider: 'fixed', reason: 'timeout', detail: 'deadline 800 ms' });
    const c = ctx({ scorer: failing });
    const held = await run(toxicityPhase, c);
    assert.equal(held?.status, 'pending');
    assert.equal(held?.reasons[0]?.message, 'scorer unavailable: timeout');
    assert.equal(c.scoring.state, 'unscored');
    const open = ctx({ scorer: failing, settings: { scorerFailurePolicy: 'publish' } });
    assert.equal(await run(toxicityPhase, open), undefined);
    assert.equal(open.scoring.state, 'unscored');
  });
});

describe('toxicity with combined scorers', () => {
  const lexicon: ScoreResult = { ok: true, provider: 'lexicon', scores: { TOXICITY: 0.3, PROFANITY: 0.86 }, language: 'en', evidence: [{ attribute: 'PROFANITY', text: 'f***' }] };
  const combined = (...parts: ScoreResult[]) => fixedScorer(combineResults(parts.map((p) => p.provider).join('+'), parts));

  it('names the scorer that gave the worst score in the reason, and stores every scorer’s scores', async () => {
    const openai: ScoreResult = { ok: true, provider: 'openai', scores: { TOXICITY: 0.9, THREAT: 0.9 }, language: 'en', raw: { 'harassment/threatening': 0.9 } };
    const c = ctx({ scorer: combined(lexicon, openai), settings: { nudge: false } });
    const verdict = await run(toxicityPhase, c);
    assert.equal(verdict?.status, 'pending');
    const reason = verdict!.reasons[0]!;
    // TOXICITY and THREAT tie at 0.90: the reason names the more specific one.
    assert.deepEqual([reason.attribute, reason.provider], ['THREAT', 'openai']);
    assert.deepEqual(reason.evidence, [{ attribute: 'PROFANITY', text: 'f***' }], 'the lexicon’s words are kept');
    assert.equal(c.scoring.state, 'scored');
    assert.equal(c.scoring.retry, undefined);
    assert.deepEqual(c.scoring.scores, {
      TOXICITY: 0.9, PROFANITY: 0.86, THREAT: 0.9,
      'lexicon:TOXICITY': 0.3, 'lexicon:PROFANITY': 0.86,
      'openai:TOXICITY': 0.9, 'openai:THREAT': 0.9, 'openai:harassment/threatening': 0.9,
    });
  });

  it('judges on what answered when one fails: partial, re-scored later only if the failure may pass', async () => {
    const down: ScoreResult = { ok: false, provider: 'openai', reason: 'timeout', detail: 'no answer within 1500 ms' };
    const c = ctx({ scorer: combined(lexicon, down), settings: { nudge: false, scorerFailurePolicy: 'hold' } });
    const verdict = await run(toxicityPhase, c);
    assert.deepEqual([verdict?.status, verdict?.reasons[0]?.code, verdict?.reasons[0]?.provider], ['pending', 'toxicity', 'lexicon']);
    assert.deepEqual({ state: c.scoring.state, failure: c.scoring.failure, retry: c.scoring.retry }, { state: 'partial', failure: 'openai: timeout', retry: true });
    // Clean by the lexicon, one scorer down: published under either failure policy (it was scored).
    const clean: ScoreResult = { ...lexicon, scores: { TOXICITY: 0.02 }, evidence: [] };
    const published = ctx({ scorer: combined(clean, down), settings: { scorerFailurePolicy: 'hold' } });
    assert.equal(await run(toxicityPhase, published), undefined);
    assert.equal(published.scoring.state, 'partial');
    // A rejection stands whatever the missing scorer would add (scores only rise): not retried.
    const severe = ctx({ scorer: combined({ ...lexicon, scores: { TOXICITY: 0.97 } }, down), settings: { nudge: false } });
    assert.equal((await run(toxicityPhase, severe))?.status, 'rejected');
    assert.deepEqual([severe.scoring.state, severe.scoring.retry], ['partial', false]);
    // A failure that would repeat (the service refused this text) is not retried.
    const refused = ctx({ scorer: combined(clean, { ...down, reason: 'error', detail: 'HTTP 400' }) });
    await run(toxicityPhase, refused);
    assert.deepEqual([refused.scoring.state, refused.scoring.retry], ['partial', false]);
  });

  it('is unscored only when every scorer fails: held by the failure policy, retried', async () => {
    const c = ctx({ scorer: combined({ ok: false, provider: 'openai', reason: 'unavailable', detail: 'HTTP 503' }, { ok: false, provider: 'perspective', reason: 'circuit_open', detail: 'open' }) });
    const held = await run(toxicityPhase, c);
    assert.deepEqual(held?.reasons[0], { code: 'unscored', message: 'scorer unavailable: unavailable', scorer: 'openai+perspective', failure: 'unavailable' });
    assert.deepEqual([c.scoring.state, c.scoring.retry], ['unscored', true]);
  });
});

describe('trust and policy', () => {
  it('holds everything in pre mode, first-timers in first-time mode, nothing in post mode', async () => {
    assert.equal((await run(policyPhase, ctx({ settings: { mode: 'pre' }, approved: 9 })))?.status, 'pending');
    const first = await run(policyPhase, ctx({ settings: { mode: 'first-time' }, approved: 0 }));
    assert.equal(first?.reasons[0]?.message, 'first comment from this email');
    assert.equal(await run(policyPhase, ctx({ settings: { mode: 'first-time' }, approved: 1 })), undefined);
    assert.equal(await run(policyPhase, ctx({ settings: { mode: 'post' } })), undefined);
  });
  it('approves moderators and trusted authors before the policy hold', async () => {
    assert.equal((await run(trustPhase, ctx({ input: { moderatorId: 3 } })))?.reasons[0]?.code, 'moderator');
    assert.equal((await run(trustPhase, ctx({ approved: 5 })))?.status, 'approved');
    assert.equal(await run(trustPhase, ctx({ approved: 4 })), undefined);
    assert.equal(await run(trustPhase, ctx({ approved: 50, settings: { trustAfterApproved: 0 } })), undefined);
    // Issue 12, finding 5: approved history by an email the post does not prove is the writer's.
    assert.equal(await run(trustPhase, ctx({ approved: 50, proven: false })), undefined);
  });
  it('never lets trust skip toxicity: the pipeline order decides', async () => {
    const verdict = await runPipeline(ctx({ approved: 50, settings: { mode: 'pre', nudge: false }, scorer: fixedScorer({ ok: true, provider: 'f', scores: { TOXICITY: 0.9 }, language: 'en' }) }), [
      toxicityPhase,
      trustPhase,
      policyPhase,
    ]);
    assert.equal(verdict.status, 'pending');
    assert.equal(verdict.reasons[0]?.code, 'toxicity');
    const trusted = await runPipeline(ctx({ approved: 50, settings: { mode: 'pre' } }), [toxicityPhase, trustPhase, policyPhase]);
    assert.equal(trusted.status, 'approved');
  });
});

describe("the moderation desk's decisions", () => {
  const later = new Date(NOW.getTime() + 86_400_000);

  it('suspended: refuses until the suspension ends, with its end and message; moderators pass', async () => {
    const c = ctx({ desk: { suspendedUntil: later, suspensionMessage: 'Cool off for a day.' } });
    await assert.rejects(run(suspendedPhase, c), (e: AppError) => {
      assert.equal(e.code, 'AUTHOR_SUSPENDED');
      assert.deepEqual(e.details, { until: later.toISOString(), note: 'Cool off for a day.' });
      return true;
    });
    assert.equal(await run(suspendedPhase, ctx({ desk: { suspendedUntil: new Date(NOW.getTime() - 1000) } })), undefined);
    assert.equal(await run(suspendedPhase, ctx({ desk: { suspendedUntil: later }, input: { moderatorId: 3 } })), undefined);
  });

  it("banned: the ban's message and end travel with the refusal", async () => {
    const c = ctx({ banned: true });
    c.facts.ban = async () => ({ message: 'Spam is not welcome.', until: later });
    await assert.rejects(run(bannedPhase, c), (e: AppError) => e.code === 'AUTHOR_BANNED' && e.details?.note === 'Spam is not welcome.' && e.details?.until === later.toISOString());
  });

  it('author hold: holds with its own reason, before trust could publish', async () => {
    const verdict = await runPipeline(ctx({ settings: { mode: 'post' }, approved: 50, desk: { hold: true } }), CONTENT_PHASES);
    assert.equal(verdict.status, 'pending');
    assert.deepEqual(verdict.reasons.map((r) => r.code), ['author_held']);
    assert.equal(await run(authorHoldPhase, ctx({ desk: { hold: true }, input: { moderatorId: 1 } })), undefined);
  });

  it('story pre-moderation: holds every comment of the story, even a trusted author, never staff', async () => {
    const verdict = await runPipeline(ctx({ settings: { mode: 'post' }, approved: 50, article: { premod: true } }), CONTENT_PHASES);
    assert.deepEqual([verdict.status, verdict.reasons[0]?.code], ['pending', 'story_premoderation']);
    assert.equal(await run(storyPhase, ctx({ article: { premod: true }, input: { moderatorId: 1 } })), undefined);
    assert.equal(await run(storyPhase, ctx({ article: { premod: false } })), undefined);
  });

  it("moderator's trust: publishes past a first-time policy; the content rules still hold", async () => {
    const trusted = await runPipeline(ctx({ settings: { mode: 'pre' }, desk: { trust: true } }), CONTENT_PHASES);
    assert.deepEqual([trusted.status, trusted.reasons[0]?.code], ['approved', 'author_trusted']);
    const linky = await runPipeline(ctx({ settings: { mode: 'pre' }, desk: { trust: true }, input: { body: 'See https://a.com and https://b.com and https://c.com' } }), CONTENT_PHASES);
    assert.equal(linky.status, 'pending');
  });
});
