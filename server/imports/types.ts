// What the import parsers produce and the import writer consumes, and what an import reports.
import type { CommentStatus, Reason } from '../db/schema.js';

export const IMPORT_FORMATS = ['disqus', 'wordpress', 'parley'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A file the importer cannot read: refused whole, with where and why. */
export class ImportFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null,
    readonly column: number | null = null,
  ) {
    super(line === null ? reason : `line ${line}${column ? `, column ${column}` : ''}: ${reason}`);
    this.name = 'ImportFormatError';
  }
}

/** A discussion in the source: becomes (or joins) one article. */
export interface ThreadRecord {
  kind: 'thread';
  /** Links the thread's comments to it within this file. */
  ref: string;
  /** Kept on the article it creates (import_ref). */
  importRef: string;
  /** The page URL from the source (Disqus <link>, WordPress <link>), before mapping. */
  url: string | null;
  /** Disqus's identifier (<id>) or WordPress's post id, for --key-by. */
  identifier: string | null;
  /** A Parley export's article key: used as it is (after mapping when it is a URL). */
  key?: string | null;
  title: string | null;
  closed: boolean;
  /** A Parley export's story pre-moderation flag. */
  premod?: boolean;
  deleted: boolean;
  createdAt: Date | null;
  line: number | null;
}

/** Fields only a Parley export carries, kept as they are. */
export interface ParleyCommentFields {
  reasons: Reason[];
  scores: Record<string, number> | null;
  scoreState: string;
  reportCount: number;
  reportedAt: Date | null;
  updatedAt: Date | null;
  editedAt: Date | null;
  moderatedAt: Date | null;
  featuredAt: Date | null;
  featuredByEmail: string | null;
  moderatedByEmail: string | null;
  moderatorEmail: string | null;
  userAgent: string | null;
}

export interface CommentRecord {
  kind: 'comment';
  /** Links replies (and reports) to it within this file. */
  ref: string;
  /** Kept on the stored comment (import_ref) when it differs from ref (a Parley export's earlier ref). */
  importRef?: string;
  threadRef: string;
  parentRef: string | null;
  createdAt: Date | null;
  status: CommentStatus;
  /** Plain text (already converted from the source's HTML). */
  body: string;
  authorName: string;
  authorEmail: string | null;
  authorWebsite: string | null;
  /** A raw address from the source: hashed by the writer before anything is stored. */
  ip: string | null;
  /** An address already hashed (a Parley export). */
  ipHash?: string | null;
  parley?: ParleyCommentFields;
  line: number | null;
}

export interface ReportRecord {
  kind: 'report';
  ref: string;
  commentRef: string;
  reason: string;
  note: string | null;
  reporterHash: string | null;
  createdAt: Date | null;
  line: number | null;
}

export interface BanRecord {
  kind: 'ban';
  ref: string;
  banKind: 'email' | 'ip' | 'domain';
  value: string | null;
  reason: string | null;
  message?: string | null;
  expiresAt: Date | null;
  createdAt: Date | null;
  createdByEmail: string | null;
  line: number | null;
}

/** A moderator's standing decision about one author (hold, trust, suspension, warning); Parley exports only. */
export interface AuthorStateRecord {
  kind: 'author';
  ref: string;
  /** 'e:' + email or 't:' + token hash, as Parley keys authors. */
  authorKey: string;
  mode: 'hold' | 'trust' | null;
  suspendedUntil: Date | null;
  suspensionMessage: string | null;
  warning: string | null;
  warnedAt: Date | null;
  warningSeenAt: Date | null;
  updatedAt: Date | null;
  updatedByEmail: string | null;
  line: number | null;
}

export type ImportRecord = ThreadRecord | CommentRecord | ReportRecord | BanRecord | AuthorStateRecord;

/** Site settings from a Parley export's header: used when the import creates the site. */
export interface SiteRecord {
  slug: string;
  name: string;
  allowedOrigins: string[];
  locale: string;
  settings: Record<string, unknown>;
}

/** What a parser tells the writer besides its records. */
export interface ParseStats {
  /** Comments the parser left out on purpose, by reason (pingbacks, no id, ...). */
  skipped: Record<string, number>;
  /** Site settings (Parley exports). */
  site?: SiteRecord;
}

export type RecordSink = (record: ImportRecord) => void | Promise<void>;

export interface ImportOptions {
  dryRun: boolean;
  /** Host or origin rewrites applied to thread URLs before they become keys: old -> new. */
  mapDomains: Array<{ from: string; to: string }>;
  /** Path prefix rewrites applied after the domain ones. */
  mapPaths: Array<{ from: string; to: string }>;
  /** What an article key comes from: the page URL (default) or the source's own id. */
  keyBy: 'url' | 'identifier' | 'post-id';
  /** WordPress: import pingbacks and trackbacks too. */
  includePingbacks: boolean;
  /** Queue imported comments for scoring by the re-scoring job. */
  score: boolean;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  dryRun: false,
  mapDomains: [],
  mapPaths: [],
  keyBy: 'url',
  includePingbacks: false,
  score: false,
};

export interface ImportProgress {
  phase: 'reading' | 'planning' | 'writing' | 'finishing' | 'done' | 'failed';
  bytes: number;
  /** The file's size when known (CLI, Content-Length). */
  totalBytes: number | null;
  threads: number;
  comments: number;
  /** Comments written so far, and how many will be. */
  written: number;
  toWrite: number;
}

const LIST_CAP = 100;
export { LIST_CAP as SUMMARY_LIST_CAP };

export interface ImportSummary {
  format: ImportFormat;
  site: string;
  dryRun: boolean;
  /** Whether the import created the site (Parley exports into a new site). */
  siteCreated: boolean;
  threads: { read: number; withComments: number; deleted: number; withoutUrl: number };
  articles: { created: number; existing: number };
  comments: {
    read: number;
    /** Written (or, in a dry run, would be), by status. */
    written: Record<CommentStatus, number>;
    writtenTotal: number;
    alreadyImported: number;
    /** Not written, by reason (pingback, thread-deleted, unknown-thread, duplicate, ...). */
    skipped: Record<string, number>;
    /** Written at the top level because their parent is in neither the file nor the site. */
    orphans: number;
    queuedForScoring: number;
  };
  reports: { read: number; written: number };
  bans: { read: number; written: number };
  /** Author states (holds, trusts, suspensions, warnings): Parley exports with personal data only. */
  authors: { read: number; written: number };
  /** Where comments land: the articles with the most comments first (at most LIST_CAP). */
  landing: Array<{ key: string; url: string | null; comments: number; isNew: boolean }>;
  landingTotal: number;
  /** Keys that several source threads normalize or map to (their comments share one article). */
  collisions: Array<{ key: string; urls: string[] }>;
  collisionsTotal: number;
  /** Comments whose parent is missing (written at the top level). */
  missingParents: Array<{ ref: string; parentRef: string; key: string }>;
  /** Threads whose URL gives no usable key, and why. */
  unusableThreads: Array<{ ref: string; url: string | null }>;
  /** Staff accounts named in a Parley export that this Parley does not have. */
  unknownStaff: string[];
  durationMs: number;
  /** Where the time went: reading and staging the file, planning, writing. */
  timings: { readMs: number; planMs: number; writeMs: number };
}
