// Several scorers as one (PARLEY_SCORER=lexicon,openai): all are asked at once, the highest score per
// attribute wins and remembers which scorer gave it, evidence is merged, and one failing scorer loses
// neither the comment nor the others' scores. The result fails only when every member failed.

import { ATTRIBUTES, type Attribute, type ScoreEvidence, type ScoreResult, type Scorer } from './scorer.js';

type Ok = Extract<ScoreResult, { ok: true }>;

/** Merges members' answers (in configured order; the earlier member wins a tie). */
export function combineResults(name: string, results: readonly ScoreResult[]): ScoreResult {
  const answered = results.filter((r): r is Ok => r.ok);
  if (answered.length === 0) {
    const failed = results as Extract<ScoreResult, { ok: false }>[];
    return {
      ok: false,
      provider: name,
      reason: failed[0]?.reason ?? 'error',
      detail: failed.map((f) => `${f.provider}: ${f.reason} (${f.detail})`).join('; '),
    };
  }
  const scores: Partial<Record<Attribute, number>> = {};
  const sources: Partial<Record<Attribute, string>> = {};
  for (const result of answered) {
    for (const attribute of ATTRIBUTES) {
      const value = result.scores[attribute];
      if (value === undefined) continue;
      if (scores[attribute] === undefined || value > scores[attribute]!) {
        scores[attribute] = value;
        sources[attribute] = result.provider;
      }
    }
  }
  // Quotes behind the strongest attributes first; within one attribute, each scorer's own order.
  const evidence: ScoreEvidence[] = answered
    .flatMap((r) => r.evidence ?? [])
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (scores[b.e.attribute] ?? 0) - (scores[a.e.attribute] ?? 0) || a.i - b.i)
    .map(({ e }) => e);
  return {
    ok: true,
    provider: name,
    scores: { ...scores, TOXICITY: scores.TOXICITY! },
    language: answered[0]!.language,
    ...(evidence.length ? { evidence } : {}),
    sources,
    parts: results.slice(),
  };
}

/** One scorer asking `members` in parallel; a member that throws counts as failed, not as the whole call failing. */
export function createCombinedScorer(members: readonly Scorer[]): Scorer {
  if (members.length === 0) throw new Error('a combination needs at least one scorer');
  const name = members.map((m) => m.name).join('+');
  return {
    name,
    members,
    async score(input) {
      const results = await Promise.all(
        members.map((m) =>
          m.score(input).catch((): ScoreResult => ({ ok: false, provider: m.name, reason: 'error', detail: 'the scorer failed' })),
        ),
      );
      return combineResults(name, results);
    },
    health() {
      const states = members.map((m) => ({ name: m.name, ...(m.health?.() ?? { ok: true }) }));
      return { ok: states.every((s) => s.ok), detail: states.map((s) => s.detail ?? `${s.name}: ok`).join('; ') };
    },
    async close() {
      await Promise.all(members.map((m) => m.close?.()));
    },
  };
}
