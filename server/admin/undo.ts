// Undo. Every moderator action writes its audit entries under one batch id, each with the state of
// its target before and after; undoing the batch puts back the "before" of every target still in
// its "after" state (a target someone changed since is skipped, never overwritten) and logs it.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { articles, auditLog, authorStates, bans, comments, type CommentStatus, type Reason } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import type { CommentRow } from '../comments/dto.js';
import { changeCommentStatus } from '../comments/status.js';
import { bumpArticle, insertAudit } from '../comments/store.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { canSeeSite } from './access.js';

type Deps = Pick<AppDeps, 'db' | 'bus'>;

/** A new batch id for one moderator action. */
export const newBatch = (): string => randomUUID();

/** The batch an undo writes its own entries under, so a batch is undone at most once. */
const undoBatchOf = (batch: string) => `u:${batch}`;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const date = (s: string | null) => (s === null ? null : new Date(s));

export interface CommentState {
  status: CommentStatus;
  reasons: Reason[];
  reportedAt: string | null;
  reportCount: number;
  featuredAt: string | null;
}

export function commentState(row: CommentRow): CommentState {
  return { status: row.status, reasons: row.reasons ?? [], reportedAt: iso(row.reportedAt), reportCount: row.reportCount, featuredAt: iso(row.featuredAt) };
}

export interface ArticleState {
  closed: boolean;
  premod: boolean;
}

/** An article's title and link as a moderator corrected them (article.edit). */
export interface ArticleText {
  title: string | null;
  url: string | null;
}

export type AuthorStateRow = typeof authorStates.$inferSelect;

export interface AuthorState {
  mode: string | null;
  suspendedUntil: string | null;
  suspensionMessage: string | null;
  warning: string | null;
  warnedAt: string | null;
  warningSeenAt: string | null;
}

export function authorState(row: AuthorStateRow | null | undefined): AuthorState | null {
  if (!row) return null;
  return {
    mode: row.mode,
    suspendedUntil: iso(row.suspendedUntil),
    suspensionMessage: row.suspensionMessage,
    warning: row.warning,
    warnedAt: iso(row.warnedAt),
    warningSeenAt: iso(row.warningSeenAt),
  };
}

type BanRow = typeof bans.$inferSelect;

export interface BanState {
  id: number;
  kind: string;
  value: string;
  reason: string | null;
  message: string | null;
  expiresAt: string | null;
  createdBy: number | null;
  createdAt: string;
}

export function banState(row: BanRow): BanState {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    reason: row.reason,
    message: row.message,
    expiresAt: iso(row.expiresAt),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What an audit entry keeps so that its change can be undone. */
export type UndoDetails =
  | { kind: 'comment'; before: CommentState; after: CommentState }
  | { kind: 'article'; before: ArticleState; after: ArticleState }
  | { kind: 'article-text'; before: ArticleText; after: ArticleText }
  | { kind: 'author'; before: AuthorState | null; after: AuthorState | null }
  | { kind: 'ban'; before: BanState | null; after: BanState | null };

// Key order is not kept by jsonb, so states compare structurally.
const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b);

type AuditRow = typeof auditLog.$inferSelect;

/**
 * Undoes one batch. Answers how many of its changes were put back and how many were skipped
 * because their target changed after the action.
 */
export async function undoBatch(deps: Deps, auth: AdminAuth, batch: string): Promise<{ restored: number; skipped: number }> {
  const rows = await deps.db.select().from(auditLog).where(eq(auditLog.batch, batch)).orderBy(desc(auditLog.id));
  const notFound = () => new AppError('NOT_FOUND', 'No such action to undo.');
  if (rows.length === 0 || rows.some((r) => r.siteId === null || !canSeeSite(auth, r.siteId))) throw notFound();
  const undoable = rows.filter((r) => isUndoDetails(r.details));
  if (undoable.length === 0) throw notFound();
  return deps.db.transaction(async (tx) => {
    // Serializes two undos of one batch: the second finds the first one's entries and stops.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`undo:${batch}`}))`);
    const [done] = await tx.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.batch, undoBatchOf(batch))).limit(1);
    if (done) throw new AppError('CONFLICT', 'This action was already undone.');
    let restored = 0;
    let skipped = 0;
    for (const row of undoable) {
      if (await undoEntry(tx, deps.bus, auth, row, row.details as UndoDetails, batch)) restored++;
      else skipped++;
    }
    return { restored, skipped };
  });
}

function isUndoDetails(d: unknown): d is UndoDetails {
  const kind = (d as { kind?: unknown } | null)?.kind;
  return kind === 'comment' || kind === 'article' || kind === 'article-text' || kind === 'author' || kind === 'ban';
}

async function undoEntry(tx: Queryable, bus: Pick<EventBus, 'publish' | 'announce'>, auth: AdminAuth, entry: AuditRow, d: UndoDetails, batch: string): Promise<boolean> {
  const siteId = entry.siteId!;
  const audit = (details: Record<string, unknown>) => ({
    siteId,
    actorType: 'moderator' as const,
    actorId: auth.moderator.id,
    action: 'undo',
    note: entry.action,
    articleId: entry.articleId,
    authorKey: entry.authorKey,
    batch: undoBatchOf(batch),
    details: { ...details, undoes: entry.action },
  });
  switch (d.kind) {
    case 'comment': {
      if (entry.commentId === null) return false;
      const [row] = await tx.select().from(comments).where(eq(comments.id, entry.commentId)).for('update');
      if (!row || !same(commentState(row), d.after)) return false;
      const changed = await changeCommentStatus(tx, bus, row, {
        to: d.before.status,
        actor: { type: 'moderator', id: auth.moderator.id },
        action: 'undo',
        note: entry.action,
        setReasons: d.before.reasons,
        extra: {
          reportedAt: date(d.before.reportedAt),
          // Entries older than the count in the snapshot leave it as it is.
          ...(d.before.reportCount === undefined ? {} : { reportCount: d.before.reportCount }),
          featuredAt: date(d.before.featuredAt),
          ...(d.before.featuredAt ? {} : { featuredBy: null }),
        },
        audit: { batch: undoBatchOf(batch), details: (u) => ({ kind: 'comment', before: d.after, after: commentState(u), undoes: entry.action }) },
      });
      return changed !== null;
    }
    case 'article': {
      if (entry.articleId === null) return false;
      const [row] = await tx.select().from(articles).where(eq(articles.id, entry.articleId)).for('update');
      if (!row || !same({ closed: row.closed, premod: row.premod }, d.after)) return false;
      await tx.update(articles).set({ closed: d.before.closed, premod: d.before.premod }).where(eq(articles.id, row.id));
      if (row.closed !== d.before.closed) {
        // `closed` is part of the public thread: its version (and so every cache of it) moves on.
        const version = await bumpArticle(tx, row.id, 0, null);
        bus.announce({ type: 'article', siteId, articleId: row.id, version });
      }
      await insertAudit(tx, audit({ kind: 'article', before: d.after, after: d.before }));
      return true;
    }
    case 'article-text': {
      if (entry.articleId === null) return false;
      const [row] = await tx.select().from(articles).where(eq(articles.id, entry.articleId)).for('update');
      if (!row || !same({ title: row.title, url: row.url }, d.after)) return false;
      await tx.update(articles).set({ title: d.before.title, url: d.before.url }).where(eq(articles.id, row.id));
      // Title and link are in the public thread: its version, and so every cached copy, moves on.
      const version = await bumpArticle(tx, row.id, 0, null);
      bus.announce({ type: 'article', siteId, articleId: row.id, version });
      await insertAudit(tx, audit({ kind: 'article-text', before: d.after, after: d.before }));
      return true;
    }
    case 'author': {
      if (entry.authorKey === null) return false;
      const [row] = await tx
        .select()
        .from(authorStates)
        .where(and(eq(authorStates.siteId, siteId), eq(authorStates.authorKey, entry.authorKey)))
        .for('update');
      if (!same(authorState(row), d.after)) return false;
      await writeAuthorState(tx, siteId, entry.authorKey, d.before, auth.moderator.id);
      await insertAudit(tx, audit({ kind: 'author', before: d.after, after: d.before }));
      return true;
    }
    case 'ban': {
      if (d.before && d.after) {
        // The action changed a ban in force (banned again with another end or message): put it back as it was.
        const [row] = await tx.select().from(bans).where(eq(bans.id, d.after.id)).for('update');
        if (!row || !same(banState(row), d.after)) return false;
        await tx
          .update(bans)
          .set({ reason: d.before.reason, message: d.before.message, expiresAt: date(d.before.expiresAt), createdBy: d.before.createdBy })
          .where(eq(bans.id, row.id));
        await insertAudit(tx, audit({ kind: 'ban', before: d.after, after: d.before }));
        return true;
      }
      if (d.after) {
        // The action created this ban: lift it, if it is still there as it was.
        const [row] = await tx.select().from(bans).where(eq(bans.id, d.after.id)).for('update');
        if (!row || !same(banState(row), d.after)) return false;
        await tx.delete(bans).where(eq(bans.id, row.id));
        await insertAudit(tx, audit({ kind: 'ban', before: d.after, after: null }));
        return true;
      }
      if (!d.before) return false;
      // The action lifted this ban: put it back as it was (a new row; its id is the only change).
      const [row] = await tx
        .insert(bans)
        .values({
          siteId,
          kind: d.before.kind,
          value: d.before.value,
          reason: d.before.reason,
          message: d.before.message,
          expiresAt: date(d.before.expiresAt),
          createdBy: d.before.createdBy,
          createdAt: new Date(d.before.createdAt),
        })
        .returning();
      await insertAudit(tx, audit({ kind: 'ban', before: null, after: banState(row!) }));
      return true;
    }
  }
}

/** Writes (or, for null, deletes) an author's state row. */
export async function writeAuthorState(tx: Queryable, siteId: number, authorKey: string, state: AuthorState | null, by: number): Promise<AuthorStateRow | null> {
  if (state === null) {
    await tx.delete(authorStates).where(and(eq(authorStates.siteId, siteId), eq(authorStates.authorKey, authorKey)));
    return null;
  }
  const values = {
    mode: state.mode,
    suspendedUntil: date(state.suspendedUntil),
    suspensionMessage: state.suspensionMessage,
    warning: state.warning,
    warnedAt: date(state.warnedAt),
    warningSeenAt: date(state.warningSeenAt),
    updatedAt: sql`now()`,
    updatedBy: by,
  };
  const [row] = await tx
    .insert(authorStates)
    .values({ siteId, authorKey, ...values })
    .onConflictDoUpdate({ target: [authorStates.siteId, authorStates.authorKey], set: values })
    .returning();
  return row ?? null;
}
