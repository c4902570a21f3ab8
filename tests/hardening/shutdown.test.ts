// Graceful shutdown: SIGTERM to a Parley child process in the middle of a posting load. Requests it
// is working on (held up in the scorer, a slow offline Perspective fake) finish with 201/202, no
// acknowledged comment is lost, an open event stream does not hold the drain up, and the process
// exits 0 within its drain timeout (PARLEY_SHUTDOWN_TIMEOUT_MS).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../server/db/client.js';
import { comments } from '../../server/db/schema.js';
import { insertSite } from '../../server/sites/store.js';
import { startFakePerspective, type FakePerspective } from '../fakes/perspective.js';
import { CHILD_SECRET, startParleyChild, type ParleyChild } from './helpers/child.js';
import { assertNoSecrets } from './helpers/http.js';
import { acknowledged, startLoad } from './helpers/load.js';

const KEY = 'shutdown-test-key-5f4e3d2c1b';
const DRAIN_MS = 8000;
const SCORER_DELAY_MS = 1200;

describe('graceful shutdown under load (SIGTERM)', () => {
  let dir: string;
  let fake: FakePerspective;
  let child: ParleyChild | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-shutdown-'));
    // The site is made before Parley starts: PGlite's directory has one owner at a time.
    const db = await openDatabase({ dataDir: path.join(dir, 'data') });
    await migrateDatabase(db);
    await insertSite(db.db, { slug: 'drain', name: 'Drain', allowedOrigins: ['https://news.example'], settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0 } });
    await db.close();
    fake = await startFakePerspective({ validKeys: [KEY] });
    fake.setDefault({ kind: 'delay', ms: SCORER_DELAY_MS });
  });
  after(async () => {
    await child?.stop(5000);
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes in-flight requests, loses nothing acknowledged, and exits 0 within the drain timeout', async () => {
    child = await startParleyChild({
      PARLEY_DATA_DIR: path.join(dir, 'data'),
      PARLEY_SCORER: 'perspective',
      PERSPECTIVE_API_KEY: KEY,
      PERSPECTIVE_BASE_URL: fake.origin,
      PERSPECTIVE_QPS: '1000',
      PERSPECTIVE_TIMEOUT_MS: '5000',
      PARLEY_SHUTDOWN_TIMEOUT_MS: String(DRAIN_MS),
    });
    const c = child;
    // A reader's live stream stays open across the shutdown; it must not keep the process alive.
    const events = await fetch(`${c.url}/api/v1/sites/drain/articles/load/events`);
    assert.equal(events.status, 200);
    const streamEnded = (async () => {
      const reader = events.body!.getReader();
      try {
        for (;;) if ((await reader.read()).done) return 'ended';
      } catch {
        return 'closed';
      }
    })();

    const load = startLoad({ url: c.url, site: 'drain', workers: 10, maxRequests: 400, maxMs: 90_000, timeoutMs: DRAIN_MS + 10_000, label: 'drain' });
    load.phase = 'before';
    await load.until((o) => acknowledged(o).length >= 10, 60_000, '10 comments acknowledged before SIGTERM');
    // Wait until several posts are inside Parley, each held up in the scorer.
    const pendingAtFake = () => fake.requests.filter((r) => r.path.endsWith(':analyze') && Date.now() - r.at < SCORER_DELAY_MS - 300);
    const deadline = Date.now() + 30_000;
    while (pendingAtFake().length < 5) {
      assert.ok(Date.now() < deadline, 'posts reach the scorer');
      await new Promise((r) => setTimeout(r, 20));
    }
    const inFlight = new Set(pendingAtFake().map((r) => (r.body as { comment?: { text?: string } }).comment?.text ?? ''));
    const termAt = Date.now();
    c.proc.kill('SIGTERM');
    load.phase = 'after';
    const exit = await c.stop(DRAIN_MS + 20_000);
    await load.stop();
    const exitMs = exit.at - termAt;

    assert.equal(exit.code, 0, `exit code ${exit.code} (signal ${exit.signal})\n${c.output().slice(-2000)}`);
    assert.ok(exitMs <= DRAIN_MS + 5000, `exited ${exitMs} ms after SIGTERM, drain timeout ${DRAIN_MS} ms`);
    assert.ok(['ended', 'closed'].includes(await streamEnded), 'the event stream was ended');

    const all = load.outcomes;
    // Every post that was inside Parley when SIGTERM came got its answer.
    const inFlightOutcomes = all.filter((o) => [...inFlight].some((text) => text.includes(o.body)));
    assert.equal(inFlightOutcomes.length, inFlight.size, 'each in-flight post is one of ours');
    assert.deepEqual(inFlightOutcomes.filter((o) => o.status !== 201 && o.status !== 202).map((o) => `#${o.n}: ${o.status ?? o.error}`), [], 'in-flight requests finish');
    // Anything else either got an answer or was refused a connection; nothing got a 5xx.
    const bad = all.filter((o) => (o.status !== null && o.status >= 500) || (o.error && !/ECONNREFUSED|ECONNRESET|other side closed|UND_ERR_SOCKET|SocketError/.test(o.error)));
    assert.deepEqual(bad.map((o) => `#${o.n} (${o.phase}): ${o.status ?? o.error}`), []);

    // Nothing acknowledged is lost: open the database the process left behind.
    const acked = acknowledged(all);
    const db = await openDatabase({ dataDir: path.join(dir, 'data') });
    let found = 0;
    try {
      const rows = await db.db.select({ id: comments.id, body: comments.body }).from(comments).where(inArray(comments.id, acked.map((o) => o.id!)));
      const byId = new Map(rows.map((r) => [r.id, r.body]));
      const lost = acked.filter((o) => byId.get(o.id!) !== o.body);
      found = rows.length;
      assert.deepEqual(lost.map((o) => `#${o.n} id ${o.id}`), [], 'no acknowledged comment is lost');
    } finally {
      await db.close();
    }
    assertNoSecrets('Parley output', c.output(), [CHILD_SECRET, KEY]);
    assert.match(c.output(), /shutting down: draining in-flight requests/);
    console.log(
      `# hardening shutdown: requests=${all.length} acknowledged=${acked.length} found=${found} in-flight at SIGTERM=${inFlight.size} ` +
        `refused after=${all.filter((o) => o.error).length} exit=${exit.code} after ${exitMs} ms`,
    );
  });

  it(
    'lets go of a reader\'s event-stream connection once the stream ends at shutdown, so it does not hold the drain open',
    // Regression: the stream's socket, kept alive, turned idle at shutdown and nobody closed it, so the drain
    // waited for the client (undici 4 s, browsers minutes) or ran the whole PARLEY_SHUTDOWN_TIMEOUT_MS.
    async () => {
      const c = await startParleyChild({ PARLEY_DATA_DIR: path.join(dir, 'data'), PARLEY_SHUTDOWN_TIMEOUT_MS: String(DRAIN_MS) });
      const socket = connect({ host: '127.0.0.1', port: c.port });
      let received = '';
      let closedAt = 0;
      socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
      socket.on('close', () => (closedAt = Date.now()));
      socket.on('error', () => {});
      const waitFor = async (what: string, cond: () => boolean, ms = 15_000) => {
        const deadline = Date.now() + ms;
        while (!cond()) {
          assert.ok(Date.now() < deadline, `timed out: ${what}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      };
      try {
        await new Promise<void>((r) => socket.once('connect', () => r()));
        socket.write('GET /api/v1/sites/drain/articles/ka/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n');
        await waitFor('the stream to open', () => received.includes('event: ready'));
        const termAt = Date.now();
        c.proc.kill('SIGTERM');
        await waitFor('the stream to end', () => received.includes('\r\n0\r\n\r\n') || closedAt > 0);
        await waitFor('the socket to close', () => closedAt > 0, DRAIN_MS + 10_000);
        assert.ok(closedAt - termAt < DRAIN_MS / 2, `the idle socket was closed ${closedAt - termAt} ms after SIGTERM (drain timeout ${DRAIN_MS} ms)`);
      } finally {
        socket.destroy();
        await c.stop(DRAIN_MS + 10_000);
      }
    },
  );
});
