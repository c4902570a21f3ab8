// Cross-cutting HTTP middleware: request logging, JSON-only writes, and per-site CORS.
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import type { Logger } from './log.js';
import type { Site } from '../sites/store.js';

/** Logs one line per request with its id, status and duration (`logger` from createAccessLogger). */
export function requestLogger(logger: Logger): MiddlewareHandler {
  return async function logRequest(c, next) {
    const start = performance.now();
    await next();
    const ms = Math.round((performance.now() - start) * 10) / 10;
    const status = c.res.status;
    const line = { requestId: c.get('requestId' as never), method: c.req.method, path: c.req.path, status, ms };
    if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  };
}

/**
 * Whether a request carries a body, from its headers where it can: touching `c.req.raw.body` makes
 * the node adapter build a full web Request (about 100 µs per post, measured). Requests built in
 * the process (app.request in tests) have no length header, so they are asked directly.
 */
export function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  if (length !== undefined) return length !== '0';
  if (c.req.header('transfer-encoding') !== undefined) return true;
  return c.req.raw.body !== null;
}

/** Refuses writes whose body is not JSON with 415 before any parsing happens. */
export function requireJson(): MiddlewareHandler {
  return async function checkContentType(c, next) {
    const method = c.req.method;
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
      const type = c.req.header('content-type') ?? '';
      if ((type !== '' || hasBody(c)) && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
      }
    }
    await next();
  };
}

/** True when an origin is in the list; entries like https://*.example.com match subdomains. */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  const o = origin.toLowerCase();
  for (const entry of allowed) {
    const e = entry.toLowerCase().replace(/\/+$/, '');
    if (e === o) return true;
    const wild = /^(https?):\/\/\*\.(.+)$/.exec(e);
    if (wild) {
      const [, scheme, base] = wild;
      if (o.startsWith(`${scheme}://`) && o.endsWith(`.${base}`)) return true;
    }
  }
  return false;
}

const ALLOW_HEADERS = 'Content-Type, X-Parley-Author-Token';
export const EXPOSE_HEADERS = 'ETag, Retry-After, X-Request-Id';

/**
 * CORS for the public API: only the site's allowed origins, preflight included. A request with an
 * Origin the site does not allow is refused, so no other page can post in a reader's name. The
 * refusal itself (403 ORIGIN_NOT_ALLOWED, nothing else) is readable by that page, so the widget can
 * tell the publisher which origin to add; `onRefused` records it for the log and the admin view.
 */
export function siteCors(
  loadSite: (slug: string) => Promise<Site | null>,
  onRefused: (site: Site, origin: string) => void = () => {},
): MiddlewareHandler {
  return async function cors(c, next) {
    const origin = c.req.header('origin');
    const preflight = c.req.method === 'OPTIONS';
    if (!origin) {
      if (preflight) return c.body(null, 204);
      return next();
    }
    const slug = c.req.param('site');
    const site = slug ? await loadSite(slug) : null;
    if (!site) throw new AppError('SITE_NOT_FOUND', 'No such site.');
    if (!originAllowed(origin, site.allowedOrigins)) {
      onRefused(site, origin);
      // A refused preflight stays unreadable (the request it asks about is not sent); a simple
      // request's 403 may be read, and carries only the error envelope.
      if (!preflight) allowOrigin(c, origin);
      throw new AppError('ORIGIN_NOT_ALLOWED', `This site does not accept requests from ${origin.slice(0, 200)}: add it to the site's allowed origins.`);
    }
    allowOrigin(c, origin);
    if (preflight) {
      c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    await next();
  };
}

/** The CORS headers of an answer to an allowed origin (the caller checked it with originAllowed). */
export function allowOrigin(c: Context, origin: string, expose = false): void {
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Vary', 'Origin', { append: true });
  if (expose) c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
}

/**
 * Refuses NUL anywhere in the URL or a JSON body with 400: PostgreSQL cannot store it in text, and
 * no legitimate comment, name or id contains it.
 */
export function refuseNul(): MiddlewareHandler {
  return async function checkNul(c, next) {
    const url = c.req.url;
    if (url.includes('%00') || url.includes('\u0000')) {
      throw new AppError('BAD_REQUEST', 'The request contains a NUL character.');
    }
    const method = c.req.method;
    if ((method === 'POST' || method === 'PATCH' || method === 'PUT') && hasBody(c)) {
      // Hono caches the text; the JSON validator later parses the same read.
      const text = await c.req.text();
      bodyArrived.add(c);
      if (text.includes('\\u0000') || text.includes('\u0000')) {
        throw new AppError('BAD_REQUEST', 'The request contains a NUL character.');
      }
    }
    await next();
  };
}

/** Requests whose whole body has been read (refuseNul reads every body first). */
const bodyArrived = new WeakSet<Context>();

/**
 * Answers 503 (with Retry-After) when a request is not done within `ms`: a database that vanished
 * mid-query must not leave readers waiting forever. Event streams are long-lived by design and skip it.
 * A body still arriving at the deadline is the client's doing (a short body under a longer
 * Content-Length, a chunked body that never ends): 408, closing the connection, and no error logged.
 */
export function requestDeadline(ms: number): MiddlewareHandler {
  return async function deadline(c, next) {
    if (c.req.path.endsWith('/events')) return next();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            hasBody(c) && !bodyArrived.has(c)
              ? new AppError('REQUEST_TIMEOUT', `The request body did not arrive within ${Math.round(ms / 1000)} s.`)
              : new AppError('SERVICE_UNAVAILABLE', 'The service is briefly unavailable; try again shortly.', { retryAfter: 5 }),
          ),
        ms,
      );
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
