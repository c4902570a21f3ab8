// Parley as a child process, so a crash, a hang or a bad exit code shows. It runs what `npm start`
// runs, the compiled server/dist/main.js (npm test builds it first).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CHILD_SECRET = 'hardening-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0';

/** A TCP port free on 127.0.0.1 right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ParleyChild {
  proc: ChildProcess;
  url: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Sends SIGTERM (once) and waits for the exit, up to `ms`; then SIGKILL. */
  stop(ms?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts Parley with `env` on a fresh port and resolves once it prints that it is running. */
export async function startParleyChild(env: Record<string, string>, options: { startTimeoutMs?: number } = {}): Promise<ParleyChild> {
  const port = Number(env.PORT ?? (await freePort()));
  const fullEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    PARLEY_SCORER: 'none',
    PARLEY_TRUST_PROXY_HOPS: '1',
    PARLEY_DEMO: 'true',
    PARLEY_SECRET: CHILD_SECRET,
    ...env,
  };
  const proc = spawn(process.execPath, [path.join(REPO_ROOT, 'server/dist/main.js')], {
    cwd: REPO_ROOT,
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`Parley did not start within ${startTimeoutMs} ms:\n${out}`));
    }, startTimeoutMs);
    const check = () => {
      if (out.includes('Parley is running at')) {
        clearTimeout(timer);
        proc.stdout!.off('data', check);
        resolve();
      }
    };
    proc.stdout!.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Parley exited during start (code ${code}, signal ${signal}):\n${out}`));
    });
    check();
  });
  let stopping: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> | undefined;
  return {
    proc,
    url,
    port,
    output: () => out,
    exited,
    stop(ms = 30_000) {
      stopping ??= (async () => {
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), ms);
        const result = await exited;
        clearTimeout(timer);
        return result;
      })();
      return stopping;
    },
  };
}

/** Log lines (JSON) the child wrote, parsed; other lines are skipped. */
export function jsonLines(output: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a partial line
    }
  }
  return out;
}
