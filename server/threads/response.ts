// What a public thread page response is made of, shared by the route (threads/route.ts) and the edge
// (threads/edge.ts) so both send the same bytes and headers.
import { gzipSync } from 'node:zlib';
import type { CachedPage } from './cache.js';

export const PUBLIC_CACHE = 'public, max-age=0, s-maxage=15, stale-while-revalidate=30';
/** A public page differs by CORS origin, by whether an author asked (private view) and by encoding. */
export const THREAD_VARY = 'Origin, X-Parley-Author-Token, Accept-Encoding';

/** The bytes to send for a page: gzipped (made once, on the first request that takes it) or plain. */
export function pageBody(page: CachedPage, acceptEncoding: string | undefined): { body: Buffer; gzip: boolean } {
  // Threads compress about 5:1.
  if (page.body.length > 1024 && acceptEncoding !== undefined && /\bgzip\b/.test(acceptEncoding)) {
    page.gzip ??= gzipSync(page.body, { level: 6 });
    return { body: page.gzip, gzip: true };
  }
  return { body: page.body, gzip: false };
}

/** The request target (path and query, as received) the thread cache remembers a page by. */
export function targetOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

/** Whether an If-None-Match header names this ETag (weak or strong, or `*`). */
export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
