import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeArticleKey } from '../../server/comments/article-key.js';

describe('normalizeArticleKey', () => {
  it('keeps publisher ids as they are', () => {
    assert.equal(normalizeArticleKey('demo-article-1'), 'demo-article-1');
    assert.equal(normalizeArticleKey('2026/11/world:peace_talks.v2'), '2026/11/world:peace_talks.v2');
    assert.equal(normalizeArticleKey('लेख-42'), 'लेख-42');
  });
  it('normalizes canonical URLs: no fragment, no tracking parameters, lower-case host, sorted query', () => {
    assert.equal(
      normalizeArticleKey('https://News.Example.com:443/world/story?utm_source=tw&b=2&a=1&fbclid=x#comments'),
      'https://news.example.com/world/story?a=1&b=2',
    );
    assert.equal(normalizeArticleKey('http://example.com/a?gclid=1'), 'http://example.com/a');
  });
  it('refuses what is neither an id nor an http(s) URL', () => {
    for (const bad of ['', '   ', 'javascript:alert(1)', 'has space', '<script>', 'ftp://x.y/z', 'https://user:pw@x.y/', 'a'.repeat(600)]) {
      assert.equal(normalizeArticleKey(bad), null, bad);
    }
  });
});
