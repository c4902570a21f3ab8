// Password hashing with argon2id, and a constant-cost check for accounts that do not exist.
import { hash, verify } from '@node-rs/argon2';
import { randomToken } from '../lib/crypto.js';

/** Shortest password accepted anywhere (API, CLI, PARLEY_ADMIN_PASSWORD); NIST SP 800-63B's floor. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

// @node-rs/argon2's default algorithm is argon2id (m=19456 KiB, t=2, p=1: OWASP's first recommended
// setting). Its Algorithm type is a const enum, which isolatedModules cannot reference, so the
// default is relied upon and a test checks that hashes start with $argon2id$.

/** Hashes a password for storage (PHC string, argon2id). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown account) it verifies against a
 * throwaway hash so the answer takes as long as for a real account.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hash(randomToken(16));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    // A malformed stored hash must not become a 500 on the login form.
    return false;
  }
}
