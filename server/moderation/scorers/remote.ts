// What every remote scorer shares, whatever its wire format: a deadline for the whole call (retries
// included), a token bucket at the provider's rate, retries only when they can help (429, 5xx,
// network errors), a circuit breaker during an outage whose start and end are logged once each, and
// failures returned as data, never thrown. A provider plugs in how to prepare the text and how to
// make one attempt (perspective.ts, openai.ts).

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { createCircuitBreaker } from './breaker.js';
import { createTokenBucket } from './limiter.js';
import type { Attribute, ScoreInput, ScoreResult, Scorer } from './scorer.js';

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

export interface AttemptSuccess {
  ok: true;
  scores: Partial<Record<Attribute, number>> & { TOXICITY: number };
  /** The provider's own category scores, when it has its own categories. */
  raw?: Record<string, number>;
}

export type AttemptResult = AttemptSuccess | AttemptFailure;

/** The text as the provider will get it, or why it is not worth sending. */
export type Prepared = { ok: true; text: string; language: string } | { ok: false; reason: FailureReason; detail: string };

export interface RemoteScorerOptions {
  /** The provider's name: in results, logs and /readyz. */
  name: string;
  logger: Logger;
  /** Deadline for a whole score() call, retries included. */
  timeoutMs: number;
  /** The key's quota in queries per second. */
  qps: number;
  /** Token-bucket size. Default max(2, ceil(qps)): room for a small burst and one retry. */
  burst?: number;
  /** Extra attempts after a 429, 5xx or network error. Default 1. */
  retries?: number;
  /** Consecutive failed calls that open the circuit. Default 5. */
  breakerThreshold?: number;
  /** How long the circuit stays open before one probe. Default 30 000. */
  breakerCooldownMs?: number;
  /** Clock (ms) for the rate limiter and circuit breaker; injectable for tests. */
  now?: () => number;
  prepare(input: ScoreInput): Prepared;
  /**
   * One request. Never throws for an HTTP or network failure: it classifies it, without the key.
   * `signal` aborts when the deadline passes or the caller stops waiting.
   */
  attempt(request: { text: string; language: string }, bounds: { signal: AbortSignal; timeoutMs: number }): Promise<AttemptResult>;
}

const BACKOFF_BASE_MS = 50;
const MAX_DETAIL = 200;

/** Replaces every occurrence of the key (raw or URL-encoded) and caps the length. */
export function redact(text: string, apiKey: string): string {
  let out = text;
  for (const form of new Set([apiKey, encodeURIComponent(apiKey)])) {
    if (form) out = out.split(form).join('[redacted]');
  }
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 1)}…` : out;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a code point. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  let cut = maxBytes;
  // Back off while the first dropped byte is a continuation byte (10xxxxxx): we are mid code point.
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut).toString('utf8');
}

/** Seconds or milliseconds from Retry-After / retry-after-ms headers (the forms OpenAI's and Google's servers send). */
export function retryAfterMs(get: (name: string) => unknown): number | undefined {
  const asNumber = (raw: unknown) => (typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN);
  const ms = asNumber(get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const seconds = asNumber(get('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function positive(value: number, name: string, scorer: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${scorer} scorer: ${name} must be a positive number`);
  return value;
}

/** Creates a scorer around a provider's single attempt; throws on invalid options (a startup configuration error). */
export function createRemoteScorer(options: RemoteScorerOptions): Scorer {
  const { name } = options;
  const timeoutMs = positive(options.timeoutMs, 'timeoutMs', name);
  const qps = positive(options.qps, 'qps', name);
  const retries = Math.max(0, Math.floor(options.retries ?? 1));
  const now = options.now ?? (() => performance.now());
  const log = options.logger.child({ scorer: name });
  const limiter = createTokenBucket(qps, options.burst ?? Math.max(2, Math.ceil(qps)));
  const breaker = createCircuitBreaker({ threshold: options.breakerThreshold ?? 5, cooldownMs: options.breakerCooldownMs ?? 30_000 });
  let outageSince: number | null = null;
  let lastFailure: FailureReason | null = null;

  const fail = (reason: FailureReason, detail: string): ScoreResult => ({ ok: false, provider: name, reason, detail });

  /** Attempts with retries; `progress.sent` tells whether any request left the process. */
  async function attempt(text: string, language: string, deadline: number, signal: AbortSignal, progress: { sent: boolean }): Promise<AttemptResult> {
    let last: AttemptFailure | undefined;
    for (let i = 0; i <= retries; i++) {
      const remaining = deadline - performance.now();
      const wait = limiter.reserve(now(), remaining);
      if (wait === null) {
        // A retry that cannot get a slot reports the failure it was retrying; a first call reports the limiter.
        return last ?? { ok: false, reason: 'rate_limited', detail: `local limit of ${qps} qps: no slot before the deadline`, retryable: false, outage: false };
      }
      if (wait > 0) await sleep(wait, undefined, { signal });
      progress.sent = true;
      const result = await options.attempt({ text, language }, { signal, timeoutMs: Math.max(1, Math.ceil(deadline - performance.now())) });
      if (result.ok || !result.retryable || i === retries) return result;
      last = result;
      const backoff = result.retryAfterMs ?? BACKOFF_BASE_MS * 2 ** i * (1 + Math.random());
      if (performance.now() + backoff >= deadline) return result;
      await sleep(backoff, undefined, { signal });
    }
    return last!;
  }

  /** Feeds the outcome to the breaker and logs outage edges only, so an outage is two log lines. */
  function record(outcome: AttemptResult, sent: boolean): void {
    if (outcome.ok || (sent && !outcome.outage)) {
      // Any answer that is not an outage (a score, a per-comment 400) shows the service is up.
      breaker.recordSuccess();
      if (outageSince !== null) {
        log.info({ downMs: Math.round(now() - outageSince) }, `${name} recovered`);
        outageSince = null;
      }
      if (outcome.ok) lastFailure = null;
      return;
    }
    if (!sent || !outcome.outage) {
      breaker.release();
      return;
    }
    lastFailure = outcome.reason;
    const opened = breaker.recordFailure(now());
    log.debug({ reason: outcome.reason, detail: outcome.detail }, `${name} call failed`);
    if (opened && outageSince === null) {
      outageSince = now();
      const { failures, retryInMs } = breaker.state(now());
      log.warn({ reason: outcome.reason, detail: outcome.detail, failures, retryInMs }, `${name} unavailable; circuit open`);
    }
  }

  async function scoreOnce(input: ScoreInput): Promise<ScoreResult> {
    const prepared = options.prepare(input);
    if (!prepared.ok) return fail(prepared.reason, prepared.detail);
    const { text, language } = prepared;
    if (input.signal?.aborted) return fail('timeout', 'caller stopped waiting');
    if (!breaker.tryAcquire(now())) {
      const { failures, retryInMs } = breaker.state(now());
      return fail('circuit_open', `circuit open after ${failures} consecutive failures; next probe in ${Math.ceil(retryInMs / 1000)} s`);
    }

    const deadline = performance.now() + timeoutMs;
    const controller = new AbortController();
    const timeout: AttemptFailure = { ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms`, retryable: false, outage: true };
    // The outer race is the real deadline: it holds even where a socket timeout would not fire.
    const deadlineHit = new Promise<AttemptResult>((resolve) => controller.signal.addEventListener('abort', () => resolve(timeout), { once: true }));
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onCallerAbort = (): void => controller.abort();
    input.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const progress = { sent: false };
    let outcome: AttemptResult;
    try {
      const attempts = attempt(text, language, deadline, controller.signal, progress).catch((): AttemptResult => timeout);
      outcome = await Promise.race([attempts, deadlineHit]);
    } finally {
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', onCallerAbort);
      controller.abort(); // cancels an in-flight request or backoff once we stop waiting
    }
    if (input.signal?.aborted && !outcome.ok) {
      breaker.release();
      return fail('timeout', 'caller stopped waiting');
    }
    record(outcome, progress.sent);
    if (!outcome.ok) return fail(outcome.reason, outcome.detail);
    return { ok: true, provider: name, scores: outcome.scores, language, ...(outcome.raw ? { raw: outcome.raw } : {}) };
  }

  return {
    name,
    async score(input) {
      try {
        return await scoreOnce(input);
      } catch (error) {
        // Only the error's class name: its message or fields could carry request details.
        log.error({ errorName: error instanceof Error ? error.name : typeof error }, `${name} scorer failed unexpectedly`);
        return fail('error', 'unexpected scorer failure');
      }
    },
    health() {
      const { state, failures, retryInMs } = breaker.state(now());
      if (state === 'closed') {
        return failures === 0
          ? { ok: true, detail: `${name}: ok` }
          : { ok: true, detail: `${name}: ${failures} consecutive failure(s), last ${lastFailure ?? 'unknown'}` };
      }
      const when = state === 'open' ? `next probe in ${Math.ceil(retryInMs / 1000)} s` : 'probing';
      return { ok: false, detail: `${name}: circuit ${state} after ${failures} consecutive failures (last ${lastFailure ?? 'unknown'}); ${when}` };
    },
  };
}
