// What a public thread page response is made of, shared by the route (threads/route.ts) and the edge
// (threads/edge.ts) so both send the same bytes and headers.
import { gzipSync } from 'node:zlib';
import type { CachedPage } from './cache.js';

export const PUBLIC_CACHE = 'public, max-age=0, s-maxage=15, stale-while-revalidate=30';
/** A public page differs by CORS origin, by whether an author asked (private view) and by encoding. */
export const THREAD_VARY = 'Origin, X-Parley-Author-Token, Accept-Encoding';

/** Pages smaller than this are sent as they are. */
export const GZIP_MIN_BYTES = 1024;

/** The bytes to send for a page: gzipped (made with the page, or once on the first request that takes it) or plain. */
export function pageBody(page: CachedPage, acceptEncoding: string | undefined): { body: Buffer; gzip: boolean } {
  // Threads compress about 5:1.
  if (page.body.length > GZIP_MIN_BYTES && acceptEncoding !== undefined && /\bgzip\b/.test(acceptEncoding)) {
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

/** The newest article version named by the public page ETags in an If-None-Match header (0: none). */
export function etagVersions(header: string): number {
  let newest = 0;
  for (const m of header.matchAll(/"p1-\d+-(\d+)(?:-c)?"/g)) newest = Math.max(newest, Number(m[1]));
  return newest;
}
