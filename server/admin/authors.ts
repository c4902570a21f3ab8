// One author on one site, as moderators see them: every comment in every status, counts, first and
// last seen, bans and the desk's own decisions (always hold, trust, suspension, warning); and the
// actions that change those decisions, each audited and undoable.
import { and, desc, eq, gt, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { auditLog, authorStates, bans, comments, moderators } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { isValidEmail, normalizeEmail } from '../auth/accounts.js';
import { authorKeyOf, emailOfKey } from '../comments/author-key.js';
import { emailDomains, insertAudit } from '../comments/store.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { requireVisibleSite, siteSlugs } from './access.js';
import { toModeratorComment, type AuthorSummaryOut, type BanOut, type ModeratorComment } from './dto.js';
import { ADDRESS_WINDOW_DAYS, countAddressAuthors } from './bans.js';
import { requireVisibleComment, selectWithContext } from './queue.js';
import { authorState, newBatch, writeAuthorState, type AuthorState } from './undo.js';

type Deps = Pick<AppDeps, 'db' | 'bus' | 'siteCache' | 'now'>;

export const AUTHOR_ACTIONS = ['hold', 'trust', 'normal', 'suspend', 'unsuspend', 'warn'] as const;
export type AuthorAction = (typeof AUTHOR_ACTIONS)[number];
export const AUTHOR_PAGE = 50;

/** Who an author request is about: the writer of a comment, or an email on a site. */
export type AuthorRef = { comment: number } | { site: string; email: string };

interface ResolvedAuthor {
  siteId: number;
  siteSlug: string;
  key: string;
  email: string | null;
  sourceCommentId: number | null;
}

async function resolveAuthor(deps: Deps, auth: AdminAuth, ref: AuthorRef): Promise<ResolvedAuthor> {
  if ('comment' in ref) {
    const row = await requireVisibleComment(deps, auth, ref.comment);
    const key = authorKeyOf(row.comment);
    if (!key) throw new AppError('NOT_FOUND', 'This comment has no author left to look up (erased).');
    return { siteId: row.comment.siteId, siteSlug: row.siteSlug, key, email: row.comment.authorEmail, sourceCommentId: row.comment.id };
  }
  const site = await requireVisibleSite(deps, auth, ref.site);
  const email = normalizeEmail(ref.email);
  if (!isValidEmail(email)) {
    throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: [{ field: 'email', code: 'invalid', message: 'Enter a valid email address.' }] });
  }
  return { siteId: site.id, siteSlug: site.slug, key: `e:${email}`, email, sourceCommentId: null };
}

/** The comments an author key stands for: the email's, or (token key) the token's comments without an email. */
export function authorCondition(key: string): SQL {
  const email = emailOfKey(key);
  if (email !== null) return eq(comments.authorEmail, email);
  return and(eq(comments.authorTokenHash, key.slice(2)), isNull(comments.authorEmail))!;
}

export interface AuthorStateOut {
  mode: 'hold' | 'trust' | null;
  suspendedUntil: string | null;
  suspensionMessage: string | null;
  warning: string | null;
  warnedAt: string | null;
  warningSeenAt: string | null;
}

function toStateOut(state: AuthorState | null, now: Date): AuthorStateOut {
  const suspended = state?.suspendedUntil && Date.parse(state.suspendedUntil) > now.getTime() ? state.suspendedUntil : null;
  return {
    mode: state?.mode === 'hold' || state?.mode === 'trust' ? state.mode : null,
    suspendedUntil: suspended,
    suspensionMessage: suspended ? (state?.suspensionMessage ?? null) : null,
    warning: state?.warning ?? null,
    warnedAt: state?.warnedAt ?? null,
    warningSeenAt: state?.warningSeenAt ?? null,
  };
}

/** Counts per status, first and last comment, for some author keys on one site. */
export async function findAuthorSummaries(db: Queryable, siteId: number, keys: string[], now: Date): Promise<Map<string, AuthorSummaryOut>> {
  const out = new Map<string, AuthorSummaryOut>();
  const unique = [...new Set(keys)];
  if (unique.length === 0) return out;
  const emails = unique.map(emailOfKey).filter((e): e is string => e !== null);
  const tokens = unique.filter((k) => k.startsWith('t:')).map((k) => k.slice(2));
  const keyExpr = sql<string>`case when ${comments.authorEmail} is not null then 'e:' || ${comments.authorEmail} else 't:' || ${comments.authorTokenHash} end`;
  const rows = await db
    .select({
      key: keyExpr,
      status: comments.status,
      n: sql<number>`count(*)::int`,
      first: sql<string>`min(${comments.createdAt})::text`,
      last: sql<string>`max(${comments.createdAt})::text`,
    })
    .from(comments)
    .where(
      and(
        eq(comments.siteId, siteId),
        or(
          emails.length ? inArray(comments.authorEmail, emails) : undefined,
          tokens.length ? and(inArray(comments.authorTokenHash, tokens), isNull(comments.authorEmail)) : undefined,
        ),
      ),
    )
    .groupBy(keyExpr, comments.status);
  const states = await db
    .select()
    .from(authorStates)
    .where(and(eq(authorStates.siteId, siteId), inArray(authorStates.authorKey, unique)));
  const stateByKey = new Map(states.map((s) => [s.authorKey, authorState(s)]));
  for (const key of unique) {
    const state = toStateOut(stateByKey.get(key) ?? null, now);
    out.set(key, {
      counts: { approved: 0, pending: 0, rejected: 0, spam: 0, deleted: 0 },
      firstSeen: null,
      lastSeen: null,
      mode: state.mode,
      suspendedUntil: state.suspendedUntil,
      warned: state.warning !== null && state.warningSeenAt === null,
    });
  }
  const toIso = (t: string) => new Date(t.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();
  for (const r of rows) {
    const s = out.get(r.key);
    if (!s) continue;
    if (r.status in s.counts) s.counts[r.status as keyof AuthorSummaryOut['counts']] = Number(r.n);
    const first = toIso(r.first);
    const last = toIso(r.last);
    if (!s.firstSeen || first < s.firstSeen) s.firstSeen = first;
    if (!s.lastSeen || last > s.lastSeen) s.lastSeen = last;
  }
  return out;
}

export interface AuthorView {
  author: {
    site: string;
    email: string | null;
    names: string[];
    summary: AuthorSummaryOut;
    /** Other authors who used this author's latest address in the last 30 days. */
    sharedAddress: number;
  };
  state: AuthorStateOut;
  bans: BanOut[];
  history: Array<{ id: number; action: string; by: string | null; note: string | null; createdAt: string; details: Record<string, unknown> | null }>;
  comments: ModeratorComment[];
  nextCursor: string | null;
}

/** The author view: their comments (newest first, paged by id), counts, state, bans and history. */
export async function getAuthor(deps: Deps, auth: AdminAuth, ref: AuthorRef, cursor?: number): Promise<AuthorView> {
  const a = await resolveAuthor(deps, auth, ref);
  const now = deps.now();
  const rows = await selectWithContext(deps.db)
    .where(and(eq(comments.siteId, a.siteId), authorCondition(a.key), cursor === undefined ? undefined : lt(comments.id, cursor)))
    .orderBy(desc(comments.id))
    .limit(AUTHOR_PAGE + 1);
  const page = rows.slice(0, AUTHOR_PAGE);
  const summary = (await findAuthorSummaries(deps.db, a.siteId, [a.key], now)).get(a.key)!;
  const [state] = await deps.db
    .select()
    .from(authorStates)
    .where(and(eq(authorStates.siteId, a.siteId), eq(authorStates.authorKey, a.key)));
  const nameRows = await deps.db
    .selectDistinct({ name: comments.authorName })
    .from(comments)
    .where(and(eq(comments.siteId, a.siteId), authorCondition(a.key)))
    .limit(10);
  // Addresses this author wrote from (the latest first), for IP bans that reach them.
  const ipRows = await deps.db
    .select({ ipHash: comments.ipHash, at: sql<string>`max(${comments.createdAt})` })
    .from(comments)
    .where(and(eq(comments.siteId, a.siteId), authorCondition(a.key), sql`${comments.ipHash} is not null`))
    .groupBy(comments.ipHash)
    .orderBy(desc(sql`max(${comments.createdAt})`))
    .limit(20);
  const ips = ipRows.map((r) => r.ipHash!).filter(Boolean);
  const since = new Date(now.getTime() - ADDRESS_WINDOW_DAYS * 86_400_000);
  const addressAuthors = await countAddressAuthors(deps.db, a.siteId, ips, since);
  const domains = a.email ? emailDomains(a.email) : [];
  const banRows = await deps.db
    .select({ ban: bans, byName: moderators.name, byEmail: moderators.email })
    .from(bans)
    .leftJoin(moderators, eq(moderators.id, bans.createdBy))
    .where(
      and(
        eq(bans.siteId, a.siteId),
        or(isNull(bans.expiresAt), gt(bans.expiresAt, now)),
        or(
          a.email ? and(eq(bans.kind, 'email'), eq(bans.value, a.email)) : undefined,
          domains.length ? and(eq(bans.kind, 'domain'), inArray(bans.value, domains)) : undefined,
          ips.length ? and(eq(bans.kind, 'ip'), inArray(bans.value, ips)) : undefined,
        ),
      ),
    )
    .orderBy(desc(bans.id));
  const history = await deps.db
    .select({ entry: auditLog, byEmail: moderators.email, byName: moderators.name })
    .from(auditLog)
    .leftJoin(moderators, and(eq(auditLog.actorType, 'moderator'), eq(moderators.id, auditLog.actorId)))
    .where(
      and(
        eq(auditLog.siteId, a.siteId),
        eq(auditLog.authorKey, a.key),
        or(like(auditLog.action, 'author.%'), inArray(auditLog.action, ['ban', 'unban']), and(eq(auditLog.action, 'undo'), or(like(auditLog.note, 'author.%'), inArray(auditLog.note, ['ban', 'unban'])))),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(30);
  const slug = (await siteSlugs(deps.db, [a.siteId])).get(a.siteId) ?? a.siteSlug;
  return {
    author: {
      site: slug,
      email: a.email,
      names: nameRows.map((r) => r.name).filter(Boolean),
      summary,
      sharedAddress: Math.max(0, (ips[0] ? (addressAuthors.get(ips[0]) ?? 1) : 1) - 1),
    },
    state: toStateOut(authorState(state), now),
    bans: banRows.map((r) => ({
      id: r.ban.id,
      site: slug,
      kind: r.ban.kind === 'ip' ? 'ip' : r.ban.kind === 'domain' ? 'domain' : 'email',
      value: r.ban.kind === 'ip' ? r.ban.value.slice(0, 12) : r.ban.value,
      ...(r.ban.kind === 'ip' ? { addressAuthors: addressAuthors.get(r.ban.value) ?? 0 } : {}),
      reason: r.ban.reason,
      message: r.ban.message,
      by: r.byEmail === null ? null : { name: r.byName ?? '', email: r.byEmail },
      expiresAt: r.ban.expiresAt?.toISOString() ?? null,
      createdAt: r.ban.createdAt.toISOString(),
    })),
    history: history.map(({ entry, byName, byEmail }) => ({
      id: entry.id,
      action: entry.action,
      by: byName || byEmail || null,
      note: entry.note,
      createdAt: entry.createdAt.toISOString(),
      details: entry.action === 'undo' ? { undoes: entry.note } : null,
    })),
    comments: page.map((r) => toModeratorComment(r)),
    nextCursor: rows.length > AUTHOR_PAGE ? String(page[page.length - 1]!.comment.id) : null,
  };
}

export interface AuthorActionInput {
  action: AuthorAction;
  /** suspend: how long. */
  days?: number;
  /** suspend and warn: what the author is told. */
  message?: string;
}

const MAX_SUSPEND_DAYS = 365;

/** Changes the desk's decisions about an author; answers the new state and the batch that undoes it. */
export async function actOnAuthor(deps: Deps, auth: AdminAuth, ref: AuthorRef, input: AuthorActionInput): Promise<{ state: AuthorStateOut; undo: string | null }> {
  const a = await resolveAuthor(deps, auth, ref);
  const now = deps.now();
  const message = input.message?.trim() || null;
  const invalid = (field: string, text: string) =>
    new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: [{ field, code: 'invalid', message: text }] });
  if (input.action === 'suspend' && (!input.days || input.days < 1 || input.days > MAX_SUSPEND_DAYS)) {
    throw invalid('days', `Suspend for 1 to ${MAX_SUSPEND_DAYS} days.`);
  }
  if (input.action === 'warn' && !message) throw invalid('message', 'Write the warning the author will see.');
  const batch = newBatch();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(authorStates)
      .where(and(eq(authorStates.siteId, a.siteId), eq(authorStates.authorKey, a.key)))
      .for('update');
    const before = authorState(row);
    const base: AuthorState = before ?? { mode: null, suspendedUntil: null, suspensionMessage: null, warning: null, warnedAt: null, warningSeenAt: null };
    const next: AuthorState = { ...base };
    switch (input.action) {
      case 'hold':
      case 'trust':
        next.mode = input.action;
        break;
      case 'normal':
        next.mode = null;
        break;
      case 'suspend':
        next.suspendedUntil = new Date(now.getTime() + input.days! * 86_400_000).toISOString();
        next.suspensionMessage = message;
        break;
      case 'unsuspend':
        next.suspendedUntil = null;
        next.suspensionMessage = null;
        break;
      case 'warn':
        next.warning = message;
        next.warnedAt = now.toISOString();
        next.warningSeenAt = null;
        break;
    }
    const empty = Object.values(next).every((v) => v === null);
    const after = empty ? null : next;
    if (JSON.stringify(after) === JSON.stringify(before)) return { state: toStateOut(before, now), undo: null };
    const written = await writeAuthorState(tx, a.siteId, a.key, after, auth.moderator.id);
    const stored = authorState(written);
    await insertAudit(tx, {
      siteId: a.siteId,
      commentId: a.sourceCommentId,
      actorType: 'moderator',
      actorId: auth.moderator.id,
      action: `author.${input.action}`,
      note: message,
      authorKey: a.key,
      batch,
      details: { kind: 'author', before, after: stored, ...(input.days ? { days: input.days } : {}) },
    });
    return { state: toStateOut(stored, now), undo: batch };
  });
}

/** Adds each comment's author summary (one query per site on the page, plus one for token-only authors). */
export async function attachAuthorSummaries(db: Queryable, list: ModeratorComment[], now: Date): Promise<ModeratorComment[]> {
  const tokenOnly = list.filter((c) => !c.authorEmail).map((c) => c.id);
  const tokens = new Map<number, string | null>();
  if (tokenOnly.length) {
    const rows = await db.select({ id: comments.id, hash: comments.authorTokenHash, siteId: comments.siteId }).from(comments).where(inArray(comments.id, tokenOnly));
    for (const r of rows) tokens.set(r.id, r.hash);
  }
  const keyOf = (c: ModeratorComment) => (c.authorEmail ? `e:${c.authorEmail}` : tokens.get(c.id) ? `t:${tokens.get(c.id)}` : null);
  const bySite = new Map<string, ModeratorComment[]>();
  for (const c of list) bySite.set(c.site, [...(bySite.get(c.site) ?? []), c]);
  const out = new Map<number, AuthorSummaryOut>();
  for (const [, group] of bySite) {
    const [siteRow] = await db.select({ siteId: comments.siteId }).from(comments).where(eq(comments.id, group[0]!.id));
    if (!siteRow) continue;
    const keys = group.map(keyOf).filter((k): k is string => k !== null);
    const summaries = await findAuthorSummaries(db, siteRow.siteId, keys, now);
    for (const c of group) {
      const k = keyOf(c);
      const s = k ? summaries.get(k) : undefined;
      if (s) out.set(c.id, s);
    }
  }
  return list.map((c) => (out.has(c.id) ? { ...c, author: out.get(c.id) } : c));
}
