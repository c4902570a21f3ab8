// The single source of truth for Parley's tables. drizzle-kit generates migrations/ from this file.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });

/** Comment statuses; the only values the status column takes. */
export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** One moderation reason, stored as data and rendered for moderators. */
export interface Reason {
  code: string;
  message: string;
  [detail: string]: unknown;
}

export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const sites = pgTable('sites', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
  locale: text('locale').notNull().default('en'),
  // Moderation and behaviour settings, validated by server/sites/settings.ts (defaults filled on read).
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const articles = pgTable(
  'articles',
  {
    id: id(),
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    url: text('url'),
    title: text('title'),
    closed: boolean('closed').notNull().default(false),
    // A moderator's "pre-moderate this story": every new comment on it waits for review.
    premod: boolean('premod').notNull().default(false),
    // Bumped by every change visible in the public thread; the ETag and the cache key derive from it.
    version: integer('version').notNull().default(1),
    commentCount: integer('comment_count').notNull().default(0),
    // Bumped by every reaction on the article's comments. Reaction counts and the "best" order key on
    // it (with version), so a reaction does not invalidate the oldest/newest pages (server/threads/).
    reactionVersion: integer('reaction_version').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    // The source thread of an imported article ('disqus:thread:123', 'wordpress:post:45', ...); see server/imports/.
    importRef: text('import_ref'),
  },
  (t) => [uniqueIndex('articles_site_key_uq').on(t.siteId, t.key)],
);

export const comments = pgTable(
  'comments',
  {
    id: id(),
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    articleId: ref('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    parentId: ref('parent_id'),
    // The top-level ancestor: threads page by it. A trigger (migration 0001) sets it to the comment's
    // own id for a top-level comment, which an insert cannot know in advance.
    rootId: ref('root_id').notNull().default(0),
    depth: integer('depth').notNull().default(0),
    authorName: text('author_name').notNull(),
    authorEmail: text('author_email'),
    authorWebsite: text('author_website'),
    // Set when a logged-in moderator wrote the comment.
    moderatorId: ref('moderator_id'),
    body: text('body').notNull(),
    status: text('status', { enum: COMMENT_STATUSES }).notNull(),
    reasons: jsonb('reasons').$type<Reason[]>().notNull().default([]),
    scores: jsonb('scores').$type<Record<string, number>>(),
    // 'scored' | 'partial' (some of several scorers answered) | 'unscored' (scorer failed; a job will retry) | 'skipped' (no scorer or not needed)
    scoreState: text('score_state').notNull().default('skipped'),
    ipHash: text('ip_hash'),
    userAgent: text('user_agent'),
    authorTokenHash: text('author_token_hash'),
    reportCount: integer('report_count').notNull().default(0),
    reportedAt: ts('reported_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    editedAt: ts('edited_at'),
    moderatedAt: ts('moderated_at'),
    moderatedBy: ref('moderated_by'),
    // The article version whose bump last changed this comment's public form (published, edited,
    // taken down); null while it was never public. Written only by parley_bump_article, the insert
    // (migration 0008) and a moderator's one-statement action (server/admin/actions.ts, with the version
    // parley_bump_article returned), so a thread cache at version v finds what changed since with one index range.
    articleVersion: integer('article_version'),
    // An editor's pick: set by a moderator, published as `featured` on the public comment.
    featuredAt: ts('featured_at'),
    featuredBy: ref('featured_by'),
    // Readers' reactions ("Respect"), one per reader (comment_reactions); kept here for the best sort.
    reactionCount: integer('reaction_count').notNull().default(0),
    // The source id of an imported comment ('disqus:299744309', 'wordpress:8', ...): a re-run skips it.
    importRef: text('import_ref'),
  },
  (t) => [
    uniqueIndex('comments_import_ref_uq').on(t.siteId, t.importRef).where(sql`import_ref is not null`),
    index('comments_thread_idx').on(t.articleId, t.status, t.rootId, t.id),
    index('comments_queue_idx').on(t.siteId, t.status, t.createdAt, t.id),
    index('comments_reported_idx').on(t.siteId, t.reportedAt, t.id).where(sql`reported_at is not null`),
    index('comments_email_idx').on(t.siteId, t.authorEmail, t.createdAt),
    index('comments_ip_idx').on(t.ipHash, t.createdAt),
    index('comments_token_idx').on(t.authorTokenHash, t.articleId),
    index('comments_parent_idx').on(t.parentId),
    index('comments_article_version_idx').on(t.articleId, t.articleVersion).where(sql`article_version is not null`),
    // The duplicate check (parley_is_duplicate, migration 0013) looks up this article's comments with
    // the same text, so its cost does not grow with the author's (or their address's) history.
    index('comments_duplicate_idx').on(t.articleId, sql`md5(${t.body})`, t.createdAt),
  ],
);

/**
 * Comments per site and moderation queue (pending, reported, spam, rejected, approved), so the
 * admin view's counts are read, not counted. A trigger on comments (migration 0005) appends each
 * change to queue_count_deltas without locking a counter row; parley_fold_queue_counts() moves
 * them into these totals. The count of a queue is its total plus its unfolded deltas.
 */
export const queueCounts = pgTable(
  'queue_counts',
  {
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    queue: text('queue').notNull(),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.queue] })],
);

export const queueCountDeltas = pgTable('queue_count_deltas', {
  id: id(),
  // No foreign key: deleting a site deletes its comments, whose trigger writes deltas for it; the
  // fold drops the deltas of sites that no longer exist.
  siteId: ref('site_id').notNull(),
  queue: text('queue').notNull(),
  delta: integer('delta').notNull(),
});

export const commentReports = pgTable(
  'comment_reports',
  {
    id: id(),
    commentId: ref('comment_id').notNull().references(() => comments.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    note: text('note'),
    reporterHash: text('reporter_hash').notNull(),
    // The reporter's client address hash: a report counts once per address as well as per token
    // (a made-up token is free), and the address's reports are rate-limited. Null on imported reports.
    ipHash: text('ip_hash'),
    createdAt: ts('created_at').notNull().defaultNow(),
    // Set on reports brought in by a Parley import; (comment, reporter) keeps a re-run from repeating them.
    importRef: text('import_ref'),
  },
  (t) => [
    uniqueIndex('comment_reports_once_uq').on(t.commentId, t.reporterHash),
    uniqueIndex('comment_reports_address_uq').on(t.commentId, t.ipHash).where(sql`ip_hash is not null`),
    index('comment_reports_address_idx').on(t.ipHash, t.createdAt).where(sql`ip_hash is not null`),
  ],
);

/**
 * One reaction per comment per reader: reader_hash is 't:' + the author token's hash when the reader
 * has one, else 'i:' + the address hash; and one per address (ip_hash), as reports are counted.
 */
export const commentReactions = pgTable(
  'comment_reactions',
  {
    commentId: ref('comment_id').notNull().references(() => comments.id, { onDelete: 'cascade' }),
    readerHash: text('reader_hash').notNull(),
    ipHash: text('ip_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.commentId, t.readerHash] }),
    // Once per address too, as reports are: a reader cannot add reactions by dropping their token.
    uniqueIndex('comment_reactions_address_uq').on(t.commentId, t.ipHash),
    index('comment_reactions_ip_idx').on(t.ipHash, t.createdAt),
  ],
);

/** Origins a site refused (the embed on a page the site does not allow), for the admin view's "allow". */
export const refusedOrigins = pgTable(
  'refused_origins',
  {
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    origin: text('origin').notNull(),
    count: integer('count').notNull().default(0),
    firstAt: ts('first_at').notNull().defaultNow(),
    lastAt: ts('last_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.origin] })],
);

export const bans = pgTable(
  'bans',
  {
    id: id(),
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    // 'email' | 'ip' (an IP hash) | 'domain' (an email domain)
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    // Why, for moderators only.
    reason: text('reason'),
    // What the banned author is told when they try to comment.
    message: text('message'),
    expiresAt: ts('expires_at'),
    createdBy: ref('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    // Set on bans brought in by a Parley import: a re-run skips them.
    importRef: text('import_ref'),
  },
  (t) => [
    index('bans_lookup_idx').on(t.siteId, t.kind, t.value),
    uniqueIndex('bans_import_ref_uq').on(t.siteId, t.importRef).where(sql`import_ref is not null`),
  ],
);

export const moderators = pgTable('moderators', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  // 'admin' (every site; manages sites and moderators) | 'moderator' (assigned sites only)
  role: text('role').notNull().default('moderator'),
  locale: text('locale').notNull().default('en'),
  disabledAt: ts('disabled_at'),
  lastLoginAt: ts('last_login_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const moderatorSites = pgTable(
  'moderator_sites',
  {
    moderatorId: ref('moderator_id').notNull().references(() => moderators.id, { onDelete: 'cascade' }),
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.moderatorId, t.siteId] })],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie token; the token itself is never stored.
    tokenHash: text('token_hash').primaryKey(),
    moderatorId: ref('moderator_id').notNull().references(() => moderators.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ipHash: text('ip_hash'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_moderator_idx').on(t.moderatorId)],
);

export const loginAttempts = pgTable('login_attempts', {
  // 'pair:<ip hash>:<email>' (the account from one address: locks), 'ip:<hash>' (the address: locks),
  // 'email:<address>' (the account from anywhere: slows, never locks); see server/auth/throttle.ts
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: ts('window_start').notNull().defaultNow(),
  lockedUntil: ts('locked_until'),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    siteId: ref('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    commentId: ref('comment_id'),
    // 'system' | 'moderator' | 'author' | 'reader'
    actorType: text('actor_type').notNull(),
    actorId: ref('actor_id'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reasons: jsonb('reasons').$type<Reason[]>().notNull().default([]),
    note: text('note'),
    // The article an entry is about (a comment's, or a story switch), for the log's article filter.
    articleId: ref('article_id'),
    // The author an entry is about ('e:' + email or 't:' + author-token hash), for the author view.
    authorKey: text('author_key'),
    // Entries written by one moderator action share a batch; undoing the action undoes the batch.
    batch: text('batch'),
    // What undo needs and the log shows: the state before and after (see server/admin/undo.ts),
    // or a settings change as { changes: { field: [old, new] } }.
    details: jsonb('details').$type<Record<string, unknown>>(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('audit_site_idx').on(t.siteId, t.createdAt),
    index('audit_comment_idx').on(t.commentId),
    index('audit_actor_idx').on(t.actorId, t.createdAt),
    index('audit_article_idx').on(t.articleId, t.createdAt).where(sql`article_id is not null`),
    index('audit_author_idx').on(t.siteId, t.authorKey, t.createdAt).where(sql`author_key is not null`),
    index('audit_batch_idx').on(t.batch).where(sql`batch is not null`),
  ],
);

/**
 * What moderators decided about one author on one site, beyond bans: always hold or always trust
 * them, a suspension with a message, a warning shown on their next visit. An author is their email
 * ('e:' + address) or, without one, their author token ('t:' + its hash).
 */
export const authorStates = pgTable(
  'author_states',
  {
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    authorKey: text('author_key').notNull(),
    // 'hold' | 'trust' | null
    mode: text('mode'),
    suspendedUntil: ts('suspended_until'),
    suspensionMessage: text('suspension_message'),
    warning: text('warning'),
    warnedAt: ts('warned_at'),
    warningSeenAt: ts('warning_seen_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: ref('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.authorKey] })],
);

export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    commentId: ref('comment_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    runAt: ts('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lockedUntil: ts('locked_until'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('jobs_due_idx').on(t.kind, t.runAt), uniqueIndex('jobs_kind_comment_uq').on(t.kind, t.commentId)],
);

// ---------------------------------------------------------------------------------------------
// Notifications (server/notifications/): a durable outbox of events, emails and webhook deliveries.

/**
 * What happened to a comment or an article, written by triggers (migration *_notification_triggers) in the same
 * transaction as the change, whoever made it. The notifications worker turns each event into
 * emails and webhook deliveries (in one transaction, then deletes it). `SET LOCAL parley.notify =
 * 'off'` in a transaction (imports) writes none.
 */
export const notificationEvents = pgTable('notification_events', {
  id: id(),
  // comment.created | comment.approved | comment.rejected | comment.spam | comment.deleted |
  // comment.held (back to pending) | comment.reported | article.closed
  type: text('type').notNull(),
  siteId: ref('site_id').notNull(),
  articleId: ref('article_id').notNull(),
  commentId: ref('comment_id'),
  status: text('status'),
  previous: text('previous'),
  // The moderator who made the change, when one did.
  actorId: ref('actor_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A reader's address on a site, after they ticked "Notify me of replies by email". */
export const subscribers = pgTable(
  'subscribers',
  {
    id: id(),
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    // Set by the link in the confirmation email; nothing else is ever sent before it.
    confirmedAt: ts('confirmed_at'),
    // Unsubscribed from the whole site: nothing more is sent until the address confirms again.
    unsubscribedAt: ts('unsubscribed_at'),
    confirmSentAt: ts('confirm_sent_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subscribers_site_email_uq').on(t.siteId, t.email), index('subscribers_email_idx').on(t.email)],
);

/** One thread (article) a subscriber follows: replies to their comments in it are emailed. */
export const threadSubscriptions = pgTable(
  'thread_subscriptions',
  {
    subscriberId: ref('subscriber_id').notNull().references(() => subscribers.id, { onDelete: 'cascade' }),
    articleId: ref('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    // Unsubscribed from this thread; a later opt-in does not revive it.
    unsubscribedAt: ts('unsubscribed_at'),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.articleId] })],
);

/** A moderator's choice, per site, for alerts about held and reported comments. */
export const moderatorAlerts = pgTable(
  'moderator_alerts',
  {
    moderatorId: ref('moderator_id').notNull().references(() => moderators.id, { onDelete: 'cascade' }),
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    // 'immediate' | 'hourly' | 'daily' | 'never'
    cadence: text('cadence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.moderatorId, t.siteId] })],
);

/** One email in the outbox. Items arriving for an open email of the same group join it (batching). */
export const mails = pgTable(
  'mails',
  {
    id: id(),
    // 'confirm' | 'reader' | 'moderator' | 'scorer'
    kind: text('kind').notNull(),
    siteId: ref('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    toEmail: text('to_email').notNull(),
    subscriberId: ref('subscriber_id').references(() => subscribers.id, { onDelete: 'cascade' }),
    moderatorId: ref('moderator_id').references(() => moderators.id, { onDelete: 'cascade' }),
    articleId: ref('article_id'),
    // Open emails of one group (a reader's thread, a moderator's site and cadence) take new items.
    groupKey: text('group_key'),
    items: jsonb('items').$type<MailItem[]>().notNull().default([]),
    // 'open' (taking items until send_after) | 'sending' (claimed or retrying) | 'sent' | 'dropped'
    status: text('status').notNull().default('open'),
    sendAfter: ts('send_after').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    // The client address hash behind a confirmation email, to cap them per address.
    ipHash: text('ip_hash'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    uniqueIndex('mails_open_group_uq').on(t.groupKey).where(sql`status = 'open'`),
    index('mails_due_idx').on(t.sendAfter).where(sql`status in ('open', 'sending')`),
    index('mails_group_idx').on(t.groupKey, t.sentAt),
    index('mails_to_idx').on(t.toEmail, t.createdAt),
  ],
);

/** What an email is about: a comment and why (reply, approved, held, reported). */
export interface MailItem {
  c: number;
  k: 'reply' | 'approved' | 'held' | 'reported';
}

/** A site's webhook endpoint. The secret signs deliveries; it is shown once, when created or rotated. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: id(),
    siteId: ref('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    // 'standard' (Standard Webhooks JSON) | 'slack' (a message with a link)
    format: text('format').notNull().default('standard'),
    secret: text('secret').notNull(),
    // After a rotation deliveries carry both signatures until this time, so receivers can switch.
    previousSecret: text('previous_secret'),
    previousUntil: ts('previous_until'),
    description: text('description'),
    disabledAt: ts('disabled_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_site_idx').on(t.siteId)],
);

/** One event to one endpoint: the exact signed body, retried with backoff, its last responses kept. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    endpointId: ref('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    // webhook-id: the same on every retry, so receivers can de-duplicate.
    messageId: text('message_id').notNull(),
    type: text('type').notNull(),
    commentId: ref('comment_id'),
    payload: text('payload').notNull(),
    // 'pending' | 'delivered' | 'failed' (gave up)
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    // The last attempts, newest first: { at, status, error, response (first bytes), ms }.
    log: jsonb('log').$type<DeliveryAttempt[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
    index('webhook_deliveries_comment_idx').on(t.commentId),
  ],
);

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  response: string | null;
  ms: number;
}
/**
 * One import (server/imports/): who started it, its options, its progress while it runs (read by the
 * admin view's progress bar from any process) and its summary when it ends.
 */
export const importRuns = pgTable(
  'import_runs',
  {
    id: id(),
    siteId: ref('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    // 'disqus' | 'wordpress' | 'parley'
    format: text('format').notNull(),
    dryRun: boolean('dry_run').notNull().default(false),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    // 'waiting' (for its file) | 'running' | 'done' | 'failed'
    status: text('status').notNull().default('waiting'),
    progress: jsonb('progress').$type<Record<string, unknown>>().notNull().default({}),
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<Record<string, unknown>>(),
    // null: started from the command line
    createdBy: ref('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    // Moves with the progress; a running import that stops moving for long has died with its process.
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('import_runs_site_idx').on(t.siteId, t.createdAt)],
);

/**
 * What an import read from its file, parsed and checked, before it is applied: the parser streams
 * rows here so the process keeps no file-sized state, and PostgreSQL orders, links and counts them.
 * Rows live only while their run works; nothing else reads them.
 */
export const importItems = pgTable(
  'import_items',
  {
    runId: ref('run_id').notNull().references(() => importRuns.id, { onDelete: 'cascade' }),
    // Position in the file.
    seq: integer('seq').notNull(),
    // 'thread' | 'comment' | 'report' | 'ban'
    kind: text('kind').notNull(),
    // Links rows within the file (a reply names its parent's ref).
    ref: text('ref').notNull(),
    // What the stored row keeps as its import_ref (usually the same as ref).
    importRef: text('import_ref').notNull(),
    // Comments: their thread's ref.
    threadRef: text('thread_ref'),
    // Comments: their parent's ref; reports: their comment's ref.
    parentRef: text('parent_ref'),
    createdAt: ts('created_at'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    // Threads: the article key they map to (null: no usable URL); comments: their thread's, once planned.
    key: text('key'),
    // Set while planning. skip: why a comment is not written (null: it is); orphan: its parent is
    // nowhere, so it is written at the top level; level: its depth within the file's own tree;
    // ord: the order comments are written in.
    skip: text('skip'),
    orphan: boolean('orphan').notNull().default(false),
    level: integer('level'),
    ord: integer('ord'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.seq] }),
    index('import_items_ref_idx').on(t.runId, t.kind, t.ref),
    index('import_items_ord_idx').on(t.runId, t.ord),
  ],
);
