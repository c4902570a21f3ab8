// An app wired to a private test database, driven through app.request() (no socket), or served on 127.0.0.1.
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../server/config.js';
import { createApp } from '../../server/app.js';
import type { AppDeps } from '../../server/deps.js';
import { buildDeps, createMounts, startParley, type Parley } from '../../server/server.js';
import { insertSite, type NewSite, type Site } from '../../server/sites/store.js';
import type { Scorer } from '../../server/moderation/scorers/scorer.js';
import { createTestDatabase, type Driver, type TestDatabase } from './db.js';

/** Collects every log line the app writes, so tests can assert on (and against) log contents. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }
  get text() {
    return this.lines.join('\n');
  }
}

export interface TestAppOptions {
  driver?: Driver;
  env?: Record<string, string>;
  scorer?: Scorer;
  now?: () => Date;
  /** Reuse a database (two apps on one database, as two processes would be). */
  database?: TestDatabase;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  config: Config;
  database: TestDatabase;
  logs: LogCapture;
  createSite(site?: Partial<NewSite>): Promise<Site>;
  close(): Promise<void>;
}

export const TEST_ENV: Record<string, string> = {
  PARLEY_SCORER: 'none',
  PARLEY_DEMO: 'false',
  LOG_LEVEL: 'info',
  PARLEY_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
  PARLEY_TRUST_PROXY_HOPS: '1',
};

let siteCounter = 0;

/** Builds an app on a fresh database of `driver` (default pglite). */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(options.driver ?? 'pglite'));
  const config = loadConfig({ ...TEST_ENV, ...options.env });
  const logs = new LogCapture();
  const { deps, abort } = await buildDeps(config, {
    database,
    logDestination: logs,
    scorer: options.scorer,
    now: options.now,
  });
  // The same composition as production: public API, admin API, assets.
  const app = createApp(deps, createMounts(deps));
  return {
    app,
    deps,
    config,
    database,
    logs,
    async createSite(site = {}) {
      siteCounter += 1;
      return insertSite(deps.db, {
        slug: site.slug ?? `site${siteCounter}-${process.pid}`,
        name: site.name ?? 'Test Site',
        allowedOrigins: site.allowedOrigins ?? ['https://news.example'],
        locale: site.locale ?? 'en',
        settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, ...site.settings },
      });
    },
    async close() {
      abort.abort();
      await deps.bus.stop();
      if (!options.database) await database.drop();
    },
  };
}

export interface TestServer extends Parley {
  database: TestDatabase;
  logs: LogCapture;
}

/** A real Parley listening on 127.0.0.1 (random port) with the demo site, on a fresh database. */
export async function startTestServer(options: TestAppOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase(options.driver ?? 'pglite'));
  const config = loadConfig({ ...TEST_ENV, PARLEY_DEMO: 'true', PORT: '0', ...options.env });
  const logs = new LogCapture();
  const parley = await startParley(config, { database, logDestination: logs, scorer: options.scorer, now: options.now });
  const close = parley.close;
  return {
    ...parley,
    database,
    logs,
    async close() {
      await close();
      if (!options.database) await database.drop();
    },
  };
}

/** JSON request helper for app.request(). */
export function jsonRequest(method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}
