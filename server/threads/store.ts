// The thread queries: one page of an article's public thread in display order (as rows, and as the
// structure the fragment build needs), and an author's own comments in it (for the private view).
import { and, asc, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Database, Queryable } from '../db/client.js';
import { toArticleRow, toCommentRow } from '../db/rows.js';
import { articles, comments } from '../db/schema.js';
import type { CommentRow } from '../comments/dto.js';
import type { ArticleRow } from '../comments/store.js';

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
export async function addRemovedAncestors(db: Queryable, rows: CommentRow[]): Promise<void> {
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

// ---------------------------------------------------------------------------------------------
// The public page's statements, run as prepared statements (Database.query) on the hot path.

/** The article row, fresh from the database. */
export async function findArticleRow(database: Pick<Database, 'query'>, siteId: number, key: string): Promise<ArticleRow | null> {
  const [row] = await database.query('select * from articles where site_id = $1 and key = $2 limit 1', [siteId, key]);
  return row ? toArticleRow(row) : null;
}

/** One comment of a page: where it sits, its version, and its row when the caller holds no fragment for that version. */
export interface PageEntry {
  id: number;
  parentId: number | null;
  rootId: number;
  articleVersion: number | null;
  row: CommentRow | null;
}

// The page's comments as findThreadPage chooses them (the roots of the page, their approved comments,
// and every hidden ancestor as a placeholder), each with its whole row only when ($4, $5), the
// fragments the caller holds, lack its (id, article_version). One statement per sort order, so each
// keeps its index scan; $3 is the cursor (null: first page).
const pageSql = (oldest: boolean) => `
with recursive roots as (
  select distinct c.root_id from comments c
  where c.article_id = $1 and c.status = 'approved'
    and c.root_id ${oldest ? '> coalesce($3::bigint, 0)' : '< coalesce($3::bigint, 9223372036854775807)'}
  order by c.root_id ${oldest ? 'asc' : 'desc'} limit $2::int + 1
), page_roots as (
  select root_id from roots order by root_id ${oldest ? 'asc' : 'desc'} limit $2::int
), shown as (
  select c.id, c.parent_id, c.root_id, c.article_version from comments c
  where c.article_id = $1 and c.status = 'approved' and c.root_id in (select root_id from page_roots)
), hidden as (
  select p.id, p.parent_id, p.root_id, p.article_version from comments p
  where p.id in (select s.parent_id from shown s union select s.root_id from shown s) and p.status <> 'approved'
  union
  select p.id, p.parent_id, p.root_id, p.article_version from comments p join hidden h on p.id = h.parent_id
  where p.status <> 'approved'
), entries as (
  select * from shown union all select * from hidden
)
select e.id, e.parent_id, e.root_id, e.article_version, (select count(*) from roots) as root_count,
  case when k.id is null then (select to_jsonb(c) from comments c where c.id = e.id) end as row
from entries e
left join unnest($4::bigint[], $5::int[]) as k(id, version) on k.id = e.id and k.version is not distinct from e.article_version`;

const PAGE_SQL = { oldest: pageSql(true), newest: pageSql(false) };

/**
 * The structure of one page of a thread (the same comments as findThreadPage, not yet ordered), with
 * full rows only for the comments whose fragments the caller lacks.
 */
export async function findPageEntries(
  database: Pick<Database, 'query'>,
  articleId: number,
  opts: { sort: 'oldest' | 'newest'; limit: number; cursor?: number; knownIds: readonly number[]; knownVersions: readonly (number | null)[] },
): Promise<{ entries: PageEntry[]; rootIds: number[]; nextCursor: string | null }> {
  const raw = await database.query(PAGE_SQL[opts.sort], [
    articleId,
    opts.limit,
    opts.cursor ?? null,
    `{${opts.knownIds.join(',')}}`,
    `{${opts.knownVersions.map((v) => (v === null ? 'NULL' : v)).join(',')}}`,
  ]);
  const entries = raw.map((r): PageEntry => {
    const json = r.row;
    return {
      id: Number(r.id),
      parentId: r.parent_id === null ? null : Number(r.parent_id),
      rootId: Number(r.root_id),
      articleVersion: r.article_version === null ? null : Number(r.article_version),
      row: json === null || json === undefined ? null : toCommentRow((typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>),
    };
  });
  // The page's roots: the root ids of its comments (a hidden ancestor shares its replies' root).
  const rootIds = [...new Set(entries.map((e) => e.rootId))].sort((a, b) => (opts.sort === 'oldest' ? a - b : b - a));
  const rootCount = raw.length > 0 ? Number(raw[0]!.root_count) : 0;
  return {
    entries,
    rootIds,
    nextCursor: rootCount > opts.limit && rootIds.length > 0 ? String(rootIds[rootIds.length - 1]) : null,
  };
}
