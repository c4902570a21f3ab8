// The test harness says what is wrong with its PostgreSQL, and creates a missing test database itself.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import postgres from 'postgres';
import { PG_SKIP, TEST_DATABASE_URL, probePostgres } from '../helpers/db.js';

function urlWith(change: (url: URL) => void): string {
  const url = new URL(TEST_DATABASE_URL);
  change(url);
  return url.toString();
}

describe('test database setup', { skip: PG_SKIP }, () => {
  const name = `parley_setup_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  after(async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 2 });
  });

  it('creates a missing test database instead of calling the server unreachable', async () => {
    const missing = urlWith((u) => (u.pathname = `/${name}`));
    const before = await admin`select 1 from pg_database where datname = ${name}`;
    assert.equal(before.length, 0);
    assert.equal(await probePostgres(missing), undefined);
    const afterwards = await admin`select 1 from pg_database where datname = ${name}`;
    assert.equal(afterwards.length, 1);
  });

  it('names a refused login as such', async () => {
    const problem = await probePostgres(urlWith((u) => (u.username = `nobody_${randomBytes(3).toString('hex')}`)));
    assert.match(problem ?? '', /refused the login/);
  });

  it('names a server that is down as unreachable, with how to start it', async () => {
    const problem = await probePostgres(urlWith((u) => (u.port = '1')));
    assert.match(problem ?? '', /not reachable .*ECONNREFUSED.*pg_ctlcluster/);
  });
});
