// Moderator actions on comments, one at a time or in bulk; every change goes through changeCommentStatus,
// under one undo batch per request (see undo.ts).
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { comments, type CommentStatus } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import type { CommentRow } from '../comments/dto.js';
import { changeCommentStatus, type StatusChange } from '../comments/status.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { makeReason } from '../moderation/reasons.js';
import { CLEARED_REPORTS } from '../moderation/reports.js';
import { canSeeSite } from './access.js';
import { toModeratorComment, type ModeratorComment } from './dto.js';
import { findWithContext, selectWithContext } from './queue.js';
import { commentState, newBatch } from './undo.js';

type Deps = Pick<AppDeps, 'db' | 'bus' | 'now'>;

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

/** One action on one comment; answers the comment as it is afterwards and the batch that undoes it (null: nothing changed). */
export async function actOnComment(
  deps: Deps,
  auth: AdminAuth,
  id: number,
  action: Action,
  reason: string | null,
): Promise<{ comment: ModeratorComment; undo: string | null }> {
  const batch = newBatch();
  // The comment is read with its context and locked in one statement, and the answer is made from
  // the row the change returned: a moderator's action is a handful of round trips, not ten.
  const answer = await deps.db.transaction(async (tx) => {
    const [found] = await selectWithContext(tx).where(eq(comments.id, id)).limit(1).for('update', { of: comments });
    if (!found || !canSeeSite(auth, found.comment.siteId)) throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
    const outcome = await applyAction(tx, deps.bus, auth, found.comment, action, reason, batch, deps.now());
    if (outcome.kind === 'conflict') throw new AppError('CONFLICT', outcome.message);
    return outcome.kind === 'changed' ? { context: { ...found, comment: outcome.row }, changed: true } : { context: found, changed: false };
  });
  return { comment: toModeratorComment(answer.context), undo: answer.changed ? batch : null };
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
