// Per-story moderation: the stories with held and reported comments, busiest first; a story's switches
// (close comments, pre-moderate); a comment in its thread, with its link on the article page.
import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Queue } from '../comments/queues.js';
import { articles, comments, sites } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { bumpArticle, insertAudit } from '../comments/store.js';
import type { AppDeps } from '../deps.js';
import { AppError, type FieldError } from '../errors.js';
import { checkArticleTitle, checkArticleUrl } from '../comments/article-fields.js';
import { canSeeSite, scopeSiteIds } from './access.js';
import { toModeratorComment, type ModeratorComment } from './dto.js';
import { requireVisibleComment, selectWithContext } from './queue.js';
import { newBatch } from './undo.js';

type Deps = Pick<AppDeps, 'db' | 'bus' | 'siteCache' | 'now'>;

/** A comment is in `queue`, by the one definition of queue membership (parley_comment_queues, from server/comments/queues.ts). */
const inQueueSql = (queue: Queue) => sql`${queue} = any(parley_comment_queues(${comments.status}, ${comments.reportedAt}))`;

/** How far back a story's activity counts when nothing in it waits for a moderator. */
export const ACTIVE_DAYS = 30;

export interface ArticleOut {
  id: number;
  site: string;
  key: string;
  title: string | null;
  url: string | null;
  closed: boolean;
  premod: boolean;
  commentCount: number;
  pending: number;
  reported: number;
  lastCommentAt: string | null;
}

export interface ArticleQuery {
  site?: string;
  q?: string;
  limit: number;
}

/**
 * Stories with comments in the last ACTIVE_DAYS or anything waiting (held or reported), with their
 * pending and reported counts, the most recently commented first.
 */
export async function listArticles(deps: Deps, auth: AdminAuth, query: ArticleQuery): Promise<ArticleOut[]> {
  const siteIds = await scopeSiteIds(deps, auth, query.site);
  if (siteIds !== null && siteIds.length === 0) return [];
  const since = new Date(deps.now().getTime() - ACTIVE_DAYS * 86_400_000);
  const stats = deps.db
    .select({
      articleId: comments.articleId,
      pending: sql<number>`count(*) filter (where ${inQueueSql('pending')})`.as('pending'),
      reported: sql<number>`count(*) filter (where ${inQueueSql('reported')})`.as('reported'),
      lastAt: sql<Date>`max(${comments.createdAt})`.as('last_at'),
    })
    .from(comments)
    .where(
      and(
        siteIds === null ? undefined : inArray(comments.siteId, siteIds),
        or(gt(comments.createdAt, since), inQueueSql('pending'), inQueueSql('reported')),
      ),
    )
    .groupBy(comments.articleId)
    .as('stats');
  const pattern = query.q?.trim() ? `%${query.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const rows = await deps.db
    .select({ article: articles, slug: sites.slug, pending: stats.pending, reported: stats.reported, lastAt: sql<string>`${stats.lastAt}::text` })
    .from(stats)
    .innerJoin(articles, eq(articles.id, stats.articleId))
    .innerJoin(sites, eq(sites.id, articles.siteId))
    .where(pattern ? or(ilike(articles.title, pattern), ilike(articles.key, pattern)) : undefined)
    .orderBy(desc(stats.lastAt), desc(articles.id))
    .limit(query.limit);
  return rows.map((r) => toArticleOut(r.article, r.slug, { pending: Number(r.pending), reported: Number(r.reported), lastAt: r.lastAt }));
}

function toArticleOut(a: typeof articles.$inferSelect, slug: string, stats: { pending: number; reported: number; lastAt: string | null }): ArticleOut {
  return {
    id: a.id,
    site: slug,
    key: a.key,
    title: a.title,
    url: a.url,
    closed: a.closed,
    premod: a.premod,
    commentCount: a.commentCount,
    pending: stats.pending,
    reported: stats.reported,
    lastCommentAt: stats.lastAt ? new Date(stats.lastAt.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString() : null,
  };
}

async function requireVisibleArticle(deps: Deps, auth: AdminAuth, id: number) {
  const [row] = await deps.db
    .select({ article: articles, slug: sites.slug })
    .from(articles)
    .innerJoin(sites, eq(sites.id, articles.siteId))
    .where(eq(articles.id, id))
    .limit(1);
  if (!row || !canSeeSite(auth, row.article.siteId)) throw new AppError('ARTICLE_NOT_FOUND', 'No such article.');
  return row;
}

async function articleStats(deps: Deps, articleId: number) {
  const [s] = await deps.db
    .select({
      pending: sql<number>`count(*) filter (where ${inQueueSql('pending')})::int`,
      reported: sql<number>`count(*) filter (where ${inQueueSql('reported')})::int`,
      lastAt: sql<string | null>`max(${comments.createdAt})::text`,
    })
    .from(comments)
    .where(eq(comments.articleId, articleId));
  return { pending: Number(s?.pending ?? 0), reported: Number(s?.reported ?? 0), lastAt: s?.lastAt ?? null };
}

export async function getArticle(deps: Deps, auth: AdminAuth, id: number): Promise<ArticleOut> {
  const row = await requireVisibleArticle(deps, auth, id);
  return toArticleOut(row.article, row.slug, await articleStats(deps, id));
}

/** What a moderator's correction of a story's title and link sets (undefined: left as it is), or the field errors. */
function checkCorrection(patch: { title?: string | null; url?: string | null }, key: string, allowedOrigins: readonly string[]) {
  const errors: FieldError[] = [];
  const out: { title?: string | null; url?: string | null } = {};
  if (patch.title !== undefined) {
    const checked = patch.title === null ? { title: null } : checkArticleTitle(patch.title, 'title');
    if ('error' in checked) errors.push(checked.error);
    else out.title = checked.title;
  }
  if (patch.url !== undefined) {
    const checked = patch.url === null || patch.url.trim() === '' ? { url: null } : checkArticleUrl(patch.url, { key, allowedOrigins }, 'url');
    if ('error' in checked) errors.push(checked.error);
    else out.url = checked.url;
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: errors });
  return out;
}

/**
 * A story's switches: closed to new comments, pre-moderated (every new comment held), audited and
 * undoable; and its title and link, which moderators correct (readers only ever fill in missing
 * ones, under the same rules: server/comments/article-fields.ts), audited as article.edit and undoable
 * in the same batch.
 */
export async function patchArticle(
  deps: Deps,
  auth: AdminAuth,
  id: number,
  patch: { closed?: boolean; premod?: boolean; title?: string | null; url?: string | null },
): Promise<{ article: ArticleOut; undo: string | null }> {
  const { slug, article: visible } = await requireVisibleArticle(deps, auth, id);
  const site = await deps.db.select({ allowedOrigins: sites.allowedOrigins }).from(sites).where(eq(sites.id, visible.siteId)).limit(1);
  const correction = checkCorrection(patch, visible.key, site[0]?.allowedOrigins ?? []);
  const batch = newBatch();
  const changed = await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(articles).where(eq(articles.id, id)).for('update');
    if (!row) throw new AppError('ARTICLE_NOT_FOUND', 'No such article.');
    const text = { title: row.title, url: row.url };
    const corrected = { title: correction.title === undefined ? row.title : correction.title, url: correction.url === undefined ? row.url : correction.url };
    const edited = corrected.title !== text.title || corrected.url !== text.url;
    if (edited) {
      // Title and link are in the public thread: its version, and so every cached copy, moves on.
      await tx.update(articles).set(corrected).where(eq(articles.id, id));
      const version = await bumpArticle(tx, id, 0, null);
      deps.bus.announce({ type: 'article', siteId: row.siteId, articleId: id, version });
      await insertAudit(tx, {
        siteId: row.siteId,
        actorType: 'moderator',
        actorId: auth.moderator.id,
        action: 'article.edit',
        articleId: id,
        batch,
        details: { kind: 'article-text', before: text, after: corrected },
        note: [
          corrected.title !== text.title ? `title: ${text.title ?? '(none)'} -> ${corrected.title ?? '(none)'}` : '',
          corrected.url !== text.url ? `url: ${text.url ?? '(none)'} -> ${corrected.url ?? '(none)'}` : '',
        ].filter(Boolean).join('; '),
      });
    }
    const before = { closed: row.closed, premod: row.premod };
    const after = { closed: patch.closed ?? row.closed, premod: patch.premod ?? row.premod };
    if (before.closed === after.closed && before.premod === after.premod) return edited;
    await tx.update(articles).set(after).where(eq(articles.id, id));
    if (before.closed !== after.closed) {
      // `closed` is in the public thread: its version, and so every cached copy, moves on.
      const version = await bumpArticle(tx, id, 0, null);
      deps.bus.announce({ type: 'article', siteId: row.siteId, articleId: id, version });
    }
    const action =
      before.closed !== after.closed && before.premod !== after.premod
        ? 'article.update'
        : before.closed !== after.closed
          ? after.closed ? 'article.close' : 'article.open'
          : after.premod ? 'article.premod' : 'article.postmod';
    await insertAudit(tx, {
      siteId: row.siteId,
      actorType: 'moderator',
      actorId: auth.moderator.id,
      action,
      articleId: id,
      batch,
      details: { kind: 'article', before, after },
    });
    return true;
  });
  return { article: toArticleOut((await requireVisibleArticle(deps, auth, id)).article, slug, await articleStats(deps, id)), undo: changed ? batch : null };
}

/** The link that opens a comment on the article page (the widget scrolls to and highlights it). */
export function permalink(articleUrl: string | null, commentId: number): string | null {
  if (!articleUrl) return null;
  try {
    const url = new URL(articleUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = `parley-comment-${commentId}`;
    return url.toString();
  } catch {
    return null;
  }
}

const SIBLINGS_EACH_SIDE = 5;
const MAX_REPLIES = 50;

export interface ThreadView {
  comment: ModeratorComment;
  /** The chain of ancestors, the top-level comment first. */
  ancestors: ModeratorComment[];
  /** Comments under the same parent just before and after this one, in order. */
  siblingsBefore: ModeratorComment[];
  siblingsAfter: ModeratorComment[];
  replies: ModeratorComment[];
  permalink: string | null;
}

/** A comment in its thread, every status included (moderators see what readers do not). */
export async function getThread(deps: Deps, auth: AdminAuth, id: number): Promise<ThreadView> {
  const row = await requireVisibleComment(deps, auth, id);
  const c = row.comment;
  const ancestors: ModeratorComment[] = [];
  for (let parentId = c.parentId, i = 0; parentId !== null && i < 12; i++) {
    const [p] = await selectWithContext(deps.db).where(eq(comments.id, parentId)).limit(1);
    if (!p) break;
    ancestors.unshift(toModeratorComment(p));
    parentId = p.comment.parentId;
  }
  const sameParent = and(eq(comments.articleId, c.articleId), c.parentId === null ? isNull(comments.parentId) : eq(comments.parentId, c.parentId), ne(comments.status, 'deleted'));
  const before = await selectWithContext(deps.db)
    .where(and(sameParent, lt(comments.id, c.id)))
    .orderBy(desc(comments.id))
    .limit(SIBLINGS_EACH_SIDE);
  const after = await selectWithContext(deps.db)
    .where(and(sameParent, gt(comments.id, c.id)))
    .orderBy(asc(comments.id))
    .limit(SIBLINGS_EACH_SIDE);
  const replies = await selectWithContext(deps.db)
    .where(and(eq(comments.parentId, c.id), ne(comments.status, 'deleted')))
    .orderBy(asc(comments.id))
    .limit(MAX_REPLIES);
  return {
    comment: toModeratorComment(row),
    ancestors,
    siblingsBefore: before.reverse().map((r) => toModeratorComment(r)),
    siblingsAfter: after.map((r) => toModeratorComment(r)),
    replies: replies.map((r) => toModeratorComment(r)),
    permalink: permalink(row.articleUrl, c.id),
  };
}
