// The ceiling: a minimal @hono/node-server app answering every GET with the same pre-serialized
// thread bytes Parley sends. Parley's read throughput is reported as a fraction of this one's.
// Env: CEILING_PORT, CEILING_BODY_FILE, CEILING_ETAG, CEILING_ENCODING (e.g. gzip). Prints {"port":N} when listening.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = readFileSync(process.env.CEILING_BODY_FILE!);
const etag = process.env.CEILING_ETAG ?? '"ceiling"';
const encoding = process.env.CEILING_ENCODING ?? '';
const app = new Hono();
app.get('*', (c) => {
  c.header('Content-Type', 'application/json; charset=utf-8');
  c.header('ETag', etag);
  c.header('Cache-Control', 'public, max-age=0, s-maxage=15, stale-while-revalidate=30');
  if (encoding) c.header('Content-Encoding', encoding);
  return c.body(body);
});
const server = serve({ fetch: app.fetch, port: Number(process.env.CEILING_PORT), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
