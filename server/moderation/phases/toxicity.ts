// Scores the text with the configured scorer; holds or rejects by the site's thresholds, nudging first.
import { AppError } from '../../errors.js';
import { makeReason } from '../reasons.js';
import type { ModerationContext, Phase, Verdict } from '../types.js';
import { storedScores } from '../scores.js';
import { TRANSIENT_FAILURES, type Attribute, type ScoreResult } from '../scorers/scorer.js';

// On a tie the more specific attribute names the reason: "threat" tells a moderator more than
// "toxicity" (remote scorers often give TOXICITY the same score as the category behind it).
const SPECIFICITY = ['THREAT', 'IDENTITY_ATTACK', 'INSULT', 'PROFANITY', 'SEVERE_TOXICITY', 'TOXICITY'];
const rank = (name: string) => {
  const i = SPECIFICITY.indexOf(name);
  return i < 0 ? SPECIFICITY.length : i;
};

/** The highest attribute score and its name (the most specific attribute among equal scores). */
export function worstScore(scores: Record<string, number>): { attribute: string; value: number } {
  let attribute = 'TOXICITY';
  let value = scores.TOXICITY ?? 0;
  for (const [name, v] of Object.entries(scores)) {
    if (v > value || (v === value && rank(name) < rank(attribute))) [attribute, value] = [name, v];
  }
  return { attribute, value };
}

type Scored = Extract<ScoreResult, { ok: true }>;

// A reason is stored with every held comment: its evidence stays a few short quotes.
const MAX_EVIDENCE = 5;
const MAX_QUOTE = 120;
const clip = (text: string) => (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text);

/**
 * The verdict for a scorer's answer under the site's thresholds, or undefined when below both. The
 * reason names the worst attribute, the threshold it reached, the scorer that gave that score, and
 * the words that drove it, so a moderator can act on it.
 */
export function judgeScores(
  ctx: Pick<ModerationContext, 'settings'>,
  scores: Record<string, number>,
  source: Pick<Scored, 'provider' | 'evidence' | 'sources'> = { provider: 'unknown' },
): Verdict | undefined {
  const { attribute, value } = worstScore(scores);
  const { toxicityHold, toxicityReject } = ctx.settings;
  const band = value >= toxicityReject ? 'reject' : value >= toxicityHold ? 'hold' : null;
  if (!band) return undefined;
  const reason = makeReason('toxicity', {
    attribute,
    score: value,
    threshold: band === 'reject' ? toxicityReject : toxicityHold,
    band,
    provider: source.sources?.[attribute as Attribute] ?? source.provider,
    ...(source.evidence?.length ? { evidence: source.evidence.slice(0, MAX_EVIDENCE).map((e) => ({ attribute: e.attribute, text: clip(e.text) })) } : {}),
  });
  return { status: band === 'reject' ? 'rejected' : 'pending', reasons: [reason] };
}

export const toxicityPhase: Phase = {
  name: 'toxicity',
  async run(ctx) {
    const { deps, input, settings, site } = ctx;
    if (deps.scorer.name === 'none') return undefined;
    // A scorer that throws (instead of answering ok:false) must not lose the comment either.
    const result = await deps.scorer
      .score({ text: input.body, siteLocale: site.locale })
      .catch((): ScoreResult => ({ ok: false, provider: deps.scorer.name, reason: 'error', detail: 'the scorer failed' }));
    if (!result.ok) {
      ctx.scoring = { state: 'unscored', failure: `${result.reason}`, retry: true };
      if (settings.scorerFailurePolicy === 'hold') {
        return { status: 'pending', reasons: [makeReason('unscored', { scorer: result.provider, failure: result.reason })] };
      }
      return undefined;
    }
    // A combination that lost a member is judged on what answered; a re-score is scheduled only
    // when the missing scorer may come back (a timeout or an outage, not an unsupported language).
    const missing = result.parts?.filter((p) => !p.ok) ?? [];
    ctx.scoring = {
      state: missing.length ? 'partial' : 'scored',
      scores: storedScores(result),
      language: result.language,
      ...(missing.length
        ? { failure: missing.map((p) => `${p.provider}: ${p.ok ? '' : p.reason}`).join('; '), retry: missing.some((p) => !p.ok && TRANSIENT_FAILURES.has(p.reason)) }
        : {}),
    };
    const verdict = judgeScores(ctx, result.scores, result);
    // Another scorer can only raise the scores: a rejection stands without asking the missing one.
    if (verdict?.status === 'rejected') ctx.scoring.retry = false;
    // The author may revise first, across the whole toxic band: the answer says which band, so the
    // widget can say what posting anyway leads to (review, or most likely no publication).
    if (verdict && settings.nudge && input.kind === 'create' && !input.acknowledgeNudge) {
      const reason = verdict.reasons[0]!;
      throw verdict.status === 'rejected'
        ? new AppError('TOXIC_NUDGE', 'This comment is likely to break the site’s rules. Revise it; posted as it is, it will most likely not be published.', {
            details: { nudge: { band: 'reject', attribute: reason.attribute } },
          })
        : new AppError('TOXIC_NUDGE', 'This comment may come across as hurtful. Revise it, or post it anyway for a moderator to review.', {
            details: { nudge: { band: 'hold', attribute: reason.attribute } },
          });
    }
    return verdict;
  },
};
