// Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: self time per function,
// and total time per file, which is what tells the core engineer which function to look at.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './processes.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  where: string;
  selfPct: number;
}

export interface ProfileSummary {
  totalMs: number;
  idlePct: number;
  gcPct: number;
  topSelf: ProfileLine[];
  /** Inclusive time of Parley's own modules (server/...), by function. */
  parleyInclusive: ProfileLine[];
  byPackage: { name: string; selfPct: number }[];
}

function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const rel = file.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, file) : file;
  return rel.replace(/^node_modules\//, '');
}

function packageOf(url: string): string {
  if (url === '') return '(native/V8)';
  if (url.startsWith('node:')) return 'node core';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.includes('/server/')) return 'parley server/';
  return shortUrl(url);
}

/**
 * Summarizes a profile. `lastMs` keeps only the samples of the final milliseconds before the process
 * ended (the load window, without start-up), since the bench stops a server right after its load.
 */
export function summarizeProfile(file: string, top = 15, lastMs?: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) stamps.push((t += delta));
  const from = lastMs === undefined ? -Infinity : (stamps[stamps.length - 1] ?? 0) - lastMs * 1000;
  for (let i = 0; i < profile.samples.length; i++) {
    if (stamps[i]! < from) continue;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const pct = (us: number) => Math.round((us / total) * 1000) / 10;

  const self = new Map<string, { name: string; where: string; us: number }>();
  const inclusive = new Map<string, { name: string; where: string; us: number }>();
  const packages = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    // The server bundle is one line (minifyWhitespace): a function is told apart by its column too.
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === '(idle)') idle += us;
    if (functionName === '(garbage collector)') gc += us;
    const key = `${functionName}|${url}|${lineNumber}|${columnNumber}`;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}:${columnNumber + 1}` : '';
    const entry = self.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    self.set(key, entry);
    packages.set(packageOf(url), (packages.get(packageOf(url)) ?? 0) + us);
    // Inclusive time for Parley's functions: credit each distinct server/ frame on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (!f.url.includes(`${REPO_ROOT}/server/`)) continue;
      const k = `${f.functionName}|${f.url}|${f.lineNumber}|${f.columnNumber}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const e = inclusive.get(k) ?? { name: f.functionName || '(anonymous)', where: `${shortUrl(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`, us: 0 };
      e.us += us;
      inclusive.set(k, e);
    }
  }
  const rank = (m: Map<string, { name: string; where: string; us: number }>, skipIdle: boolean) =>
    [...m.values()]
      .filter((e) => !skipIdle || (e.name !== '(idle)' && e.name !== '(program)'))
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, selfPct: pct(e.us) }));
  return {
    totalMs: Math.round(total / 1000),
    idlePct: pct(idle),
    gcPct: pct(gc),
    topSelf: rank(self, true),
    parleyInclusive: rank(inclusive, false),
    byPackage: [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([name, us]) => ({ name, selfPct: pct(us) })),
  };
}
