// The audit log, read back with filters, newest first, paged by id: who did what to what, with the
// comment's author and an excerpt, its story and link, and for settings only the fields that changed.
import { and, desc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { articles, auditLog, comments, moderators } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { normalizeEmail } from '../auth/accounts.js';
import { emailOfKey } from '../comments/author-key.js';
import { normalizeArticleKey } from '../comments/article-key.js';
import type { AppDeps } from '../deps.js';
import { scopeSiteIds, siteSlugs } from './access.js';
import { permalink } from './articles.js';
import { toReason, type AuditEntryOut } from './dto.js';

type Deps = Pick<AppDeps, 'db' | 'siteCache'>;

export interface AuditQuery {
  site?: string;
  commentId?: number;
  /** A moderator id, or a moderator's email. */
  actor?: string;
  action?: string;
  /** An article's key (or canonical URL), or its id as `#123`. */
  article?: string;
  /** ISO dates: entries at or after `from`, before `to`. */
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

const EXCERPT = 140;

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}

/**
 * { field: [old, new] } from a settings entry's details, as a list; a story's corrected title and link
 * (article.edit's before and after) as the fields articleTitle and articleUrl, so the view says them in
 * the moderator's language rather than the English note.
 */
function changesOf(details: Record<string, unknown> | null): AuditEntryOut['changes'] {
  if (details?.kind === 'article-text') {
    const before = (details.before ?? {}) as Record<string, unknown>;
    const after = (details.after ?? {}) as Record<string, unknown>;
    return (['title', 'url'] as const).flatMap((key) =>
      before[key] === after[key] ? [] : [{ field: key === 'title' ? 'articleTitle' : 'articleUrl', from: before[key] ?? null, to: after[key] ?? null }],
    );
  }
  const raw = details?.changes;
  if (!raw || typeof raw !== 'object') return [];
  return Object.entries(raw as Record<string, unknown>).flatMap(([field, pair]) =>
    Array.isArray(pair) && pair.length === 2 ? [{ field, from: pair[0] as unknown, to: pair[1] as unknown }] : [],
  );
}

/**
 * Audit entries the caller may see: admins see everything (account and site edits have no site);
 * moderators see the entries of their sites only.
 */
export async function listAudit(deps: Deps, auth: AdminAuth, query: AuditQuery): Promise<{ entries: AuditEntryOut[]; nextCursor: string | null }> {
  const siteIds = await scopeSiteIds(deps, auth, query.site);
  if (siteIds !== null && siteIds.length === 0) return { entries: [], nextCursor: null };
  const commentArticle = alias(articles, 'comment_article');
  const entryArticle = alias(articles, 'entry_article');
  const conditions: (SQL | undefined)[] = [siteIds === null ? undefined : and(isNotNull(auditLog.siteId), inArray(auditLog.siteId, siteIds))];
  if (query.commentId !== undefined) conditions.push(eq(auditLog.commentId, query.commentId));
  if (query.action !== undefined) {
    // "author.*" picks every action of a family.
    conditions.push(query.action.endsWith('.*') ? sql`${auditLog.action} like ${`${query.action.slice(0, -1)}%`}` : eq(auditLog.action, query.action));
  }
  if (query.cursor !== undefined) conditions.push(lt(auditLog.id, Number(query.cursor)));
  if (query.from !== undefined) conditions.push(gte(auditLog.createdAt, new Date(query.from)));
  if (query.to !== undefined) conditions.push(lt(auditLog.createdAt, new Date(query.to)));
  if (query.article !== undefined) {
    const id = /^#(\d{1,15})$/.exec(query.article);
    if (id) conditions.push(sql`coalesce(${auditLog.articleId}, ${comments.articleId}) = ${Number(id[1])}`);
    else {
      const key = normalizeArticleKey(query.article);
      if (!key) return { entries: [], nextCursor: null };
      conditions.push(sql`coalesce(${entryArticle.key}, ${commentArticle.key}) = ${key}`);
    }
  }
  if (query.actor !== undefined) {
    if (/^\d{1,15}$/.test(query.actor)) conditions.push(and(eq(auditLog.actorType, 'moderator'), eq(auditLog.actorId, Number(query.actor))));
    else conditions.push(eq(moderators.email, normalizeEmail(query.actor)));
  }
  const rows = await deps.db
    .select({
      entry: auditLog,
      actorEmail: moderators.email,
      actorName: moderators.name,
      authorName: comments.authorName,
      body: comments.body,
      commentStatus: comments.status,
      commentArticle: { id: commentArticle.id, key: commentArticle.key, title: commentArticle.title, url: commentArticle.url },
      entryArticle: { id: entryArticle.id, key: entryArticle.key, title: entryArticle.title, url: entryArticle.url },
    })
    .from(auditLog)
    // Only moderator actors have an account; authors' and readers' ids are not moderator ids.
    .leftJoin(moderators, and(eq(auditLog.actorType, 'moderator'), eq(moderators.id, auditLog.actorId)))
    .leftJoin(comments, eq(comments.id, auditLog.commentId))
    .leftJoin(commentArticle, eq(commentArticle.id, comments.articleId))
    .leftJoin(entryArticle, eq(entryArticle.id, auditLog.articleId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const slugs = await siteSlugs(deps.db, page.flatMap((r) => (r.entry.siteId === null ? [] : [r.entry.siteId])));
  return {
    entries: page.map(({ entry, actorEmail, actorName, authorName, body, commentStatus, commentArticle: ca, entryArticle: ea }) => {
      const article = ea?.id ? ea : ca?.id ? ca : null;
      return {
        id: entry.id,
        site: entry.siteId === null ? null : (slugs.get(entry.siteId) ?? null),
        commentId: entry.commentId,
        actor: { type: entry.actorType, id: entry.actorId, email: actorEmail ?? null, name: actorName ?? null },
        action: entry.action,
        fromStatus: entry.fromStatus,
        toStatus: entry.toStatus,
        reasons: (entry.reasons ?? []).map(toReason),
        note: entry.note,
        comment:
          entry.commentId !== null && authorName !== null
            ? { id: entry.commentId, authorName, excerpt: excerpt(body ?? ''), status: commentStatus ?? 'deleted' }
            : null,
        article: article ? { id: article.id!, key: article.key!, title: article.title ?? null, url: article.url ?? null } : null,
        author: entry.authorKey ? (emailOfKey(entry.authorKey) ?? null) : null,
        permalink: entry.commentId !== null && article ? permalink(article.url ?? null, entry.commentId) : null,
        changes: changesOf(entry.details ?? null),
        undoes: typeof entry.details?.undoes === 'string' ? entry.details.undoes : null,
        createdAt: entry.createdAt.toISOString(),
      };
    }),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.entry.id) : null,
  };
}

/** The moderators who appear in the log of the caller's sites, for the log's "by" filter. */
export async function listAuditActors(deps: Deps, auth: AdminAuth, slug?: string): Promise<Array<{ id: number; name: string; email: string }>> {
  const siteIds = await scopeSiteIds(deps, auth, slug);
  if (siteIds !== null && siteIds.length === 0) return [];
  const rows = await deps.db
    .selectDistinct({ id: moderators.id, name: moderators.name, email: moderators.email })
    .from(auditLog)
    .innerJoin(moderators, and(eq(auditLog.actorType, 'moderator'), eq(moderators.id, auditLog.actorId)))
    .where(siteIds === null ? undefined : inArray(auditLog.siteId, siteIds))
    .orderBy(moderators.name)
    .limit(500);
  return rows;
}
