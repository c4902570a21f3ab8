// Sends one analyze request through perspective-api-client, redirected and bounded per call.

import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type PerspectiveClient from 'perspective-api-client';

const GOOGLE_ORIGIN = 'https://commentanalyzer.googleapis.com';

interface AxiosConfigLike {
  url?: string;
  timeout?: number;
  signal?: AbortSignal;
}

interface LibAxios {
  interceptors: { request: { use(fn: (cfg: AxiosConfigLike) => AxiosConfigLike): number } };
  defaults: { timeout?: number };
}

/** What the interceptor needs to know about the call it is looking at. */
interface CallContext {
  /** Origin (optionally with a path prefix) replacing Google's; undefined keeps Google. */
  baseUrl: string | undefined;
  signal: AbortSignal;
  timeoutMs: number;
}

// The package calls its own module-level axios with a hard-coded Google URL and no timeout, so the
// only hooks are on that axios instance (nested or hoisted, whichever npm chose).
// Both are loaded when the first Perspective scorer is made, not with the server: with them come
// lodash and axios, about 3 MB of heap in every process that never calls Perspective (the bundle
// hoists a static import of an external package to its top, however lazily its importer is loaded).
const requireHere = createRequire(import.meta.url);
let loaded: { Perspective: typeof PerspectiveClient; libAxios: LibAxios } | undefined;
function load(): { Perspective: typeof PerspectiveClient; libAxios: LibAxios } {
  loaded ??= {
    Perspective: requireHere('perspective-api-client') as typeof PerspectiveClient,
    libAxios: createRequire(requireHere.resolve('perspective-api-client'))('axios') as LibAxios,
  };
  return loaded;
}

// The axios instance is shared by every scorer in the process, so per-scorer settings cannot live
// on it. One interceptor, registered once, reads them from the call's async context instead; calls
// made outside that context (any other user of this axios) pass through untouched.
const callContext = new AsyncLocalStorage<CallContext>();
let interceptorInstalled = false;

function installInterceptor(): void {
  if (interceptorInstalled) return;
  interceptorInstalled = true;
  load().libAxios.interceptors.request.use((cfg) => {
    const ctx = callContext.getStore();
    if (!ctx) return cfg;
    if (ctx.baseUrl && typeof cfg.url === 'string' && cfg.url.startsWith(`${GOOGLE_ORIGIN}/`)) {
      cfg.url = ctx.baseUrl + cfg.url.slice(GOOGLE_ORIGIN.length);
    }
    // Per-call socket bounds: the timeout aborts the socket (axios 1.x also covers a stalled body),
    // the signal lets the caller's deadline cancel the request outright.
    cfg.timeout = ctx.timeoutMs;
    cfg.signal = ctx.signal;
    return cfg;
  });
}

/**
 * Raises the shared axios default timeout to at least `ms`: a backstop for any request that would
 * somehow escape the per-call context; the per-call timeout normally wins.
 */
function raiseDefaultTimeout(ms: number): void {
  const { libAxios } = load();
  const current = libAxios.defaults.timeout ?? 0;
  if (current === 0 || current < ms) libAxios.defaults.timeout = ms;
}

export interface PerspectiveTransport {
  /** Rejects with the package's ResponseError on any HTTP or network failure. */
  analyze(request: AnalyzeRequest, bounds: { signal: AbortSignal; timeoutMs: number }): Promise<unknown>;
}

export interface AnalyzeRequest {
  /** Already validated: non-empty, at most 20,480 UTF-8 bytes. */
  text: string;
  attributes: readonly string[];
  language: string;
}

/** Creates a transport for one API key; `baseUrl` redirects Google's origin (e.g. to the fake). */
export function createPerspectiveTransport(options: { apiKey: string; baseUrl?: string; timeoutMs: number }): PerspectiveTransport {
  installInterceptor();
  raiseDefaultTimeout(options.timeoutMs);
  const client = new (load().Perspective)({ apiKey: options.apiKey });
  const baseUrl = options.baseUrl?.replace(/\/+$/, '');
  return {
    analyze(request, bounds) {
      // Built fresh per call in object form (the only way to send `languages`): the package rewrites
      // comment.text in place when stripHTML is on, so no object of ours is ever handed to it.
      // stripHTML:false keeps plain text byte-for-byte ("I <3 you" would otherwise become "I ").
      const body = {
        comment: { text: request.text },
        requestedAttributes: Object.fromEntries(request.attributes.map((a) => [a, {}])),
        languages: [request.language],
        doNotStore: true,
      };
      const ctx: CallContext = { baseUrl, signal: bounds.signal, timeoutMs: bounds.timeoutMs };
      return callContext.run(ctx, () => client.analyze(body, { stripHTML: false, doNotStore: true }));
    },
  };
}
