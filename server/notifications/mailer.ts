// The mail transport: nodemailer over SMTP (SMTP_URL), or nothing when it is unset (notifications off).
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The same id on every attempt at one outbox email, so a duplicate after a crash is recognisable. */
  messageId: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post, Auto-Submitted, ...). */
  headers: Record<string, string>;
}

export type SendResult = { ok: true } | { ok: false; permanent: boolean; error: string };

export interface Mailer {
  /** False when SMTP_URL is unset: nothing is sent and readers are not offered subscriptions. */
  readonly enabled: boolean;
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}

/** The mailer for a configuration; a disabled one when SMTP_URL is unset. */
export function createMailer(config: Pick<Config, 'SMTP_URL' | 'mailFrom'>): Mailer {
  if (!config.SMTP_URL) {
    return {
      enabled: false,
      send: async () => ({ ok: false, permanent: false, error: 'email is not configured (SMTP_URL)' }),
      close: async () => {},
    };
  }
  const url = new URL(config.SMTP_URL);
  const password = decodeURIComponent(url.password);
  const tls: Record<string, unknown> = {};
  const rejectUnauthorized = url.searchParams.get('tls.rejectUnauthorized');
  if (rejectUnauthorized !== null) tls.rejectUnauthorized = rejectUnauthorized !== 'false';
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    // smtps: TLS from the start; smtp: STARTTLS whenever the server offers it (nodemailer's default),
    // or always with ?requireTLS=true.
    secure: url.protocol === 'smtps:',
    requireTLS: url.searchParams.get('requireTLS') === 'true',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: password } : undefined,
    tls,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // nodemailer's own logger could print the AUTH exchange; ours logs results only.
    logger: false,
    debug: false,
  });
  // An error message may quote what the server said; it must not carry the password back out.
  const scrub = (message: string) => (password ? message.split(password).join('[redacted]') : message).slice(0, 500);
  return {
    enabled: true,
    async send(mail) {
      try {
        await transport.sendMail({
          from: config.mailFrom,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: mail.headers,
        });
        return { ok: true };
      } catch (err) {
        const e = err as { message?: string; responseCode?: number; code?: string };
        // A 5xx for the recipient or the message will not change on retry; everything else
        // (connection refused, timeouts, 4xx "try later") is an outage that only delays.
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
        return { ok: false, permanent, error: scrub(`${e.code ?? 'error'}: ${e.message ?? String(err)}`) };
      }
    },
    async close() {
      transport.close();
    },
  };
}
