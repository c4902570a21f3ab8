// Bans by email, email domain or IP hash, per site; the moderation pipeline reads the bans table.
import { and, desc, eq, gt, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { bans, comments, moderators } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { isValidEmail, normalizeEmail } from '../auth/accounts.js';
import { authorKeyOf } from '../comments/author-key.js';
import type { CommentRow } from '../comments/dto.js';
import { changeCommentStatus } from '../comments/status.js';
import { insertAudit } from '../comments/store.js';
import type { AppDeps } from '../deps.js';
import { makeReason, type StoredReason } from '../moderation/reasons.js';
import { AppError, type FieldError } from '../errors.js';
import { parseStorableDate } from '../lib/dates.js';
import { canSeeSite, requireVisibleSite, scopeSiteIds, siteSlugs } from './access.js';
import type { BanOut } from './dto.js';
import { banState, commentState, newBatch } from './undo.js';

type Deps = Pick<AppDeps, 'db' | 'bus' | 'siteCache' | 'now'>;

export const BAN_KINDS = ['email', 'ip', 'domain'] as const;
export type BanKind = (typeof BAN_KINDS)[number];
type BanRow = typeof bans.$inferSelect;

const DOMAIN_PATTERN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const IP_HASH_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Length of a full IP hash (see Hasher.hashIp); moderators see only the first 12 characters. */
const FULL_IP_HASH = 32;

/** IP hashes are shown by the same 12-character prefix as on comments; the full hash stays in the table. */
function shownValue(kind: string, value: string): string {
  return kind === 'ip' ? value.slice(0, 12) : value;
}

/** The audit reason for a ban or its lifting: what was banned (an IP hash shortened), until when. */
function banReason(kind: string, value: string, expiresAt: Date | null): StoredReason {
  const params = { value: shownValue(kind, value), ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) };
  return makeReason(kind === 'ip' ? 'ban-ip' : kind === 'domain' ? 'ban-domain' : 'ban-email', params);
}

/** Distinct authors (an email, or a token without one) per IP hash on a site since `since`. */
export async function countAddressAuthors(db: Queryable, siteId: number, ipHashes: string[], since: Date): Promise<Map<string, number>> {
  if (ipHashes.length === 0) return new Map();
  const rows = await db
    .select({ ipHash: comments.ipHash, n: sql<number>`count(distinct coalesce(${comments.authorEmail}, ${comments.authorTokenHash}))::int` })
    .from(comments)
    .where(and(eq(comments.siteId, siteId), inArray(comments.ipHash, ipHashes), gt(comments.createdAt, since)))
    .groupBy(comments.ipHash);
  return new Map(rows.map((r) => [r.ipHash ?? '', Number(r.n)]));
}

/** Authors other than `key`'s who commented from an address since `since`. */
export async function countOtherAddressAuthors(db: Queryable, siteId: number, ipHash: string, key: string | null, since: Date): Promise<number> {
  const authorKey = sql`case when ${comments.authorEmail} is not null then 'e:' || ${comments.authorEmail} else 't:' || ${comments.authorTokenHash} end`;
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${authorKey})::int` })
    .from(comments)
    .where(and(eq(comments.siteId, siteId), eq(comments.ipHash, ipHash), gt(comments.createdAt, since), key ? sql`${authorKey} <> ${key}` : undefined));
  return Number(row?.n ?? 0);
}

/** How far back "authors who used this address" looks. */
export const ADDRESS_WINDOW_DAYS = 30;

function toBan(row: BanRow, slug: string, by: { name: string; email: string } | undefined, authors: number | undefined): BanOut {
  return {
    id: row.id,
    site: slug,
    kind: (BAN_KINDS as readonly string[]).includes(row.kind) ? (row.kind as BanKind) : 'email',
    value: shownValue(row.kind, row.value),
    ...(row.kind === 'ip' ? { addressAuthors: authors ?? 0 } : {}),
    reason: row.reason,
    message: row.message,
    by: by ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Bans still in force on the caller's sites (or one of them), newest first, with who made them. */
export async function listBans(deps: Deps, auth: AdminAuth, slug: string | undefined): Promise<BanOut[]> {
  const siteIds = await scopeSiteIds(deps, auth, slug);
  if (siteIds !== null && siteIds.length === 0) return [];
  const rows = await deps.db
    .select({ ban: bans, byName: moderators.name, byEmail: moderators.email })
    .from(bans)
    .leftJoin(moderators, eq(moderators.id, bans.createdBy))
    .where(and(siteIds === null ? undefined : inArray(bans.siteId, siteIds), or(isNull(bans.expiresAt), gt(bans.expiresAt, deps.now()))))
    .orderBy(desc(bans.id))
    .limit(1000);
  const slugs = await siteSlugs(deps.db, rows.map((r) => r.ban.siteId));
  const since = new Date(deps.now().getTime() - ADDRESS_WINDOW_DAYS * 86_400_000);
  const authors = new Map<string, number>();
  for (const siteId of new Set(rows.filter((r) => r.ban.kind === 'ip').map((r) => r.ban.siteId))) {
    const hashes = rows.filter((r) => r.ban.kind === 'ip' && r.ban.siteId === siteId).map((r) => r.ban.value);
    for (const [hash, n] of await countAddressAuthors(deps.db, siteId, hashes, since)) authors.set(`${siteId}:${hash}`, n);
  }
  return rows.map((r) =>
    toBan(
      r.ban,
      slugs.get(r.ban.siteId) ?? '',
      r.byEmail === null ? undefined : { name: r.byName ?? '', email: r.byEmail },
      authors.get(`${r.ban.siteId}:${r.ban.value}`),
    ),
  );
}

export interface BanInput {
  site: string;
  commentId?: number;
  /** Which of the comment's identities to ban; default its email. */
  by?: ('email' | 'ip')[];
  email?: string;
  ipHash?: string;
  domain?: string;
  reason?: string;
  /** Shown to the banned author when they try to comment. */
  message?: string;
  expiresAt?: string;
  rejectPending?: boolean;
  /** Ban an address other authors used too (otherwise refused with SHARED_ADDRESS). */
  confirmShared?: boolean;
}

const invalid = (fields: FieldError[]) => new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields });

/** Resolves the shown 12-character prefix (or a full hash) to the full IP hash stored on the site's comments. */
async function resolveIpHash(deps: Deps, siteId: number, given: string): Promise<string> {
  if (given.length === FULL_IP_HASH) return given;
  const rows = await deps.db
    .selectDistinct({ ipHash: comments.ipHash })
    .from(comments)
    .where(and(eq(comments.siteId, siteId), like(comments.ipHash, `${given.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)))
    .limit(2);
  if (rows.length !== 1 || !rows[0]!.ipHash) {
    throw invalid([{ field: 'ipHash', code: 'invalid', message: 'No single sender on this site has that IP hash.' }]);
  }
  return rows[0]!.ipHash;
}

/** Creates the bans an input asks for, optionally rejecting the banned authors' held comments, in one transaction. */
export async function createBans(deps: Deps, auth: AdminAuth, input: BanInput): Promise<{ bans: BanOut[]; rejected: number; undo: string }> {
  const site = await requireVisibleSite(deps, auth, input.site);
  const targets = new Map<string, { kind: BanKind; value: string }>();
  let source: CommentRow | null = null;
  const add = (kind: BanKind, value: string) => targets.set(`${kind}:${value}`, { kind, value });
  const fields: FieldError[] = [];

  if (input.commentId !== undefined) {
    const [comment] = await deps.db.select().from(comments).where(eq(comments.id, input.commentId)).limit(1);
    if (!comment || comment.siteId !== site.id || !canSeeSite(auth, comment.siteId)) {
      throw new AppError('COMMENT_NOT_FOUND', 'No such comment on this site.');
    }
    source = comment;
    // The email by default: an address is often shared (mobile carriers, offices), so it is banned only when asked.
    const by = new Set(input.by ?? ['email']);
    if (by.has('email')) {
      if (comment.authorEmail) add('email', comment.authorEmail);
      else fields.push({ field: 'by', code: 'invalid', message: 'This comment has no email; ban its address instead.' });
    }
    if (by.has('ip')) {
      if (comment.ipHash) add('ip', comment.ipHash);
      else fields.push({ field: 'by', code: 'invalid', message: 'This comment has no address left to ban.' });
    }
  }
  if (input.email !== undefined) {
    const email = normalizeEmail(input.email);
    if (isValidEmail(email)) add('email', email);
    else fields.push({ field: 'email', code: 'invalid', message: 'Enter a valid email address.' });
  }
  if (input.domain !== undefined) {
    const domain = input.domain.trim().toLowerCase().replace(/^@/, '');
    if (DOMAIN_PATTERN.test(domain)) add('domain', domain);
    else fields.push({ field: 'domain', code: 'invalid', message: 'Enter an email domain such as example.com.' });
  }
  if (input.ipHash !== undefined) {
    if (IP_HASH_PATTERN.test(input.ipHash)) add('ip', await resolveIpHash(deps, site.id, input.ipHash));
    else fields.push({ field: 'ipHash', code: 'invalid', message: 'Use the IP hash shown with a comment.' });
  }
  let expiresAt: Date | null = null;
  if (input.expiresAt !== undefined) {
    expiresAt = parseStorableDate(input.expiresAt);
    if (expiresAt === null || expiresAt <= deps.now()) {
      fields.push({ field: 'expiresAt', code: 'invalid', message: 'The expiry must be a date in the future (before the year 10000).' });
    }
  }
  if (fields.length === 0 && targets.size === 0) {
    fields.push({ field: '(body)', code: 'required', message: 'Give a comment, an email, an IP hash or a domain to ban.' });
  }
  if (fields.length > 0) throw invalid(fields);

  // An address other authors used lately is banned only when the moderator confirms it.
  const ips = [...targets.values()].filter((t) => t.kind === 'ip').map((t) => t.value);
  if (ips.length > 0 && !input.confirmShared) {
    const since = new Date(deps.now().getTime() - ADDRESS_WINDOW_DAYS * 86_400_000);
    // Banning a comment's address: anyone but its author is one too many. A bare address: more than one author.
    const others = source
      ? await countOtherAddressAuthors(deps.db, site.id, source.ipHash ?? '', authorKeyOf(source), since)
      : Math.max(0, ...[...(await countAddressAuthors(deps.db, site.id, ips, since)).values()].map((n) => n - 1));
    if (others > 0) {
      throw new AppError('SHARED_ADDRESS', `${others} other authors used this address in the last ${ADDRESS_WINDOW_DAYS} days; confirm to ban them too.`, {
        details: { others },
      });
    }
  }

  const reason = input.reason?.trim() || null;
  const message = input.message?.trim() || null;
  const batch = newBatch();
  const authorKey = source ? authorKeyOf(source) : null;
  return deps.db.transaction(async (tx) => {
    // Banning what a ban in force already covers changes that ban (its end, message and reason) rather
    // than adding a second one that lifting the first would leave behind.
    const wanted = [...targets.values()];
    const current = await tx
      .select()
      .from(bans)
      .where(
        and(
          eq(bans.siteId, site.id),
          or(isNull(bans.expiresAt), gt(bans.expiresAt, deps.now())),
          or(...wanted.map((t) => and(eq(bans.kind, t.kind), eq(bans.value, t.value)))),
        ),
      )
      .orderBy(bans.id)
      .for('update');
    const changes: { before: BanRow | null; after: BanRow }[] = [];
    for (const t of wanted) {
      const old = current.find((b) => b.kind === t.kind && b.value === t.value);
      if (old) {
        const [row] = await tx.update(bans).set({ reason, message, expiresAt, createdBy: auth.moderator.id }).where(eq(bans.id, old.id)).returning();
        changes.push({ before: old, after: row! });
      } else {
        const [row] = await tx.insert(bans).values({ siteId: site.id, kind: t.kind, value: t.value, reason, message, expiresAt, createdBy: auth.moderator.id }).returning();
        changes.push({ before: null, after: row! });
      }
    }
    const rows = changes.map((c) => c.after);
    await insertAudit(
      tx,
      changes.map(({ before, after: b }) => ({
        siteId: site.id,
        commentId: input.commentId ?? null,
        articleId: source?.articleId ?? null,
        authorKey: b.kind === 'email' ? `e:${b.value}` : authorKey,
        actorType: 'moderator' as const,
        actorId: auth.moderator.id,
        action: 'ban',
        reasons: [banReason(b.kind, b.value, expiresAt)],
        note: reason,
        batch,
        details: { kind: 'ban', before: before && banState(before), after: banState(b) },
      })),
    );
    let rejected = 0;
    if (input.rejectPending) {
      const matches: SQL[] = [];
      for (const t of targets.values()) {
        if (t.kind === 'email') matches.push(eq(comments.authorEmail, t.value));
        if (t.kind === 'ip') matches.push(eq(comments.ipHash, t.value));
        if (t.kind === 'domain') matches.push(like(comments.authorEmail, `%@${t.value}`), like(comments.authorEmail, `%@%.${t.value}`));
      }
      const held = await tx
        .select()
        .from(comments)
        .where(and(eq(comments.siteId, site.id), eq(comments.status, 'pending'), or(...matches)))
        .for('update');
      for (const row of held) {
        const changed = await changeCommentStatus(tx, deps.bus, row, {
          to: 'rejected',
          actor: { type: 'moderator', id: auth.moderator.id },
          action: 'reject',
          reasons: [makeReason('banned', {})],
          note: reason,
          audit: { batch, details: (updated) => ({ kind: 'comment', before: commentState(row), after: commentState(updated) }) },
        });
        if (changed) rejected++;
      }
    }
    const by = { name: auth.moderator.name, email: auth.moderator.email };
    const since = new Date(deps.now().getTime() - ADDRESS_WINDOW_DAYS * 86_400_000);
    const authors = await countAddressAuthors(tx, site.id, ips, since);
    return { bans: rows.map((r) => toBan(r, site.slug, by, authors.get(r.value))), rejected, undo: batch };
  });
}

/** Lifts a ban; a ban on a site the caller cannot see is "not found". Answers the batch that undoes it. */
export async function deleteBan(deps: Deps, auth: AdminAuth, id: number): Promise<{ undo: string }> {
  const [row] = await deps.db.select().from(bans).where(eq(bans.id, id)).limit(1);
  if (!row || !canSeeSite(auth, row.siteId)) throw new AppError('NOT_FOUND', 'No such ban.');
  const batch = newBatch();
  await deps.db.transaction(async (tx) => {
    const [gone] = await tx.delete(bans).where(eq(bans.id, id)).returning();
    if (!gone) throw new AppError('NOT_FOUND', 'No such ban.');
    await insertAudit(tx, {
      siteId: row.siteId,
      actorType: 'moderator',
      actorId: auth.moderator.id,
      action: 'unban',
      reasons: [banReason(row.kind, row.value, null)],
      note: row.reason,
      authorKey: row.kind === 'email' ? `e:${row.value}` : null,
      batch,
      details: { kind: 'ban', before: banState(gone), after: null },
    });
  });
  return { undo: batch };
}
