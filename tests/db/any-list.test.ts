// anyId and anyText find exactly the rows inArray finds, on both drivers, with values an array literal
// must quote (quotes, backslashes, commas, braces, spaces, NULL as a word) and with an empty list.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inArray } from 'drizzle-orm';
import { anyId, anyText } from '../../server/db/client.js';
import { sites } from '../../server/db/schema.js';
import { insertSite } from '../../server/sites/store.js';
import { createTestDatabase, DRIVERS, skipFor, type TestDatabase } from '../helpers/db.js';

const NAMES = ['plain', 'with "quotes"', 'back\\slash', 'a,b', '{braces}', ' spaced ', 'NULL', 'हिंदी', "it's"];

for (const driver of DRIVERS) {
  describe(`anyId and anyText [${driver}]`, { skip: skipFor(driver) }, () => {
    let database: TestDatabase;
    const ids: number[] = [];

    before(async () => {
      database = await createTestDatabase(driver);
      for (const [i, name] of NAMES.entries()) ids.push((await insertSite(database.db, { slug: `any-${i}`, name })).id);
    });
    after(async () => {
      await database?.drop();
    });

    const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();

    it('anyText matches each value exactly, as inArray does', async () => {
      const wanted = [...NAMES, 'not a site'];
      const viaAny = await database.db.select({ name: sites.name }).from(sites).where(anyText(sites.name, wanted));
      const viaIn = await database.db.select({ name: sites.name }).from(sites).where(inArray(sites.name, wanted));
      assert.deepEqual(names(viaAny), [...NAMES].sort());
      assert.deepEqual(names(viaAny), names(viaIn));
      assert.deepEqual(await database.db.select().from(sites).where(anyText(sites.name, ['with quotes', 'back\\\\slash'])), []);
    });

    it('anyId matches the listed ids; an empty list matches nothing', async () => {
      const some = [ids[0]!, ids[3]!, 999_999_999];
      const rows = await database.db.select({ id: sites.id }).from(sites).where(anyId(sites.id, some));
      assert.deepEqual(rows.map((r) => r.id).sort((a, b) => a - b), [ids[0]!, ids[3]!].sort((a, b) => a - b));
      assert.deepEqual(await database.db.select().from(sites).where(anyId(sites.id, [])), []);
      assert.deepEqual(await database.db.select().from(sites).where(anyText(sites.name, [])), []);
    });

    it('anyId refuses what is not an id', () => {
      assert.throws(() => anyId(sites.id, [1.5]), /not an id/);
    });
  });
}
