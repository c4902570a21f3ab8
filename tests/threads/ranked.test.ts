// Ranked pages under a burst of reactions (issue 15): one build per interval when only the counts
// moved, readers meanwhile get the kept page and its ETag, the reader who asked gets the new order
// when the interval is over, and a new version is built at once, waking a build that was waiting.
// The interval's wait is held at a gate, so nothing here depends on the clock or on timing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRankedCache, getRankedThread, type RankedCache } from '../../server/threads/ranked.js';
import type { Site } from '../../server/sites/store.js';
import { DRIVERS, skipFor } from '../helpers/db.js';
import { createAdminTest, nextIp, type AdminTest } from '../admin/helpers.js';

/** A wait that ends only when released (or woken by the cache), counting how often it was used. */
function createGate() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const gated = {
    waits: 0,
    release: () => release(),
    /** Resolves once a build is waiting at the gate (the asker got there before the readers after it). */
    async waiting() {
      while (gated.waits === 0) await new Promise((resolve) => setImmediate(resolve));
    },
    wait: (_ms: number, wake: Promise<void>) => {
      gated.waits++;
      return Promise.race([gate, wake]);
    },
  };
  return gated;
}

for (const driver of DRIVERS) {
  describe(`ranked pages under reactions [${driver}]`, { skip: skipFor(driver), timeout: 60_000 }, () => {
    let a: AdminTest;
    let site: Site;

    before(async () => {
      a = await createAdminTest({ driver });
      site = await a.t.createSite({ settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0 } });
    });
    after(async () => a?.close());

    const react = async (article: string, id: number) => {
      const res = await a.app.request(`/api/v1/sites/${site.slug}/articles/${article}/comments/${id}/reactions`, {
        method: 'POST',
        headers: { 'x-forwarded-for': nextIp() },
      });
      assert.equal(res.status, 200, await res.text());
    };
    const best = (cache: RankedCache, article: string, ifNoneMatch?: string) =>
      getRankedThread({ ...a.t.deps, rankedCache: cache }, { site: site.slug, article, sort: 'best', limit: 50, ifNoneMatch });
    const ids = (page: { body: Buffer } | null) => (JSON.parse(page!.body.toString()) as { comments: { id: number }[] }).comments.map((c) => c.id);

    it('builds once per interval while only the counts move: readers meanwhile get the kept page and its ETag, the asker the new order', async () => {
      const gate = createGate();
      const cache = createRankedCache(500, 60_000, gate.wait);
      const older = await a.comment(site, 'burst', { body: 'Older.' });
      const newer = await a.comment(site, 'burst', { body: 'Newer.' });
      const first = await best(cache, 'burst');
      assert.deepEqual(ids(first.page), [newer, older]);
      assert.equal(gate.waits, 0, 'the first build does not wait');

      for (let i = 0; i < 3; i++) await react('burst', older);
      const asker = best(cache, 'burst');
      await gate.waiting();
      // The asker's build waits out the interval; readers meanwhile get the page kept before the reactions.
      const meanwhile = await best(cache, 'burst');
      assert.equal(meanwhile.etag, first.etag);
      assert.deepEqual(ids(meanwhile.page), [newer, older]);
      assert.equal((await best(cache, 'burst', first.etag)).page, null, 'the kept page answers 304 to its own ETag');
      assert.equal(gate.waits, 1, 'one build for all of them');

      gate.release();
      const after = await asker;
      assert.notEqual(after.etag, first.etag);
      assert.deepEqual(ids(after.page), [older, newer], 'the reactions show once the interval is over');
      const again = await best(cache, 'burst', after.etag);
      assert.equal(again.page, null, 'and that page is kept');
      assert.equal(gate.waits, 1);
    });

    it('a new comment after a reaction is built at once, and wakes the build waiting out the interval', async () => {
      const gate = createGate();
      const cache = createRankedCache(500, 60_000, gate.wait);
      const first = await a.comment(site, 'wake', { body: 'First.' });
      const before = await best(cache, 'wake');
      assert.deepEqual(ids(before.page), [first]);
      await react('wake', first);
      const waiting = best(cache, 'wake');
      await gate.waiting();
      assert.deepEqual(ids((await best(cache, 'wake')).page), [first], 'a count-only change waits (gate held)');
      assert.equal(gate.waits, 1);

      // Never released: had the new version waited for the gate, this would not return.
      const second = await a.comment(site, 'wake', { body: 'Second.' });
      const now = await best(cache, 'wake');
      assert.deepEqual(new Set(ids(now.page)), new Set([first, second]), 'the new comment is in the page at once');
      assert.equal((await waiting).etag, now.etag, 'the waiting reader gets the same page');
    });

    it('a repeated read of an unchanged article gets the kept bytes and waits for nothing', async () => {
      const gate = createGate();
      const cache = createRankedCache(500, 60_000, gate.wait);
      const c = await a.comment(site, 'quiet', { body: 'Only one.' });
      const one = await best(cache, 'quiet');
      const two = await best(cache, 'quiet');
      assert.equal(one.page, two.page, 'the same kept bytes');
      assert.deepEqual(ids(two.page), [c]);
      assert.equal(gate.waits, 0);
    });
  });
}
