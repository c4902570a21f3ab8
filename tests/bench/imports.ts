// Bench row: `npm run import -- disqus FILE` on PostgreSQL with a generated 100,000-comment export
// (tests/imports/generate.ts), as a child process: wall time, comments/s, the importer's peak RSS
// (VmHWM, sampled), its CPU and the CPU of the PostgreSQL backends serving it (from /proc), and
// whether every thread's count and the total match the file. Bigger files show whether memory stays flat.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '../../server/db/client.js';
import { insertSite } from '../../server/sites/store.js';
import { generateDisqusFile } from '../imports/generate.js';
import { procStats, REPO_ROOT, startChild } from './processes.js';

export interface ImportBenchRow {
  comments: number;
  fileMb: number;
  wallMs: number;
  commentsPerSecond: number;
  peakRssMb: number;
  importerCpuMs: number;
  postgresCpuMs: number;
  /** From the importer's summary: reading and staging, planning, writing. */
  timings: { readMs: number; planMs: number; writeMs: number };
  countsMatch: boolean;
  mismatch?: string;
  loadavg1: number;
}

export async function benchImport(options: { pgBase: string; dbName: string; comments: number; log: (line: string) => void }): Promise<ImportBenchRow> {
  const { log } = options;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-import-'));
  const admin = postgres(`${options.pgBase}/postgres`, { max: 1, onnotice: () => {} });
  const url = `${options.pgBase}/${options.dbName}`;
  try {
    const file = await generateDisqusFile(path.join(dir, 'disqus.xml'), options.comments);
    log(`import: generated ${options.comments.toLocaleString('en')} comments over ${file.threads} threads, ${(file.bytes / 2 ** 20).toFixed(1)} MB`);
    await admin.unsafe(`create database "${options.dbName}"`);
    const database = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 2 });
    await migrateDatabase(database);
    const site = await insertSite(database.db, { slug: 'bench-import', name: 'Bench import' });
    await database.close();

    const loadavg1 = os.loadavg()[0] ?? 0;
    const started = performance.now();
    // What `npm run import` runs, without npm in between.
    const child = startChild(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'server/cli/import.ts'), 'disqus', file.path, '--site', site.slug, '--json'],
      { DATABASE_URL: url, LOG_LEVEL: 'warn' },
    );
    let hwmKb = 0;
    let importerCpuMs = 0;
    const backendCpu = new Map<number, number>();
    const exited = new Promise<number | null>((resolve) => child.process.once('exit', (code) => resolve(code)));
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      const s = procStats(child.pid);
      if (s) {
        hwmKb = Math.max(hwmKb, s.hwmKb);
        importerCpuMs = Math.max(importerCpuMs, s.cpuMs);
      }
      const pids = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${options.dbName}`.catch(() => []);
      for (const { pid } of pids) {
        const b = procStats(pid);
        if (b) backendCpu.set(pid, Math.max(backendCpu.get(pid) ?? 0, b.cpuMs));
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
    }
    const wallMs = performance.now() - started;
    if ((await exited) !== 0) throw new Error(`the import failed:\n${child.output().slice(-2000)}`);
    const out = child.output();
    const summary = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as {
      comments: { writtenTotal: number };
      articles: { created: number };
      timings: ImportBenchRow['timings'];
    };

    // Threads and counts as in the source: every thread's approved count, and the total.
    const check = postgres(url, { max: 1, onnotice: () => {} });
    const rows = await check<{ key: string; n: number }[]>`select key, comment_count as n from articles where site_id = ${site.id}`;
    const [{ total }] = await check<{ total: string }[]>`select count(*) as total from comments where site_id = ${site.id}`;
    await check.end({ timeout: 2 });
    const byKey = new Map(rows.map((r) => [r.key, r.n]));
    let mismatch: string | undefined;
    if (Number(total) !== file.comments || summary.comments.writtenTotal !== file.comments) mismatch = `${total} comments stored of ${file.comments}`;
    else if (summary.articles.created !== file.threads) mismatch = `${summary.articles.created} articles of ${file.threads}`;
    else {
      for (let i = 0; i < file.threads && !mismatch; i++) {
        const got = byKey.get(`https://news.example/story/${i}`);
        if (got !== file.approvedPerThread[i]) mismatch = `thread ${i}: ${got} approved, the file has ${file.approvedPerThread[i]}`;
      }
    }
    const postgresCpuMs = [...backendCpu.values()].reduce((a, b) => a + b, 0);
    return {
      comments: file.comments,
      fileMb: file.bytes / 2 ** 20,
      wallMs,
      commentsPerSecond: file.comments / (wallMs / 1000),
      peakRssMb: hwmKb / 1024,
      importerCpuMs,
      postgresCpuMs,
      timings: summary.timings,
      countsMatch: mismatch === undefined,
      ...(mismatch ? { mismatch } : {}),
      loadavg1,
    };
  } finally {
    await admin.unsafe(`drop database if exists "${options.dbName}" with (force)`).catch(() => {});
    await admin.end({ timeout: 2 });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bench's printed line for one import row. */
export function formatImportRow(r: ImportBenchRow): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return (
    `import: Disqus ${r.comments.toLocaleString('en')} comments (${r.fileMb.toFixed(0)} MB) on PostgreSQL in ${s(r.wallMs)} = ${Math.round(r.commentsPerSecond).toLocaleString('en')} comments/s; ` +
    `peak RSS ${r.peakRssMb.toFixed(0)} MB; CPU importer ${s(r.importerCpuMs)} + PostgreSQL ${s(r.postgresCpuMs)}; ` +
    `read ${s(r.timings.readMs)}, plan ${s(r.timings.planMs)}, write ${s(r.timings.writeMs)}; counts ${r.countsMatch ? 'match the file' : `DIFFER: ${r.mismatch}`} (load ${r.loadavg1.toFixed(1)})`
  );
}
