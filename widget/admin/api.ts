// The moderator view's client for /api/v1/admin. Unlike the reader embed it sends the session cookie
// (same origin) and keeps the CSRF token in memory only, so a script injected elsewhere on the
// origin cannot read it from storage.
import type { BulkAnswer } from '../../server/admin/actions.js';
import type { ArticleOut } from '../../server/admin/articles.js';
import type { Queue } from '../../server/comments/queues.js';
import type { AuditEntryOut, AuthorSummaryOut, BanOut, ModeratorAccount as ServerModeratorAccount, ModeratorComment as ServerComment } from '../../server/admin/dto.js';
import { ApiError } from '../shared/api.js';

export { ApiError };

export type Role = 'admin' | 'moderator';
export type Action = 'approve' | 'reject' | 'spam' | 'restore' | 'delete' | 'feature' | 'unfeature' | 'dismiss';
export type Sort = 'oldest' | 'newest';

// The queues and their membership are the server's own definition (a module with no imports).
export { QUEUES, inQueue, type Queue } from '../../server/comments/queues.js';

export interface Moderator {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: string;
}

export interface SiteRef {
  slug: string;
  name: string;
}

/** A reason from the catalogue (server/moderation/reasons.ts): rendered from code and params in the moderator's language. */
export interface Reason {
  code: string;
  /** English; shown only for a code the catalogue does not know. */
  message: string;
  params?: Record<string, unknown>;
}

// The admin API's shapes are the server's own (server/admin/dto.ts), imported as types only.
export type ModeratorComment = Omit<ServerComment, 'scoreState'> & { scoreState: 'scored' | 'unscored' | 'skipped' | 'partial' };
export type AuthorSummary = AuthorSummaryOut;
export type Ban = BanOut;
export type AuditEntry = AuditEntryOut;

export interface CommentDetail {
  comment: ModeratorComment;
  parent: ModeratorComment | null;
  article: { id: number; key: string; url: string | null; title: string | null };
  history: { approved: number; pending: number; rejected: number; spam: number };
  /** Other authors who commented from the same address in the last 30 days. */
  sharedAddress: number;
  permalink: string | null;
}

export type Counts = Record<Queue, number>;

export interface SiteSettings {
  mode: 'pre' | 'first-time' | 'post';
  maxDepth: number;
  closeAfterDays: number;
  editWindowSeconds: number;
  maxBodyChars: number;
  requireEmail: boolean;
  linkLimit: number;
  holdWords: string[];
  blockWords: string[];
  toxicityHold: number;
  toxicityReject: number;
  nudge: boolean;
  scorerFailurePolicy: 'hold' | 'publish';
  trustAfterApproved: number;
  reportThreshold: number;
  reportedVisible: boolean;
  floodSeconds: number;
  duplicateWindowHours: number;
  minSubmitSeconds: number;
}

/** A misconfiguration of the server the admin should fix (server/lib/warnings.ts). */
export interface InstanceWarning {
  code: 'PUBLIC_URL_UNSET' | 'PROXY_HOPS_UNTRUSTED' | 'SECRET_GENERATED';
  message: string;
}

export interface Site extends SiteRef {
  allowedOrigins: string[];
  locale: string;
  settings: SiteSettings;
  embedSnippet: string;
  /** Origins the site refused lately (embeds on pages it does not allow), newest first. */
  refusedOrigins?: Array<{ origin: string; count: number; lastAt: string }>;
}

/** An account as admins see it: the server's DTO (its sites, whether disabled, recent failed logins). */
export type ModeratorAccount = ServerModeratorAccount;

export interface BanInput {
  site: string;
  commentId?: number;
  by?: Array<'email' | 'ip'>;
  email?: string;
  ipHash?: string;
  domain?: string;
  reason?: string;
  message?: string;
  expiresAt?: string;
  rejectPending?: boolean;
  confirmShared?: boolean;
}

export type AuthorAction = 'hold' | 'trust' | 'normal' | 'suspend' | 'unsuspend' | 'warn';

export interface AuthorState {
  mode: 'hold' | 'trust' | null;
  suspendedUntil: string | null;
  suspensionMessage: string | null;
  warning: string | null;
  warnedAt: string | null;
  warningSeenAt: string | null;
}

export interface AuthorView {
  author: { site: string; email: string | null; names: string[]; summary: AuthorSummary; sharedAddress: number };
  state: AuthorState;
  bans: Ban[];
  history: Array<{ id: number; action: string; by: string | null; note: string | null; createdAt: string; details: Record<string, unknown> | null }>;
  comments: ModeratorComment[];
  nextCursor: string | null;
}

/** Who an author request is about. */
export type AuthorRef = { comment: number } | { site: string; email: string };

/** A story on the Stories page (server/admin/articles.ts). */
export type Article = ArticleOut;

export interface ThreadView {
  comment: ModeratorComment;
  ancestors: ModeratorComment[];
  siblingsBefore: ModeratorComment[];
  siblingsAfter: ModeratorComment[];
  replies: ModeratorComment[];
  permalink: string | null;
}

export type ImportFormat = 'disqus' | 'wordpress' | 'parley';

export interface ImportInput {
  site: string;
  format: ImportFormat;
  dryRun: boolean;
  mapDomains: string[];
  mapPaths: string[];
  keyBy: 'url' | 'identifier' | 'post-id';
  includePingbacks: boolean;
  score: boolean;
}

/** What an import reports (server/imports/types.ts ImportSummary), the parts the page shows. */
export interface ImportSummary {
  dryRun: boolean;
  threads: { read: number; withComments: number; deleted: number; withoutUrl: number };
  articles: { created: number; existing: number };
  comments: {
    read: number;
    written: Record<string, number>;
    writtenTotal: number;
    alreadyImported: number;
    skipped: Record<string, number>;
    orphans: number;
    queuedForScoring: number;
  };
  landing: Array<{ key: string; url: string | null; comments: number; isNew: boolean }>;
  landingTotal: number;
  collisions: Array<{ key: string; urls: string[] }>;
  missingParents: Array<{ ref: string; parentRef: string; key: string }>;
  durationMs: number;
}

export interface ImportRun {
  id: number;
  site: string | null;
  format: ImportFormat;
  dryRun: boolean;
  status: 'waiting' | 'running' | 'done' | 'failed';
  progress: { phase?: string; bytes?: number; totalBytes?: number | null; threads?: number; comments?: number; written?: number; toWrite?: number };
  summary: ImportSummary | null;
  error: { code?: string; message?: string; line?: number | null; reason?: string } | null;
}

export interface Session {
  moderator: Moderator;
  csrfToken: string;
  sites: SiteRef[];
}

/** The payload of an `event: queue` server-sent event. */
export interface QueueEvent {
  commentId: number;
  site: string;
  status: string;
  previous: string | null;
}

export interface Filters {
  queue: Queue;
  site?: string;
  email?: string;
  q?: string;
  article?: string;
  sort?: Sort;
}

type Query = Record<string, string | number | undefined | null>;

function qs(query: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * One client per <parley-admin>; `onUnauthorized` runs when the session is gone (401 UNAUTHORIZED).
 * Only for a request sent in the current session: one sent before a logout or a login (the queue's
 * refresh, still in flight) is answered 401 for the session that ended, and must not end the next one.
 */
export function createAdminApi(base: string, onUnauthorized: () => void) {
  let csrf = '';
  /** Counts sessions in this page: bumped by every login, session restore and logout. */
  let session = 0;
  const unauthorized = (sentIn: number) => {
    if (sentIn !== session) return;
    csrf = '';
    onUnauthorized();
  };

  async function send<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const sentIn = session;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (UNSAFE.has(method) && csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (err) {
      throw new ApiError(0, 'NETWORK', String(err));
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as { error?: Partial<ApiError> & Record<string, unknown> } | null;
    if (res.ok && data) return data as T;
    const e = data?.error;
    const error = new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, e?.fields ?? [], e?.retryAfter, undefined, e);
    // A token rotated by another tab (a second login) is recoverable: fetch the current one once.
    if (error.code === 'CSRF_FAILED' && !retried && path !== '/me' && path !== '/login') {
      const me = await send<Session>('GET', '/me');
      csrf = me.csrfToken;
      return send<T>(method, path, body, true);
    }
    if (res.status === 401 && error.code !== 'INVALID_CREDENTIALS') unauthorized(sentIn);
    throw error;
  }

  const remember = <T extends { csrfToken: string }>(s: T): T => {
    session++;
    csrf = s.csrfToken;
    return s;
  };

  return {
    base,
    login: async (email: string, password: string) =>
      remember(await send<{ moderator: Moderator; csrfToken: string }>('POST', '/login', { email, password })),
    logout: async () => {
      try {
        await send<void>('POST', '/logout', {});
      } finally {
        session++;
        csrf = '';
      }
    },
    me: async () => remember(await send<Session>('GET', '/me')),
    comments: (f: Filters, cursor?: string | null, limit = 25) =>
      send<{ comments: ModeratorComment[]; nextCursor: string | null }>(
        'GET',
        `/comments${qs({ ...f, cursor, limit })}`,
      ),
    counts: (site?: string) => send<{ counts: Counts; cap: number }>('GET', `/queues/counts${qs({ site })}`),
    comment: (id: number) => send<CommentDetail>('GET', `/comments/${id}`),
    /** `from`: the status the moderator saw; another moderator's decision since then is a 409, not overwritten. */
    act: (id: number, action: Action, reason?: string, from?: ModeratorComment['status']) =>
      send<{ comment: ModeratorComment; undo: string | null }>('POST', `/comments/${id}/actions`, { action, reason, from }),
    /**
     * `from`: per comment id, the status the moderator saw; a comment decided by someone else since then
     * is left as it is and listed in `conflicts`.
     */
    bulk: (ids: number[], action: Action, reason?: string, from?: Record<number, ModeratorComment['status']>) =>
      send<BulkAnswer>('POST', '/comments/bulk', { ids, action, reason, from }),
    undo: (batch: string) => send<{ restored: number; skipped: number }>('POST', '/undo', { batch }),
    thread: (id: number) => send<ThreadView>('GET', `/comments/${id}/thread`),
    author: (ref: AuthorRef, cursor?: string | null) => send<AuthorView>('GET', `/authors${qs({ ...ref, cursor })}`),
    actOnAuthor: (ref: AuthorRef, input: { action: AuthorAction; days?: number; message?: string }) =>
      send<{ state: AuthorState; undo: string | null }>('POST', '/authors/actions', { ...ref, ...input }),
    articles: (query: { site?: string; q?: string; limit?: number }) => send<{ articles: Article[] }>('GET', `/articles${qs(query)}`),
    patchArticle: (id: number, patch: { closed?: boolean; premod?: boolean; title?: string | null; url?: string | null }) =>
      send<{ article: Article; undo: string | null }>('PATCH', `/articles/${id}`, patch),
    auditActors: (site?: string) => send<{ actors: Array<{ id: number; name: string; email: string }> }>('GET', `/audit/actors${qs({ site })}`),
    reply: (id: number, body: string) => send<{ comment: ModeratorComment }>('POST', `/comments/${id}/reply`, { body }),
    bans: (site?: string) => send<{ bans: Ban[] }>('GET', `/bans${qs({ site })}`),
    ban: (input: BanInput) => send<{ bans: Ban[]; rejected: number; undo: string }>('POST', '/bans', input),
    unban: (id: number) => send<{ undo: string }>('DELETE', `/bans/${id}`),
    sites: () => send<{ sites: Site[]; warnings?: InstanceWarning[] }>('GET', '/sites'),
    createSite: (input: { slug: string; name: string; allowedOrigins: string[]; locale: string }) =>
      send<{ site: Site }>('POST', '/sites', input),
    patchSite: (slug: string, patch: Partial<Pick<Site, 'name' | 'allowedOrigins' | 'locale' | 'settings'>>) =>
      send<{ site: Site }>('PATCH', `/sites/${encodeURIComponent(slug)}`, patch),
    moderators: () => send<{ moderators: ModeratorAccount[] }>('GET', '/moderators'),
    createModerator: (input: { email: string; name: string; password: string; role: Role; sites: string[]; locale?: string }) =>
      send<{ moderator: ModeratorAccount }>('POST', '/moderators', input),
    patchModerator: (
      id: number,
      patch: Partial<{ name: string; role: Role; sites: string[]; disabled: boolean; password: string }>,
    ) => send<{ moderator: ModeratorAccount }>('PATCH', `/moderators/${id}`, patch),
    clearLoginThrottle: (id: number) => send<{ moderator: ModeratorAccount; cleared: number }>('DELETE', `/moderators/${id}/login-throttle`),
    audit: (filters: Query, cursor?: string | null) =>
      send<{ entries: AuditEntry[]; nextCursor: string | null }>('GET', `/audit${qs({ ...filters, cursor })}`),
    notifications: () => send<NotificationStatus>('GET', '/notifications'),
    alerts: () => send<{ alerts: AlertSetting[] }>('GET', '/alerts'),
    setAlerts: (alerts: Array<{ site: string; cadence: Cadence }>) => send<{ alerts: AlertSetting[] }>('PUT', '/alerts', { alerts }),
    webhooks: (slug: string) => send<{ endpoints: WebhookEndpoint[] }>('GET', `/sites/${encodeURIComponent(slug)}/webhooks`),
    createWebhook: (slug: string, input: WebhookInput) =>
      send<{ endpoint: WebhookEndpoint; secret: string }>('POST', `/sites/${encodeURIComponent(slug)}/webhooks`, input),
    patchWebhook: (id: number, patch: Partial<WebhookInput> & { enabled?: boolean }) =>
      send<{ endpoint: WebhookEndpoint }>('PATCH', `/webhooks/${id}`, patch),
    deleteWebhook: (id: number) => send<void>('DELETE', `/webhooks/${id}`),
    rotateWebhook: (id: number) => send<{ endpoint: WebhookEndpoint; secret: string }>('POST', `/webhooks/${id}/rotate`),
    deliveries: (id: number) => send<{ deliveries: WebhookDelivery[] }>('GET', `/webhooks/${id}/deliveries`),
    testWebhook: (id: number) => send<{ delivery: WebhookDelivery }>('POST', `/webhooks/${id}/test`),
    createImport: (input: ImportInput) => send<{ import: ImportRun }>('POST', '/imports', input),
    importRun: (id: number) => send<{ import: ImportRun }>('GET', `/imports/${id}`),
    /**
     * Uploads an import's file. XMLHttpRequest rather than fetch: it reports upload progress, and the
     * server reads the file as it arrives, so sent bytes are read bytes. Resolves with the finished run.
     */
    uploadImport: (id: number, file: Blob, onProgress: (sent: number, total: number) => void) =>
      new Promise<ImportRun>((resolve, reject) => {
        const sentIn = session;
        const xhr = new XMLHttpRequest();
        xhr.open('PUT', `${base}/imports/${id}/file`);
        xhr.setRequestHeader('content-type', 'application/octet-stream');
        if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
        xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total || file.size);
        xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload failed.'));
        xhr.onload = () => {
          let data: { import?: ImportRun; error?: Partial<ApiError> & { line?: number; reason?: string } } | null = null;
          try {
            data = JSON.parse(xhr.responseText);
          } catch {
            // answered below
          }
          if (xhr.status === 200 && data?.import) return resolve(data.import);
          const e = data?.error;
          const error = new ApiError(xhr.status, e?.code ?? `HTTP_${xhr.status}`, e?.message ?? xhr.statusText);
          if (xhr.status === 401) unauthorized(sentIn);
          reject(error);
        };
        xhr.send(file);
      }),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;

export type Cadence = 'immediate' | 'hourly' | 'daily' | 'never';
export const CADENCES: readonly Cadence[] = ['immediate', 'hourly', 'daily', 'never'];

export interface NotificationStatus {
  email: boolean;
  from: string | null;
  /** Admins only (it counts every site's outbox); null for moderators. */
  backlog: { events: number; mails: number; mailsDue: number; deliveries: number; oldestSeconds: number } | null;
}

export interface AlertSetting {
  site: string;
  name: string;
  cadence: Cadence;
}

export const WEBHOOK_EVENTS = [
  'comment.created',
  'comment.approved',
  'comment.rejected',
  'comment.spam',
  'comment.reported',
  'comment.deleted',
  'article.closed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookInput {
  url: string;
  events: WebhookEvent[];
  format: 'standard' | 'slack';
  description?: string | null;
}

export interface WebhookEndpoint extends WebhookInput {
  id: number;
  site: string;
  description: string | null;
  enabled: boolean;
  previousSecretUntil: string | null;
  createdAt: string;
}

export interface WebhookDelivery {
  id: number;
  messageId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  log: Array<{ at: string; status: number | null; error: string | null; response: string | null; ms: number }>;
}
