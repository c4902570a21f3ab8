// The durable re-scoring job: comments the scorer could not score (or, with combined scorers, that a
// member missed for a reason that may pass) are scored again, with backoff, by whichever server
// process claims the job first (FOR UPDATE SKIP LOCKED).
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { articles, comments, jobs } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { changeCommentStatus } from '../comments/status.js';
import { findComment, insertAudit } from '../comments/store.js';
import { findSiteById } from '../sites/store.js';
import { createModerationContext, runPipeline } from './pipeline.js';
import { CONTENT_PHASES } from './phases/index.js';
import { isUnavailableError } from '../errors.js';

/** First retry of an unscored (or partly scored) comment; the re-scoring job backs off from there. */
export const RESCORE_FIRST_DELAY_MS = 30_000;

type Deps = Pick<AppDeps, 'db' | 'database' | 'bus' | 'scorer' | 'hasher' | 'logger' | 'now' | 'metrics'>;

const LOCK_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;
const BATCH = 10;

/** Backoff after the nth failed attempt: 30 s, 1 min, 2 min, ... capped at an hour. */
export function rescoreBackoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface RescoreWorker {
  /** Claims and runs the due jobs once; returns how many comments got scored. */
  runOnce(): Promise<{ claimed: number; scored: number; failed: number }>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createRescoreWorker(deps: Deps): RescoreWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  async function claim() {
    const now = deps.now();
    return deps.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.kind, 'rescore'), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now))))
        .orderBy(asc(jobs.runAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(jobs)
        .set({ lockedUntil: new Date(now.getTime() + LOCK_MS), attempts: sql`${jobs.attempts} + 1` })
        .where(sql`${jobs.id} in ${due.map((d) => d.id)}`)
        .returning();
    });
  }

  async function runJob(job: typeof jobs.$inferSelect): Promise<'scored' | 'failed' | 'dropped'> {
    const comment = job.commentId ? await findComment(deps.db, job.commentId) : null;
    const waiting = comment?.scoreState === 'unscored' || comment?.scoreState === 'partial';
    if (!comment || !waiting || (comment.status !== 'pending' && comment.status !== 'approved')) {
      await deps.db.delete(jobs).where(eq(jobs.id, job.id));
      return 'dropped';
    }
    const site = await findSiteById(deps.db, comment.siteId);
    if (!site) {
      await deps.db.delete(jobs).where(eq(jobs.id, job.id));
      return 'dropped';
    }
    const [article] = await deps.db.select({ premod: articles.premod }).from(articles).where(eq(articles.id, comment.articleId));
    const ctx = createModerationContext({
      site,
      article: { id: comment.articleId, key: '', closed: false, premod: article?.premod ?? false, createdAt: null },
      input: {
        kind: 'edit',
        body: comment.body,
        name: comment.authorName,
        email: comment.authorEmail,
        website: comment.authorWebsite,
        ipHash: comment.ipHash ?? '',
        moderatorId: comment.moderatorId,
        tokenHash: comment.authorTokenHash,
        commentId: comment.id,
        acknowledgeNudge: true,
      },
      now: deps.now(),
      deps: { database: deps.database, scorer: deps.scorer, hasher: deps.hasher, logger: deps.logger },
    });
    // The failure policy must not hold it again while we retry: a failure here just means "try later".
    ctx.settings = { ...site.settings, scorerFailurePolicy: 'publish' };
    const verdict = await runPipeline(ctx, CONTENT_PHASES);
    const scoring = ctx.scoring;
    const retryLater = { runAt: new Date(deps.now().getTime() + rescoreBackoffMs(job.attempts)), lockedUntil: null, lastError: scoring.failure ?? 'unscored' };
    // Nothing new: every scorer failed again, or the same partial answer as before (a member is still
    // out). A first partial answer for an unscored comment is progress: it is judged on it now, and
    // the job stays for the missing member.
    const progress = scoring.state === 'scored' || (scoring.state === 'partial' && (comment.scoreState === 'unscored' || !scoring.retry));
    if (!progress) {
      await deps.db.update(jobs).set(retryLater).where(eq(jobs.id, job.id));
      return 'failed';
    }
    await deps.db.transaction(async (tx) => {
      const [scored] = await tx
        .update(comments)
        .set({ scores: scoring.scores ?? null, scoreState: scoring.state, updatedAt: sql`now()` })
        .where(eq(comments.id, comment.id))
        .returning();
      // A comment a moderator already decided keeps that decision; only a system hold is revisited.
      const heldOnlyForScoring = comment.status === 'pending' && comment.reasons.every((r) => r.code === 'unscored');
      // A published comment can only be taken down by its score; a held one goes through every content rule.
      const toxic = verdict.reasons.some((r) => r.code === 'toxicity');
      const target =
        comment.status === 'approved' ? (toxic ? verdict.status : 'approved') : heldOnlyForScoring ? verdict.status : 'pending';
      if (target !== comment.status) {
        await changeCommentStatus(tx, deps.bus, scored!, {
          to: target,
          actor: { type: 'system' },
          action: 'rescore',
          reasons: verdict.reasons,
          setReasons: verdict.reasons,
        });
      } else {
        // The new verdict's reasons replace earlier ones with the same code (a toxicity reason from fewer scorers).
        const renewed = new Set(verdict.reasons.map((r) => r.code));
        const reasons = heldOnlyForScoring
          ? verdict.reasons
          : comment.reasons.filter((r) => r.code !== 'unscored' && !renewed.has(r.code)).concat(verdict.reasons);
        await tx.update(comments).set({ reasons }).where(eq(comments.id, comment.id));
        await insertAudit(tx, {
          siteId: comment.siteId,
          commentId: comment.id,
          actorType: 'system',
          action: 'rescore',
          fromStatus: comment.status,
          toStatus: comment.status,
          reasons: verdict.reasons,
        });
      }
      if (scoring.retry) await tx.update(jobs).set(retryLater).where(eq(jobs.id, job.id));
      else await tx.delete(jobs).where(eq(jobs.id, job.id));
    });
    return scoring.retry ? 'failed' : 'scored';
  }

  async function runOnce() {
    const claimed = await claim();
    let scored = 0;
    let failed = 0;
    for (const job of claimed) {
      try {
        const r = await runJob(job);
        if (r === 'scored') scored++;
        if (r === 'failed') failed++;
      } catch (err) {
        failed++;
        deps.metrics.workerFailed('rescore', err);
        if (!isUnavailableError(err)) deps.logger.error({ err, jobId: job.id }, 're-scoring job failed');
      }
    }
    return { claimed: claimed.length, scored, failed };
  }

  return {
    runOnce,
    start(intervalMs) {
      const tick = () => {
        if (stopped) return;
        running = runOnce()
          .catch((err) => {
            deps.metrics.workerFailed('rescore', err);
            if (!isUnavailableError(err)) deps.logger.error({ err }, 're-scoring pass failed');
          })
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}

/** Comments waiting to be re-scored, for /readyz. */
export async function countRescoreBacklog(deps: Pick<Deps, 'db'>): Promise<number> {
  const [row] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(eq(jobs.kind, 'rescore'));
  return Number(row?.n ?? 0);
}
