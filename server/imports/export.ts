// A site's full export as JSON Lines, streamed a page at a time: a header (the site and its settings),
// then articles, comments, reports, bans, author states and a closing line with the counts (so an import can tell a
// complete file from a cut one). Personal data (emails, IP hashes, user agents, reporter hashes, the
// values of email and IP bans, staff emails) sits under a "personal" key on each line, and only when
// the caller may see it (admins); the header says whether it is there. Author states (a moderator's
// hold, trust, suspension or warning of one author) are keyed by the author's email or token hash, so
// they are exported only with personal data.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { AuthorState } from '../admin/undo.js';
import type { Db } from '../db/client.js';
import { articles, authorStates, bans, commentReports, comments, instanceSettings, moderators, sites, type Reason } from '../db/schema.js';
import { randomToken } from '../lib/crypto.js';
import type { Site } from '../sites/store.js';

export const EXPORT_FORMAT = 'parley-export';
export const EXPORT_VERSION = 1;
const PAGE = 1000;

export interface ExportHeader {
  type: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  /** This Parley's id: with the rows' ids it names each row's source on import. */
  instance: string;
  site: { slug: string; name: string; allowedOrigins: string[]; locale: string; settings: Record<string, unknown> };
  personalData: boolean;
}

export interface ExportArticle {
  type: 'article';
  id: number;
  key: string;
  url: string | null;
  title: string | null;
  closed: boolean;
  premod: boolean;
  createdAt: string;
  commentCount: number;
  importRef: string | null;
}

export interface ExportComment {
  type: 'comment';
  id: number;
  article: string;
  parentId: number | null;
  depth: number;
  authorName: string;
  authorWebsite: string | null;
  body: string;
  status: string;
  reasons: Reason[];
  scores: Record<string, number> | null;
  scoreState: string;
  reportCount: number;
  reportedAt: string | null;
  createdAt: string;
  updatedAt: string;
  editedAt: string | null;
  moderatedAt: string | null;
  featuredAt: string | null;
  staff: boolean;
  importRef: string | null;
  personal?: {
    authorEmail: string | null;
    ipHash: string | null;
    userAgent: string | null;
    moderatorEmail: string | null;
    moderatedByEmail: string | null;
    featuredByEmail: string | null;
  };
}

export interface ExportReport {
  type: 'report';
  id: number;
  commentId: number;
  reason: string;
  note: string | null;
  createdAt: string;
  importRef: string | null;
  personal?: { reporterHash: string };
}

export interface ExportBan {
  type: 'ban';
  id: number;
  kind: string;
  /** Domain bans only; email and IP bans carry their value under personal. */
  value?: string;
  reason: string | null;
  message: string | null;
  expiresAt: string | null;
  createdAt: string;
  importRef: string | null;
  personal?: { value: string; createdByEmail: string | null };
}

/** An author state as the undo log keeps it (server/admin/undo.ts), with when and by whom it was set. */
export interface ExportAuthorState extends AuthorState {
  type: 'author';
  updatedAt: string;
  personal: { authorKey: string; updatedByEmail: string | null };
}

export interface ExportEnd {
  type: 'end';
  counts: { articles: number; comments: number; reports: number; bans: number; authors: number };
}

export type ExportLine = ExportHeader | ExportArticle | ExportComment | ExportReport | ExportBan | ExportAuthorState | ExportEnd;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** This Parley's export id, created on first use. */
export async function ensureInstanceId(db: Db): Promise<string> {
  await db.insert(instanceSettings).values({ key: 'instance_id', value: randomToken(12) }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, 'instance_id'));
  return row!.value;
}

/** Yields the export of one site, one JSON line (with its newline) at a time. */
export async function* exportSite(db: Db, site: Site, options: { personalData: boolean; now?: Date }): AsyncGenerator<string> {
  const personal = options.personalData;
  const counts = { articles: 0, comments: 0, reports: 0, bans: 0, authors: 0 };
  const line = (value: ExportLine) => `${JSON.stringify(value)}\n`;
  const staff = new Map((await db.select({ id: moderators.id, email: moderators.email }).from(moderators)).map((m) => [m.id, m.email]));
  const [row] = await db.select({ settings: sites.settings }).from(sites).where(eq(sites.id, site.id));
  yield line({
    type: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    instance: await ensureInstanceId(db),
    site: { slug: site.slug, name: site.name, allowedOrigins: site.allowedOrigins, locale: site.locale, settings: row?.settings ?? {} },
    personalData: personal,
  });

  const keys = new Map<number, string>();
  for (let after = 0; ; ) {
    const page = await db.select().from(articles).where(and(eq(articles.siteId, site.id), gt(articles.id, after))).orderBy(asc(articles.id)).limit(PAGE);
    for (const a of page) {
      keys.set(a.id, a.key);
      counts.articles++;
      yield line({
        type: 'article',
        id: a.id,
        key: a.key,
        url: a.url,
        title: a.title,
        closed: a.closed,
        premod: a.premod,
        createdAt: a.createdAt.toISOString(),
        commentCount: a.commentCount,
        importRef: a.importRef,
      });
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }

  // By id: a parent always has a smaller id than its replies, so the file lists parents first.
  for (let after = 0; ; ) {
    const page = await db.select().from(comments).where(and(eq(comments.siteId, site.id), gt(comments.id, after))).orderBy(asc(comments.id)).limit(PAGE);
    for (const c of page) {
      counts.comments++;
      let article = keys.get(c.articleId);
      if (article === undefined) {
        // An article created after the article pages were read.
        const [a] = await db.select({ key: articles.key }).from(articles).where(eq(articles.id, c.articleId));
        article = a?.key ?? '';
      }
      yield line({
        type: 'comment',
        id: c.id,
        article,
        parentId: c.parentId,
        depth: c.depth,
        authorName: c.authorName,
        authorWebsite: c.authorWebsite,
        body: c.body,
        status: c.status,
        reasons: c.reasons,
        scores: c.scores,
        scoreState: c.scoreState,
        reportCount: c.reportCount,
        reportedAt: iso(c.reportedAt),
        createdAt: c.createdAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
        editedAt: iso(c.editedAt),
        moderatedAt: iso(c.moderatedAt),
        featuredAt: iso(c.featuredAt),
        staff: c.moderatorId !== null,
        importRef: c.importRef,
        ...(personal
          ? {
              personal: {
                authorEmail: c.authorEmail,
                ipHash: c.ipHash,
                userAgent: c.userAgent,
                moderatorEmail: c.moderatorId === null ? null : (staff.get(c.moderatorId) ?? null),
                moderatedByEmail: c.moderatedBy === null ? null : (staff.get(c.moderatedBy) ?? null),
                featuredByEmail: c.featuredBy === null ? null : (staff.get(c.featuredBy) ?? null),
              },
            }
          : {}),
      });
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }

  for (let after = 0; ; ) {
    const page = await db
      .select({ report: commentReports })
      .from(commentReports)
      .innerJoin(comments, eq(comments.id, commentReports.commentId))
      .where(and(eq(comments.siteId, site.id), gt(commentReports.id, after)))
      .orderBy(asc(commentReports.id))
      .limit(PAGE);
    for (const { report: r } of page) {
      counts.reports++;
      yield line({
        type: 'report',
        id: r.id,
        commentId: r.commentId,
        reason: r.reason,
        note: r.note,
        createdAt: r.createdAt.toISOString(),
        importRef: r.importRef,
        ...(personal ? { personal: { reporterHash: r.reporterHash } } : {}),
      });
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.report.id;
  }

  for (let after = 0; ; ) {
    const page = await db.select().from(bans).where(and(eq(bans.siteId, site.id), gt(bans.id, after))).orderBy(asc(bans.id)).limit(PAGE);
    for (const b of page) {
      counts.bans++;
      const isPersonal = b.kind !== 'domain';
      yield line({
        type: 'ban',
        id: b.id,
        kind: b.kind,
        ...(isPersonal ? {} : { value: b.value }),
        reason: b.reason,
        message: b.message,
        expiresAt: iso(b.expiresAt),
        createdAt: b.createdAt.toISOString(),
        importRef: b.importRef,
        ...(personal ? { personal: { value: b.value, createdByEmail: b.createdBy === null ? null : (staff.get(b.createdBy) ?? null) } } : {}),
      });
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }

  // Keyed by site and author (no id): paged by the key.
  for (let after = ''; personal; ) {
    const page = await db
      .select()
      .from(authorStates)
      .where(and(eq(authorStates.siteId, site.id), gt(authorStates.authorKey, after)))
      .orderBy(asc(authorStates.authorKey))
      .limit(PAGE);
    for (const a of page) {
      counts.authors++;
      yield line({
        type: 'author',
        mode: a.mode,
        suspendedUntil: iso(a.suspendedUntil),
        suspensionMessage: a.suspensionMessage,
        warning: a.warning,
        warnedAt: iso(a.warnedAt),
        warningSeenAt: iso(a.warningSeenAt),
        updatedAt: a.updatedAt.toISOString(),
        personal: { authorKey: a.authorKey, updatedByEmail: a.updatedBy === null ? null : (staff.get(a.updatedBy) ?? null) },
      });
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.authorKey;
  }

  yield line({ type: 'end', counts });
}
