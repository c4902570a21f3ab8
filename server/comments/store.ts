// Comment and article queries. Every function takes a Db or a transaction.
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Database, type Queryable } from '../db/client.js';
import { createBatcher } from '../lib/batcher.js';
import { articles, auditLog, comments, type CommentStatus, type Reason } from '../db/schema.js';
import { CONFIRMED_EMAIL_SQL } from '../notifications/subscriptions.js';
import { MAX_TRUST_AFTER_APPROVED } from '../sites/settings.js';
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

/**
 * Bumps an article's version, moves its approved count by `approvedDelta` and records the version on
 * the comment that changed, through parley_bump_article (migration 0008), which also NOTIFYs the
 * article event; the caller announces it in this process. Returns the new version.
 */
export async function bumpArticle(tx: Queryable, articleId: number, approvedDelta: number, commentId: number | null): Promise<number> {
  const [row] = rowsOf<{ version: number | string }>(
    await tx.execute(sql`select parley_bump_article(${articleId}, ${approvedDelta}, ${commentId}) as version`),
  );
  return Number(row?.version ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Posting: two statements per new comment, each shared by a batch of concurrent posts.

/** What moderation knows about an author before their comment is stored. */
export interface AuthorFacts {
  /** A ban on the site matches the author's email, its domain or their IP hash. */
  banned: boolean;
  /** What the matching ban tells the author, and until when it runs (null: for good). */
  ban?: { message: string | null; until: Date | null };
  /** Moderators' decisions about this author (their email's or their token's), see author_states. */
  desk?: AuthorDesk;
  /** The author's (IP hash or email) latest comment on the site after `floodSince`, or null. */
  lastPostAt: Date | null;
  /** The author posted this exact text in this article after `duplicateSince`. */
  duplicate: boolean;
  /** Approved comments by this email on this site (0 without an email), counted up to MAX_TRUST_AFTER_APPROVED. */
  approvedCount: number;
  /**
   * The email confirmed a reply subscription on this site by the emailed link: proof that the
   * writer controls the address, which the trust rule may accept as proof of authorship.
   */
  emailConfirmed: boolean;
  /**
   * The writer proved the email is theirs: the post's author token was issued to that email on this
   * site before, or the email is confirmed. Trust by approved history needs it (issue 12, finding 5).
   */
  emailProven: boolean;
}

/** What the moderation desk decided about an author: always hold, trust, a suspension in force. */
export interface AuthorDesk {
  hold: boolean;
  /** Trusted by a moderator, and this post proves it is them (a token key, or their email's own token). */
  trust: boolean;
  suspendedUntil: Date | null;
  suspensionMessage: string | null;
}

export const NO_DESK: AuthorDesk = { hold: false, trust: false, suspendedUntil: null, suspensionMessage: null };

export interface PostingContextQuery {
  siteId: number;
  articleKey: string;
  parentId: number | null;
  ipHash: string;
  email: string | null;
  /** The hash of the author token the post came with, if any. */
  tokenHash?: string | null;
  body: string;
  now: Date;
  /** null: no flood check (lastPostAt is null). */
  floodSince: Date | null;
  /** null: no duplicate check (duplicate is false). */
  duplicateSince: Date | null;
}

export type ArticleSummary = Pick<ArticleRow, 'id' | 'key' | 'url' | 'title' | 'closed' | 'premod' | 'createdAt'>;
export type ParentSummary = Pick<CommentRow, 'id' | 'articleId' | 'status' | 'depth' | 'parentId' | 'rootId'>;

export interface PostingContext {
  article: ArticleSummary | null;
  parent: ParentSummary | null;
  author: AuthorFacts;
}

// One row per query of the batch ($1, a JSON array). The flood and duplicate rules are the SQL
// functions of migration 0008, which the store statement's flood re-check shares.
// The planner takes jsonb_to_recordset for 100 rows, so plain joins and EXISTS here were planned as a
// hash over the whole comments table (a sequential scan per batch, 1.4 ms at 3,000 comments and
// growing); every lookup is therefore a LATERAL ... LIMIT 1 or a scalar subquery, which can only be
// the per-row index probe.
const POSTING_CONTEXT_SQL = `
select q.i, a.id as article_id, a.url as article_url, a.title as article_title, a.closed as article_closed,
  a.premod as article_premod, a.created_at as article_created_at, p.id as parent_id, p.article_id as parent_article_id, p.status as parent_status,
  p.depth as parent_depth, p.parent_id as parent_parent_id, p.root_id as parent_root_id,
  ban.id is not null as banned, ban.message as ban_message, ban.expires_at as ban_until,
  desk.hold as desk_hold, desk.trust as desk_trust, desk.suspended_until, desk.suspension_message,
  parley_last_post_at(q.site_id, q.ip_hash, q.email, q.flood_since) as last_post_at,
  parley_is_duplicate(q.site_id, a.id, q.ip_hash, q.email, q.body, q.dup_since) as duplicate,
  -- Counted up to the largest trustAfterApproved a site may set, so a prolific author costs no more.
  (select count(*) from (select 1 from comments c where c.site_id = q.site_id and c.author_email = q.email and c.status = 'approved'
    limit ${MAX_TRUST_AFTER_APPROVED}) n) as approved_count,
  proof.confirmed as email_confirmed, proof.confirmed or proof.token as email_proven
from jsonb_to_recordset($1::jsonb) as q(i integer, site_id bigint, article_key text, parent_id bigint, ip_hash text, email text,
  domain text, domains text[], token_hash text, body text, now timestamptz, flood_since timestamptz, dup_since timestamptz)
left join lateral (select a.* from articles a where a.site_id = q.site_id and a.key = q.article_key limit 1) a on true
left join lateral (select p.* from comments p where p.id = q.parent_id limit 1) p on true
cross join lateral (
  -- Proof that the writer is the email's owner (the one definition, for every kind of trust): the
  -- author token this post came with was issued to that email on this site, or the email was
  -- confirmed by link. A bare email proves nothing.
  select q.email is not null and q.token_hash is not null and coalesce((
      select true from comments c where c.author_token_hash = q.token_hash and c.site_id = q.site_id and c.author_email = q.email limit 1
    ), false) as token,
    ${CONFIRMED_EMAIL_SQL('q.site_id', 'q.email')} as confirmed
) proof
left join lateral (
  -- The ban that runs longest decides what the author is told.
  select b.id, b.message, b.expires_at from bans b
  where b.site_id = q.site_id and (b.expires_at is null or b.expires_at > q.now)
    and ((b.kind = 'ip' and b.value = q.ip_hash) or (b.kind = 'email' and b.value = q.email)
      or (b.kind = 'domain' and (b.value = any(q.domains) or b.value = '@' || q.domain)))
  order by b.expires_at desc nulls first limit 1
) ban on true
left join lateral (
  -- author_states rows of the email's key and the token's key (primary-key lookups).
  select coalesce(bool_or(s.mode = 'hold'), false) as hold,
    -- Trust needs proof it is them: a token key, or proof of the email (above).
    coalesce(bool_or(case when s.mode = 'trust' then s.author_key like 't:%' or proof.token or proof.confirmed else false end), false) as trust,
    max(s.suspended_until) filter (where s.suspended_until > q.now) as suspended_until,
    (array_agg(s.suspension_message order by s.suspended_until desc nulls last) filter (where s.suspended_until > q.now))[1] as suspension_message
  from author_states s
  where s.site_id = q.site_id and s.author_key in ('e:' || q.email, 't:' || q.token_hash)
) desk on true`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Timestamps arrive as Date (PGlite) or text (postgres.js under drizzle's parsers). */
const toDate = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const toNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Puts rows that carry the item index `i` back in the order of the items. */
function byIndex(rows: Record<string, unknown>[], count: number): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(count);
  for (const row of rows) out[Number(row.i)] = row;
  for (let i = 0; i < count; i++) if (!out[i]) throw new Error(`no result for item ${i} of ${count}`);
  return out;
}

/**
 * The domains a domain ban on an email can name: its own and each parent of two labels or more
 * ("x@mail.spam.example": mail.spam.example, spam.example), so banning a domain bans its subdomains.
 */
export function emailDomains(email: string): string[] {
  const labels = email.slice(email.lastIndexOf('@') + 1).split('.');
  const out: string[] = [];
  for (let i = 0; i + 2 <= labels.length; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/** The article, the reply's parent and the author facts for each new comment, in one round trip. */
export async function findPostingContexts(database: Pick<Database, 'query'>, queries: readonly PostingContextQuery[]): Promise<PostingContext[]> {
  const items = queries.map((q, i) => ({
    i,
    site_id: q.siteId,
    article_key: q.articleKey,
    parent_id: q.parentId,
    ip_hash: q.ipHash,
    email: q.email,
    domain: q.email ? q.email.slice(q.email.lastIndexOf('@') + 1) : null,
    domains: q.email ? emailDomains(q.email) : [],
    token_hash: q.tokenHash ?? null,
    body: q.body,
    now: q.now.toISOString(),
    flood_since: iso(q.floodSince),
    dup_since: iso(q.duplicateSince),
  }));
  const rows = byIndex(await database.query(POSTING_CONTEXT_SQL, [JSON.stringify(items)]), queries.length);
  return rows.map((row, i) => toPostingContext(row, queries[i]!.articleKey));
}

function toPostingContext(row: Record<string, unknown>, articleKey: string): PostingContext {
  const article: ArticleSummary | null =
    row.article_id === null
      ? null
      : {
          id: toNumber(row.article_id)!,
          key: articleKey,
          url: row.article_url as string | null,
          title: row.article_title as string | null,
          closed: row.article_closed === true,
          premod: row.article_premod === true,
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
      ...(row.banned === true ? { ban: { message: (row.ban_message as string | null) ?? null, until: toDate(row.ban_until) } } : {}),
      desk: {
        hold: row.desk_hold === true,
        trust: row.desk_trust === true,
        suspendedUntil: toDate(row.suspended_until),
        suspensionMessage: (row.suspension_message as string | null) ?? null,
      },
      lastPostAt: toDate(row.last_post_at),
      duplicate: row.duplicate === true,
      approvedCount: Number(row.approved_count ?? 0),
      emailConfirmed: row.email_confirmed === true,
      emailProven: row.email_proven === true,
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
  /** Advisory-lock keys of the author, held while flood control is checked again. */
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

/** Stores moderated comments through parley_insert_comments (migrations 0002, 0003): one statement, one transaction. */
export async function storeComments(database: Pick<Database, 'query'>, inputs: readonly StoreCommentInput[]): Promise<StoreCommentResult[]> {
  const items = inputs.map((c, i) => ({
    i,
    site_id: c.siteId,
    article_id: c.articleId,
    article_key: c.articleKey,
    article_url: c.articleUrl,
    article_title: c.articleTitle,
    parent_id: c.parentId,
    root_id: c.rootId,
    depth: c.depth,
    author_name: c.authorName,
    author_email: c.authorEmail,
    author_website: c.authorWebsite,
    moderator_id: c.moderatorId,
    body: c.body,
    status: c.status,
    reasons: c.reasons,
    scores: c.scores,
    score_state: c.scoreState,
    ip_hash: c.ipHash,
    user_agent: c.userAgent,
    author_token_hash: c.authorTokenHash,
    now: c.now.toISOString(),
    flood_locks: c.floodLocks,
    flood_since: iso(c.floodSince),
    rescore_at: iso(c.rescoreAt),
    rescore_error: c.rescoreError,
  }));
  const rows = byIndex(await database.query('select * from parley_insert_comments($1::jsonb)', [JSON.stringify(items)]), inputs.length);
  return rows.map((r): StoreCommentResult => {
    if (r.flooded_at !== null) return { kind: 'flooded', lastPostAt: toDate(r.flooded_at)! };
    return {
      kind: 'stored',
      commentId: toNumber(r.new_comment_id)!,
      articleId: toNumber(r.new_article_id)!,
      articleVersion: toNumber(r.new_article_version),
      articleCreated: r.article_created === true,
    };
  });
}

/** Posting's two statements, each coalescing the posts that arrive together into one batch. */
export interface PostingStore {
  findContext(query: PostingContextQuery): Promise<PostingContext>;
  store(input: StoreCommentInput): Promise<StoreCommentResult>;
}

/**
 * `maxInFlight` batches of each statement run at once (each holds one pooled connection); posts
 * arriving meanwhile wait for the next batch. A failed batch is retried item by item unless the
 * database itself is unreachable, so one bad comment cannot fail its neighbours.
 */
export function createPostingStore(database: Pick<Database, 'query'>, options: { maxInFlight: number; maxBatch?: number }): PostingStore {
  const batching = { maxInFlight: options.maxInFlight, maxBatch: options.maxBatch ?? 64, retrySingly: isItemError };
  return {
    findContext: createBatcher((queries: PostingContextQuery[]) => findPostingContexts(database, queries), batching),
    store: createBatcher((inputs: StoreCommentInput[]) => storeComments(database, inputs), batching),
  };
}

/** An error about the data (a SQLSTATE outside the connection and server-state classes), not the database. */
function isItemError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|53|57|58)/.test(code);
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
  /** The article the entry is about; comment entries carry their comment's. */
  articleId?: number | null;
  /** The author the entry is about (see authorKeyOf). */
  authorKey?: string | null;
  /** Shared by the entries of one moderator action, which undo reverses together. */
  batch?: string | null;
  details?: Record<string, unknown> | null;
}

export async function insertAudit(tx: Queryable, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.insert(auditLog).values(list.map((e) => ({ ...e, reasons: e.reasons ?? [] })));
}

export type { CommentStatus };
