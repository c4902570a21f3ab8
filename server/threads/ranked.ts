// Thread pages in a ranked order, and the reaction counts. "best": editors' picks first, then
// top-level comments by reactions weighted by age (log10(1 + reactions) + created_at / 12.5 h, the
// clock-free "hot" score: ten times the reactions are worth 12.5 hours of newness); "picks": only
// the editors' picks, newest pick first, each on its own. Both page by offset (the cursor).
//
// Invariants: these pages depend on the article version (what is published, featured) and on its
// reaction_version (the counts), so their ETag and cache key carry both, read from the article row
// on every request (one query). A reaction bumps reaction_version alone: the oldest/newest pages,
// their cache and the edge (read.ts, edge.ts) never see it, so a flood of reactions costs those
// readers nothing. Ranked pages are kept per process (bounded) and never answered by the edge.
//
// A burst of reactions moves reaction_version on every one, and a page per reaction would be a full
// build for nearly every reader of the article (issue 15). So a ranked page is built once however
// many readers ask (single flight); when only the counts moved since the kept page, the next build
// starts at least REACTION_BUILD_INTERVAL_MS after the previous one, the reader who asked waits for
// it, and the readers meanwhile get the kept page with its own ETag (the order lags the reactions by
// that interval at most; open widgets follow the counts live). A new version (a comment published,
// removed, featured) is built at once, and wakes a build that was waiting out the interval.
import { and, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps.js';
import { requireArticleKey } from '../comments/article-key.js';
import { isClosed } from '../comments/closing.js';
import { toPublicComment, type Thread } from '../comments/dto.js';
import { findArticle, type ArticleRow } from '../comments/store.js';
import { comments } from '../db/schema.js';
import type { Queryable } from '../db/client.js';
import { requireSite } from '../sites/store.js';
import type { CachedPage } from './cache.js';
import { emptyPage } from './read.js';
import { etagMatches } from './response.js';
import { addRemovedAncestors, orderThread } from './store.js';

type Deps = Pick<AppDeps, 'db' | 'siteCache' | 'now'>;

export type RankedSort = 'best' | 'picks';
const MAX_PAGES = 500;
/** The least time between builds of one ranked page when only reaction counts changed. */
export const REACTION_BUILD_INTERVAL_MS = 250;

/** A kept ranked page and what it was built from. */
interface RankedEntry {
  page: CachedPage;
  /** The article version and `closed` the page shows (what a reaction does not change). */
  base: string;
  /** When its build started (performance.now()). */
  builtAt: number;
}

interface RankedBuild {
  done: Promise<CachedPage>;
  /** Starts a build that is waiting out the interval now (a new version must not wait for it). */
  wake(): void;
}

/**
 * A bounded per-process store of ranked pages, one per article and variant (sort, limit, offset),
 * with at most one build of each running. `wait` is how a count-only build waits out its interval
 * (tests hold it).
 */
export function createRankedCache(
  max = MAX_PAGES,
  intervalMs = REACTION_BUILD_INTERVAL_MS,
  wait: (ms: number, wake: Promise<void>) => Promise<void> = (ms, wake) =>
    Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), wake]),
) {
  const pages = new Map<string, RankedEntry>();
  const builds = new Map<string, RankedBuild>();
  return {
    latest: (key: string) => pages.get(key),
    isBuilding: (key: string) => builds.has(key),
    /**
     * Runs `build` for `key` unless one is running, whose page is then shared. With `countsOnly`, a
     * build asked for within the interval of the previous one starts when the interval is over (or
     * when a reader of a new version wakes it); `build` is told whether it waited.
     */
    buildOnce(key: string, countsOnly: boolean, build: (waited: boolean) => Promise<{ page: CachedPage; base: string }>): Promise<CachedPage> {
      const running = builds.get(key);
      if (running) {
        if (!countsOnly) running.wake();
        return running.done;
      }
      const delay = countsOnly ? (pages.get(key)?.builtAt ?? -Infinity) + intervalMs - performance.now() : 0;
      let wake = () => {};
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const done = (delay > 0 ? wait(delay, woken) : Promise.resolve())
        .then(async () => {
          const builtAt = performance.now();
          const { page, base } = await build(delay > 0);
          if (pages.size >= max) pages.clear();
          pages.set(key, { page, base, builtAt });
          return page;
        })
        .finally(() => builds.delete(key));
      builds.set(key, { done, wake });
      return done;
    },
  };
}
export type RankedCache = ReturnType<typeof createRankedCache>;

const hot = sql`(case when ${comments.featuredAt} is not null then 1 else 0 end) desc,
  log(1 + ${comments.reactionCount}) + extract(epoch from ${comments.createdAt}) / 45000 desc, ${comments.id} desc`;

/** The roots of one best-ordered page (offset), and whether more follow. */
async function findBestRoots(db: Queryable, articleId: number, limit: number, offset: number): Promise<number[]> {
  // Roots with a visible comment under them (a removed root with published replies still ranks, by its own row).
  const visible = db
    .selectDistinct({ rootId: comments.rootId })
    .from(comments)
    .where(and(eq(comments.articleId, articleId), eq(comments.status, 'approved')));
  const rows = await db
    .select({ id: comments.id })
    .from(comments)
    .where(inArray(comments.id, visible))
    .orderBy(hot)
    .limit(limit + 1)
    .offset(offset);
  return rows.map((r) => r.id);
}

async function buildRanked(deps: Deps, article: ArticleRow, closed: boolean, sort: RankedSort, limit: number, offset: number): Promise<Thread> {
  let rows;
  let more = false;
  if (sort === 'picks') {
    rows = await deps.db
      .select()
      .from(comments)
      .where(and(eq(comments.articleId, article.id), eq(comments.status, 'approved'), isNotNull(comments.featuredAt)))
      .orderBy(desc(comments.featuredAt), desc(comments.id))
      .limit(limit + 1)
      .offset(offset);
    more = rows.length > limit;
    rows = rows.slice(0, limit);
  } else {
    const roots = await findBestRoots(deps.db, article.id, limit, offset);
    more = roots.length > limit;
    const rootIds = roots.slice(0, limit);
    rows = rootIds.length
      ? await deps.db
          .select()
          .from(comments)
          .where(and(eq(comments.articleId, article.id), eq(comments.status, 'approved'), inArray(comments.rootId, rootIds)))
      : [];
    await addRemovedAncestors(deps.db, rows);
    rows = orderThread(rows, rootIds);
  }
  return {
    article: { key: article.key, url: article.url, title: article.title, closed, commentCount: article.commentCount },
    comments: rows.map((r) => toPublicComment(r)),
    nextCursor: more ? String(offset + limit) : null,
    total: article.commentCount,
  };
}

/** The ranked page for a request: page null answers 304 (the If-None-Match ETag names the page served). */
export async function getRankedThread(
  deps: Deps & { rankedCache: RankedCache },
  req: { site: string; article: string; sort: RankedSort; limit: number; cursor?: string; ifNoneMatch?: string },
): Promise<{ etag: string; page: CachedPage | null }> {
  const site = await requireSite(deps, req.site);
  const key = requireArticleKey(req.article);
  const article = await findArticle(deps.db, site.id, key);
  const offset = Number(req.cursor ?? 0);
  if (!article) {
    const page = emptyPage(key);
    return { etag: page.etag, page };
  }
  const closed = isClosed(article, site.settings, deps.now());
  const { state, base, etag } = rankedState(article, closed);
  if (req.ifNoneMatch && etagMatches(req.ifNoneMatch, etag)) return { etag, page: null };
  const answer = (page: CachedPage) =>
    req.ifNoneMatch && etagMatches(req.ifNoneMatch, page.etag) ? { etag: page.etag, page: null } : { etag: page.etag, page };
  const cacheKey = `${article.id}|${req.sort}|${req.limit}|${offset}`;
  const kept = deps.rankedCache.latest(cacheKey);
  if (kept?.page.state === state) return answer(kept.page);
  const countsOnly = kept?.base === base;
  // Readers while the next build is waiting or running get the kept page, when only counts differ.
  if (kept && countsOnly && deps.rankedCache.isBuilding(cacheKey)) return answer(kept.page);
  const build = async (waited: boolean) => {
    // A build that waited out the interval, or that this reader joins later, reads the article again.
    const current = waited ? await findArticle(deps.db, site.id, key) : article;
    if (!current) return { page: emptyPage(key), base: '' };
    const currentClosed = isClosed(current, site.settings, deps.now());
    const built = rankedState(current, currentClosed);
    const data = await buildRanked(deps, current, currentClosed, req.sort, req.limit, offset);
    return { page: { version: current.version, state: built.state, etag: built.etag, body: Buffer.from(JSON.stringify(data)) }, base: built.base };
  };
  let page = await deps.rankedCache.buildOnce(cacheKey, countsOnly, build);
  // A build this reader joined may have started before the version it read (a comment published
  // meanwhile): it waits for the next one rather than get a page without that comment.
  if (page.version < article.version) page = await deps.rankedCache.buildOnce(cacheKey, false, () => build(true));
  return answer(page);
}

/** What a ranked page's bytes depend on: the version and `closed` (base), and with them the counts (state). */
function rankedState(article: ArticleRow, closed: boolean): { state: string; base: string; etag: string } {
  const state = `${article.version}.${article.reactionVersion}${closed ? '-c' : ''}`;
  return { state, base: `${article.version}${closed ? '-c' : ''}`, etag: `"r1-${article.id}-${state}"` };
}

/**
 * Reaction counts of an article's published comments ({ id: n }, only those above zero), with an
 * ETag on its reaction version. One small indexed query; the widget asks once per load and then
 * follows the live 'reaction' events.
 */
export async function getReactionCounts(
  deps: Deps,
  req: { site: string; article: string; ifNoneMatch?: string },
): Promise<{ etag: string; counts: Record<string, number> | null }> {
  const site = await requireSite(deps, req.site);
  const key = requireArticleKey(req.article);
  const article = await findArticle(deps.db, site.id, key);
  if (!article) return { etag: '"rc-0"', counts: {} };
  const etag = `"rc-${article.id}-${article.reactionVersion}"`;
  if (req.ifNoneMatch && etagMatches(req.ifNoneMatch, etag)) return { etag, counts: null };
  const rows = await deps.db
    .select({ id: comments.id, n: comments.reactionCount })
    .from(comments)
    .where(and(eq(comments.articleId, article.id), eq(comments.status, 'approved'), gt(comments.reactionCount, 0)))
    .limit(5000);
  return { etag, counts: Object.fromEntries(rows.map((r) => [r.id, r.n])) };
}
