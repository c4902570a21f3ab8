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

/** A bounded per-process store of ranked pages: entries are keyed by everything their bytes depend on. */
export function createRankedCache(max = MAX_PAGES) {
  const pages = new Map<string, CachedPage>();
  return {
    get: (key: string) => pages.get(key),
    set(key: string, page: CachedPage) {
      if (pages.size >= max) pages.clear();
      pages.set(key, page);
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

/** The ranked page for a request: page null answers 304 (the If-None-Match ETag is current). */
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
  const state = `${article.version}.${article.reactionVersion}${closed ? '-c' : ''}`;
  const etag = `"r1-${article.id}-${state}"`;
  if (req.ifNoneMatch && etagMatches(req.ifNoneMatch, etag)) return { etag, page: null };
  const cacheKey = `${article.id}|${req.sort}|${req.limit}|${offset}|${state}`;
  let page = deps.rankedCache.get(cacheKey);
  if (!page) {
    const data = await buildRanked(deps, article, closed, req.sort, req.limit, offset);
    page = { version: article.version, state, etag, body: Buffer.from(JSON.stringify(data)) };
    deps.rankedCache.set(cacheKey, page);
  }
  return { etag, page };
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
