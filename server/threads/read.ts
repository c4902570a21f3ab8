// Reading a thread: the shared public page (cached per article version, built once however many
// readers ask, assembled from per-comment JSON) or an author's private view (built for them).
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { AppDeps } from '../deps.js';
import { requireArticleKey } from '../comments/article-key.js';
import { readAuthorToken } from '../comments/author-token.js';
import { isClosed } from '../comments/closing.js';
import { toPublicComment, type Thread } from '../comments/dto.js';
import { findArticle, type ArticleRow } from '../comments/store.js';
import { requireSite, type Site } from '../sites/store.js';
import { assembleJson } from './assemble.js';
import type { CachedPage, ThreadCache, ThreadUrlRef } from './cache.js';
import { etagMatches, etagVersions, GZIP_MIN_BYTES } from './response.js';
import { findArticleRow, findOwnIds, findOwnPending, findPageEntries, findThreadPage, orderThread } from './store.js';

type Deps = Pick<AppDeps, 'db' | 'database' | 'hasher' | 'siteCache' | 'threadCache' | 'now'>;

const gzipAsync = promisify(gzip);
/** How long a build waits for a version announced but not yet committed (see buildPublicPage). */
const COMMIT_WAIT_MS = 100;

export interface ThreadQueryInput {
  sort: 'oldest' | 'newest';
  limit: number;
  cursor?: string;
}

type ThreadData = Thread;

export type ThreadResult =
  /** page null: the If-None-Match ETag is current (304). `ref` lets the cache find this page by URL. */
  | { kind: 'public'; etag: string; page: CachedPage | null; ref: ThreadUrlRef }
  | { kind: 'private'; data: ThreadData };

/** What a public page's bytes depend on besides its article and variant: the version and `closed` (see threadEtag). */
function pageState(article: ArticleRow, closed: boolean): string {
  return `${article.version}${closed ? '-c' : ''}`;
}

/**
 * The ETag, and with it the page cache's key: everything the public body contains besides the rows
 * of this article version. `closed` comes from the clock (close-after-days) as well as the article,
 * so it is part of it (issue 12, finding 12: a closed article was served as open from the cache).
 * A cached page is used only while its ETag is the current one.
 */
export function threadEtag(article: Pick<ArticleRow, 'id' | 'version'>, closed: boolean): string {
  return `"p1-${article.id}-${article.version}${closed ? '-c' : ''}"`;
}

const flightKey = (siteId: number, key: string, variant: string) => `${siteId}|${key}|${variant}`;

/** A thread page. Without an author token it is the shared, cached representation. */
export async function getThread(
  deps: Deps,
  req: { site: string; article: string; query: ThreadQueryInput; authorToken?: string; ifNoneMatch?: string },
): Promise<ThreadResult> {
  const site = await requireSite(deps, req.site);
  const key = requireArticleKey(req.article);
  const token = readAuthorToken(req.authorToken);
  if (token) {
    // A private view is read from the database on every request: the author must see their own writes.
    const article = await findArticle(deps.db, site.id, key);
    deps.threadCache.setArticle(site.id, key, article);
    if (!article) return { kind: 'private', data: emptyThread(key) };
    const data = await buildThread(deps, site, article, req.query);
    await addOwnComments(deps, site, article, data, token, req.query);
    return { kind: 'private', data };
  }

  const variant = `${req.query.sort}|${req.query.limit}|${req.query.cursor ?? ''}`;
  const ref = { siteSlug: site.slug, articleKey: key, variant };
  const answer = (page: CachedPage) =>
    req.ifNoneMatch && etagMatches(req.ifNoneMatch, page.etag) ? { kind: 'public' as const, etag: page.etag, page: null, ref } : { kind: 'public' as const, etag: page.etag, page, ref };

  const entry = deps.threadCache.peekArticle(site.id, key);
  if (entry?.fresh) {
    if (!entry.article) return answer(emptyPage(key));
    const closed = isClosed(entry.article, site.settings, deps.now());
    const etag = threadEtag(entry.article, closed);
    if (req.ifNoneMatch && etagMatches(req.ifNoneMatch, etag)) return { kind: 'public', etag, page: null, ref };
    const hit = deps.threadCache.getPage(entry.article.id, variant, pageState(entry.article, closed));
    if (hit) return answer(hit);
  } else if (entry?.article) {
    const previous = servableWhileBuilding(deps.threadCache, flightKey(site.id, key, variant), entry.article.id, variant, req.ifNoneMatch);
    if (previous) return answer(previous);
  }
  // Build (or join the build of) the current page. A reader who already saw a newer version than
  // the build produced (a build that started before that version) waits for the next one.
  const seen = req.ifNoneMatch ? etagVersions(req.ifNoneMatch) : 0;
  for (let attempt = 0; ; attempt++) {
    const page = await deps.threadCache.buildOnce(flightKey(site.id, key, variant), () => buildPublicPage(deps, site, key, variant, req.query));
    if (page.version >= seen || attempt >= 2) return answer(page);
  }
}

/**
 * The page to give a public reader while the current one is built: the last one built for this
 * variant, if a build is running and the reader has not already seen a newer version (their
 * If-None-Match). A CDN may serve a page this old anyway (Cache-Control: s-maxage and
 * stale-while-revalidate), and the live stream tells open widgets what changed.
 */
function servableWhileBuilding(cache: ThreadCache, key: string, articleId: number, variant: string, ifNoneMatch: string | undefined): CachedPage | undefined {
  if (!cache.isBuilding(key)) return undefined;
  const previous = cache.latestPage(articleId, variant);
  if (!previous) return undefined;
  if (ifNoneMatch && etagVersions(ifNoneMatch) > previous.version) return undefined;
  return previous;
}

/**
 * The public page for a thread request target answered before, from this process's caches alone:
 * the site, the article's current version and its page must all be in memory, or a build must be
 * running and the last page be one this reader may get meanwhile (servableWhileBuilding).
 * undefined: take the full route.
 */
export function peekThread(
  deps: Pick<Deps, 'siteCache' | 'threadCache' | 'now'>,
  target: string,
  ifNoneMatch?: string,
): { site: Site; page: CachedPage } | undefined {
  const ref = deps.threadCache.lookupUrl(target);
  if (!ref) return undefined;
  const site = deps.siteCache.peek(ref.siteSlug);
  if (!site) return undefined;
  const entry = deps.threadCache.peekArticle(site.id, ref.articleKey);
  if (!entry?.article) return undefined;
  if (!entry.fresh) {
    const previous = servableWhileBuilding(deps.threadCache, flightKey(site.id, ref.articleKey, ref.variant), entry.article.id, ref.variant, ifNoneMatch);
    return previous && { site, page: previous };
  }
  const closed = isClosed(entry.article, site.settings, deps.now());
  const page = deps.threadCache.getPage(entry.article.id, ref.variant, pageState(entry.article, closed));
  return page && { site, page };
}

/**
 * An article nobody has commented on yet (the first post creates it) reads as an empty thread, 200
 * rather than 404, so article pages' consoles stay clean; the ETag changes once the article exists.
 */
export function emptyThread(key: string): Thread {
  return { article: { key, url: null, title: null, closed: false, commentCount: 0 }, comments: [], nextCursor: null, total: 0 };
}

export function emptyPage(key: string): CachedPage {
  return { version: 0, state: '0', etag: '"p1-0"', body: Buffer.from(JSON.stringify(emptyThread(key))) };
}

/**
 * Builds the current public page: the article row fresh from the database, then (unless its page is
 * cached, when only the row's time had run out) the page assembled from the comments' fragments,
 * the rows of changed comments read in the same statement, and gzipped. The article row is stored
 * after its page, so no reader sees a fresh row without the page for it.
 */
async function buildPublicPage(deps: Deps, site: Site, key: string, variant: string, q: ThreadQueryInput): Promise<CachedPage> {
  const cache = deps.threadCache;
  const generation = cache.generation();
  let article = await findArticleRow(deps.database, site.id, key);
  const announced = article ? cache.announcedVersion(article.id) : 0;
  if (article && announced > article.version) {
    // A write of this process announced a version its transaction has not committed yet. Reading
    // again at once would find the same row, and every reader meanwhile would start another build;
    // this build waits for the commit (readers get the previous page meanwhile) and reads once more.
    await cache.whenCommitted(article.id, announced, COMMIT_WAIT_MS);
    article = await findArticleRow(deps.database, site.id, key);
  }
  if (!article) {
    if (cache.generation() === generation) cache.setArticle(site.id, key, null);
    return emptyPage(key);
  }
  const closed = isClosed(article, site.settings, deps.now());
  const state = pageState(article, closed);
  let page = cache.getPage(article.id, variant, state);
  if (!page) {
    const body = await assemblePage(deps, site, article, closed, q);
    page = { version: article.version, state, etag: threadEtag(article, closed), body };
    // Made here, off the event loop (zlib's thread pool), so the readers of every version share it.
    if (body.length > GZIP_MIN_BYTES) page.gzip = await gzipAsync(body, { level: 6 });
    if (cache.generation() === generation) cache.setPage(article.id, variant, page);
  }
  if (cache.generation() === generation) cache.setArticle(site.id, key, article);
  return page;
}

/** The envelope of a thread page: everything but its comments, in the Thread DTO's key order. */
function threadEnvelope(article: ArticleRow, closed: boolean, nextCursor: string | null): Thread {
  return {
    article: { key: article.key, url: article.url, title: article.title, closed, commentCount: article.commentCount },
    comments: [],
    nextCursor,
    total: article.commentCount,
  };
}

/** The public page's JSON, from the fragments this process holds and the rows of the comments it lacks. */
export async function assemblePage(deps: Pick<Deps, 'database' | 'threadCache'>, site: Site, article: ArticleRow, closed: boolean, q: ThreadQueryInput): Promise<Buffer> {
  const store = deps.threadCache.fragments;
  const known = store.known(article.id);
  const page = await findPageEntries(deps.database, article.id, {
    sort: q.sort,
    limit: q.limit,
    cursor: q.cursor === undefined ? undefined : Number(q.cursor),
    knownIds: known.ids,
    knownVersions: known.versions,
  });
  const items: Buffer[] = [];
  for (const entry of orderThread(page.entries, page.rootIds)) {
    let json = entry.row ? undefined : known.fragments.get(entry.id)?.json;
    if (!json) {
      if (!entry.row) throw new Error(`thread page: no row or fragment for comment ${entry.id}`);
      json = Buffer.from(JSON.stringify(toPublicComment(entry.row)));
      store.set(article.id, entry.id, { version: entry.articleVersion, json });
    }
    items.push(json);
  }
  return assembleJson(threadEnvelope(article, closed, page.nextCursor), 'comments', items);
}

/** The thread as objects, straight from the database: the private view's base, and the plain path the assembled page must equal. */
export async function buildThread(deps: Pick<Deps, 'db' | 'now'>, site: Site, article: ArticleRow, q: ThreadQueryInput): Promise<ThreadData> {
  const page = await findThreadPage(deps.db, article.id, {
    sort: q.sort,
    limit: q.limit,
    cursor: q.cursor === undefined ? undefined : Number(q.cursor),
  });
  const thread = threadEnvelope(article, isClosed(article, site.settings, deps.now()), page.nextCursor);
  thread.comments = page.rows.map((r) => toPublicComment(r));
  return thread;
}

/** Marks the author's own comments and merges in their held ones (first page only for top-level ones). */
async function addOwnComments(deps: Deps, site: Site, article: ArticleRow, data: ThreadData, token: string, q: ThreadQueryInput) {
  const tokenHash = deps.hasher.hashToken(token);
  const [own, pending] = await Promise.all([
    findOwnIds(deps.db, article.id, tokenHash),
    findOwnPending(deps.db, article.id, tokenHash),
  ]);
  const windowMs = site.settings.editWindowSeconds * 1000;
  const editable = (createdAt: Date) => {
    const until = new Date(createdAt.getTime() + windowMs);
    return until > deps.now() ? until : undefined;
  };
  for (const c of data.comments) {
    const createdAt = own.get(c.id);
    if (createdAt && c.status !== 'removed') {
      c.mine = true;
      const until = editable(createdAt);
      if (until) c.editableUntil = until.toISOString();
    }
  }
  for (const p of pending) {
    const pc = toPublicComment(p, { mine: true, editableUntil: editable(p.createdAt) });
    if (p.parentId === null) {
      if (q.cursor !== undefined) continue;
      if (q.sort === 'newest') data.comments.unshift(pc);
      else data.comments.push(pc);
      continue;
    }
    const at = data.comments.findIndex((c) => c.id === p.parentId);
    if (at < 0) continue;
    let end = at + 1;
    while (end < data.comments.length && data.comments[end]!.depth > data.comments[at]!.depth) end++;
    data.comments.splice(end, 0, pc);
  }
}
