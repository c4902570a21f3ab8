// A webhook receiver on 127.0.0.1: records every delivery, verifies its Standard Webhooks signature
// with the secrets it is given, and answers with the statuses queued for it (200 by default).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../server/notifications/signing.js';

export interface ReceivedHook {
  path: string;
  headers: Record<string, string | undefined>;
  body: string;
  json: unknown;
  /** The signature matched one of the receiver's secrets (null: no secret to check with). */
  verified: boolean | null;
  at: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedHook[];
  /** Secrets to verify with (any one may match). */
  secrets: string[];
  /** The clock verification uses, in seconds (the sender's injected clock in tests). */
  nowSeconds: () => number;
  /** Answers the next requests with these statuses, in order (replacing what was queued); then 200 again. */
  respond(...statuses: number[]): void;
  /** Answers the next request with a redirect to `location`. */
  redirectNext(location: string): void;
  /** Records the next request but never answers it (its sender dies or times out). */
  hangNext(): void;
  waitFor(predicate: (received: ReceivedHook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const queue: Array<{ status: number; location?: string; hang?: boolean }> = [];
  const receiver: Partial<WebhookReceiver> & { secrets: string[]; nowSeconds: () => number } = {
    secrets: [],
    nowSeconds: () => Math.floor(Date.now() / 1000),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        /* recorded as text */
      }
      const verified = receiver.secrets.length === 0 ? null : receiver.secrets.some((s) => verify(s, headers, body, receiver.nowSeconds()));
      received.push({ path: req.url ?? '/', headers, body, json, verified, at: Date.now() });
      const next = queue.shift() ?? { status: 200 };
      if (next.hang) return;
      res.writeHead(next.status, { 'content-type': 'text/plain', ...(next.location ? { location: next.location } : {}) });
      res.end(next.status < 300 ? 'ok' : `failing with ${next.status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    respond: (...statuses: number[]) => {
      queue.length = 0;
      queue.push(...statuses.map((status) => ({ status })));
    },
    redirectNext: (location: string) => queue.push({ status: 302, location }),
    hangNext: () => queue.push({ status: 0, hang: true }),
    async waitFor(predicate: (r: ReceivedHook[]) => boolean, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > until) throw new Error(`timed out waiting for webhooks; got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as WebhookReceiver;
}
