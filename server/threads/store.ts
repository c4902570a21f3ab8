// The thread queries: one page of an article's public thread in display order, and an author's own
// comments in it (for the private view).
import { and, asc, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { comments } from '../db/schema.js';
import type { CommentRow } from '../comments/dto.js';

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

/** The author's own comments in an article that the public thread does not show yet (held, or marked spam: shown as held). */
export async function findOwnPending(db: Queryable, articleId: number, tokenHash: string): Promise<CommentRow[]> {
  return db
    .select()
    .from(comments)
    .where(and(eq(comments.authorTokenHash, tokenHash), eq(comments.articleId, articleId), inArray(comments.status, ['pending', 'spam'])))
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
