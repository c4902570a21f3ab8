// Serialized thread pages per article version, and article rows by key, kept per process.
// Entries are derived data: each is checked against the article's current version, and NOTIFY
// events (from any process) drop the article entry so the next read sees the new version.
import type { ArticleRow } from '../comments/store.js';

export interface CachedPage {
  version: number;
  etag: string;
  /** UTF-8 JSON, encoded once so each response just writes bytes. */
  body: Buffer;
  /** The same bytes gzipped, made on the first request that accepts gzip. */
  gzip?: Buffer;
}

/** What a thread URL, once validated and answered, stands for. */
export interface ThreadUrlRef {
  siteSlug: string;
  articleKey: string;
  /** sort|limit|cursor, as the page cache keys it. */
  variant: string;
}

export interface ThreadCache {
  /** Remembers what a validated thread request target (path and query, as received) asked for. */
  rememberUrl(url: string, ref: ThreadUrlRef): void;
  lookupUrl(url: string): ThreadUrlRef | undefined;
  getArticle(siteId: number, key: string): ArticleRow | null | undefined;
  setArticle(siteId: number, key: string, article: ArticleRow | null): void;
  getPage(articleId: number, version: number, variant: string): CachedPage | undefined;
  setPage(articleId: number, variant: string, page: CachedPage): void;
  /**
   * Forget an article (its pages become unreachable through the version check). With a version
   * (from the event that announced it), an entry already at that version or newer is kept: the
   * NOTIFY for a change this process has already read must not throw its fresh entry away. An
   * article this process does not know may be newly created, so with a site, that site's "no such
   * article" entries go too (not on events for known articles, so a busy site's many comment-less
   * articles stay cached).
   */
  invalidateArticle(articleId: number, version?: number, siteId?: number): void;
  clear(): void;
}

/**
 * `maxEntries` bounds pages; `articleTtlMs` bounds how long an article row is trusted without an
 * event, so a lost LISTEN connection cannot serve stale threads for long.
 */
export function createThreadCache(maxEntries = 2000, articleTtlMs = 5000, now: () => number = Date.now): ThreadCache {
  const pages = new Map<string, CachedPage>();
  const articles = new Map<string, { article: ArticleRow | null; at: number }>();
  const keyById = new Map<number, string>();
  /** Per site, the keys cached as "no such article". */
  const missing = new Map<number, Set<string>>();
  // Bounded like the article map: cleared wholesale when full (each entry is rebuilt on its next miss).
  const urls = new Map<string, ThreadUrlRef>();
  const pageKey = (articleId: number, variant: string) => `${articleId}|${variant}`;

  return {
    rememberUrl(url, ref) {
      if (maxEntries === 0) return;
      if (urls.size >= maxEntries * 4) urls.clear();
      urls.set(url, ref);
    },
    lookupUrl(url) {
      return urls.get(url);
    },
    getArticle(siteId, key) {
      const hit = articles.get(`${siteId}|${key}`);
      if (!hit) return undefined;
      if (now() - hit.at > articleTtlMs) return undefined;
      return hit.article;
    },
    setArticle(siteId, key, article) {
      if (maxEntries === 0) return;
      const k = `${siteId}|${key}`;
      if (articles.size >= maxEntries * 4) {
        articles.clear();
        keyById.clear();
        missing.clear();
      }
      articles.set(k, { article, at: now() });
      if (article) {
        keyById.set(article.id, k);
        missing.get(siteId)?.delete(key);
      } else {
        let keys = missing.get(siteId);
        if (!keys) missing.set(siteId, (keys = new Set()));
        keys.add(key);
      }
    },
    getPage(articleId, version, variant) {
      const k = pageKey(articleId, variant);
      const hit = pages.get(k);
      if (!hit || hit.version !== version) return undefined;
      // Refresh recency: Map keeps insertion order, so re-inserting makes this the newest.
      pages.delete(k);
      pages.set(k, hit);
      return hit;
    },
    setPage(articleId, variant, page) {
      if (maxEntries === 0) return;
      const k = pageKey(articleId, variant);
      pages.delete(k);
      pages.set(k, page);
      while (pages.size > maxEntries) {
        const oldest = pages.keys().next().value;
        if (oldest === undefined) break;
        pages.delete(oldest);
      }
    },
    invalidateArticle(articleId, version, siteId) {
      const k = keyById.get(articleId);
      if (!k) {
        if (siteId === undefined) return;
        for (const key of missing.get(siteId) ?? []) articles.delete(`${siteId}|${key}`);
        missing.delete(siteId);
        return;
      }
      const cached = articles.get(k)?.article;
      if (version !== undefined && cached && cached.version >= version) return;
      articles.delete(k);
      keyById.delete(articleId);
    },
    clear() {
      urls.clear();
      pages.clear();
      articles.clear();
      keyById.clear();
      missing.clear();
    },
  };
}
