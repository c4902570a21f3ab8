// Runs one import end to end (the CLI and the admin upload both come here): the run's record, the
// format's streaming parser feeding the writer, the plan, and (unless it is a dry run) the writes.
// Progress is kept on the run's row, so the admin view can follow it from any process.
import { eq, sql } from 'drizzle-orm';
import { importRuns } from '../db/schema.js';
import { SLUG_PATTERN } from '../admin/sites.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { foldQueueCounts } from '../admin/queue.js';
import { insertAudit } from '../comments/store.js';
import { readSiteSettings, siteSettingsSchema } from '../sites/settings.js';
import { findSiteBySlug, insertSite, type Site } from '../sites/store.js';
import { parseDisqus } from './disqus.js';
import { parseParley } from './parley.js';
import { parseWordpress } from './wordpress.js';
import {
  ImportFormatError,
  type ImportFormat,
  type ImportOptions,
  type ImportProgress,
  type ImportSummary,
  type ParseStats,
  type RecordSink,
  type SiteRecord,
} from './types.js';
import {
  WRITE_BATCH,
  clearStaging,
  createStager,
  planRun,
  summarizeRun,
  writeArticles,
  writeCommentBatch,
  writeReportsBansAuthors,
  type WriterDeps,
} from './writer.js';

export type ImportDeps = WriterDeps & Pick<AppDeps, 'siteCache'>;

export type ImportRun = typeof importRuns.$inferSelect;

/** How often a running import writes its progress to its row. */
const PROGRESS_EVERY_MS = 500;

/** Creates a run waiting for its file (the admin upload's first step). */
export async function createImportRun(
  deps: Pick<AppDeps, 'db'>,
  input: { format: ImportFormat; siteId: number | null; options: ImportOptions; createdBy: number | null },
): Promise<ImportRun> {
  const [row] = await deps.db
    .insert(importRuns)
    .values({ format: input.format, siteId: input.siteId, dryRun: input.options.dryRun, options: { ...input.options }, createdBy: input.createdBy })
    .returning();
  return row!;
}

export interface RunImportInput {
  format: ImportFormat;
  /** The site to import into; a Parley export creates it when it does not exist. */
  siteSlug: string;
  source: AsyncIterable<Uint8Array | string>;
  options: ImportOptions;
  /** The file's size when known, for the progress bar. */
  totalBytes?: number | null;
  /** A run created beforehand (createImportRun); otherwise one is created here. */
  run?: ImportRun;
  createdBy?: number | null;
  onProgress?: (progress: ImportProgress) => void;
}

export interface RunImportResult {
  runId: number;
  summary: ImportSummary;
}

/**
 * Imports a file. A malformed file is refused with ImportFormatError (line and reason) before
 * anything is written; a failure while writing leaves what was committed, and re-running the same
 * file completes it without duplicating anything.
 */
export async function runImport(deps: ImportDeps, input: RunImportInput): Promise<RunImportResult> {
  const started = Date.now();
  const { format, options } = input;
  let site = await findSiteBySlug(deps.db, input.siteSlug);
  if (!site && format !== 'parley') throw new AppError('SITE_NOT_FOUND', `No site "${input.siteSlug.slice(0, 64)}".`);
  const run = input.run ?? (await createImportRun(deps, { format, siteId: site?.id ?? null, options, createdBy: input.createdBy ?? null }));
  const runId = run.id;
  let siteCreated = false;

  const progress: ImportProgress = { phase: 'reading', bytes: 0, totalBytes: input.totalBytes ?? null, threads: 0, comments: 0, written: 0, toWrite: 0 };
  let lastSaved = 0;
  const report = async (force = false) => {
    input.onProgress?.({ ...progress });
    const now = Date.now();
    if (!force && now - lastSaved < PROGRESS_EVERY_MS) return;
    lastSaved = now;
    await deps.db.update(importRuns).set({ progress: { ...progress }, updatedAt: sql`now()` }).where(eq(importRuns.id, runId));
  };

  await deps.db
    .update(importRuns)
    .set({ status: 'running', startedAt: sql`now()`, updatedAt: sql`now()`, siteId: site?.id ?? null })
    .where(eq(importRuns.id, runId));
  const stager = createStager(deps, runId, format, options);
  try {
    // --- 1. read and stage
    const sink: RecordSink = async (record) => {
      await stager.add(record);
      progress.threads = stager.counts.threads;
      progress.comments = stager.counts.comments;
    };
    const onBytes = (bytes: number) => {
      progress.bytes = bytes;
      void report().catch(() => {});
    };
    let stats: ParseStats;
    if (format === 'disqus') stats = await parseDisqus(input.source, sink, onBytes);
    else if (format === 'wordpress') stats = await parseWordpress(input.source, sink, { includePingbacks: options.includePingbacks, onBytes });
    else {
      stats = await parseParley(input.source, sink, {
        onBytes,
        onHeader: async (exported) => {
          if (site || options.dryRun) return;
          site = await createSiteFromExport(deps, input.siteSlug, exported);
          siteCreated = true;
          await deps.db.update(importRuns).set({ siteId: site.id }).where(eq(importRuns.id, runId));
        },
      });
      if (!site && options.dryRun) siteCreated = true;
    }
    await stager.flush();
    const timings = { readMs: Date.now() - started, planMs: 0, writeMs: 0 };

    // --- 2. plan
    progress.phase = 'planning';
    await report(true);
    const siteId = site?.id ?? -1;
    progress.toWrite = await planRun(deps, runId, siteId, format);
    const planned = await summarizeRun(deps, runId, siteId);
    timings.planMs = Date.now() - started - timings.readMs;

    // --- 3. write
    let written = { reports: 0, bans: 0, authors: 0 };
    let queued = 0;
    if (!options.dryRun && site) {
      progress.phase = 'writing';
      await report(true);
      await writeArticles(deps, runId, site.id);
      for (let lo = 1; lo <= progress.toWrite; lo += WRITE_BATCH) {
        const batch = await writeCommentBatch(deps, runId, site.id, lo, lo + WRITE_BATCH);
        queued += batch.queued;
        progress.written = Math.min(progress.toWrite, lo + WRITE_BATCH - 1);
        await report();
      }
      written = await writeReportsBansAuthors(deps, runId, site.id);
      progress.phase = 'finishing';
      await report(true);
      // The kept queue counts are right already (the trigger appends each change); folding keeps the read short.
      await foldQueueCounts(deps.db);
      timings.writeMs = Date.now() - started - timings.readMs - timings.planMs;
    }
    const { reportsRead, bansRead, authorsRead, ...rest } = planned;
    for (const [reason, n] of Object.entries(stats.skipped)) rest.comments.skipped[reason] = (rest.comments.skipped[reason] ?? 0) + n;
    if (stager.counts.truncated > 0) rest.comments.skipped['text-cut-to-100000-characters (still written)'] = stager.counts.truncated;
    rest.comments.queuedForScoring = queued;
    const summary: ImportSummary = {
      format,
      site: site?.slug ?? input.siteSlug,
      dryRun: options.dryRun,
      siteCreated,
      ...rest,
      reports: { read: reportsRead, written: written.reports },
      bans: { read: bansRead, written: written.bans },
      authors: { read: authorsRead, written: written.authors },
      durationMs: Date.now() - started,
      timings,
    };
    if (site && !options.dryRun) {
      await insertAudit(deps.db, {
        siteId: site.id,
        actorType: input.createdBy ? 'moderator' : 'system',
        actorId: input.createdBy ?? null,
        action: 'import',
        note: `${format} import #${runId}: ${summary.comments.writtenTotal} comment(s) on ${summary.landingTotal} article(s), ${summary.comments.alreadyImported} already there`,
      });
    }
    progress.phase = 'done';
    progress.written = options.dryRun ? 0 : progress.toWrite;
    await deps.db
      .update(importRuns)
      .set({ status: 'done', progress: { ...progress }, summary: { ...summary }, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(importRuns.id, runId));
    input.onProgress?.({ ...progress });
    return { runId, summary };
  } catch (err) {
    progress.phase = 'failed';
    const error =
      err instanceof ImportFormatError
        ? { code: 'INVALID_FILE', reason: err.reason, line: err.line, column: err.column, message: err.message }
        : { code: err instanceof AppError ? err.code : 'FAILED', message: err instanceof Error ? err.message.slice(0, 500) : String(err) };
    await deps.db
      .update(importRuns)
      .set({ status: 'failed', progress: { ...progress }, error, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(importRuns.id, runId))
      .catch(() => {});
    throw err;
  } finally {
    await clearStaging(deps, runId).catch((err) => deps.logger.warn({ err, runId }, 'could not clear an import run staging rows'));
  }
}

/** Creates the target site from an export's header (its name, origins, locale and valid settings). */
async function createSiteFromExport(deps: ImportDeps, slug: string, exported: SiteRecord): Promise<Site> {
  if (!SLUG_PATTERN.test(slug)) throw new AppError('VALIDATION_FAILED', `"${slug.slice(0, 64)}" is not a site slug (lower-case letters, digits and dashes).`);
  const valid = readSiteSettings(exported.settings);
  // Only the keys the export set (and that are valid here): the others keep following Parley's defaults.
  const settings = Object.fromEntries(
    Object.keys(exported.settings)
      .filter((k) => k in siteSettingsSchema.shape && JSON.stringify(valid[k as keyof typeof valid]) === JSON.stringify(exported.settings[k]))
      .map((k) => [k, exported.settings[k]]),
  );
  const site = await deps.db.transaction(async (tx) => {
    const created = await insertSite(tx, { slug, name: exported.name || slug, allowedOrigins: exported.allowedOrigins, locale: exported.locale, settings });
    await insertAudit(tx, { siteId: created.id, actorType: 'system', action: 'site.create', note: `created ${slug} from a Parley export` });
    // Processes may have cached "no such site" for this slug.
    await deps.bus.publish(tx, { type: 'site', siteId: created.id, slug });
    return created;
  });
  deps.siteCache.invalidate(slug);
  return site;
}

/** A running import whose row has not moved for this long died with its process. */
export const STALE_RUN_MS = 10 * 60_000;

/** Marks a run as failed when its process is gone (used when listing runs). */
export function isStale(run: Pick<ImportRun, 'status' | 'updatedAt'>, now: Date): boolean {
  return run.status === 'running' && now.getTime() - run.updatedAt.getTime() > STALE_RUN_MS;
}
