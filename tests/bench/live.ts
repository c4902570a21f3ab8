// Bench rows for a story that is read while it is written to: reads and posts mixed on one article,
// reads while moderators approve comments on it, and posting from one client address whose history
// grows (issue 13). run.ts calls these with its own `measure`, so the rows print and record like the rest.
import { sql } from 'drizzle-orm';
import type { RequestSpec } from 'autocannon';
import { createAccount } from '../../server/auth/accounts.js';
import { gzipSync } from 'node:zlib';
import { assemblePage, getThread } from '../../server/threads/read.js';
import { findArticleRow } from '../../server/threads/store.js';
import { createThreadCache } from '../../server/threads/cache.js';
import { openDatabase, rowsOf, type Db } from '../../server/db/client.js';
import { createSiteCache } from '../../server/sites/store.js';
import { createHasher } from '../../server/lib/crypto.js';
import { createDriverClient, type DriverResponse } from './driver-http.js';
import { postLoad, postRequests, readRequests, type LoadResult, type LoadSpec } from './load.js';
import type { ParleyProcess } from './processes.js';
import { BENCH_ORIGIN } from './seed.js';

/** The slice of run.ts's measure() these rows use. */
export type Measure = (
  id: string,
  label: string,
  server: ParleyProcess,
  spec: { url: string; connections: number; requests: RequestSpec[] },
  okStatuses: number[],
  unit?: 'req/s' | 'comments/s',
  rateStatuses?: number[],
) => Promise<{ load: LoadResult; peakRssMb?: number; loadavg1: number; cpuMsPerRequest?: number }>;

/** The secret the posting servers run with, so the bench can hash the one address as they do. */
export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
/** The address every comment of the one-address rows comes from (a CDN without trusted hops, an office). */
export const ONE_ADDRESS = '203.0.113.7';
export const ONE_SITE = 'bench-one';
const MODERATOR = { email: 'bench-moderator@example.com', password: 'bench-password-0123456789' };

const threadPath = (site: string, key: string) => `/api/v1/sites/${site}/articles/${key}/comments?limit=200`;

async function exec(db: Db, text: string): Promise<Record<string, unknown>[]> {
  return rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)));
}

// ---------------------------------------------------------------------------------------------
// Mixed: 19 reads and 1 post per 20 requests on each connection, all on one article.

export interface MixedResult {
  reads: LoadResult;
  posts: number;
  acknowledged: number;
  stored: number;
  peakRssMb?: number;
}

export async function benchMixed(measure: Measure, server: ParleyProcess, db: Db, site: string, key: string, connections: number): Promise<MixedResult> {
  const acknowledged: number[] = [];
  const requests: RequestSpec[] = [
    ...Array.from({ length: 19 }, () => readRequests([threadPath(site, key)])[0]!),
    ...postRequests(site, () => key, 5_000_000, { onStored: (id) => acknowledged.push(id) }),
  ];
  const row = await measure('mixed', 'mixed: 19 reads + 1 post on one article', server, { url: server.url, connections, requests }, [200, 201, 202], 'req/s', [200]);
  const stored = await countStored(db, acknowledged);
  const posts = (row.load.statuses['201'] ?? 0) + (row.load.statuses['202'] ?? 0);
  return { reads: row.load, posts, acknowledged: acknowledged.length, stored, peakRssMb: row.peakRssMb };
}

/** How many of the acknowledged comment ids are in the database. */
async function countStored(db: Db, ids: number[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < ids.length; i += 10_000) {
    const chunk = ids.slice(i, i + 10_000);
    const [row] = await exec(db, `select count(*)::int as n from comments where id = any('{${chunk.join(',')}}'::bigint[])`);
    found += Number(row!.n);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Steady writes: reads of one article while a moderator approves held comments on it at a fixed rate.

/** Adds `count` held top-level comments to an article; returns their ids in order. */
export async function seedPending(db: Db, siteId: number, key: string, count: number): Promise<number[]> {
  const rows = await exec(
    db,
    `insert into comments (site_id, article_id, author_name, author_email, body, status, reasons, ip_hash, created_at, updated_at)
     select ${siteId}, a.id, 'Held Reader ' || k, 'held-steady' || k || '@example.com',
            'A held comment a moderator approves during the steady-writes row, number ' || k || '.',
            'pending', '[]'::jsonb, md5('steady' || k), now(), now()
     from articles a cross join generate_series(1, ${count}) k
     where a.site_id = ${siteId} and a.key = '${key.replace(/'/g, "''")}'
     returning id`,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** Creates the moderator the steady-writes row approves as (an admin: every site). */
export async function createBenchModerator(db: Db): Promise<void> {
  await createAccount(db, { email: MODERATOR.email, password: MODERATOR.password, role: 'admin', name: 'Bench Moderator' });
}

// The drivers' requests go through a minimal keep-alive client (driver-http.ts) rather than fetch or
// node:http: a driver stands in for readers and moderators on other machines, yet it runs on the
// bench's cores, where each of its requests takes CPU from the reads a row measures (write-cost.ts
// prints the driver's CPU per request; the README has the figures).
const clients = new Map<string, ReturnType<typeof createDriverClient>>();

/** POSTs `body` (or nothing) to `url` and answers the status and the response text. */
function post(url: string, headers: Record<string, string>, body?: string): Promise<DriverResponse> {
  const { origin, pathname, search } = new URL(url);
  let client = clients.get(origin);
  if (!client) clients.set(origin, (client = createDriverClient(origin)));
  return client.post(pathname + search, headers, body);
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(server: ParleyProcess): Promise<Session> {
  const res = await fetch(`${server.url}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(MODERATOR),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`bench moderator login: HTTP ${res.status} ${text.slice(0, 300)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';', 1)[0]!;
  return { cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

/**
 * Approves the given held comments through the admin API at `perSecond`, on a fixed schedule: each
 * approval is sent when it is due, with up to `maxInFlight` waiting for their answers, so a slow
 * answer does not lower the rate (a loaded server answering one approval in 150 ms would otherwise
 * hold it near 7/s).
 */
export async function startApproving(
  server: ParleyProcess,
  ids: number[],
  perSecond: number,
  maxInFlight = 16,
): Promise<{ stop(): Promise<{ approved: number; seconds: number }> }> {
  const session = await login(server);
  const run = paced(perSecond, ids.length, maxInFlight, async (i) => {
    const id = ids[i]!;
    const res = await post(
      `${server.url}/api/v1/admin/comments/${id}/actions`,
      { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      JSON.stringify({ action: 'approve' }),
    );
    if (res.status !== 200) throw new Error(`approving ${id}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  });
  return {
    async stop() {
      const { done, seconds } = await run.stop();
      return { approved: done, seconds };
    },
  };
}

/**
 * Calls `send(i)` for i = 0, 1, ... (fewer than `count`) at `perSecond`, at most `maxInFlight` at once,
 * until stopped or one fails (stop() then throws its error); stop() answers how many succeeded and over
 * how many seconds.
 */
export function paced(perSecond: number, count: number, maxInFlight: number, send: (i: number) => Promise<void>): { stop(): Promise<{ done: number; seconds: number }> } {
  let stopped = false;
  let done = 0;
  let failure: Error | undefined;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  const loop = (async () => {
    for (let i = 0; i < count && !stopped && !failure; i++) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (stopped) break;
      const p: Promise<void> = send(i)
        .then(() => {
          done++;
        })
        .catch((err: Error) => {
          failure ??= err;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { done, seconds: (performance.now() - started) / 1000 };
    },
  };
}

/**
 * Readers reacting to an article's comments at `perSecond` (issue 15's burst of 100/s), each from an
 * address of its own (the server trusts one proxy hop in the bench, and caps 30 reactions a minute
 * per address), round-robin over `ids`, until stopped.
 */
export function startReacting(
  server: ParleyProcess,
  site: string,
  article: string,
  ids: number[],
  perSecond: number,
  maxInFlight = 16,
  /** The first reader's number (addresses follow from it), so a second run reacts as new readers. */
  firstReader = 0,
): { stop(): Promise<{ reacted: number; seconds: number }> } {
  const run = paced(perSecond, Number.POSITIVE_INFINITY, maxInFlight, async (n) => {
    const id = ids[n % ids.length]!;
    const i = firstReader + n;
    const res = await post(`${server.url}/api/v1/sites/${site}/articles/${encodeURIComponent(article)}/comments/${id}/reactions`, {
      'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    });
    if (res.status !== 200) throw new Error(`reacting to ${id}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  });
  return {
    async stop() {
      const { done, seconds } = await run.stop();
      return { reacted: done, seconds };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One address: posting from one client address, first with no history, then after 100,000 comments.

/** The site the one-address rows post to: published at once, no flood interval (one address could
 * post once per 15 s otherwise), and the default 24-hour duplicate window, which the history fills. */
export async function seedOneAddressSite(db: Db, slug = ONE_SITE): Promise<number> {
  const settings = JSON.stringify({ mode: 'post', floodSeconds: 0, minSubmitSeconds: 0 });
  const [row] = await exec(
    db,
    `insert into sites (slug, name, allowed_origins, locale, settings)
     values ('${slug}', 'Bench One Address', ARRAY['${BENCH_ORIGIN}']::text[], 'en', '${settings}'::jsonb) returning id`,
  );
  return Number(row!.id);
}

/**
 * Adds `count` approved comments from ONE_ADDRESS over the last 20 hours (inside the duplicate
 * window), spread over the articles `one-0` .. `one-(articles-1)` the load posts to, which it creates.
 */
export async function seedOneAddressHistory(db: Db, siteId: number, count: number, articles: number): Promise<void> {
  const ipHash = createHasher(BENCH_SECRET).hashIp(ONE_ADDRESS);
  await exec(
    db,
    `insert into articles (site_id, key, created_at, updated_at)
     select ${siteId}, 'one-' || g, now() - interval '1 day', now() from generate_series(0, ${articles - 1}) g
     on conflict (site_id, key) do nothing`,
  );
  await db.transaction(async (tx) => {
    // Triggers (root id, queue counts) are skipped for the load; roots are set here, counts recounted below.
    await tx.execute(sql.raw('set local session_replication_role = replica'));
    await tx.execute(
      sql.raw(
        `insert into comments (site_id, article_id, root_id, depth, author_name, author_email, body, status, reasons,
                               score_state, ip_hash, user_agent, created_at, updated_at)
         select ${siteId}, a.id, 0, 0, 'Office Reader', 'office' || (g % 5000) || '@example.com',
                'An earlier comment from the shared office address, number ' || g || ', long enough to look like one.',
                'approved', '[]'::jsonb, 'skipped', '${ipHash}', 'Mozilla/5.0 (bench)',
                now() - interval '20 hours' * (1 - g::float8 / ${count}), now()
         from generate_series(1, ${count}) g
         join articles a on a.site_id = ${siteId} and a.key = 'one-' || (g % ${articles})`,
      ),
    );
    await tx.execute(sql.raw(`update comments set root_id = id where site_id = ${siteId} and root_id = 0`));
  });
  await exec(
    db,
    `update articles a set comment_count = c.n, version = a.version + 1
     from (select article_id, count(*)::int as n from comments where site_id = ${siteId} and status = 'approved' group by article_id) c
     where a.id = c.article_id`,
  );
  await exec(db, 'select parley_recount_queue_counts()');
  await exec(db, 'analyze comments');
}

/** POSTs from ONE_ADDRESS to the one-address site's articles, each with its own text and email. */
export function oneAddressPosts(start: number, articles: number, site = ONE_SITE): Pick<LoadSpec, 'requests' | 'posts'> {
  return postLoad({ site, article: { prefix: 'one', of: articles }, ip: ONE_ADDRESS, start });
}

// ---------------------------------------------------------------------------------------------
// Page build: a 200-comment thread page built from the database in this process, no cache.

/** CPU and wall time of building one thread page (median of `runs`, after a warm-up). */
export interface PageBuildResult {
  /** A page from nothing (no cache): the article, every comment's row, serialized, gzipped. */
  cpuMs: number;
  wallMs: number;
  /** A new version's page as a hot story rebuilds it: the article and the page statement, assembled from kept comment JSON. */
  rebuildCpuMs: number;
  rebuildWallMs: number;
  /** Gzipping the page (done with each build, in zlib's thread pool). */
  gzipCpuMs: number;
}

export async function measurePageBuild(databaseUrl: string, site: string, key: string, runs: number): Promise<PageBuildResult> {
  const database = await openDatabase({ databaseUrl, dataDir: '', poolMax: 1 });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const timed = async (work: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await work();
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      await work();
      wall.push(performance.now() - w0);
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
    }
    return { cpuMs: median(cpu), wallMs: median(wall) };
  };
  try {
    const siteCache = createSiteCache();
    const cold = { db: database.db, database, siteCache, threadCache: createThreadCache(0), now: () => new Date() };
    let body: Buffer | undefined;
    const full = await timed(async () => {
      const r = (await getThread(cold as never, { site, article: key, query: { sort: 'oldest', limit: 200 } })) as unknown as { page?: { body: Buffer } | null };
      if (!r.page || r.page.body.length === 0) throw new Error('page build: no page');
      body = r.page.body;
    });
    const warm = { database, threadCache: createThreadCache() };
    const siteRow = (await siteCache.peek(site))!;
    const rebuild = await timed(async () => {
      const article = (await findArticleRow(database, siteRow.id, key))!;
      const page = await assemblePage(warm, siteRow, article, false, { sort: 'oldest', limit: 200 });
      if (body && !page.equals(body)) throw new Error('page build: the assembled page differs from the full build');
    });
    const zip = await timed(async () => gzipSync(body!, { level: 6 }));
    return { cpuMs: full.cpuMs, wallMs: full.wallMs, rebuildCpuMs: rebuild.cpuMs, rebuildWallMs: rebuild.wallMs, gzipCpuMs: zip.cpuMs };
  } finally {
    await database.close();
  }
}
