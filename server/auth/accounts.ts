// Moderator accounts: the queries and the one create path shared by the API, the CLI and first start.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { moderatorSites, moderators, sites } from '../db/schema.js';
import { AppError } from '../errors.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';

export const ROLES = ['admin', 'moderator'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['en', 'hi'] as const;

export type ModeratorRow = typeof moderators.$inferSelect;

// Deliberately looser than z.email(): admin@localhost (the first-start default) and single-letter
// top-level domains in examples must be accepted for staff accounts.
const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Emails are compared lower-cased and trimmed everywhere (accounts, throttle keys, bans). */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_PATTERN.test(email);
}

/** A reason the password cannot be used, or null when it can. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `A password can have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}

export async function findModeratorByEmail(db: Queryable, email: string): Promise<ModeratorRow | null> {
  const [row] = await db.select().from(moderators).where(eq(moderators.email, normalizeEmail(email))).limit(1);
  return row ?? null;
}

export async function findModeratorById(db: Queryable, id: number): Promise<ModeratorRow | null> {
  const [row] = await db.select().from(moderators).where(eq(moderators.id, id)).limit(1);
  return row ?? null;
}

/** The site ids of several moderators at once (a moderator with none is absent from the map). */
export async function findSiteIdsByModerator(db: Queryable, moderatorIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (moderatorIds.length === 0) return out;
  const rows = await db
    .select({ moderatorId: moderatorSites.moderatorId, siteId: moderatorSites.siteId })
    .from(moderatorSites)
    .where(inArray(moderatorSites.moderatorId, [...moderatorIds]));
  for (const r of rows) {
    const list = out.get(r.moderatorId);
    if (list) list.push(r.siteId);
    else out.set(r.moderatorId, [r.siteId]);
  }
  return out;
}

/** Site slugs per moderator, for listings. */
export async function findSiteSlugsByModerator(db: Queryable, moderatorIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (moderatorIds.length === 0) return out;
  const rows = await db
    .select({ moderatorId: moderatorSites.moderatorId, slug: sites.slug })
    .from(moderatorSites)
    .innerJoin(sites, eq(sites.id, moderatorSites.siteId))
    .where(inArray(moderatorSites.moderatorId, moderatorIds))
    .orderBy(asc(sites.slug));
  for (const r of rows) {
    const list = out.get(r.moderatorId);
    if (list) list.push(r.slug);
    else out.set(r.moderatorId, [r.slug]);
  }
  return out;
}

export async function listModerators(db: Queryable): Promise<ModeratorRow[]> {
  return db.select().from(moderators).orderBy(asc(moderators.id));
}

/** Resolves site slugs to ids; throws VALIDATION_FAILED naming the unknown ones. */
export async function resolveSiteSlugs(db: Queryable, slugs: readonly string[], field = 'sites'): Promise<number[]> {
  const unique = [...new Set(slugs)];
  if (unique.length === 0) return [];
  const rows = await db.select({ id: sites.id, slug: sites.slug }).from(sites).where(inArray(sites.slug, unique));
  const missing = unique.filter((s) => !rows.some((r) => r.slug === s));
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', {
      fields: [{ field, code: 'invalid', message: `No such site: ${missing.slice(0, 10).join(', ')}` }],
    });
  }
  return rows.map((r) => r.id);
}

/** Replaces a moderator's site assignments. */
export async function setModeratorSites(tx: Queryable, moderatorId: number, siteIds: readonly number[]): Promise<void> {
  await tx.delete(moderatorSites).where(eq(moderatorSites.moderatorId, moderatorId));
  if (siteIds.length > 0) {
    await tx.insert(moderatorSites).values([...new Set(siteIds)].map((siteId) => ({ moderatorId, siteId })));
  }
}

export interface NewAccount {
  email: string;
  name?: string;
  password: string;
  role: Role;
  locale?: string;
  sites?: readonly string[];
}

/**
 * Validates and creates an account (password hashed, sites assigned). Throws VALIDATION_FAILED for
 * bad fields and CONFLICT when the email is taken.
 */
export async function createAccount(db: Queryable, input: NewAccount): Promise<ModeratorRow> {
  const email = normalizeEmail(input.email);
  const fields = [];
  if (!isValidEmail(email)) fields.push({ field: 'email', code: 'invalid', message: 'Enter a valid email address.' });
  const problem = passwordProblem(input.password);
  if (problem) fields.push({ field: 'password', code: 'invalid', message: problem });
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields });
  const siteIds = await resolveSiteSlugs(db, input.sites ?? []);
  const passwordHash = await hashPassword(input.password);
  const name = (input.name ?? '').trim() || email.split('@')[0]!;
  const [row] = await db
    .insert(moderators)
    .values({ email, name: name.slice(0, 80), passwordHash, role: input.role, locale: input.locale ?? 'en' })
    .onConflictDoNothing({ target: moderators.email })
    .returning();
  if (!row) throw new AppError('CONFLICT', 'An account with this email already exists.');
  if (input.role === 'moderator') await setModeratorSites(db, row.id, siteIds);
  return row;
}

/** Number of admins that can still log in, optionally not counting one account. */
export async function countActiveAdmins(db: Queryable, exceptId?: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(moderators)
    .where(and(eq(moderators.role, 'admin'), isNull(moderators.disabledAt), exceptId === undefined ? undefined : ne(moderators.id, exceptId)));
  return Number(row?.n ?? 0);
}
