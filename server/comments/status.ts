// Moves a comment between statuses, keeping the article's count, version, audit log and events in step:
// one statement (CHANGE_SQL) for every caller, the single source of what a status change writes.
import { statementsIn, type Queryable, type Statements } from '../db/client.js';
import { toCommentRow } from '../db/rows.js';
import type { CommentStatus, Reason } from '../db/schema.js';
import type { EventBus } from '../events/bus.js';
import type { CommentRow } from './dto.js';
import { authorKeyOf } from './author-key.js';
import type { AuditEntry } from './store.js';

/** The columns a status change may set besides the status and the reasons (an editor's pick, readers' reports). */
export interface StatusColumns {
  featuredAt?: Date | null;
  featuredBy?: number | null;
  reportedAt?: Date | null;
  reportCount?: number;
}

export interface StatusChange {
  to: CommentStatus;
  actor: { type: AuditEntry['actorType']; id?: number | null };
  action: string;
  reasons?: Reason[];
  note?: string | null;
  /** Replace the stored reasons (e.g. after re-scoring); default keeps them. */
  setReasons?: Reason[];
  /** Columns to set with the status (report fields, the pick). */
  extra?: StatusColumns;
  /**
   * The moderator action's undo batch, and the details (state before and after) its audit entry
   * keeps, made from the row as the change leaves it (the read row with the change applied: the
   * statement writes the audit entry, so the details are made before it runs).
   */
  audit?: { batch?: string | null; details?: (updated: CommentRow) => Record<string, unknown> };
}

// One statement, so one round trip and, outside a transaction, one transaction: the comment is locked
// only if it is still in the status it was read in ($2) and, when given, still the row version that
// was read ($3, xmin, which every update of the row changes: a plan made from an unlocked read applies
// to exactly that row); then the article's version and count move through parley_bump_article (the one
// source of that rule; the comment records the new version in its own update, as the function would),
// the comment is updated (its triggers write the queue-count delta and the notification event), the
// audit entry is written, and the events go out: the article's NOTIFY from the bump, then the comment's.
// No row: the comment changed, and nothing was written.
//
// $1 comment id, $2 status before, $3 row version or null, $4 new status, $5 actor type, $6 actor id,
// $7 set moderated_at/by, $8 reasons to store (jsonb; null keeps them), $9 the other columns to set
// (jsonb keyed by column name), $10 the public thread changes, $11 the approved count's change,
// $12 action, $13 the audit entry's reasons, $14 note, $15 author key, $16 batch, $17 details.
const CHANGE_SQL = `
with target as (
  select c.id, c.article_id from comments c
  where c.id = $1 and c.status = $2::text and ($3::text is null or c.xmin::text = $3::text)
  for update
), bumped as (
  select parley_bump_article(t.article_id, $11::int, null) as version from target t where $10::boolean
), updated as (
  update comments c set
    status = $4::text, updated_at = now(),
    moderated_at = case when $7::boolean then now() else c.moderated_at end,
    moderated_by = case when $7::boolean then $6::bigint else c.moderated_by end,
    reasons = coalesce($8::jsonb, c.reasons),
    featured_at = case when $9::jsonb ? 'featured_at' then ($9::jsonb ->> 'featured_at')::timestamptz else c.featured_at end,
    featured_by = case when $9::jsonb ? 'featured_by' then ($9::jsonb ->> 'featured_by')::bigint else c.featured_by end,
    reported_at = case when $9::jsonb ? 'reported_at' then ($9::jsonb ->> 'reported_at')::timestamptz else c.reported_at end,
    report_count = case when $9::jsonb ? 'report_count' then ($9::jsonb ->> 'report_count')::int else c.report_count end,
    article_version = coalesce((select b.version from bumped b), c.article_version)
  from target t where c.id = t.id
  returning c.*
), audited as (
  insert into audit_log (site_id, comment_id, actor_type, actor_id, action, from_status, to_status, reasons, note, article_id, author_key, batch, details)
  select u.site_id, u.id, $5::text, $6::bigint, $12::text, $2::text, $4::text, $13::jsonb, $14::text, u.article_id, $15::text, $16::text, $17::jsonb
  from updated u
)
select u.*, (select b.version from bumped b) as bumped_version
from updated u cross join lateral parley_notify_comment(u.site_id, u.article_id, u.id, $4::text, $2::text, false) as notified`;

const COLUMN_NAMES = { featuredAt: 'featured_at', featuredBy: 'featured_by', reportedAt: 'reported_at', reportCount: 'report_count' } as const;

/** StatusColumns as CHANGE_SQL's $9: only the keys given (a key set to null clears its column). */
function columnsJson(extra: StatusColumns): string {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(COLUMN_NAMES)) {
    if (!(key in extra)) continue;
    const value = extra[key as keyof StatusColumns];
    out[column] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return JSON.stringify(out);
}

/**
 * Changes one comment's status: inside the caller's transaction when given one (a Db or Tx), or as a
 * transaction of its own when given a Database (the moderator's one-comment action, with `version`
 * from readComment). Returns the updated row, or null when the comment changed concurrently (its
 * status is no longer `comment.status`, or its row is no longer `version`).
 */
export async function changeCommentStatus(
  db: Queryable | Statements,
  bus: Pick<EventBus, 'announce'>,
  comment: CommentRow,
  change: StatusChange,
  version: string | null = null,
): Promise<CommentRow | null> {
  const from = comment.status;
  const extra = change.extra ?? {};
  const delta = (change.to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
  const visibleChange = from === 'approved' || change.to === 'approved';
  const details = change.audit?.details?.({ ...comment, ...extra, status: change.to, reasons: change.setReasons ?? comment.reasons });
  const statements = 'execute' in db ? statementsIn(db) : db;
  const [done] = await statements.query<Record<string, unknown>>(CHANGE_SQL, [
    comment.id,
    from,
    version,
    change.to,
    change.actor.type,
    change.actor.id ?? null,
    change.actor.type === 'moderator',
    change.setReasons ? JSON.stringify(change.setReasons) : null,
    columnsJson(extra),
    visibleChange,
    delta,
    change.action,
    JSON.stringify(change.reasons ?? []),
    change.note ?? null,
    authorKeyOf(comment),
    change.audit?.batch ?? null,
    details === undefined ? null : JSON.stringify(details),
  ]);
  if (!done) return null;
  // The statement sent both events to every process; this one's publish listeners hear them now.
  bus.announce({ type: 'comment', siteId: comment.siteId, articleId: comment.articleId, commentId: comment.id, status: change.to, previous: from });
  if (visibleChange) bus.announce({ type: 'article', siteId: comment.siteId, articleId: comment.articleId, version: Number(done.bumped_version ?? 0) });
  return toCommentRow(done);
}
