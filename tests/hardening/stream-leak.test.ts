// Regression (issue 12, finding 1): every reader event stream added an abort listener to the
// process-wide shutdown signal and never removed it. 16,000 streams opened and closed grew RSS from
// 299 to 740 MB, and with a 128 MB heap the server died after about 4,800. Here a Parley child with
// a 128 MB heap serves 3,000 streams opened and closed; its RSS must stay within 40 MB of where it
// was after a warm-up, and it must print no MaxListenersExceededWarning.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, PG_SKIP, type TestDatabase } from '../helpers/db.js';
import { startParleyChild, type ParleyChild } from './helpers/child.js';

const WARMUP = 500;
const CYCLES = 3000;
const WORKERS = 16;
const MAX_GROWTH_MB = 40;

/** The child's resident set size in MB, from /proc (the test runs on Linux). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  assert.ok(kb, 'VmRSS in /proc/<pid>/status');
  return Number(kb) / 1024;
}

/** Opens one event stream, waits for its `ready` event, then drops the connection as a closed tab would. */
function openAndClose(url: string, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      req.destroy();
      if (err) reject(err);
      else resolve();
    };
    const req = http.get(url, { agent: false, headers: { accept: 'text/event-stream', 'x-forwarded-for': address } }, (res) => {
      if (res.statusCode !== 200) return settle(new Error(`the stream answered ${res.statusCode}`));
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('event: ready')) settle();
      });
      res.on('end', () => settle(new Error('the stream ended before ready')));
    });
    req.on('error', (err) => settle(err));
    req.setTimeout(15_000, () => settle(new Error('no ready event within 15 s')));
  });
}

/** `count` open-and-close cycles over WORKERS parallel clients, each from its own address. */
async function cycles(child: ParleyChild, count: number, offset: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      for (let i = next++; i < count; i = next++) {
        const article = `leak-${(offset + i) % 200}`;
        await openAndClose(`${child.url}/api/v1/sites/demo/articles/${article}/events`, `198.51.100.${worker + 1}`);
      }
    }),
  );
}

describe('reader event streams do not leak (128 MB heap)', () => {
  let dir: string;
  let database: TestDatabase | undefined;
  let child: ParleyChild | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-stream-leak-'));
    // The leak is in the streams, not the database: PostgreSQL when there is one, because a new PGlite
    // data directory takes half a minute to create on a busy machine.
    database = PG_SKIP ? undefined : await createTestDatabase('postgres');
    child = await startParleyChild({
      ...(database?.url ? { DATABASE_URL: database.url } : { PARLEY_DATA_DIR: path.join(dir, 'data') }),
      NODE_OPTIONS: '--max-old-space-size=128',
      LOG_LEVEL: 'warn',
    });
  });
  after(async () => {
    await child?.stop(10_000);
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`opens and closes ${CYCLES} streams with RSS growing less than ${MAX_GROWTH_MB} MB and no listener warning`, async () => {
    const c = child!;
    const t0 = Date.now();
    await cycles(c, WARMUP, 0);
    const start = rssMb(c.proc.pid!);
    await cycles(c, CYCLES, WARMUP);
    const end = rssMb(c.proc.pid!);
    console.log(`# stream leak: RSS ${start.toFixed(1)} MB after ${WARMUP} warm-up streams, ${end.toFixed(1)} MB after ${CYCLES} more (${Date.now() - t0} ms)`);
    assert.equal(c.proc.exitCode, null, `the server is still running:\n${c.output().slice(-2000)}`);
    assert.doesNotMatch(c.output(), /MaxListenersExceededWarning/);
    assert.ok(end - start < MAX_GROWTH_MB, `RSS grew ${(end - start).toFixed(1)} MB over ${CYCLES} streams (limit ${MAX_GROWTH_MB} MB)`);
    const health = await fetch(`${c.url}/healthz`);
    assert.equal(health.status, 200);
  });
});
