// Queue membership has one definition (server/comments/queues.ts): the queue-count trigger's SQL is
// generated from it, and the database's function answers as the TypeScript one does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/db/client.js';
import { MIGRATIONS_FOLDER } from '../../server/db/client.js';
import { COMMENT_STATUSES } from '../../server/db/schema.js';
import { queueMembershipSql, queuesOf } from '../../server/comments/queues.js';
import { createTestDatabase, DRIVERS, skipFor, type TestDatabase } from '../helpers/db.js';

describe('queue membership', () => {
  it('the newest migration defining parley_comment_queues carries the generated text', () => {
    const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort();
    const defining = files.filter((f) => readFileSync(`${MIGRATIONS_FOLDER}/${f}`, 'utf8').includes('FUNCTION parley_comment_queues('));
    const newest = readFileSync(`${MIGRATIONS_FOLDER}/${defining[defining.length - 1]}`, 'utf8');
    assert.ok(
      newest.includes(queueMembershipSql()),
      'server/comments/queues.ts changed: add a migration with queueMembershipSql() (npx drizzle-kit generate --custom)',
    );
  });
});

for (const driver of DRIVERS) {
  describe(`queue membership in SQL [${driver}]`, { skip: skipFor(driver) }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(driver);
    });
    after(async () => database?.drop());

    it('parley_comment_queues agrees with queuesOf for every status, reported or not', async () => {
      for (const status of COMMENT_STATUSES) {
        for (const reportedAt of [null, new Date()]) {
          const [row] = rowsOf<{ queues: string[] | string }>(
            await database.db.execute(sql`select parley_comment_queues(${status}, ${reportedAt?.toISOString() ?? null}::timestamptz) as queues`),
          );
          // postgres.js returns text[] as an array; PGlite too, but as '{a,b}' text through some paths.
          const raw = row!.queues;
          const got = Array.isArray(raw) ? raw : raw.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
          assert.deepEqual([...got].sort(), queuesOf({ status, reportedAt }).sort(), `${status}, reported ${reportedAt !== null}`);
        }
      }
    });
  });
}
