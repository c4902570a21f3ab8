// One error class with a closed set of codes, and the one place that renders errors.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';

/** Every error code the API can answer with, and its HTTP status. Clients may rely on these. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  COMMENTS_CLOSED: 403,
  AUTHOR_BANNED: 403,
  AUTHOR_SUSPENDED: 403,
  EDIT_WINDOW_CLOSED: 403,
  CSRF_FAILED: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  SITE_NOT_FOUND: 404,
  ARTICLE_NOT_FOUND: 404,
  COMMENT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  DUPLICATE_COMMENT: 409,
  ALREADY_REPORTED: 409,
  SHARED_ADDRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  VALIDATION_FAILED: 422,
  INVALID_PARENT: 422,
  INVALID_FILE: 422,
  TOXIC_NUDGE: 422,
  RATE_LIMITED: 429,
  LOGIN_LOCKED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface AppErrorOptions {
  fields?: FieldError[];
  /** Seconds; also sent as the Retry-After header. */
  retryAfter?: number;
  /** Extra safe data for the client (never secrets). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly fields?: FieldError[];
  readonly retryAfter?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
    this.details = options.details;
  }
}

// postgres.js / node network error codes that mean "the database is unreachable right now".
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006',
]);

/** True when an error (or its cause chain) says the database is unreachable. */
export function isUnavailableError(error: unknown): boolean {
  for (let e: unknown = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /database ping timed out|PGlite is closed|write CONNECTION_CLOSED/.test(message)) return true;
  }
  return false;
}

/** Reading the request body failed: the client aborted or sent broken chunked encoding. */
function isClientAbort(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === 'ECONNRESET' && e.message === 'aborted';
}

/** PostgreSQL refused text it cannot store (a NUL byte in a string). */
function isUnstorableText(error: unknown): boolean {
  for (let e: unknown = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return true;
  }
  return false;
}

/** Converts anything thrown into an AppError; unknown errors become INTERNAL (their cause kept for the log). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    if (status === 400 && /json/i.test(error.message)) return new AppError('INVALID_JSON', 'The request body is not valid JSON.');
    if (status === 401) return new AppError('UNAUTHORIZED', 'Log in first.');
    if (status === 404) return new AppError('NOT_FOUND', 'Not found.');
    if (status >= 400 && status < 500) return new AppError('BAD_REQUEST', 'The request is not valid.');
  }
  if (error instanceof SyntaxError && /JSON/i.test(error.message)) {
    return new AppError('INVALID_JSON', 'The request body is not valid JSON.');
  }
  if (isClientAbort(error)) return new AppError('BAD_REQUEST', 'The request body was cut off or malformed.', { cause: error });
  if (isUnstorableText(error)) {
    return new AppError('BAD_REQUEST', 'The request contains characters that cannot be stored (such as NUL).', { cause: error });
  }
  if (isUnavailableError(error)) {
    return new AppError('SERVICE_UNAVAILABLE', 'The service is briefly unavailable; try again shortly.', {
      retryAfter: 5,
      cause: error,
    });
  }
  return new AppError('INTERNAL', 'Something went wrong on our side.', { cause: error });
}

/** Renders an AppError as the one error envelope. */
export function renderError(c: Context, error: AppError): Response {
  const requestId = (c.get('requestId' as never) as string | undefined) ?? '';
  if (error.retryAfter !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfter))));
  // The unread rest of an oversized body would poison this keep-alive connection: end it.
  if (error.code === 'PAYLOAD_TOO_LARGE' || error.code === 'REQUEST_TIMEOUT') c.header('Connection', 'close');
  c.header('Cache-Control', 'no-store');
  return c.json(
    {
      error: {
        code: error.code,
        message: error.message,
        requestId,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.retryAfter !== undefined ? { retryAfter: Math.max(1, Math.ceil(error.retryAfter)) } : {}),
        ...(error.details ?? {}),
      },
    },
    error.status,
  );
}
