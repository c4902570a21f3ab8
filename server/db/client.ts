// Opens the database: postgres.js when a URL is given, embedded PGlite otherwise, behind one Db type.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; every store function accepts a Db or a Tx. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  driver: 'postgres' | 'pglite';
  /** PostgreSQL: the pool's size and the application_name its connections carry (for metrics). */
  poolMax?: number;
  applicationName?: string;
  /**
   * Subscribes to a NOTIFY channel; resolves to an unsubscribe function. `onConnect` runs on every
   * (re)connection of the listening session, after which missed notifications cannot be recovered.
   */
  listen(channel: string, onPayload: (payload: string) => void, onConnect?: () => void): Promise<() => Promise<void>>;
  /**
   * Runs one fixed statement with $1..$n parameters on the hot paths (posting, thread pages): on
   * PostgreSQL as a named prepared statement, parsed and planned once per connection, without
   * drizzle's query building (about 300 µs of CPU per query, measured). Rows come back as objects
   * with the driver's own types: bigint and count columns may be strings, timestamps strings or
   * Dates; map them explicitly. Pass timestamps as ISO strings and json as JSON text.
   */
  query<T = Record<string, unknown>>(text: string, params: readonly unknown[]): Promise<T[]>;
  /** Runs `select 1`, rejecting when the database cannot answer within timeoutMs. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory, or 'memory://' for a throwaway in-memory database. */
  dataDir: string;
  poolMax?: number;
  /** PostgreSQL application_name of the pool's connections (default 'parley'). */
  applicationName?: string;
  /** Called with the text of every statement sent (drizzle's and query()'s); tests count queries with it. */
  onQuery?: (text: string) => void;
  /** Told about slow first-start work (creating PGlite's data directory) before it begins. */
  progress?: (line: string) => void;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Opens a database of either kind. It does not migrate; call migrateDatabase. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const logger = options.onQuery ? { logQuery: options.onQuery } : undefined;
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolMax ?? 10, options.onQuery, logger, options.applicationName ?? 'parley')
    : openPglite(options.dataDir, options.onQuery, logger, options.progress);
}

/** Applies every migration in migrations/ that the database has not seen; `progress` hears when there are some. */
export async function migrateDatabase(database: Database, progress?: (line: string) => void): Promise<void> {
  if (progress) {
    const pending = await countPendingMigrations(database);
    if (pending > 0) progress(`migrating the database (${pending} migration${pending === 1 ? '' : 's'} to apply)…`);
  }
  if (database.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/**
 * Migrations in migrations/ newer than the last one the database recorded (drizzle's migrator
 * applies exactly those: it compares each journal entry's time with the newest applied one).
 */
export async function countPendingMigrations(database: Database): Promise<number> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  const [table] = await database.query<{ name: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as name`, []);
  let last = -Infinity;
  if (table?.name) {
    const [row] = await database.query<{ last: string | number | null }>('select max(created_at) as last from drizzle.__drizzle_migrations', []);
    if (row?.last !== null && row?.last !== undefined) last = Number(row.last);
  }
  return journal.entries.filter((e) => e.when > last).length;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

type QueryLogger = { logQuery(text: string): void } | undefined;

async function openPostgres(url: string, max: number, onQuery?: (text: string) => void, logger?: QueryLogger, applicationName = 'parley'): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, {
    max,
    connect_timeout: 5,
    idle_timeout: 60,
    max_lifetime: 60 * 30,
    onnotice: () => {},
    connection: { application_name: applicationName },
  });
  const db = drizzle({ client, schema, logger }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    poolMax: max,
    applicationName,
    async query<T>(text: string, params: readonly unknown[]) {
      onQuery?.(text);
      return (await client.unsafe(text, params as never[], { prepare: true })) as unknown as T[];
    },
    async listen(channel, onPayload, onConnect) {
      const sub = await client.listen(channel, (payload) => onPayload(payload), onConnect);
      return async () => {
        await sub.unlisten();
      };
    },
    async ping(timeoutMs = 2000) {
      await withTimeout(db.execute(sql`select 1`), timeoutMs, 'database ping');
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

// PostgreSQL's default 128 MB of shared buffers lives inside this process with PGlite (measured:
// 145 MB of shared memory, ~110 MB more RSS); 16 MB holds a newsroom's working set, and the
// operating system caches the data files behind it.
const PGLITE_PARAMS = ['-c', 'shared_buffers=16MB'];

// Run by `node -e` (so it needs no file of its own in server/dist): module path, data dir, params.
const CREATE_DATA_DIR = `
const [module, dir, ...params] = process.argv.slice(1);
const { PGlite } = require(module);
PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...params] }).then((db) => db.close());
`;

/**
 * Creates a new PGlite data directory in a short-lived child process. initdb runs inside the WASM
 * module and grows its linear memory to about 800 MB, and WASM memory never shrinks: done in this
 * process, it would keep that for life (measured: 746 MB RSS after a first start against 234 MB
 * on an existing directory; in a worker thread, 385 MB stayed).
 */
export async function createPgliteDataDir(dir: string): Promise<void> {
  const module = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ['-e', CREATE_DATA_DIR, module, dir, ...PGLITE_PARAMS], { timeout: 120_000 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`creating the PGlite database in ${dir} failed: ${stderr.trim() || err.message}`)) : resolve(),
    );
  });
}

async function openPglite(dataDir: string, onQuery?: (text: string) => void, logger?: QueryLogger, progress?: (line: string) => void): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (!dataDir.startsWith('memory://')) {
    const dir = path.resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    if (!existsSync(path.join(dir, 'PG_VERSION'))) {
      progress?.(`creating the embedded database in ${dir} (first start only)…`);
      await createPgliteDataDir(dir);
    }
  }
  const client = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_PARAMS] });
  const db = drizzle({ client, schema, logger }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    async query<T>(text: string, params: readonly unknown[]) {
      onQuery?.(text);
      return (await client.query<T>(text, params as unknown[])).rows;
    },
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return async () => {
        await unsubscribe();
      };
    },
    async ping(timeoutMs = 2000) {
      await withTimeout(client.query('select 1'), timeoutMs, 'database ping');
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** Rows of a db.execute() result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** What runs one fixed $1..$n statement: a Database (prepared, its own transaction) or statementsIn(tx). */
export type Statements = Pick<Database, 'query'>;

/**
 * Database.query's shape inside a drizzle transaction (or on a Db), so one statement text serves both
 * the hot path (a Database, outside any transaction) and callers that hold a transaction. Each $n is
 * sent as a parameter (drizzle numbers them again); rows come back as from Database.query.
 */
export function statementsIn(db: Queryable): Statements {
  return {
    async query<T>(text: string, params: readonly unknown[]) {
      const parts = text.split(/\$(\d+)/);
      const chunks = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1] ?? null}`));
      return rowsOf<T>(await db.execute(sql.join(chunks)));
    },
  };
}
