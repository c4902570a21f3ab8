// Prometheus metrics (GET /metrics): one registry per process, fed from the places events happen.
//
// Invariants:
// - Off unless PARLEY_METRICS_TOKEN is set: then createMetrics returns a no-op whose hooks cost a
//   function call, and /metrics is not mounted (404).
// - Labels are bounded and never carry personal data: route templates (never raw paths), status
//   codes, closed sets of outcomes, error codes, scorer names and failure reasons, site slugs. No
//   email, address, token or comment text ever becomes a label value.
// - Hot paths (every request, the thread edge) add to plain numbers in memory (RequestHistogram);
//   prom-client formats them when scraped. Anything read from the database is read at scrape time,
//   by a few cheap statements (refresh), never kept up to date per request.
import { timingSafeEqual, createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type MetricValueWithName } from 'prom-client';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Scorer, ScoreResult } from './moderation/scorers/scorer.js';
import type { ThreadCache } from './threads/index.js';

/** Latency buckets in seconds: a cached read takes well under a millisecond, a post a few. */
const HTTP_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SCORER_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];

/** The verdict statuses a stored comment can have, as the pipeline names them. */
type StoredStatus = 'approved' | 'pending' | 'spam' | 'rejected';
const OUTCOME: Record<StoredStatus, string> = { approved: 'published', pending: 'held', spam: 'spam', rejected: 'rejected' };

/** What the scrape reads from the rest of the process (all optional, so a test can pass a part). */
export interface MetricsSources {
  database: Database;
  streams: { stats(): { streams: number; moderators: number } };
  countRescoreBacklog(): Promise<number>;
  countOutboxBacklog(): Promise<{ events: number; mails: number; deliveries: number; oldestSeconds: number }>;
}

export interface Metrics {
  readonly enabled: boolean;
  /** One request the app answered: its route template (bounded), method and status. */
  httpRequest(route: string, method: string, status: number, seconds: number): void;
  /** One read the thread edge answered before the app (200 or 304). */
  edgeRead(status: number, seconds: number): void;
  /** A comment stored, by the pipeline's verdict. */
  commentStored(status: StoredStatus): void;
  /**
   * An error that ended a request (the app's one error handler): a refused post by its stable code,
   * and a query error when the database caused it.
   */
  requestFailed(method: string, path: string, code: string, error: unknown): void;
  /**
   * A background pass that failed (the notification outbox, re-scoring): counted by worker and by the
   * database error code behind it ('other' when it was not the database), since no request reports it.
   */
  workerFailed(worker: 'notifications' | 'rescore', error: unknown): void;
  /** Wraps a scorer so every call is counted and timed (the pipeline and the re-scoring worker share it). */
  instrumentScorer(scorer: Scorer): Scorer;
  /** Wraps the thread cache so page hits and misses are counted (a miss is a page built and stored). */
  instrumentThreadCache(cache: ThreadCache): ThreadCache;
  /** Connects the gauges read at scrape time. */
  observe(sources: MetricsSources): void;
  /** The text exposition, after reading the database-backed gauges. */
  scrape(): Promise<{ contentType: string; body: string }>;
  /** Whether an Authorization header carries the configured token (constant time). */
  authorized(header: string | undefined): boolean;
  close(): void;
}

/** Metrics for this process, or a no-op when PARLEY_METRICS_TOKEN is unset. */
export function createMetrics(config: Pick<Config, 'PARLEY_METRICS_TOKEN'>): Metrics {
  return config.PARLEY_METRICS_TOKEN ? createPrometheusMetrics(config.PARLEY_METRICS_TOKEN) : NO_METRICS;
}

const NO_METRICS: Metrics = {
  enabled: false,
  httpRequest() {},
  edgeRead() {},
  commentStored() {},
  requestFailed() {},
  workerFailed() {},
  instrumentScorer: (scorer) => scorer,
  instrumentThreadCache: (cache) => cache,
  observe() {},
  async scrape() {
    throw new Error('metrics are disabled');
  },
  authorized: () => false,
  close() {},
};

/** The route template the thread edge answers, as the app's router names it. */
export const THREAD_ROUTE = '/api/v1/sites/:site/articles/:article/comments';

function createPrometheusMetrics(token: string): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const tokenDigest = digest(token);

  const http = new RequestHistogram('parley_http_request_duration_seconds', 'HTTP requests by route template, method and status, with their latency (the thread edge included)', HTTP_BUCKETS);
  registry.registerMetric(http as never);
  const edge200 = http.child(THREAD_ROUTE, 'GET', 200);
  const edge304 = http.child(THREAD_ROUTE, 'GET', 304);

  const created = new Counter({ name: 'parley_comments_created_total', help: 'Comments stored, by outcome (published, held, spam, rejected)', labelNames: ['outcome'], registers });
  for (const outcome of Object.values(OUTCOME)) created.inc({ outcome }, 0);
  const refused = new Counter({ name: 'parley_comments_refused_total', help: 'Posts refused (not stored), by error code: validation, flood, ban, closed article, origin, ...', labelNames: ['code'], registers });
  const dbErrors = new Counter({ name: 'parley_db_query_errors_total', help: 'Requests that failed on a database error, by SQLSTATE or connection error code', labelNames: ['code'], registers });
  const workerErrors = new Counter({ name: 'parley_worker_failures_total', help: 'Background passes (notifications, rescore) that failed, by worker and database error code (other when not the database)', labelNames: ['worker', 'code'], registers });
  const scrapeErrors = new Counter({ name: 'parley_metrics_scrape_errors_total', help: 'Scrapes whose database-backed gauges could not be read (their last values are kept)', registers });

  const scorerCalls = new Counter({ name: 'parley_scorer_calls_total', help: 'Scorer calls by scorer and result (ok, failed)', labelNames: ['scorer', 'result'], registers });
  const scorerFailures = new Counter({ name: 'parley_scorer_failures_total', help: 'Scorer failures by scorer and reason (timeout, rate_limited, unavailable, circuit_open, ...)', labelNames: ['scorer', 'reason'], registers });
  const scorerSeconds = new Histogram({ name: 'parley_scorer_duration_seconds', help: 'Time a scoring took, by scorer (a combination as a whole)', labelNames: ['scorer'], buckets: SCORER_BUCKETS, registers });

  // Plain numbers on the read path; the counters read them when scraped.
  const cache = { hits: 0, misses: 0 };
  new Counter({ name: 'parley_thread_cache_hits_total', help: 'Thread pages served from this process\'s cache (the edge\'s included)', registers, collect() { this.reset(); this.inc(cache.hits); } });
  new Counter({ name: 'parley_thread_cache_misses_total', help: 'Thread pages built from the database and cached', registers, collect() { this.reset(); this.inc(cache.misses); } });

  let sources: MetricsSources | undefined;
  new Gauge({
    name: 'parley_event_streams_open',
    help: 'Live event streams open in this process, by kind (reader, moderator)',
    labelNames: ['kind'],
    registers,
    collect() {
      const stats = sources?.streams.stats();
      if (!stats) return;
      this.set({ kind: 'moderator' }, stats.moderators);
      this.set({ kind: 'reader' }, Math.max(0, stats.streams - stats.moderators));
    },
  });
  const queue = new Gauge({ name: 'parley_moderation_queue_comments', help: 'Comments per site and queue (pending, reported, spam, rejected, approved), from the kept counts', labelNames: ['site', 'queue'], registers });
  const rescore = new Gauge({ name: 'parley_rescore_backlog', help: 'Comments waiting to be scored again after a scorer failure', registers });
  const outbox = new Gauge({ name: 'parley_outbox_backlog', help: 'Notification work waiting, by kind (events, mails, deliveries)', labelNames: ['kind'], registers });
  const outboxAge = new Gauge({ name: 'parley_outbox_oldest_seconds', help: 'Age of the oldest due notification item', registers });
  const poolMax = new Gauge({ name: 'parley_db_pool_max', help: 'Connections this process may open (DB_POOL_MAX; 1 for embedded PGlite)', registers });
  const connections = new Gauge({ name: 'parley_db_connections', help: 'This process\'s PostgreSQL connections by state (active, idle, idle in transaction), from pg_stat_activity', labelNames: ['state'], registers });

  async function refresh(s: MetricsSources): Promise<void> {
    const { database } = s;
    const [queues, backlog, out, conns] = await Promise.all([
      database.query<{ site: string; queue: string; n: string | number }>(QUEUE_COUNTS_SQL, []),
      s.countRescoreBacklog(),
      s.countOutboxBacklog(),
      database.driver === 'postgres'
        ? database.query<{ state: string; n: string | number }>(CONNECTIONS_SQL, [database.applicationName ?? ''])
        : Promise.resolve(null),
    ]);
    queue.reset();
    for (const row of queues) queue.set({ site: row.site, queue: row.queue }, Math.max(0, Number(row.n)));
    rescore.set(backlog);
    outbox.set({ kind: 'events' }, out.events);
    outbox.set({ kind: 'mails' }, out.mails);
    outbox.set({ kind: 'deliveries' }, out.deliveries);
    outboxAge.set(out.oldestSeconds);
    poolMax.set(database.poolMax ?? 1);
    if (conns) {
      connections.reset();
      for (const state of ['active', 'idle', 'idle in transaction']) connections.set({ state }, 0);
      for (const row of conns) connections.set({ state: row.state }, Number(row.n));
    }
  }

  return {
    enabled: true,
    httpRequest(route, method, status, seconds) {
      http.child(route, method, status).observe(seconds);
    },
    edgeRead(status, seconds) {
      (status === 304 ? edge304 : edge200).observe(seconds);
    },
    commentStored(status) {
      created.inc({ outcome: OUTCOME[status] ?? status });
    },
    requestFailed(method, path, code, error) {
      if (method === 'POST' && POST_COMMENT_PATH.test(path)) refused.inc({ code });
      const dbCode = databaseErrorCode(error);
      if (dbCode) dbErrors.inc({ code: dbCode });
    },
    workerFailed(worker, error) {
      workerErrors.inc({ worker, code: databaseErrorCode(error) ?? 'other' });
    },
    instrumentScorer(scorer) {
      if (scorer.name === 'none') return scorer;
      const count = (result: ScoreResult) => {
        scorerCalls.inc({ scorer: result.provider, result: result.ok ? 'ok' : 'failed' });
        if (!result.ok) scorerFailures.inc({ scorer: result.provider, reason: result.reason });
      };
      return Object.assign(Object.create(scorer) as Scorer, {
        async score(input: Parameters<Scorer['score']>[0]) {
          const end = scorerSeconds.startTimer({ scorer: scorer.name });
          const result = await scorer.score(input);
          end();
          // A combination reports each member's answer; count those, so an outage names its scorer.
          const parts = result.ok && result.parts ? result.parts : [result];
          for (const part of parts) count(part);
          return result;
        },
      });
    },
    instrumentThreadCache(threadCache) {
      return {
        ...threadCache,
        getPage(articleId, version, variant) {
          const page = threadCache.getPage(articleId, version, variant);
          if (page) cache.hits += 1;
          return page;
        },
        setPage(articleId, variant, page) {
          cache.misses += 1;
          threadCache.setPage(articleId, variant, page);
        },
      };
    },
    observe(s) {
      sources = s;
    },
    async scrape() {
      if (sources) {
        try {
          await refresh(sources);
        } catch {
          scrapeErrors.inc();
        }
      }
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    authorized(header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
      return match !== null && timingSafeEqual(digest(match[1]!), tokenDigest);
    },
    close() {
      registry.clear();
    },
  };
}

// Totals plus the changes not folded into them yet (migration 0005), per site: a handful of rows.
const QUEUE_COUNTS_SQL = `
  select s.slug as site, b.queue, sum(b.n) as n
  from (select site_id, queue, n from queue_counts
        union all select site_id, queue, delta::bigint from queue_count_deltas) b
  join sites s on s.id = b.site_id
  group by s.slug, b.queue`;

const CONNECTIONS_SQL = `
  select coalesce(state, 'unknown') as state, count(*) as n
  from pg_stat_activity where application_name = $1 and datname = current_database() group by 1`;

/** The PostgreSQL application_name of this process's connections, so its pool can be told apart. */
export function processApplicationName(): string {
  return `parley ${hostname().slice(0, 40)} ${process.pid}`;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The public posting route (POST .../articles/:article/comments); its refusals are counted by code. */
const POST_COMMENT_PATH = /^\/api\/v1\/sites\/[^/]+\/articles\/[^/]+\/comments$/;

/** The SQLSTATE or connection error code of a database error in an error's cause chain. */
function databaseErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, i = 0; e && i < 6; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^[0-9A-Z]{5}$/.test(code) && (e as { severity?: unknown }).severity !== undefined) return code;
      if (/^(CONNECTION_|CONNECT_TIMEOUT$|ECONNREFUSED$|ECONNRESET$|ETIMEDOUT$|EPIPE$|ENOTFOUND$|EHOSTUNREACH$)/.test(code)) return code;
    }
    if (e instanceof Error && /PGlite is closed|database ping timed out/.test(e.message)) return 'UNAVAILABLE';
  }
  return undefined;
}

/**
 * A histogram whose children are plain arrays of numbers: observe() is a bucket scan and three
 * additions (prom-client's own observe hashes its labels on every call, about 1 µs, as much as a
 * tenth of a read the edge answers). prom-client reads it through get() when scraped.
 */
class RequestHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly children = new Map<string, RequestChild>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: number[],
  ) {}

  child(route: string, method: string, status: number): RequestChild {
    const key = `${method} ${status} ${route}`;
    let child = this.children.get(key);
    if (!child) {
      child = new RequestChild({ route, method, status: String(status) }, this.buckets);
      this.children.set(key, child);
    }
    return child;
  }

  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: MetricValueWithName<string>[] }> {
    const values: MetricValueWithName<string>[] = [];
    for (const child of this.children.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cumulative += child.counts[i]!;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...child.labels, le: this.buckets[i]! }, value: cumulative });
      }
      values.push({ metricName: `${this.name}_bucket`, labels: { ...child.labels, le: '+Inf' }, value: child.count });
      values.push({ metricName: `${this.name}_sum`, labels: child.labels, value: child.sum });
      values.push({ metricName: `${this.name}_count`, labels: child.labels, value: child.count });
    }
    return { name: this.name, help: this.help, type: 'histogram', aggregator: 'sum', values };
  }

  reset(): void {
    this.children.clear();
  }
}

class RequestChild {
  /** Per bucket, not cumulative (the +Inf bucket is count). */
  readonly counts: Float64Array;
  count = 0;
  sum = 0;

  constructor(
    readonly labels: Record<string, string>,
    private readonly bounds: number[],
  ) {
    this.counts = new Float64Array(bounds.length);
  }

  observe(seconds: number): void {
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]!) {
        this.counts[i] += 1;
        break;
      }
    }
    this.count += 1;
    this.sum += seconds;
  }
}
