// OpenAI's moderation endpoint as a scorer: POST {OPENAI_BASE_URL}/moderations with {model, input},
// a pinned model snapshot, plain fetch. The deadline, rate limit, retries and circuit breaker are
// the shared remote scorer's (remote.ts); how categories become attributes is openai-response.ts.

import type { Logger } from 'pino';
import { detectLanguage } from '../language.js';
import { classifyNetworkError, classifyStatus, parseModeration } from './openai-response.js';
import { createRemoteScorer, truncateUtf8 } from './remote.js';
import type { Scorer } from './scorer.js';

export interface OpenAiScorerOptions {
  /** Secret: sent only in the Authorization header; never logged, never in a result. */
  apiKey: string;
  /** Default https://api.openai.com/v1 (what OpenAI's SDKs use when OPENAI_BASE_URL is unset). */
  baseUrl?: string;
  /** A dated snapshot, so scores do not shift under a moving alias. Default omni-moderation-2024-09-26. */
  model?: string;
  /** Deadline for a whole score() call, retries included. Default 1500. */
  timeoutMs?: number;
  /** Requests per second allowed to the key. Default 4 (OpenAI's free tier is 250 a minute). */
  qps?: number;
  burst?: number;
  retries?: number;
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  now?: () => number;
  logger: Logger;
}

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const OPENAI_DEFAULT_MODEL = 'omni-moderation-2024-09-26';
/** Comments are far shorter; this only bounds what a very long one sends. */
const MAX_INPUT_BYTES = 32_768;
/** A moderation answer is about 1 kB; anything much larger is not one. */
const MAX_RESPONSE_BYTES = 256 * 1024;
const PROVIDER = 'openai';

/** Creates the OpenAI moderation scorer; throws on invalid options (a startup configuration error). */
export function createOpenAiScorer(options: OpenAiScorerOptions): Scorer {
  const { apiKey } = options;
  if (typeof apiKey !== 'string' || apiKey.length === 0) throw new Error('openai scorer: apiKey is required');
  const endpoint = `${(options.baseUrl ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '')}/moderations`;
  const model = options.model ?? OPENAI_DEFAULT_MODEL;
  return createRemoteScorer({
    name: PROVIDER,
    logger: options.logger,
    timeoutMs: options.timeoutMs ?? 1500,
    qps: options.qps ?? 4,
    burst: options.burst,
    retries: options.retries,
    breakerThreshold: options.breakerThreshold,
    breakerCooldownMs: options.breakerCooldownMs,
    now: options.now,
    prepare(input) {
      const text = truncateUtf8(input.text.trim(), MAX_INPUT_BYTES);
      if (text === '') return { ok: false, reason: 'error', detail: 'text is empty' };
      // OpenAI detects the language itself; ours only labels the result.
      return { ok: true, text, language: detectLanguage(text, input.siteLocale) };
    },
    async attempt({ text }, { signal }) {
      let response: Response;
      let body: string;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ model, input: text }),
          signal,
          redirect: 'error',
        });
        body = await readCapped(response, MAX_RESPONSE_BYTES);
      } catch (error) {
        return classifyNetworkError(error, apiKey);
      }
      if (!response.ok) return classifyStatus(response.status, response.headers, body, apiKey);
      return parseModeration(body);
    },
  });
}

/** The body as text, or a truncated prefix once it passes `max` bytes (the rest is not read). */
async function readCapped(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
