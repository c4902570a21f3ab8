// Test databases: a fresh in-memory PGlite, or a throwaway database on the local PostgreSQL server.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrateDatabase, openDatabase, type Database } from '../../server/db/client.js';

export type Driver = 'pglite' | 'postgres';
export const DRIVERS: readonly Driver[] = ['pglite', 'postgres'];

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Set by .ci/run: a test that would skip for a missing PostgreSQL or Chromium fails instead. */
export const REQUIRE_ALL = process.env.PARLEY_REQUIRE_ALL === '1';

let pgProbe: Promise<boolean> | undefined;

/** True when the test PostgreSQL server answers. */
export function postgresAvailable(): Promise<boolean> {
  pgProbe ??= (async () => {
    const sql = postgres(TEST_DATABASE_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await sql`select 1`;
      return true;
    } catch {
      return false;
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  })();
  return pgProbe;
}

/** The reason to skip a PostgreSQL test, or undefined to run it; throws when skipping is not allowed. */
export async function postgresSkipReason(): Promise<string | undefined> {
  if (await postgresAvailable()) return undefined;
  const message = `PostgreSQL is not reachable at ${redactUrl(TEST_DATABASE_URL)}`;
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
export async function createTestDatabase(driver: Driver, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    if (options.migrate !== false) await migrateDatabase(database);
    return { ...database, drop: () => database.close() };
  }
  const name = `parley_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolMax: 20 });
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
