// Admin management of moderator accounts: list, create, assign to sites, disable, reset passwords.
import { eq } from 'drizzle-orm';
import { moderators } from '../db/schema.js';
import {
  countActiveAdmins,
  createAccount,
  findModeratorById,
  findSiteSlugsByModerator,
  listModerators as selectModerators,
  passwordProblem,
  resolveSiteSlugs,
  setModeratorSites,
  type Role,
} from '../auth/accounts.js';
import type { AdminAuth } from '../auth/middleware.js';
import { hashPassword } from '../auth/passwords.js';
import { deleteModeratorSessions } from '../auth/sessions.js';
import { clearAccountThrottle, findAccountFailures } from '../auth/throttle.js';
import { insertAudit } from '../comments/store.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { requireAdmin } from './access.js';
import { toModeratorAccount, type ModeratorAccount } from './dto.js';

type Deps = Pick<AppDeps, 'db' | 'now'>;

async function accountOut(deps: Deps, id: number): Promise<ModeratorAccount> {
  const row = await findModeratorById(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such moderator.');
  const slugs = await findSiteSlugsByModerator(deps.db, [id]);
  const failures = await findAccountFailures(deps.db, [row.email], deps.now());
  return toModeratorAccount(row, slugs.get(id) ?? [], failures.get(row.email));
}

export async function listAccounts(deps: Deps, auth: AdminAuth): Promise<ModeratorAccount[]> {
  requireAdmin(auth);
  const rows = await selectModerators(deps.db);
  const slugs = await findSiteSlugsByModerator(deps.db, rows.map((r) => r.id));
  const failures = await findAccountFailures(deps.db, rows.map((r) => r.email), deps.now());
  return rows.map((r) => toModeratorAccount(r, slugs.get(r.id) ?? [], failures.get(r.email)));
}

/** An admin clears an account's login throttling (its locks from every address and its slow-down). Audited. */
export async function clearLoginThrottle(deps: Deps, auth: AdminAuth, id: number): Promise<{ moderator: ModeratorAccount; cleared: number }> {
  requireAdmin(auth);
  const row = await findModeratorById(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such moderator.');
  const cleared = await deps.db.transaction(async (tx) => {
    const n = await clearAccountThrottle(tx, row.email);
    await insertAudit(tx, { siteId: null, actorType: 'moderator', actorId: auth.moderator.id, action: 'moderator.update', note: `${row.email}: login throttling cleared` });
    return n;
  });
  return { moderator: await accountOut(deps, id), cleared };
}

export interface AccountCreate {
  email: string;
  name: string;
  password: string;
  role: Role;
  locale?: string;
  sites: string[];
}

export async function createModerator(deps: Deps, auth: AdminAuth, input: AccountCreate): Promise<ModeratorAccount> {
  requireAdmin(auth);
  const id = await deps.db.transaction(async (tx) => {
    const row = await createAccount(tx, input);
    await insertAudit(tx, {
      siteId: null,
      actorType: 'moderator',
      actorId: auth.moderator.id,
      action: 'moderator.create',
      note: `created ${row.email} (${row.role}${input.role === 'moderator' && input.sites.length ? `: ${input.sites.join(', ')}` : ''})`,
    });
    return row.id;
  });
  return accountOut(deps, id);
}

export interface AccountPatch {
  name?: string;
  role?: Role;
  locale?: string;
  sites?: string[];
  disabled?: boolean;
  password?: string;
}

/**
 * Edits an account. Disabling it, changing its password or role ends its sessions. The last active
 * admin cannot be disabled or demoted: nobody could manage Parley afterwards.
 */
export async function updateModerator(deps: Deps, auth: AdminAuth, id: number, patch: AccountPatch): Promise<ModeratorAccount> {
  requireAdmin(auth);
  if (patch.password !== undefined) {
    const problem = passwordProblem(patch.password);
    if (problem) throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: [{ field: 'password', code: 'invalid', message: problem }] });
  }
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(moderators).where(eq(moderators.id, id)).limit(1).for('update');
    if (!current) throw new AppError('NOT_FOUND', 'No such moderator.');
    const losesAdmin = current.role === 'admin' && current.disabledAt === null && (patch.disabled === true || patch.role === 'moderator');
    if (losesAdmin && (await countActiveAdmins(tx, current.id)) === 0) {
      throw new AppError('CONFLICT', 'This is the last active admin; make another admin first.');
    }
    const siteIds = patch.sites === undefined ? undefined : await resolveSiteSlugs(tx, patch.sites);
    const disabledAt = patch.disabled === undefined ? undefined : patch.disabled ? (current.disabledAt ?? deps.now()) : null;
    const columns = {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(disabledAt !== undefined ? { disabledAt } : {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
    };
    // drizzle refuses an UPDATE with nothing to set (a patch of only `sites`).
    if (Object.keys(columns).length > 0) await tx.update(moderators).set(columns).where(eq(moderators.id, id));
    if (siteIds !== undefined) await setModeratorSites(tx, id, siteIds);
    const endsSessions = patch.disabled === true || passwordHash !== undefined || (patch.role !== undefined && patch.role !== current.role);
    if (endsSessions) await deleteModeratorSessions(tx, id, id === auth.moderator.id ? auth.tokenHash : undefined);
    const changed = (['name', 'role', 'locale', 'sites', 'disabled', 'password'] as const)
      .filter((k) => patch[k] !== undefined)
      .map((k) => (k === 'disabled' ? (patch.disabled ? 'disabled' : 'enabled') : k === 'sites' ? `sites=${patch.sites!.join(',') || '(none)'}` : k));
    await insertAudit(tx, {
      siteId: null,
      actorType: 'moderator',
      actorId: auth.moderator.id,
      action: 'moderator.update',
      note: `${current.email}: ${changed.join(', ') || 'no changes'}`,
    });
  });
  return accountOut(deps, id);
}
