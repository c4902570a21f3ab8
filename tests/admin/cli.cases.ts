// `npm run admin` through a real child process with a piped password, on a PGlite data dir and on PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { verify } from '@node-rs/argon2';
import { migrateDatabase, openDatabase, type Database } from '../../server/db/client.js';
import { loginAttempts, moderatorSites, moderators, sessions } from '../../server/db/schema.js';
import { insertSite } from '../../server/sites/store.js';
import { createTestDatabase, skipFor, type Driver, type TestDatabase } from '../helpers/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    delete base.DATABASE_URL;
    delete base.PARLEY_DATA_DIR;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', ...args], {
      cwd: ROOT,
      env: { ...base, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Defines the suite for one driver; cli.pglite.test.ts and cli.postgres.test.ts run it. */
export function defineCliTests(driver: Driver): void {
  describe(`admin CLI [${driver}]`, { skip: skipFor(driver) }, () => {
    let env: Record<string, string>;
    let dataDir: string | undefined;
    let pg: TestDatabase | undefined;

    before(async () => {
      if (driver === 'pglite') {
        dataDir = mkdtempSync(path.join(tmpdir(), 'parley-cli-'));
        env = { PARLEY_DATA_DIR: dataDir };
      } else {
        pg = await createTestDatabase('postgres', { migrate: false });
        env = { DATABASE_URL: pg.url! };
      }
    });
    after(async () => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      await pg?.drop();
    });

    /** Opens the CLI's database between runs (a PGlite directory admits one process at a time). */
    async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
      const database = pg ?? (await openDatabase({ dataDir: dataDir! }));
      try {
        await migrateDatabase(database);
        return await fn(database);
      } finally {
        if (!pg) await database.close();
      }
    }
    const account = (email: string) =>
      withDb(async ({ db }) => (await db.select().from(moderators).where(eq(moderators.email, email)))[0]);

    it('creates an admin with a piped password (argon2id), migrating a fresh database first', async () => {
      const run = await runCli(['create', '--email', 'A@B.c', '--name', 'Ann'], env, 'piped secret pw\n');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /created admin a@b\.c/);
      assert.ok(!run.stdout.includes('piped secret pw') && !run.stderr.includes('piped secret pw'));
      const row = await account('a@b.c');
      assert.ok(row);
      assert.equal(row.role, 'admin');
      assert.equal(row.name, 'Ann');
      assert.match(row.passwordHash, /^\$argon2id\$/);
      assert.ok(await verify(row.passwordHash, 'piped secret pw'), 'only the first line of stdin is the password');
    });

    it('creates a moderator for named sites, and refuses unknown sites', async () => {
      await withDb(({ db }) => insertSite(db, { slug: 'demo', name: 'Demo' }));
      const bad = await runCli(['create', '--email', 'm@b.c', '--role', 'moderator', '--sites', 'demo,nope'], env, 'moderator pw\n');
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /No such site: nope/);
      const run = await runCli(['create', '--email', 'm@b.c', '--role', 'moderator', '--sites', 'demo'], env, 'moderator pw\n');
      assert.equal(run.code, 0, run.stderr);
      const sites = await withDb(async ({ db }) => {
        const [row] = await db.select().from(moderators).where(eq(moderators.email, 'm@b.c'));
        return db.select().from(moderatorSites).where(eq(moderatorSites.moderatorId, row!.id));
      });
      assert.equal(sites.length, 1);
    });

    it('lists accounts with their role and sites', async () => {
      const list = await runCli(['list'], env);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /a@b\.c\s+admin\s+all sites/);
      assert.match(list.stdout, /m@b\.c\s+moderator\s+demo/);
    });

    // Each CLI run on PGlite reopens (and re-checks migrations of) the data directory, which costs
    // seconds; the commands below do nothing driver-specific, so they run on PostgreSQL only.
    const postgresOnly = { skip: driver === 'pglite' ? 'driver-independent; covered on PostgreSQL' : false };

    it('refuses a taken email and a short password', postgresOnly, async () => {
      const taken = await runCli(['create', '--email', 'a@b.c'], env, 'another password\n');
      assert.equal(taken.code, 1);
      assert.match(taken.stderr, /already exists/);
      const short = await runCli(['create', '--email', 'short@b.c'], env, 'short\n');
      assert.equal(short.code, 2);
      assert.match(short.stderr, /at least 8/);
    });

    it('answers usage mistakes with exit code 2', postgresOnly, async () => {
      const missing = await runCli(['create'], env, 'whatever pw\n');
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--email is required/);
      assert.equal((await runCli(['frobnicate'], env)).code, 2);
    });

    // Issue 12, finding 6: an admin can clear an account's login throttling from the shell.
    it("clears an account's login throttling from every address, not the addresses' own counts", postgresOnly, async () => {
      const lockedUntil = new Date(Date.now() + 900_000);
      await withDb(({ db }) =>
        db.insert(loginAttempts).values([
          { key: 'pair:iphash1:m@b.c', failures: 5, lockedUntil },
          { key: 'pair:iphash2:m@b.c', failures: 2 },
          { key: 'email:m@b.c', failures: 7 },
          { key: 'ip:iphash1', failures: 5 },
          { key: 'pair:iphash1:m@b.cc', failures: 5, lockedUntil },
        ]),
      );
      const run = await runCli(['clear-throttle', '--email', 'M@B.C'], env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /cleared login throttling for m@b\.c \(3 counters\)/);
      const left = await withDb(async ({ db }) => (await db.select({ key: loginAttempts.key }).from(loginAttempts)).map((r) => r.key).sort());
      assert.deepEqual(left, ['ip:iphash1', 'pair:iphash1:m@b.cc']);
      const again = await runCli(['clear-throttle', '--email', 'm@b.c'], env);
      assert.match(again.stdout, /no login throttling for m@b\.c/);
    });

    it('sets a new password and ends the account’s sessions', async () => {
      const before = await account('m@b.c');
      await withDb(({ db }) =>
        db.insert(sessions).values({ tokenHash: 'h', moderatorId: before!.id, csrfToken: 'c', expiresAt: new Date(Date.now() + 3_600_000) }),
      );
      const run = await runCli(['set-password', '--email', 'M@B.C'], env, 'a new password\n');
      assert.equal(run.code, 0, run.stderr);
      const row = await account('m@b.c');
      assert.ok(await verify(row!.passwordHash, 'a new password'));
      assert.equal((await withDb(({ db }) => db.select().from(sessions).where(eq(sessions.moderatorId, row!.id)))).length, 0);
    });

    it('disables and enables an account', postgresOnly, async () => {
      assert.equal((await runCli(['disable', '--email', 'm@b.c'], env)).code, 0);
      assert.ok((await account('m@b.c'))!.disabledAt);
      assert.equal((await runCli(['enable', '--email', 'm@b.c'], env)).code, 0);
      assert.equal((await account('m@b.c'))!.disabledAt, null);
    });

    it('will not disable the last active admin', postgresOnly, async () => {
      const last = await runCli(['disable', '--email', 'a@b.c'], env);
      assert.equal(last.code, 2);
      assert.match(last.stderr, /last active admin/);
    });
  });
}
