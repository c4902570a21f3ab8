// A Parley export (export.ts) read back line by line: every line is checked by a zod schema, and a
// file without its closing "end" line is refused as truncated. Rows keep their source ids as
// import_ref ("parley:<instance>:<site>:<id>", or the ref they were imported with before), so a
// re-run skips them and a comment that came from Disqus still matches a later Disqus re-run.
import { z } from 'zod';
import { COMMENT_STATUSES } from '../db/schema.js';
import { isStorableDate } from '../lib/dates.js';
import { findIllFormed } from '../lib/openapi.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export.js';
import { authorEmail, authorName, authorWebsite } from './fields.js';
import { type ParseStats, type RecordSink, type SiteRecord, ImportFormatError } from './types.js';

/** A \u escape of a surrogate half: only lines with one can hold ill-formed text (raw bytes decode to U+FFFD). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Longest line accepted (a comment's text is at most 100,000 characters; JSON escapes can double it). */
const MAX_LINE = 4 * 1024 * 1024;

// Years 1 to 9999: the database refuses other dates (lib/dates.ts).
const date = z.iso.datetime({ offset: true }).refine((value) => isStorableDate(new Date(value)), 'a date between the years 1 and 9999');
const nullableDate = date.nullable();
const text = (max: number) => z.string().max(max);

const Header = z.object({
  type: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: date,
  instance: z.string().min(1).max(64),
  site: z.object({
    slug: z.string().min(1).max(64),
    name: text(200),
    allowedOrigins: z.array(text(300)).max(100),
    locale: text(16),
    settings: z.record(z.string(), z.unknown()),
  }),
  personalData: z.boolean(),
});

const Article = z.object({
  type: z.literal('article'),
  id: z.number().int(),
  key: text(2048),
  url: text(2048).nullable(),
  title: text(1000).nullable(),
  closed: z.boolean(),
  premod: z.boolean().default(false),
  createdAt: date,
  commentCount: z.number().int(),
  importRef: text(300).nullable(),
});

const Comment = z.object({
  type: z.literal('comment'),
  id: z.number().int(),
  article: text(2048),
  parentId: z.number().int().nullable(),
  depth: z.number().int(),
  authorName: text(1000),
  authorWebsite: text(500).nullable(),
  body: text(200_000),
  status: z.enum(COMMENT_STATUSES),
  reasons: z.array(z.object({ code: z.string(), message: z.string() }).passthrough()).max(100),
  scores: z.record(z.string(), z.number()).nullable(),
  scoreState: z.enum(['scored', 'unscored', 'skipped']),
  reportCount: z.number().int().min(0),
  reportedAt: nullableDate,
  createdAt: date,
  updatedAt: date,
  editedAt: nullableDate,
  moderatedAt: nullableDate,
  featuredAt: nullableDate.default(null),
  staff: z.boolean(),
  importRef: text(300).nullable(),
  personal: z
    .object({
      authorEmail: text(320).nullable(),
      ipHash: text(200).nullable(),
      userAgent: text(1000).nullable(),
      moderatorEmail: text(320).nullable(),
      moderatedByEmail: text(320).nullable(),
      featuredByEmail: text(320).nullable().default(null),
    })
    .optional(),
});

const Report = z.object({
  type: z.literal('report'),
  id: z.number().int(),
  commentId: z.number().int(),
  reason: text(40),
  note: text(1000).nullable(),
  createdAt: date,
  importRef: text(300).nullable(),
  personal: z.object({ reporterHash: text(200) }).optional(),
});

const Ban = z.object({
  type: z.literal('ban'),
  id: z.number().int(),
  kind: z.enum(['email', 'ip', 'domain']),
  value: text(320).optional(),
  reason: text(1000).nullable(),
  message: text(2000).nullable().default(null),
  expiresAt: nullableDate,
  createdAt: date,
  importRef: text(300).nullable(),
  personal: z.object({ value: text(320), createdByEmail: text(320).nullable() }).optional(),
});

const AuthorState = z.object({
  type: z.literal('author'),
  mode: z.enum(['hold', 'trust']).nullable(),
  suspendedUntil: nullableDate,
  suspensionMessage: text(2000).nullable(),
  warning: text(2000).nullable(),
  warnedAt: nullableDate,
  warningSeenAt: nullableDate,
  updatedAt: date,
  personal: z.object({ authorKey: text(400), updatedByEmail: text(320).nullable() }),
});

const End = z.object({
  type: z.literal('end'),
  counts: z.object({
    articles: z.number().int(),
    comments: z.number().int(),
    reports: z.number().int(),
    bans: z.number().int(),
    // Exports written before author states were exported have no such count.
    authors: z.number().int().default(0),
  }),
});

const Line = z.discriminatedUnion('type', [Article, Comment, Report, Ban, AuthorState, End]);

const toDate = (v: string | null) => (v === null ? null : new Date(v));

/** Splits a byte stream into lines without holding more than one line. */
export async function* readLines(source: AsyncIterable<Uint8Array | string>, onBytes?: (bytes: number) => void): AsyncGenerator<{ line: string; n: number }> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let n = 0;
  let bytes = 0;
  for await (const chunk of source) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let at: number;
    while ((at = rest.indexOf('\n')) >= 0) {
      n++;
      yield { line: rest.slice(0, at), n };
      rest = rest.slice(at + 1);
    }
    if (rest.length > MAX_LINE) throw new ImportFormatError(`a line longer than ${MAX_LINE} bytes`, n + 1);
    onBytes?.(bytes);
  }
  rest += decoder.decode();
  if (rest.trim() !== '') yield { line: rest, n: n + 1 };
}

/** Reads a Parley export, handing each row to `sink`; returns the exported site's settings. */
export async function parseParley(
  source: AsyncIterable<Uint8Array | string>,
  sink: RecordSink,
  options: { onBytes?: (bytes: number) => void; onHeader?: (site: SiteRecord) => void | Promise<void> } = {},
): Promise<ParseStats> {
  const stats: ParseStats = { skipped: {} };
  let header: z.infer<typeof Header> | null = null;
  let ended = false;
  const seen = { articles: 0, comments: 0, reports: 0, bans: 0, authors: 0 };
  for await (const { line, n } of readLines(source, options.onBytes)) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ImportFormatError('not a JSON line', n);
    }
    // "\ud800" parses, but PostgreSQL cannot store it: refused here with its line, not a 500 later.
    if (SURROGATE_ESCAPE.test(line)) {
      const field = findIllFormed(value);
      if (field !== undefined) throw new ImportFormatError(`${field} holds an unpaired UTF-16 surrogate (ill-formed text)`, n);
    }
    if (header === null) {
      const parsed = Header.safeParse(value);
      if (!parsed.success) throw new ImportFormatError(`not a Parley export header (${describe(parsed.error)})`, n);
      header = parsed.data;
      stats.site = { ...header.site };
      await options.onHeader?.(stats.site);
      continue;
    }
    if (ended) throw new ImportFormatError('lines after the closing "end" line', n);
    const parsed = Line.safeParse(value);
    if (!parsed.success) throw new ImportFormatError(describe(parsed.error), n);
    const row = parsed.data;
    const own = (kind: string, id: number) => `parley:${header!.instance}:${header!.site.slug}:${kind}${id}`;
    switch (row.type) {
      case 'article':
        seen.articles++;
        await sink({
          kind: 'thread',
          ref: `article:${row.key}`,
          importRef: row.importRef ?? own('a', row.id),
          url: row.url,
          identifier: null,
          key: row.key,
          title: row.title,
          closed: row.closed,
          premod: row.premod,
          deleted: false,
          createdAt: new Date(row.createdAt),
          line: n,
        });
        break;
      case 'comment': {
        seen.comments++;
        const p = row.personal;
        await sink({
          kind: 'comment',
          // Linked within the file by the source id; stored with the ref it came with, if any.
          ref: own('', row.id),
          importRef: row.importRef ?? own('', row.id),
          threadRef: `article:${row.article}`,
          parentRef: row.parentId === null ? null : own('', row.parentId),
          createdAt: new Date(row.createdAt),
          status: row.status,
          body: row.body,
          // The same clean-up as every other source: a file may have been edited by hand (or by anyone).
          authorName: authorName(row.authorName),
          authorEmail: authorEmail(p?.authorEmail),
          authorWebsite: authorWebsite(row.authorWebsite) === null ? null : row.authorWebsite,
          ip: null,
          ipHash: p?.ipHash ?? null,
          parley: {
            reasons: row.reasons,
            scores: row.scores,
            scoreState: row.scoreState,
            reportCount: row.reportCount,
            reportedAt: toDate(row.reportedAt),
            updatedAt: new Date(row.updatedAt),
            editedAt: toDate(row.editedAt),
            moderatedAt: toDate(row.moderatedAt),
            featuredAt: toDate(row.featuredAt),
            featuredByEmail: p?.featuredByEmail ?? null,
            moderatedByEmail: p?.moderatedByEmail ?? null,
            moderatorEmail: p?.moderatorEmail ?? null,
            userAgent: p?.userAgent ?? null,
          },
          line: n,
        });
        break;
      }
      case 'report':
        seen.reports++;
        await sink({
          kind: 'report',
          ref: row.importRef ?? own('r', row.id),
          commentRef: own('', row.commentId),
          reason: row.reason,
          note: row.note,
          reporterHash: row.personal?.reporterHash ?? null,
          createdAt: new Date(row.createdAt),
          line: n,
        });
        break;
      case 'ban': {
        seen.bans++;
        const value = row.kind === 'domain' ? (row.value ?? null) : (row.personal?.value ?? null);
        if (value === null) {
          stats.skipped['ban-without-value'] = (stats.skipped['ban-without-value'] ?? 0) + 1;
          break;
        }
        await sink({
          kind: 'ban',
          ref: row.importRef ?? own('b', row.id),
          banKind: row.kind,
          value,
          reason: row.reason,
          message: row.message,
          expiresAt: toDate(row.expiresAt),
          createdAt: new Date(row.createdAt),
          createdByEmail: row.personal?.createdByEmail ?? null,
          line: n,
        });
        break;
      }
      case 'author':
        seen.authors++;
        await sink({
          kind: 'author',
          ref: `author:${row.personal.authorKey}`,
          authorKey: row.personal.authorKey,
          mode: row.mode,
          suspendedUntil: toDate(row.suspendedUntil),
          suspensionMessage: row.suspensionMessage,
          warning: row.warning,
          warnedAt: toDate(row.warnedAt),
          warningSeenAt: toDate(row.warningSeenAt),
          updatedAt: new Date(row.updatedAt),
          updatedByEmail: row.personal.updatedByEmail,
          line: n,
        });
        break;
      case 'end':
        ended = true;
        for (const k of Object.keys(seen) as Array<keyof typeof seen>) {
          if (row.counts[k] !== seen[k]) throw new ImportFormatError(`the export lists ${row.counts[k]} ${k} but holds ${seen[k]}`, n);
        }
        break;
    }
  }
  if (header === null) throw new ImportFormatError('the file is empty', 1);
  if (!ended) throw new ImportFormatError('the file ends without its closing "end" line: it is truncated', null);
  return stats;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid line';
  return `${issue.path.join('.') || 'line'}: ${issue.message}`;
}
