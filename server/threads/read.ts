// Reading a thread: the shared public page (cached per article version) or an author's private view.
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { requireArticleKey } from '../comments/article-key.js';
import { readAuthorToken } from '../comments/author-token.js';
import { isClosed } from '../comments/closing.js';
import { toPublicComment, type Thread } from '../comments/dto.js';
import { findArticle, type ArticleRow } from '../comments/store.js';
import { requireSite, type Site } from '../sites/store.js';
import type { CachedPage, ThreadUrlRef } from './cache.js';
import { etagMatches } from './response.js';
import { findOwnIds, findOwnPending, findThreadPage } from './store.js';

type Deps = Pick<AppDeps, 'db' | 'hasher' | 'siteCache' | 'threadCache' | 'now'>;

async function loadArticle(deps: Deps, site: Site, key: string, fresh: boolean): Promise<ArticleRow | null> {
  if (!fresh) {
    const hit = deps.threadCache.getArticle(site.id, key);
    if (hit !== undefined) return hit;
  }
  const article = await findArticle(deps.db, site.id, key);
  deps.threadCache.setArticle(site.id, key, article);
  return article;
}

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

/** A thread page. Without an author token it is the shared, cached representation. */
export async function getThread(
  deps: Deps,
  req: { site: string; article: string; query: ThreadQueryInput; authorToken?: string; ifNoneMatch?: string },
): Promise<ThreadResult> {
  const site = await requireSite(deps, req.site);
  const key = requireArticleKey(req.article);
  const token = readAuthorToken(req.authorToken);
  const article = await loadArticle(deps, site, key, token !== undefined);
  if (!article) throw new AppError('ARTICLE_NOT_FOUND', 'Nobody has commented on this article yet.');

  const variant = `${req.query.sort}|${req.query.limit}|${req.query.cursor ?? ''}`;
  const closed = isClosed(article, site.settings, deps.now());
  const etag = threadEtag(article, closed);
  const ref = { siteSlug: site.slug, articleKey: key, variant };
  if (!token) {
    if (req.ifNoneMatch && etagMatches(req.ifNoneMatch, etag)) return { kind: 'public', etag, page: null, ref };
    const hit = deps.threadCache.getPage(article.id, article.version, variant);
    if (hit && hit.etag === etag) return { kind: 'public', etag, page: hit, ref };
  }
  const data = await buildThread(deps, site, article, req.query, closed);
  if (!token) {
    const page: CachedPage = { version: article.version, etag, body: Buffer.from(JSON.stringify(data)) };
    deps.threadCache.setPage(article.id, variant, page);
    return { kind: 'public', etag, page, ref };
  }
  await addOwnComments(deps, site, article, data, token, req.query);
  return { kind: 'private', data };
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

/**
 * The public page for a thread request target answered before, from this process's caches alone:
 * the site, the article's current version and its page must all be in memory. undefined: take the
 * full route.
 */
export function peekThread(deps: Pick<Deps, 'siteCache' | 'threadCache' | 'now'>, target: string): { site: Site; page: CachedPage } | undefined {
  const ref = deps.threadCache.lookupUrl(target);
  if (!ref) return undefined;
  const site = deps.siteCache.peek(ref.siteSlug);
  if (!site) return undefined;
  const article = deps.threadCache.getArticle(site.id, ref.articleKey);
  if (!article) return undefined;
  const page = deps.threadCache.getPage(article.id, article.version, ref.variant);
  if (!page || page.etag !== threadEtag(article, isClosed(article, site.settings, deps.now()))) return undefined;
  return { site, page };
}

async function buildThread(deps: Deps, site: Site, article: ArticleRow, q: ThreadQueryInput, closed: boolean): Promise<ThreadData> {
  const page = await findThreadPage(deps.db, article.id, {
    sort: q.sort,
    limit: q.limit,
    cursor: q.cursor === undefined ? undefined : Number(q.cursor),
  });
  return {
    article: {
      key: article.key,
      url: article.url,
      title: article.title,
      closed,
      commentCount: article.commentCount,
    },
    comments: page.rows.map((r) => toPublicComment(r)),
    nextCursor: page.nextCursor,
    total: article.commentCount,
  };
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
