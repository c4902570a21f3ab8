// Readers' reactions ("Respect" or "Like", as the site chooses): one per comment per reader and per
// address, counted on the comment, rate-limited per address. A reaction bumps the article's
// reaction_version, not its version: the oldest/newest thread pages and their caches stay as they are
// (server/threads/ranked.ts keys the best order and the counts on reaction_version).
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { articles, commentReactions, comments } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { normalizeArticleKey } from './article-key.js';
import { findArticle, findComment } from './store.js';
import { requireSite } from '../sites/store.js';

type Deps = Pick<AppDeps, 'db' | 'bus' | 'hasher' | 'siteCache' | 'now'>;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
/** Reactions one address may give in a minute, across all sites of this server. */
export const REACTIONS_PER_MINUTE = 30;

export interface ReactRequest {
  site: string;
  article: string;
  id: number;
  authorToken?: string;
  ip: string;
}

/** Records a reader's reaction (again is a no-op) and returns the comment's count. */
export async function reactToComment(deps: Deps, req: ReactRequest): Promise<{ count: number; counted: boolean }> {
  const site = await requireSite(deps, req.site);
  if (site.settings.reactions === 'off') throw new AppError('NOT_FOUND', 'This site has no reactions.');
  const key = normalizeArticleKey(req.article);
  const article = key ? await findArticle(deps.db, site.id, key) : null;
  const comment = article ? await findComment(deps.db, req.id) : null;
  if (!article || !comment || comment.articleId !== article.id || comment.status !== 'approved') {
    throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
  }
  const ipHash = deps.hasher.hashIp(req.ip);
  const readerHash = req.authorToken && TOKEN_PATTERN.test(req.authorToken) ? `t:${deps.hasher.hashToken(req.authorToken)}` : `i:${ipHash}`;
  const since = new Date(deps.now().getTime() - 60_000);
  const [recent] = await deps.db
    .select({ n: count() })
    .from(commentReactions)
    .where(and(eq(commentReactions.ipHash, ipHash), gt(commentReactions.createdAt, since)));
  if ((recent?.n ?? 0) >= REACTIONS_PER_MINUTE) {
    throw new AppError('RATE_LIMITED', 'Too many reactions from this address; try again in a minute.', { retryAfter: 60 });
  }
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(commentReactions)
      .values({ commentId: comment.id, readerHash, ipHash, createdAt: deps.now() })
      .onConflictDoNothing()
      .returning({ commentId: commentReactions.commentId });
    if (inserted.length === 0) {
      const [row] = await tx.select({ n: comments.reactionCount }).from(comments).where(eq(comments.id, comment.id));
      return { count: row?.n ?? 0, counted: false };
    }
    const [row] = await tx
      .update(comments)
      .set({ reactionCount: sql`${comments.reactionCount} + 1` })
      .where(eq(comments.id, comment.id))
      .returning({ n: comments.reactionCount });
    const [art] = await tx
      .update(articles)
      .set({ reactionVersion: sql`${articles.reactionVersion} + 1` })
      .where(eq(articles.id, article.id))
      .returning({ v: articles.reactionVersion });
    await deps.bus.publish(tx, {
      type: 'reaction',
      siteId: site.id,
      articleId: article.id,
      commentId: comment.id,
      count: row!.n,
      reactionVersion: art!.v,
    });
    return { count: row!.n, counted: true };
  });
}
