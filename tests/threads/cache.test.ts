// The per-process thread cache: which events drop an article entry and which leave it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createThreadCache } from '../../server/threads/cache.js';
import { createFragmentStore } from '../../server/threads/fragments.js';
import type { ArticleRow } from '../../server/comments/store.js';

const at = new Date('2026-11-01T00:00:00Z');
const article = (id: number, version: number): ArticleRow => ({
  id, siteId: 1, key: `a${id}`, url: null, title: null, closed: false, premod: false, version, commentCount: 0, reactionVersion: 0, createdAt: at, updatedAt: at, importRef: null,
});

describe('thread cache', () => {
  it('keeps an entry at or past the announced version, drops an older one', () => {
    const cache = createThreadCache();
    cache.setArticle(1, 'a7', article(7, 3));
    cache.invalidateArticle(7, 3, 1);
    assert.equal(cache.getArticle(1, 'a7')?.version, 3, 'the NOTIFY for a change already read keeps the entry');
    cache.invalidateArticle(7, 2, 1);
    assert.equal(cache.getArticle(1, 'a7')?.version, 3);
    cache.invalidateArticle(7, 4, 1);
    assert.equal(cache.getArticle(1, 'a7'), undefined, 'a newer version drops it');
    cache.setArticle(1, 'a7', article(7, 4));
    cache.invalidateArticle(7);
    assert.equal(cache.getArticle(1, 'a7'), undefined, 'without a version it always goes');
  });

  it('starts a build asked for soon after the last one once the interval is over, as running meanwhile, joined by those asked meanwhile', async () => {
    const cache = createThreadCache(10, 5000, Date.now, 1024, 20);
    const page = (v: number) => ({ version: v, state: String(v), etag: `"${v}"`, body: Buffer.from('{}') });
    await cache.buildOnce('k', async () => page(1));
    let started = false;
    const second = cache.buildOnce('k', async () => {
      started = true;
      return page(2);
    });
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(started, false, 'not at once after the last build');
    assert.equal(cache.isBuilding('k'), true, 'readers get the previous page meanwhile');
    assert.equal(cache.buildOnce('k', async () => page(3)), second, 'a write meanwhile joins the waiting build');
    assert.equal((await second).version, 2);
    let other = false;
    const elsewhere = cache.buildOnce('j', async () => ((other = true), page(1)));
    assert.equal(other, true, 'a page not built lately builds at once');
    await elsewhere;
    let unspaced = false;
    const plain = createThreadCache(10, 5000, Date.now, 1024, 0);
    await plain.buildOnce('k', async () => page(1));
    const again = plain.buildOnce('k', async () => ((unspaced = true), page(2)));
    assert.equal(unspaced, true, 'with no interval, at once');
    await again;
  });

  it('tells a build waiting for an announced version when it is committed, or gives up after its time', async () => {
    const cache = createThreadCache();
    cache.invalidateArticle(7, 5, 1);
    assert.equal(cache.announcedVersion(7), 5);
    let done = false;
    const waiting = cache.whenCommitted(7, 5, 60_000).then(() => (done = true));
    cache.markCommitted(7, 4);
    await Promise.resolve();
    assert.equal(done, false, 'an older commit does not release it');
    cache.markCommitted(7, 5);
    await waiting;
    await cache.whenCommitted(7, 5, 60_000); // already committed: at once
    await cache.whenCommitted(8, 1, 1); // never committed: after its time
    const cleared = cache.whenCommitted(9, 1, 60_000);
    cache.clear();
    await cleared;
    assert.equal(cache.announcedVersion(7), 0, 'clear forgets the announcements');
  });

  it('an event for an unknown article drops that site\'s "no such article" entries, not other sites\'', () => {
    const cache = createThreadCache();
    cache.setArticle(1, 'known', article(7, 1));
    cache.setArticle(1, 'new', null);
    cache.setArticle(2, 'new', null);
    assert.equal(cache.getArticle(1, 'new'), null);
    cache.invalidateArticle(7, 2, 1);
    assert.equal(cache.getArticle(1, 'new'), null, 'a change to a known article leaves absences cached');
    cache.invalidateArticle(99, 1, 1);
    assert.equal(cache.getArticle(1, 'new'), undefined, 'the article may just have been created');
    assert.equal(cache.getArticle(2, 'new'), null);
  });

  it('trusts an article row only for its time to live', () => {
    let clock = 0;
    const cache = createThreadCache(10, 5000, () => clock);
    cache.setArticle(1, 'a1', article(1, 1));
    clock = 5000;
    assert.equal(cache.getArticle(1, 'a1')?.id, 1);
    clock = 5001;
    assert.equal(cache.getArticle(1, 'a1'), undefined);
  });

  it('keeps a stale article row and its last page for serving during a build, and stores a row read before a newer event as stale', () => {
    const cache = createThreadCache();
    cache.setArticle(1, 'a7', article(7, 3));
    const page = { version: 3, state: '3', etag: '"p1-7-3"', body: Buffer.from('{}') };
    cache.setPage(7, 'oldest|50|', page);
    cache.invalidateArticle(7, 4, 1);
    assert.equal(cache.getArticle(1, 'a7'), undefined, 'not fresh');
    assert.deepEqual(cache.peekArticle(1, 'a7'), { article: article(7, 3), fresh: false }, 'but kept');
    assert.equal(cache.getPage(7, 'oldest|50|', '4'), undefined);
    assert.equal(cache.latestPage(7, 'oldest|50|'), page);
    // A build that read version 3 before the event for 4 arrived stores it stale; 4 itself is fresh.
    cache.setArticle(1, 'a7', article(7, 3));
    assert.equal(cache.getArticle(1, 'a7'), undefined);
    cache.setArticle(1, 'a7', article(7, 4));
    assert.equal(cache.getArticle(1, 'a7')?.version, 4);
  });

  it('shares one build per key while it runs, and starts a new one after', async () => {
    // Without the spacing between builds (tested on its own below), the next build starts at once.
    const cache = createThreadCache(2000, 5000, Date.now, 2 ** 20, 0);
    let builds = 0;
    let finish!: () => void;
    const build = () => {
      builds++;
      return new Promise<{ version: number; state: string; etag: string; body: Buffer }>((r) => (finish = () => r({ version: builds, state: String(builds), etag: '"e"', body: Buffer.from('{}') })));
    };
    const first = cache.buildOnce('k', build);
    const second = cache.buildOnce('k', build);
    assert.equal(cache.isBuilding('k'), true);
    finish();
    assert.equal(await first, await second);
    assert.equal(builds, 1);
    assert.equal(cache.isBuilding('k'), false);
    const third = cache.buildOnce('k', build);
    finish();
    assert.equal((await third).version, 2);
  });

  it('drops everything, fragments included, on clear, and counts the clears for builds in flight', () => {
    const cache = createThreadCache();
    cache.fragments.set(7, 1, { version: 3, json: Buffer.from('{"id":1}') });
    assert.equal(cache.fragments.known(7).ids.length, 1);
    const generation = cache.generation();
    cache.clear();
    assert.equal(cache.fragments.known(7).ids.length, 0);
    assert.equal(cache.fragments.bytes, 0);
    assert.notEqual(cache.generation(), generation);
  });

  it('bounds the comments\' JSON by bytes, dropping the article read least recently', () => {
    const store = createFragmentStore(100);
    const json = Buffer.alloc(40, 'x');
    store.set(1, 11, { version: 1, json });
    store.set(2, 21, { version: 1, json });
    store.known(1); // article 1 is now the most recently read
    store.set(3, 31, { version: 1, json });
    assert.equal(store.bytes, 80);
    assert.deepEqual([store.known(1).ids, store.known(2).ids, store.known(3).ids], [[11], [], [31]]);
    store.set(3, 31, { version: 2, json: Buffer.alloc(10) });
    assert.equal(store.bytes, 50, 'a replaced fragment counts once');
  });
});
