// Data-subject requests by email: export everything stored about an author, or erase it.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { articles, auditLog, authorStates, bans, comments, mails, moderators, sites, subscribers, threadSubscriptions, webhookDeliveries } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { normalizeEmail } from '../auth/accounts.js';
import { changeCommentStatus } from '../comments/status.js';
import { insertAudit } from '../comments/store.js';
import type { AppDeps } from '../deps.js';
import { requireAdmin, siteSlugs } from './access.js';

type Deps = Pick<AppDeps, 'db' | 'bus'>;

export interface PersonalData {
  email: string;
  comments: {
    id: number;
    site: string;
    article: { key: string; url: string | null; title: string | null };
    parentId: number | null;
    authorName: string;
    authorEmail: string | null;
    authorWebsite: string | null;
    body: string;
    status: string;
    createdAt: string;
    editedAt: string | null;
    ipHash: string | null;
    userAgent: string | null;
  }[];
  bans: { site: string; kind: string; value: string; reason: string | null; expiresAt: string | null; createdAt: string }[];
  /** Moderators' decisions about this author, per site (always hold, trust, suspension, warning). */
  decisions: { site: string; mode: string | null; suspendedUntil: string | null; suspensionMessage: string | null; warning: string | null; warnedAt: string | null }[];
  account: { email: string; name: string; role: string; createdAt: string; lastLoginAt: string | null } | null;
  /** Reply notifications: per site, whether confirmed or unsubscribed, and the threads followed. */
  subscriptions: {
    site: string;
    createdAt: string;
    confirmedAt: string | null;
    unsubscribedAt: string | null;
    threads: { article: { key: string; url: string | null; title: string | null }; createdAt: string; unsubscribedAt: string | null }[];
  }[];
  /** Notification emails to the address (kept 30 days): what, when, whether sent. */
  emails: { kind: string; site: string | null; status: string; createdAt: string; sentAt: string | null }[];
}

/** Everything Parley stores under an email: comments (with sites and articles), bans on them, a staff account. */
export async function exportPersonalData(deps: Deps, auth: AdminAuth, rawEmail: string): Promise<PersonalData> {
  requireAdmin(auth);
  const email = normalizeEmail(rawEmail);
  const rows = await deps.db
    .select({ comment: comments, site: sites.slug, key: articles.key, url: articles.url, title: articles.title })
    .from(comments)
    .innerJoin(sites, eq(sites.id, comments.siteId))
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .where(eq(comments.authorEmail, email))
    .orderBy(asc(comments.id));
  const ipHashes = [...new Set(rows.flatMap((r) => (r.comment.ipHash ? [r.comment.ipHash] : [])))];
  const banRows = await deps.db
    .select()
    .from(bans)
    .where(or(and(eq(bans.kind, 'email'), eq(bans.value, email)), ipHashes.length > 0 ? and(eq(bans.kind, 'ip'), inArray(bans.value, ipHashes)) : undefined))
    .orderBy(asc(bans.id));
  const decisions = await deps.db.select().from(authorStates).where(eq(authorStates.authorKey, `e:${email}`));
  const slugs = await siteSlugs(deps.db, [...banRows.map((b) => b.siteId), ...decisions.map((d) => d.siteId)]);
  const [account] = await deps.db.select().from(moderators).where(eq(moderators.email, email)).limit(1);
  const subs = await deps.db
    .select({ sub: subscribers, site: sites.slug })
    .from(subscribers)
    .innerJoin(sites, eq(sites.id, subscribers.siteId))
    .where(eq(subscribers.email, email))
    .orderBy(asc(subscribers.id));
  const threads = subs.length
    ? await deps.db
        .select({ t: threadSubscriptions, key: articles.key, url: articles.url, title: articles.title })
        .from(threadSubscriptions)
        .innerJoin(articles, eq(articles.id, threadSubscriptions.articleId))
        .where(inArray(threadSubscriptions.subscriberId, subs.map((s) => s.sub.id)))
    : [];
  const mailRows = await deps.db.select().from(mails).where(eq(mails.toEmail, email)).orderBy(asc(mails.id));
  const mailSlugs = await siteSlugs(deps.db, mailRows.flatMap((m) => (m.siteId ? [m.siteId] : [])));
  return {
    email,
    comments: rows.map(({ comment: c, site, key, url, title }) => ({
      id: c.id,
      site,
      article: { key, url, title },
      parentId: c.parentId,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      authorWebsite: c.authorWebsite,
      body: c.body,
      status: c.status,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
      ipHash: c.ipHash,
      userAgent: c.userAgent,
    })),
    bans: banRows.map((b) => ({
      site: slugs.get(b.siteId) ?? '',
      kind: b.kind,
      value: b.value,
      reason: b.reason,
      expiresAt: b.expiresAt?.toISOString() ?? null,
      createdAt: b.createdAt.toISOString(),
    })),
    decisions: decisions.map((d) => ({
      site: slugs.get(d.siteId) ?? '',
      mode: d.mode,
      suspendedUntil: d.suspendedUntil?.toISOString() ?? null,
      suspensionMessage: d.suspensionMessage,
      warning: d.warning,
      warnedAt: d.warnedAt?.toISOString() ?? null,
    })),
    account: account
      ? { email: account.email, name: account.name, role: account.role, createdAt: account.createdAt.toISOString(), lastLoginAt: account.lastLoginAt?.toISOString() ?? null }
      : null,
    subscriptions: subs.map(({ sub, site }) => ({
      site,
      createdAt: sub.createdAt.toISOString(),
      confirmedAt: sub.confirmedAt?.toISOString() ?? null,
      unsubscribedAt: sub.unsubscribedAt?.toISOString() ?? null,
      threads: threads
        .filter((t) => t.t.subscriberId === sub.id)
        .map((t) => ({
          article: { key: t.key, url: t.url, title: t.title },
          createdAt: t.t.createdAt.toISOString(),
          unsubscribedAt: t.t.unsubscribedAt?.toISOString() ?? null,
        })),
    })),
    emails: mailRows.map((m) => ({
      kind: m.kind,
      site: m.siteId ? (mailSlugs.get(m.siteId) ?? null) : null,
      status: m.status,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
  };
}

/** What an erased comment keeps: its place in the thread (ids, parent, dates), nothing about its author. */
const ERASED = {
  authorName: 'Anonymous',
  authorEmail: null,
  authorWebsite: null,
  ipHash: null,
  userAgent: null,
  authorTokenHash: null,
  body: '',
  scores: null,
} as const;

/**
 * Erases an author's comments by email: text and identity are removed, status becomes deleted (so
 * article counts drop through changeCommentStatus), rows stay so replies keep their place. Bans on
 * the address are kept: stopping a banned person from returning is the site's legitimate interest.
 */
export async function eraseAuthor(deps: Deps, auth: AdminAuth, rawEmail: string): Promise<{ erased: number }> {
  requireAdmin(auth);
  const email = normalizeEmail(rawEmail);
  return deps.db.transaction(async (tx) => {
    const rows = await tx.select().from(comments).where(eq(comments.authorEmail, email)).orderBy(asc(comments.id)).for('update');
    const actor = { type: 'moderator' as const, id: auth.moderator.id };
    for (const row of rows) {
      // The text and identity go first; the status change (from the row as read, for its audit entry's author) then counts it out.
      await tx.update(comments).set({ ...ERASED, reasons: [] }).where(eq(comments.id, row.id));
      if (row.status !== 'deleted') {
        await changeCommentStatus(tx, deps.bus, row, { to: 'deleted', actor, action: 'erase', setReasons: [] });
      } else {
        await insertAudit(tx, { siteId: row.siteId, commentId: row.id, actorType: 'moderator', actorId: actor.id, action: 'erase', fromStatus: 'deleted', toStatus: 'deleted' });
      }
    }
    // Notifications: the address's subscriptions and emails go (so it is sent nothing more), and
    // webhook payloads that carried the text are emptied; the deletions themselves are announced
    // to webhooks (comment.deleted, ids only) so receivers can remove their copies.
    await tx.delete(subscribers).where(eq(subscribers.email, email));
    await tx.delete(mails).where(eq(mails.toEmail, email));
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await tx
        .update(webhookDeliveries)
        .set({ payload: '{"erased":true}', status: sql`case when ${webhookDeliveries.status} = 'pending' then 'failed' else ${webhookDeliveries.status} end`, lockedUntil: null })
        .where(and(inArray(webhookDeliveries.commentId, ids), sql`${webhookDeliveries.type} <> 'comment.deleted'`));
      // Entries about these comments no longer say whose they were. (Bans and the desk's decisions on the
      // address stay, like the bans table itself.)
      await tx.update(auditLog).set({ authorKey: null }).where(inArray(auditLog.commentId, ids));
    }
    // The summary names no address: the log must not keep what was just erased.
    await insertAudit(tx, { siteId: null, actorType: 'moderator', actorId: actor.id, action: 'privacy.erase', note: `erased ${rows.length} comment(s)` });
    return { erased: rows.length };
  });
}
