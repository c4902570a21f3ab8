// Child processes the benchmark runs: Parley itself, the ceiling server and the fake Perspective.
// Each is a real process on 127.0.0.1, found by a port the bench picks, and stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The node flags `npm start` runs the server with (package.json's start script: the V8 heap's sizes),
 * so the bench runs it exactly that way.
 */
export const SERVER_NODE_FLAGS: string[] = (() => {
  const start = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const flags = /\bnode ((?:--\S+ )*)server\/dist\/main\.js/.exec(start);
  if (!flags) throw new Error(`package.json's start script does not run node ... server/dist/main.js: ${start}`);
  return flags[1]!.split(' ').filter(Boolean);
})();

/** A free TCP port on 127.0.0.1 (listen on 0, read the number, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// Every child still running when the bench exits (normally or not) is killed by its own pid.
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
});

/** The environment a child starts from: ours, minus every setting Parley reads. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(PARLEY_|PERSPECTIVE_|DATABASE_URL$|DB_POOL_MAX$|PORT$|HOST$|PUBLIC_URL$|LOG_LEVEL$|NODE_OPTIONS$)/.test(k)) continue;
    env[k] = v;
  }
  return env;
}

export interface Child {
  readonly pid: number;
  readonly process: ChildProcess;
  /** Everything the child wrote so far (stdout and stderr), for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a child process. With `logFile`, its output goes straight to that file instead of through
 * this process, which runs the load generator: a server logging every request would otherwise take
 * the generator's CPU.
 */
export function startChild(command: string, args: string[], env: Record<string, string>, options: { cwd?: string; logFile?: string } = {}): Child {
  const logFd = options.logFile ? openSync(options.logFile, 'w') : undefined;
  const child = spawn(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', logFd ?? 'pipe', logFd ?? 'pipe'],
  });
  if (logFd !== undefined) closeSync(logFd);
  running.add(child);
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));
  return {
    pid: child.pid!,
    process: child,
    output: () => (options.logFile ? tail(options.logFile, 200_000) : out),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The last `bytes` of a file, as text. */
function tail(file: string, bytes: number): string {
  try {
    const size = statSync(file).size;
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(size, bytes));
      readSync(fd, buf, 0, buf.length, size - buf.length);
      return buf.toString();
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** Resolves once `url` answers 200; rejects when the child exits first or `timeoutMs` passes. */
export async function waitForOk(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`process exited with ${child.process.exitCode} before ${url} answered:\n${child.output().slice(-3000)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${child.output().slice(-3000)}`);
}

export interface ParleyOptions {
  /** postgres URL, or undefined for PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  scorer: 'lexicon' | 'perspective' | 'none';
  perspectiveOrigin?: string;
  demo?: boolean;
  poolMax?: number;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/x']. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

export interface ParleyProcess extends Child {
  url: string;
  /** Milliseconds from spawn until /readyz answered 200. */
  readyMs: number;
  /** Milliseconds from spawn until "Parley is running" appeared on stdout (undefined if it did not). */
  printedMs?: number;
}

/** Starts the compiled server as `npm start` does (`node <SERVER_NODE_FLAGS> server/dist/main.js`) and waits for /readyz. */
export async function startParley(options: ParleyOptions): Promise<ParleyProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PARLEY_DEMO: options.demo ? 'true' : 'false',
    PARLEY_SCORER: options.scorer,
    PARLEY_TRUST_PROXY_HOPS: '1',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { PARLEY_DATA_DIR: options.dataDir! }),
    ...(options.poolMax ? { DB_POOL_MAX: String(options.poolMax) } : {}),
    ...(options.scorer === 'perspective'
      ? {
          PERSPECTIVE_API_KEY: 'test-key',
          PERSPECTIVE_BASE_URL: options.perspectiveOrigin!,
          // The config's maximum; the client-side limiter must not be what the bench measures.
          PERSPECTIVE_QPS: '1000',
          PERSPECTIVE_TIMEOUT_MS: '2000',
        }
      : {}),
    ...options.env,
  };
  // Parley runs at its default log level (a JSON line per request), its output in a file.
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-log-'));
  const logFile = path.join(logDir, 'parley.log');
  const started = performance.now();
  const child = startChild(process.execPath, [...(options.nodeArgs ?? []), ...SERVER_NODE_FLAGS, 'server/dist/main.js'], env, { logFile });
  let printedMs: number | undefined;
  const banner = setInterval(() => {
    if (printedMs === undefined && readFileSync(logFile, 'utf8').includes('Parley is running')) printedMs = performance.now() - started;
  }, 10);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${url}/readyz`, child);
    const readyMs = performance.now() - started;
    // main.ts prints its banner after the server listens, so /readyz may answer first.
    const until = performance.now() + 2000;
    while (printedMs === undefined && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
    const stop = async (graceMs?: number) => {
      await child.stop(graceMs);
      if (!process.env.PARLEY_BENCH_KEEP_LOG) rmSync(logDir, { recursive: true, force: true });
    };
    return { ...child, stop, url, readyMs, printedMs };
  } finally {
    clearInterval(banner);
  }
}

export interface ProcStats {
  /** Resident set size now, kB. */
  rssKb: number;
  /** Peak resident set size since the process started (VmHWM), kB. */
  hwmKb: number;
  /** User + system CPU time consumed so far, ms. */
  cpuMs: number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** Memory and CPU of a live process, from /proc. */
export function procStats(pid: number): ProcStats | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), cpuMs: (ticks * 1000) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest sample. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = procStats(pid)?.rssKb ?? 0;
  const timer = setInterval(() => {
    const s = procStats(pid);
    if (s && s.rssKb > peak) peak = s.rssKb;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const s = procStats(pid);
      if (s && s.rssKb > peak) peak = s.rssKb;
      return peak;
    },
  };
}

/** Starts a helper script of this folder under tsx and reads its first stdout line as JSON. */
export async function startHelper<T>(script: string, env: Record<string, string>): Promise<{ child: Child; info: T }> {
  const child = startChild(process.execPath, ['--import', 'tsx', path.join('tests/bench', script)], env);
  const info = await new Promise<T>((resolve, reject) => {
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        child.process.stdout!.off('data', onData);
        try {
          resolve(JSON.parse(buf.slice(0, nl)) as T);
        } catch {
          reject(new Error(`${script} printed ${buf.slice(0, 200)}`));
        }
      }
    };
    child.process.stdout!.on('data', onData);
    child.process.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${child.output().slice(-2000)}`)));
  });
  return { child, info };
}
