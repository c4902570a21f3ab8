// The write drivers' HTTP client (live.ts: reactions, approvals): HTTP/1.1 on kept-alive net.Sockets,
// one request at a time per socket, the request written as one string and the answer read as its
// status line, its Content-Length (or chunks) and its body. A driver stands in for clients on other
// machines, yet runs on the bench's cores: node:http's client (parser, agent, IncomingMessage
// streams) took a large share of a reaction's CPU on the machine, CPU taken from the reads being
// measured. Load-generator hygiene only; it speaks just enough HTTP for Parley's answers (no
// redirects, no 1xx, no trailers).
import net from 'node:net';

export interface DriverResponse {
  status: number;
  text: string;
}

interface Pending {
  request: string;
  resolve(res: DriverResponse): void;
  reject(err: Error): void;
  /** Whether any byte of the answer arrived (a socket closed before that may be retried once). */
  answered: boolean;
  retried: boolean;
}

interface Connection {
  socket: net.Socket;
  buffer: Buffer;
  pending?: Pending;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** A pool of kept-alive connections to one origin; `post` resolves with the status and the body text. */
export function createDriverClient(origin: string, maxSockets = 64) {
  const { hostname, port } = new URL(origin);
  const idle: Connection[] = [];
  const waiting: Pending[] = [];
  let open = 0;

  const connect = (): Connection => {
    const conn: Connection = { socket: net.connect({ host: hostname, port: Number(port) }), buffer: Buffer.alloc(0) };
    open++;
    conn.socket.setNoDelay(true);
    conn.socket.on('data', (chunk: Buffer) => {
      conn.buffer = conn.buffer.length === 0 ? chunk : Buffer.concat([conn.buffer, chunk]);
      if (conn.pending) conn.pending.answered = true;
      const res = parseResponse(conn.buffer);
      if (!res) return;
      conn.buffer = conn.buffer.subarray(res.length);
      const done = conn.pending;
      conn.pending = undefined;
      if (res.close) conn.socket.destroy();
      else release(conn);
      done?.resolve({ status: res.status, text: res.text });
    });
    let dropped = false;
    const drop = (err?: Error) => {
      if (dropped) return;
      dropped = true;
      if (!conn.socket.destroyed) conn.socket.destroy();
      const at = idle.indexOf(conn);
      if (at >= 0) idle.splice(at, 1);
      open--;
      const lost = conn.pending;
      conn.pending = undefined;
      if (lost) {
        // A kept-alive socket the server closed before reading the request: send it once more.
        if (!lost.answered && !lost.retried) {
          lost.retried = true;
          dispatch(lost);
        } else lost.reject(err ?? new Error('driver: the server closed the connection mid-answer'));
      }
      const next = waiting.shift();
      if (next) dispatch(next);
    };
    conn.socket.on('error', drop);
    conn.socket.on('close', () => drop());
    return conn;
  };

  const send = (conn: Connection, p: Pending) => {
    conn.pending = p;
    conn.socket.write(p.request);
  };

  const release = (conn: Connection) => {
    const next = waiting.shift();
    if (next) send(conn, next);
    else idle.push(conn);
  };

  const dispatch = (p: Pending) => {
    // The most recently used socket first, so a low rate keeps one or two warm.
    const conn = idle.pop() ?? (open < maxSockets ? connect() : undefined);
    if (conn) send(conn, p);
    else waiting.push(p);
  };

  return {
    /** POSTs `body` (or nothing) to `path` with `headers` (lower-case names) and answers the status and text. */
    post(path: string, headers: Record<string, string>, body = ''): Promise<DriverResponse> {
      let head = `POST ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
      for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
      return new Promise((resolve, reject) => dispatch({ request: `${head}\r\n${body}`, resolve, reject, answered: false, retried: false }));
    },
    close() {
      for (const conn of idle.splice(0)) conn.socket.destroy();
    },
  };
}

/** One complete response at the start of `buffer`, or undefined while more bytes are needed. */
export function parseResponse(buffer: Buffer): { status: number; text: string; length: number; close: boolean } | undefined {
  const end = buffer.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const head = buffer.toString('latin1', 0, end);
  const status = Number(head.slice(9, 12));
  const lengthMatch = /\r\ncontent-length: *(\d+)/i.exec(head);
  const close = /\r\nconnection: *close/i.test(head);
  const start = end + 4;
  if (lengthMatch) {
    const length = Number(lengthMatch[1]);
    if (buffer.length < start + length) return undefined;
    return { status, text: buffer.toString('utf8', start, start + length), length: start + length, close };
  }
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    const parts: Buffer[] = [];
    let at = start;
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
      if (size === 0) {
        if (buffer.length < lineEnd + 4) return undefined;
        return { status, text: Buffer.concat(parts).toString('utf8'), length: lineEnd + 4, close };
      }
      if (buffer.length < lineEnd + 2 + size + 2) return undefined;
      parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  // No body (204, 304) or one delimited by the connection's end: the drivers get neither.
  return { status, text: '', length: start, close: true };
}
