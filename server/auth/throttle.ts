// Login throttling kept in the database (login_attempts), so every server process counts together.
// Three counters per attempt (issue 12, finding 6: five guesses from anywhere once locked the owner out):
// - the account from this address: locks that pair, so a stranger's guesses lock only the stranger;
// - the address across accounts: locks the address (password spraying), at a higher count;
// - the account from anywhere: never locks, only slows every login of the account (a growing delay),
//   so its owner always gets in, at worst a little later, while a distributed guesser is slowed.
import { eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { loginAttempts } from '../db/schema.js';

export const LOGIN_THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  /** Failures for one account from one address (within the window) that lock that pair. */
  maxFailures: 5,
  /** Failures from one address across accounts that lock the address. */
  maxAddressFailures: 20,
  /** Account-wide failures before logins of the account are slowed, and the delay's growth and cap. */
  accountFreeFailures: 5,
  accountDelayBaseMs: 100,
  accountDelayMaxMs: 2000,
} as const;

export interface LoginKeys {
  /** The account from this address: locks. */
  pair: string;
  /** The address across accounts: locks at a higher count. */
  address: string;
  /** The account from anywhere: slows, never locks. */
  account: string;
}

/** The throttle keys for one login attempt. */
export function loginKeys(email: string, ipHash: string): LoginKeys {
  return { pair: `pair:${ipHash}:${email}`, address: `ip:${ipHash}`, account: `email:${email}` };
}

/** The delay before answering a login of an account with `failures` recent failures from anywhere. */
export function accountDelayMs(failures: number): number {
  const over = failures - LOGIN_THROTTLE.accountFreeFailures;
  if (over < 0) return 0;
  return Math.min(LOGIN_THROTTLE.accountDelayMaxMs, LOGIN_THROTTLE.accountDelayBaseMs * 2 ** Math.min(over, 16));
}

/** Seconds until the pair and the address are both unlocked (0: neither is locked), and the account's recent failures. */
export async function throttleState(db: Queryable, keys: LoginKeys, now: Date): Promise<{ lockedFor: number; accountFailures: number }> {
  const rows = await db
    .select({ key: loginAttempts.key, failures: loginAttempts.failures, windowStart: loginAttempts.windowStart, lockedUntil: loginAttempts.lockedUntil })
    .from(loginAttempts)
    .where(inArray(loginAttempts.key, [keys.pair, keys.address, keys.account]));
  let ms = 0;
  let accountFailures = 0;
  for (const r of rows) {
    if (r.key === keys.account) {
      if (now.getTime() - r.windowStart.getTime() < LOGIN_THROTTLE.windowMs) accountFailures = r.failures;
    } else if (r.lockedUntil) {
      ms = Math.max(ms, r.lockedUntil.getTime() - now.getTime());
    }
  }
  return { lockedFor: ms > 0 ? Math.ceil(ms / 1000) : 0, accountFailures };
}

/**
 * Counts one failure against each key in a single upsert per key: a window that has passed (or a
 * lock that has ended) starts a fresh count; reaching a key's limit sets its lock (the account key
 * has none).
 */
export async function recordFailure(db: Queryable, keys: LoginKeys, now: Date): Promise<void> {
  await countFailure(db, keys.pair, LOGIN_THROTTLE.maxFailures, now);
  await countFailure(db, keys.address, LOGIN_THROTTLE.maxAddressFailures, now);
  await countFailure(db, keys.account, null, now);
}

async function countFailure(db: Queryable, key: string, limit: number | null, now: Date): Promise<void> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - LOGIN_THROTTLE.windowMs).toISOString();
  const lockUntil = sql`${new Date(now.getTime() + LOGIN_THROTTLE.lockMs).toISOString()}::timestamptz`;
  const first = limit !== null && limit <= 1 ? lockUntil : sql`null`;
  const reached = limit === null ? sql`false` : sql`login_attempts.failures + 1 >= ${limit}`;
  const fresh = sql`(login_attempts.window_start <= ${windowStart}::timestamptz or (login_attempts.locked_until is not null and login_attempts.locked_until <= ${at}::timestamptz))`;
  await db.execute(sql`
    insert into login_attempts (key, failures, window_start, locked_until)
    values (${key}, 1, ${at}::timestamptz, ${first})
    on conflict (key) do update set
      failures = case when ${fresh} then 1 else login_attempts.failures + 1 end,
      window_start = case when ${fresh} then ${at}::timestamptz else login_attempts.window_start end,
      locked_until = case
        when ${fresh} then ${first}
        when ${reached} then ${lockUntil}
        else login_attempts.locked_until
      end`);
}

/** Forgets an account's failures (its own and from the address) after a successful login; the address's count stays, so a valid login cannot reset it. */
export async function clearFailures(db: Queryable, keys: LoginKeys): Promise<void> {
  await db.delete(loginAttempts).where(inArray(loginAttempts.key, [keys.pair, keys.account]));
}

/** An admin's reset: every lock and count of the account, from every address. Returns how many counters went. */
export async function clearAccountThrottle(db: Queryable, email: string): Promise<number> {
  const escaped = email.replace(/[\\%_]/g, (c) => `\\${c}`);
  const gone = await db
    .delete(loginAttempts)
    .where(or(eq(loginAttempts.key, `email:${email}`), like(loginAttempts.key, `pair:%:${escaped}`)))
    .returning({ key: loginAttempts.key });
  return gone.length;
}

/** Recent account-wide failed logins per email (within the window), for the admin view. */
export async function findAccountFailures(db: Queryable, emails: string[], now: Date): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map();
  const rows = await db
    .select({ key: loginAttempts.key, failures: loginAttempts.failures, windowStart: loginAttempts.windowStart })
    .from(loginAttempts)
    .where(inArray(loginAttempts.key, emails.map((e) => `email:${e}`)));
  const out = new Map<string, number>();
  for (const r of rows) {
    if (now.getTime() - r.windowStart.getTime() < LOGIN_THROTTLE.windowMs) out.set(r.key.slice('email:'.length), r.failures);
  }
  return out;
}
