// A bounded posting load: a few concurrent workers post distinct comments until told to stop, or
// until a request count or time cap is reached, and every answer is recorded for later checks.

export interface Outcome {
  n: number;
  body: string;
  status: number | null;
  /** Network error (no HTTP answer at all). */
  error?: string;
  retryAfter?: string | null;
  code?: string;
  id?: number;
  text: string;
  startedAt: number;
  ms: number;
  /** The phase label current when the request started. */
  phase: string;
}

export interface LoadOptions {
  /** Base URL of the Parley to post to. */
  url: string | (() => string);
  site: string;
  article?: string;
  workers?: number;
  maxRequests?: number;
  maxMs?: number;
  /** Per-request bound; a request that takes longer counts as a hang. */
  timeoutMs?: number;
  /** Distinct-looking reader address per request (the servers trust one proxy hop). */
  ip?: (n: number) => string;
  label?: string;
}

export interface Load {
  outcomes: Outcome[];
  phase: string;
  /** Resolves when `predicate` holds for the outcomes so far (checked after each answer), or rejects at `ms`. */
  until(predicate: (o: Outcome[]) => boolean, ms: number, what: string): Promise<void>;
  stop(): Promise<void>;
  done: Promise<void>;
}

export function startLoad(options: LoadOptions): Load {
  const workers = options.workers ?? 6;
  const maxRequests = options.maxRequests ?? 3000;
  const maxMs = options.maxMs ?? 120_000;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const label = options.label ?? 'load';
  const started = Date.now();
  const outcomes: Outcome[] = [];
  const waiters = new Set<() => void>();
  let stopped = false;
  let n = 0;
  const state = { phase: 'start' };

  const one = async () => {
    const i = n++;
    const body = `${label} comment number ${i} (${started})`;
    const base = typeof options.url === 'function' ? options.url() : options.url;
    const t0 = Date.now();
    const phase = state.phase;
    const o: Outcome = { n: i, body, status: null, text: '', startedAt: t0, ms: 0, phase };
    try {
      const res = await fetch(`${base}/api/v1/sites/${options.site}/articles/${options.article ?? 'load'}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': options.ip ? options.ip(i) : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        body: JSON.stringify({ body, name: `Reader ${i}`, email: `reader${i}.${started}@example.com` }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      o.status = res.status;
      o.retryAfter = res.headers.get('retry-after');
      o.text = await res.text();
      try {
        const json = JSON.parse(o.text) as { comment?: { id: number }; error?: { code: string } };
        o.id = json.comment?.id;
        o.code = json.error?.code;
      } catch {
        // checked by the caller
      }
    } catch (err) {
      const e = err as Error & { cause?: Error & { code?: string } };
      o.error = `${e.name}: ${e.cause?.code ?? ''} ${e.cause?.message ?? e.message}`;
    }
    o.ms = Date.now() - t0;
    outcomes.push(o);
    for (const w of waiters) w();
  };

  const worker = async () => {
    while (!stopped && n < maxRequests && Date.now() - started < maxMs) await one();
  };
  const done = Promise.all(Array.from({ length: workers }, worker)).then(() => {
    stopped = true;
    for (const w of waiters) w();
  });

  return {
    outcomes,
    get phase() {
      return state.phase;
    },
    set phase(p: string) {
      state.phase = p;
    },
    until(predicate, ms, what) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (predicate(outcomes)) {
            cleanup();
            resolve();
          } else if (stopped) {
            cleanup();
            reject(new Error(`the load ended before: ${what}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${ms} ms waiting for: ${what}`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      stopped = true;
      await done;
    },
    done,
  };
}

/** Outcomes the server acknowledged (201 published, 202 held) with their comment ids. */
export function acknowledged(outcomes: Outcome[]): Outcome[] {
  return outcomes.filter((o) => (o.status === 201 || o.status === 202) && typeof o.id === 'number');
}
