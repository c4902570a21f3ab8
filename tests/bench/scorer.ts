// The offline scorer's own row: CPU time per 1,000-character comment and the resident memory it
// adds, measured in a child process running the compiled scorer (as the server runs it), so
// neither the TypeScript loader nor the bench's own memory is counted.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { countLinks } from '../../server/moderation/phases/links.js';
import { cleanBody } from '../../server/comments/dto.js';
import { REPO_ROOT } from './processes.js';

export interface ScorerBench {
  comments: number;
  chars: number;
  p50Micros: number;
  p99Micros: number;
  meanMicros: number;
  /** RSS once the scorer is built and has scored every comment, minus RSS before it was loaded. */
  addedRssMb: number;
  /** The same, right after it was built, before any comment. */
  builtRssMb: number;
}

/** Builds tests/bench/scorer-child.ts with esbuild and runs it; `comments` 1,000-character comments. */
export async function benchScorer(comments: number): Promise<ScorerBench> {
  // Inside the repository (dist/ is ignored by git): the bundles resolve packages from node_modules.
  mkdirSync(path.join(REPO_ROOT, 'tests/bench/dist'), { recursive: true });
  const dir = mkdtempSync(path.join(REPO_ROOT, 'tests/bench/dist/scorer-'));
  try {
    // The scorer is its own bundle, imported by the child only after it has measured its memory.
    await build({
      entryPoints: { 'scorer-child': path.join(REPO_ROOT, 'tests/bench/scorer-child.ts'), lexicon: path.join(REPO_ROOT, 'server/moderation/scorers/lexicon.ts') },
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
    const env = { ...process.env, BENCH_COMMENTS: String(comments), BENCH_DATA: path.join(REPO_ROOT, 'tests/moderation/eval/data'), BENCH_SCORER: path.join(dir, 'lexicon.mjs') };
    // --single-threaded: V8's compiler and garbage collector work on the main thread, so the CPU time
    // of a comment is its own, on one core. With helper threads, process.cpuUsage() charged a comment
    // with their earlier work on the other core when it was accounted (4.8 ms of CPU in 0.8 ms of wall).
    const child = spawnSync(process.execPath, ['--expose-gc', '--single-threaded', path.join(dir, 'scorer-child.mjs')], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 300_000 });
    if (child.status !== 0) throw new Error(`scorer bench failed: ${child.stderr.slice(0, 800)}`);
    return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as ScorerBench;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median ms of 15 runs of `fn` after 3 warm-ups. */
function medianMs(fn: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < 18; run++) {
    const started = performance.now();
    fn();
    if (run >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The links phase's counter on its worst case before issue 12 (a-b.c-d. repeated). */
export function benchLinkCounter(chars = 100_000): number {
  const text = 'a-b.c-d.'.repeat(Math.ceil(chars / 8)).slice(0, chars);
  return medianMs(() => countLinks(text));
}

/** Comment cleaning on its worst case before 2026-12-07 (a run of spaces with no line break after it: 1.5 s for 65,400). */
export function benchCleanBody(chars = 100_000): number {
  const text = `${' '.repeat(chars - 1)}x`;
  return medianMs(() => cleanBody(text));
}
