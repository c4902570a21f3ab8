// The shapes the moderation pipeline passes between its phases.
import type { Database } from '../db/client.js';
import type { Reason } from '../db/schema.js';
import type { AuthorDesk } from '../comments/store.js';
import type { Hasher } from '../lib/crypto.js';
import type { Logger } from '../lib/log.js';
import type { Site } from '../sites/store.js';
import type { SiteSettings } from '../sites/settings.js';
import type { Scorer } from './scorers/scorer.js';

export type VerdictStatus = 'approved' | 'pending' | 'spam' | 'rejected';

export interface Verdict {
  status: VerdictStatus;
  reasons: Reason[];
}

export interface ModerationInput {
  /** 'create' for a new comment, 'edit' when its author changes the text (flood and duplicate rules skip edits). */
  kind: 'create' | 'edit';
  body: string;
  name: string;
  email: string | null;
  website: string | null;
  honeypot?: string;
  formToken?: string;
  acknowledgeNudge?: boolean;
  ipHash: string;
  /** Set when a logged-in moderator of the site writes the comment. */
  moderatorId?: number | null;
  /** The hash of the author token the comment came with (proves a trusted author is themselves). */
  tokenHash?: string | null;
  /** The comment being edited. */
  commentId?: number;
}

export interface ScoringState {
  /** 'partial': some of several scorers answered; the comment was judged on their scores. */
  state: 'skipped' | 'scored' | 'partial' | 'unscored';
  /** As stored (see scores.ts): the merged score per attribute, and each scorer's own. */
  scores?: Record<string, number>;
  /** Why scoring failed (or which scorers did), for the reasons list and the re-scoring job. */
  failure?: string;
  language?: string;
  /** A re-scoring job should try again: every failed comment, and a partial one whose missing scorer may come back. */
  retry?: boolean;
}

export interface ModerationDeps {
  database: Pick<Database, 'query'>;
  scorer: Scorer;
  hasher: Hasher;
  logger: Logger;
}

export interface ModerationContext {
  site: Site;
  settings: SiteSettings;
  /** id null: the article does not exist yet (first comment creates it). */
  article: { id: number | null; key: string; closed: boolean; premod?: boolean; createdAt: Date | null };
  input: ModerationInput;
  now: Date;
  deps: ModerationDeps;
  /** Filled by the toxicity phase; stored with the comment. */
  scoring: ScoringState;
  /** Memoized facts several phases share, each loaded at most once per comment. */
  facts: ModerationFacts;
}

/**
 * Facts about the author that phases share. All of them come from one query, run at most once per
 * comment (the posting path loads them together with the article before the pipeline starts).
 */
export interface ModerationFacts {
  /** Approved comments by this email on this site (0 without an email). */
  approvedCount(): Promise<number>;
  /** A ban on this site matches the author's email, its domain or their IP hash. */
  banned(): Promise<boolean>;
  /** The matching ban's message to the author and its end, when banned. */
  ban(): Promise<{ message: string | null; until: Date | null } | null>;
  /** What moderators decided about this author: always hold, trust, a suspension. */
  desk(): Promise<AuthorDesk>;
  /** The author's (IP hash or email) latest comment on the site within the flood interval, or null. */
  lastPostAt(): Promise<Date | null>;
  /** The author posted this exact text in this article within the duplicate window (new comments only). */
  duplicate(): Promise<boolean>;
  /** The email confirmed a reply subscription on this site (notifications): proof of controlling it. */
  emailConfirmed(): Promise<boolean>;
  /** The post proves the writer owns the email: a token issued to it before, or the email confirmed. */
  emailProven(): Promise<boolean>;
}

/** One rule. Throw an AppError to refuse the comment outright; return a verdict to decide; return nothing to pass. */
export interface Phase {
  name: string;
  run(ctx: ModerationContext): Verdict | undefined | Promise<Verdict | undefined>;
}
