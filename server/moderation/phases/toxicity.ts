// Scores the text with the configured scorer; holds or rejects by the site's thresholds, nudging first.
import { AppError } from '../../errors.js';
import { makeReason } from '../reasons.js';
import type { ModerationContext, Phase, Verdict } from '../types.js';
import type { ScoreResult } from '../scorers/scorer.js';

/** The highest attribute score and its name. */
export function worstScore(scores: Record<string, number>): { attribute: string; value: number } {
  let attribute = 'TOXICITY';
  let value = scores.TOXICITY ?? 0;
  for (const [name, v] of Object.entries(scores)) if (v > value) [attribute, value] = [name, v];
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
  source: Pick<Scored, 'provider' | 'evidence'> = { provider: 'unknown' },
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
    provider: source.provider,
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
      ctx.scoring = { state: 'unscored', failure: `${result.reason}` };
      if (settings.scorerFailurePolicy === 'hold') {
        return { status: 'pending', reasons: [makeReason('unscored', { scorer: result.provider, failure: result.reason })] };
      }
      return undefined;
    }
    ctx.scoring = { state: 'scored', scores: result.scores, language: result.language };
    const verdict = judgeScores(ctx, result.scores, result);
    if (verdict?.status === 'pending' && settings.nudge && input.kind === 'create' && !input.acknowledgeNudge) {
      throw new AppError('TOXIC_NUDGE', 'This comment may come across as hurtful. Revise it, or post it anyway for a moderator to review.');
    }
    return verdict;
  },
};
