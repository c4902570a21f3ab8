// The metrics row: what /metrics costs the cached thread read. One Parley without PARLEY_METRICS_TOKEN
// (no instrumentation at all) and one with it, over one PostgreSQL database; reads of one hot thread
// measured in the order off, on, on+scrape, on+scrape, on, off (ABBA), `rounds` times, after a warm-up
// of both, the scraper fetching /metrics every second: 15 times as often as the 15 s a Prometheus job
// would, so its cost shows. On a shared machine the rates move by more than 2% between rows, so the
// server's CPU per scrape is measured too (100 scrapes of the idle server): divided by the scrape
// interval, it is the share of a saturated single-threaded server a scraper takes.
import { procStats, type ParleyProcess } from './processes.js';
import { readRequests, runLoad } from './load.js';
import type { Measure } from './live.js';

export interface MetricsBenchResult {
  offPerSecond: number;
  onPerSecond: number;
  scrapedPerSecond: number;
  /** Reads/s with a scrape every second against without (same server). */
  scrapeRatio: number;
  /** Reads/s with metrics on (no scraper) against a server without metrics. */
  instrumentRatio: number;
  /** Server CPU per read, ms, in the three conditions (steadier than rates on a shared machine). */
  cpuMs: { off: number; on: number; scraped: number };
  scrapeIntervalMs: number;
  scrapes: number;
  /** One scrape: its bytes and median wall time as the scraper saw it. */
  scrapeBytes: number;
  scrapeMedianMs: number;
  /** Server CPU per scrape, ms (100 scrapes of the idle server, from /proc). */
  cpuPerScrapeMs: number;
  rounds: number;
  loadavg1: number;
}

interface Tools {
  measure: Measure;
  log(line: string): void;
  startParley(options: { databaseUrl: string; scorer: 'lexicon'; env?: Record<string, string> }): Promise<ParleyProcess>;
  stopServer(server: ParleyProcess, name: string): Promise<void>;
  connections: number;
  rounds: number;
  warmupSeconds: number;
}

const TOKEN = 'bench-metrics-token-0123456789';
const SCRAPE_INTERVAL_MS = 1000;

/** Fetches /metrics every intervalMs until stopped; keeps each scrape's bytes and wall time. */
function startScraper(url: string, intervalMs: number) {
  const times: number[] = [];
  let bytes = 0;
  let failures = 0;
  const scrape = async () => {
    const started = performance.now();
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = await res.text();
    if (res.status !== 200) failures += 1;
    times.push(performance.now() - started);
    bytes = Buffer.byteLength(body);
  };
  const timer = setInterval(() => void scrape().catch(() => (failures += 1)), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      if (failures > 0) throw new Error(`${failures} scrapes failed`);
      return { times, bytes };
    },
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function benchMetrics(databaseUrl: string, hotPath: string, tools: Tools): Promise<MetricsBenchResult> {
  const off = await tools.startParley({ databaseUrl, scorer: 'lexicon' });
  const on = await tools.startParley({ databaseUrl, scorer: 'lexicon', env: { PARLEY_METRICS_TOKEN: TOKEN } });
  try {
    const spec = (server: ParleyProcess) => ({ url: server.url, connections: tools.connections, requests: readRequests([hotPath]) });
    const rows = { off: [] as number[], on: [] as number[], scraped: [] as number[] };
    const cpu = { off: [] as number[], on: [] as number[], scraped: [] as number[] };
    const times: number[] = [];
    let bytes = 0;
    // Both servers' JIT warm before the first row, so neither side of the comparison runs cold.
    for (const server of [off, on]) await runLoad({ ...spec(server), seconds: tools.warmupSeconds }, [200]);
    const round = ['off', 'on', 'scraped', 'scraped', 'on', 'off'] as const;
    const order = Array.from({ length: tools.rounds }, () => round).flat();
    for (const [i, kind] of order.entries()) {
      const server = kind === 'off' ? off : on;
      const scraper = kind === 'scraped' ? startScraper(on.url, SCRAPE_INTERVAL_MS) : undefined;
      const label = { off: 'thread read, metrics off', on: 'thread read, metrics on, no scraper', scraped: `thread read, metrics on, scraped every ${SCRAPE_INTERVAL_MS / 1000} s` }[kind];
      const row = await tools.measure(`metrics-${kind}-${i + 1}`, label, server, spec(server), [200]);
      if (scraper) {
        const s = scraper.stop();
        times.push(...s.times);
        bytes = s.bytes;
      }
      rows[kind].push(row.load.rate);
      if (row.cpuMsPerRequest !== undefined) cpu[kind].push(row.cpuMsPerRequest);
    }
    // The scrape's own cost, on the idle server: 100 scrapes one after another.
    const cpuBefore = procStats(on.pid);
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${on.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      await res.text();
    }
    const cpuAfter = procStats(on.pid);
    const cpuPerScrapeMs = cpuBefore && cpuAfter ? (cpuAfter.cpuMs - cpuBefore.cpuMs) / 100 : NaN;
    const sorted = [...times].sort((a, b) => a - b);
    const result: MetricsBenchResult = {
      offPerSecond: mean(rows.off),
      onPerSecond: mean(rows.on),
      scrapedPerSecond: mean(rows.scraped),
      scrapeRatio: mean(rows.scraped) / mean(rows.on),
      instrumentRatio: mean(rows.on) / mean(rows.off),
      cpuMs: { off: mean(cpu.off), on: mean(cpu.on), scraped: mean(cpu.scraped) },
      scrapeIntervalMs: SCRAPE_INTERVAL_MS,
      scrapes: times.length,
      scrapeBytes: bytes,
      scrapeMedianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
      cpuPerScrapeMs,
      rounds: tools.rounds,
      loadavg1: 0,
    };
    tools.log(
      `  scraped every ${SCRAPE_INTERVAL_MS / 1000} s: ${(result.scrapeRatio * 100).toFixed(1)}% of unscraped reads/s; metrics on: ${(result.instrumentRatio * 100).toFixed(1)}% of off; ` +
        `CPU ${result.cpuMs.off.toFixed(3)} / ${result.cpuMs.on.toFixed(3)} / ${result.cpuMs.scraped.toFixed(3)} ms per read (off / on / scraped); ` +
        `${result.scrapes} scrapes of ${(bytes / 1024).toFixed(1)} kB, median ${result.scrapeMedianMs.toFixed(1)} ms; server CPU ${cpuPerScrapeMs.toFixed(2)} ms per scrape`,
    );
    return result;
  } finally {
    await tools.stopServer(off, 'metrics-off');
    await tools.stopServer(on, 'metrics-on');
  }
}
