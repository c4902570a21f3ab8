// The edge of the HTTP server: a repeated public thread read is answered from this process's memory
// before the request reaches the application, the way a caching proxy in front of it would.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../deps.js';
import { createAccessLogger } from '../lib/log.js';
import { EXPOSE_HEADERS, originAllowed } from '../lib/middleware.js';
import { peekThread } from './read.js';
import { etagMatches, pageBody, PUBLIC_CACHE, THREAD_VARY } from './response.js';

const AUTHOR_TOKEN = 'x-parley-author-token';
/** The request ids the app accepts from a client (hono/request-id's default pattern and our limit). */
const CLIENT_REQUEST_ID = /^[\w\-=]{1,64}$/;

export type EdgeListener = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Answers a GET of a public thread page straight from memory, or returns false for the app to
 * handle. It serves only a request target that a fully validated request already asked for (so
 * there is nothing to validate), and only while the site (its allowed origins), the article's
 * current version and that version's page are all cached: it checks, it never loads. An author's
 * private view, an origin the site does not allow (the app answers 403) and every miss go on to the
 * app. The answer carries the app's headers, request id and log line.
 */
export function createThreadEdge(deps: Pick<AppDeps, 'siteCache' | 'threadCache' | 'logger' | 'now'>): EdgeListener {
  const accessLog = createAccessLogger(deps.logger);
  const logInfo = accessLog.isLevelEnabled('info');
  return function serveThreadFromMemory(req, res) {
    if (req.method !== 'GET' || req.headers[AUTHOR_TOKEN] !== undefined || req.url === undefined) return false;
    const ifNoneMatch = req.headers['if-none-match'];
    const hit = peekThread(deps, req.url, ifNoneMatch);
    if (!hit) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, hit.site.allowedOrigins)) return false;

    const started = logInfo ? performance.now() : 0;
    const clientId = req.headers['x-request-id'];
    const requestId = typeof clientId === 'string' && CLIENT_REQUEST_ID.test(clientId) ? clientId : randomUUID();
    const headers: Record<string, string> = {
      etag: hit.page.etag,
      'cache-control': PUBLIC_CACHE,
      vary: THREAD_VARY,
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
    };
    if (origin !== undefined) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-expose-headers'] = EXPOSE_HEADERS;
    }
    let status = 304;
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, hit.page.etag)) {
      res.writeHead(304, headers);
      res.end();
    } else {
      status = 200;
      const { body, gzip } = pageBody(hit.page, req.headers['accept-encoding']);
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = String(body.length);
      if (gzip) headers['content-encoding'] = 'gzip';
      res.writeHead(200, headers);
      res.end(body);
    }
    if (logInfo) {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      accessLog.info({ requestId, method: 'GET', path: req.url.split('?', 1)[0], status, ms }, 'request');
    }
    return true;
  };
}
