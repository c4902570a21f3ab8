// Which article a source thread lands on: its URL rewritten by the --map-domain / --map-path rules,
// then normalized exactly as the widget's URLs are (comments/article-key.ts), or the source's own id.
import { normalizeArticleKey, normalizeArticleUrl } from '../comments/article-key.js';
import type { ImportOptions, ThreadRecord } from './types.js';

export interface Rewrite {
  from: string;
  to: string;
}

/** Parses "old=new" (a --map-domain or --map-path value); throws with a readable message. */
export function parseRewrite(value: string, what: 'domain' | 'path'): Rewrite {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new Error(`--map-${what} needs OLD=NEW, got "${value}"`);
  const from = value.slice(0, at).trim();
  const to = value.slice(at + 1).trim();
  if (what === 'path' && (!from.startsWith('/') || !to.startsWith('/'))) throw new Error(`--map-path prefixes start with "/": "${value}"`);
  if (what === 'domain' && (parseOrigin(from) === null || parseOrigin(to) === null)) {
    throw new Error(`--map-domain takes hosts or origins (old.example=https://news.example): "${value}"`);
  }
  return { from, to };
}

/** A host ("old.example") or an origin ("http://old.example"): scheme null for a bare host. */
function parseOrigin(value: string): { scheme: string | null; host: string } | null {
  const m = /^(?:(https?):\/\/)?([a-z0-9.-]+(?::\d+)?)\/?$/i.exec(value);
  return m ? { scheme: m[1] ? `${m[1].toLowerCase()}:` : null, host: m[2]!.toLowerCase() } : null;
}

/**
 * Applies the domain rules (first match wins) and then the path rules to an http(s) URL. A bare
 * old host matches both schemes; a bare new host keeps the URL's scheme, an origin sets it.
 */
export function rewriteUrl(raw: string, options: Pick<ImportOptions, 'mapDomains' | 'mapPaths'>): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  for (const rule of options.mapDomains) {
    const from = parseOrigin(rule.from);
    const to = parseOrigin(rule.to);
    if (!from || !to) continue;
    if (url.host.toLowerCase() !== from.host || (from.scheme && url.protocol !== from.scheme)) continue;
    if (to.scheme) url.protocol = to.scheme;
    url.host = to.host;
    break;
  }
  for (const rule of options.mapPaths) {
    if (url.pathname.startsWith(rule.from)) {
      url.pathname = rule.to + url.pathname.slice(rule.from.length);
      break;
    }
  }
  return url.toString();
}

export interface ThreadKey {
  /** null: the thread cannot land anywhere (no usable URL or id). */
  key: string | null;
  /** The URL kept on the article (mapped), or null. */
  url: string | null;
}

/** The article key and URL for a thread under the given options. */
export function threadKey(thread: ThreadRecord, options: Pick<ImportOptions, 'mapDomains' | 'mapPaths' | 'keyBy'>): ThreadKey {
  const mapped = thread.url && /^https?:\/\//i.test(thread.url.trim()) ? rewriteUrl(thread.url.trim(), options) : null;
  const url = mapped ? normalizeArticleUrl(mapped) : null;
  if (thread.key !== undefined && thread.key !== null) {
    // A Parley export's key is kept byte for byte unless a rule moves it (a URL key moves, an id stays).
    // Its URL too, but only an http(s) one: the admin view and emails turn it into links.
    const given = thread.url !== null && normalizeArticleUrl(thread.url) !== null ? thread.url : null;
    if (normalizeArticleKey(thread.key) === null) return { key: null, url: given };
    if (options.mapDomains.length === 0 && options.mapPaths.length === 0) return { key: thread.key, url: given };
    const key = /^https?:\/\//i.test(thread.key) ? normalizeArticleKey(rewriteUrl(thread.key, options)) : thread.key;
    return { key, url: mapped ?? given };
  }
  if (options.keyBy !== 'url' && thread.identifier) {
    const key = normalizeArticleKey(thread.identifier);
    if (key) return { key, url };
  }
  return { key: url ? normalizeArticleKey(url) : null, url };
}
