// Article keys: the publisher's own id, or the page's canonical URL normalized so one article has one key.
import { AppError } from '../errors.js';

const TRACKING_PARAMS = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref_src|ref_url|cmpid|ocid|s_cid|at_medium|at_campaign|amp)$/i;
const MAX_KEY_LENGTH = 512;
// Publisher ids: letters, digits and a few separators; no spaces or control characters.
const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._:\-/]*$/u;

/** Returns the normalized key, or null when the value is neither a usable id nor an http(s) URL. */
export function normalizeArticleKey(raw: string): string | null {
  const value = raw.trim();
  if (value.length === 0 || value.length > 2048) return null;
  if (/^https?:\/\//i.test(value)) {
    const url = normalizeArticleUrl(value);
    return url && url.length <= MAX_KEY_LENGTH ? url : null;
  }
  // Other schemes (ftp://, data:, javascript:) are neither ids nor article URLs.
  if (value.length > MAX_KEY_LENGTH || !ID_PATTERN.test(value) || value.includes('://')) return null;
  return value;
}

/** Normalizes an http(s) URL: no fragment, no tracking parameters, lower-case host, no default port. */
export function normalizeArticleUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(name)) url.searchParams.delete(name);
  }
  url.searchParams.sort();
  let out = url.toString();
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

/** The normalized key of a request's article, or 404 ARTICLE_NOT_FOUND for a value that cannot be one. */
export function requireArticleKey(raw: string): string {
  const key = normalizeArticleKey(raw);
  if (!key) throw new AppError('ARTICLE_NOT_FOUND', 'No such article: the id is not a valid article id or http(s) URL.');
  return key;
}
