// JSON logs through pino, with every place a secret could hide redacted.
import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger };

const REDACT = [
  'password', '*.password', 'token', '*.token', 'secret', '*.secret', 'apiKey', '*.apiKey', 'key', '*.key',
  'authorization', '*.authorization', 'cookie', '*.cookie', 'req.headers.cookie', 'req.headers.authorization',
  'req.headers["x-parley-author-token"]', 'req.headers["x-csrf-token"]', 'email', '*.email',
];

/** Creates the process logger; `destination` lets tests capture output. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'parley' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Logs an error by name, message, code and stack only: raw error objects can carry request configs with keys. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (error.cause) out.cause = serializeError(error.cause);
  return out;
}
