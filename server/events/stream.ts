// The one stream helper every server-sent-event route uses: admission (caps per client address and
// in total), keepalives, a maximum lifetime and shutdown, driven by one timer for all streams.
//
// Invariants: a stream's cleanup (leaving its feed, giving back its place under the caps) runs
// exactly once, from finish(), however the stream ends (the client leaves, the lifetime passes, the
// server shuts down, the reader falls too far behind, the feed ends it). Nothing is registered per
// stream on anything that outlives it: no timer, no listener on a process-wide signal.
import type { Context } from 'hono';
import { AppError } from '../errors.js';

/** Comment lines sent on quiet streams so proxies and browsers keep them open. */
export const KEEPALIVE_MS = 25_000;
/** How long a client's EventSource waits before reconnecting (sent with `ready`). */
export const RETRY_MS = 5000;
/** Seconds a refused client is asked to wait. */
const REFUSED_RETRY_AFTER_S = 30;
/** A reader this far behind (bytes queued for it) is disconnected; it reconnects and catches up by version. */
const MAX_BACKLOG_BYTES = 256 * 1024;
const TICK_MS = 1000;

const encoder = new TextEncoder();
const KEEPALIVE = encoder.encode(': keepalive\n\n');

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
  retry?: number;
}

/** One event in the wire format, encoded once so every stream it goes to shares the bytes. */
export function encodeSse(message: SseMessage): Uint8Array {
  let text = `event: ${message.event}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  if (message.id !== undefined) text += `id: ${message.id}\n`;
  if (message.retry !== undefined) text += `retry: ${message.retry}\n`;
  return encoder.encode(`${text}\n`);
}

/** The first event of every stream: it tells the client when to reconnect. */
export function readyEvent(data: unknown = {}): Uint8Array {
  return encodeSse({ event: 'ready', data: JSON.stringify(data), retry: RETRY_MS });
}

export interface EventStream {
  /** The response body. */
  readonly body: ReadableStream<Uint8Array>;
  /** Queues an encoded event; a client that stopped reading is disconnected instead of buffered for. */
  send(chunk: Uint8Array): void;
  /** Ends the stream normally (the client reconnects after RETRY_MS). */
  end(): void;
  /** Runs `cleanup` once when the stream ends, however it ends (at once if it already has). */
  onEnd(cleanup: () => void): void;
  readonly ended: boolean;
}

export interface StreamLimits {
  perAddress: number;
  total: number;
  lifetimeMs: number;
}

export interface StreamRegistry {
  /**
   * Admits a new stream, counted against `address` (null: not counted per address, e.g. a logged-in
   * moderator) and the total; throws RATE_LIMITED (429) or SERVICE_UNAVAILABLE (503) past the caps.
   */
  open(address: string | null): EventStream;
  /** Open streams, and client addresses holding at least one. */
  stats(): { streams: number; addresses: number };
}

class Stream implements EventStream {
  readonly body: ReadableStream<Uint8Array>;
  ended = false;
  lastSent: number;
  readonly deadline: number;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private cleanups: (() => void)[] = [];

  constructor(now: number, lifetimeMs: number) {
    this.lastSent = now;
    // Spread over the last tenth of the lifetime, so streams opened together do not reconnect together.
    this.deadline = now + lifetimeMs - Math.floor(Math.random() * lifetimeMs * 0.1);
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        // The node adapter cancels the body when the client's connection closes.
        cancel: () => this.finish(),
      },
      // Counts queued bytes: desiredSize goes negative by as much as the client has not read yet.
      { highWaterMark: 0, size: (chunk) => chunk.byteLength },
    );
  }

  send(chunk: Uint8Array): void {
    if (this.ended) return;
    if ((this.controller.desiredSize ?? 0) < -MAX_BACKLOG_BYTES) {
      this.controller.error(new Error('the client stopped reading its event stream'));
      this.finish();
      return;
    }
    this.controller.enqueue(chunk);
    this.lastSent = Date.now();
  }

  end(): void {
    if (this.ended) return;
    this.controller.close();
    this.finish();
  }

  onEnd(cleanup: () => void): void {
    if (this.ended) cleanup();
    else this.cleanups.push(cleanup);
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}

/** Every open event stream of this process; ends them all when `shutdown` aborts. */
export function createStreamRegistry(limits: StreamLimits, shutdown: AbortSignal): StreamRegistry {
  const streams = new Set<Stream>();
  const perAddress = new Map<string, number>();
  let ticker: NodeJS.Timeout | undefined;

  // One timer for every stream, running only while there are streams.
  const tick = () => {
    const now = Date.now();
    for (const stream of streams) {
      if (now >= stream.deadline) stream.end();
      else if (now - stream.lastSent >= KEEPALIVE_MS) stream.send(KEEPALIVE);
    }
  };

  // One listener for the registry's whole life (the process's), not one per stream.
  shutdown.addEventListener(
    'abort',
    () => {
      for (const stream of streams) stream.end();
    },
    { once: true },
  );

  return {
    open(address) {
      if (shutdown.aborted) {
        throw new AppError('SERVICE_UNAVAILABLE', 'The server is restarting; reconnect shortly.', { retryAfter: RETRY_MS / 1000 });
      }
      const held = address === null ? 0 : (perAddress.get(address) ?? 0);
      if (held >= limits.perAddress) {
        throw new AppError('RATE_LIMITED', `Too many live streams from this address (at most ${limits.perAddress}).`, {
          retryAfter: REFUSED_RETRY_AFTER_S,
        });
      }
      if (streams.size >= limits.total) {
        throw new AppError('SERVICE_UNAVAILABLE', 'This server has no room for another live stream right now.', {
          retryAfter: REFUSED_RETRY_AFTER_S,
        });
      }
      const stream = new Stream(Date.now(), limits.lifetimeMs);
      streams.add(stream);
      if (address !== null) perAddress.set(address, held + 1);
      stream.onEnd(() => {
        streams.delete(stream);
        if (address !== null) {
          const left = (perAddress.get(address) ?? 1) - 1;
          if (left > 0) perAddress.set(address, left);
          else perAddress.delete(address);
        }
        if (streams.size === 0 && ticker) {
          clearInterval(ticker);
          ticker = undefined;
        }
      });
      if (!ticker) {
        ticker = setInterval(tick, Math.min(TICK_MS, limits.lifetimeMs));
        ticker.unref();
      }
      return stream;
    },
    stats: () => ({ streams: streams.size, addresses: perAddress.size }),
  };
}

/** The HTTP answer for an admitted stream. */
export function sseResponse(c: Context, stream: EventStream): Response {
  c.header('Content-Type', 'text/event-stream');
  c.header('Cache-Control', 'no-store');
  // Chunked from the start: the node adapter then sends headers at once instead of waiting for a body.
  c.header('Transfer-Encoding', 'chunked');
  c.header('X-Accel-Buffering', 'no');
  return c.body(stream.body, 200);
}
