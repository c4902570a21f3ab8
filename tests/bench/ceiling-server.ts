// The ceilings: a minimal @hono/node-server app (CEILING_KIND=hono, the default) or a bare
// node:http server (CEILING_KIND=node) answering every GET with the same pre-serialized thread
// bytes Parley sends. Parley's read throughput is reported as a fraction of each: the first is the
// issue's yardstick (Parley is a Hono app), the second the most any Node server could do here, and
// the right one for cached reads, which Parley answers below Hono (server/routes/thread-edge.ts).
// Env: CEILING_PORT, CEILING_BODY_FILE, CEILING_ETAG, CEILING_ENCODING (e.g. gzip), CEILING_KIND.
// Prints {"port":N} when listening.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = readFileSync(process.env.CEILING_BODY_FILE!);
const etag = process.env.CEILING_ETAG ?? '"ceiling"';
const encoding = process.env.CEILING_ENCODING ?? '';
const port = Number(process.env.CEILING_PORT);
const ready = () => process.stdout.write(`${JSON.stringify({ port })}\n`);

let server: http.Server;
if (process.env.CEILING_KIND === 'node') {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    etag,
    'cache-control': 'public, max-age=0, s-maxage=15, stale-while-revalidate=30',
    'content-length': String(body.length),
    ...(encoding ? { 'content-encoding': encoding } : {}),
  };
  server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  server.listen(port, '127.0.0.1', ready);
} else {
  const app = new Hono();
  app.get('*', (c) => {
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=0, s-maxage=15, stale-while-revalidate=30');
    if (encoding) c.header('Content-Encoding', encoding);
    return c.body(body);
  });
  server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, ready) as http.Server;
}
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
