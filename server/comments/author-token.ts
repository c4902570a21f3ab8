// The private author token a browser gets with its first post: it shows the author their held
// comments and lets them edit or delete within the window. Only its keyed hash is stored.

const AUTHOR_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;

/** The token from a request header when it is well-formed, else undefined (treated as none). */
export function readAuthorToken(header: string | undefined): string | undefined {
  return header !== undefined && AUTHOR_TOKEN_PATTERN.test(header) ? header : undefined;
}
