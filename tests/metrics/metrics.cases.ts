// GET /metrics through HTTP on a real Parley: the token is enforced, the text parses, and counters
// move with the requests that drive them. Run per driver by metrics.{pglite,postgres}.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, startTestServer, type TestServer } from '../helpers/app.js';
import { skipFor, type Driver } from '../helpers/db.js';
import { metricValue, parseMetrics, type Families } from '../helpers/prometheus.js';
import { insertSite, type Site } from '../../server/sites/store.js';
import type { Scorer } from '../../server/moderation/scorers/scorer.js';
import { createNotificationWorker } from '../../server/notifications/outbox.js';
import { createRescoreWorker } from '../../server/moderation/rescore.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const THREAD = '/api/v1/sites/:site/articles/:article/comments';
const SECRET_WORDS = 'xyzzy-plugh';

/** Answers every text, except ones containing "flaky", which time out (a scorer outage). */
const flakyScorer: Scorer = {
  name: 'flaky',
  async score(input) {
    if (input.text.includes('flaky')) return { ok: false, provider: 'flaky', reason: 'timeout', detail: 'no answer in time' };
    return { ok: true, provider: 'flaky', scores: { TOXICITY: 0.01 }, language: 'en' };
  },
};

export function defineMetricsTests(driver: Driver) {
  describe(`GET /metrics [${driver}]`, { skip: skipFor(driver) }, () => {
    let s: TestServer;
    let open: Site;
    let pre: Site;
    let n = 0;
    before(async () => {
      s = await startTestServer({ driver, scorer: flakyScorer, env: { PARLEY_METRICS_TOKEN: TOKEN } });
      const settings = { floodSeconds: 0, minSubmitSeconds: 0 };
      open = await insertSite(s.deps.db, { slug: `open-${process.pid}`, name: 'Open', allowedOrigins: ['https://news.example'], locale: 'en', settings: { mode: 'post', ...settings } });
      pre = await insertSite(s.deps.db, { slug: `pre-${process.pid}`, name: 'Pre', allowedOrigins: ['https://news.example'], locale: 'en', settings: { mode: 'pre', ...settings } });
    });
    after(async () => s?.close());

    const scrapeText = async () => {
      const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 200);
      return res.text();
    };
    const scrape = async (): Promise<Families> => parseMetrics(await scrapeText());
    const post = (site: Site, article: string, fields: Record<string, unknown>) => {
      n += 1;
      return fetch(`${s.url}/api/v1/sites/${site.slug}/articles/${article}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${n}` },
        body: JSON.stringify({ name: 'Meera', email: 'meera.metrics@example.com', body: `${SECRET_WORDS} comment ${n}`, ...fields }),
      });
    };

    it('refuses a scrape without the token or with a wrong one (401), and answers the right one in the text format', async () => {
      const none = await fetch(`${s.url}/metrics`);
      assert.equal(none.status, 401);
      assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal((await none.json()).error.code, 'UNAUTHORIZED');
      const wrong = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
      assert.equal(wrong.status, 401);
      const basic = await fetch(`${s.url}/metrics`, { headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` } });
      assert.equal(basic.status, 401);
      const right = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(right.status, 200);
      assert.match(right.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const families = parseMetrics(await right.text());
      for (const name of ['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', 'parley_http_request_duration_seconds', 'parley_comments_created_total', 'parley_db_pool_max']) {
        assert.ok(families.types.has(name), `${name} is exposed`);
      }
      assert.equal(families.types.get('parley_http_request_duration_seconds'), 'HISTOGRAM');
      // The refused scrapes were counted under the route's template.
      assert.ok(metricValue(families, 'parley_http_request_duration_seconds', { route: '/metrics', status: '401' }) >= 3);
    });

    it('counts a published post, a held post and refused posts by their code', async () => {
      const before = await scrape();
      assert.equal((await post(open, 'story-1', {})).status, 201);
      assert.equal((await post(pre, 'story-1', {})).status, 202);
      assert.equal((await post(open, 'story-1', { body: '' })).status, 422);
      assert.equal((await post({ ...open, slug: 'no-such-site' }, 'story-1', {})).status, 404);
      const later = await scrape();
      const delta = (name: string, labels: Record<string, string>) => metricValue(later, name, labels) - metricValue(before, name, labels);
      assert.equal(delta('parley_comments_created_total', { outcome: 'published' }), 1);
      assert.equal(delta('parley_comments_created_total', { outcome: 'held' }), 1);
      assert.equal(delta('parley_comments_refused_total', { code: 'VALIDATION_FAILED' }), 1);
      assert.equal(delta('parley_comments_refused_total', { code: 'SITE_NOT_FOUND' }), 1);
      assert.equal(delta('parley_http_request_duration_seconds', { route: THREAD, method: 'POST', status: '201' }), 1);
      assert.equal(delta('parley_http_request_duration_seconds', { route: THREAD, method: 'POST', status: '202' }), 1);
      // Queue sizes per site, read from the kept counts at scrape time.
      assert.equal(metricValue(later, 'parley_moderation_queue_comments', { site: pre.slug, queue: 'pending' }), 1);
      assert.equal(metricValue(later, 'parley_moderation_queue_comments', { site: open.slug, queue: 'approved' }), 1);
      assert.equal(metricValue(later, 'parley_scorer_calls_total', { scorer: 'flaky', result: 'ok' }) >= 2, true);
    });

    it('counts a repeated thread read as a cache hit, including the reads the edge answers', async () => {
      assert.equal((await post(open, 'story-2', {})).status, 201);
      const before = await scrape();
      const url = `${s.url}/api/v1/sites/${open.slug}/articles/story-2/comments`;
      for (let i = 0; i < 3; i++) assert.equal((await fetch(url)).status, 200);
      const later = await scrape();
      const delta = (name: string, labels: Record<string, string> = {}) => metricValue(later, name, labels) - metricValue(before, name, labels);
      assert.equal(delta('parley_thread_cache_misses_total'), 1, 'the first read builds the page');
      assert.equal(delta('parley_thread_cache_hits_total'), 2, 'the repeated reads are served from memory');
      // Every read is in the request histogram under the route template, edge or not.
      assert.equal(delta('parley_http_request_duration_seconds', { route: THREAD, method: 'GET', status: '200' }), 3);
    });

    it('counts an event stream while it is open', async () => {
      const before = await scrape();
      const aborter = new AbortController();
      const res = await fetch(`${s.url}/api/v1/sites/${open.slug}/articles/story-1/events`, { signal: aborter.signal });
      assert.equal(res.status, 200);
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value);
      const during = await scrape();
      assert.equal(metricValue(during, 'parley_event_streams_open', { kind: 'reader' }) - metricValue(before, 'parley_event_streams_open', { kind: 'reader' }), 1);
      aborter.abort();
      await reader.cancel().catch(() => {});
    });

    it('counts a scorer failure by scorer and reason, and the comment waiting to be scored again', async () => {
      const before = await scrape();
      const res = await post(open, 'story-3', { body: 'a flaky moment for the scorer' });
      assert.ok(res.status === 201 || res.status === 202, `kept: ${res.status}`);
      const later = await scrape();
      assert.equal(
        metricValue(later, 'parley_scorer_failures_total', { scorer: 'flaky', reason: 'timeout' }) - metricValue(before, 'parley_scorer_failures_total', { scorer: 'flaky', reason: 'timeout' }),
        1,
      );
      assert.ok(metricValue(later, 'parley_rescore_backlog') >= 1);
      assert.ok(metricValue(later, 'parley_scorer_duration_seconds', { scorer: 'flaky' }) >= 1);
    });

    it('puts no email, address, comment text, token or raw path in any label', async () => {
      // Unknown paths are counted under the pattern that answered them, never as themselves.
      assert.equal((await fetch(`${s.url}/probe-unknown-path`)).status, 404);
      assert.equal((await fetch(`${s.url}/api/v1/probe-unknown-api`)).status, 404);
      const text = await scrapeText();
      for (const leak of ['meera.metrics@example.com', '203.0.113.', SECRET_WORDS, 'flaky moment', TOKEN, 'story-1', 'no-such-site', 'probe-unknown']) {
        assert.ok(!text.includes(leak), `${leak} must not appear in /metrics`);
      }
    });

    if (driver === 'postgres') {
      it("reports this process's pool: its size and its connections by state", async () => {
        const families = await scrape();
        assert.equal(metricValue(families, 'parley_db_pool_max'), s.deps.database.poolMax);
        // The scrape's own statement is running while pg_stat_activity is read.
        assert.ok(metricValue(families, 'parley_db_connections', { state: 'active' }) >= 1);
      });
    }
  });

  describe(`GET /metrics, two processes on one database [${driver}]`, { skip: skipFor(driver) }, () => {
    it('each process counts its own requests; the queue sizes read from the database agree', async () => {
      const env = { PARLEY_METRICS_TOKEN: TOKEN };
      const a = await createTestApp({ driver, env });
      const b = await createTestApp({ driver, env, database: a.database });
      try {
        const site = await a.createSite({ settings: { mode: 'pre' } });
        const res = await a.app.request(`/api/v1/sites/${site.slug}/articles/two/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.50' },
          body: JSON.stringify({ name: 'Ravi', email: 'ravi@example.com', body: 'held on process a' }),
        });
        assert.equal(res.status, 202);
        const read = async (t: typeof a) =>
          parseMetrics(await (await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text());
        const [ma, mb] = [await read(a), await read(b)];
        assert.equal(metricValue(ma, 'parley_comments_created_total', { outcome: 'held' }), 1);
        assert.equal(metricValue(mb, 'parley_comments_created_total', { outcome: 'held' }), 0);
        assert.equal(metricValue(ma, 'parley_moderation_queue_comments', { site: site.slug, queue: 'pending' }), 1);
        assert.equal(metricValue(mb, 'parley_moderation_queue_comments', { site: site.slug, queue: 'pending' }), 1);
      } finally {
        await b.close();
        await a.close();
      }
    });
  });

  describe(`GET /metrics while the database is gone [${driver}]`, { skip: skipFor(driver) }, () => {
    it('counts the requests that failed on it and still answers the scrape, counting the gauges it could not read', async () => {
      const t = await createTestApp({ driver, env: { PARLEY_METRICS_TOKEN: TOKEN } });
      try {
        const site = await t.createSite();
        await t.database.close();
        const res = await t.app.request(`/api/v1/sites/${site.slug}-x/articles/gone/comments`);
        assert.equal(res.status, 503);
        const scraped = await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
        assert.equal(scraped.status, 200);
        const families = parseMetrics(await scraped.text());
        assert.ok(metricValue(families, 'parley_db_query_errors_total') >= 1);
        assert.equal(metricValue(families, 'parley_metrics_scrape_errors_total'), 1);
        assert.equal(metricValue(families, 'parley_http_request_duration_seconds', { status: '503' }), 1);

        // The background workers fail too, with no request to report it: they count their failed passes.
        const workers = [createNotificationWorker(t.deps), createRescoreWorker(t.deps)];
        for (const w of workers) w.start(5);
        try {
          const failures = async () => {
            const text = await (await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text();
            const f = parseMetrics(text);
            return [metricValue(f, 'parley_worker_failures_total', { worker: 'notifications' }), metricValue(f, 'parley_worker_failures_total', { worker: 'rescore' })];
          };
          let seen = await failures();
          for (let i = 0; i < 200 && seen.some((v) => !(v >= 1)); i++) {
            await new Promise((r) => setTimeout(r, 10));
            seen = await failures();
          }
          assert.ok(seen[0]! >= 1 && seen[1]! >= 1, `both workers counted a failed pass (${seen.join(', ')})`);
        } finally {
          await Promise.all(workers.map((w) => w.stop()));
        }
      } finally {
        await t.close();
      }
    });
  });

  describe(`GET /metrics without PARLEY_METRICS_TOKEN [${driver}]`, { skip: skipFor(driver) }, () => {
    it('does not exist (404), with or without a token', async () => {
      const t = await createTestApp({ driver });
      try {
        assert.equal(t.deps.metrics.enabled, false);
        assert.equal((await t.app.request('/metrics')).status, 404);
        assert.equal((await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 404);
      } finally {
        await t.close();
      }
    });
  });
}
