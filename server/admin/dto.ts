// Admin output shapes (zod, for the OpenAPI document) and the mappers that build them from rows.
import { z } from '@hono/zod-openapi';
import type { CommentRow } from '../comments/dto.js';
import type { ModeratorRow } from '../auth/accounts.js';
import { toReasonData } from '../moderation/reasons.js';
import { readStoredScores } from '../moderation/scores.js';
import type { Site } from '../sites/store.js';

export const ModeratorSchema = z
  .object({ id: z.number().int(), email: z.string(), name: z.string(), role: z.enum(['admin', 'moderator']), locale: z.string() })
  .openapi('Moderator');
export type ModeratorOut = z.infer<typeof ModeratorSchema>;

export function toModerator(row: Pick<ModeratorRow, 'id' | 'email' | 'name' | 'role' | 'locale'>): ModeratorOut {
  return { id: row.id, email: row.email, name: row.name, role: row.role === 'admin' ? 'admin' : 'moderator', locale: row.locale };
}

export const ModeratorAccountSchema = ModeratorSchema.extend({
  sites: z.array(z.string()),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  loginFailures: z.number().int().openapi({ description: 'Failed logins of the account from anywhere in the last 15 minutes (they slow its logins; an admin can clear them)' }),
}).openapi('ModeratorAccount');
export type ModeratorAccount = z.infer<typeof ModeratorAccountSchema>;

export function toModeratorAccount(row: ModeratorRow, sites: string[], loginFailures = 0): ModeratorAccount {
  return {
    ...toModerator(row),
    sites: row.role === 'admin' ? [] : sites,
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    loginFailures,
  };
}

export const ReasonSchema = z
  .object({
    code: z.string().openapi({ description: 'Stable code from the reason catalogue (server/moderation/reasons.ts)' }),
    message: z.string().openapi({ description: 'The reason in English' }),
    params: z.record(z.string(), z.unknown()).optional().openapi({ description: "The code's parameters, to word the reason in another language; absent for codes or rows without them" }),
  })
  .openapi('Reason');

export const AuthorSummarySchema = z
  .object({
    counts: z.object({ approved: z.number().int(), pending: z.number().int(), rejected: z.number().int(), spam: z.number().int(), deleted: z.number().int() }),
    firstSeen: z.string().nullable(),
    lastSeen: z.string().nullable(),
    mode: z.enum(['hold', 'trust']).nullable().openapi({ description: 'Always hold, or trust, this author' }),
    suspendedUntil: z.string().nullable(),
    warned: z.boolean().openapi({ description: 'A warning waits to be shown on their next visit' }),
  })
  .openapi('AuthorSummary');
export type AuthorSummaryOut = z.infer<typeof AuthorSummarySchema>;

export const ReportSummarySchema = z
  .object({
    open: z.number().int().openapi({ description: 'Reports not dismissed yet' }),
    reporters: z.number().int().openapi({ description: 'Distinct readers who sent them' }),
    groups: z.array(
      z.object({
        reason: z.string().openapi({ description: 'spam, abusive, off-topic or other' }),
        count: z.number().int(),
        notes: z.array(z.string()).openapi({ description: "The readers' notes (up to 10 per reason)" }),
      }),
    ),
  })
  .openapi('ReportSummary');
export type ReportSummaryOut = z.infer<typeof ReportSummarySchema>;

export const ModeratorCommentSchema = z
  .object({
    id: z.number().int(),
    site: z.string(),
    articleKey: z.string(),
    articleTitle: z.string().nullable(),
    articleUrl: z.string().nullable(),
    parentId: z.number().int().nullable(),
    depth: z.number().int(),
    authorName: z.string(),
    authorEmail: z.string().nullable(),
    authorWebsite: z.string().nullable(),
    body: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'spam', 'deleted']),
    reasons: z.array(ReasonSchema),
    scores: z.record(z.string(), z.number()).nullable().openapi({ description: 'The score per attribute (the highest any scorer gave)' }),
    scoreSources: z.record(z.string(), z.string()).nullable().openapi({ description: 'Which scorer gave each score' }),
    scorerScores: z
      .record(z.string(), z.record(z.string(), z.number()))
      .nullable()
      .openapi({ description: "Each scorer's own scores, with its raw categories (OpenAI's category_scores)" }),
    scoreState: z.string().openapi({ description: 'scored, partial (some of several scorers answered), unscored (none did; retried) or skipped' }),
    reportCount: z.number().int(),
    reportedAt: z.string().nullable(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    moderatedAt: z.string().nullable(),
    moderatedBy: z.number().int().nullable(),
    featuredAt: z.string().nullable().openapi({ description: "Set while the comment is an editor's pick" }),
    ipHash: z.string().nullable().openapi({ description: 'The first 12 characters of the keyed IP hash: enough to spot the same sender' }),
    author: AuthorSummarySchema.optional().openapi({ description: 'Queue pages: the author on this site (counts, first and last seen, decisions)' }),
    reports: ReportSummarySchema.optional().openapi({ description: "Queue pages and a comment's detail: its readers' reports, grouped by reason" }),
  })
  .openapi('ModeratorComment');
export type ModeratorComment = z.infer<typeof ModeratorCommentSchema>;

/** A stored reason as moderators get it: code, English message, and its parameters when the catalogue knows them. */
export function toReason(reason: { code: unknown; message?: unknown; [param: string]: unknown }): z.infer<typeof ReasonSchema> {
  const { code, message, params } = toReasonData(reason);
  return { code, message: message ?? '', ...(params ? { params } : {}) };
}

function scoreFields(stored: Record<string, number> | null): Pick<ModeratorComment, 'scores' | 'scoreSources' | 'scorerScores'> {
  if (!stored) return { scores: null, scoreSources: null, scorerScores: null };
  const { scores, sources, byScorer } = readStoredScores(stored);
  return { scores, scoreSources: sources, scorerScores: byScorer };
}

/** A comment row with the names a moderator needs next to it. */
export interface CommentWithContext {
  comment: CommentRow;
  siteSlug: string;
  articleKey: string;
  articleTitle: string | null;
  articleUrl: string | null;
}

/** The moderator's view of a comment: everything needed to judge it, and no token or user agent. */
export function toModeratorComment(r: CommentWithContext): ModeratorComment {
  const c = r.comment;
  return {
    id: c.id,
    site: r.siteSlug,
    articleKey: r.articleKey,
    articleTitle: r.articleTitle,
    articleUrl: r.articleUrl,
    parentId: c.parentId,
    depth: c.depth,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    authorWebsite: c.authorWebsite,
    body: c.body,
    status: c.status,
    reasons: (c.reasons ?? []).map(toReason),
    ...scoreFields(c.scores),
    scoreState: c.scoreState,
    reportCount: c.reportCount,
    reportedAt: c.reportedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    moderatedAt: c.moderatedAt?.toISOString() ?? null,
    moderatedBy: c.moderatedBy,
    featuredAt: c.featuredAt?.toISOString() ?? null,
    ipHash: c.ipHash ? c.ipHash.slice(0, 12) : null,
  };
}

export const AdminSiteSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    allowedOrigins: z.array(z.string()),
    locale: z.string(),
    settings: z.record(z.string(), z.unknown()),
    embedSnippet: z.string(),
    refusedOrigins: z
      .array(z.object({ origin: z.string(), count: z.number().int(), lastAt: z.string() }))
      .optional()
      .openapi({ description: 'Origins this site refused lately (the embed on a page it does not allow), newest first; in the list of sites' }),
  })
  .openapi('AdminSite');
export type AdminSite = z.infer<typeof AdminSiteSchema>;

export function embedSnippet(publicUrl: string, slug: string): string {
  return `<script type="module" src="${publicUrl}/embed.js"></script>\n<parley-comments site="${slug}"></parley-comments>`;
}

export function toAdminSite(site: Site, publicUrl: string): AdminSite {
  return {
    slug: site.slug,
    name: site.name,
    allowedOrigins: [...site.allowedOrigins],
    locale: site.locale,
    settings: { ...site.settings },
    embedSnippet: embedSnippet(publicUrl, site.slug),
  };
}

export const BanSchema = z
  .object({
    id: z.number().int(),
    site: z.string(),
    kind: z.enum(['email', 'ip', 'domain']),
    value: z.string().openapi({ description: 'The email, the domain, or the first 12 characters of the IP hash' }),
    addressAuthors: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'IP bans: how many authors commented from that address in the last 30 days' }),
    reason: z.string().nullable().openapi({ description: 'Why, for moderators' }),
    message: z.string().nullable().openapi({ description: 'What the banned author is told' }),
    by: z.object({ name: z.string(), email: z.string() }).nullable().openapi({ description: 'The moderator who banned' }),
    expiresAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Ban');
export type BanOut = z.infer<typeof BanSchema>;

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    site: z.string().nullable(),
    commentId: z.number().int().nullable(),
    actor: z.object({ type: z.string(), id: z.number().int().nullable(), email: z.string().nullable(), name: z.string().nullable() }),
    action: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    reasons: z.array(ReasonSchema),
    note: z.string().nullable(),
    comment: z
      .object({ id: z.number().int(), authorName: z.string(), excerpt: z.string(), status: z.string() })
      .nullable()
      .openapi({ description: 'The comment acted on: its author, the start of its text, its status now' }),
    article: z.object({ id: z.number().int(), key: z.string(), title: z.string().nullable(), url: z.string().nullable() }).nullable(),
    author: z.string().nullable().openapi({ description: 'The email of the author an author action or ban was about' }),
    permalink: z.string().nullable().openapi({ description: 'The comment on its article page' }),
    changes: z
      .array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }))
      .openapi({ description: 'Settings edits, and a story\'s corrected title and link (articleTitle, articleUrl): each field that changed, old and new value' }),
    undoes: z.string().nullable().openapi({ description: 'Undo entries: the action they undid' }),
    createdAt: z.string(),
  })
  .openapi('AuditEntry');
export type AuditEntryOut = z.infer<typeof AuditEntrySchema>;
