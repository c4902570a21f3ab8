// Comment input schemas (what a client may set) and output mappers (what may leave the server).
import { z } from '@hono/zod-openapi';
import type { comments } from '../db/schema.js';

export type CommentRow = typeof comments.$inferSelect;

// Control characters except tab and newline.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// Bidi embeddings and overrides: an override reverses the letters it covers ("price is \u202E01$\u202C"
// reads "price is $10", and a link's text can be made to read as another address). Right-to-left text
// needs neither; isolates (U+2066-2069) and marks stay.
const BIDI_OVERRIDES = /[\u202A-\u202E]/g;

/**
 * Cleans comment text: CRLF to LF, no control characters or bidi overrides, no trailing spaces, at most
 * two blank lines in a row. In linear time: a stranger's 60,000 spaces must not cost a second of the
 * event loop (a regular expression for "spaces before a line break" backtracks over every run of them).
 */
export function cleanBody(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(BIDI_OVERRIDES, '');
  let out = '';
  for (let start = 0; ; ) {
    const nl = text.indexOf('\n', start);
    let end = nl < 0 ? text.length : nl;
    if (nl >= 0) while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    out += text.slice(start, end);
    if (nl < 0) break;
    out += '\n';
    start = nl + 1;
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

// What shows nothing: whitespace, format characters (zero-width spaces and joiners, marks, isolates,
// soft hyphens), variation selectors and the blank fillers used to post "empty" messages.
const INVISIBLE = /[\s\p{Cf}\uFE00-\uFE0F\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Whether a cleaned text has anything a reader can see. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

// Bidi embeddings, overrides and isolates. A one-line value (a name, a title) is shown inside other
// text, where they would make it read as something else ("\u202EffatS" renders as "Staff"); marks
// such as U+200F stay, which right-to-left names need.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Cleans a single-line value: no control characters, bidi overrides or line breaks, whitespace collapsed. */
export function cleanLine(raw: string): string {
  return raw.replace(CONTROL, ' ').replace(BIDI_CONTROLS, '').replace(/[\s\u2028\u2029]+/g, ' ').trim();
}

/** Counts user-perceived length in code points, so Devanagari and emoji count as a reader would expect. */
export function charLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

export const ArticleParams = z.object({
  site: z.string().min(1).max(64).openapi({ param: { name: 'site', in: 'path' }, example: 'demo' }),
  article: z
    .string()
    .min(1)
    .max(2048)
    .openapi({ param: { name: 'article', in: 'path' }, description: "The publisher's article id, or the URL-encoded canonical URL", example: 'demo-article-1' }),
});

export const CommentParams = ArticleParams.extend({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
});

export const SiteParams = z.object({
  site: z.string().min(1).max(64).openapi({ param: { name: 'site', in: 'path' }, example: 'demo' }),
});

export const ThreadQuery = z.object({
  sort: z
    .enum(['oldest', 'newest', 'best', 'picks'])
    .default('oldest')
    .openapi({ description: "best: editors' picks, then reactions weighted by age; picks: only the editors' picks, newest pick first" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'cursor must come from nextCursor')
    .optional(),
});

export const CommentInput = z
  .object({
    body: z.string().max(200_000).openapi({ description: 'Plain text, 1 to the site limit (default 5,000) characters after trimming' }),
    name: z.string().max(1000).openapi({ description: '1 to 80 characters', example: 'Asha' }),
    email: z.string().max(254).optional().openapi({ description: 'Required unless the site says otherwise; never published', example: 'asha@example.com' }),
    website: z.string().max(500).optional().openapi({ description: 'http or https URL', example: 'https://example.com' }),
    parentId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    article: z
      .object({ url: z.string().max(2048).optional(), title: z.string().max(1000).optional() })
      .optional()
      .openapi({ description: 'Used to create the article on its first comment' }),
    hp: z.string().max(10_000).optional().openapi({ description: 'Honeypot: must stay empty' }),
    formToken: z.string().max(500).optional().openapi({ description: 'From GET /sites/{site}/form-token' }),
    acknowledgeNudge: z.boolean().optional().openapi({ description: 'Post anyway after a TOXIC_NUDGE answer' }),
    notify: z
      .boolean()
      .optional()
      .openapi({ description: '"Notify me of replies by email": subscribes the email to replies in this thread (the first time, after a confirmation email)' }),
  })
  .openapi('CommentInput');

export const CommentEditInput = z.object({ body: z.string().max(200_000) }).openapi('CommentEditInput');

export const ReportInput = z
  .object({
    reason: z.enum(['spam', 'abusive', 'off-topic', 'other']),
    note: z.string().max(500).optional(),
  })
  .openapi('ReportInput');

export const PublicCommentSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    depth: z.number().int(),
    authorName: z.string(),
    authorWebsite: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    status: z.enum(['approved', 'pending', 'removed', 'rejected']).openapi({
      description: "'rejected' only in the answer to the comment's own author (posting or editing it): rejected for toxicity, it will not be published. Spam is answered 'pending', like a held comment.",
    }),
    mine: z.boolean().optional(),
    editableUntil: z.string().optional(),
    staff: z
      .boolean()
      .optional()
      .openapi({ description: "Present (true) on a reply a site's moderator wrote from the admin view; a reader's name can't set it" }),
    featured: z
      .boolean()
      .optional()
      .openapi({ description: "Present (true) on an editor's pick: a published comment the site's moderators featured" }),
  })
  .openapi('PublicComment');

export type PublicComment = z.infer<typeof PublicCommentSchema>;

export const ThreadSchema = z
  .object({
    article: z.object({
      key: z.string(),
      url: z.string().nullable(),
      title: z.string().nullable(),
      closed: z.boolean(),
      commentCount: z.number().int(),
    }),
    comments: z.array(PublicCommentSchema),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
  })
  .openapi('Thread');

export type Thread = z.infer<typeof ThreadSchema>;

export const PostResultSchema = z
  .object({ comment: PublicCommentSchema, authorToken: z.string() })
  .openapi('PostResult');

export type PostResult = z.infer<typeof PostResultSchema>;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
      retryAfter: z.number().optional(),
      nudge: z
        .object({ band: z.enum(['hold', 'reject']), attribute: z.string() })
        .optional()
        .openapi({ description: "TOXIC_NUDGE: 'hold' (posted anyway, a moderator reviews it) or 'reject' (posted anyway, it will most likely not be published), and the attribute that scored highest" }),
    }),
  })
  .openapi('Error');

/** The public view of a comment: no email, IP, token, scores or reasons. */
export function toPublicComment(
  row: Pick<CommentRow, 'id' | 'parentId' | 'depth' | 'authorName' | 'authorWebsite' | 'body' | 'createdAt' | 'editedAt' | 'status' | 'moderatorId'> &
    Partial<Pick<CommentRow, 'featuredAt'>>,
  extra: { mine?: boolean; editableUntil?: Date } = {}): PublicComment {
  // Its author sees a comment marked spam exactly as a held one: telling them would teach spammers
  // which texts get through (issue 12, finding 10).
  const status = extra.mine && row.status === 'spam' ? 'pending' : row.status;
  const removed = status !== 'approved' && status !== 'pending';
  const out: PublicComment = {
    id: row.id,
    parentId: row.parentId,
    depth: row.depth,
    authorName: removed ? '' : row.authorName,
    authorWebsite: removed ? null : row.authorWebsite,
    body: removed ? '' : row.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: removed ? null : (row.editedAt?.toISOString() ?? null),
    status: removed ? 'removed' : status === 'pending' ? 'pending' : 'approved',
  };
  if (row.moderatorId !== null && !removed) out.staff = true;
  if (row.featuredAt && row.status === 'approved') out.featured = true;
  if (extra.mine && !removed) {
    out.mine = true;
    if (extra.editableUntil) out.editableUntil = extra.editableUntil.toISOString();
  }
  return out;
}
