// Item 5 of the benchmark: how the server-side cost of the four hot queries grows with the table.
// A PostgreSQL database grows in steps (10k -> 100k -> 1M comments, ~100 per article); after each
// step the service functions run in this process, timed without any cache, and EXPLAIN ANALYZE of
// the exact statements they sent shows which indexes were used.
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { getCounts } from '../../server/comments/counts.js';
import { getThread } from '../../server/threads/read.js';
import { createThreadCache } from '../../server/threads/cache.js';
import { migrateDatabase, openDatabase, type Db } from '../../server/db/client.js';
import * as schema from '../../server/db/schema.js';
import { createSiteCache } from '../../server/sites/store.js';
import { analyze, seedBatch, seedHeld, seedSite } from './seed.js';

export interface Timing {
  medianMs: number;
  p90Ms: number;
  minMs: number;
  runs: number;
  /** What one call returned (rows, or a count), to show the work was real. */
  result: string;
}

export interface PlanSummary {
  statement: string;
  indexes: string[];
  seqScans: string[];
  executionMs: number;
}

export interface ScaleStep {
  comments: number;
  articles: number;
  seedSeconds: number;
  timings: Record<ScaleQuery, Timing>;
  plans: Record<ScaleQuery, PlanSummary[]>;
}

export const SCALE_QUERIES = ['thread', 'queuePage', 'queuePageSpam', 'queueCounts', 'articleCounts'] as const;
export type ScaleQuery = (typeof SCALE_QUERIES)[number];

export const SCALE_LABELS: Record<ScaleQuery, string> = {
  thread: 'thread read, 200 comments, uncached (getThread)',
  queuePage: 'queue page, pending (default view)',
  queuePageSpam: 'queue page, spam, 50 oldest of thousands',
  queueCounts: 'queue counts, 5 queues (kept totals)',
  articleCounts: 'article counts, 50 keys (getCounts)',
};

export interface ScaleResult {
  /** 'service' when server/admin/queue.ts answered the queue calls, else 'sql' (equivalent statements). */
  queueSource: 'service' | 'sql';
  steps: ScaleStep[];
}

interface QueueModule {
  listQueue(deps: unknown, auth: unknown, query: Record<string, unknown>): Promise<{ comments: unknown[]; nextCursor: string | null }>;
  countQueues(deps: unknown, auth: unknown, slug: string | undefined): Promise<Record<string, number>>;
}

/** The moderator queue service if this build has it (another issue adds it); else null. */
async function loadQueueModule(): Promise<QueueModule | null> {
  const specifier = '../../server/admin/queue.js';
  try {
    const mod = (await import(specifier)) as Partial<QueueModule>;
    return typeof mod.listQueue === 'function' && typeof mod.countQueues === 'function' ? (mod as QueueModule) : null;
  } catch {
    return null;
  }
}

const BENCH_ADMIN = {
  moderator: { id: 0, email: 'bench@example.com', name: 'Bench', role: 'admin', locale: 'en' },
  siteIds: null,
  csrfToken: '',
  tokenHash: '',
};

function summarize(samples: number[], result: string): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { medianMs: at(0.5), p90Ms: at(0.9), minMs: sorted[0]!, runs: sorted.length, result };
}

/** Index names and sequential scans in a text EXPLAIN plan. */
export function readPlan(lines: string[]): { indexes: string[]; seqScans: string[]; executionMs: number } {
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  let executionMs = 0;
  for (const line of lines) {
    const idx = /(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\S+)/.exec(line);
    if (idx) indexes.add(idx[1]!);
    const seq = /Seq Scan on (\S+)/.exec(line);
    if (seq) seqScans.add(seq[1]!);
    const ex = /Execution Time: ([\d.]+) ms/.exec(line);
    if (ex) executionMs += Number(ex[1]);
  }
  return { indexes: [...indexes], seqScans: [...seqScans], executionMs };
}

export interface ScaleOptions {
  databaseUrl: string;
  steps: number[];
  runs: number;
  log: (line: string) => void;
}

export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
  const { log } = options;
  // One connection for seeding, so session settings (replica role, work memory) stick.
  const seeding = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: '', poolMax: 1 });
  await migrateDatabase(seeding);
  const client = postgres(options.databaseUrl, { max: 4, onnotice: () => {} });
  let capture: { query: string; params: unknown[] }[] | null = null;
  const db = drizzle({
    client,
    schema,
    logger: { logQuery: (query, params) => capture?.push({ query, params }) },
  }) as unknown as Db;
  const queue = await loadQueueModule();
  try {
    const slug = 'scale';
    const siteId = await seedSite(seeding.db, slug, 'Scale News');
    let comments = await seedBatch(seeding.db, { siteId, prefix: 'hot', articles: 1, perArticle: 200, statuses: 'approved', spanDays: 2 });
    comments += await seedHeld(seeding.db, siteId, 'hot', 10);
    let articles = 1;
    // The thread's prepared statements (Database.query) are captured like drizzle's, for EXPLAIN.
    const database = {
      query: async (text: string, params: readonly unknown[]) => {
        capture?.push({ query: text, params: [...params] });
        return (await client.unsafe(text, params as never[], { prepare: true })) as unknown as Record<string, unknown>[];
      },
    };
    const deps = { db, database, siteCache: createSiteCache(), threadCache: createThreadCache(0), now: () => new Date() };
    let countKeys: string[] = [];

    const sqlQueuePage = async (status: string) => {
      const rows = await client`
        select c.*, s.slug, a.key, a.title, a.url from comments c
        join sites s on s.id = c.site_id join articles a on a.id = c.article_id
        where c.site_id = ${siteId} and c.status = ${status}
        order by c.created_at, c.id limit 51`;
      return rows.length;
    };
    const queuePage = async (queueName: string) => {
      if (!queue) return `${await sqlQueuePage(queueName)} rows`;
      const page = await queue.listQueue(deps, BENCH_ADMIN, { queue: queueName, site: slug, sort: 'oldest', limit: 50 });
      return `${page.comments.length} comments`;
    };
    const sqlQueueCounts = async () => {
      const out: Record<string, number> = {};
      for (const status of ['pending', 'spam', 'rejected', 'approved']) {
        const [r] = await client`select count(*)::int as n from (select 1 from comments where site_id = ${siteId} and status = ${status} limit 10001) t`;
        out[status] = Number(r!.n);
      }
      return out;
    };

    const ops: Record<ScaleQuery, () => Promise<string>> = {
      async thread() {
        // Read through `unknown`: the public result's shape (string body, or a cached page of bytes)
        // is the service's business; the bench only needs the bytes to check the work was done.
        const r = (await getThread(deps as never, { site: slug, article: 'hot-1', query: { sort: 'oldest', limit: 200 } })) as unknown as {
          page?: { body: Buffer | string } | null;
          body?: string;
        };
        const body = String(r.page?.body ?? r.body ?? '');
        const n = (JSON.parse(body) as { comments: unknown[] }).comments.length;
        return `${n} comments, ${Buffer.byteLength(body)} bytes`;
      },
      queuePage: () => queuePage('pending'),
      queuePageSpam: () => queuePage('spam'),
      async queueCounts() {
        const counts = queue ? await queue.countQueues(deps, BENCH_ADMIN, slug) : await sqlQueueCounts();
        return Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
      },
      async articleCounts() {
        const counts = await getCounts(deps as never, slug, countKeys);
        return `${Object.values(counts).filter((n) => n > 0).length} of ${countKeys.length} non-zero`;
      },
    };

    const steps: ScaleStep[] = [];
    for (const [i, target] of options.steps.entries()) {
      const add = target - comments;
      if (add > 0) {
        const started = performance.now();
        const batchArticles = Math.max(1, Math.round(add / 100));
        log(`  seeding ${batchArticles.toLocaleString('en')} articles x 100 comments...`);
        comments += await seedBatch(seeding.db, {
          siteId,
          prefix: `s${i}`,
          articles: batchArticles,
          perArticle: 100,
          statuses: 'mix',
          spanDays: 180,
          rebuildIndexes: add >= 50_000,
        });
        articles += batchArticles;
        await analyze(seeding.db, true);
        log(`  ${comments.toLocaleString('en')} comments over ${articles.toLocaleString('en')} articles, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        steps.push({ comments, articles, seedSeconds: (performance.now() - started) / 1000, timings: {} as never, plans: {} as never });
      } else {
        await analyze(seeding.db, true);
        steps.push({ comments, articles, seedSeconds: 0, timings: {} as never, plans: {} as never });
      }
      const step = steps[steps.length - 1]!;
      const keyRows = await client`select key from articles where site_id = ${siteId} order by md5(key) limit 50`;
      countKeys = keyRows.map((r) => String(r.key));

      for (const name of SCALE_QUERIES) {
        const op = ops[name];
        let result = '';
        for (let w = 0; w < 3; w++) result = await op();
        const samples: number[] = [];
        for (let r = 0; r < options.runs; r++) {
          const t = performance.now();
          await op();
          samples.push(performance.now() - t);
        }
        step.timings[name] = summarize(samples, result);
        // The statements this call sends, explained with their real parameters.
        capture = [];
        await op();
        const sent = capture;
        capture = null;
        const plans: PlanSummary[] = [];
        for (const s of sent) {
          const rows = await client.unsafe(`explain (analyze, buffers) ${s.query}`, s.params as never[]);
          const plan = readPlan(rows.map((r) => String(Object.values(r)[0])));
          plans.push({ statement: s.query.replace(/\s+/g, ' ').slice(0, 160), ...plan });
        }
        if (!queue && name !== 'thread' && name !== 'articleCounts') {
          const text = name !== 'queueCounts'
            ? `select c.id from comments c join sites s on s.id = c.site_id join articles a on a.id = c.article_id where c.site_id = ${siteId} and c.status = '${name === 'queuePage' ? 'pending' : 'spam'}' order by c.created_at, c.id limit 51`
            : `select count(*) from (select 1 from comments where site_id = ${siteId} and status = 'approved' limit 10001) t`;
          const rows = await client.unsafe(`explain (analyze, buffers) ${text}`);
          plans.push({ statement: text.slice(0, 160), ...readPlan(rows.map((r) => String(Object.values(r)[0]))) });
        }
        step.plans[name] = plans;
      }
      const t = step.timings;
      log(
        `  ${comments.toLocaleString('en')}: thread ${t.thread.medianMs.toFixed(2)} ms, queue page ${t.queuePage.medianMs.toFixed(2)} ms ` +
          `(spam ${t.queuePageSpam.medianMs.toFixed(2)} ms), ` +
          `queue counts ${t.queueCounts.medianMs.toFixed(2)} ms, article counts ${t.articleCounts.medianMs.toFixed(2)} ms`,
      );
    }
    return { queueSource: queue ? 'service' : 'sql', steps };
  } finally {
    await client.end({ timeout: 5 });
    await seeding.close();
  }
}
