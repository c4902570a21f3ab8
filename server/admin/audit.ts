// The audit log, read back with filters, newest first, paged by id.
import { and, desc, eq, inArray, isNotNull, lt, type SQL } from 'drizzle-orm';
import { auditLog, moderators } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { normalizeEmail } from '../auth/accounts.js';
import type { AppDeps } from '../deps.js';
import { scopeSiteIds, siteSlugs } from './access.js';
import { toReason, type AuditEntryOut } from './dto.js';

type Deps = Pick<AppDeps, 'db' | 'siteCache'>;

export interface AuditQuery {
  site?: string;
  commentId?: number;
  /** A moderator id, or a moderator's email. */
  actor?: string;
  action?: string;
  cursor?: string;
  limit: number;
}

/**
 * Audit entries the caller may see: admins see everything (account and site edits have no site);
 * moderators see the entries of their sites only.
 */
export async function listAudit(deps: Deps, auth: AdminAuth, query: AuditQuery): Promise<{ entries: AuditEntryOut[]; nextCursor: string | null }> {
  const siteIds = await scopeSiteIds(deps, auth, query.site);
  if (siteIds !== null && siteIds.length === 0) return { entries: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [siteIds === null ? undefined : and(isNotNull(auditLog.siteId), inArray(auditLog.siteId, siteIds))];
  if (query.commentId !== undefined) conditions.push(eq(auditLog.commentId, query.commentId));
  if (query.action !== undefined) conditions.push(eq(auditLog.action, query.action));
  if (query.cursor !== undefined) conditions.push(lt(auditLog.id, Number(query.cursor)));
  if (query.actor !== undefined) {
    if (/^\d{1,15}$/.test(query.actor)) conditions.push(and(eq(auditLog.actorType, 'moderator'), eq(auditLog.actorId, Number(query.actor))));
    else conditions.push(eq(moderators.email, normalizeEmail(query.actor)));
  }
  const rows = await deps.db
    .select({ entry: auditLog, actorEmail: moderators.email })
    .from(auditLog)
    // Only moderator actors have an account; authors' and readers' ids are not moderator ids.
    .leftJoin(moderators, and(eq(auditLog.actorType, 'moderator'), eq(moderators.id, auditLog.actorId)))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const slugs = await siteSlugs(deps.db, page.flatMap((r) => (r.entry.siteId === null ? [] : [r.entry.siteId])));
  return {
    entries: page.map(({ entry, actorEmail }) => ({
      id: entry.id,
      site: entry.siteId === null ? null : (slugs.get(entry.siteId) ?? null),
      commentId: entry.commentId,
      actor: { type: entry.actorType, id: entry.actorId, email: actorEmail ?? null },
      action: entry.action,
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      reasons: (entry.reasons ?? []).map(toReason),
      note: entry.note,
      createdAt: entry.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.entry.id) : null,
  };
}
