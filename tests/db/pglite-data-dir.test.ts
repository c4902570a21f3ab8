// A new PGlite data directory is made in a child process (initdb's ~800 MB of WASM memory would
// otherwise stay with the server for life); the server then opens the finished directory.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPgliteDataDir, migrateDatabase, openDatabase } from '../../server/db/client.js';

describe('PGlite data directory', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'parley-pgdir-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('a first open creates the directory out of process, and the data is there on the next open', async () => {
    const dir = path.join(root, 'fresh', 'nested');
    const first = await openDatabase({ dataDir: dir });
    assert.ok(existsSync(path.join(dir, 'PG_VERSION')));
    await migrateDatabase(first);
    await first.query("insert into instance_settings (key, value) values ('pgdir-test', 'kept')", []);
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    const rows = await second.query<{ value: unknown }>("select value from instance_settings where key = 'pgdir-test'", []);
    assert.deepEqual(rows.map((r) => r.value), ['kept']);
    await second.close();
  });

  it('says what went wrong when the directory cannot be created', async () => {
    const blocker = path.join(root, 'a-file');
    writeFileSync(blocker, 'not a directory');
    await assert.rejects(createPgliteDataDir(path.join(blocker, 'data')), /creating the PGlite database in .*a-file\/data failed/);
  });
});
