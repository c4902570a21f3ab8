// The per-process thread cache: which events drop an article entry and which leave it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createThreadCache } from '../../server/threads/cache.js';
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
});
