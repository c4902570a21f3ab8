// What the fake protocol peers (Perspective, OpenAI) share: a reply and how it is written, lenient
// JSON reading, and the things that could outlive a fake (hung responses, delayed replies) so that
// close() leaves nothing behind.
import type http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes a reply with its length; `defaults` are headers the reply's own override. */
export function sendReply(res: http.ServerResponse, reply: Reply, defaults: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { ...defaults, ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The parsed body, or undefined when it is empty or not JSON (the fake answers that as the peer would). */
export function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Hung responses and pending timers: held while the fake runs, all ended by close(). */
export function createLeftovers() {
  const pending = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  return {
    /** Runs `fn` after `ms`, unless the fake closes first. */
    later(ms: number, fn: () => void): void {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      t.unref();
      timers.add(t);
    },
    /** Keeps a response until it closes, so close() can end one that hangs. */
    hold(res: http.ServerResponse): void {
      pending.add(res);
      res.on('close', () => pending.delete(res));
    },
    async close(server: http.Server | https.Server): Promise<void> {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const res of pending) res.destroy();
      pending.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Listens on 127.0.0.1 (an ephemeral port unless one is given) and answers the port. Keep-alive
 * outlasts Node's client agent idle timeout (5 s), so a client never reuses a socket the fake closed.
 */
export async function listenLocal(server: http.Server | https.Server, port = 0): Promise<number> {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
