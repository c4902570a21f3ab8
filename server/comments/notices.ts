// What the widget tells a returning author about moderators' decisions: a suspension in force, a ban
// on their email, a warning (shown once: it counts as seen when it is delivered). The author is their
// author token, and the emails that token posted with on the site.
import { and, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { authorStates, bans, comments } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { requireSite } from '../sites/store.js';
import { readAuthorToken } from './author-token.js';

type Deps = Pick<AppDeps, 'db' | 'hasher' | 'siteCache' | 'now'>;

export type Notice =
  | { type: 'suspended'; until: string; note?: string }
  | { type: 'banned'; until?: string; note?: string }
  | { type: 'warning'; note: string };

/** Emails a token posted with on a site (a browser seldom uses more than one). */
const MAX_EMAILS = 5;

export async function findNotices(deps: Deps, req: { site: string; authorToken?: string }): Promise<Notice[]> {
  const site = await requireSite(deps, req.site);
  const token = readAuthorToken(req.authorToken);
  if (!token) return [];
  const tokenHash = deps.hasher.hashToken(token);
  const now = deps.now();
  const emailRows = await deps.db
    .select({ email: comments.authorEmail, since: sql<Date>`min(${comments.createdAt})`.mapWith(comments.createdAt) })
    .from(comments)
    .where(and(eq(comments.authorTokenHash, tokenHash), eq(comments.siteId, site.id), isNotNull(comments.authorEmail)))
    .groupBy(comments.authorEmail)
    .limit(MAX_EMAILS);
  const emails = emailRows.map((r) => r.email!);
  // Since when this browser has written as each address. An address is not proof of who writes, so a
  // warning about it goes only to a browser that wrote as it before the warning: posting once with
  // someone's address must not read (and so use up) the moderators' message to them.
  const wroteSince = new Map(emailRows.map((r) => [`e:${r.email}`, r.since]));
  const keys = [`t:${tokenHash}`, ...emails.map((e) => `e:${e}`)];
  const notices: Notice[] = [];
  const states = await deps.db
    .select()
    .from(authorStates)
    .where(and(eq(authorStates.siteId, site.id), inArray(authorStates.authorKey, keys)));
  const suspended = states.filter((s) => s.suspendedUntil && s.suspendedUntil > now).sort((a, b) => b.suspendedUntil!.getTime() - a.suspendedUntil!.getTime())[0];
  if (suspended) notices.push({ type: 'suspended', until: suspended.suspendedUntil!.toISOString(), ...(suspended.suspensionMessage ? { note: suspended.suspensionMessage } : {}) });
  if (emails.length > 0) {
    const domains = emails.map((e) => e.slice(e.lastIndexOf('@') + 1));
    const [ban] = await deps.db
      .select()
      .from(bans)
      .where(
        and(
          eq(bans.siteId, site.id),
          or(isNull(bans.expiresAt), gt(bans.expiresAt, now)),
          or(and(eq(bans.kind, 'email'), inArray(bans.value, emails)), and(eq(bans.kind, 'domain'), inArray(bans.value, domains))),
        ),
      )
      .orderBy(sql`${bans.expiresAt} desc nulls first`)
      .limit(1);
    if (ban) notices.push({ type: 'banned', ...(ban.expiresAt ? { until: ban.expiresAt.toISOString() } : {}), ...(ban.message ? { note: ban.message } : {}) });
  }
  const warned = states.filter((s) => {
    if (!s.warning || s.warningSeenAt !== null) return false;
    const since = wroteSince.get(s.authorKey);
    return since === undefined || (s.warnedAt !== null && since <= s.warnedAt);
  });
  if (warned.length > 0) {
    // Seen now: the next visit shows it no more. Only rows still unseen are claimed, so two tabs show it once.
    const claimed = await deps.db
      .update(authorStates)
      .set({ warningSeenAt: now })
      .where(and(eq(authorStates.siteId, site.id), inArray(authorStates.authorKey, warned.map((s) => s.authorKey)), isNull(authorStates.warningSeenAt)))
      .returning();
    for (const s of claimed) if (s.warning) notices.push({ type: 'warning', note: s.warning });
  }
  return notices;
}
