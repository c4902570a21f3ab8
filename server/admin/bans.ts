// Bans by email, email domain or IP hash, per site; the moderation pipeline reads the bans table.
import { and, desc, eq, gt, inArray, isNull, like, or, type SQL } from 'drizzle-orm';
import { bans, comments } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { isValidEmail, normalizeEmail } from '../auth/accounts.js';
import { changeCommentStatus } from '../comments/status.js';
import { insertAudit } from '../comments/store.js';
import type { AppDeps } from '../deps.js';
import { makeReason, type StoredReason } from '../moderation/reasons.js';
import { AppError, type FieldError } from '../errors.js';
import { canSeeSite, requireVisibleSite, scopeSiteIds, siteSlugs } from './access.js';
import type { BanOut } from './dto.js';

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

function toBan(row: BanRow, slug: string): BanOut {
  return {
    id: row.id,
    site: slug,
    kind: (BAN_KINDS as readonly string[]).includes(row.kind) ? (row.kind as BanKind) : 'email',
    value: shownValue(row.kind, row.value),
    reason: row.reason,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Bans still in force on the caller's sites (or one of them), newest first. */
export async function listBans(deps: Deps, auth: AdminAuth, slug: string | undefined): Promise<BanOut[]> {
  const siteIds = await scopeSiteIds(deps, auth, slug);
  if (siteIds !== null && siteIds.length === 0) return [];
  const rows = await deps.db
    .select()
    .from(bans)
    .where(and(siteIds === null ? undefined : inArray(bans.siteId, siteIds), or(isNull(bans.expiresAt), gt(bans.expiresAt, deps.now()))))
    .orderBy(desc(bans.id))
    .limit(1000);
  const slugs = await siteSlugs(deps.db, rows.map((r) => r.siteId));
  return rows.map((r) => toBan(r, slugs.get(r.siteId) ?? ''));
}

export interface BanInput {
  site: string;
  commentId?: number;
  email?: string;
  ipHash?: string;
  domain?: string;
  reason?: string;
  expiresAt?: string;
  rejectPending?: boolean;
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
export async function createBans(deps: Deps, auth: AdminAuth, input: BanInput): Promise<{ bans: BanOut[]; rejected: number }> {
  const site = await requireVisibleSite(deps, auth, input.site);
  const targets = new Map<string, { kind: BanKind; value: string }>();
  const add = (kind: BanKind, value: string) => targets.set(`${kind}:${value}`, { kind, value });
  const fields: FieldError[] = [];

  if (input.commentId !== undefined) {
    const [comment] = await deps.db.select().from(comments).where(eq(comments.id, input.commentId)).limit(1);
    if (!comment || comment.siteId !== site.id || !canSeeSite(auth, comment.siteId)) {
      throw new AppError('COMMENT_NOT_FOUND', 'No such comment on this site.');
    }
    if (comment.authorEmail) add('email', comment.authorEmail);
    if (comment.ipHash) add('ip', comment.ipHash);
    if (!comment.authorEmail && !comment.ipHash) {
      fields.push({ field: 'commentId', code: 'invalid', message: 'This comment has no email or IP hash left to ban.' });
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
    expiresAt = new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime()) || expiresAt <= deps.now()) {
      fields.push({ field: 'expiresAt', code: 'invalid', message: 'The expiry must be a date in the future.' });
    }
  }
  if (fields.length === 0 && targets.size === 0) {
    fields.push({ field: '(body)', code: 'required', message: 'Give a comment, an email, an IP hash or a domain to ban.' });
  }
  if (fields.length > 0) throw invalid(fields);

  const reason = input.reason?.trim() || null;
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .insert(bans)
      .values([...targets.values()].map((t) => ({ siteId: site.id, kind: t.kind, value: t.value, reason, expiresAt, createdBy: auth.moderator.id })))
      .returning();
    await insertAudit(
      tx,
      rows.map((b) => ({
        siteId: site.id,
        commentId: input.commentId ?? null,
        actorType: 'moderator' as const,
        actorId: auth.moderator.id,
        action: 'ban',
        reasons: [banReason(b.kind, b.value, expiresAt)],
        note: reason,
      })),
    );
    let rejected = 0;
    if (input.rejectPending) {
      const matches: SQL[] = [];
      for (const t of targets.values()) {
        if (t.kind === 'email') matches.push(eq(comments.authorEmail, t.value));
        if (t.kind === 'ip') matches.push(eq(comments.ipHash, t.value));
        if (t.kind === 'domain') matches.push(like(comments.authorEmail, `%@${t.value}`));
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
        });
        if (changed) rejected++;
      }
    }
    return { bans: rows.map((r) => toBan(r, site.slug)), rejected };
  });
}

/** Lifts a ban; a ban on a site the caller cannot see is "not found". */
export async function deleteBan(deps: Deps, auth: AdminAuth, id: number): Promise<void> {
  const [row] = await deps.db.select().from(bans).where(eq(bans.id, id)).limit(1);
  if (!row || !canSeeSite(auth, row.siteId)) throw new AppError('NOT_FOUND', 'No such ban.');
  await deps.db.transaction(async (tx) => {
    await tx.delete(bans).where(eq(bans.id, id));
    await insertAudit(tx, {
      siteId: row.siteId,
      actorType: 'moderator',
      actorId: auth.moderator.id,
      action: 'unban',
      reasons: [banReason(row.kind, row.value, null)],
      note: row.reason,
    });
  });
}
