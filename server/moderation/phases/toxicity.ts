// Scores the text with the configured scorer; holds or rejects by the site's thresholds, nudging first.
import { AppError } from '../../errors.js';
import type { ModerationContext, Phase, Verdict } from '../types.js';
import type { ScoreResult } from '../scorers/scorer.js';

const pct = (n: number) => n.toFixed(2);

/** The highest attribute score and its name. */
export function worstScore(scores: Record<string, number>): { attribute: string; value: number } {
  let attribute = 'TOXICITY';
  let value = scores.TOXICITY ?? 0;
  for (const [name, v] of Object.entries(scores)) if (v > value) [attribute, value] = [name, v];
  return { attribute, value };
}

/** The verdict for a set of scores under the site's thresholds, or undefined when below both. */
export function judgeScores(ctx: Pick<ModerationContext, 'settings'>, scores: Record<string, number>): Verdict | undefined {
  const { attribute, value } = worstScore(scores);
  const label = attribute.toLowerCase().replace(/_/g, ' ');
  const { toxicityHold, toxicityReject } = ctx.settings;
  if (value >= toxicityReject) {
    return { status: 'rejected', reasons: [{ code: 'toxicity', message: `${label} ${pct(value)} at or above ${pct(toxicityReject)}`, attribute, score: value }] };
  }
  if (value >= toxicityHold) {
    return { status: 'pending', reasons: [{ code: 'toxicity', message: `${label} ${pct(value)} at or above ${pct(toxicityHold)}`, attribute, score: value }] };
  }
  return undefined;
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
        return { status: 'pending', reasons: [{ code: 'unscored', message: `scorer unavailable: ${result.reason}`, scorer: result.provider }] };
      }
      return undefined;
    }
    ctx.scoring = { state: 'scored', scores: result.scores, language: result.language };
    const verdict = judgeScores(ctx, result.scores);
    if (verdict?.status === 'pending' && settings.nudge && input.kind === 'create' && !input.acknowledgeNudge) {
      throw new AppError('TOXIC_NUDGE', 'This comment may come across as hurtful. Revise it, or post it anyway for a moderator to review.');
    }
    return verdict;
  },
};
