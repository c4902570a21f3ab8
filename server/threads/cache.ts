// Serialized thread pages per article version, article rows by key, and the comments' serialized
// JSON (fragments.ts), kept per process. Entries are derived data: each page is checked against the
// article's current version, and events (NOTIFY from any process, or this process's own writes) mark
// the article row stale so the next read builds the new version. A stale row's last page stays, to
// be served while the new one is built (see read.ts for who may get it).
import type { ArticleRow } from '../comments/store.js';
import { createFragmentStore, type FragmentStore } from './fragments.js';

/**
 * The least time between the end of one build of a page and the start of the next: on a story that
 * takes several comments a second, a build each time was most of the server's work while its readers
 * waited behind it. Readers get the previous page for this long at most (Cache-Control lets a CDN
 * keep it for far longer); the reader who asked first waits for the new one.
 */
export const MIN_BUILD_INTERVAL_MS = 25;

export interface CachedPage {
  version: number;
  /** What besides the version the bytes depend on (pageState in read.ts: the version and `closed`). */
  state: string;
  etag: string;
  /** UTF-8 JSON, encoded once so each response just writes bytes. */
  body: Buffer;
  /** The same bytes gzipped (made with the page when it is built for the public). */
  gzip?: Buffer;
}

/** What a thread URL, once validated and answered, stands for. */
export interface ThreadUrlRef {
  siteSlug: string;
  articleKey: string;
  /** sort|limit|cursor, as the page cache keys it. */
  variant: string;
}

/** An article row as cached: `fresh` false once an event announced a newer version or its time ran out. */
export interface ArticleEntry {
  article: ArticleRow | null;
  fresh: boolean;
}

export interface ThreadCache {
  /** Remembers what a validated thread request target (path and query, as received) asked for. */
  rememberUrl(url: string, ref: ThreadUrlRef): void;
  lookupUrl(url: string): ThreadUrlRef | undefined;
  /** The article row while it is fresh; undefined once stale, expired or unknown. */
  getArticle(siteId: number, key: string): ArticleRow | null | undefined;
  /** The article row however old, with whether it is fresh. */
  peekArticle(siteId: number, key: string): ArticleEntry | undefined;
  /** Stores a row read from the database; it is stale at once if an event already announced a newer version. */
  setArticle(siteId: number, key: string, article: ArticleRow | null): void;
  /** The page for this state of the article, or undefined. */
  getPage(articleId: number, variant: string, state: string): CachedPage | undefined;
  /** The last page built for this variant, whatever its version. */
  latestPage(articleId: number, variant: string): CachedPage | undefined;
  setPage(articleId: number, variant: string, page: CachedPage): void;
  /**
   * Runs `build` for `key` unless a build for it is already running, whose result is then shared:
   * one build per article and variant however many readers ask at once. A build asked for within
   * `minBuildIntervalMs` of the end of the previous one for that key starts when the interval is
   * over; it counts as running meanwhile (readers get the previous page, read.ts), so every write
   * landing in that time goes into one build instead of one build each.
   */
  buildOnce(key: string, build: () => Promise<CachedPage>): Promise<CachedPage>;
  isBuilding(key: string): boolean;
  readonly fragments: FragmentStore;
  /** Goes up on every clear(): a build that started before one must not store what it read. */
  generation(): number;
  /**
   * Marks an article stale (its pages stay for read.ts to serve while the new version is built).
   * With a version (from the event that announced it), an entry already at that version or newer
   * stays fresh: the NOTIFY for a change this process has already read must not throw it away; and a
   * row read before the event but stored after it is stored stale. An article this process does not
   * know may be newly created, so with a site, that site's "no such article" entries go (not on
   * events for known articles, so a busy site's many comment-less articles stay cached).
   */
  invalidateArticle(articleId: number, version?: number, siteId?: number): void;
  /** The newest version events announced for an article (0: none known). */
  announcedVersion(articleId: number): number;
  /** Records that a version is committed (its NOTIFY arrived, which PostgreSQL sends only on commit). */
  markCommitted(articleId: number, version: number): void;
  /**
   * Resolves once `version` of the article is committed, or after `timeoutMs` (a rolled-back write, or
   * a lost listening session, whose reconnect clears the cache anyway).
   */
  whenCommitted(articleId: number, version: number, timeoutMs: number): Promise<void>;
  clear(): void;
}

/**
 * `maxEntries` bounds pages; `articleTtlMs` bounds how long an article row is trusted without an
 * event, so a lost LISTEN connection cannot serve stale threads for long; `fragmentBytes` bounds
 * the comments' JSON kept.
 */
export function createThreadCache(
  maxEntries = 2000,
  articleTtlMs = 5000,
  now: () => number = Date.now,
  fragmentBytes = maxEntries === 0 ? 0 : 32 * 2 ** 20,
  minBuildIntervalMs = maxEntries === 0 ? 0 : MIN_BUILD_INTERVAL_MS,
): ThreadCache {
  const pages = new Map<string, CachedPage>();
  const articles = new Map<string, { article: ArticleRow | null; at: number; stale: boolean }>();
  const keyById = new Map<number, string>();
  /** The newest version events announced per article id (bounded like the article map). */
  const announced = new Map<number, number>();
  /** Per site, the keys cached as "no such article". */
  const missing = new Map<number, Set<string>>();
  // Bounded like the article map: cleared wholesale when full (each entry is rebuilt on its next miss).
  const urls = new Map<string, ThreadUrlRef>();
  const builds = new Map<string, Promise<CachedPage>>();
  /** When the last build per key ended (performance.now()), bounded like the URL map. */
  const builtAt = new Map<string, number>();
  /** The newest committed version per article (from NOTIFY), and the builds waiting for one. */
  const committed = new Map<number, number>();
  const commitWaiters = new Map<number, { version: number; resolve: () => void }[]>();
  const fragments = createFragmentStore(fragmentBytes);
  const pageKey = (articleId: number, variant: string) => `${articleId}|${variant}`;
  let generation = 0;

  const entryOf = (siteId: number, key: string) => {
    const hit = articles.get(`${siteId}|${key}`);
    if (!hit) return undefined;
    return { article: hit.article, fresh: !hit.stale && now() - hit.at <= articleTtlMs };
  };

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
      const entry = entryOf(siteId, key);
      return entry?.fresh ? entry.article : undefined;
    },
    peekArticle: entryOf,
    setArticle(siteId, key, article) {
      if (maxEntries === 0) return;
      const k = `${siteId}|${key}`;
      if (articles.size >= maxEntries * 4) {
        articles.clear();
        keyById.clear();
        missing.clear();
      }
      const stale = article !== null && (announced.get(article.id) ?? 0) > article.version;
      articles.set(k, { article, at: now(), stale });
      if (article) {
        keyById.set(article.id, k);
        missing.get(siteId)?.delete(key);
      } else {
        let keys = missing.get(siteId);
        if (!keys) missing.set(siteId, (keys = new Set()));
        keys.add(key);
      }
    },
    getPage(articleId, variant, state) {
      const k = pageKey(articleId, variant);
      const hit = pages.get(k);
      if (!hit || hit.state !== state) return undefined;
      // Refresh recency: Map keeps insertion order, so re-inserting makes this the newest.
      pages.delete(k);
      pages.set(k, hit);
      return hit;
    },
    latestPage(articleId, variant) {
      return pages.get(pageKey(articleId, variant));
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
    buildOnce(key, build) {
      const running = builds.get(key);
      if (running) return running;
      const wait = minBuildIntervalMs > 0 ? (builtAt.get(key) ?? -Infinity) + minBuildIntervalMs - performance.now() : 0;
      const begin = wait > 0 ? new Promise<void>((resolve) => setTimeout(resolve, wait)).then(build) : build();
      const started = begin.finally(() => {
        builds.delete(key);
        if (minBuildIntervalMs === 0) return;
        if (builtAt.size >= Math.max(1, maxEntries) * 4) builtAt.clear();
        builtAt.set(key, performance.now());
      });
      builds.set(key, started);
      return started;
    },
    isBuilding(key) {
      return builds.has(key);
    },
    fragments,
    generation: () => generation,
    invalidateArticle(articleId, version, siteId) {
      if (version !== undefined) {
        if (announced.size >= Math.max(1, maxEntries) * 4) announced.clear();
        if ((announced.get(articleId) ?? 0) < version) announced.set(articleId, version);
      }
      const k = keyById.get(articleId);
      const cached = k === undefined ? undefined : articles.get(k);
      if (!cached) {
        if (siteId === undefined) return;
        for (const key of missing.get(siteId) ?? []) articles.delete(`${siteId}|${key}`);
        missing.delete(siteId);
        return;
      }
      if (version !== undefined && cached.article && cached.article.version >= version) return;
      cached.stale = true;
    },
    announcedVersion: (articleId) => announced.get(articleId) ?? 0,
    markCommitted(articleId, version) {
      if (committed.size >= Math.max(1, maxEntries) * 4) committed.clear();
      if ((committed.get(articleId) ?? 0) < version) committed.set(articleId, version);
      const waiting = commitWaiters.get(articleId);
      if (!waiting) return;
      const still = waiting.filter((w) => w.version > version);
      for (const w of waiting) if (w.version <= version) w.resolve();
      if (still.length > 0) commitWaiters.set(articleId, still);
      else commitWaiters.delete(articleId);
    },
    whenCommitted(articleId, version, timeoutMs) {
      if ((committed.get(articleId) ?? 0) >= version) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const waiter = {
          version,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          const list = commitWaiters.get(articleId);
          const rest = list?.filter((w) => w !== waiter) ?? [];
          if (rest.length > 0) commitWaiters.set(articleId, rest);
          else commitWaiters.delete(articleId);
          resolve();
        }, timeoutMs);
        const list = commitWaiters.get(articleId);
        if (list) list.push(waiter);
        else commitWaiters.set(articleId, [waiter]);
      });
    },
    clear() {
      generation++;
      committed.clear();
      for (const list of commitWaiters.values()) for (const w of list) w.resolve();
      commitWaiters.clear();
      urls.clear();
      pages.clear();
      articles.clear();
      keyById.clear();
      announced.clear();
      missing.clear();
      fragments.clear();
    },
  };
}
