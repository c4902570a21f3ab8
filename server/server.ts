// Builds Parley's dependencies and HTTP server from a Config; main.ts and the tests both start it here.
import type { AddressInfo } from 'node:net';
import http, { type RequestListener, type Server } from 'node:http';
import { getRequestListener, RequestError } from '@hono/node-server';
import type { DestinationStream } from 'pino';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import { ensureFirstAdmin } from './auth/bootstrap.js';
import { foldQueueCounts } from './admin/queue.js';
import { createAdminRouter } from './routes/admin.js';
import { createAssetsRouter } from './routes/assets.js';
import { createNotifyRouter } from './routes/notify.js';
import { ensureDemoSite, ensureSecret, ownOrigins } from './bootstrap.js';
import { createPostingStore } from './comments/store.js';
import type { Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import type { AppDeps } from './deps.js';
import { ERROR_STATUS, type ErrorCode } from './errors.js';
import { createEventBus } from './events/bus.js';
import { createStreamHub } from './events/hub.js';
import { createHasher } from './lib/crypto.js';
import { createInFlight } from './lib/in-flight.js';
import { createLogger } from './lib/log.js';
import { createScorer } from './moderation/scorers/index.js';
import { createRescoreWorker } from './moderation/rescore.js';
import type { Scorer } from './moderation/scorers/scorer.js';
import { createSiteCache } from './sites/store.js';
import { createThreadCache, createThreadEdge, subscribeThreadCaches } from './threads/index.js';
import { createMailer, type Mailer } from './notifications/mailer.js';
import { countOutboxBacklog, createNotificationWorker } from './notifications/outbox.js';
import { countRescoreBacklog } from './moderation/rescore.js';
import { createMetrics, processApplicationName } from './metrics.js';
import { createInstanceWarnings, startupWarnings } from './lib/warnings.js';

/** How often queue-count changes are folded into their totals. */
const QUEUE_COUNT_FOLD_MS = 2000;

export interface StartOptions {
  /** Use this database instead of opening one from the config (tests share a prepared one). */
  database?: Database;
  logDestination?: DestinationStream;
  scorer?: Scorer;
  now?: () => Date;
  mailer?: Mailer;
  /** Told each slow first-start step (creating the database, migrating, the first admin) as it begins. */
  progress?: (line: string) => void;
}

export interface Parley {
  deps: AppDeps;
  app: Hono;
  server: Server;
  url: string;
  /** The address to tell people: PUBLIC_URL, else http://localhost:<port> (the default PUBLIC_URL's host). */
  publicUrl: string;
  /** Lines telling how to log in to the admin view (first start only). */
  loginHint?: string[];
  /** Stops accepting, drains in-flight requests (up to the configured timeout), closes everything. */
  close(): Promise<void>;
}

/** Builds every dependency: opens and migrates the database, loads the secret, starts listening for events. */
export async function buildDeps(config: Config, options: StartOptions = {}): Promise<{ deps: AppDeps; abort: AbortController }> {
  const logger = createLogger(config.LOG_LEVEL, options.logDestination);
  const progress = options.progress ?? (() => {});
  const metrics = createMetrics(config);
  const warnings = createInstanceWarnings(logger);
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.PARLEY_DATA_DIR,
      poolMax: config.DB_POOL_MAX,
      applicationName: processApplicationName(),
      progress,
    }));
  await migrateDatabase(database, progress);
  const secret = await ensureSecret(database.db, config.PARLEY_SECRET);
  for (const w of startupWarnings(config, { driver: database.driver, secretGenerated: config.PARLEY_SECRET === undefined })) warnings.add(w.code, w.message);
  const bus = createEventBus(database, logger);
  const siteCache = createSiteCache();
  const threadCache = metrics.instrumentThreadCache(createThreadCache(config.PARLEY_THREAD_CACHE_ENTRIES));
  subscribeThreadCaches(bus, { threadCache, siteCache });
  await bus.start();
  const abort = new AbortController();
  const now = options.now ?? (() => new Date());
  const streams = createStreamHub({ config, db: database.db, bus, logger, now, shutdown: abort.signal });
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    // One batch of each posting statement at a time: posts that arrive meanwhile share the next one.
    // Measured against two at a time: 0.35-0.39 against 0.50 ms of database CPU per comment.
    posting: createPostingStore(database, { maxInFlight: 1 }),
    logger,
    hasher: createHasher(secret),
    bus,
    streams,
    scorer: metrics.instrumentScorer(options.scorer ?? (await createScorer(config, logger))),
    mailer: options.mailer ?? createMailer(config),
    wakeOutbox: () => {},
    siteCache,
    threadCache,
    metrics,
    warnings,
    now,
    shutdown: abort.signal,
  };
  metrics.observe({
    database,
    streams,
    countRescoreBacklog: () => countRescoreBacklog(deps),
    countOutboxBacklog: () => countOutboxBacklog(deps),
  });
  return { deps, abort };
}

/** The API's error envelope, for answers made before the app (no request id yet). */
function envelope(code: ErrorCode, message: string): string {
  return JSON.stringify({ error: { code, message, requestId: '' } });
}

/** The answer to a request the node adapter refused before the app saw it, in the API's error envelope. */
function adapterErrorResponse(err: unknown, logger: AppDeps['logger']): Response {
  const bad = err instanceof RequestError;
  if (!bad) logger.error({ err }, 'request failed before the app');
  const [code, message] = bad ? (['BAD_REQUEST', 'The request line or its Host header is not valid.'] as const) : (['INTERNAL', 'Something went wrong on our side.'] as const);
  return new Response(envelope(code, message), {
    status: ERROR_STATUS[code],
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' },
  });
}

/**
 * What Node's HTTP parser refuses before any handler (no Host header, a target not starting with "/",
 * broken framing, headers too large, a request that never finished arriving), answered in the API's
 * error envelope with its stable code rather than Node's empty body; the connection is closed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? (['HEADERS_TOO_LARGE', 'The request headers are too large.'] as const)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? (['REQUEST_TIMEOUT', 'The request did not arrive in time.'] as const)
        : (['BAD_REQUEST', 'The request is not valid HTTP.'] as const);
  const status = ERROR_STATUS[code];
  const body = envelope(code, message);
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Starts a whole Parley: dependencies, first-start duties, the HTTP server. */
export async function startParley(config: Config, options: StartOptions = {}): Promise<Parley> {
  const { deps, abort } = await buildDeps(config, options);
  const app = createApp(deps, createMounts(deps));
  // Repeated public thread reads are answered from memory before the app (threads/edge.ts).
  const edge = createThreadEdge(deps);
  const { metrics } = deps;
  const handle: RequestListener = metrics.enabled
    ? (req, res) => {
        const started = performance.now();
        if (edge(req, res)) metrics.edgeRead(res.statusCode, (performance.now() - started) / 1000);
        else listener(req, res);
      }
    : (req, res) => {
        if (!edge(req, res)) listener(req, res);
      };
  // Every app request is counted until its handler finishes, even after its client left: shutdown
  // waits for them before it closes the database (the edge answers from memory, synchronously).
  const inFlight = createInFlight();
  const fetch: typeof app.fetch = (...args) => inFlight.track(Promise.resolve(app.fetch(...args)));
  // A request the adapter cannot make a URL of (no Host, "Host: a b", a target not starting with "/")
  // gets the API's JSON error like any other bad input, not an empty 400.
  const listener: RequestListener = getRequestListener(fetch, { hostname: config.HOST, errorHandler: (err) => adapterErrorResponse(err, deps.logger) });
  // An HTTP/1.1 request without Host is served as for HOST (the adapter's default host), as HTTP/1.0
  // ones are, rather than refused by Node with an empty 400.
  const server = http.createServer({ requireHostHeader: false }, handle);
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  server.keepAliveTimeout = 65_000;
  server.on('clientError', answerClientError);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  const publicUrl = config.PUBLIC_URL === undefined ? `http://localhost:${port}` : config.publicUrl;
  if (config.PARLEY_DEMO) await ensureDemoSite(deps.db, [...ownOrigins(config.publicUrl, port), url]);
  const loginHint = await ensureFirstAdmin(deps, { adminUrl: `${publicUrl}/admin`, progress: options.progress });

  const rescore = createRescoreWorker(deps);
  rescore.start(config.PARLEY_RESCORE_INTERVAL_MS);
  const outbox = createNotificationWorker(deps);
  outbox.start(config.PARLEY_NOTIFY_INTERVAL_MS);
  deps.wakeOutbox = () => outbox.wake();
  // Keeps the queue-count changes table short, so reading the counts stays a handful of rows.
  const folding = setInterval(() => {
    inFlight.track(foldQueueCounts(deps.db)).catch((err) => deps.logger.warn({ err }, 'folding queue counts failed'));
  }, QUEUE_COUNT_FOLD_MS);
  folding.unref();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const deadline = Date.now() + config.PARLEY_SHUTDOWN_TIMEOUT_MS;
      abort.abort();
      clearInterval(folding);
      await rescore.stop();
      await outbox.stop();
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets turn idle as their last response (an event stream, say) finishes; close
      // them as they do, or they would hold the drain open until the client or the timeout gives up.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => server.closeAllConnections(), config.PARLEY_SHUTDOWN_TIMEOUT_MS);
      await drained;
      clearInterval(sweep);
      clearTimeout(timer);
      // The sockets are closed, but handlers whose clients left may still be querying.
      if (!(await inFlight.idle(deadline - Date.now()))) {
        deps.logger.warn({ requests: inFlight.size }, 'shutdown: closing with requests still running after the drain timeout');
      }
      await deps.bus.stop();
      await deps.scorer.close?.();
      await deps.mailer.close();
      if (!options.database) await deps.database.close();
      deps.metrics.close();
    })());
  return { deps, app, server, url, publicUrl, loginHint, close };
}

/** Routers that live in their own modules: assets, the demo page and admin shell, and the admin API. */
export function createMounts(deps: AppDeps) {
  return { root: [createNotifyRouter(deps), createAssetsRouter(deps)], api: [createAdminRouter(deps)] };
}
