// Test databases: a fresh in-memory PGlite, or a throwaway database on the local PostgreSQL server.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrateDatabase, openDatabase, type Database } from '../../server/db/client.js';

export type Driver = 'pglite' | 'postgres';
export const DRIVERS: readonly Driver[] = ['pglite', 'postgres'];

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Set by .ci/run: a test that would skip for a missing PostgreSQL or Chromium fails instead. */
export const REQUIRE_ALL = process.env.PARLEY_REQUIRE_ALL === '1';

let pgProbe: Promise<string | undefined> | undefined;

/**
 * Why the test PostgreSQL server cannot be used, or undefined when it can. A server that answers but
 * lacks the test database gets the database created (as `.ci/run` would); every other failure is
 * named for what it is, not as "not reachable".
 */
export function postgresProblem(): Promise<string | undefined> {
  pgProbe ??= probePostgres(TEST_DATABASE_URL);
  return pgProbe;
}

/** postgresProblem for any URL, not memoized. */
export async function probePostgres(databaseUrl: string): Promise<string | undefined> {
  const where = redactUrl(databaseUrl);
  const first = await tryConnect(databaseUrl);
  if (first === undefined) return undefined;
  if (first.code !== '3D000') return describeFailure(where, first);
  // The server answers but the database is missing: create it from the maintenance database.
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`);
    console.warn(`\n(created the missing test database "${name}" at ${where})\n`);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '42P04') {
      return `PostgreSQL at ${where} answers, but the database "${name}" does not exist and could not be created (${(err as Error).message})`;
    }
  } finally {
    await admin.end({ timeout: 1 }).catch(() => {});
  }
  const second = await tryConnect(databaseUrl);
  return second === undefined ? undefined : describeFailure(where, second);
}

/** True when the test PostgreSQL server answers. */
export async function postgresAvailable(): Promise<boolean> {
  return (await postgresProblem()) === undefined;
}

async function tryConnect(url: string): Promise<{ code?: string; message: string } | undefined> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return undefined;
  } catch (err) {
    return { code: (err as { code?: string }).code, message: (err as Error).message };
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

function describeFailure(where: string, failure: { code?: string; message: string }): string {
  switch (failure.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'CONNECT_TIMEOUT':
      return `PostgreSQL is not reachable at ${where} (${failure.code}); start it with \`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\``;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the login (${failure.message})`;
    default:
      return `PostgreSQL at ${where} cannot be used: ${failure.message}`;
  }
}

/** The reason to skip a PostgreSQL test, or undefined to run it; throws when skipping is not allowed. */
export async function postgresSkipReason(): Promise<string | undefined> {
  const message = await postgresProblem();
  if (message === undefined) return undefined;
  if (REQUIRE_ALL) throw new Error(`${message}, and PARLEY_REQUIRE_ALL=1 forbids skipping`);
  console.warn(`\n!!! SKIPPING PostgreSQL tests: ${message} !!!\n`);
  return message;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export interface TestDatabase extends Database {
  /** The postgres URL of this database (postgres driver only). */
  url?: string;
  drop(): Promise<void>;
}

/** A migrated, empty database of the given kind, private to the caller. */
export async function createTestDatabase(
  driver: Driver,
  options: { migrate?: boolean; onQuery?: (text: string) => void } = {},
): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://', onQuery: options.onQuery });
    if (options.migrate !== false) await migrateDatabase(database);
    return { ...database, drop: () => database.close() };
  }
  const name = `parley_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolMax: 20, onQuery: options.onQuery });
  if (options.migrate !== false) await migrateDatabase(database);
  return {
    ...database,
    url: url.toString(),
    async drop() {
      await database.close().catch(() => {});
      await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await admin.end({ timeout: 2 });
    },
  };
}

/** Resolved once per test file: the reason PostgreSQL tests skip, if they do. */
export const PG_SKIP: string | undefined = await postgresSkipReason();

/** The skip option for a test of `driver`. */
export function skipFor(driver: Driver): string | false {
  return driver === 'postgres' && PG_SKIP ? PG_SKIP : false;
}
