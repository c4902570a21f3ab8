// The moderation queues: filtered keyset pages, kept counts, and one comment in its context.
import { and, asc, desc, eq, ilike, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { rowsOf, type Queryable } from '../db/client.js';
import { articles, comments, queueCountDeltas, queueCounts, sites, type CommentStatus } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { normalizeEmail } from '../auth/accounts.js';
import { normalizeArticleKey } from '../comments/article-key.js';
import { QUEUE_RULES, type Queue } from '../comments/queues.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { isRealDay, isStorableDate } from '../lib/dates.js';
import { canSeeSite, scopeSiteIds } from './access.js';
import { permalink } from './articles.js';
import { ADDRESS_WINDOW_DAYS, countOtherAddressAuthors } from './bans.js';
import { authorKeyOf } from '../comments/author-key.js';
import { toModeratorComment, type CommentWithContext, type ModeratorComment } from './dto.js';

type Deps = Pick<AppDeps, 'db' | 'siteCache'>;

export { QUEUES, type Queue } from '../comments/queues.js';
/** Counts are shown up to here ("10,000+"): a number nobody works through in one sitting. */
export const COUNT_CAP = 10_000;

export interface QueueQuery {
  queue: Queue;
  site?: string;
  article?: string;
  email?: string;
  q?: string;
  sort: 'oldest' | 'newest';
  cursor?: string;
  limit: number;
}

/** The comments in a queue, as QUEUE_RULES defines it. */
function queueCondition(queue: Queue): SQL {
  const rule = QUEUE_RULES[queue];
  const [only] = rule.statuses;
  const status = rule.statuses.length === 1 ? eq(comments.status, only as CommentStatus) : inArray(comments.status, rule.statuses as CommentStatus[]);
  return rule.reported ? and(isNotNull(comments.reportedAt), status)! : status;
}

function scopeCondition(siteIds: number[] | null): SQL | undefined {
  return siteIds === null ? undefined : inArray(comments.siteId, siteIds);
}

/** The columns every moderator-facing comment query selects. */
const withContext = {
  comment: comments,
  siteSlug: sites.slug,
  articleKey: articles.key,
  articleTitle: articles.title,
  articleUrl: articles.url,
};

/** Comments joined with their site's slug and their article's key, title and url. */
export function selectWithContext(db: Queryable) {
  return db
    .select(withContext)
    .from(comments)
    .innerJoin(sites, eq(sites.id, comments.siteId))
    .innerJoin(articles, eq(articles.id, comments.articleId));
}

// Cursor: the sort column's exact text (microseconds survive, which a JS Date would drop) and the id.
function encodeCursor(at: string, id: number): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: number } {
  const bad = () =>
    new AppError('VALIDATION_FAILED', 'Some fields need attention.', {
      fields: [{ field: 'cursor', code: 'invalid', message: 'cursor must come from nextCursor' }],
    });
  const text = Buffer.from(cursor, 'base64url').toString();
  const m = /^(\d{4}-\d{2}-\d{2}[ T][\d:.]+(?:[+-]\d{2}(?::?\d{2})?|Z)?)\|(\d{1,18})$/.exec(text);
  // PostgreSQL writes offsets as +00; Date.parse wants +00:00. A date PostgreSQL would refuse (one
  // that does not parse, 30 February, year 0) would fail in SQL as a 500.
  if (!m || !isRealDay(m[1]!) || !isStorableDate(new Date(m[1]!.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')))) throw bad();
  return { at: m[1]!, id: Number(m[2]) };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export async function listQueue(deps: Deps, auth: AdminAuth, query: QueueQuery): Promise<{ comments: ModeratorComment[]; nextCursor: string | null }> {
  const siteIds = await scopeSiteIds(deps, auth, query.site);
  if (siteIds !== null && siteIds.length === 0) return { comments: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [scopeCondition(siteIds), queueCondition(query.queue)];
  if (query.article !== undefined) {
    const key = normalizeArticleKey(query.article);
    if (!key) return { comments: [], nextCursor: null };
    conditions.push(eq(articles.key, key));
  }
  if (query.email !== undefined) conditions.push(eq(comments.authorEmail, normalizeEmail(query.email)));
  if (query.q !== undefined && query.q.trim() !== '') conditions.push(ilike(comments.body, `%${escapeLike(query.q.trim())}%`));

  // The reported queue is worked in the order reports came in; the others in the order comments did.
  const column = query.queue === 'reported' ? comments.reportedAt : comments.createdAt;
  const oldest = query.sort === 'oldest';
  if (query.cursor !== undefined) {
    const c = decodeCursor(query.cursor);
    conditions.push(
      oldest
        ? sql`(${column}, ${comments.id}) > (${c.at}::timestamptz, ${c.id})`
        : sql`(${column}, ${comments.id}) < (${c.at}::timestamptz, ${c.id})`,
    );
  }
  const rows = await deps.db
    .select({ ...withContext, sortKey: sql<string>`${column}::text` })
    .from(comments)
    .innerJoin(sites, eq(sites.id, comments.siteId))
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .where(and(...conditions))
    .orderBy(...(oldest ? [asc(column), asc(comments.id)] : [desc(column), desc(comments.id)]))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    comments: page.map((r) => toModeratorComment(r)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.sortKey, last.comment.id) : null,
  };
}

export type QueueCounts = Record<Queue, number>;

/**
 * Comments per queue, read from the totals the comments trigger keeps (migration 0005) plus the
 * changes not folded into them yet: a handful of rows whatever the number of comments. A count at
 * COUNT_CAP means "that many or more".
 */
export async function countQueues(deps: Deps, auth: AdminAuth, slug: string | undefined): Promise<QueueCounts> {
  const siteIds = await scopeSiteIds(deps, auth, slug);
  const counts = { pending: 0, reported: 0, spam: 0, rejected: 0, approved: 0 } satisfies QueueCounts;
  if (siteIds !== null && siteIds.length === 0) return counts;
  const totals = deps.db
    .select({ queue: queueCounts.queue, n: queueCounts.n })
    .from(queueCounts)
    .where(siteIds === null ? undefined : inArray(queueCounts.siteId, siteIds));
  const unfolded = deps.db
    .select({ queue: queueCountDeltas.queue, n: sql<number>`${queueCountDeltas.delta}::bigint` })
    .from(queueCountDeltas)
    .where(siteIds === null ? undefined : inArray(queueCountDeltas.siteId, siteIds));
  const both = unionAll(totals, unfolded).as('both');
  const rows = await deps.db
    .select({ queue: both.queue, n: sql<string>`sum(${both.n})` })
    .from(both)
    .groupBy(both.queue);
  for (const row of rows) {
    if (row.queue in counts) counts[row.queue as Queue] = Math.max(0, Math.min(COUNT_CAP, Number(row.n)));
  }
  return counts;
}

/** Folds the queue-count changes into their totals (one process at a time); returns how many it folded. */
export async function foldQueueCounts(db: Queryable): Promise<number> {
  const [row] = rowsOf<{ folded: number }>(await db.execute(sql`select parley_fold_queue_counts() as folded`));
  return Number(row?.folded ?? 0);
}

/** One comment with its site and article names, if the caller may see it; else 404. */
export async function requireVisibleComment(deps: Pick<AppDeps, 'db'>, auth: AdminAuth, id: number): Promise<CommentWithContext> {
  const [row] = await selectWithContext(deps.db).where(eq(comments.id, id)).limit(1);
  if (!row || !canSeeSite(auth, row.comment.siteId)) throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
  return row;
}

export async function findWithContext(db: Queryable, ids: number[]): Promise<CommentWithContext[]> {
  if (ids.length === 0) return [];
  return selectWithContext(db).where(inArray(comments.id, ids));
}

export interface AuthorHistory {
  approved: number;
  pending: number;
  rejected: number;
  spam: number;
}

/** How the author's comments (same email, same site) were judged so far. */
export async function findAuthorHistory(db: Queryable, siteId: number, email: string | null): Promise<AuthorHistory> {
  const history: AuthorHistory = { approved: 0, pending: 0, rejected: 0, spam: 0 };
  if (!email) return history;
  const rows = await db
    .select({ status: comments.status, n: sql<number>`count(*)::int` })
    .from(comments)
    .where(and(eq(comments.siteId, siteId), eq(comments.authorEmail, email)))
    .groupBy(comments.status);
  for (const r of rows) {
    if (r.status in history) history[r.status as keyof AuthorHistory] = Number(r.n);
  }
  return history;
}

export interface CommentInContext {
  comment: ModeratorComment;
  parent: ModeratorComment | null;
  article: { id: number; key: string; url: string | null; title: string | null };
  history: AuthorHistory;
  /** Other authors who commented from this comment's address in the last 30 days. */
  sharedAddress: number;
  permalink: string | null;
}

export async function getCommentInContext(deps: Pick<AppDeps, 'db' | 'now'>, auth: AdminAuth, id: number): Promise<CommentInContext> {
  const row = await requireVisibleComment(deps, auth, id);
  const c = row.comment;
  const [parent] = c.parentId === null ? [] : await findWithContext(deps.db, [c.parentId]);
  const since = new Date(deps.now().getTime() - ADDRESS_WINDOW_DAYS * 86_400_000);
  return {
    comment: toModeratorComment(row),
    parent: parent ? toModeratorComment(parent) : null,
    article: { id: c.articleId, key: row.articleKey, url: row.articleUrl, title: row.articleTitle },
    history: await findAuthorHistory(deps.db, c.siteId, c.authorEmail),
    sharedAddress: c.ipHash ? await countOtherAddressAuthors(deps.db, c.siteId, c.ipHash, authorKeyOf(c), since) : 0,
    permalink: permalink(row.articleUrl, c.id),
  };
}
