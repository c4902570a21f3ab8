// Reader reports: one per comment per reader (per token and per client address alike), a bounded
// number per address; enough distinct readers put a comment in the moderators' reported queue. A
// moderator's approval clears the count (CLEARED_REPORTS), and only readers not counted before can
// bring the comment back (their earlier rows still refuse them).
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { commentReports, comments } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { normalizeArticleKey } from '../comments/article-key.js';
import { changeCommentStatus } from '../comments/status.js';
import { findArticle, findComment, insertAudit } from '../comments/store.js';
import { requireSite } from '../sites/store.js';
import { makeReason } from './reasons.js';

type Deps = Pick<AppDeps, 'db' | 'bus' | 'hasher' | 'siteCache' | 'now'>;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;

/** Reports one client address may send, on any comments of any site, per window. */
export const REPORT_LIMIT = { perAddress: 20, windowMs: 60 * 60_000 } as const;

/** What a moderator's approval (or dismissal) writes on the comment: the reports are settled. */
export const CLEARED_REPORTS = { reportedAt: null, reportCount: 0 } as const;

export interface ReportRequest {
  site: string;
  article: string;
  id: number;
  reason: 'spam' | 'abusive' | 'off-topic' | 'other';
  note?: string;
  authorToken?: string;
  ip: string;
}

/** Records a report. Returns whether this report put the comment in the reported queue. */
export async function reportComment(deps: Deps, req: ReportRequest): Promise<{ queued: boolean }> {
  const site = await requireSite(deps, req.site);
  const key = normalizeArticleKey(req.article);
  const article = key ? await findArticle(deps.db, site.id, key) : null;
  const comment = article ? await findComment(deps.db, req.id) : null;
  if (!article || !comment || comment.articleId !== article.id || comment.status !== 'approved') {
    throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
  }
  const note = req.note?.replace(/[\u0000-\u001F\u007F]/g, ' ').trim().slice(0, 500) || null;
  if (req.reason === 'other' && !note) {
    throw new AppError('VALIDATION_FAILED', 'Say what is wrong with this comment.', {
      fields: [{ field: 'note', code: 'required', message: 'Say what is wrong with this comment.' }],
    });
  }
  // A reader is their author token when they have one, else their IP hash; either way their address
  // counts too (comment_reports_address_uq), so invented tokens from one address add nothing.
  const ipHash = deps.hasher.hashIp(req.ip);
  const reporterHash = req.authorToken && TOKEN_PATTERN.test(req.authorToken) ? `t:${deps.hasher.hashToken(req.authorToken)}` : `i:${ipHash}`;
  await checkReportLimit(deps, ipHash);
  const { settings } = site;
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(commentReports)
      .values({ commentId: comment.id, reason: req.reason, note, reporterHash, ipHash, createdAt: deps.now() })
      .onConflictDoNothing()
      .returning({ id: commentReports.id });
    if (inserted.length === 0) throw new AppError('ALREADY_REPORTED', 'You already reported this comment.');
    const [row] = await tx
      .update(comments)
      .set({ reportCount: sql`${comments.reportCount} + 1` })
      .where(eq(comments.id, comment.id))
      .returning();
    const reached = row!.reportCount >= settings.reportThreshold && row!.reportedAt === null;
    await insertAudit(tx, {
      siteId: site.id,
      commentId: comment.id,
      actorType: 'reader',
      action: 'report',
      fromStatus: comment.status,
      toStatus: comment.status,
      reasons: [makeReason(`report_${req.reason}`, {})],
      note,
    });
    if (!reached) return { queued: false };
    const reason = makeReason('reported', { reports: row!.reportCount });
    const [queued] = await tx
      .update(comments)
      .set({ reportedAt: deps.now() })
      .where(and(eq(comments.id, comment.id)))
      .returning();
    if (!settings.reportedVisible && queued!.status === 'approved') {
      // Hidden while it waits for a moderator: back to the held state, reasons kept as data.
      await changeCommentStatus(tx, deps.bus, queued!, {
        to: 'pending',
        actor: { type: 'system' },
        action: 'reported',
        reasons: [reason],
        setReasons: [...queued!.reasons, reason],
      });
    } else {
      await tx.update(comments).set({ reasons: [...queued!.reasons, reason] }).where(eq(comments.id, comment.id));
      await deps.bus.publish(tx, {
        type: 'comment',
        siteId: site.id,
        articleId: article.id,
        commentId: comment.id,
        status: queued!.status,
        previous: queued!.status,
        reported: true,
      });
    }
    return { queued: true };
  });
}

/** Refuses (429) an address that sent REPORT_LIMIT.perAddress reports within the window. */
async function checkReportLimit(deps: Deps, ipHash: string): Promise<void> {
  const since = new Date(deps.now().getTime() - REPORT_LIMIT.windowMs);
  const recent = await deps.db
    .select({ createdAt: commentReports.createdAt })
    .from(commentReports)
    .where(and(eq(commentReports.ipHash, ipHash), gt(commentReports.createdAt, since)))
    .orderBy(asc(commentReports.createdAt))
    .limit(REPORT_LIMIT.perAddress);
  if (recent.length < REPORT_LIMIT.perAddress) return;
  const retryAfter = Math.max(1, Math.ceil((recent[0]!.createdAt.getTime() + REPORT_LIMIT.windowMs - deps.now().getTime()) / 1000));
  throw new AppError('RATE_LIMITED', 'Too many reports from your network. Try again later.', { retryAfter });
}
