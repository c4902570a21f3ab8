// `npm run import` and `npm run export` as real child processes, on a PGlite data directory and on
// PostgreSQL: usage errors, a dry run, an import and its re-run, a refused file, and an export
// imported back as a new site.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Database } from '../../server/db/client.js';
import { comments } from '../../server/db/schema.js';
import { findSiteBySlug, insertSite } from '../../server/sites/store.js';
import { createTestDatabase, DRIVERS, skipFor, type TestDatabase } from '../helpers/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'tests/imports/fixtures');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI script; stdout goes to `stdoutFile` when given (like `> file`). */
function runCli(script: string, args: string[], env: Record<string, string>, stdoutFile?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    delete base.DATABASE_URL;
    delete base.PARLEY_DATA_DIR;
    const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...base, PARLEY_SECRET: 'cli-secret-0123456789abcdef0123456789abcdef', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (stdoutFile) child.stdout.pipe(createWriteStream(stdoutFile));
    else child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('import and export CLI: usage', () => {
  it('names what is missing and exits 2 before opening any database', async () => {
    const none = await runCli('import', [], {});
    assert.equal(none.code, 2);
    assert.match(none.stderr, /format must be one of disqus, wordpress, parley/);
    const noSite = await runCli('import', ['disqus', path.join(FIXTURES, 'disqus.xml')], {});
    assert.equal(noSite.code, 2);
    assert.match(noSite.stderr, /--site is required/);
    const badMap = await runCli('import', ['disqus', path.join(FIXTURES, 'disqus.xml'), '--site', 'x', '--map-domain', 'nonsense'], {});
    assert.equal(badMap.code, 2);
    assert.match(badMap.stderr, /OLD=NEW/);
    const exp = await runCli('export', [], {});
    assert.equal(exp.code, 2);
    assert.match(exp.stderr, /--site is required/);
  });
});

for (const driver of DRIVERS) {
  describe(`import and export CLI [${driver}]`, { skip: skipFor(driver) }, () => {
    let env: Record<string, string>;
    let tmp: string;
    let pg: TestDatabase | undefined;
    const open = (): Promise<Database> =>
      driver === 'pglite' ? openDatabase({ dataDir: env.PARLEY_DATA_DIR! }) : openDatabase({ databaseUrl: env.DATABASE_URL!, dataDir: '', poolMax: 2 });
    /** Opens the database only between CLI runs (a PGlite directory takes one process at a time). */
    async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
      const db = await open();
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    }

    before(async () => {
      tmp = mkdtempSync(path.join(tmpdir(), 'parley-import-cli-'));
      if (driver === 'pglite') env = { PARLEY_DATA_DIR: path.join(tmp, 'data') };
      else {
        pg = await createTestDatabase('postgres', { migrate: false });
        env = { DATABASE_URL: pg.url! };
      }
      await withDb(async (db) => {
        await migrateDatabase(db);
        await insertSite(db.db, { slug: 'cli', name: 'CLI site' });
      });
    });
    after(async () => {
      await pg?.drop();
      rmSync(tmp, { recursive: true, force: true });
    });

    it('dry run, import, re-run, refused file, export, and the export imported as a new site', async () => {
      const file = path.join(FIXTURES, 'disqus.xml');
      const dry = await runCli('import', ['disqus', file, '--site', 'cli', '--dry-run'], env);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /^Dry run \(nothing was written\)/);
      assert.match(dry.stdout, /would import 10 \(8 approved, 1 spam, 1 deleted\)/);
      assert.match(dry.stdout, /Threads that land on the same article \(1\)/);
      assert.match(dry.stdout, /Replies whose parent is missing \(1/);
      assert.match(dry.stdout, /disqus:2007 \(parent disqus:9999\)/);
      assert.equal(await withDb(async (db) => (await db.db.select().from(comments)).length), 0);

      const real = await runCli('import', ['disqus', file, '--site', 'cli'], env);
      assert.equal(real.code, 0, real.stderr);
      assert.match(real.stdout, /imported 10 \(8 approved, 1 spam, 1 deleted\)/);
      assert.match(real.stderr, /writing|done/, 'progress on standard error');
      const again = await runCli('import', ['disqus', file, '--site', 'cli', '--json'], env);
      assert.equal(again.code, 0, again.stderr);
      const summary = JSON.parse(again.stdout) as { comments: { writtenTotal: number; alreadyImported: number } };
      assert.deepEqual([summary.comments.writtenTotal, summary.comments.alreadyImported], [0, 10]);

      const refused = await runCli('import', ['disqus', path.join(FIXTURES, 'billion-laughs.xml'), '--site', 'cli'], env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /The file was refused, nothing was imported: line 13, column \d+: a DOCTYPE \(DTD\) is not allowed/);

      const out = path.join(tmp, 'cli.jsonl');
      const exported = await runCli('export', ['--site', 'cli'], env, out);
      assert.equal(exported.code, 0, exported.stderr);
      const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
      assert.equal(lines[0]!.type, 'parley-export');
      assert.equal(lines.filter((l) => l.type === 'comment').length, 10);
      assert.deepEqual(lines[lines.length - 1], { type: 'end', counts: { articles: 2, comments: 10, reports: 0, bans: 0, authors: 0 } });

      const copy = await runCli('import', ['parley', out, '--site', 'cli-copy'], env);
      assert.equal(copy.code, 0, copy.stderr);
      assert.match(copy.stdout, /into site "cli-copy" \(created\)/);
      await withDb(async (db) => {
        const site = await findSiteBySlug(db.db, 'cli-copy');
        assert.equal(site?.name, 'CLI site');
        assert.equal((await db.db.select().from(comments).where(eq(comments.siteId, site!.id))).length, 10);
      });
    });
  });
}
