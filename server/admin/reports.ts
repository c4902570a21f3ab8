// Readers' reports as moderators read them: per comment, the open reports grouped by reason with
// their notes, and how many distinct readers sent them.
import { desc, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { commentReports } from '../db/schema.js';
import type { ModeratorComment, ReportSummaryOut } from './dto.js';

/** Notes shown per reason: enough to see what readers say, bounded for a comment with hundreds. */
const NOTES_PER_REASON = 10;
const REASON_ORDER = ['abusive', 'spam', 'off-topic', 'other'];

export async function findReportSummaries(db: Queryable, list: { id: number; reportCount: number }[]): Promise<Map<number, ReportSummaryOut>> {
  const out = new Map<number, ReportSummaryOut>();
  if (list.length === 0) return out;
  const rows = await db
    .select({ commentId: commentReports.commentId, reason: commentReports.reason, note: commentReports.note })
    .from(commentReports)
    .where(inArray(commentReports.commentId, list.map((c) => c.id)))
    .orderBy(desc(commentReports.id));
  // The open reports are the latest reportCount rows: an approval settles the earlier ones (their rows
  // stay, so the same readers cannot report again) and undo brings the count back.
  const open = new Map(list.map((c) => [c.id, c.reportCount]));
  const kept = rows.filter((r) => {
    const left = open.get(r.commentId) ?? 0;
    open.set(r.commentId, left - 1);
    return left > 0;
  });
  for (const r of kept.reverse()) {
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
  const summaries = await findReportSummaries(db, list.filter((c) => c.reportCount > 0 || c.reportedAt !== null));
  return list.map((c) => (summaries.has(c.id) ? { ...c, reports: summaries.get(c.id) } : c));
}
