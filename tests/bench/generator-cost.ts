// What each load generator costs per POST of the posting rows, apart from any server:
// `npx tsx tests/bench/generator-cost.ts [--seconds=N] [--rounds=N]`. A trivial node:http server in a
// process of its own reads each POST and answers 201 with a Parley-sized JSON body; against it, in
// interleaved rounds, autocannon (in this process, as the bench runs it), wrk (wrk.ts; its CPU from
// /proc/self/stat) and the write drivers' minimal client (driver-http.ts, 50 requests in flight, in
// this process) send the one-address plan at 50 connections. Prints each one's CPU ms per request
// and the server's, whose share of the two cores is what a leaner generator leaves to Parley.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createDriverClient } from './driver-http.js';
import { postLoad, runLoad } from './load.js';
import { procStats } from './processes.js';
import { wrkAvailable, type PostPlan } from './wrk.js';

if (process.env.GENERATOR_COST_SERVER) {
  const http = await import('node:http');
  const answer = (id: number) =>
    JSON.stringify({
      comment: { id, parentId: null, authorName: 'Asha Menon', body: 'x'.repeat(320), status: 'approved', createdAt: new Date(0).toISOString(), editableUntil: new Date(0).toISOString() },
      authorToken: 'a'.repeat(64),
    });
  let id = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = answer(++id);
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
  process.on('SIGTERM', () => process.exit(0));
} else {
  const { values: flags } = parseArgs({ options: { seconds: { type: 'string' }, rounds: { type: 'string' } } });
  const seconds = Number(flags.seconds ?? 10);
  const rounds = Number(flags.rounds ?? 2);
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], {
    env: { ...process.env, GENERATOR_COST_SERVER: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (c: Buffer) => resolve((JSON.parse(c.toString()) as { port: number }).port)));
  const url = `http://127.0.0.1:${port}`;
  let start = 0;
  const plan = (): PostPlan => ({ site: 'bench-one', article: { prefix: 'one', of: 1000 }, ip: '203.0.113.7', start: (start += 1_000_000) });

  const viaDriver = async (): Promise<{ n: number; cpuMs: number; seconds: number }> => {
    const client = createDriverClient(url, 50);
    const [spec] = postLoad(plan()).requests;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const until = t0 + seconds * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (performance.now() < until) {
          const req = spec!.setupRequest!({ method: 'POST', headers: {} }, {});
          const res = await client.post(req.path!, req.headers!, req.body as string);
          if (res.status === 201) n++;
        }
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    client.close();
    return { n, cpuMs: (cpu.user + cpu.system) / 1000, seconds: (performance.now() - t0) / 1000 };
  };

  const kinds = ['autocannon', ...(wrkAvailable() ? ['wrk'] : []), 'driver-http'];
  const order = Array.from({ length: rounds }, (_, r) => (r % 2 ? [...kinds].reverse() : kinds)).flat();
  for (const kind of order) {
    const s0 = procStats(child.pid!)!.cpuMs;
    let n: number;
    let cpuMs: number;
    let took: number;
    if (kind === 'driver-http') ({ n, cpuMs, seconds: took } = await viaDriver());
    else {
      if (kind === 'autocannon') process.env.PARLEY_BENCH_GENERATOR = 'autocannon';
      else delete process.env.PARLEY_BENCH_GENERATOR;
      const r = await runLoad({ url, connections: 50, seconds, ...postLoad(plan()) }, [201]);
      ({ ok: n, generatorCpuMs: cpuMs, seconds: took } = r);
    }
    const serverMs = procStats(child.pid!)!.cpuMs - s0;
    console.log(
      `${kind}: ${(n / took).toFixed(0)} posts/s, generator ${(cpuMs / n).toFixed(3)} ms/request, trivial server ${(serverMs / n).toFixed(3)} ms/request (load ${os.loadavg()[0]!.toFixed(1)})`,
    );
  }
  child.kill('SIGTERM');
}
