// Turns what perspective-api-client resolved or rejected with into a scorer outcome, without leaking the key.

import type { Attribute } from './scorer.js';

export type FailureReason = 'timeout' | 'rate_limited' | 'unavailable' | 'bad_response' | 'unsupported_language' | 'circuit_open' | 'error';

export interface AttemptFailure {
  ok: false;
  reason: FailureReason;
  detail: string;
  /** Worth another attempt: 429, 5xx and network errors only. */
  retryable: boolean;
  /** Counts toward the circuit breaker (the service is down or refusing us), unlike a per-comment 400. */
  outage: boolean;
  /** Server-requested wait from Retry-After, in ms. */
  retryAfterMs?: number;
}

export type AttemptResult = { ok: true; scores: Partial<Record<Attribute, number>> & { TOXICITY: number } } | AttemptFailure;

const MAX_DETAIL = 200;

/** Replaces every occurrence of the key (raw or URL-encoded) and caps the length. */
export function redact(text: string, apiKey: string): string {
  let out = text;
  for (const form of new Set([apiKey, encodeURIComponent(apiKey)])) {
    if (form) out = out.split(form).join('[redacted]');
  }
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 1)}…` : out;
}

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

function retryAfter(headers: unknown): number | undefined {
  const raw = isRecord(headers) ? headers['retry-after'] : undefined;
  const seconds = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
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
    const wait = retryAfter(isRecord(response) ? response.headers : undefined);
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
