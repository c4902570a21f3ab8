// Readers' reports as moderators read them: per comment, the open reports grouped by reason with
// their notes, and how many distinct readers sent them.
import { asc, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { commentReports } from '../db/schema.js';
import type { ModeratorComment, ReportSummaryOut } from './dto.js';

/** Notes shown per reason: enough to see what readers say, bounded for a comment with hundreds. */
const NOTES_PER_REASON = 10;
const REASON_ORDER = ['abusive', 'spam', 'off-topic', 'other'];

export async function findReportSummaries(db: Queryable, commentIds: number[]): Promise<Map<number, ReportSummaryOut>> {
  const out = new Map<number, ReportSummaryOut>();
  if (commentIds.length === 0) return out;
  const rows = await db
    .select({ commentId: commentReports.commentId, reason: commentReports.reason, note: commentReports.note })
    .from(commentReports)
    .where(inArray(commentReports.commentId, commentIds))
    .orderBy(asc(commentReports.id));
  for (const r of rows) {
    let s = out.get(r.commentId);
    if (!s) out.set(r.commentId, (s = { open: 0, reporters: 0, groups: [] }));
    // Each row is one reader: a reader can report a comment once.
    s.open++;
    s.reporters++;
    let g = s.groups.find((x) => x.reason === r.reason);
    if (!g) s.groups.push((g = { reason: r.reason, count: 0, notes: [] }));
    g.count++;
    if (r.note && g.notes.length < NOTES_PER_REASON) g.notes.push(r.note);
  }
  for (const s of out.values()) {
    s.groups.sort((a, b) => b.count - a.count || REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason));
  }
  return out;
}

/** Adds `reports` to the comments readers reported. */
export async function attachReports(db: Queryable, list: ModeratorComment[]): Promise<ModeratorComment[]> {
  const ids = list.filter((c) => c.reportCount > 0 || c.reportedAt !== null).map((c) => c.id);
  const summaries = await findReportSummaries(db, ids);
  return list.map((c) => (summaries.has(c.id) ? { ...c, reports: summaries.get(c.id) } : c));
}
