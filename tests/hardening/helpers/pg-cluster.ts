// A throwaway PostgreSQL cluster made for one test: initdb into a temp dir, pg_ctl start/stop, trust auth.
// initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` system user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './child.js';

/** The newest installed PostgreSQL bin directory with initdb, or null. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

const isRoot = process.getuid?.() === 0;
/** Same switch as tests/helpers/db.ts, read here so this file does not probe the shared PostgreSQL. */
const REQUIRE_ALL = process.env.PARLEY_REQUIRE_ALL === '1';

function postgresIds(): { uid: number; gid: number } | null {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return null;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Why a throwaway cluster cannot be made here, or false when it can. Throws under PARLEY_REQUIRE_ALL=1. */
export function clusterSkipReason(): string | false {
  let reason: string | null = null;
  if (!findPgBin()) reason = 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)';
  else if (isRoot && !postgresIds()) reason = 'running as root and there is no `postgres` user to run initdb as';
  else if (isRoot && spawnSync('runuser', ['--help']).error) reason = 'running as root and runuser is missing';
  if (!reason) return false;
  if (REQUIRE_ALL) throw new Error(`${reason}, and PARLEY_REQUIRE_ALL=1 forbids skipping`);
  console.warn(`\n!!! SKIPPING throwaway-PostgreSQL tests: ${reason} !!!\n`);
  return reason;
}

export interface Cluster {
  port: number;
  /** postgres://postgres@127.0.0.1:port/<db> */
  url(db?: string): string;
  start(): void;
  /** pg_ctl stop -m fast: connections are cut, the server is gone until start(). */
  stop(): void;
  running(): boolean;
  log(): string;
  destroy(): void;
}

function run(bin: string, args: string[]) {
  const cmd = isRoot ? 'runuser' : bin;
  const full = isRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  return execFileSync(cmd, full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

/** initdb + start; the caller must destroy() it. */
export async function createCluster(): Promise<Cluster> {
  const bin = findPgBin()!;
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  if (isRoot) {
    const ids = postgresIds()!;
    chownSync(dir, ids.uid, ids.gid);
  }
  run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  const cluster: Cluster = {
    port,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start() {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', logFile, '-w', '-t', '60', 'start']);
    },
    stop() {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    },
    running() {
      return spawnSync(isRoot ? 'runuser' : path.join(bin, 'pg_ctl'), isRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), '-D', data, 'status'] : ['-D', data, 'status']).status === 0;
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    destroy() {
      try {
        if (cluster.running()) run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already down
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
