// Turns what perspective-api-client resolved or rejected with into a scorer outcome, without leaking the key.

import { redact, retryAfterMs, type AttemptFailure, type AttemptResult } from './remote.js';
import type { Attribute } from './scorer.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a resolved 2xx body: the package resolves even with a string or an empty body. */
export function parseScores(data: unknown, attributes: readonly Attribute[]): AttemptResult {
  const bad = (detail: string): AttemptFailure => ({ ok: false, reason: 'bad_response', detail, retryable: false, outage: true });
  if (!isRecord(data)) return bad(`response body is ${typeof data === 'string' ? (data === '' ? 'empty' : 'not JSON') : 'not an object'}`);
  const attributeScores = data.attributeScores;
  if (!isRecord(attributeScores)) return bad('response has no attributeScores');
  const scores: Partial<Record<Attribute, number>> = {};
  for (const attribute of attributes) {
    const entry = attributeScores[attribute];
    const summary = isRecord(entry) ? entry.summaryScore : undefined;
    const value = isRecord(summary) ? summary.value : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      return bad(`response has no valid ${attribute} score`);
    }
    scores[attribute] = value;
  }
  if (scores.TOXICITY === undefined) return bad('response has no valid TOXICITY score');
  return { ok: true, scores: { ...scores, TOXICITY: scores.TOXICITY } };
}

/** Google's error message from a JSON error envelope, if there is one. */
function googleMessage(data: unknown): string | undefined {
  const error = isRecord(data) ? data.error : undefined;
  return isRecord(error) && typeof error.message === 'string' ? error.message : undefined;
}

function isLanguageError(data: unknown): boolean {
  const error = isRecord(data) ? data.error : undefined;
  const details = isRecord(error) && Array.isArray(error.details) ? error.details : [];
  return details.some((d) => isRecord(d) && d.errorType === 'LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE');
}

/**
 * Classifies a rejection from the package (its ResponseError, whose `response` is axios's and
 * carries the key in config.params). Only status, headers, body and message are read.
 */
export function classifyError(error: unknown, apiKey: string): AttemptFailure {
  const message = isRecord(error) || error instanceof Error ? String((error as { message?: unknown }).message ?? '') : String(error);
  const response = isRecord(error) || error instanceof Error ? (error as { response?: unknown }).response : undefined;
  const status = isRecord(response) && typeof response.status === 'number' ? response.status : undefined;
  const data = isRecord(response) ? response.data : undefined;
  const safe = (text: string): string => redact(text, apiKey);
  const httpDetail = (s: number): string => safe(`HTTP ${s}: ${googleMessage(data) ?? message}`);

  if (status === undefined || (status >= 200 && status < 300)) {
    // No HTTP answer (or a 2xx whose body stalled): a timeout/abort or a transport failure.
    if (/timeout|timed out|aborted|canceled|cancelled/i.test(message)) {
      return { ok: false, reason: 'timeout', detail: safe(`request aborted: ${message}`), retryable: false, outage: true };
    }
    return { ok: false, reason: 'unavailable', detail: safe(`network error: ${message}`), retryable: true, outage: true };
  }
  if (status === 429) {
    const headers = isRecord(response) && isRecord(response.headers) ? response.headers : {};
    const wait = retryAfterMs((name) => headers[name]);
    return { ok: false, reason: 'rate_limited', detail: httpDetail(status), retryable: true, outage: true, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  if (status >= 500) return { ok: false, reason: 'unavailable', detail: httpDetail(status), retryable: true, outage: true };
  // A decommissioned endpoint answers 404 (often HTML): down for good, so no retry, but an outage.
  if (status === 404) return { ok: false, reason: 'unavailable', detail: httpDetail(status), retryable: false, outage: true };
  if (status === 400 && isLanguageError(data)) {
    return { ok: false, reason: 'unsupported_language', detail: httpDetail(status), retryable: false, outage: false };
  }
  // 401/403 (key revoked, API disabled) refuse every comment alike; other 4xx are about this one.
  const refused = status === 401 || status === 403;
  return { ok: false, reason: 'error', detail: httpDetail(status), retryable: false, outage: refused };
}
