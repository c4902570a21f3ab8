// The lexicon scorer on worker threads (PARLEY_SCORER_THREADS): the same scorer and answers, with its
// CPU and its garbage off the main thread, which answers every request.
//
// Invariants:
// - A worker runs createLexiconScorer() and answers with its scoreNow(): the same code and weights as
//   inline, so the same text gets the same answer either way.
// - Nothing waits on a dead worker: when one exits, everything it was sent is scored inline (a
//   scorer built here on first need), and a replacement is started at most once per RESPAWN_MS.
// - Nothing waits on a hung worker either: a worker that has held work for hangMs, plus PER_COMMENT_MS
//   for each comment it holds, without answering any of it is terminated, which is the dead-worker case above. A worker still loading its tables (no
//   'ready' yet) is given STARTUP_MS, or ten times hangMs if that is longer.
// - A text the worker failed on is scored inline, which fails the same way: the toxicity phase then
//   sees the rejection it would have seen without the pool.
// - Requests made in one turn of the event loop go to a worker as one message, and it answers them
//   as one; a worker keeps the process alive only while it has work.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../lib/log.js';
import type { LexiconScorer } from './lexicon.js';
import type { Scorer, ScoreInput, ScoreResult } from './scorer.js';

export interface ScoreRequest {
  id: number;
  text: string;
  siteLocale: string;
}

/** null: the worker's scorer threw on this text. */
export interface ScoreAnswer {
  id: number;
  result: ScoreResult | null;
}

export interface LexiconPoolOptions {
  threads: number;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** Builds the inline scorer used when a worker cannot answer (called at most once, when first needed). */
  createInline: () => Promise<LexiconScorer>;
  /** The worker's entry (tests give their own); default lexicon-worker beside this module. */
  workerUrl?: URL;
  resourceLimits?: import('node:worker_threads').ResourceLimits;
  /** How long a worker may hold work without answering any of it before it is terminated (default HANG_MS). */
  hangMs?: number;
}

const RESPAWN_MS = 5_000;
/** A batch takes about a millisecond a comment; a worker silent this long with work in hand is stuck. */
const HANG_MS = 2_000;
/** A comment's scoring at p99 is under 2 ms; this allows for a cold, busy thread and a large batch. */
const PER_COMMENT_MS = 25;
/** Loading the tables on a busy machine (or from source in tests) can take seconds. */
const STARTUP_MS = 15_000;

interface Job {
  request: ScoreRequest;
  input: ScoreInput;
  resolve: (result: ScoreResult) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker | null;
  /** Sent to the worker and not answered yet, by id. */
  inFlight: Map<number, Job>;
  /** Waiting for the next flush. */
  queued: Job[];
  spawnedAt: number;
  /** The worker has loaded its scorer. */
  ready: boolean;
  /** When the worker last answered, or was last given work while it had none. */
  progressAt: number;
  /** Checks the worker for a hang while it has work in flight. */
  watchdog: ReturnType<typeof setInterval> | null;
}

export function createLexiconPool(options: LexiconPoolOptions): Scorer & { readonly threads: number } {
  // server/dist/lexicon-worker.js beside main.js. Run from source (tsx), the thread has no TypeScript
  // loader, fails to start, and every comment is scored inline.
  const url = options.workerUrl ?? new URL('./lexicon-worker.js', import.meta.url);
  let nextId = 1;
  let closed = false;
  let inline: Promise<LexiconScorer> | undefined;
  const scoreInline = (input: ScoreInput) => (inline ??= options.createInline()).then((s) => s.score(input));

  const hangMs = options.hangMs ?? HANG_MS;
  const startupMs = Math.max(STARTUP_MS, hangMs * 10);
  const slots: Slot[] = Array.from({ length: options.threads }, () => ({ worker: null, inFlight: new Map(), queued: [], spawnedAt: -Infinity, ready: false, progressAt: 0, watchdog: null }));

  const stopWatching = (slot: Slot) => {
    if (slot.watchdog) clearInterval(slot.watchdog);
    slot.watchdog = null;
  };
  const watch = (slot: Slot, worker: Worker) => {
    if (slot.watchdog) return;
    slot.watchdog = setInterval(() => {
      if (slot.worker !== worker || slot.inFlight.size === 0) return stopWatching(slot);
      if (performance.now() - slot.progressAt < (slot.ready ? hangMs : startupMs) + PER_COMMENT_MS * slot.inFlight.size) return;
      stopWatching(slot);
      options.logger.warn({ hangMs, inFlight: slot.inFlight.size }, 'a lexicon scorer thread stopped answering; it is terminated and its comments scored inline');
      // The exit handler scores what it held inline; a replacement starts on a later flush.
      void worker.terminate();
    }, Math.max(10, hangMs / 4));
    slot.watchdog.unref();
  };

  const spawn = (slot: Slot) => {
    slot.spawnedAt = performance.now();
    slot.ready = false;
    const worker = new Worker(url, { resourceLimits: options.resourceLimits });
    worker.unref();
    slot.worker = worker;
    worker.on('message', (answers: ScoreAnswer[] | 'ready') => {
      slot.progressAt = performance.now();
      if (answers === 'ready') {
        slot.ready = true;
        return;
      }
      for (const { id, result } of answers) {
        const job = slot.inFlight.get(id);
        if (!job) continue;
        slot.inFlight.delete(id);
        if (result) job.resolve(result);
        else scoreInline(job.input).then(job.resolve, job.reject);
      }
      if (slot.inFlight.size === 0) {
        worker.unref();
        stopWatching(slot);
      }
    });
    worker.on('error', (err) => options.logger.error({ err }, 'a lexicon scorer thread failed; its comments are scored inline'));
    worker.on('exit', (code) => {
      if (slot.worker === worker) {
        slot.worker = null;
        stopWatching(slot);
      }
      if (!closed && code !== 0) options.logger.warn({ code }, 'a lexicon scorer thread exited');
      const orphans = [...slot.inFlight.values()];
      slot.inFlight.clear();
      for (const job of orphans) scoreInline(job.input).then(job.resolve, job.reject);
    });
  };

  const flush = (slot: Slot) => {
    const jobs = slot.queued;
    slot.queued = [];
    if (jobs.length === 0) return;
    if (!slot.worker && !closed && performance.now() - slot.spawnedAt >= RESPAWN_MS) spawn(slot);
    const worker = slot.worker;
    if (!worker) {
      for (const job of jobs) scoreInline(job.input).then(job.resolve, job.reject);
      return;
    }
    if (slot.inFlight.size === 0) slot.progressAt = performance.now();
    for (const job of jobs) slot.inFlight.set(job.request.id, job);
    worker.ref();
    watch(slot, worker);
    worker.postMessage(jobs.map((j) => j.request));
  };

  let flushing = false;
  const flushAll = () => {
    flushing = false;
    for (const slot of slots) flush(slot);
  };

  for (const slot of slots) spawn(slot);

  return {
    name: 'lexicon',
    threads: options.threads,
    score(input) {
      if (input.signal?.aborted) return Promise.resolve({ ok: false, provider: 'lexicon', reason: 'timeout', detail: 'the caller stopped waiting' });
      if (closed || slots.length === 0) return scoreInline(input);
      // The slot with the least work; ties go to the first.
      let slot = slots[0]!;
      for (const s of slots) if (s.inFlight.size + s.queued.length < slot.inFlight.size + slot.queued.length) slot = s;
      return new Promise<ScoreResult>((resolve, reject) => {
        slot.queued.push({ request: { id: nextId++, text: input.text, siteLocale: input.siteLocale }, input, resolve, reject });
        if (!flushing) {
          flushing = true;
          setImmediate(flushAll);
        }
      });
    },
    health() {
      const down = slots.filter((s) => !s.worker).length;
      return down === 0 ? { ok: true } : { ok: true, detail: `${down} of ${slots.length} scorer threads down; scoring inline` };
    },
    async close() {
      closed = true;
      for (const slot of slots) stopWatching(slot);
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
}
