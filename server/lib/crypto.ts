// Keyed hashes and signed tokens derived from the server secret; raw IPs and tokens are never stored.
import { createHash, createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Hasher {
  /** Keyed hash of an IP address (stable per secret, not reversible without it). */
  hashIp(ip: string): string;
  /** Keyed hash of a bearer token (author tokens, session tokens). */
  hashToken(token: string): string;
  /** HMAC signature, base64url. */
  sign(value: string): string;
  verify(value: string, signature: string): boolean;
}

export function createHasher(secret: string): Hasher {
  // The key is prepared once: given as a string, createHmac converts it on every call, which was
  // most of what hashing an address cost. One update of "purpose NUL value" hashes the same bytes.
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const mac = (purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url');
  return {
    hashIp: (ip) => mac('ip', ip).slice(0, 32),
    hashToken: (token) => mac('token', token),
    sign: (value) => mac('sign', value),
    verify(value, signature) {
      const expected = Buffer.from(mac('sign', value));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/** A random URL-safe token with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
