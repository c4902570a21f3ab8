// A tiny fetch wrapper for Parley's public API, shared by the embed and the admin view.
// It never throws anything but ApiError, so callers map one shape (code + fields) to messages.

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** The server's error envelope, or a synthetic one for network failures (status 0, code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly retryAfter?: number,
    /** TOXIC_NUDGE: 'hold' (posted anyway, a moderator reviews it) or 'reject' (it will most likely not be published). */
    readonly nudge?: { band: string },
    /** The rest of the error envelope: `until` and `note` of a ban or suspension, `others` of a shared address. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The browser cache mode; 'no-cache' revalidates (ETag) instead of using a stale copy. */
  cache?: RequestCache;
}

/** Sends one request and returns the parsed JSON body (undefined for 204). */
export async function request<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      // method (GET when unset), signal and cache mode as given
      ...opts,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      // Readers are anonymous: the author token travels in a header, never in cookies.
      credentials: 'omit',
    });
  } catch (err) {
    // An abort must stay recognisable so callers can ignore it instead of showing an error.
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', String(err));
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: Partial<ApiError> & Record<string, unknown> } | null;
  if (res.ok && data) return data as T;
  const e = data?.error;
  throw new ApiError(
    res.status,
    e?.code ?? `HTTP_${res.status}`,
    e?.message ?? res.statusText,
    e?.fields ?? [],
    e?.retryAfter,
    e?.nudge,
    e,
  );
}

// The public API's shapes come from the server's own schemas (types only: nothing of the server is bundled).
export type { PublicComment, PostResult, Thread as ThreadPage } from '../../server/comments/dto.js';

export interface SiteConfig {
  slug: string;
  name: string;
  locale: string;
  requireEmail: boolean;
  maxBodyChars: number;
  editWindowSeconds: number;
  maxDepth: number;
  /** Reply notifications by email are on (the form offers the opt-in). */
  notify: boolean;
  /** The readers' reaction the site uses ("Respect" or "Like"), or off. */
  reactions: 'respect' | 'like' | 'off';
  /** The widget's first order. */
  defaultSort: 'oldest' | 'newest' | 'best';
  /** An "Editor's picks" choice in the order menu. */
  picksTab: boolean;
}
