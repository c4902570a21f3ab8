// Signed links in emails: confirm a subscription, unsubscribe from a thread or a site, stop a
// moderator's alerts. Each token names what it acts on and carries an HMAC of it (server secret),
// so links need no stored state and cannot be forged or pointed at someone else.
import type { Hasher } from '../lib/crypto.js';

export type LinkToken =
  | { kind: 'confirm'; subscriberId: number }
  /** articleId 0: the whole site. */
  | { kind: 'unsubscribe'; subscriberId: number; articleId: number }
  | { kind: 'alerts'; moderatorId: number; siteId: number };

function parts(token: LinkToken): string[] {
  switch (token.kind) {
    case 'confirm':
      return ['c', String(token.subscriberId)];
    case 'unsubscribe':
      return ['u', String(token.subscriberId), String(token.articleId)];
    case 'alerts':
      return ['m', String(token.moderatorId), String(token.siteId)];
  }
}

export function createLinkToken(hasher: Pick<Hasher, 'sign'>, token: LinkToken): string {
  const p = parts(token);
  return `${p.join('.')}.${hasher.sign(`notify-link:${p.join(':')}`)}`;
}

/** The token's meaning, or null when it is malformed or its signature does not match. */
export function readLinkToken(hasher: Pick<Hasher, 'verify'>, raw: string): LinkToken | null {
  if (raw.length > 200) return null;
  const p = raw.split('.');
  const signature = p.pop();
  if (!signature || p.some((x, i) => (i === 0 ? !/^[cum]$/.test(x) : !/^\d{1,15}$/.test(x)))) return null;
  if (!hasher.verify(`notify-link:${p.join(':')}`, signature)) return null;
  const [kind, a, b] = p;
  if (kind === 'c' && p.length === 2) return { kind: 'confirm', subscriberId: Number(a) };
  if (kind === 'u' && p.length === 3) return { kind: 'unsubscribe', subscriberId: Number(a), articleId: Number(b) };
  if (kind === 'm' && p.length === 3) return { kind: 'alerts', moderatorId: Number(a), siteId: Number(b) };
  return null;
}

export function linkUrl(publicUrl: string, action: 'confirm' | 'unsubscribe', token: string): string {
  return `${publicUrl}/notify/${action}?t=${encodeURIComponent(token)}`;
}
