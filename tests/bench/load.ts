// Load generation with autocannon: a fixed number of connections for a fixed duration, then it stops.
import http from 'node:http';
import autocannon, { type RequestData, type RequestSpec, type Result } from 'autocannon';
import { BENCH_ORIGIN, EN_NAMES, EN_SENTENCES, HI_NAMES, HI_SENTENCES } from './seed.js';
import { runWrk, wrkAvailable, type PostPlan } from './wrk.js';

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  requests: RequestSpec[];
  /** When the requests are exactly this posting plan's (postLoad), wrk may send them instead (wrk.ts). */
  posts?: PostPlan;
}

export interface LoadResult {
  /** Responses per second with the expected status(es). */
  rate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  meanMs: number;
  total: number;
  ok: number;
  /** Responses with another status, plus connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  connections: number;
  /** Which program sent the load, and the CPU it used doing so (ms; autocannon's is this process's). */
  generator: 'wrk' | 'autocannon';
  generatorCpuMs: number;
}

function cannon(spec: LoadSpec): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: spec.url, connections: spec.connections, duration: spec.seconds, timeout: 10, requests: spec.requests },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/**
 * Runs a load and keeps the figures that matter; `okStatuses` are the answers that count as done.
 * `rateStatuses` (default: all of okStatuses) are the ones the rate counts, so a mixed load of reads
 * and posts can report its reads per second while a 201 still counts as no error.
 */
export async function runLoad(spec: LoadSpec, okStatuses: number[], rateStatuses = okStatuses): Promise<LoadResult> {
  if (spec.posts && wrkAvailable()) return runWrkLoad(spec, spec.posts, okStatuses, rateStatuses);
  const cpu0 = process.cpuUsage();
  const r = await cannon(spec);
  const cpu = process.cpuUsage(cpu0);
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {}) as [string, { count: number }][]) statuses[code] = Number(count);
  const { notOk, ...counts } = tally(statuses, okStatuses, rateStatuses, r.duration);
  return {
    ...counts,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    meanMs: r.latency.average,
    errors: notOk + r.errors + r.timeouts,
    statuses,
    seconds: r.duration,
    connections: spec.connections,
    generator: 'autocannon',
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

async function runWrkLoad(spec: LoadSpec, plan: PostPlan, okStatuses: number[], rateStatuses: number[]): Promise<LoadResult> {
  const r = await runWrk(spec.url, spec.connections, spec.seconds, plan);
  const { notOk, ...counts } = tally(r.statuses, okStatuses, rateStatuses, r.seconds);
  return {
    ...counts,
    p50: r.p50,
    p90: r.p90,
    p99: r.p99,
    max: r.max,
    meanMs: r.meanMs,
    errors: notOk + r.socketErrors,
    statuses: r.statuses,
    seconds: r.seconds,
    connections: spec.connections,
    generator: 'wrk',
    generatorCpuMs: r.cpuMs,
  };
}

function tally(statuses: Record<string, number>, okStatuses: number[], rateStatuses: number[], seconds: number) {
  let ok = 0;
  let counted = 0;
  let total = 0;
  for (const [code, count] of Object.entries(statuses)) {
    total += count;
    if (okStatuses.includes(Number(code))) ok += count;
    if (rateStatuses.includes(Number(code))) counted += count;
  }
  return { rate: counted / seconds, total, ok, notOk: total - ok };
}

/** What a browser sends with the widget's fetch of a thread (the cross-origin Origin, and gzip/br). */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  origin: BENCH_ORIGIN,
  'accept-encoding': 'gzip, deflate, br',
  accept: 'application/json',
};

/** GETs of the given paths, round-robin per connection, with optional extra headers. */
export function readRequests(paths: string[], headers: (path: string) => Record<string, string> = () => ({})): RequestSpec[] {
  return paths.map((path) => ({ method: 'GET', path, headers: { ...BROWSER_HEADERS, ...headers(path) } }));
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes on the wire (not decompressed, unlike fetch). */
  body: Buffer;
}

/** A GET that keeps the response bytes as sent, so the ceiling can answer exactly the same ones. */
export function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** A distinct client address per request, so per-IP rules see many readers behind one trusted proxy. */
export function clientIp(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Comment n of the posting load: distinct text, author and address; 3 in 10 in Hindi. */
export function postBody(n: number): string {
  const hindi = n % 10 < 3;
  const pool = hindi ? HI_SENTENCES : EN_SENTENCES;
  const names = hindi ? HI_NAMES : EN_NAMES;
  const parts = [0, 1, 2].map((s) => pool[(n * 7 + s * 5) % pool.length]);
  return JSON.stringify({
    name: names[n % names.length],
    email: `poster${n}@example.com`,
    body: `${parts.join(' ')} (${n})`,
  });
}

/**
 * The requests of a posting plan (postRequests) with the plan beside them, so runLoad may send them
 * with wrk instead of autocannon: the same comment numbers, texts, authors, articles and addresses.
 */
export function postLoad(plan: PostPlan): Pick<LoadSpec, 'requests' | 'posts'> {
  const { article, ip } = plan;
  const articleFor = 'key' in article ? () => article.key : (n: number) => `${article.prefix}-${n % article.of}`;
  return { requests: postRequests(plan.site, articleFor, plan.start, ip ? { ipFor: () => ip } : {}), posts: plan };
}

export interface PostOptions {
  /** Comment n's client address (default: a distinct one per comment, clientIp(n)). */
  ipFor?: (n: number) => string;
  /** Called with the id of every comment the server acknowledged (201 or 202). */
  onStored?: (id: number) => void;
}

/**
 * POSTs of new comments. `articleFor(n)` picks comment n's article key; every request gets its own
 * body and, unless `ipFor` says otherwise, its own X-Forwarded-For, as from many readers behind one CDN.
 */
export function postRequests(site: string, articleFor: (n: number) => string, start = 0, options: PostOptions = {}): RequestSpec[] {
  let n = start;
  const ipFor = options.ipFor ?? clientIp;
  const onStored = options.onStored;
  return [
    {
      method: 'POST',
      setupRequest(req: RequestData): RequestData {
        const i = n++;
        return {
          ...req,
          path: `/api/v1/sites/${site}/articles/${encodeURIComponent(articleFor(i))}/comments`,
          headers: { ...req.headers, 'content-type': 'application/json', origin: BENCH_ORIGIN, 'x-forwarded-for': ipFor(i) },
          body: postBody(i),
        };
      },
      ...(onStored
        ? {
            onResponse(status: number, body: string) {
              if (status === 201 || status === 202) onStored((JSON.parse(body) as { comment: { id: number } }).comment.id);
            },
          }
        : {}),
    },
  ];
}
