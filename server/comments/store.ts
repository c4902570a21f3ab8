// Comment and article queries. Every function takes a Db or a transaction.
import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/client.js';
import { articles, auditLog, comments, type CommentStatus, type Reason } from '../db/schema.js';
import type { CommentRow } from './dto.js';

export type ArticleRow = typeof articles.$inferSelect;

export async function findArticle(db: Queryable, siteId: number, key: string): Promise<ArticleRow | null> {
  const [row] = await db
    .select()
    .from(articles)
    .where(and(eq(articles.siteId, siteId), eq(articles.key, key)))
    .limit(1);
  return row ?? null;
}

/** Bumps an existing article's version and adjusts its count; returns the new version. */
export async function bumpArticle(tx: Queryable, articleId: number, approvedDelta: number): Promise<number> {
  const [row] = await tx
    .update(articles)
    .set({
      version: sql`${articles.version} + 1`,
      commentCount: sql`greatest(0, ${articles.commentCount} + ${approvedDelta})`,
      updatedAt: sql`now()`,
    })
    .where(eq(articles.id, articleId))
    .returning({ version: articles.version });
  return row?.version ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Posting: two statements per new comment, both prepared (see Database.query).

/** What moderation knows about an author before their comment is stored. */
export interface AuthorFacts {
  /** A ban on the site matches the author's email, its domain or their IP hash. */
  banned: boolean;
  /** The author's (IP hash or email) latest comment on the site after `floodSince`, or null. */
  lastPostAt: Date | null;
  /** The author posted this exact text in this article after `duplicateSince`. */
  duplicate: boolean;
  /** Approved comments by this email on this site (0 without an email). */
  approvedCount: number;
}

export interface PostingContextQuery {
  siteId: number;
  articleKey: string;
  parentId: number | null;
  ipHash: string;
  email: string | null;
  body: string;
  now: Date;
  /** null: no flood check (lastPostAt is null). */
  floodSince: Date | null;
  /** null: no duplicate check (duplicate is false). */
  duplicateSince: Date | null;
}

export type ArticleSummary = Pick<ArticleRow, 'id' | 'key' | 'url' | 'title' | 'closed' | 'createdAt'>;
export type ParentSummary = Pick<CommentRow, 'id' | 'articleId' | 'status' | 'depth' | 'parentId' | 'rootId'>;

export interface PostingContext {
  article: ArticleSummary | null;
  parent: ParentSummary | null;
  author: AuthorFacts;
}

// Each check reads one index range of the author's own recent comments (comments_ip_idx,
// comments_email_idx), never the article's whole thread.
const POSTING_CONTEXT_SQL = `
select a.id as article_id, a.url as article_url, a.title as article_title, a.closed as article_closed, a.created_at as article_created_at,
  p.id as parent_id, p.article_id as parent_article_id, p.status as parent_status, p.depth as parent_depth,
  p.parent_id as parent_parent_id, p.root_id as parent_root_id,
  exists (
    select 1 from bans b
    where b.site_id = $1 and (b.expires_at is null or b.expires_at > $7)
      and ((b.kind = 'ip' and b.value = $4) or (b.kind = 'email' and b.value = $5)
        or (b.kind = 'domain' and b.value in ($10, '@' || $10)))
  ) as banned,
  greatest(
    (select max(c.created_at) from comments c where c.ip_hash = $4 and c.created_at > $8 and c.site_id = $1),
    (select max(c.created_at) from comments c where c.site_id = $1 and c.author_email = $5 and c.created_at > $8)
  ) as last_post_at,
  (
    exists (select 1 from comments c where c.site_id = $1 and c.author_email = $5 and c.created_at > $9 and c.article_id = a.id and c.body = $6)
    or exists (select 1 from comments c where c.ip_hash = $4 and c.created_at > $9 and c.article_id = a.id and c.body = $6)
  ) as duplicate,
  (select count(*) from comments c where c.site_id = $1 and c.author_email = $5 and c.status = 'approved') as approved_count
from (select 1) as one
left join articles a on a.site_id = $1 and a.key = $2
left join comments p on p.id = $3`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Timestamps arrive as Date (PGlite) or text (postgres.js under drizzle's parsers). */
const toDate = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const toNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The article, the reply's parent and the author facts for a new comment, in one round trip. */
export async function findPostingContext(database: Pick<Database, 'query'>, q: PostingContextQuery): Promise<PostingContext> {
  const [r] = await database.query(POSTING_CONTEXT_SQL, [
    q.siteId,
    q.articleKey,
    q.parentId,
    q.ipHash,
    q.email,
    q.body,
    q.now.toISOString(),
    iso(q.floodSince),
    iso(q.duplicateSince),
    q.email ? q.email.slice(q.email.lastIndexOf('@') + 1) : null,
  ]);
  const row = r!;
  const article: ArticleSummary | null =
    row.article_id === null
      ? null
      : {
          id: toNumber(row.article_id)!,
          key: q.articleKey,
          url: row.article_url as string | null,
          title: row.article_title as string | null,
          closed: row.article_closed === true,
          createdAt: toDate(row.article_created_at)!,
        };
  const parent: ParentSummary | null =
    row.parent_id === null
      ? null
      : {
          id: toNumber(row.parent_id)!,
          articleId: toNumber(row.parent_article_id)!,
          status: row.parent_status as ParentSummary['status'],
          depth: Number(row.parent_depth),
          parentId: toNumber(row.parent_parent_id),
          rootId: toNumber(row.parent_root_id)!,
        };
  return {
    article,
    parent,
    author: {
      banned: row.banned === true,
      lastPostAt: toDate(row.last_post_at),
      duplicate: row.duplicate === true,
      approvedCount: Number(row.approved_count ?? 0),
    },
  };
}

export interface StoreCommentInput {
  siteId: number;
  /** null: the article may not exist yet (it is created, or its missing url and title filled in). */
  articleId: number | null;
  articleKey: string;
  articleUrl: string | null;
  articleTitle: string | null;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  authorName: string;
  authorEmail: string | null;
  authorWebsite: string | null;
  moderatorId: number | null;
  body: string;
  status: CommentStatus;
  reasons: Reason[];
  scores: Record<string, number> | null;
  scoreState: string;
  ipHash: string;
  userAgent: string | null;
  authorTokenHash: string;
  now: Date;
  /** Advisory-lock keys of the author, taken in this order before flood control is checked again. */
  floodLocks: string[];
  /** null: no flood re-check. */
  floodSince: Date | null;
  /** When the re-scoring job should first run (the scorer failed), or null. */
  rescoreAt: Date | null;
  rescoreError: string | null;
}

export type StoreCommentResult =
  | { kind: 'stored'; commentId: number; articleId: number; articleVersion: number | null; articleCreated: boolean }
  | { kind: 'flooded'; lastPostAt: Date };

/** Stores a moderated comment through parley_insert_comment (migration 0002): one statement, one transaction. */
export async function storeComment(database: Pick<Database, 'query'>, c: StoreCommentInput): Promise<StoreCommentResult> {
  const [row] = await database.query(
    'select * from parley_insert_comment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)',
    [
      c.siteId,
      c.articleId,
      c.articleKey,
      c.articleUrl,
      c.articleTitle,
      c.parentId,
      c.rootId,
      c.depth,
      c.authorName,
      c.authorEmail,
      c.authorWebsite,
      c.moderatorId,
      c.body,
      c.status,
      JSON.stringify(c.reasons),
      c.scores === null ? null : JSON.stringify(c.scores),
      c.scoreState,
      c.ipHash,
      c.userAgent,
      c.authorTokenHash,
      c.now.toISOString(),
      c.floodLocks,
      iso(c.floodSince),
      iso(c.rescoreAt),
      c.rescoreError,
    ],
  );
  const r = row!;
  if (r.flooded_at !== null) return { kind: 'flooded', lastPostAt: toDate(r.flooded_at)! };
  return {
    kind: 'stored',
    commentId: toNumber(r.new_comment_id)!,
    articleId: toNumber(r.new_article_id)!,
    articleVersion: toNumber(r.new_article_version),
    articleCreated: r.article_created === true,
  };
}

export async function findComment(db: Queryable, id: number): Promise<CommentRow | null> {
  const [row] = await db.select().from(comments).where(eq(comments.id, id)).limit(1);
  return row ?? null;
}

export interface AuditEntry {
  siteId: number | null;
  commentId?: number | null;
  actorType: 'system' | 'moderator' | 'author' | 'reader';
  actorId?: number | null;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  reasons?: Reason[];
  note?: string | null;
}

export async function insertAudit(tx: Queryable, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.insert(auditLog).values(list.map((e) => ({ ...e, reasons: e.reasons ?? [] })));
}

export interface ThreadPage {
  rows: CommentRow[];
  nextCursor: string | null;
}

/**
 * One page of a thread: `limit` top-level comments with every visible reply, plus placeholders for
 * removed comments that still have visible replies. Rows come back in display order (depth-first).
 */
export async function findThreadPage(
  db: Queryable,
  articleId: number,
  opts: { sort: 'oldest' | 'newest'; limit: number; cursor?: number },
): Promise<ThreadPage> {
  const oldest = opts.sort === 'oldest';
  const roots = await db
    .selectDistinct({ rootId: comments.rootId })
    .from(comments)
    .where(
      and(
        eq(comments.articleId, articleId),
        eq(comments.status, 'approved'),
        opts.cursor === undefined ? undefined : oldest ? gt(comments.rootId, opts.cursor) : lt(comments.rootId, opts.cursor),
      ),
    )
    .orderBy(oldest ? asc(comments.rootId) : desc(comments.rootId))
    .limit(opts.limit + 1);
  const hasMore = roots.length > opts.limit;
  const rootIds = roots.slice(0, opts.limit).map((r) => r.rootId);
  if (rootIds.length === 0) return { rows: [], nextCursor: null };

  const rows = await db
    .select()
    .from(comments)
    .where(and(eq(comments.articleId, articleId), eq(comments.status, 'approved'), inArray(comments.rootId, rootIds)));
  await addRemovedAncestors(db, rows);
  return {
    rows: orderThread(rows, rootIds),
    nextCursor: hasMore ? String(rootIds[rootIds.length - 1]) : null,
  };
}

/** Loads (as removed placeholders) every missing ancestor of the given rows, in place. */
async function addRemovedAncestors(db: Queryable, rows: CommentRow[]): Promise<void> {
  const have = new Set(rows.map((r) => r.id));
  for (let round = 0; round < 12; round++) {
    const missing = [...new Set(rows.map((r) => r.parentId).filter((p): p is number => p !== null && !have.has(p)))];
    // Top-level comments that were removed but still have replies are missing too.
    for (const r of rows) if (!have.has(r.rootId) && !missing.includes(r.rootId)) missing.push(r.rootId);
    if (missing.length === 0) return;
    const found = await db.select().from(comments).where(inArray(comments.id, missing));
    if (found.length === 0) return;
    for (const f of found) {
      have.add(f.id);
      rows.push(f);
    }
  }
}

/** Orders rows depth-first: roots in the given order, replies chronologically under their parent. */
export function orderThread<T extends { id: number; parentId: number | null; rootId: number }>(rows: T[], rootIds: number[]): T[] {
  const children = new Map<number, T[]>();
  const byId = new Map<number, T>();
  for (const r of rows) byId.set(r.id, r);
  for (const r of rows) {
    if (r.parentId === null) continue;
    const list = children.get(r.parentId);
    if (list) list.push(r);
    else children.set(r.parentId, [r]);
  }
  for (const list of children.values()) list.sort((a, b) => a.id - b.id);
  const out: T[] = [];
  const visit = (node: T) => {
    out.push(node);
    for (const child of children.get(node.id) ?? []) visit(child);
  };
  for (const rootId of rootIds) {
    const root = byId.get(rootId);
    if (root) visit(root);
  }
  return out;
}

/** The author's own comments in an article that the public thread does not show yet (held). */
export async function findOwnPending(db: Queryable, articleId: number, tokenHash: string): Promise<CommentRow[]> {
  return db
    .select()
    .from(comments)
    .where(and(eq(comments.authorTokenHash, tokenHash), eq(comments.articleId, articleId), eq(comments.status, 'pending')))
    .orderBy(asc(comments.id))
    .limit(100);
}

/** Ids of the author's comments (any status) in an article, to mark them `mine`. */
export async function findOwnIds(db: Queryable, articleId: number, tokenHash: string): Promise<Map<number, Date>> {
  const rows = await db
    .select({ id: comments.id, createdAt: comments.createdAt })
    .from(comments)
    .where(and(eq(comments.authorTokenHash, tokenHash), eq(comments.articleId, articleId)))
    .limit(500);
  return new Map(rows.map((r) => [r.id, r.createdAt]));
}

export type { CommentStatus };
