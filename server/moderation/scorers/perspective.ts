// Perspective API scorer. Legacy (the API ends after 2026), so it must fail soft: every call is
// bounded by a deadline, rate-limited to the key's quota, retried only when that can help, and cut
// off by a circuit breaker during an outage. Failures come back as data, never as throws.

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { detectLanguage } from '../language.js';
import { createCircuitBreaker } from './perspective-breaker.js';
import { createTokenBucket } from './perspective-limiter.js';
import { classifyError, parseScores, type AttemptFailure, type AttemptResult, type FailureReason } from './perspective-response.js';
import { truncateUtf8 } from './perspective-text.js';
import { createPerspectiveTransport } from './perspective-transport.js';
import { ATTRIBUTES, type Attribute, type ScoreInput, type ScoreResult, type Scorer } from './scorer.js';

export interface PerspectiveScorerOptions {
  /** Secret: never logged, never in a result. */
  apiKey: string;
  /** Replaces Google's origin (https://commentanalyzer.googleapis.com), e.g. with the test fake's. */
  baseUrl?: string;
  /** Subset of ATTRIBUTES; must include TOXICITY. */
  attributes: string[];
  /** Deadline for a whole score() call, retries included. Default 800. */
  timeoutMs?: number;
  /** The key's quota in queries per second. Default 1. */
  qps?: number;
  /** Token-bucket size. Default max(2, ceil(qps)): Google enforces the quota per minute, so a
   * small burst is safe and leaves room for one retry at the default 1 QPS. */
  burst?: number;
  logger: Logger;
  /** Clock (ms) for the rate limiter and circuit breaker; injectable for tests. */
  now?: () => number;
  /** Extra attempts after a 429, 5xx or network error. Default 1. */
  retries?: number;
  /** Consecutive failed calls that open the circuit. Default 5. */
  breakerThreshold?: number;
  /** How long the circuit stays open before one probe. Default 30 000. */
  breakerCooldownMs?: number;
}

const PROVIDER = 'perspective';
const BACKOFF_BASE_MS = 50;

/** Creates the Perspective scorer; throws on invalid options (a startup configuration error). */
export function createPerspectiveScorer(options: PerspectiveScorerOptions): Scorer {
  const { apiKey, baseUrl } = options;
  if (typeof apiKey !== 'string' || apiKey.length === 0) throw new Error('perspective scorer: apiKey is required');
  const attributes = validateAttributes(options.attributes);
  const timeoutMs = positive(options.timeoutMs ?? 800, 'timeoutMs');
  const qps = positive(options.qps ?? 1, 'qps');
  const retries = Math.max(0, Math.floor(options.retries ?? 1));
  const now = options.now ?? (() => performance.now());
  const log = options.logger.child({ scorer: PROVIDER });
  const limiter = createTokenBucket(qps, options.burst ?? Math.max(2, Math.ceil(qps)));
  const breaker = createCircuitBreaker({ threshold: options.breakerThreshold ?? 5, cooldownMs: options.breakerCooldownMs ?? 30_000 });
  const transport = createPerspectiveTransport({ apiKey, baseUrl, timeoutMs });
  let outageSince: number | null = null;
  let lastFailure: FailureReason | null = null;

  const fail = (reason: FailureReason, detail: string): ScoreResult => ({ ok: false, provider: PROVIDER, reason, detail });

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
      let result: AttemptResult;
      try {
        const data = await transport.analyze({ text, attributes, language }, { signal, timeoutMs: Math.max(1, Math.ceil(deadline - performance.now())) });
        result = parseScores(data, attributes);
      } catch (error) {
        result = classifyError(error, apiKey);
      }
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
        log.info({ downMs: Math.round(now() - outageSince) }, 'perspective recovered');
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
    log.debug({ reason: outcome.reason, detail: outcome.detail }, 'perspective call failed');
    if (opened && outageSince === null) {
      outageSince = now();
      const { failures, retryInMs } = breaker.state(now());
      log.warn({ reason: outcome.reason, detail: outcome.detail, failures, retryInMs }, 'perspective unavailable; circuit open');
    }
  }

  async function scoreOnce(input: ScoreInput): Promise<ScoreResult> {
    const language = detectLanguage(input.text, input.siteLocale);
    // Letterless text (emoji, punctuation) gets a 400 'und' from the API anyway: do not spend quota.
    if (language === 'und') return fail('unsupported_language', 'text has no letters to score');
    const text = truncateUtf8(input.text.trim());
    // Checked here so the package's own empty-text path (which still sends a request) is never reached.
    if (text === '') return fail('error', 'text is empty');
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
    if (outcome.ok) return { ok: true, provider: PROVIDER, scores: outcome.scores, language };
    return fail(outcome.reason, outcome.detail);
  }

  return {
    name: PROVIDER,
    async score(input) {
      try {
        return await scoreOnce(input);
      } catch (error) {
        // Only the error's class name: its message or fields could carry request details.
        log.error({ errorName: error instanceof Error ? error.name : typeof error }, 'perspective scorer failed unexpectedly');
        return fail('error', 'unexpected scorer failure');
      }
    },
    health() {
      const { state, failures, retryInMs } = breaker.state(now());
      if (state === 'closed') {
        return failures === 0
          ? { ok: true, detail: 'perspective: ok' }
          : { ok: true, detail: `perspective: ${failures} consecutive failure(s), last ${lastFailure ?? 'unknown'}` };
      }
      const when = state === 'open' ? `next probe in ${Math.ceil(retryInMs / 1000)} s` : 'probing';
      return { ok: false, detail: `perspective: circuit ${state} after ${failures} consecutive failures (last ${lastFailure ?? 'unknown'}); ${when}` };
    },
  };
}

function validateAttributes(names: readonly string[]): Attribute[] {
  const known = new Set<string>(ATTRIBUTES);
  const out: Attribute[] = [];
  for (const raw of names) {
    const name = raw.trim().toUpperCase();
    if (!known.has(name)) throw new Error(`perspective scorer: unknown attribute "${raw}" (expected some of ${ATTRIBUTES.join(', ')})`);
    if (!out.includes(name as Attribute)) out.push(name as Attribute);
  }
  // The Scorer contract promises a TOXICITY score on every success.
  if (!out.includes('TOXICITY')) throw new Error('perspective scorer: attributes must include TOXICITY');
  return out;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`perspective scorer: ${name} must be a positive number`);
  return value;
}
