// Finds the reader's address: the socket's, or X-Forwarded-For only as far as configured hops are trusted.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * With trustedHops = 0 the header is ignored. With N, the Nth address from the right of
 * X-Forwarded-For is taken (the rightmost ones were added by our own proxies); spoofed entries on the
 * left are never reached.
 */
export function resolveClientIp(c: Context, trustedHops: number): string {
  if (trustedHops > 0) {
    const header = c.req.header('x-forwarded-for');
    if (header) {
      const hops = header.split(',').map((s) => s.trim()).filter(Boolean);
      const picked = hops[Math.max(0, hops.length - trustedHops)];
      if (picked) return picked;
    }
  }
  // The socket's address only when the header did not decide.
  let socketIp = '';
  try {
    socketIp = getConnInfo(c).remote.address ?? '';
  } catch {
    // app.request() in tests has no socket.
  }
  return socketIp || 'unknown';
}
