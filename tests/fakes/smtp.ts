// A real SMTP server on 127.0.0.1 (the smtp-server package) that parses every message it accepts
// (mailparser), so notification tests read what a mailbox would. It can refuse (an outage), stall a
// message mid-DATA (to kill a sender mid-delivery), and offers STARTTLS with smtp-server's own
// self-signed certificate.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The connection was upgraded with STARTTLS (or was TLS from the start). */
  secure: boolean;
  /** The AUTH user, when the client logged in. */
  user: string | null;
  raw: string;
  parsed: ParsedMail;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  header(name: string): string | undefined;
}

export interface FakeSmtp {
  readonly port: number;
  /** smtp://user:pass@127.0.0.1:port with STARTTLS accepted without verifying the test certificate. */
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** Messages to one address. */
  to(address: string): ReceivedMail[];
  /** Refuse every message with a temporary error (421) until called with false. */
  fail(on: boolean): void;
  /** Holds the next message's DATA unanswered; resolves when it arrives. */
  stallNext(): Promise<void>;
  /** Waits (polling, no fixed sleep) until `predicate` holds for the received messages. */
  waitFor(predicate: (messages: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const SMTP_USER = 'parley';
export const SMTP_PASSWORD = 'smtp-password-s3cr3t';

/** `port`: listen there (a restart after an outage); `messages`: keep appending to an earlier server's list. */
export async function startFakeSmtp(options: { tls?: boolean; port?: number; messages?: ReceivedMail[] } = {}): Promise<FakeSmtp> {
  const messages: ReceivedMail[] = options.messages ?? [];
  let failing = false;
  let stall: (() => void) | null = null;
  const users = new WeakMap<SMTPServerSession, string>();
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: options.tls === false ? ['STARTTLS'] : [],
    logger: false,
    size: 10 * 1024 * 1024,
    // Closing drops open client connections (a pooled sender's) at once, like a server going down.
    closeTimeout: 50,
    onAuth(auth, session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
        users.set(session, auth.username);
        return callback(null, { user: auth.username });
      }
      return callback(new Error('Invalid username or password'));
    },
    onMailFrom(_address, _session, callback) {
      if (failing) {
        const err = new Error('Service not available, try again later') as Error & { responseCode: number };
        err.responseCode = 421;
        return callback(err);
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        if (stall) {
          // Never answered: the sender dies (or times out) before the message counts as accepted.
          const s = stall;
          stall = null;
          s();
          return;
        }
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              secure: session.secure,
              user: users.get(session) ?? null,
              raw,
              parsed,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              // The header as sent (unfolded), not mailparser's structured reading of it.
              header: (name) => {
                const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
                return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
              },
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  // A sender killed mid-session resets its connection (ECONNRESET); smtp-server reports that as an
  // 'error' event, which would be thrown with no listener. It is what the crash tests do on purpose.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}?tls.rejectUnauthorized=false`,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address)),
    fail(on) {
      failing = on;
    },
    stallNext() {
      return new Promise<void>((resolve) => {
        stall = resolve;
      });
    },
    async waitFor(predicate, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > until) throw new Error(`timed out waiting for mail; got ${messages.length}: ${messages.map((m) => `${m.to} ${m.subject}`).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
