// OpenAI's moderation answer as Parley's attributes, and its errors as scorer outcomes (never with the key).

import { redact, retryAfterMs, type AttemptFailure, type AttemptResult } from './remote.js';
import type { Attribute } from './scorer.js';

/** The categories omni-moderation-2024-09-26 scores (its `category_scores` keys). */
export const OPENAI_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** The categories the mapping reads: an answer without any of them is not one we can judge. */
const REQUIRED = ['harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'sexual', 'sexual/minors', 'violence', 'violence/graphic'] as const;
type Required = (typeof REQUIRED)[number];

/**
 * How much plain `violence` counts toward TOXICITY. It describes depictions of violence, so a war or
 * crime report scores high on it: kept as a weak signal that shows in the scores but cannot reach the
 * default hold threshold (0.80) on its own.
 */
export const VIOLENCE_WEIGHT = 0.5;

/**
 * OpenAI's categories as Parley's attributes (Perspective's names, so thresholds mean the same for
 * every scorer). Holds come from harassment, hate and the threatening categories; plain violence
 * counts toward THREAT only with a target (as far as harassment or hate says the text is aimed at
 * someone), and toward TOXICITY only weakly. OpenAI has no profanity category: combine it with the
 * lexicon for that. Self-harm and illicit categories are kept in the raw scores only.
 */
export function mapCategories(c: Record<Required, number>): Partial<Record<Attribute, number>> & { TOXICITY: number } {
  const harassment = c['harassment'];
  const threatening = Math.max(c['harassment/threatening'], c['hate/threatening']);
  const hate = Math.max(c['hate'], c['hate/threatening']);
  const violenceWithTarget = Math.min(c['violence'], Math.max(harassment, c['hate']));
  return {
    TOXICITY: Math.max(harassment, hate, threatening, c['sexual'], c['sexual/minors'], VIOLENCE_WEIGHT * Math.max(c['violence'], c['violence/graphic'])),
    SEVERE_TOXICITY: Math.max(threatening, c['sexual/minors']),
    INSULT: harassment,
    THREAT: Math.max(threatening, violenceWithTarget),
    IDENTITY_ATTACK: hate,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isScore = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

/** Checks a 2xx body (`{id, model, results: [{flagged, categories, category_scores}]}`) and maps its scores. */
export function parseModeration(body: string): AttemptResult {
  const bad = (detail: string): AttemptFailure => ({ ok: false, reason: 'bad_response', detail, retryable: false, outage: true });
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return bad(body === '' ? 'response body is empty' : 'response body is not JSON');
  }
  const results = isRecord(data) ? data.results : undefined;
  const first = Array.isArray(results) ? results[0] : undefined;
  const scores = isRecord(first) ? first.category_scores : undefined;
  if (!isRecord(scores)) return bad('response has no results[0].category_scores');
  for (const name of REQUIRED) {
    if (!isScore(scores[name])) return bad(`response has no valid ${name} score`);
  }
  // Every category the model gave (bounded: a misbehaving server cannot make us store much).
  const raw: Record<string, number> = {};
  for (const [name, value] of Object.entries(scores).slice(0, 32)) {
    if (/^[a-z][a-z/-]{0,39}$/.test(name) && isScore(value)) raw[name] = value;
  }
  return { ok: true, scores: mapCategories(scores as Record<Required, number>), raw };
}

/** OpenAI's error message and code from its JSON error envelope (`{error: {message, type, code}}`). */
function openAiError(body: string): { message?: string; code?: string } {
  try {
    const error = (JSON.parse(body) as { error?: unknown }).error;
    if (!isRecord(error)) return {};
    return {
      message: typeof error.message === 'string' ? error.message : undefined,
      code: typeof error.code === 'string' ? error.code : undefined,
    };
  } catch {
    return {};
  }
}

/** Classifies an HTTP error answer. */
export function classifyStatus(status: number, headers: Headers, body: string, apiKey: string): AttemptFailure {
  const { message, code } = openAiError(body);
  const detail = redact(`HTTP ${status}: ${message ?? (body.trim().slice(0, 120) || 'no body')}`, apiKey);
  if (status === 429) {
    // Out of credit is not a burst: retrying cannot help, and every comment would get the same answer.
    if (code === 'insufficient_quota') return { ok: false, reason: 'rate_limited', detail, retryable: false, outage: true };
    const wait = retryAfterMs((name) => headers.get(name) ?? undefined);
    return { ok: false, reason: 'rate_limited', detail, retryable: true, outage: true, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  if (status >= 500) return { ok: false, reason: 'unavailable', detail, retryable: true, outage: true };
  // A bad key (401), a forbidden project or region (403) or a wrong model or URL (404) refuse every
  // comment alike; other 4xx (a 400 about this input) concern this comment only.
  const refused = status === 401 || status === 403 || status === 404;
  return { ok: false, reason: 'error', detail, retryable: false, outage: refused };
}

/** Classifies a request that got no HTTP answer (or whose body never finished). */
export function classifyNetworkError(error: unknown, apiKey: string): AttemptFailure {
  const name = error instanceof Error ? error.name : '';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const message = `${error instanceof Error ? error.message : String(error)}${cause}`;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return { ok: false, reason: 'timeout', detail: redact(`request aborted: ${message}`, apiKey), retryable: false, outage: true };
  }
  return { ok: false, reason: 'unavailable', detail: redact(`network error: ${message}`, apiKey), retryable: true, outage: true };
}
