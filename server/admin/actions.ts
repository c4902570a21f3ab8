// Moderator actions on comments, one at a time or in bulk; every change goes through changeCommentStatus,
// under one undo batch per request (see undo.ts).
import { asc, inArray } from 'drizzle-orm';
import { statementsIn, type Queryable, type Statements } from '../db/client.js';
import { toCommentRow } from '../db/rows.js';
import { comments, moderators, type CommentStatus } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import type { CommentRow } from '../comments/dto.js';
import { changeCommentStatus, type StatusChange } from '../comments/status.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { makeReason } from '../moderation/reasons.js';
import { CLEARED_REPORTS } from '../moderation/reports.js';
import { canSeeSite } from './access.js';
import { toModeratorComment, type CommentWithContext, type ModeratorComment } from './dto.js';
import { findWithContext } from './queue.js';
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

/** `changed` on a conflict: the comment changed meanwhile (rather than the action being refused). */
type Outcome = { kind: 'changed'; row: CommentRow } | { kind: 'unchanged' } | { kind: 'conflict'; message: string; changed?: boolean };

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

/**
 * Applies one action to one comment under `batch`: to a locked row inside the caller's transaction,
 * or, given a Database and the row version that was read, as a transaction of its own.
 */
export async function applyAction(
  db: Queryable | Statements,
  bus: Pick<EventBus, 'announce'>,
  auth: AdminAuth,
  row: CommentRow,
  action: Action,
  note: string | null,
  batch: string,
  now: Date,
  version: string | null = null,
): Promise<Outcome> {
  const plan = planAction(row, action, auth, now);
  if ('kind' in plan) return plan;
  const before = commentState(row);
  const changed = await changeCommentStatus(
    db,
    bus,
    row,
    {
      ...plan,
      actor: { type: 'moderator', id: auth.moderator.id },
      note,
      audit: { batch, details: (updated) => ({ kind: 'comment', before, after: commentState(updated) }) },
    },
    version,
  );
  return changed ? { kind: 'changed', row: changed } : { kind: 'conflict', message: 'The comment changed meanwhile; reload it.', changed: true };
}

export function lockComments(tx: Queryable, ids: number[]) {
  // Locked in id order so two bulk actions over overlapping sets cannot deadlock.
  return tx.select().from(comments).where(inArray(comments.id, ids)).orderBy(asc(comments.id)).for('update');
}

type ActionAnswer = { comment: ModeratorComment; undo: string | null };

/**
 * One action on one comment; answers the comment as it is afterwards and the batch that undoes it
 * (null: nothing changed). The comment is read unlocked and the action applied to the row version
 * that was read, outside any transaction (two prepared statements: see actAtOnce); a comment changed
 * in between takes the locked transaction, which plans again from the locked row.
 */
export async function actOnComment(deps: Deps, auth: AdminAuth, id: number, action: Action, reason: string | null, from?: CommentStatus): Promise<ActionAnswer> {
  const batch = newBatch();
  return (await actAtOnce(deps, auth, id, action, reason, batch, from)) ?? actOnCommentLocked(deps, auth, id, action, reason, batch, from);
}

/**
 * `from`: the status the moderator saw. Two moderators deciding on one comment from the same queue
 * would otherwise both succeed, the later silently undoing the earlier: the second is told instead,
 * with who decided (looked up only then, not on every action's read).
 */
async function checkSeen(statements: Statements, read: ReadComment, from: CommentStatus | undefined): Promise<void> {
  const { status, moderatedBy } = read.context.comment;
  if (from === undefined || status === from) return;
  const [who] = moderatedBy === null ? [] : await statements.query<{ name: string }>('select name from moderators where id = $1', [moderatedBy]);
  const name = who?.name ?? null;
  throw new AppError('CONFLICT', `Someone else changed this comment first: it is now ${status}${name ? ` by ${name}` : ''}.`, {
    details: { status, moderatedBy: name },
  });
}

/** The locked path of actOnComment: one transaction that reads the comment with its lock, plans from it and applies the plan. */
export async function actOnCommentLocked(
  deps: Deps,
  auth: AdminAuth,
  id: number,
  action: Action,
  reason: string | null,
  batch = newBatch(),
  from?: CommentStatus,
): Promise<ActionAnswer> {
  const answer = await deps.db.transaction(async (tx) => {
    const found = await readComment(statementsIn(tx), id, true);
    if (!found || !canSeeSite(auth, found.context.comment.siteId)) throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
    await checkSeen(statementsIn(tx), found, from);
    const outcome = await applyAction(tx, deps.bus, auth, found.context.comment, action, reason, batch, deps.now());
    if (outcome.kind === 'conflict') throw new AppError('CONFLICT', outcome.message);
    return outcome.kind === 'changed' ? { context: { ...found.context, comment: outcome.row }, changed: true } : { context: found.context, changed: false };
  });
  return { comment: toModeratorComment(answer.context), undo: answer.changed ? batch : null };
}

// The comment and the names a moderator sees next to it, with its row version (xmin) for
// changeCommentStatus. The same columns as selectWithContext, read without the query builder.
const READ_SQL = `
select c.*, c.xmin::text as row_version, s.slug as site_slug, a.key as article_key, a.title as article_title, a.url as article_url
from comments c join sites s on s.id = c.site_id join articles a on a.id = c.article_id
where c.id = $1`;

type ReadRow = Record<string, unknown> & { row_version: string; site_slug: string; article_key: string; article_title: string | null; article_url: string | null };

/** A comment with its context as READ_SQL read it, and the row version a change must meet. */
export interface ReadComment {
  context: CommentWithContext;
  version: string;
}

/** The comment with its context (locked, inside a transaction, when `lock`), or null when there is none. */
export async function readComment(statements: Statements, id: number, lock = false): Promise<ReadComment | null> {
  const [raw] = await statements.query<ReadRow>(lock ? `${READ_SQL} for update of c` : READ_SQL, [id]);
  if (!raw) return null;
  return {
    context: { comment: toCommentRow(raw), siteSlug: raw.site_slug, articleKey: raw.article_key, articleTitle: raw.article_title, articleUrl: raw.article_url },
    version: raw.row_version,
  };
}

/** actOnComment without the fallback: null when the comment changed between its read and its change. */
export async function actAtOnce(
  deps: Deps,
  auth: AdminAuth,
  id: number,
  action: Action,
  reason: string | null,
  batch: string,
  from?: CommentStatus,
): Promise<ActionAnswer | null> {
  const read = await readComment(deps.database, id);
  if (!read || !canSeeSite(auth, read.context.comment.siteId)) throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
  await checkSeen(deps.database, read, from);
  return applyAtOnce(deps, auth, read, action, reason, batch);
}

/** Plans the action from `read` and applies it, as a transaction of its own, if the comment is still that row version; else null. */
export async function applyAtOnce(
  deps: Deps,
  auth: AdminAuth,
  read: ReadComment,
  action: Action,
  reason: string | null,
  batch: string,
): Promise<ActionAnswer | null> {
  const outcome = await applyAction(deps.database, deps.bus, auth, read.context.comment, action, reason, batch, deps.now(), read.version);
  if (outcome.kind === 'conflict') {
    if (outcome.changed) return null;
    throw new AppError('CONFLICT', outcome.message);
  }
  if (outcome.kind === 'unchanged') return { comment: toModeratorComment(read.context), undo: null };
  return { comment: toModeratorComment({ ...read.context, comment: outcome.row }), undo: batch };
}

/** A comment a bulk action left alone because a colleague decided on it after the moderator saw it. */
export interface BulkConflict {
  id: number;
  /** Its status now. */
  status: CommentStatus;
  /** The name of the moderator who decided, when one did. */
  moderatedBy: string | null;
}

export interface BulkAnswer {
  updated: number;
  /** Every id left unchanged, conflicts included. */
  skipped: number[];
  conflicts: BulkConflict[];
  undo: string | null;
}

/**
 * One action on up to BULK_MAX comments in one transaction. Comments the caller cannot see, that do
 * not exist, or that are already in the target state are skipped (and listed), never revealed.
 * `from` maps ids to the status the moderator saw (as a single action's `from`): a comment no longer
 * in it is skipped and listed in `conflicts` with its status now and who decided; ids without an
 * entry are acted on as before.
 */
export async function actInBulk(
  deps: Deps,
  auth: AdminAuth,
  ids: number[],
  action: Action,
  reason: string | null,
  from: ReadonlyMap<number, CommentStatus> = new Map(),
): Promise<BulkAnswer> {
  const unique = [...new Set(ids)];
  const batch = newBatch();
  return deps.db.transaction(async (tx) => {
    const rows = await lockComments(tx, unique);
    const byId = new Map(rows.map((r) => [r.id, r]));
    let updated = 0;
    const skipped: number[] = [];
    const taken: CommentRow[] = [];
    for (const id of unique) {
      const row = byId.get(id);
      if (!row || !canSeeSite(auth, row.siteId)) {
        skipped.push(id);
        continue;
      }
      const seen = from.get(id);
      if (seen !== undefined && seen !== row.status) {
        skipped.push(id);
        taken.push(row);
        continue;
      }
      const outcome = await applyAction(tx, deps.bus, auth, row, action, reason, batch, deps.now());
      if (outcome.kind === 'changed') updated++;
      else skipped.push(id);
    }
    return { updated, skipped, conflicts: await describeConflicts(tx, taken), undo: updated > 0 ? batch : null };
  });
}

/** Who decided on each comment taken meanwhile: names looked up once, and only when there are any. */
async function describeConflicts(tx: Queryable, taken: CommentRow[]): Promise<BulkConflict[]> {
  const deciders = [...new Set(taken.flatMap((r) => (r.moderatedBy === null ? [] : [r.moderatedBy])))];
  const found = deciders.length ? await tx.select({ id: moderators.id, name: moderators.name }).from(moderators).where(inArray(moderators.id, deciders)) : [];
  const names = new Map(found.map((m) => [m.id, m.name]));
  return taken.map((r) => ({ id: r.id, status: r.status, moderatedBy: r.moderatedBy === null ? null : (names.get(r.moderatedBy) ?? null) }));
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
