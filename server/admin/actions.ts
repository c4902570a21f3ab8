// Moderator actions on comments, one at a time or in bulk; every status change goes through changeCommentStatus.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { comments, type CommentStatus } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import type { CommentRow } from '../comments/dto.js';
import { changeCommentStatus } from '../comments/status.js';
import { insertAudit } from '../comments/store.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { makeReason } from '../moderation/reasons.js';
import { canSeeSite } from './access.js';
import { toModeratorComment, type ModeratorComment } from './dto.js';
import { findWithContext, requireVisibleComment } from './queue.js';

type Deps = Pick<AppDeps, 'db' | 'bus'>;

export const ACTIONS = ['approve', 'reject', 'spam', 'restore', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];
export const BULK_MAX = 500;

const TARGET: Record<Action, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
  restore: 'pending',
  delete: 'deleted',
};

type Outcome = { kind: 'changed'; row: CommentRow } | { kind: 'unchanged' } | { kind: 'conflict'; message: string };

/** Applies one action to one locked row inside the caller's transaction. */
async function applyAction(
  tx: Queryable,
  bus: Pick<EventBus, 'publish' | 'announce'>,
  auth: AdminAuth,
  row: CommentRow,
  action: Action,
  note: string | null,
): Promise<Outcome> {
  const to = TARGET[action];
  const actor = { type: 'moderator' as const, id: auth.moderator.id };
  if (to === row.status) {
    // Approving an approved comment that readers reported dismisses the reports.
    if (action !== 'approve' || row.reportedAt === null) return { kind: 'unchanged' };
    const [updated] = await tx
      .update(comments)
      .set({ reportedAt: null, updatedAt: sql`now()`, moderatedAt: sql`now()`, moderatedBy: auth.moderator.id })
      .where(eq(comments.id, row.id))
      .returning();
    await insertAudit(tx, {
      siteId: row.siteId,
      commentId: row.id,
      actorType: 'moderator',
      actorId: auth.moderator.id,
      action: 'approve',
      fromStatus: row.status,
      toStatus: row.status,
      reasons: [makeReason('reports-dismissed', { reports: row.reportCount })],
      note,
    });
    await bus.publish(tx, { type: 'comment', siteId: row.siteId, articleId: row.articleId, commentId: row.id, status: row.status, previous: row.status });
    return { kind: 'changed', row: updated! };
  }
  // An erased comment (privacy request) has no text left to show again.
  if ((to === 'approved' || to === 'pending') && row.body === '') {
    return { kind: 'conflict', message: 'This comment was erased and cannot be shown again.' };
  }
  const changed = await changeCommentStatus(tx, bus, row, {
    to,
    actor,
    action,
    note,
    extra: action === 'approve' && row.reportedAt !== null ? { reportedAt: null } : undefined,
  });
  return changed ? { kind: 'changed', row: changed } : { kind: 'conflict', message: 'The comment changed meanwhile; reload it.' };
}

function lockComments(tx: Queryable, ids: number[]) {
  // Locked in id order so two bulk actions over overlapping sets cannot deadlock.
  return tx.select().from(comments).where(inArray(comments.id, ids)).orderBy(asc(comments.id)).for('update');
}

/** One action on one comment; answers the comment as it is afterwards. */
export async function actOnComment(
  deps: Deps,
  auth: AdminAuth,
  id: number,
  action: Action,
  reason: string | null,
): Promise<ModeratorComment> {
  await requireVisibleComment(deps, auth, id);
  await deps.db.transaction(async (tx) => {
    const [row] = await lockComments(tx, [id]);
    if (!row) throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
    const outcome = await applyAction(tx, deps.bus, auth, row, action, reason);
    if (outcome.kind === 'conflict') throw new AppError('CONFLICT', outcome.message);
  });
  return toModeratorComment(await requireVisibleComment(deps, auth, id));
}

/**
 * One action on up to BULK_MAX comments in one transaction. Comments the caller cannot see, that do
 * not exist, or that are already in the target status are skipped (and listed), never revealed.
 */
export async function actInBulk(
  deps: Deps,
  auth: AdminAuth,
  ids: number[],
  action: Action,
  reason: string | null,
): Promise<{ updated: number; skipped: number[] }> {
  const unique = [...new Set(ids)];
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
      const outcome = await applyAction(tx, deps.bus, auth, row, action, reason);
      if (outcome.kind === 'changed') updated++;
      else skipped.push(id);
    }
    return { updated, skipped };
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
