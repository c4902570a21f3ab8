// First start: make sure someone can log in. The generated password is shown once and never logged.
import { eq } from 'drizzle-orm';
import { moderators } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { randomToken } from '../lib/crypto.js';
import { createAccount, normalizeEmail } from './accounts.js';

const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

/**
 * Creates the first admin when there is none, from PARLEY_ADMIN_EMAIL / PARLEY_ADMIN_PASSWORD or
 * admin@localhost with a random password. Returns the lines to print (undefined when nothing was
 * created, including when another process created it first).
 */
export async function ensureFirstAdmin(
  deps: Pick<AppDeps, 'db' | 'config' | 'logger'>,
  options: { adminUrl?: string; progress?: (line: string) => void } = {},
): Promise<string[] | undefined> {
  const [existing] = await deps.db.select({ id: moderators.id }).from(moderators).where(eq(moderators.role, 'admin')).limit(1);
  if (existing) return undefined;
  const email = normalizeEmail(deps.config.PARLEY_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL);
  const generated = deps.config.PARLEY_ADMIN_PASSWORD === undefined;
  const password = deps.config.PARLEY_ADMIN_PASSWORD ?? randomToken(15);
  options.progress?.('creating the first admin account…');
  try {
    await createAccount(deps.db, { email, name: 'Admin', password, role: 'admin' });
  } catch (err) {
    // Another process won the race, or the address belongs to an existing moderator.
    if (err instanceof AppError && err.code === 'CONFLICT') {
      deps.logger.warn('first admin not created: the email is already taken; use `npm run admin -- create`');
      return undefined;
    }
    throw err;
  }
  deps.logger.info('first admin account created');
  const url = options.adminUrl ?? `${deps.config.publicUrl}/admin`;
  return generated
    ? [`  first admin:   log in at ${url} as ${email} with password ${password}`, '                 (shown only once: change it with `npm run admin -- set-password`)']
    : [`  first admin:   log in at ${url} as ${email} with the password from PARLEY_ADMIN_PASSWORD`];
}
