// Database outage: PostgreSQL (a throwaway cluster made for this test) stops in the middle of a
// posting load. Clients get 503 with Retry-After quickly (no hangs, no stack traces), /readyz says
// 503, Parley (a child process, so a crash would show) recovers by itself when PostgreSQL returns,
// and every comment it acknowledged (201/202) is in the database afterwards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../server/db/client.js';
import { comments } from '../../server/db/schema.js';
import { insertSite } from '../../server/sites/store.js';
import { CHILD_SECRET, startParleyChild, type ParleyChild } from './helpers/child.js';
import { assertClean, assertNoSecrets } from './helpers/http.js';
import { acknowledged, startLoad, type Outcome } from './helpers/load.js';
import { clusterSkipReason, createCluster, type Cluster } from './helpers/pg-cluster.js';

const SKIP = clusterSkipReason();
const HANG_MS = 20_000;

/** Polls `probe` until it returns true, bounded by `ms`; each try is a real request, no sleeping. */
async function waitFor(what: string, ms: number, probe: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + ms;
  let tries = 0;
  for (;;) {
    tries++;
    if (await probe().catch(() => false)) return tries;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PostgreSQL outage during a posting load', { skip: SKIP }, () => {
  let cluster: Cluster;
  const counts = { requests: 0, acknowledged: 0, found: 0, outages: 0 };

  before(async () => {
    cluster = await createCluster();
  });
  after(() => {
    cluster?.destroy();
    console.log(`# hardening db-outage totals: requests=${counts.requests} acknowledged=${counts.acknowledged} found=${counts.found} outages=${counts.outages}`);
  });

  /** A fresh database and Parley child, a load of `workers` posters, one outage in the middle; every check. */
  async function outage(workers: number, db: string) {
    if (!cluster.running()) cluster.start();
    const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${db}`);
    await admin.end({ timeout: 2 });
    const child = await startParleyChild({ DATABASE_URL: cluster.url(db), DB_POOL_MAX: '5', PARLEY_SHUTDOWN_TIMEOUT_MS: '5000' });
    const database = await openDatabase({ databaseUrl: cluster.url(db), dataDir: '', poolMax: 2 });
    try {
      await insertSite(database.db, { slug: 'outage', name: 'Outage', allowedOrigins: ['https://news.example'], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0 } });
      await check(child, database, workers);
    } finally {
      await child.stop(10_000);
      if (!cluster.running()) cluster.start();
      await database.close().catch(() => {});
    }
  }

  async function check(child: ParleyChild, database: Database, workers: number) {
    const load = startLoad({ url: child.url, site: 'outage', workers, maxRequests: 4000, maxMs: 150_000, timeoutMs: HANG_MS, label: `outage-${workers}` });
    let readyDown = 0;
    let readyBack = 0;
    const crashed = () => (child.proc.exitCode !== null || child.proc.signalCode !== null ? `Parley exited during the outage:\n${child.output().slice(-1500)}` : null);
    try {
      load.phase = 'before';
      await load.until((o) => acknowledged(o).length >= 40, 60_000, '40 comments acknowledged before the outage');

      cluster.stop();
      counts.outages++;
      load.phase = 'down';
      const downAt = load.outcomes.length;
      readyDown = await waitFor('/readyz answers 503 while PostgreSQL is down', 30_000, async () => (await fetch(`${child.url}/readyz`, { signal: AbortSignal.timeout(HANG_MS) })).status === 503).catch((err: Error) => {
        throw new Error(crashed() ?? err.message);
      });
      await load.until((o) => o.slice(downAt).filter((x) => x.status === 503 && x.phase === 'down').length >= 4, 60_000, 'answers of 503 during the outage');
      assert.equal(crashed(), null);
      assert.equal((await fetch(`${child.url}/healthz`)).status, 200, 'liveness stays up: restarting would not help');

      cluster.start();
      load.phase = 'back';
      const backAt = load.outcomes.length;
      readyBack = await waitFor('/readyz answers 200 after PostgreSQL returns', 60_000, async () => (await fetch(`${child.url}/readyz`, { signal: AbortSignal.timeout(HANG_MS) })).status === 200);
      // Several posters: many more after recovery, so every pooled connection is used again (a connection
      // left broken by the outage would hang its requests past HANG_MS and fail the checks below).
      const wanted = workers > 1 ? 200 : 40;
      await load.until((o) => acknowledged(o.slice(backAt)).filter((x) => x.phase === 'back').length >= wanted, 90_000, `${wanted} comments acknowledged after PostgreSQL returns`);
    } finally {
      await load.stop();
    }

    const all = load.outcomes;
    const byPhase = (p: string) => all.filter((o) => o.phase === p);
    const problems: string[] = [];
    for (const o of all) {
      if (o.error) problems.push(`#${o.n} (${o.phase}): no answer: ${o.error}`);
      else if (o.status !== 201 && o.status !== 202 && o.status !== 503) problems.push(`#${o.n} (${o.phase}): status ${o.status} ${o.text.slice(0, 200)}`);
      else if (o.status === 503) {
        if (o.code !== 'SERVICE_UNAVAILABLE') problems.push(`#${o.n}: 503 with code ${o.code}`);
        if (!o.retryAfter || !/^\d+$/.test(o.retryAfter)) problems.push(`#${o.n}: 503 without Retry-After`);
      }
      if (o.status !== null) {
        try {
          assertClean(`#${o.n}`, o.status === 503 ? 499 : o.status, o.text, {}, { secrets: [CHILD_SECRET] });
        } catch (err) {
          problems.push((err as Error).message.split('\n')[0]!);
        }
      }
    }
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    assert.ok(byPhase('down').some((o) => o.status === 503), 'the outage was seen by clients');
    assert.ok(byPhase('back').some((o) => o.status === 201), 'posting works again after the outage');

    // Every acknowledged comment is stored, with the text the client sent.
    const acked = acknowledged(all);
    const stored = new Map<number, string>();
    for (let i = 0; i < acked.length; i += 500) {
      const ids = acked.slice(i, i + 500).map((o) => o.id!);
      for (const row of await database.db.select({ id: comments.id, body: comments.body }).from(comments).where(inArray(comments.id, ids))) stored.set(row.id, row.body);
    }
    counts.requests += all.length;
    counts.acknowledged += acked.length;
    counts.found += stored.size;
    const lost = acked.filter((o: Outcome) => stored.get(o.id!) !== o.body);
    assert.deepEqual(lost.map((o) => `#${o.n} id ${o.id}`), [], 'no acknowledged comment is lost');

    assert.equal(crashed(), null, 'Parley never crashed');
    assertNoSecrets('Parley output', child.output(), [CHILD_SECRET]);
    const slow = all.filter((o) => o.status === 503).map((o) => o.ms).sort((a, b) => a - b);
    console.log(
      `# hardening db-outage (${workers} posters): requests=${all.length} acknowledged=${acked.length} found=${stored.size} ` +
        `503s=${slow.length} (median ${slow[Math.floor(slow.length / 2)] ?? 0} ms, slowest ${slow.at(-1) ?? 0} ms) readyz polls down/back=${readyDown}/${readyBack}`,
    );
    const exit = await child.stop(20_000);
    assert.equal(exit.code, 0, `exit ${exit.code} ${exit.signal}\n${child.output().slice(-2000)}`);
  }

  it('one poster: 503 + Retry-After while the database is down, recovers by itself, loses nothing acknowledged', async () => {
    await outage(1, 'parley_one');
  });

  it(
    'six concurrent posters: the same, and the process survives the connections dying mid-write',
    // Regression: postgres.js 3.4.9 throws from a setImmediate (connection.js:255 nextWrite, socket is null)
    // when PostgreSQL goes away under load; the uncaught TypeError used to end the process.
    async () => {
      await outage(6, 'parley_six');
    },
  );
});
