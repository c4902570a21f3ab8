// The login check: throttle, verify, start a session. Unknown email and wrong password look the same.
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { moderators } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { findModeratorByEmail, normalizeEmail, type ModeratorRow } from './accounts.js';
import { verifyPassword } from './passwords.js';
import { createSession, type NewSession } from './sessions.js';
import { accountDelayMs, clearFailures, loginKeys, recordFailure, throttleState } from './throttle.js';

type Deps = Pick<AppDeps, 'db' | 'hasher' | 'config' | 'now' | 'logger'>;

export interface LoginRequest {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
}

export interface LoginResult extends NewSession {
  moderator: ModeratorRow;
}

const invalid = () => new AppError('INVALID_CREDENTIALS', 'The email or password is not right.');

export async function login(deps: Deps, req: LoginRequest): Promise<LoginResult> {
  const email = normalizeEmail(req.email);
  const ipHash = deps.hasher.hashIp(req.ip);
  const keys = loginKeys(email, ipHash);
  const now = deps.now();
  const state = await throttleState(deps.db, keys, now);
  if (state.lockedFor > 0) {
    throw new AppError('LOGIN_LOCKED', 'Too many failed logins. Try again later.', { retryAfter: state.lockedFor });
  }
  // Guesses from anywhere slow the account down, for everyone, but never lock its owner out.
  const delay = accountDelayMs(state.accountFailures);
  if (delay > 0) await sleep(delay);
  const moderator = email.length <= 254 ? await findModeratorByEmail(deps.db, email) : null;
  const ok = await verifyPassword(moderator?.passwordHash ?? null, req.password);
  if (!moderator || !ok) {
    await recordFailure(deps.db, keys, now);
    deps.logger.info({ moderatorId: moderator?.id ?? null }, 'admin login failed');
    throw invalid();
  }
  // Only someone holding the password learns that the account is disabled.
  if (moderator.disabledAt !== null) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
  await clearFailures(deps.db, keys);
  await deps.db.update(moderators).set({ lastLoginAt: now }).where(eq(moderators.id, moderator.id));
  const session = await createSession(deps, moderator.id, { ipHash, userAgent: req.userAgent ?? null });
  deps.logger.info({ moderatorId: moderator.id }, 'admin login');
  return { ...session, moderator };
}
