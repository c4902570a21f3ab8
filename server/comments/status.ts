// Moves a comment between statuses, keeping the article's count, version, audit log and events in step.
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { comments, type CommentStatus, type Reason } from '../db/schema.js';
import type { EventBus } from '../events/bus.js';
import type { CommentRow } from './dto.js';
import { authorKeyOf } from './author-key.js';
import { bumpArticle, insertAudit, type AuditEntry } from './store.js';

export interface StatusChange {
  to: CommentStatus;
  actor: { type: AuditEntry['actorType']; id?: number | null };
  action: string;
  reasons?: Reason[];
  note?: string | null;
  /** Replace the stored reasons (e.g. after re-scoring); default keeps them. */
  setReasons?: Reason[];
  /** Extra columns to set with the status (scores after re-scoring, report fields...). */
  extra?: Partial<typeof comments.$inferInsert>;
  /** The moderator action's undo batch, and the details (state before and after) its audit entry keeps. */
  audit?: { batch?: string | null; details?: (updated: CommentRow) => Record<string, unknown> };
}

/**
 * Changes one comment's status inside the caller's transaction. Returns the updated row, or null when
 * the comment changed concurrently (its status is no longer `comment.status`).
 */
export async function changeCommentStatus(
  tx: Queryable,
  bus: Pick<EventBus, 'publish' | 'announce'>,
  comment: CommentRow,
  change: StatusChange,
): Promise<CommentRow | null> {
  const from = comment.status;
  const byModerator = change.actor.type === 'moderator';
  const [row] = await tx
    .update(comments)
    .set({
      status: change.to,
      updatedAt: sql`now()`,
      ...(byModerator ? { moderatedAt: sql`now()`, moderatedBy: change.actor.id ?? null } : {}),
      ...(change.setReasons ? { reasons: change.setReasons } : {}),
      ...change.extra,
    })
    .where(and(eq(comments.id, comment.id), eq(comments.status, from)))
    .returning();
  if (!row) return null;
  const delta = (change.to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
  const visibleChange = from === 'approved' || change.to === 'approved';
  // The version bump, the audit entry and the event go out together (one round trip: the driver
  // pipelines statements issued at once), in this order, inside the caller's transaction.
  const [version] = await Promise.all([
    visibleChange ? bumpArticle(tx, comment.articleId, delta, comment.id) : undefined,
    insertAudit(tx, {
      siteId: comment.siteId,
      commentId: comment.id,
      actorType: change.actor.type,
      actorId: change.actor.id ?? null,
      action: change.action,
      fromStatus: from,
      toStatus: change.to,
      reasons: change.reasons ?? [],
      note: change.note ?? null,
      articleId: comment.articleId,
      authorKey: authorKeyOf(comment),
      batch: change.audit?.batch ?? null,
      details: change.audit?.details?.(row) ?? null,
    }),
    bus.publish(tx, {
      type: 'comment',
      siteId: comment.siteId,
      articleId: comment.articleId,
      commentId: comment.id,
      status: change.to,
      previous: from,
    }),
  ]);
  if (version !== undefined) bus.announce({ type: 'article', siteId: comment.siteId, articleId: comment.articleId, version });
  return row;
}
