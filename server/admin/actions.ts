// Moderator actions on comments, one at a time or in bulk; every change goes through changeCommentStatus
// (or, for one comment, the same change as one statement: see actAtOnce), under one undo batch per
// request (see undo.ts).
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { toCommentRow } from '../db/rows.js';
import { comments, type CommentStatus } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { authorKeyOf } from '../comments/author-key.js';
import type { CommentRow } from '../comments/dto.js';
import { changeCommentStatus, type StatusChange } from '../comments/status.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { makeReason } from '../moderation/reasons.js';
import { CLEARED_REPORTS } from '../moderation/reports.js';
import { canSeeSite } from './access.js';
import { toModeratorComment, type CommentWithContext, type ModeratorComment } from './dto.js';
import { findWithContext, selectWithContext } from './queue.js';
import { commentState, newBatch } from './undo.js';

type Deps = Pick<AppDeps, 'db' | 'database' | 'bus' | 'now'>;

export const ACTIONS = ['approve', 'reject', 'spam', 'restore', 'delete', 'feature', 'unfeature', 'dismiss'] as const;
export type Action = (typeof ACTIONS)[number];
export const BULK_MAX = 500;

const TARGET: Record<Exclude<Action, 'feature' | 'unfeature' | 'dismiss'>, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
  restore: 'pending',
  delete: 'deleted',
};

const hasReports = (row: CommentRow) => row.reportedAt !== null || row.reportCount > 0;

type Outcome = { kind: 'changed'; row: CommentRow } | { kind: 'unchanged' } | { kind: 'conflict'; message: string };

/** What one action does to one comment, or why it does nothing. */
function planAction(row: CommentRow, action: Action, auth: AdminAuth, now: Date): Omit<StatusChange, 'actor' | 'note' | 'audit'> | Outcome {
  if (action === 'feature') {
    if (row.status !== 'approved') return { kind: 'conflict', message: "Only a published comment can be an editor's pick." };
    if (row.featuredAt !== null) return { kind: 'unchanged' };
    return { to: 'approved', action, extra: { featuredAt: now, featuredBy: auth.moderator.id } };
  }
  if (action === 'dismiss') {
    // Readers' reports judged unfounded, the comment left as it is: out of the reported queue.
    if (!hasReports(row)) return { kind: 'unchanged' };
    return { to: row.status, action, reasons: [makeReason('reports-dismissed', { reports: row.reportCount })], extra: { ...CLEARED_REPORTS } };
  }
  if (action === 'unfeature') {
    if (row.featuredAt === null) return { kind: 'unchanged' };
    return { to: row.status, action, extra: { featuredAt: null, featuredBy: null } };
  }
  const to = TARGET[action];
  if (to === row.status) {
    // Approving an approved comment that readers reported dismisses the reports.
    if (action !== 'approve' || !hasReports(row)) return { kind: 'unchanged' };
    return { to, action, reasons: [makeReason('reports-dismissed', { reports: row.reportCount })], extra: { ...CLEARED_REPORTS } };
  }
  // An erased comment (privacy request) has no text left to show again.
  if ((to === 'approved' || to === 'pending') && row.body === '') {
    return { kind: 'conflict', message: 'This comment was erased and cannot be shown again.' };
  }
  return {
    to,
    action,
    extra: {
      // Approval settles the reports: only readers not counted yet can bring it back (issue 12, finding 3).
      ...(action === 'approve' && hasReports(row) ? CLEARED_REPORTS : {}),
      // A pick that leaves the thread stops being one; undo brings both back.
      ...(row.status === 'approved' && row.featuredAt !== null ? { featuredAt: null, featuredBy: null } : {}),
    },
  };
}

/** Applies one action to one locked row inside the caller's transaction, under `batch`. */
export async function applyAction(
  tx: Queryable,
  bus: Pick<EventBus, 'publish' | 'announce'>,
  auth: AdminAuth,
  row: CommentRow,
  action: Action,
  note: string | null,
  batch: string,
  now: Date,
): Promise<Outcome> {
  const plan = planAction(row, action, auth, now);
  if ('kind' in plan) return plan;
  const before = commentState(row);
  const changed = await changeCommentStatus(tx, bus, row, {
    ...plan,
    actor: { type: 'moderator', id: auth.moderator.id },
    note,
    audit: { batch, details: (updated) => ({ kind: 'comment', before, after: commentState(updated) }) },
  });
  return changed ? { kind: 'changed', row: changed } : { kind: 'conflict', message: 'The comment changed meanwhile; reload it.' };
}

export function lockComments(tx: Queryable, ids: number[]) {
  // Locked in id order so two bulk actions over overlapping sets cannot deadlock.
  return tx.select().from(comments).where(inArray(comments.id, ids)).orderBy(asc(comments.id)).for('update');
}

type ActionAnswer = { comment: ModeratorComment; undo: string | null };

/** One action on one comment; answers the comment as it is afterwards and the batch that undoes it (null: nothing changed). */
export async function actOnComment(deps: Deps, auth: AdminAuth, id: number, action: Action, reason: string | null): Promise<ActionAnswer> {
  const batch = newBatch();
  return (await actAtOnce(deps, auth, id, action, reason, batch)) ?? actOnCommentLocked(deps, auth, id, action, reason, batch);
}

/**
 * The plain path of actOnComment: one transaction that locks the comment, plans the action from the
 * locked row and applies it with changeCommentStatus. actAtOnce falls back to it.
 */
export async function actOnCommentLocked(
  deps: Deps,
  auth: AdminAuth,
  id: number,
  action: Action,
  reason: string | null,
  batch = newBatch(),
): Promise<ActionAnswer> {
  // The comment is read with its context and locked in one statement, and the answer is made from
  // the row the change returned.
  const answer = await deps.db.transaction(async (tx) => {
    const [found] = await selectWithContext(tx).where(eq(comments.id, id)).limit(1).for('update', { of: comments });
    if (!found || !canSeeSite(auth, found.comment.siteId)) throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
    const outcome = await applyAction(tx, deps.bus, auth, found.comment, action, reason, batch, deps.now());
    if (outcome.kind === 'conflict') throw new AppError('CONFLICT', outcome.message);
    return outcome.kind === 'changed' ? { context: { ...found, comment: outcome.row }, changed: true } : { context: found, changed: false };
  });
  return { comment: toModeratorComment(answer.context), undo: answer.changed ? batch : null };
}

// ---------------------------------------------------------------------------------------------
// One action on one comment in two prepared statements (Database.query), without the query builder
// or a BEGIN/COMMIT: a moderator approving at 50 a second while readers read the same article cost the
// process serving them five round trips and as many built queries per approval.
//
// Invariants, which keep it the same action as actOnCommentLocked:
// - What an action does is decided by planAction alone, from the row READ_SQL read; ACT_SQL only
//   applies the plan, so the two paths cannot disagree about a rule.
// - ACT_SQL applies it only to the row version that was read (xmin, which every update of the row
//   changes; its lock re-checks the newest version): what was planned from is what is changed, and the
//   audit entry's "before" is exact. Any change in between, even a reaction, answers no row, and the
//   locked path then plans again from a locked row, as it always did.
// - The writes are those of changeCommentStatus, in its order: the comment (its triggers write the
//   queue-count delta and the notification event), the version bump through parley_bump_article (the
//   one source of that rule; the comment records the new version in the same update, as the function
//   would), the audit entry, and the events: the article's NOTIFY from the bump, then the comment's.
//   One statement is one transaction: all of them or none.
// - A plan with changes this statement does not know (extra columns other than the pick and the
//   reports, replaced reasons) goes the locked way.

// The comment and the names a moderator sees next to it, with the row version the change must meet.
const READ_SQL = `
select c.*, c.xmin::text as row_version, s.slug as site_slug, a.key as article_key, a.title as article_title, a.url as article_url
from comments c join sites s on s.id = c.site_id join articles a on a.id = c.article_id
where c.id = $1`;

// $1 comment id, $2 its row version, $3 the new status, $4 the moderator, $5 set the pick ($6 at, $7 by),
// $8 clear the reports, $9 the public thread changes ($10 the approved count's change), $11 action,
// $12 the status before, $13 the audit reasons, $14 note, $15 author key, $16 batch, $17 details.
const ACT_SQL = `
with target as (
  select c.id, c.article_id from comments c where c.id = $1 and c.xmin::text = $2 for update
), bumped as (
  select parley_bump_article(t.article_id, $10::int, null) as version from target t where $9::boolean
), updated as (
  update comments c set
    status = $3::text, updated_at = now(), moderated_at = now(), moderated_by = $4::bigint,
    featured_at = case when $5::boolean then $6::timestamptz else c.featured_at end,
    featured_by = case when $5::boolean then $7::bigint else c.featured_by end,
    reported_at = case when $8::boolean then null else c.reported_at end,
    report_count = case when $8::boolean then 0 else c.report_count end,
    article_version = coalesce((select b.version from bumped b), c.article_version)
  from target t where c.id = t.id
  returning c.*
), audited as (
  insert into audit_log (site_id, comment_id, actor_type, actor_id, action, from_status, to_status, reasons, note, article_id, author_key, batch, details)
  select u.site_id, u.id, 'moderator', $4::bigint, $11::text, $12::text, $3::text, $13::jsonb, $14::text, u.article_id, $15::text, $16::text, $17::jsonb
  from updated u
)
select u.*, (select b.version from bumped b) as bumped_version
from updated u cross join lateral parley_notify_comment(u.site_id, u.article_id, u.id, $3::text, $12::text, false) as notified`;

type ReadRow = Record<string, unknown> & { row_version: string; site_slug: string; article_key: string; article_title: string | null; article_url: string | null };

/** The columns a plan sets besides the status, as ACT_SQL's parameters; null when it sets others. */
function columnsOf(extra: StatusChange['extra'] = {}): { pick: { at: Date | null; by: number | null } | null; clearReports: boolean } | null {
  const { featuredAt, featuredBy, reportedAt, reportCount, ...others } = extra;
  if (Object.keys(others).length > 0) return null;
  const setsPick = 'featuredAt' in extra || 'featuredBy' in extra;
  const setsReports = 'reportedAt' in extra || 'reportCount' in extra;
  if (setsPick && !(featuredAt === null || featuredAt instanceof Date)) return null;
  if (setsPick && !(featuredBy === null || typeof featuredBy === 'number')) return null;
  if (setsReports && !(reportedAt === null && reportCount === 0)) return null;
  return { pick: setsPick ? { at: (featuredAt ?? null) as Date | null, by: (featuredBy ?? null) as number | null } : null, clearReports: setsReports };
}

/** A comment with its context as READ_SQL read it, and the row version a change must meet. */
export interface ReadComment {
  context: CommentWithContext;
  version: string;
}

/** The comment with its context, unlocked, or null when there is none. */
export async function readComment(database: Deps['database'], id: number): Promise<ReadComment | null> {
  const [raw] = await database.query<ReadRow>(READ_SQL, [id]);
  if (!raw) return null;
  return {
    context: { comment: toCommentRow(raw), siteSlug: raw.site_slug, articleKey: raw.article_key, articleTitle: raw.article_title, articleUrl: raw.article_url },
    version: raw.row_version,
  };
}

/**
 * actOnComment in one read and one write statement; null when the comment changed between the two (or
 * the plan is one ACT_SQL cannot apply), for the locked path to decide.
 */
export async function actAtOnce(deps: Deps, auth: AdminAuth, id: number, action: Action, reason: string | null, batch: string): Promise<ActionAnswer | null> {
  const read = await readComment(deps.database, id);
  if (!read || !canSeeSite(auth, read.context.comment.siteId)) throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
  return applyAtOnce(deps, auth, read, action, reason, batch);
}

/** Plans the action from `read` and applies it with ACT_SQL if the comment is still as read; else null. */
export async function applyAtOnce(
  deps: Deps,
  auth: AdminAuth,
  read: ReadComment,
  action: Action,
  reason: string | null,
  batch: string,
): Promise<ActionAnswer | null> {
  const row = read.context.comment;
  const plan = planAction(row, action, auth, deps.now());
  if ('kind' in plan) {
    if (plan.kind === 'conflict') throw new AppError('CONFLICT', plan.message);
    return { comment: toModeratorComment(read.context), undo: null };
  }
  const columns = plan.setReasons === undefined ? columnsOf(plan.extra) : null;
  if (!columns) return null;
  const from = row.status;
  const visible = from === 'approved' || plan.to === 'approved';
  const delta = (plan.to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
  const after = commentState({
    ...row,
    status: plan.to,
    ...(columns.pick ? { featuredAt: columns.pick.at, featuredBy: columns.pick.by } : {}),
    ...(columns.clearReports ? { reportedAt: null, reportCount: 0 } : {}),
  });
  const [done] = await deps.database.query<Record<string, unknown>>(ACT_SQL, [
    row.id,
    read.version,
    plan.to,
    auth.moderator.id,
    columns.pick !== null,
    columns.pick?.at?.toISOString() ?? null,
    columns.pick?.by ?? null,
    columns.clearReports,
    visible,
    delta,
    plan.action,
    from,
    JSON.stringify(plan.reasons ?? []),
    reason,
    authorKeyOf(row),
    batch,
    JSON.stringify({ kind: 'comment', before: commentState(row), after }),
  ]);
  if (!done) return null;
  // The statement sent both events to every process; this one's publish listeners hear them now, in
  // the order changeCommentStatus announces them.
  deps.bus.announce({ type: 'comment', siteId: row.siteId, articleId: row.articleId, commentId: row.id, status: plan.to, previous: from });
  if (visible) deps.bus.announce({ type: 'article', siteId: row.siteId, articleId: row.articleId, version: Number(done.bumped_version ?? 0) });
  return { comment: toModeratorComment({ ...read.context, comment: toCommentRow(done) }), undo: batch };
}

/**
 * One action on up to BULK_MAX comments in one transaction. Comments the caller cannot see, that do
 * not exist, or that are already in the target state are skipped (and listed), never revealed.
 */
export async function actInBulk(
  deps: Deps,
  auth: AdminAuth,
  ids: number[],
  action: Action,
  reason: string | null,
): Promise<{ updated: number; skipped: number[]; undo: string | null }> {
  const unique = [...new Set(ids)];
  const batch = newBatch();
  return deps.db.transaction(async (tx) => {
    const rows = await lockComments(tx, unique);
    const byId = new Map(rows.map((r) => [r.id, r]));
    let updated = 0;
    const skipped: number[] = [];
    for (const id of unique) {
      const row = byId.get(id);
      if (!row || !canSeeSite(auth, row.siteId)) {
        skipped.push(id);
        continue;
      }
      const outcome = await applyAction(tx, deps.bus, auth, row, action, reason, batch, deps.now());
      if (outcome.kind === 'changed') updated++;
      else skipped.push(id);
    }
    return { updated, skipped, undo: updated > 0 ? batch : null };
  });
}

/** Loads comments for the answer of a write, in the order of `ids`. */
export async function loadModeratorComments(db: Queryable, ids: number[]): Promise<ModeratorComment[]> {
  const rows = await findWithContext(db, ids);
  const byId = new Map(rows.map((r) => [r.comment.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toModeratorComment(r)] : [];
  });
}
