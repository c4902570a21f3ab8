// Event payloads are built by SQL functions only (migration 0008): what the TypeScript publishes and
// what posting's SQL function sends arrive as the events the bus declares, on both drivers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEventBus, type ParleyEvent } from '../../server/events/bus.js';
import { createLogger } from '../../server/lib/log.js';
import { storeComments } from '../../server/comments/store.js';
import { insertSite } from '../../server/sites/store.js';
import { createTestDatabase, DRIVERS, skipFor, type TestDatabase } from '../helpers/db.js';

for (const driver of DRIVERS) {
  describe(`event payloads [${driver}]`, { skip: skipFor(driver) }, () => {
    let database: TestDatabase;
    const received: ParleyEvent[] = [];
    let bus: ReturnType<typeof createEventBus>;
    const waitFor = async (n: number) => {
      while (received.length < n) await new Promise<void>((resolve) => setImmediate(resolve));
      return received.splice(0, n);
    };

    before(async () => {
      database = await createTestDatabase(driver);
      bus = createEventBus(database, createLogger('silent'));
      bus.subscribe((e) => received.push(e));
      await bus.start();
    });
    after(async () => {
      await bus?.stop();
      await database?.drop();
    });

    it('every event the TypeScript publishes arrives as it was given', async () => {
      const events: ParleyEvent[] = [
        { type: 'article', siteId: 1, articleId: 2, version: 3 },
        { type: 'comment', siteId: 1, articleId: 2, commentId: 4, status: 'approved', previous: null },
        { type: 'comment', siteId: 1, articleId: 2, commentId: 4, status: 'pending', previous: 'approved', reported: true },
        { type: 'site', siteId: 1, slug: 'news' },
      ];
      await database.db.transaction(async (tx) => {
        for (const e of events) await bus.publish(tx, e);
      });
      assert.deepEqual(await waitFor(events.length), events);
    });

    it('a comment stored by parley_insert_comment sends the same shapes', async () => {
      const site = await insertSite(database.db, { slug: `payload-${driver}`, name: 'Payload' });
      const [stored] = await storeComments(database, [{
        siteId: site.id, articleId: null, articleKey: 'a', articleUrl: null, articleTitle: null, parentId: null, rootId: null, depth: 0,
        authorName: 'Asha', authorEmail: 'asha@example.com', authorWebsite: null, moderatorId: null, body: 'hello', status: 'approved',
        reasons: [], scores: null, scoreState: 'skipped', ipHash: 'ip', userAgent: null, authorTokenHash: 't', now: new Date(),
        floodLocks: [], floodSince: null, rescoreAt: null, rescoreError: null,
      }]);
      assert.equal(stored!.kind, 'stored');
      if (stored!.kind !== 'stored') return;
      const events = await waitFor(2);
      assert.deepEqual(events, [
        { type: 'article', siteId: site.id, articleId: stored!.articleId, version: 1 },
        { type: 'comment', siteId: site.id, articleId: stored!.articleId, commentId: stored!.commentId, status: 'approved', previous: null },
      ]);
    });
  });
}
