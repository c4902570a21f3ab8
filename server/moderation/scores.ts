// How scores are stored with a comment (comments.scores, a flat JSON object of numbers): the merged
// score per attribute under its name ("THREAT"), which the thresholds judge, and every scorer's own
// scores under "scorer:name" keys ("lexicon:THREAT", "openai:THREAT", "openai:harassment" for
// OpenAI's raw categories). Which scorer gave a merged score is the one whose own score equals it.
import type { ScoreResult } from './scorers/scorer.js';

type Ok = Extract<ScoreResult, { ok: true }>;

const SEPARATOR = ':';

/** The object to store for a scorer's (or a combination's) answer. */
export function storedScores(result: Ok): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(result.scores)) if (value !== undefined) out[name] = value;
  const answered = result.parts ? result.parts.filter((p): p is Ok => p.ok) : [result];
  for (const part of answered) {
    for (const [name, value] of Object.entries({ ...part.raw, ...part.scores })) {
      if (value !== undefined) out[`${part.provider}${SEPARATOR}${name}`] = value;
    }
  }
  return out;
}

export interface ScoreBreakdown {
  /** The merged score per attribute. */
  scores: Record<string, number>;
  /** Which scorer gave each merged score (absent for rows stored before scorers were recorded). */
  sources: Record<string, string>;
  /** Each scorer's own scores, its raw categories included. */
  byScorer: Record<string, Record<string, number>>;
}

/** Splits a stored scores object back into merged scores, their sources, and each scorer's own. */
export function readStoredScores(stored: Record<string, number>): ScoreBreakdown {
  const scores: Record<string, number> = {};
  const byScorer: Record<string, Record<string, number>> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (typeof value !== 'number') continue;
    const at = key.indexOf(SEPARATOR);
    if (at < 0) scores[key] = value;
    else (byScorer[key.slice(0, at)] ??= {})[key.slice(at + 1)] = value;
  }
  const sources: Record<string, string> = {};
  for (const [attribute, value] of Object.entries(scores)) {
    const source = Object.keys(byScorer).find((scorer) => byScorer[scorer]![attribute] === value);
    if (source) sources[attribute] = source;
  }
  return { scores, sources, byScorer };
}
