// Low-level HTTP for hardening tests: raw bytes over a socket (invalid UTF-8, odd request targets,
// broken headers) and checks every answer must pass (no 5xx, no stack trace, no path, no secret).
import { connect } from 'node:net';
import assert from 'node:assert/strict';
import { ERROR_STATUS } from '../../../server/errors.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The whole answer as received. */
  raw: string;
}

/**
 * Sends `request` (bytes, already a full HTTP/1.1 message) to 127.0.0.1:port and reads the answer
 * until the server closes or the first response is complete. Bounded by `timeoutMs`.
 */
export function rawRequest(port: number, request: Buffer | string, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      if (err && raw.length === 0) return reject(err);
      const parsed = parseResponse(raw);
      if (!parsed) return reject(new Error(`no HTTP response (${err?.message ?? 'closed'}): ${JSON.stringify(raw.slice(0, 200))}`));
      resolve(parsed);
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      const parsed = parseResponse(Buffer.concat(chunks).toString('latin1'));
      if (parsed && parsed.complete) finish();
    });
    socket.on('error', (e) => finish(e));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.write(request);
  });
}

function parseResponse(raw: string): (RawResponse & { complete: boolean }) | null {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!m) return null;
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  let body = raw.slice(end + 4);
  let complete = false;
  if (headers['content-length'] !== undefined) {
    const len = Number(headers['content-length']);
    complete = Buffer.byteLength(body, 'latin1') >= len;
    body = Buffer.from(body, 'latin1').subarray(0, len).toString('utf8');
  } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    complete = body.includes('\r\n0\r\n\r\n') || body.startsWith('0\r\n\r\n');
    body = dechunk(body);
  } else {
    const status = Number(m[1]);
    complete = status === 204 || status === 304;
  }
  return { status: Number(m[1]), headers, body, raw, complete };
}

function dechunk(body: string): string {
  const bytes = Buffer.from(body, 'latin1');
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const nl = bytes.indexOf('\r\n', at);
    if (nl < 0) break;
    const size = parseInt(bytes.subarray(at, nl).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(bytes.subarray(nl + 2, nl + 2 + size));
    at = nl + 2 + size + 2;
  }
  return Buffer.concat(out).toString('utf8');
}

/** Builds a raw HTTP/1.1 request; `body` bytes are sent as they are (no encoding). */
export function buildRaw(method: string, target: string | Buffer, headers: [string, string | Buffer][], body?: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from(`${method} `), Buffer.isBuffer(target) ? target : Buffer.from(target, 'latin1'), Buffer.from(' HTTP/1.1\r\n')];
  const names = new Set(headers.map(([k]) => k.toLowerCase()));
  const all: [string, string | Buffer][] = [...headers];
  if (!names.has('host')) all.unshift(['Host', '127.0.0.1']);
  if (!names.has('connection')) all.push(['Connection', 'close']);
  if (body && !names.has('content-length') && !names.has('transfer-encoding')) all.push(['Content-Length', String(body.length)]);
  for (const [k, v] of all) parts.push(Buffer.from(`${k}: `), Buffer.isBuffer(v) ? v : Buffer.from(v, 'latin1'), Buffer.from('\r\n'));
  parts.push(Buffer.from('\r\n'));
  if (body) parts.push(body);
  return Buffer.concat(parts);
}

const STACK_FRAME = /\bat (?:async )?[\w$.<>]*\s*\(?(?:file:\/\/|node:|\/)[^)\s]*:\d+:\d+|\n\s+at [^\n]+:\d+:\d+/;
const KNOWN_CODES = new Set(Object.keys(ERROR_STATUS));

export interface LeakCheck {
  /** Values that must never appear (server secret, API keys, passwords). */
  secrets: string[];
}

/** Describes what is wrong with an answer, or returns null when it is fine. */
export function problemWith(status: number, body: string, headers: Record<string, string> | Headers, check: LeakCheck): string | null {
  const get = (k: string) => (headers instanceof Headers ? headers.get(k) : headers[k]) ?? '';
  if (status >= 500) return `status ${status}`;
  if (STACK_FRAME.test(body)) return 'a stack frame in the body';
  if (/\/work\/|node_modules|\/server\/[\w/-]+\.ts/.test(body)) return 'a file path in the body';
  for (const s of check.secrets) if (s && body.includes(s)) return 'a secret in the body';
  const type = get('content-type');
  if (status >= 400 && /json/.test(type) && body.length > 0) {
    try {
      const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
      if (!parsed.error || typeof parsed.error.code !== 'string' || !KNOWN_CODES.has(parsed.error.code)) return `error envelope without a known code: ${body.slice(0, 200)}`;
      if (typeof parsed.error.message !== 'string') return 'error envelope without a message';
    } catch {
      return `malformed JSON error body: ${body.slice(0, 200)}`;
    }
  }
  return null;
}

/** Asserts an answer passes problemWith, naming the request in the failure. */
export function assertClean(what: string, status: number, body: string, headers: Record<string, string> | Headers, check: LeakCheck) {
  const problem = problemWith(status, body, headers, check);
  assert.equal(problem, null, `${what}: ${problem}\n${body.slice(0, 500)}`);
}

/** Text a log may not contain: stack-free is not required there, but secrets are forbidden. */
export function assertNoSecrets(what: string, text: string, secrets: string[]) {
  for (const s of secrets) assert.ok(s.length > 0 && !text.includes(s), `${what} contains a secret (${s.slice(0, 4)}…)`);
}
