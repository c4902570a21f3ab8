// An import's summary as text for the command line (the admin view renders the same object itself).
import type { ImportSummary } from './types.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function formatSummary(s: ImportSummary): string {
  const out: string[] = [];
  const verb = s.dryRun ? 'would import' : 'imported';
  out.push(
    `${s.dryRun ? 'Dry run (nothing was written): ' : ''}${s.format} into site "${s.site}"${s.siteCreated ? (s.dryRun ? ' (would be created)' : ' (created)') : ''} in ${(s.durationMs / 1000).toFixed(1)} s` +
      ` (read ${(s.timings.readMs / 1000).toFixed(1)} s, plan ${(s.timings.planMs / 1000).toFixed(1)} s, write ${(s.timings.writeMs / 1000).toFixed(1)} s)`,
  );
  out.push(
    `  threads:   ${plural(s.threads.read, 'read', 'read')}, ${s.threads.withComments.toLocaleString('en')} with comments` +
      `${s.threads.deleted ? `, ${s.threads.deleted} deleted in the source (skipped)` : ''}${s.threads.withoutUrl ? `, ${s.threads.withoutUrl} without a usable URL` : ''}`,
  );
  out.push(`  articles:  ${plural(s.articles.created, 'new article')} ${s.dryRun ? 'would be created' : 'created'}, ${s.articles.existing.toLocaleString('en')} existing`);
  const statuses = Object.entries(s.comments.written)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n.toLocaleString('en')} ${status}`)
    .join(', ');
  out.push(`  comments:  ${plural(s.comments.read, 'read', 'read')}; ${verb} ${s.comments.writtenTotal.toLocaleString('en')}${statuses ? ` (${statuses})` : ''}`);
  if (s.comments.alreadyImported) out.push(`             ${plural(s.comments.alreadyImported, 'was', 'were')} imported before (skipped)`);
  for (const [reason, n] of Object.entries(s.comments.skipped)) out.push(`             skipped ${n.toLocaleString('en')}: ${reason}`);
  if (s.comments.orphans) out.push(`             ${plural(s.comments.orphans, 'reply', 'replies')} with a missing parent, placed at the top level`);
  if (s.comments.queuedForScoring) out.push(`             ${s.comments.queuedForScoring.toLocaleString('en')} queued for scoring`);
  if (s.reports.read || s.bans.read) {
    out.push(`  reports:   ${s.reports.read} read, ${s.reports.written} written; bans: ${s.bans.read} read, ${s.bans.written} written`);
  }
  if (s.authors?.read) out.push(`  authors:   ${s.authors.read} moderation states read (hold, trust, suspension, warning), ${s.authors.written} written`);
  if (s.landing.length > 0) {
    out.push('', `Where comments land (${plural(s.landingTotal, 'article')}${s.landingTotal > s.landing.length ? `, the ${s.landing.length} largest` : ''}):`);
    for (const l of s.landing) out.push(`  ${String(l.comments).padStart(7)}  ${l.isNew ? 'new ' : '    '} ${l.key}`);
  }
  if (s.collisions.length > 0) {
    out.push('', `Threads that land on the same article (${s.collisionsTotal}):`);
    for (const c of s.collisions) out.push(`  ${c.key}`, ...c.urls.map((u) => `      <- ${u}`));
  }
  if (s.missingParents.length > 0) {
    out.push('', `Replies whose parent is missing (${s.comments.orphans}; written at the top level):`);
    for (const m of s.missingParents) out.push(`  ${m.ref} (parent ${m.parentRef}) on ${m.key}`);
  }
  if (s.unusableThreads.length > 0) {
    out.push('', 'Threads without a usable URL (their comments are skipped; try --map-domain or --key-by):');
    for (const t of s.unusableThreads) out.push(`  ${t.ref}: ${t.url ?? '(no link)'}`);
  }
  if (s.unknownStaff.length > 0) out.push('', `Staff accounts not found here (their replies lose the Staff mark): ${s.unknownStaff.join(', ')}`);
  return out.join('\n');
}
