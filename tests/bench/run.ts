/**
 * Parley benchmark (`npm run bench`; `npm run bench -- --quick` for a short smoke run).
 *
 * What it measures, each against a real server process on 127.0.0.1 (fixed durations; everything
 * stops by itself):
 *   1. Thread read: GET of a 200-comment thread (149 top-level + 51 replies, depths 1-3, plus 10
 *      held comments the public must not see), 50 connections: requests/s, p50/p99 latency; plain
 *      (200 with the cached body) and conditional (If-None-Match -> 304); also round-robin over 100
 *      such articles. PostgreSQL, then PGlite.
 *   2. Posting: new comments/s with the lexicon scorer, spread over 1,000 articles and on one hot
 *      article; then with the Perspective scorer against the fake answering after 100 ms (its own
 *      process), 100 connections: posts queued behind one another would give ~10/s, and the fake's
 *      arrival times show how many scorer calls were in flight at once (serialized: 1).
 *   3. Ceilings: tests/bench/ceiling-server.ts answering the same bytes, as a minimal @hono/node-server
 *      app (the issue's yardstick) and as a bare node:http server (the most any Node server could do,
 *      and the fair one for cached reads, which Parley answers below Hono); each runs before and after
 *      Parley's read rows, and Parley's read throughput is printed as a fraction of each.
 *   4. Widget: widget/dist/embed.js, admin.js and the Hindi strings embed.js imports (embed-hi.js),
 *      raw / gzip -9 / brotli q11, and what a Hindi page downloads in all (from `npm run build`).
 *   5. Scale: a PostgreSQL database grown 10k -> 100k -> 1M comments (~100 per article, 10,000
 *      articles; bodies 200-600 characters, 3 in 10 Hindi; timestamps over 180 days; ~94% approved,
 *      3% spam, 2% rejected, 1% deleted, and, as on a site whose moderators keep up, 6% of the last
 *      two days' comments pending and 0.5% of the last week's reported). After each step, in this
 *      process and with no cache: getThread (200 comments); the first page of the pending queue and
 *      of the spam queue (thousands deep), and the queue counts (server/admin/queue.ts when present,
 *      else equivalent SQL, said in the output); getCounts for 50 articles. Median of N runs;
 *      EXPLAIN ANALYZE of the exact statements sent shows which indexes answered (JSON:
 *      scale.steps[].plans).
 *   6. Memory: the server's peak RSS (VmRSS sampled every 100 ms, and VmHWM) under the read load;
 *      cold start: spawn of `node server/dist/main.js` to /readyz 200 on a fresh PGlite data
 *      directory (the `npm start` path minus the build), and a restart on the same directory; RSS once ready.
 *   6b. Metrics (tests/bench/metrics.ts): the hot thread read on a server without PARLEY_METRICS_TOKEN
 *      and on one with it, unscraped and scraped every second, in ABBA order (off, on, scraped,
 *      scraped, on, off): the scrape's cost and the instrumentation's, as rates and CPU per read.
 *   7. Scorer: the offline lexicon scorer in a child process of its own (compiled, as the server runs it):
 *      CPU time per 1,000-character comment (p50/p99 over 5,000 comments made from the labeled set's
 *      texts, 1,000 with --quick) and the resident memory it adds once built and used.
 *   8. A hot story (live.ts), on a server of its own: reads of one article with posts mixed in, while
 *      comments are approved at 50/s, while readers react at 100/s; a pure read row of another
 *      200-comment article on that server before, between and after them, and each row's ratio to
 *      the mean of the pure rows on either side (also printed against the run's first pure read row).
 *   Each load row also reports the server's CPU time per request (from /proc), which is less
 *   sensitive than req/s to other processes on the machine; the 1-minute load average is recorded.
 *
 * Flags: --quick (5 s rows, 20 threads, scale to 100k), --skip-scale, --skip-pglite,
 *   --only=postgres,notify,metrics,pglite,startup,scale,scorer,import (a subset of the phases), --seconds=N (row duration),
 *   --import-comments=N[,M] (the import row's Disqus file sizes; default 100000, --quick 20000),
 *   --profile (run the PostgreSQL servers under --cpu-prof and print where their time went during
 *   the load, not start-up; the .cpuprofile files are kept in the printed directory).
 * Env: PARLEY_BENCH_PG (default postgres://postgres@127.0.0.1:5432): the bench creates databases
 *   parley_bench_<stamp>_main and _scale there and drops them at the end.
 * Output: the table on stdout; every figure in tests/bench/results-<timestamp>.json (gitignored).
 *
 * Data is seeded with set-based SQL (tests/bench/seed.ts), not through the API: foreign-key and
 * trigger checks are skipped for the load and the secondary indexes are rebuilt after large
 * batches, so the indexes are freshly built (denser than organically grown ones).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '../../server/db/client.js';
import { BROWSER_HEADERS, postLoad, postRequests, rawGet, readRequests, runLoad, type LoadResult, type LoadSpec } from './load.js';
import { freePort, procStats, REPO_ROOT, sampleRss, startHelper, startParley, type Child, type ParleyProcess } from './processes.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';
import { runScale, SCALE_LABELS, SCALE_QUERIES, type ScaleResult } from './scale.js';
import { analyze, articleKeys, describeData, seedBatch, seedHeld, seedSite } from './seed.js';
import { EMBED_TARGET } from '../../widget/budget.js';
import { measureWidget, type BundleSize } from './widget-size.js';
import { benchCleanBody, benchLinkCounter, benchScorer, type ScorerBench } from './scorer.js';
import { benchNotifications, type NotifyBenchResult } from './notify.js';
import { benchMetrics, type MetricsBenchResult } from './metrics.js';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/db/client.js';
import { benchImport, formatImportRow, type ImportBenchRow } from './imports.js';
import {
  benchMixed,
  BENCH_SECRET,
  createBenchModerator,
  measurePageBuild,
  oneAddressPosts,
  ONE_SITE,
  seedOneAddressHistory,
  seedOneAddressSite,
  seedPending,
  type Measure,
  type PageBuildResult,
} from './live.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    'skip-pglite': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    only: { type: 'string' },
    'import-comments': { type: 'string' },
  },
});
const PHASES = ['postgres', 'notify', 'metrics', 'pglite', 'startup', 'scale', 'scorer', 'import'] as const;
const only = new Set((flags.only ?? PHASES.join(',')).split(',').map((x) => x.trim()));
for (const p of only) if (!PHASES.includes(p as never)) throw new Error(`--only takes ${PHASES.join(', ')}; got "${p}"`);
const runs = (phase: (typeof PHASES)[number]) =>
  only.has(phase) && !(phase === 'scale' && flags['skip-scale']) && !(phase === 'pglite' && flags['skip-pglite']);

const quick = flags.quick!;
const SETTINGS = {
  seconds: flags.seconds ? Number(flags.seconds) : quick ? 5 : 15,
  warmupSeconds: quick ? 1 : 3,
  connections: 50,
  slowScorerConnections: 100,
  slowScorerMs: 100,
  threadArticles: quick ? 20 : 100,
  postArticles: 1000,
  scaleSteps: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000],
  scaleRuns: quick ? 10 : 30,
  coldStarts: quick ? 1 : 3,
};
const PG_BASE = (process.env.PARLEY_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
const dbName = (suffix: string) => `parley_bench_${stamp.replace(/-/g, '_').toLowerCase()}_${suffix}`;
const SITE = 'bench';
/** Issue 15's burst: reactions per second on the article being read. */
const REACTIONS_PER_SECOND = 100;
const STEADY_APPROVALS_PER_SECOND = 50;
const ONE_ADDRESS_HISTORY = 100_000;
const ONE_ADDRESS_ARTICLES = 1000;
const threadPath = (key: string) => `/api/v1/sites/${SITE}/articles/${key}/comments?limit=200`;

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Results

interface Row {
  id: string;
  label: string;
  driver: 'postgres' | 'pglite' | 'ceiling' | 'ceiling-node';
  unit: 'req/s' | 'comments/s';
  load: LoadResult;
  /** Server CPU time (user + system) per answered request, ms. */
  cpuMsPerRequest?: number;
  peakRssMb?: number;
  loadavg1: number;
  /** Epoch ms when the measured part (after the warm-up) started and ended. */
  startedAt: number;
  endedAt: number;
}

interface Target {
  name: string;
  want: string;
  got: string;
  pass: boolean | null;
}

interface Results {
  stamp: string;
  quick: boolean;
  settings: typeof SETTINGS;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryMb: number;
    node: string;
    postgres: string;
    loadavgStart: number[];
    loadavgEnd?: number[];
    /** A fixed single-threaded JSON workload at start and end: how fast this machine was then. */
    calibration: { wallMs: number; cpuMs: number }[];
  };
  seeded: Record<string, unknown>;
  rows: Row[];
  ceilingRatio?: number;
  /** Parley's thread read against the bare node:http ceiling. */
  nodeCeilingRatio?: number;
  /** Scorer calls overlapping during the slow-scorer posting row. */
  scorerConcurrency?: { calls: number; peak: number; mean: number };
  widget: BundleSize[];
  memory: { driver: string; peakRssMb: number; hwmMb: number }[];
  /** RSS once ready, in MB: after creating a fresh data directory, and after a restart on it. */
  startup: { freshMs: number[]; restartMs: number[]; freshPrintedMs: number[]; freshRssMb: number[]; restartRssMb: number[] };
  scale?: ScaleResult;
  /** `npm run import` of generated Disqus files on PostgreSQL (tests/bench/imports.ts). */
  imports: ImportBenchRow[];
  /**
   * A hot story (live.ts). `ratio`: against the pure cached reads of one 200-comment article on the same
   * server just before and just after the row (`pureAround`, their mean), so a drift of the machine's
   * speed during the run does not count as the writes' cost; `ratioToFirst`: against the run's first
   * pure read row (another server process, minutes earlier), as this bench reported it until 2026-12-06.
   */
  live: {
    mixed?: { readsPerSecond: number; ratio: number; ratioToFirst: number; pureAround: number; p99: number; posts: number; acknowledged: number; stored: number; peakRssMb: number; loadavg1: number };
    steady?: { readsPerSecond: number; ratio: number; ratioToFirst: number; pureAround: number; approvedPerSecond: number; loadavg1: number };
    /** Reads of one article while readers react to its comments at 100/s (issue 15). */
    reactions?: { readsPerSecond: number; ratio: number; ratioToFirst: number; pureAround: number; reactedPerSecond: number; loadavg1: number };
    oneAddress?: { emptyPerSecond: number; historyPerSecond: number; ratio: number; loadavg1: number };
    /** A 200-comment thread page built in this process, median per build. */
    pageBuild?: PageBuildResult;
  };
  scorer?: ScorerBench;
  /** The link counter on 100,000 characters of a-b.c-d. (issue 12, finding 9): median ms of 15 runs. */
  linkCounterMs?: number;
  cleanBodyMs?: number;
  profiles: Record<string, ProfileSummary & { file: string }>;
  /** Posting with notifications on against off (notify.ts). */
  notify?: NotifyBenchResult;
  /** Thread reads with /metrics scraped every second against not, and metrics on against off (metrics.ts). */
  metrics?: MetricsBenchResult;
  targets: Target[];
  notes: string[];
}

const results: Results = {
  stamp,
  quick,
  settings: SETTINGS,
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    postgres: '',
    loadavgStart: os.loadavg(),
    calibration: [],
  },
  seeded: {},
  rows: [],
  widget: [],
  memory: [],
  startup: { freshMs: [], restartMs: [], freshPrintedMs: [], freshRssMb: [], restartRssMb: [] },
  live: {},
  profiles: {},
  imports: [],
  targets: [],
  notes: [],
};

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * A fixed CPU workload (stringify and parse a 200-comment thread 40 times). On a quiet machine wall
 * and CPU time are close and stable; wall well above CPU means other processes held the cores, CPU
 * time above its quiet value means they also slowed every instruction (shared caches, SMT siblings).
 */
function calibrate(): { wallMs: number; cpuMs: number } {
  const thread = {
    comments: Array.from({ length: 200 }, (_, i) => ({
      id: i + 1,
      parentId: i % 4 === 3 ? i : null,
      depth: i % 4 === 3 ? 1 : 0,
      author: { name: `Reader ${i}` },
      body: `${'The council has promised a new bus route again. '.repeat(6)}${i}`,
      createdAt: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
      status: 'approved',
    })),
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < 40; i++) JSON.parse(JSON.stringify(thread));
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const tmpDirs: string[] = [];
function tmpDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `parley-bench-${prefix}-`));
  tmpDirs.push(dir);
  return dir;
}

const children: Child[] = [];
function track<T extends Child>(child: T): T {
  children.push(child);
  return child;
}

const profileDir = flags.profile ? tmpDir('profiles') : undefined;
function nodeArgsFor(name: string): string[] {
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : [];
}

/** Stops a server; with --profile, summarizes its profile from `loadStartedAt` (performance.now()) on. */
async function stopServer(server: Child, name: string, loadStartedAt: number): Promise<void> {
  const windowMs = performance.now() - loadStartedAt;
  await server.stop();
  if (!profileDir) return;
  const dir = path.join(profileDir, name);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file) results.profiles[name] = { file: path.join(dir, file), ...summarizeProfile(path.join(dir, file), 15, windowMs) };
}

/** One measured load: a short warm-up, then the row, with the server's CPU and RSS around it. */
async function measure(
  id: string,
  label: string,
  driver: Row['driver'],
  server: Child,
  spec: Pick<LoadSpec, 'url' | 'connections' | 'requests' | 'posts'>,
  okStatuses: number[],
  unit: Row['unit'] = 'req/s',
  rateStatuses: number[] = okStatuses,
): Promise<Row> {
  log(`- ${label} (${driver}, ${spec.connections} connections, ${SETTINGS.seconds} s)`);
  if (SETTINGS.warmupSeconds > 0) await runLoad({ ...spec, seconds: SETTINGS.warmupSeconds }, okStatuses, rateStatuses);
  const before = procStats(server.pid);
  const sampler = sampleRss(server.pid);
  const startedAt = Date.now();
  const load = await runLoad({ ...spec, seconds: SETTINGS.seconds }, okStatuses, rateStatuses);
  const endedAt = Date.now();
  const peakKb = sampler.stop();
  const after = procStats(server.pid);
  const row: Row = {
    id,
    label,
    driver,
    unit,
    load,
    cpuMsPerRequest: before && after && load.ok > 0 ? (after.cpuMs - before.cpuMs) / load.ok : undefined,
    peakRssMb: peakKb / 1024,
    loadavg1: os.loadavg()[0]!,
    startedAt,
    endedAt,
  };
  log(
    `  ${load.rate.toFixed(0)} ${unit}, p50 ${load.p50} ms, p99 ${load.p99} ms, errors ${load.errors}` +
      (load.errors ? ` ${JSON.stringify(load.statuses)}` : '') +
      `, server CPU ${row.cpuMsPerRequest?.toFixed(3) ?? '?'} ms/req, load avg ${row.loadavg1.toFixed(1)}` +
      (spec.posts ? `; sent by ${load.generator}, ${(load.generatorCpuMs / Math.max(1, load.total)).toFixed(3)} ms CPU/req` : ''),
  );
  results.rows.push(row);
  return row;
}

/** A thread must come back whole (200 comments, no held ones) with an ETag, and answer 304 to it. */
async function checkThread(server: ParleyProcess, key: string): Promise<{ body: string; etag: string }> {
  const res = await fetch(server.url + threadPath(key), { headers: { origin: 'https://news.example' } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`thread ${key}: HTTP ${res.status} ${body.slice(0, 300)}`);
  const data = JSON.parse(body) as { comments: { status?: string }[]; total: number };
  if (data.comments.length !== 200) throw new Error(`thread ${key}: ${data.comments.length} comments, expected 200`);
  const etag = res.headers.get('etag');
  if (!etag) throw new Error(`thread ${key}: no ETag`);
  const again = await fetch(server.url + threadPath(key), { headers: { 'if-none-match': etag } });
  await again.arrayBuffer();
  if (again.status !== 304) throw new Error(`thread ${key}: If-None-Match answered ${again.status}, expected 304`);
  return { body, etag };
}

/** One post through the same request shape the load uses must be published (201). */
async function checkPost(server: ParleyProcess, key: string, n: number): Promise<void> {
  const [spec] = postRequests(SITE, () => key, n);
  const req = spec!.setupRequest!({ method: 'POST', headers: {} }, {});
  const res = await fetch(server.url + req.path!, { method: 'POST', headers: req.headers, body: req.body as string });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`posting check: HTTP ${res.status} ${text.slice(0, 400)}`);
}

async function seedReadData(db: Awaited<ReturnType<typeof openDatabase>>['db'], label: string): Promise<string[]> {
  const started = performance.now();
  const siteId = await seedSite(db, SITE);
  await seedBatch(db, { siteId, prefix: 'thread', articles: SETTINGS.threadArticles, perArticle: 200, statuses: 'approved', spanDays: 30 });
  await seedHeld(db, siteId, 'thread', 10);
  await analyze(db);
  const described = await describeData(db, siteId);
  results.seeded[label] = { ...described, seconds: (performance.now() - started) / 1000 };
  log(`  seeded ${label}: ${described.comments} comments over ${described.articles} articles (bodies ${described.minBodyChars}-${described.maxBodyChars} chars, avg ${described.avgBodyChars})`);
  return articleKeys(db, siteId, 'thread');
}

// ---------------------------------------------------------------------------------------------
// Phases

async function benchPostgres(admin: postgres.Sql): Promise<void> {
  const name = dbName('main');
  await admin.unsafe(`create database "${name}"`);
  const url = `${PG_BASE}/${name}`;
  log(`PostgreSQL: database ${name}`);
  const seeding = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 1 });
  let keys: string[];
  try {
    await migrateDatabase(seeding);
    keys = await seedReadData(seeding.db, 'postgres');
  } finally {
    await seeding.close();
  }

  // Reads, and the ceiling, with a server that only serves reads (its VmHWM is the read peak).
  const reader = track(await startParley({ databaseUrl: url, scorer: 'lexicon', nodeArgs: nodeArgsFor('postgres-read') }));
  const hot = keys[0]!;
  const { body, etag } = await checkThread(reader, hot);
  for (const k of keys.slice(1)) await checkThread(reader, k);

  // The ceiling answers the very bytes Parley sent a browser (gzipped if Parley gzips).
  const sent = await rawGet(reader.url + threadPath(hot), BROWSER_HEADERS);
  if (sent.status !== 200) throw new Error(`thread ${hot}: HTTP ${sent.status} with browser headers`);
  const bodyFile = path.join(tmpDir('ceiling'), 'thread.bin');
  writeFileSync(bodyFile, sent.body);
  const encoding = String(sent.headers['content-encoding'] ?? '');
  results.seeded.threadResponse = { bytes: sent.body.length, uncompressedBytes: Buffer.byteLength(body), contentEncoding: encoding || 'identity' };
  log(`  thread response: ${sent.body.length} bytes${encoding ? ` (${encoding}; ${Buffer.byteLength(body)} uncompressed)` : ''}`);
  const ceilingEnv = { CEILING_BODY_FILE: bodyFile, CEILING_ETAG: etag, CEILING_ENCODING: encoding };
  const ceiling = await startHelper<{ port: number }>('ceiling-server.ts', { ...ceilingEnv, CEILING_PORT: String(await freePort()) });
  track(ceiling.child);
  const nodeCeiling = await startHelper<{ port: number }>('ceiling-server.ts', { ...ceilingEnv, CEILING_PORT: String(await freePort()), CEILING_KIND: 'node' });
  track(nodeCeiling.child);
  // The ceilings run before and after Parley's rows, so a change in the machine's load shows.
  const specFor = (port: number) => ({ url: `http://127.0.0.1:${port}`, connections: SETTINGS.connections, requests: readRequests([threadPath(hot)]) });
  const ceilingBefore = await measure('ceiling', 'ceiling: bare @hono/node-server, same bytes', 'ceiling', ceiling.child, specFor(ceiling.info.port), [200]);
  const nodeBefore = await measure('ceiling-node', 'ceiling: bare node:http, same bytes', 'ceiling-node', nodeCeiling.child, specFor(nodeCeiling.info.port), [200]);

  const readStartedAt = performance.now();
  const plain = await measure('read', 'thread read, 200 comments', 'postgres', reader, {
    url: reader.url,
    connections: SETTINGS.connections,
    requests: readRequests([threadPath(hot)]),
  }, [200]);
  await measure('read-304', 'thread read, If-None-Match -> 304', 'postgres', reader, {
    url: reader.url,
    connections: SETTINGS.connections,
    requests: readRequests([threadPath(hot)], () => ({ 'if-none-match': etag })),
  }, [304]);
  await measure('read-many', `thread read, ${keys.length} articles round-robin`, 'postgres', reader, {
    url: reader.url,
    connections: SETTINGS.connections,
    requests: readRequests(keys.map(threadPath)),
  }, [200]);
  const readStats = procStats(reader.pid);
  const readPeak = Math.max(...results.rows.filter((r) => r.driver === 'postgres').map((r) => r.peakRssMb ?? 0));
  results.memory.push({ driver: 'postgres', peakRssMb: readPeak, hwmMb: (readStats?.hwmKb ?? 0) / 1024 });
  await stopServer(reader, 'postgres-read', readStartedAt);
  const nodeAfter = await measure('ceiling-node-after', 'ceiling: bare node:http again, after Parley', 'ceiling-node', nodeCeiling.child, specFor(nodeCeiling.info.port), [200]);
  const ceilingAfter = await measure('ceiling-after', 'ceiling again, after Parley', 'ceiling', ceiling.child, specFor(ceiling.info.port), [200]);
  await ceiling.child.stop();
  await nodeCeiling.child.stop();
  results.ceilingRatio = plain.load.rate / ((ceilingBefore.load.rate + ceilingAfter.load.rate) / 2);
  results.nodeCeilingRatio = plain.load.rate / ((nodeBefore.load.rate + nodeAfter.load.rate) / 2);

  // A hot story: reads with posts mixed in, and reads while a moderator approves, each on its own
  // 200-comment article, against the pure read rate above (live.ts).
  await benchLiveReads(url, keys, plain.load.rate);

  // Posting with the lexicon scorer.
  const writer = track(await startParley({ databaseUrl: url, scorer: 'lexicon', nodeArgs: nodeArgsFor('postgres-post'), env: { PARLEY_SECRET: BENCH_SECRET } }));
  await checkPost(writer, 'post-check', 9_000_000);
  const postStartedAt = performance.now();
  await measure('post', `post, lexicon, ${SETTINGS.postArticles} articles`, 'postgres', writer, {
    url: writer.url,
    connections: SETTINGS.connections,
    ...postLoad({ site: SITE, article: { prefix: 'post', of: SETTINGS.postArticles }, start: 0 }),
  }, [201, 202], 'comments/s');
  await measure('post-hot', 'post, lexicon, 1 hot article', 'postgres', writer, {
    url: writer.url,
    connections: SETTINGS.connections,
    ...postLoad({ site: SITE, article: { key: 'post-hot' }, start: 1_000_000 }),
  }, [201, 202], 'comments/s');
  await benchOneAddress(writer, url);
  await stopServer(writer, 'postgres-post', postStartedAt);

  // Posting with a remote scorer that takes 100 ms.
  const fake = await startHelper<{ origin: string }>('fake-perspective-child.ts', { FAKE_DELAY_MS: String(SETTINGS.slowScorerMs) });
  track(fake.child);
  let slowStartedAt = performance.now();
  const slow = track(await startParley({ databaseUrl: url, scorer: 'perspective', perspectiveOrigin: fake.info.origin, nodeArgs: nodeArgsFor('postgres-perspective') }));
  let slowRow: Row | undefined;
  try {
    await checkPost(slow, 'persp-check', 9_000_001);
    slowStartedAt = performance.now();
    slowRow = await measure('post-slow', `post, Perspective fake +${SETTINGS.slowScorerMs} ms`, 'postgres', slow, {
      url: slow.url,
      connections: SETTINGS.slowScorerConnections,
      ...postLoad({ site: SITE, article: { prefix: 'persp', of: SETTINGS.postArticles }, start: 2_000_000 }),
    }, [201, 202], 'comments/s');
  } finally {
    await stopServer(slow, 'postgres-perspective', slowStartedAt);
    await fake.child.stop();
  }
  const line = fake.child.output().split('\n').find((l) => l.startsWith('{"arrivals"'));
  if (slowRow && line) {
    const arrivals = (JSON.parse(line) as { arrivals: number[] }).arrivals;
    results.scorerConcurrency = scorerConcurrency(arrivals, SETTINGS.slowScorerMs, slowRow.startedAt, slowRow.endedAt);
    log(`  scorer calls in flight at once: peak ${results.scorerConcurrency.peak}, mean ${results.scorerConcurrency.mean.toFixed(1)} (serialized would be 1)`);
  }
}

const measureOn = (driver: Row['driver']): Measure => (id, label, server, spec, okStatuses, unit, rateStatuses) =>
  measure(id, label, driver, server, spec, okStatuses, unit, rateStatuses);

/**
 * Starts a write driver (tests/bench/write-driver-child.ts) in a process of its own, so its requests
 * do not take the CPU of the load generator, which runs in this process. stop() ends it and returns
 * what it did.
 */
async function startDriver(env: Record<string, string>): Promise<{ stop(): Promise<{ approved?: number; reacted?: number; seconds: number }> }> {
  const { child } = await startHelper<{ started: boolean }>('write-driver-child.ts', env);
  track(child);
  let result: Promise<{ approved?: number; reacted?: number; seconds: number }> | undefined;
  return {
    stop() {
      result ??= child.stop().then(() => {
        const line = child.output().split('\n').find((l) => l.startsWith('{"counts"'));
        if (!line) throw new Error(`write driver failed:\n${child.output().slice(-2000)}`);
        return (JSON.parse(line) as { counts: { approved?: number; reacted?: number; seconds: number } }).counts;
      });
      return result;
    },
  };
}

/** The mixed and steady-writes rows, on a server of their own (its peak RSS is the mixed load's). */
async function benchLiveReads(url: string, keys: string[], pureRate: number): Promise<void> {
  const seeding = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 2 });
  const live = track(await startParley({ databaseUrl: url, scorer: 'lexicon', nodeArgs: nodeArgsFor('postgres-live') }));
  const liveStartedAt = performance.now();
  try {
    const [site] = rowsOf<{ id: number }>(await seeding.db.execute(sql`select id from sites where slug = ${SITE}`));
    const siteId = Number(site!.id);
    const mixedKey = keys[1]!;
    const steadyKey = keys[2]!;
    // Pure reads on this server between the rows (keys[0], 200 comments, untouched by them): each row's
    // reads are set against the mean of the pure rows on either side of it.
    const pureKey = keys[0]!;
    await checkThread(live, pureKey);
    let pureRows = 0;
    const pureHere = async () =>
      (await measure(`live-pure-${++pureRows}`, 'thread read, 200 comments, on the hot-story server between its rows', 'postgres', live, {
        url: live.url,
        connections: SETTINGS.connections,
        requests: readRequests([threadPath(pureKey)]),
      }, [200])).load.rate;
    let pureBefore = await pureHere();
    /** The mean of the pure rate before the row just measured and of a pure row measured now. */
    const around = async () => {
      const after = await pureHere();
      const mean = (pureBefore + after) / 2;
      pureBefore = after;
      return mean;
    };
    await checkThread(live, mixedKey);
    const mixed = await benchMixed(measureOn('postgres'), live, seeding.db, SITE, mixedKey, SETTINGS.connections);
    const mixedPure = await around();
    results.live.mixed = {
      readsPerSecond: mixed.reads.rate,
      ratio: mixed.reads.rate / mixedPure,
      ratioToFirst: mixed.reads.rate / pureRate,
      pureAround: mixedPure,
      p99: mixed.reads.p99,
      posts: mixed.posts,
      acknowledged: mixed.acknowledged,
      stored: mixed.stored,
      peakRssMb: mixed.peakRssMb ?? 0,
      loadavg1: os.loadavg()[0]!,
    };
    log(`  mixed: ${fmt(mixed.reads.rate)} reads/s = ${(100 * mixed.reads.rate / mixedPure).toFixed(1)}% of the pure reads around it (${fmt(mixedPure)}/s; ${(100 * mixed.reads.rate / pureRate).toFixed(1)}% of the first, ${fmt(pureRate)}/s); ${fmt(mixed.posts)} posts; ${mixed.stored} of ${mixed.acknowledged} acknowledged stored`);

    const pending = await seedPending(seeding.db, siteId, steadyKey, Math.ceil(STEADY_APPROVALS_PER_SECOND * (SETTINGS.seconds + SETTINGS.warmupSeconds + 5)));
    await createBenchModerator(seeding.db);
    await checkThread(live, steadyKey);
    /** Reads of one article's thread while a write driver (its own process) runs; the driver's counts. */
    const readsWhileDriving = async (name: string, title: string, key: string, driverEnv: Record<string, string>) => {
      const driver = await startDriver({ DRIVER_URL: live.url, ...driverEnv });
      const row = await measure(name, title, 'postgres', live, {
        url: live.url,
        connections: SETTINGS.connections,
        requests: readRequests([threadPath(key)]),
      }, [200]).finally(() => driver.stop());
      return { row, counts: await driver.stop() };
    };
    const { row: steadyRow, counts: { approved = 0, seconds: approvingSeconds } } = await readsWhileDriving(
      'steady',
      `reads while ${STEADY_APPROVALS_PER_SECOND} comments/s are approved`,
      steadyKey,
      { DRIVER_KIND: 'approve', DRIVER_IDS: JSON.stringify(pending), DRIVER_RATE: String(STEADY_APPROVALS_PER_SECOND) },
    );
    const steadyPure = await around();
    results.live.steady = {
      readsPerSecond: steadyRow.load.rate,
      ratio: steadyRow.load.rate / steadyPure,
      ratioToFirst: steadyRow.load.rate / pureRate,
      pureAround: steadyPure,
      approvedPerSecond: approved / approvingSeconds,
      loadavg1: steadyRow.loadavg1,
    };
    log(`  steady writes: ${fmt(steadyRow.load.rate)} reads/s = ${(100 * steadyRow.load.rate / steadyPure).toFixed(1)}% of the pure reads around it (${fmt(steadyPure)}/s; ${(100 * steadyRow.load.rate / pureRate).toFixed(1)}% of the first), ${(approved / approvingSeconds).toFixed(1)} approvals/s`);

    // A burst of reactions on the article being read: reactions bump only its reaction version, so
    // the cached oldest-first page and the edge keep answering (server/threads/ranked.ts).
    // An article of its own, untouched by the rows before (200 comments, like the pure read's).
    const reactKey = keys[4]!;
    const reactIds = rowsOf<{ id: number }>(
      await seeding.db.execute(
        sql`select c.id from comments c join articles a on a.id = c.article_id where a.site_id = ${siteId} and a.key = ${reactKey} and c.status = 'approved' limit 200`,
      ),
    ).map((r) => Number(r.id));
    await checkThread(live, reactKey);
    const { row: reactRow, counts: { reacted = 0, seconds: reactingSeconds } } = await readsWhileDriving(
      'reactions',
      `reads while readers react ${REACTIONS_PER_SECOND}/s to the same article`,
      reactKey,
      { DRIVER_KIND: 'react', DRIVER_SITE: SITE, DRIVER_ARTICLE: reactKey, DRIVER_IDS: JSON.stringify(reactIds), DRIVER_RATE: String(REACTIONS_PER_SECOND) },
    );
    const reactPure = await around();
    results.live.reactions = {
      readsPerSecond: reactRow.load.rate,
      ratio: reactRow.load.rate / reactPure,
      ratioToFirst: reactRow.load.rate / pureRate,
      pureAround: reactPure,
      reactedPerSecond: reacted / reactingSeconds,
      loadavg1: reactRow.loadavg1,
    };
    log(`  reactions: ${fmt(reactRow.load.rate)} reads/s = ${(100 * reactRow.load.rate / reactPure).toFixed(1)}% of the pure reads around it (${fmt(reactPure)}/s; ${(100 * reactRow.load.rate / pureRate).toFixed(1)}% of the first), ${(reacted / reactingSeconds).toFixed(1)} reactions/s`);
  } finally {
    await stopServer(live, 'postgres-live', liveStartedAt);
    await seeding.close();
  }
  results.live.pageBuild = await measurePageBuild(url, SITE, keys[3]!, SETTINGS.scaleRuns * 3);
  const pb = results.live.pageBuild;
  log(
    `  page build, 200 comments, in this process (median of ${SETTINGS.scaleRuns * 3}): from nothing ${pb.cpuMs.toFixed(2)} ms CPU (${pb.wallMs.toFixed(2)} ms wall, gzip included); ` +
      `a new version from kept comment JSON ${pb.rebuildCpuMs.toFixed(2)} ms CPU (${pb.rebuildWallMs.toFixed(2)} ms wall) + gzip ${pb.gzipCpuMs.toFixed(2)} ms CPU in zlib's pool`,
  );
}

/**
 * Posting from one client address to a site where it has no history and to one where it has 100,000
 * earlier comments, in ABBA order (empty, history, history, empty) so a change in the machine's load
 * during the rows does not read as a difference between them.
 */
async function benchOneAddress(writer: ParleyProcess, url: string): Promise<void> {
  const seeding = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 2 });
  try {
    const emptySite = `${ONE_SITE}-empty`;
    const emptyId = await seedOneAddressSite(seeding.db, emptySite);
    await seedOneAddressHistory(seeding.db, emptyId, 0, ONE_ADDRESS_ARTICLES);
    const historyId = await seedOneAddressSite(seeding.db);
    const started = performance.now();
    await seedOneAddressHistory(seeding.db, historyId, ONE_ADDRESS_HISTORY, ONE_ADDRESS_ARTICLES);
    log(`  seeded ${fmt(ONE_ADDRESS_HISTORY)} earlier comments from that address in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const row = (id: string, label: string, start: number, site: string) =>
      measure(id, label, 'postgres', writer, { url: writer.url, connections: SETTINGS.connections, ...oneAddressPosts(start, ONE_ADDRESS_ARTICLES, site) }, [201, 202], 'comments/s');
    const historyLabel = `post from one address, ${fmt(ONE_ADDRESS_HISTORY)} earlier comments`;
    const empty1 = await row('post-one', 'post from one address, no history (A)', 7_000_000, emptySite);
    const history1 = await row('post-one-history', `${historyLabel} (B)`, 8_000_000, ONE_SITE);
    const history2 = await row('post-one-history-2', `${historyLabel} (B)`, 8_500_000, ONE_SITE);
    const empty2 = await row('post-one-2', 'post from one address, no history (A)', 7_500_000, emptySite);
    const emptyRate = (empty1.load.rate + empty2.load.rate) / 2;
    const historyRate = (history1.load.rate + history2.load.rate) / 2;
    results.live.oneAddress = {
      emptyPerSecond: emptyRate,
      historyPerSecond: historyRate,
      ratio: historyRate / emptyRate,
      loadavg1: (history1.loadavg1 + history2.loadavg1) / 2,
    };
    log(`  one address (ABBA means): ${fmt(historyRate)}/s after ${fmt(ONE_ADDRESS_HISTORY)} comments = ${(100 * historyRate / emptyRate).toFixed(0)}% of ${fmt(emptyRate)}/s with none`);
  } finally {
    await seeding.close();
  }
}

/**
 * How many scorer calls overlapped during [from, to): each call is in flight for `delayMs` after it
 * arrived at the fake. Serialized posts would never overlap (peak 1, mean <= 1).
 */
function scorerConcurrency(arrivals: number[], delayMs: number, from: number, to: number): { calls: number; peak: number; mean: number } {
  const inWindow = arrivals.filter((a) => a >= from && a < to).sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let i = 0; i < inWindow.length; i++) {
    while (inWindow[first]! <= inWindow[i]! - delayMs) first++;
    peak = Math.max(peak, i - first + 1);
  }
  return { calls: inWindow.length, peak, mean: (inWindow.length * delayMs) / Math.max(1, to - from) };
}

async function benchPglite(): Promise<void> {
  const dataDir = tmpDir('pglite');
  log(`PGlite: ${dataDir}`);
  const seeding = await openDatabase({ dataDir });
  let keys: string[];
  try {
    await migrateDatabase(seeding);
    keys = await seedReadData(seeding.db, 'pglite');
  } finally {
    await seeding.close();
  }
  const server = track(await startParley({ dataDir, scorer: 'lexicon' }));
  try {
    const hot = keys[0]!;
    const { etag } = await checkThread(server, hot);
    await measure('read', 'thread read, 200 comments', 'pglite', server, {
      url: server.url,
      connections: SETTINGS.connections,
      requests: readRequests([threadPath(hot)]),
    }, [200]);
    await measure('read-304', 'thread read, If-None-Match -> 304', 'pglite', server, {
      url: server.url,
      connections: SETTINGS.connections,
      requests: readRequests([threadPath(hot)], () => ({ 'if-none-match': etag })),
    }, [304]);
    const stats = procStats(server.pid);
    const readPeak = Math.max(...results.rows.filter((r) => r.driver === 'pglite').map((r) => r.peakRssMb ?? 0));
    results.memory.push({ driver: 'pglite', peakRssMb: readPeak, hwmMb: (stats?.hwmKb ?? 0) / 1024 });
    await checkPost(server, 'post-check', 9_000_002);
    await measure('post', `post, lexicon, ${SETTINGS.postArticles} articles`, 'pglite', server, {
      url: server.url,
      connections: SETTINGS.connections,
      ...postLoad({ site: SITE, article: { prefix: 'post', of: SETTINGS.postArticles }, start: 3_000_000 }),
    }, [201, 202], 'comments/s');
  } finally {
    await server.stop();
  }
}

async function benchStartup(): Promise<void> {
  for (let i = 0; i < SETTINGS.coldStarts; i++) {
    const dataDir = tmpDir('cold');
    const fresh = await startParley({ dataDir, scorer: 'lexicon', demo: true });
    results.startup.freshMs.push(fresh.readyMs);
    if (fresh.printedMs !== undefined) results.startup.freshPrintedMs.push(fresh.printedMs);
    const freshRss = (procStats(fresh.pid)?.rssKb ?? 0) / 1024;
    results.startup.freshRssMb.push(freshRss);
    await fresh.stop();
    const again = await startParley({ dataDir, scorer: 'lexicon', demo: true });
    results.startup.restartMs.push(again.readyMs);
    const againRss = (procStats(again.pid)?.rssKb ?? 0) / 1024;
    results.startup.restartRssMb.push(againRss);
    await again.stop();
    log(
      `- cold start ${Math.round(fresh.readyMs)} ms (fresh PGlite), RSS ${Math.round(freshRss)} MB; ` +
        `restart ${Math.round(again.readyMs)} ms, RSS ${Math.round(againRss)} MB`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? '-' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const row = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');

function findRow(driver: Row['driver'], id: string): Row | undefined {
  return results.rows.find((r) => r.driver === driver && r.id === id);
}

function evaluateTargets(): void {
  const t = results.targets;
  for (const r of results.imports) {
    const wall = r.comments === 100_000 ? ' < 60 s,' : '';
    t.push({
      name: `import ${r.comments.toLocaleString('en')} Disqus comments (postgres)`,
      want: `${wall} RSS < 300 MB, counts match`,
      got: `${(r.wallMs / 1000).toFixed(1)} s (CPU ${((r.importerCpuMs + r.postgresCpuMs) / 1000).toFixed(1)} s, load ${r.loadavg1.toFixed(1)}), ${r.peakRssMb.toFixed(0)} MB, ${r.countsMatch ? 'match' : 'DIFFER'}`,
      pass: (r.comments !== 100_000 || r.wallMs < 60_000) && r.peakRssMb < 300 && r.countsMatch,
    });
  }
  if (results.metrics) {
    const m = results.metrics;
    t.push({ name: `reads with /metrics scraped every ${m.scrapeIntervalMs / 1000} s`, want: '>= 98% of unscraped reads/s', got: `${(m.scrapeRatio * 100).toFixed(1)}%`, pass: m.scrapeRatio >= 0.98 });
    // The steadier form of the same target: a scrape's server CPU as a share of one core at a 15 s interval.
    const share = m.cpuPerScrapeMs / 15_000;
    t.push({ name: 'server CPU of one scrape every 15 s', want: '< 2% of one core', got: `${(share * 100).toFixed(3)}% (${m.cpuPerScrapeMs.toFixed(2)} ms per scrape)`, pass: share < 0.02 });
  }
  if (results.notify) {
    const n = results.notify;
    t.push({ name: 'posting with notifications on', want: '>= 90% of posting with them off', got: `${(n.ratio * 100).toFixed(1)}%`, pass: n.ratio >= 0.9 });
  }
  const read = findRow('postgres', 'read');
  const read304 = findRow('postgres', 'read-304');
  const ceilings = results.rows.filter((r) => r.driver === 'ceiling');
  const ceilingRate = ceilings.reduce((a, r) => a + r.load.rate, 0) / (ceilings.length || 1);
  const post = findRow('postgres', 'post');
  const slow = findRow('postgres', 'post-slow');
  if (read && ceilings.length > 0) {
    const ratio = read.load.rate / ceilingRate;
    t.push({ name: 'thread read vs Hono ceiling (postgres)', want: '>= 50% of ceiling req/s', got: `${(ratio * 100).toFixed(0)}% (${fmt(read.load.rate)} / ${fmt(ceilingRate)})`, pass: ratio >= 0.5 });
  }
  for (const r of [read, read304]) {
    if (r) t.push({ name: `${r.label} p99 (postgres)`, want: '< 50 ms at 50 connections', got: `${r.load.p99} ms`, pass: r.load.p99 < 50 });
  }
  if (post) t.push({ name: 'posting, lexicon (postgres)', want: '>= 1,000 comments/s', got: `${fmt(post.load.rate)}/s`, pass: post.load.rate >= 1000 });
  if (slow) {
    // Posts awaiting the scorer one at a time would give 1000/delay per second and never overlap at
    // the fake; concurrent ones overlap up to the number of connections (fewer if the CPU is the limit).
    const c = results.scorerConcurrency;
    t.push({
      name: `posting not serialized behind a ${SETTINGS.slowScorerMs} ms scorer`,
      want: `>> ${1000 / SETTINGS.slowScorerMs}/s; scorer calls overlap (peak >= ${slow.load.connections / 2})`,
      got: `${fmt(slow.load.rate)}/s; ${c ? `peak ${c.peak}, mean ${c.mean.toFixed(1)} calls in flight` : 'overlap not measured'}`,
      pass: c ? c.peak >= slow.load.connections / 2 && slow.load.rate > (3 * 1000) / SETTINGS.slowScorerMs : null,
    });
  }
  const last = results.scale?.steps[results.scale.steps.length - 1];
  const first = results.scale?.steps[0];
  if (last && first) {
    const at = `at ${fmt(last.comments)} comments`;
    const million = last.comments >= 1_000_000;
    for (const q of ['queuePage', 'queuePageSpam'] as const) {
      const label = q === 'queuePage' ? 'queue page (pending)' : 'queue page (spam)';
      const timing = last.timings[q];
      t.push({ name: `${label} ${at}`, want: '< 10 ms server time at 1M', got: `${timing.medianMs.toFixed(2)} ms, ${timing.result} (${results.scale!.queueSource})`, pass: million ? timing.medianMs < 10 : null });
    }
    t.push({ name: `queue counts ${at}`, want: '< 10 ms server time at 1M', got: `${last.timings.queueCounts.medianMs.toFixed(2)} ms (${results.scale!.queueSource})`, pass: million ? last.timings.queueCounts.medianMs < 10 : null });
    const growth = last.timings.thread.medianMs / first.timings.thread.medianMs;
    t.push({
      name: 'thread read independent of total comments',
      want: `${fmt(first.comments)} -> ${fmt(last.comments)}: within 1.5x`,
      got: `${first.timings.thread.medianMs.toFixed(2)} -> ${last.timings.thread.medianMs.toFixed(2)} ms (${growth.toFixed(2)}x)`,
      pass: growth <= 1.5,
    });
  }
  const { mixed, steady, oneAddress, pageBuild, reactions } = results.live;
  if (reactions) {
    t.push({ name: 'reactions 100/s on the article read', want: '>= 90% of the same run\'s read rate', got: `${(reactions.ratio * 100).toFixed(1)}% (${fmt(reactions.readsPerSecond)}/s, ${reactions.reactedPerSecond.toFixed(0)} reactions/s; ${(reactions.ratioToFirst * 100).toFixed(1)}% of the first)`, pass: reactions.ratio >= 0.9 });
  }
  if (mixed) {
    t.push({ name: 'mixed: reads vs pure cached reads (postgres)', want: '>= 30% of the same run\'s read rate', got: `${(mixed.ratio * 100).toFixed(1)}% (${fmt(mixed.readsPerSecond)}/s; ${(mixed.ratioToFirst * 100).toFixed(1)}% of the first)`, pass: mixed.ratio >= 0.3 });
    t.push({ name: 'mixed: p99 (postgres)', want: '< 50 ms', got: `${mixed.p99} ms`, pass: mixed.p99 < 50 });
    t.push({ name: 'mixed: acknowledged posts stored', want: 'all', got: `${fmt(mixed.stored)} of ${fmt(mixed.acknowledged)}`, pass: mixed.stored === mixed.acknowledged });
    t.push({ name: 'peak RSS under the mixed load (postgres)', want: '<= 150 MB', got: `${mixed.peakRssMb.toFixed(0)} MB`, pass: mixed.peakRssMb <= 150 });
  }
  if (steady) {
    t.push({ name: 'steady writes: reads vs pure cached reads', want: '>= 60% of the same run\'s read rate', got: `${(steady.ratio * 100).toFixed(1)}% (${fmt(steady.readsPerSecond)}/s, ${steady.approvedPerSecond.toFixed(0)} approvals/s; ${(steady.ratioToFirst * 100).toFixed(1)}% of the first)`, pass: steady.ratio >= 0.6 });
  }
  if (oneAddress) {
    t.push({ name: 'posting from one address, 100k earlier comments', want: '>= 1,500 comments/s', got: `${fmt(oneAddress.historyPerSecond)}/s`, pass: oneAddress.historyPerSecond >= 1500 });
    t.push({ name: 'one address: with history vs without', want: 'within 10%', got: `${(oneAddress.ratio * 100).toFixed(0)}% of ${fmt(oneAddress.emptyPerSecond)}/s`, pass: oneAddress.ratio >= 0.9 });
  }
  if (pageBuild) {
    t.push({ name: 'thread page build, 200 comments: a new version', want: '<= 1 ms CPU', got: `${pageBuild.rebuildCpuMs.toFixed(2)} ms CPU (+ gzip ${pageBuild.gzipCpuMs.toFixed(2)} ms off the event loop)`, pass: pageBuild.rebuildCpuMs <= 1 });
    t.push({ name: 'thread page build, 200 comments: from nothing', want: '(was ~4 ms)', got: `${pageBuild.cpuMs.toFixed(2)} ms CPU, gzip included`, pass: null });
  }
  const embed = results.widget.find((w) => w.file === 'embed.js');
  if (embed) t.push({ name: 'embed.js gzip', want: `<= ${fmt(EMBED_TARGET)} B (Commento is ~14 kB)`, got: `${fmt(embed.gzip)} B`, pass: embed.gzip <= EMBED_TARGET });
  if (results.scorer) {
    const s = results.scorer;
    t.push({ name: 'lexicon scorer, 1,000-character comment', want: 'p99 <= 2 ms CPU on one core', got: `p50 ${fmt(s.p50Micros)} µs, p99 ${fmt(s.p99Micros)} µs`, pass: s.p99Micros <= 2000 });
    t.push({ name: 'lexicon scorer, resident memory added', want: '<= 40 MB', got: `${s.addedRssMb.toFixed(1)} MB`, pass: s.addedRssMb <= 40 });
  }
  if (results.linkCounterMs !== undefined) {
    const ms = results.linkCounterMs;
    t.push({ name: 'link counter, 100,000 characters of a-b.c-d.', want: '< 10 ms (was 3.5 s for 60,000)', got: `${ms.toFixed(2)} ms`, pass: ms < 10 });
  }
  if (results.cleanBodyMs !== undefined) {
    const ms = results.cleanBodyMs;
    t.push({ name: 'comment cleaning, 100,000 spaces then a letter', want: '< 10 ms (was 1.5 s for 65,400)', got: `${ms.toFixed(2)} ms`, pass: ms < 10 });
  }
  for (const m of results.memory) {
    t.push({ name: `peak RSS under read load (${m.driver})`, want: '< 200 MB', got: `${m.peakRssMb.toFixed(0)} MB (VmHWM ${m.hwmMb.toFixed(0)} MB)`, pass: m.peakRssMb < 200 });
  }
}

function printReport(): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(`Parley benchmark ${stamp}${quick ? ' (--quick)' : ''}`);
  out.push(
    `${m.cpus} x ${m.cpuModel}, ${fmt(m.memoryMb)} MB, Node ${m.node}, ${m.postgres || 'PostgreSQL not used'}; ` +
      `load average ${m.loadavgStart.map((x) => x.toFixed(1)).join(' ')} at start, ${m.loadavgEnd?.map((x) => x.toFixed(1)).join(' ') ?? '-'} at end`,
  );
  out.push(
    `calibration (fixed JSON workload, wall/CPU ms; equal and low on a quiet machine): ` +
      m.calibration.map((c, i) => `${c.wallMs.toFixed(0)}/${c.cpuMs.toFixed(0)} at ${i === 0 ? 'start' : 'end'}`).join(', '),
  );
  out.push('');
  const w = [50, 12, 11, 7, 7, 7, 9, 8, 5];
  out.push(row(['load (autocannon, 127.0.0.1)', 'driver', 'rate', 'p50 ms', 'p99 ms', 'errors', 'CPU ms/r', 'RSS MB', 'load'], w));
  for (const r of results.rows) {
    out.push(
      row(
        [
          `${r.label} [${r.load.connections}c]`,
          r.driver,
          `${fmt(r.load.rate)} ${r.unit === 'req/s' ? 'r/s' : 'c/s'}`,
          fmt(r.load.p50),
          fmt(r.load.p99),
          fmt(r.load.errors),
          fmt(r.cpuMsPerRequest, 3),
          fmt(r.peakRssMb),
          fmt(r.loadavg1, 1),
        ],
        w,
      ),
    );
  }
  if (results.scorerConcurrency) {
    const c = results.scorerConcurrency;
    out.push(`Perspective fake: ${fmt(c.calls)} analyze calls during the row; at most ${c.peak} in flight at once, ${c.mean.toFixed(1)} on average (serialized: 1)`);
  }
  const { mixed, steady, oneAddress } = results.live;
  const pure = findRow('postgres', 'read');
  if (pure && (mixed || steady)) out.push(`hot story, against the pure cached reads on its server around each row (and the run's first pure read row, ${fmt(pure.load.rate)} r/s, load ${fmt(pure.loadavg1, 1)}):`);
  if (mixed) out.push(`  mixed: ${fmt(mixed.readsPerSecond)} reads/s = ${(mixed.ratio * 100).toFixed(1)}% of ${fmt(mixed.pureAround)}/s (${(mixed.ratioToFirst * 100).toFixed(1)}% of the first), p99 ${mixed.p99} ms, ${fmt(mixed.posts)} posts (${fmt(mixed.stored)} of ${fmt(mixed.acknowledged)} acknowledged stored), peak RSS ${mixed.peakRssMb.toFixed(0)} MB, load ${mixed.loadavg1.toFixed(1)}`);
  if (steady) out.push(`  steady writes: ${fmt(steady.readsPerSecond)} reads/s = ${(steady.ratio * 100).toFixed(1)}% of ${fmt(steady.pureAround)}/s (${(steady.ratioToFirst * 100).toFixed(1)}% of the first) while ${steady.approvedPerSecond.toFixed(1)} comments/s were approved, load ${steady.loadavg1.toFixed(1)}`);
  if (oneAddress) out.push(`one address: ${fmt(oneAddress.historyPerSecond)} comments/s after 100,000 earlier comments = ${(oneAddress.ratio * 100).toFixed(0)}% of ${fmt(oneAddress.emptyPerSecond)}/s with none, load ${oneAddress.loadavg1.toFixed(1)}`);
  if (results.live.pageBuild) {
    const pb = results.live.pageBuild;
    out.push(`thread page build (200 comments, in-process): from nothing ${pb.cpuMs.toFixed(2)} ms CPU (${pb.wallMs.toFixed(2)} ms wall, gzip included); a new version from kept comment JSON ${pb.rebuildCpuMs.toFixed(2)} ms CPU + gzip ${pb.gzipCpuMs.toFixed(2)} ms`);
  }
  if (results.notify) {
    const n = results.notify;
    out.push(
      `notifications: posting with them on ${fmt(n.onPerSecond)}/s = ${(n.ratio * 100).toFixed(1)}% of off (${fmt(n.offPerSecond)}/s; ABBA, 2 rows each; ` +
        `${n.notifyShare * 100}% of posts opted in; SMTP + webhook + immediate alerts); outbox drained ${n.drainSeconds === null ? 'not within 5 min' : `${n.drainSeconds.toFixed(1)} s after the load`}, ` +
        `${fmt(n.mails)} emails and ${fmt(n.hooks)} webhooks received, load ${n.loadavg1.toFixed(1)}`,
    );
  }
  if (results.metrics) {
    const m = results.metrics;
    out.push(
      `metrics: thread reads scraped every ${m.scrapeIntervalMs / 1000} s ${fmt(m.scrapedPerSecond)}/s = ${(m.scrapeRatio * 100).toFixed(1)}% of unscraped ${fmt(m.onPerSecond)}/s; ` +
        `metrics on ${(m.instrumentRatio * 100).toFixed(1)}% of off (${fmt(m.offPerSecond)}/s); CPU per read ${m.cpuMs.off.toFixed(3)} / ${m.cpuMs.on.toFixed(3)} / ${m.cpuMs.scraped.toFixed(3)} ms (off / on / scraped); ` +
        `ABBA (off, on, scraped, scraped, on, off) x ${m.rounds}; ${m.scrapes} scrapes of ${(m.scrapeBytes / 1024).toFixed(1)} kB, median ${m.scrapeMedianMs.toFixed(1)} ms, ` +
        `server CPU ${m.cpuPerScrapeMs.toFixed(2)} ms per scrape; load ${m.loadavg1.toFixed(1)}`,
    );
  }
  if (results.ceilingRatio !== undefined) out.push(`Parley thread read = ${(results.ceilingRatio * 100).toFixed(0)}% of the Hono ceiling's requests/s (postgres; ceiling = mean of its two rows)`);
  if (results.nodeCeilingRatio !== undefined) out.push(`Parley thread read = ${(results.nodeCeilingRatio * 100).toFixed(0)}% of the bare node:http ceiling's requests/s (mean of its two rows)`);
  out.push('');
  if (results.widget.length > 0) {
    const ww = [Math.max(10, ...results.widget.map((b) => b.file.length)), 10, 10, 10];
    out.push(row(['widget', 'raw', 'gzip', 'brotli'], ww));
    for (const b of results.widget) out.push(row([b.file, kb(b.raw), kb(b.gzip), kb(b.brotli)], ww));
    out.push('');
  }
  if (results.scale) {
    const steps = results.scale.steps;
    const sw = [44, ...steps.map(() => 10), 9];
    out.push(`scale: server-side median ms of ${SETTINGS.scaleRuns} runs, PostgreSQL, no cache (queue calls: ${results.scale.queueSource === 'service' ? 'server/admin/queue.ts' : 'equivalent SQL; server/admin/queue.ts absent'})`);
    out.push(row(['query', ...steps.map((s) => `${fmt(s.comments / 1000)}k`), 'growth'], sw));
    for (const q of SCALE_QUERIES) {
      const first = steps[0]!.timings[q].medianMs;
      const last = steps[steps.length - 1]!.timings[q].medianMs;
      out.push(row([SCALE_LABELS[q], ...steps.map((s) => s.timings[q].medianMs.toFixed(2)), `${(last / first).toFixed(2)}x`], sw));
    }
    out.push(`  returned at each step: ${SCALE_QUERIES.map((q) => `${q} ${steps.map((s) => s.timings[q].result.replace(/ comments$/, '')).join(' | ')}`).join('; ')}`);
    out.push(row(['  of which PostgreSQL execution (EXPLAIN ANALYZE)', ...steps.map(() => ''), ''], sw));
    for (const q of SCALE_QUERIES) {
      const dbMs = (s: (typeof steps)[number]) => s.plans[q].reduce((a, p) => a + p.executionMs, 0);
      out.push(row([`  ${q}`, ...steps.map((s) => dbMs(s).toFixed(2)), `${(dbMs(steps[steps.length - 1]!) / dbMs(steps[0]!)).toFixed(2)}x`], sw));
    }
    const lastStep = steps[steps.length - 1]!;
    for (const q of SCALE_QUERIES) {
      const plans = lastStep.plans[q];
      const idx = [...new Set(plans.flatMap((p) => p.indexes))].join(', ') || 'none';
      const seq = [...new Set(plans.flatMap((p) => p.seqScans))];
      out.push(`  ${q}: indexes ${idx}${seq.length ? `; seq scans on ${seq.join(', ')}` : ''}`);
    }
    out.push('');
  }
  out.push(
    `memory: ${results.memory.map((x) => `${x.driver} peak RSS under read load ${x.peakRssMb.toFixed(0)} MB (VmHWM ${x.hwmMb.toFixed(0)} MB)`).join('; ') || '-'}`,
  );
  for (const r of results.imports) out.push(formatImportRow(r));
  if (results.startup.freshMs.length > 0) {
    out.push(
      `start: fresh PGlite to /readyz ${fmt(median(results.startup.freshMs))} ms (median of ${results.startup.freshMs.length}; ` +
        `"Parley is running" printed at ${fmt(median(results.startup.freshPrintedMs))} ms; RSS then ${fmt(median(results.startup.freshRssMb))} MB), ` +
        `restart on existing data ${fmt(median(results.startup.restartMs))} ms (RSS ${fmt(median(results.startup.restartRssMb))} MB)`,
    );
  }
  out.push('');
  out.push('targets');
  const tw = [48, 44, 44, 5];
  for (const t of results.targets) out.push(row([t.name, t.want, t.got, t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'FAIL'], tw));
  for (const note of results.notes) out.push(`note: ${note}`);
  for (const [name, p] of Object.entries(results.profiles)) {
    out.push('');
    out.push(`profile ${name}: ${fmt(p.totalMs)} ms sampled, idle ${p.idlePct}%, GC ${p.gcPct}% (${p.file})`);
    out.push(`  by package: ${p.byPackage.map((x) => `${x.name} ${x.selfPct}%`).join(', ')}`);
    out.push('  top self time:');
    for (const f of p.topSelf.slice(0, 12)) out.push(`    ${String(f.selfPct).padStart(5)}%  ${f.name}  ${f.where}`);
    out.push('  Parley functions, inclusive:');
    for (const f of p.parleyInclusive.slice(0, 12)) out.push(`    ${String(f.selfPct).padStart(5)}%  ${f.name}  ${f.where}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const started = performance.now();
  const admin = postgres(`${PG_BASE}/postgres`, { max: 1, onnotice: () => {} });
  const created: string[] = [];
  try {
    const [v] = await admin`select current_setting('server_version') as v`;
    results.machine.postgres = `PostgreSQL ${String(v!.v)}`;
    results.widget = measureWidget();
    if (results.widget.length === 0) results.notes.push('widget/dist has no bundles: run `npm run build` (npm run bench does)');

    results.machine.calibration = [calibrate()];
    if (runs('postgres')) {
      created.push(dbName('main'));
      await benchPostgres(admin);
    }
    if (runs('notify')) {
      const name = dbName('notify');
      created.push(name);
      await admin.unsafe(`create database "${name}"`);
      log(`notifications: database ${name}`);
      results.notify = await benchNotifications(`${PG_BASE}/${name}`, {
        measure: measureOn('postgres'),
        log,
        startParley: async (o) => track(await startParley({ ...o, env: { PARLEY_SECRET: BENCH_SECRET, ...o.env } })),
        startHelper: async (script, env) => {
          const h = await startHelper<never>(script, env);
          track(h.child);
          return h;
        },
        stopServer: (server, n) => stopServer(server, n, performance.now()),
        connections: SETTINGS.connections,
      });
    }
    if (runs('metrics')) {
      const name = dbName('metrics');
      created.push(name);
      await admin.unsafe(`create database "${name}"`);
      log(`metrics: database ${name}`);
      const url = `${PG_BASE}/${name}`;
      const seeding = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 1 });
      let keys: string[];
      try {
        await migrateDatabase(seeding);
        keys = await seedReadData(seeding.db, 'metrics');
      } finally {
        await seeding.close();
      }
      results.metrics = await benchMetrics(url, threadPath(keys[0]!), {
        measure: measureOn('postgres'),
        log,
        startParley: async (o) => track(await startParley(o)),
        stopServer: (server, n) => stopServer(server, n, performance.now()),
        connections: SETTINGS.connections,
        rounds: quick ? 1 : 2,
        warmupSeconds: quick ? 2 : 5,
      });
      results.metrics.loadavg1 = os.loadavg()[0]!;
    }
    if (runs('pglite')) await benchPglite();
    if (runs('startup')) await benchStartup();
    if (runs('scorer')) {
      log(`scorer: lexicon, ${quick ? 1000 : 5000} comments of 1,000 characters`);
      results.scorer = await benchScorer(quick ? 1000 : 5000);
      log(`  p50 ${results.scorer.p50Micros} µs, p99 ${results.scorer.p99Micros} µs CPU per comment; +${results.scorer.addedRssMb.toFixed(1)} MB RSS`);
      results.linkCounterMs = benchLinkCounter();
      log(`  link counter: ${results.linkCounterMs.toFixed(2)} ms for 100,000 characters of a-b.c-d.`);
      results.cleanBodyMs = benchCleanBody();
      log(`  comment cleaning: ${results.cleanBodyMs.toFixed(2)} ms for 100,000 spaces and a letter`);
    }
    if (runs('scale')) {
      const name = dbName('scale');
      created.push(name);
      await admin.unsafe(`create database "${name}"`);
      log(`scale: database ${name}`);
      results.scale = await runScale({ databaseUrl: `${PG_BASE}/${name}`, steps: SETTINGS.scaleSteps, runs: SETTINGS.scaleRuns, log });
    }
    if (runs('import')) {
      const sizes = (flags['import-comments'] ?? (quick ? '20000' : '100000')).split(',').map(Number);
      for (const comments of sizes) {
        const row = await benchImport({ pgBase: PG_BASE, dbName: dbName(`import_${comments}`), comments, log });
        results.imports.push(row);
        log(formatImportRow(row));
      }
    }
  } finally {
    for (const c of children) await c.stop().catch(() => {});
    for (const name of created) await admin.unsafe(`drop database if exists "${name}" with (force)`).catch((err) => log(`could not drop ${name}: ${err}`));
    await admin.end({ timeout: 5 });
    for (const dir of tmpDirs) if (dir !== profileDir) rmSync(dir, { recursive: true, force: true });
  }
  results.machine.loadavgEnd = os.loadavg();
  results.machine.calibration.push(calibrate());
  if ((results.machine.loadavgStart[0] ?? 0) > results.machine.cpus) {
    results.notes.push(`the machine was busy (load average ${results.machine.loadavgStart[0]!.toFixed(1)} on ${results.machine.cpus} cores at start): rates are low-biased; CPU ms per request is the steadier figure`);
  }
  evaluateTargets();
  const file = path.join(REPO_ROOT, 'tests/bench', `results-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${printReport()}\n\nresults: ${path.relative(REPO_ROOT, file)} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
}

main().catch((err) => {
  console.error('bench failed:', err instanceof Error ? err.stack ?? err.message : err);
  process.exitCode = 1;
});
