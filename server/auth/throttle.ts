// Login throttling kept in the database (login_attempts), so every server process counts together.
import { inArray, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { loginAttempts } from '../db/schema.js';

export const LOGIN_THROTTLE = {
  /** Failures within the window that lock the key. */
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
} as const;

/** The throttle keys for one login attempt: the account and the client's IP hash. */
export function loginKeys(email: string, ipHash: string): string[] {
  return [`email:${email}`, `ip:${ipHash}`];
}

/** Seconds until every given key is unlocked; 0 when none is locked. */
export async function lockedFor(db: Queryable, keys: string[], now: Date): Promise<number> {
  const rows = await db
    .select({ lockedUntil: loginAttempts.lockedUntil })
    .from(loginAttempts)
    .where(inArray(loginAttempts.key, keys));
  let ms = 0;
  for (const r of rows) {
    if (r.lockedUntil) ms = Math.max(ms, r.lockedUntil.getTime() - now.getTime());
  }
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * Counts one failure against each key in a single upsert per key: a window that has passed (or a
 * lock that has ended) starts a fresh count; reaching maxFailures sets the lock.
 */
export async function recordFailure(db: Queryable, keys: string[], now: Date): Promise<void> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - LOGIN_THROTTLE.windowMs).toISOString();
  const lockUntil = new Date(now.getTime() + LOGIN_THROTTLE.lockMs).toISOString();
  const first = LOGIN_THROTTLE.maxFailures <= 1 ? sql`${lockUntil}::timestamptz` : sql`null`;
  for (const key of keys) {
    const fresh = sql`(login_attempts.window_start <= ${windowStart}::timestamptz or (login_attempts.locked_until is not null and login_attempts.locked_until <= ${at}::timestamptz))`;
    await db.execute(sql`
      insert into login_attempts (key, failures, window_start, locked_until)
      values (${key}, 1, ${at}::timestamptz, ${first})
      on conflict (key) do update set
        failures = case when ${fresh} then 1 else login_attempts.failures + 1 end,
        window_start = case when ${fresh} then ${at}::timestamptz else login_attempts.window_start end,
        locked_until = case
          when ${fresh} then ${first}
          when login_attempts.failures + 1 >= ${LOGIN_THROTTLE.maxFailures} then ${lockUntil}::timestamptz
          else login_attempts.locked_until
        end`);
  }
}

/** Forgets an account's failures after a successful login (the IP's count stays, so a valid login cannot reset it). */
export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}
