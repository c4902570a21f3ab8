// Perspective API scorer. Legacy (the API ends after 2026), so it must fail soft: the shared remote
// scorer (remote.ts) bounds every call by a deadline, rate-limits it to the key's quota, retries only
// when that can help, and cuts it off with a circuit breaker during an outage. This file adds what is
// Perspective's own: the language hint, the byte limit, and the perspective-api-client transport.
// PERSPECTIVE_BASE_URL points it at any Perspective-compatible server instead of Google's.

import type { Logger } from 'pino';
import { detectLanguage } from '../language.js';
import { classifyError, parseScores } from './perspective-response.js';
import { createPerspectiveTransport } from './perspective-transport.js';
import { createRemoteScorer, positive, truncateUtf8 } from './remote.js';
import { ATTRIBUTES, type Attribute, type Scorer } from './scorer.js';

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

/** Perspective's limit is 20,480 UTF-8 bytes (the package counts UTF-16 units). */
export const PERSPECTIVE_MAX_BYTES = 20_480;
const PROVIDER = 'perspective';

/** Creates the Perspective scorer; throws on invalid options (a startup configuration error). */
export function createPerspectiveScorer(options: PerspectiveScorerOptions): Scorer {
  const { apiKey, baseUrl } = options;
  if (typeof apiKey !== 'string' || apiKey.length === 0) throw new Error('perspective scorer: apiKey is required');
  const attributes = validateAttributes(options.attributes);
  const timeoutMs = positive(options.timeoutMs ?? 800, 'timeoutMs', PROVIDER);
  const transport = createPerspectiveTransport({ apiKey, baseUrl, timeoutMs });
  return createRemoteScorer({
    name: PROVIDER,
    logger: options.logger,
    timeoutMs,
    qps: options.qps ?? 1,
    burst: options.burst,
    retries: options.retries,
    breakerThreshold: options.breakerThreshold,
    breakerCooldownMs: options.breakerCooldownMs,
    now: options.now,
    prepare(input) {
      const language = detectLanguage(input.text, input.siteLocale);
      // Letterless text (emoji, punctuation) gets a 400 'und' from the API anyway: do not spend quota.
      if (language === 'und') return { ok: false, reason: 'unsupported_language', detail: 'text has no letters to score' };
      const text = truncateUtf8(input.text.trim(), PERSPECTIVE_MAX_BYTES);
      // Checked here so the package's own empty-text path (which still sends a request) is never reached.
      if (text === '') return { ok: false, reason: 'error', detail: 'text is empty' };
      return { ok: true, text, language };
    },
    async attempt({ text, language }, bounds) {
      try {
        return parseScores(await transport.analyze({ text, attributes, language }, bounds), attributes);
      } catch (error) {
        return classifyError(error, apiKey);
      }
    },
  });
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
