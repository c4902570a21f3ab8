// What a write costs, in CPU rather than in a throughput that moves with the machine's load:
// `npx tsx tests/bench/write-cost.ts [--profile=DIR] [--seconds=N] [--only=ROWS] [--server-args="FLAGS"]`
// (FLAGS: extra node flags for the server, e.g. `-r ./heap-sampler.cjs`) [--server-env=K=V,K=V] (extra env). For each kind of write
// on a 200-comment article (a reaction, an approval, a published post), alone at a fixed rate and then
// under a fixed read load on the same article: CPU milliseconds per write in the server, in the
// database's backends serving it, and per read in the server. Prints one line per row. Rows off by
// default: posts-one (posting as fast as it goes from one address with 100,000 earlier comments, the
// bench's one-address row), health (GET /healthz at 100/s: what any request costs at that rate) and
// best (reads of the best order, alone and while readers react 100/s to the article).
// THREADS=1 also prints each server thread's CPU (per post on the posts-one row; V8's platform threads
// do parallel GC and background compiling); PARLEY_BENCH_KEEP_LOG=1 keeps the server's log (its path
// starts /tmp/parley-bench-log-), e.g. for --server-args="--trace-deopt".
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rowsOf } from '../../server/db/client.js';
import { postRequests, readRequests, runLoad } from './load.js';
import { procStats, startParley, type ParleyProcess } from './processes.js';
import { analyze, articleKeys, seedBatch, seedHeld, seedSite } from './seed.js';
import { paced, BENCH_SECRET, createBenchModerator, oneAddressPosts, seedOneAddressHistory, seedOneAddressSite, seedPending, startApproving, startReacting, ONE_SITE } from './live.js';

const { values: flags } = parseArgs({ options: { profile: { type: 'string' }, seconds: { type: 'string' }, only: { type: 'string' }, 'server-args': { type: 'string' }, 'server-env': { type: 'string' } } });
const SECONDS = Number(flags.seconds ?? 5);
const PG_BASE = (process.env.PARLEY_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const SITE = 'bench';
const name = `parley_writecost_${Date.now()}`;
const threadPath = (key: string, sort = 'oldest') => `/api/v1/sites/${SITE}/articles/${key}/comments?limit=200${sort === 'oldest' ? '' : `&sort=${sort}`}`;

/** CPU ms of the database backends connected to our database, and of this process and the server. */
async function cpu(admin: postgres.Sql, server: ParleyProcess) {
  const pids = (await admin`select pid from pg_stat_activity where datname = ${name}`).map((r) => Number(r.pid));
  let pg = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      pg += ((Number(f[11]) + Number(f[12])) * 1000) / 100;
    } catch {
      // gone
    }
  }
  const [x] = await admin`select xact_commit + xact_rollback as n from pg_stat_database where datname = ${name}`;
  const me = process.cpuUsage();
  const st = readFileSync(`/proc/${server.pid}/stat`, 'utf8');
  const sf = st.slice(st.lastIndexOf(') ') + 2).split(' ');
  return { pg, server: procStats(server.pid)?.cpuMs ?? 0, sys: Number(sf[12]) * 10, xacts: Number(x!.n), driver: (me.user + me.system) / 1000 };
}

function threads(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try {
      const st = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      const comm = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')'));
      const f = st.slice(st.lastIndexOf(') ') + 2).split(' ');
      out.set(`${comm}#${t}`, (Number(f[11]) + Number(f[12])) * 10);
    } catch {}
  }
  return out;
}

async function main() {
  const admin = postgres(`${PG_BASE}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = `${PG_BASE}/${name}`;
  const seeding = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 2 });
  let server: ParleyProcess | undefined;
  try {
    await migrateDatabase(seeding);
    const siteId = await seedSite(seeding.db, SITE);
    await seedBatch(seeding.db, { siteId, prefix: 'thread', articles: 4, perArticle: 200, statuses: 'approved', spanDays: 30 });
    await seedHeld(seeding.db, siteId, 'thread', 10);
    await analyze(seeding.db);
    const keys = await articleKeys(seeding.db, siteId, 'thread');
    const nodeArgs = [
      ...(flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(flags.profile)}`] : []),
      ...(flags['server-args'] ? flags['server-args'].split(' ').filter(Boolean) : []),
    ];
    server = await startParley({ databaseUrl: url, scorer: 'lexicon', nodeArgs, env: { PARLEY_SECRET: BENCH_SECRET, ...Object.fromEntries((flags['server-env'] ?? '').split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string])) } });
    for (const k of keys) await (await fetch(server.url + threadPath(k))).arrayBuffer();
    const s = server;
    const only = flags.only ? new Set(flags.only.split(',')) : undefined;

    const row = async (label: string, key: string, writes: () => { stop(): Promise<number> }, withReads: boolean, sort = 'oldest') => {
      // Reads at a fixed, unsaturating concurrency, so CPU per read compares across rows.
      const t0 = threads(s.pid);
      const c0 = await cpu(admin, s);
      const w = writes();
      const reads = withReads
        ? await runLoad({ url: s.url, connections: 4, seconds: SECONDS, requests: readRequests([threadPath(key, sort)]) }, [200])
        : await new Promise<null>((r) => setTimeout(() => r(null), SECONDS * 1000));
      const n = await w.stop();
      const c1 = await cpu(admin, s);
      const t1 = threads(s.pid);
      if (process.env.THREADS) console.log([...t1].map(([k, v]) => [k, v - (t0.get(k) ?? 0)] as const).filter(([, v]) => v > 0).map(([k, v]) => `${k}=${v}`).join(' '));
      const serverMs = c1.server - c0.server;
      const pgMs = c1.pg - c0.pg;
      const parts = [`${label}: ${n} writes`];
      if (reads) parts.push(`${reads.ok} reads (${(reads.ok / SECONDS).toFixed(0)}/s)`, `server ${(serverMs / Math.max(1, reads.ok)).toFixed(4)} ms/read`, `postgres ${(pgMs / Math.max(1, reads.ok)).toFixed(4)} ms/read`);
      if (n > 0) parts.push(`server ${(serverMs / n).toFixed(2)} ms/write (sys ${((c1.sys - c0.sys) / n).toFixed(2)})`, `postgres ${(pgMs / n).toFixed(2)} ms/write`, `${((c1.xacts - c0.xacts - 2) / n).toFixed(1)} xacts/write`, `driver ${((c1.driver - c0.driver) / n).toFixed(2)} ms/write`);
      else parts.push(`server ${serverMs.toFixed(0)} ms`, `postgres ${pgMs.toFixed(0)} ms`);
      console.log(`${parts.join(', ')} (load ${os.loadavg()[0]!.toFixed(1)})`);
    };
    let readers = 0;
    const none = () => ({ stop: async () => 0 });
    const reacting = (key: string) => async () => {
      const ids = rowsOf<{ id: number }>(
        await seeding.db.execute(sql`select c.id from comments c join articles a on a.id = c.article_id where a.key = ${key} and c.status = 'approved' limit 200`),
      ).map((r) => Number(r.id));
      return () => {
        const r = startReacting(s, SITE, key, ids, 100, 16, (readers += 100_000));
        return { stop: async () => (await r.stop()).reacted };
      };
    };
    await createBenchModerator(seeding.db);
    const approving = (key: string) => async () => {
      const pending = await seedPending(seeding.db, siteId, key, 50 * (SECONDS + 2));
      return () => {
        const p = startApproving(s, pending, 50);
        return { stop: async () => (await (await p).stop()).approved };
      };
    };
    let postN = 6_000_000;
    const posting = (key: string) => async () => () => {
      // 100 published posts a second, one at a time as the mixed row's connections send them.
      let stopped = false;
      let n = 0;
      const [spec] = postRequests(SITE, () => key, postN);
      const loop = (async () => {
        const started = performance.now();
        for (let i = 0; !stopped; i++) {
          const wait = started + i * 10 - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const req = spec!.setupRequest!({ method: 'POST', headers: {} }, {});
          const res = await fetch(s.url + req.path!, { method: 'POST', headers: req.headers, body: req.body as string });
          await res.text();
          if (res.status === 201 || res.status === 202) n++;
        }
      })();
      postN += 100_000;
      return { stop: async () => ((stopped = true), await loop, n) };
    };

    const want = (x: string) => (only ? only.has(x) : x !== 'posts-one' && x !== 'health' && x !== 'best');
    if (want('quiet')) await row('nothing', keys[0]!, none, false);
    if (want('idle')) await row('reads alone', keys[0]!, none, true);
    if (want('reactions') || want('reactions-alone')) await row('reactions alone, 100/s', keys[0]!, await (await reacting(keys[0]!))(), false);
    if (want('reactions')) {
      await row('reads + reactions 100/s', keys[0]!, await (await reacting(keys[0]!))(), true);
    }
    if (want('best')) {
      // Issue 15's best order, which reactions move: reads of a 200-comment article's best page alone,
      // then while readers react to it at 100/s (each reaction changes what the page holds).
      await row('best reads alone', keys[3]!, none, true, 'best');
      await row('best reads + reactions 100/s', keys[3]!, await (await reacting(keys[3]!))(), true, 'best');
    }
    if (want('approvals') || want('approvals-alone')) await row('approvals alone, 50/s', keys[1]!, await (await approving(keys[1]!))(), false);
    if (want('approvals')) {
      await row('reads + approvals 50/s', keys[1]!, await (await approving(keys[1]!))(), true);
    }
    if (want('posts') || want('posts-alone')) await row('posts alone, 100/s', keys[2]!, await (await posting(keys[2]!))(), false);
    if (want('posts-one')) {
      // Issue 13's row: 50 connections posting as fast as the server takes them from one address with
      // 100,000 earlier comments (batched, as the bench's one-address row), CPU per post.
      const oneId = await seedOneAddressSite(seeding.db);
      await seedOneAddressHistory(seeding.db, oneId, 100_000, 1000);
      const t0 = threads(s.pid);
      const c0 = await cpu(admin, s);
      const load = await runLoad({ url: s.url, connections: 50, seconds: SECONDS, ...oneAddressPosts(9_000_000, 1000, ONE_SITE) }, [201, 202]);
      const c1 = await cpu(admin, s);
      const t1 = threads(s.pid);
      if (process.env.THREADS) console.log([...t1].map(([k, v]) => [k, v - (t0.get(k) ?? 0)] as const).filter(([, v]) => v > 0).map(([k, v]) => `${k}=${(v / load.ok).toFixed(3)}`).join(' '), 'ms/post');
      console.log(
        `posts from one address 50c (${load.generator}): ${(load.ok / SECONDS).toFixed(0)} posts/s, ${load.total - load.ok} other, server ${((c1.server - c0.server) / load.ok).toFixed(3)} ms/post (sys ${((c1.sys - c0.sys) / load.ok).toFixed(3)}), ` +
          `postgres ${((c1.pg - c0.pg) / load.ok).toFixed(3)} ms/post, ${((c1.xacts - c0.xacts) / load.ok).toFixed(2)} xacts/post, load generator ${(load.generatorCpuMs / load.ok).toFixed(3)} ms/post (load ${os.loadavg()[0]!.toFixed(1)})`,
      );
    }
    if (want('health')) {
      // What any request costs the server at this rate, for comparison with the writes: GET /healthz.
      const health = () => {
        const r = paced(100, Number.POSITIVE_INFINITY, 16, async () => void (await (await fetch(s.url + '/healthz')).arrayBuffer()));
        return { stop: async () => (await r.stop()).done };
      };
      await row('GET /healthz 100/s', keys[0]!, health, false);
    }
    for (const apart of [false, true]) {
      if (!want(apart ? 'mixed-apart' : 'mixed')) continue;
      const key = keys[3]!;
      const c0 = await cpu(admin, s);
      // mixed-apart: the same load with the posts on another article, so the one read is never invalidated.
      const postKey = apart ? keys[2]! : key;
      const requests = [
        ...Array.from({ length: 19 }, () => readRequests([threadPath(key)])[0]!),
        ...postRequests(SITE, () => postKey, (postN += 100_000)),
      ];
      const load = await runLoad({ url: s.url, connections: 50, seconds: SECONDS, requests }, [200, 201, 202], [200]);
      const c1 = await cpu(admin, s);
      const posts = (load.statuses['201'] ?? 0) + (load.statuses['202'] ?? 0);
      const reads = load.statuses['200'] ?? 0;
      console.log(
        `mixed${apart ? ' apart' : ''} 50c: ${(reads / SECONDS).toFixed(0)} reads/s, ${posts} posts, p99 ${load.p99} ms, server ${((c1.server - c0.server) / (reads + posts)).toFixed(4)} ms/request, ` +
          `postgres ${((c1.pg - c0.pg) / posts).toFixed(2)} ms/post, ${((c1.xacts - c0.xacts) / posts).toFixed(1)} xacts/post (load ${os.loadavg()[0]!.toFixed(1)})`,
      );
    }
    if (want('steady50')) {
      const key = keys[1]!;
      const pending = await seedPending(seeding.db, siteId, key, 50 * (SECONDS + 2));
      const c0 = await cpu(admin, s);
      const p = await startApproving(s, pending, 50);
      const load = await runLoad({ url: s.url, connections: 50, seconds: SECONDS, requests: readRequests([threadPath(key)]) }, [200]);
      const { approved } = await p.stop();
      const c1 = await cpu(admin, s);
      console.log(
        `steady 50c: ${(load.ok / SECONDS).toFixed(0)} reads/s, ${approved} approvals, server ${((c1.server - c0.server) / load.ok).toFixed(4)} ms/read, ` +
          `postgres ${((c1.pg - c0.pg) / Math.max(1, approved)).toFixed(2)} ms/approval, ${((c1.xacts - c0.xacts) / Math.max(1, approved)).toFixed(1)} xacts/approval (load ${os.loadavg()[0]!.toFixed(1)})`,
      );
    }
    if (want('reads50')) {
      const c0 = await cpu(admin, s);
      const load = await runLoad({ url: s.url, connections: 50, seconds: SECONDS, requests: readRequests([threadPath(keys[0]!)]) }, [200]);
      const c1 = await cpu(admin, s);
      console.log(`reads 50c: ${(load.ok / SECONDS).toFixed(0)} reads/s, server ${((c1.server - c0.server) / load.ok).toFixed(4)} ms/read (load ${os.loadavg()[0]!.toFixed(1)})`);
    }
    if (want('reads-posts')) await row('reads + posts 100/s', keys[2]!, await (await posting(keys[2]!))(), true);
    if (want('posts')) {
      await row('reads + posts 100/s', keys[2]!, await (await posting(keys[2]!))(), true);
    }
    if (want('idle')) await row('reads alone again', keys[3]!, none, true);
  } finally {
    await server?.stop();
    await seeding.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

await main();
