// Who an author is on a site, for moderators' per-author tools: their email, or without one the
// author token their browser posts with. Keys are 'e:' + address or 't:' + the token's hash.

export type AuthorKey = `e:${string}` | `t:${string}`;

/** The author key of a comment's writer, or null when it carries neither an email nor a token. */
export function authorKeyOf(row: { authorEmail: string | null; authorTokenHash: string | null }): AuthorKey | null {
  if (row.authorEmail) return `e:${row.authorEmail}`;
  if (row.authorTokenHash) return `t:${row.authorTokenHash}`;
  return null;
}

/** The email in a key, or null for a token key. */
export function emailOfKey(key: string): string | null {
  return key.startsWith('e:') ? key.slice(2) : null;
}
