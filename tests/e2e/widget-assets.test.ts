// The widget build and the assets router: compression, caching, CSP, the demo page and the budget.
// Driven through app.request(); no server, no browser.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, createAssetsRouter } from '../../server/routes/assets.js';
import { EMBED_TARGET } from '../../widget/budget.js';
import { ensureWidgetBuilt } from '../helpers/browser.js';

const dist = fileURLToPath(new URL('../../widget/dist/', import.meta.url));
const config = { publicUrl: 'https://comments.example' };
const CSP_BASE =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'";

interface ManifestEntry {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  chunk?: true;
}
let manifest: Record<string, ManifestEntry>;

before(async () => {
  await ensureWidgetBuilt();
  manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
});

describe('build', () => {
  test('writes both bundles with hashed, gzip and brotli copies listed in the manifest', () => {
    for (const name of ['embed.js', 'admin.js']) {
      const entry = manifest[name]!;
      assert.match(entry.file, new RegExp(`^${name.replace('.js', '')}\\.[0-9a-f]{8}\\.js$`));
      const raw = readFileSync(path.join(dist, name));
      assert.deepEqual(readFileSync(path.join(dist, entry.file)), raw);
      assert.deepEqual(gunzipSync(readFileSync(path.join(dist, `${entry.file}.gz`))), raw);
      assert.deepEqual(brotliDecompressSync(readFileSync(path.join(dist, `${entry.file}.br`))), raw);
      assert.equal(entry.raw, raw.length);
    }
  });

  test('writes the Hindi strings as one content-named file, with gzip and brotli copies', () => {
    const hi = manifest['embed-hi.js']!;
    assert.equal(hi.chunk, true);
    assert.match(hi.file, /^embed-hi\.\w{8}\.js$/);
    const raw = readFileSync(path.join(dist, hi.file));
    assert.equal(hi.raw, raw.length);
    assert.deepEqual(gunzipSync(readFileSync(path.join(dist, `${hi.file}.gz`))), raw);
    assert.deepEqual(brotliDecompressSync(readFileSync(path.join(dist, `${hi.file}.br`))), raw);
    assert.match(raw.toString('utf8'), /प्रतिक्रिया दें/);
  });

  test('embed.js stays within its 14.0 kB gzip target with Lit and English; Hindi pages add only the Hindi file', () => {
    const embed = manifest['embed.js']!;
    const hi = manifest['embed-hi.js']!;
    console.log(
      `embed.js: raw ${embed.raw} B, gzip ${embed.gzip} B, brotli ${embed.brotli} B; ` +
        `+ ${hi.file}: gzip ${hi.gzip} B, brotli ${hi.brotli} B (Hindi page: ${embed.gzip + hi.gzip} B gzip)`,
    );
    assert.ok(embed.gzip <= EMBED_TARGET, `embed.js is ${embed.gzip} B gzip`);
    const code = readFileSync(path.join(dist, 'embed.js'), 'utf8');
    assert.match(code, /Leave a Reply/);
    assert.doesNotMatch(code, /प्रतिक्रिया दें/);
    // Imported on demand, by the name the build wrote, and nothing else: one request for English pages.
    // The report form and the refused-origin message come on first use, in a file of their own.
    const extra = manifest['embed-extra.js']!;
    assert.equal(extra.chunk, true);
    assert.deepEqual([...new Set(code.match(/import\("[^"]*"\)/g))], [`import("./${hi.file}")`, `import("./${extra.file}")`]);
    assert.doesNotMatch(readFileSync(path.join(dist, extra.file), 'utf8'), /\bimport\b|lit-html/, 'the extra file shares nothing with embed.js');
    assert.doesNotMatch(code, /\bfrom\s*"/, 'no static import');
  });
});

describe('assets router', () => {
  const app = () => createAssetsRouter({ config });

  test('serves embed.js as brotli, gzip or identity by Accept-Encoding, with Vary', async () => {
    const identity = readFileSync(path.join(dist, 'embed.js'));
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=0.8', 'gzip'],
      ['', null],
      ['identity', null],
    ] as const) {
      const res = await app().request('/embed.js', { headers: { 'accept-encoding': accept } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-encoding'), encoding, accept);
      assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
      assert.equal(res.headers.get('vary'), 'Accept-Encoding');
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      const body = Buffer.from(await res.arrayBuffer());
      const decoded = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
      assert.deepEqual(decoded, identity);
    }
  });

  test('serves the Hindi file next to both embed.js addresses, immutable and to any origin', async () => {
    const hi = manifest['embed-hi.js']!;
    const identity = readFileSync(path.join(dist, hi.file));
    // embed.js imports it relative to its own URL: /embed.js or /assets/embed.<hash>.js.
    for (const url of [`/${hi.file}`, `/assets/${hi.file}`]) {
      const res = await app().request(url, { headers: { 'accept-encoding': 'br' } });
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('content-encoding'), 'br');
      assert.deepEqual(brotliDecompressSync(Buffer.from(await res.arrayBuffer())), identity);
    }
    assert.equal((await app().request('/embed-hi.00000000.js')).status, 404);
  });

  test('answers 304 to a matching If-None-Match, per encoding ETag', async () => {
    const first = await app().request('/embed.js', { headers: { 'accept-encoding': 'br' } });
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+-br"$/);
    const again = await app().request('/embed.js', { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), etag);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const other = await app().request('/embed.js', { headers: { 'if-none-match': '"something-else"' } });
    assert.equal(other.status, 200);
  });

  test('serves content-hashed copies as immutable, and 404s unknown ones', async () => {
    const res = await app().request(`/assets/${manifest['embed.js']!.file}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.equal((await app().request('/assets/embed.00000000.js')).status, 404);
    assert.equal((await app().request(`/assets/${manifest['admin.js']!.file}`)).status, 200);
  });

  test('/demo is the article page under a strict CSP: no inline script or handlers', async () => {
    const res = await app().request('/demo');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('content-security-policy'), `${CSP_BASE}; frame-ancestors 'self'`);
    const html = await res.text();
    assert.match(html, /<html lang="hi">/);
    assert.match(html, /<article class="story" lang="en">/);
    assert.match(html, /<parley-comments site="demo" article="demo-article-1"><\/parley-comments>/);
    assert.match(html, /<script type="module" src="\/embed.js"><\/script>/);
    assert.match(html, /<link rel="canonical" href="https:\/\/comments.example\/demo">/);
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\ssrc=/, `inline script: ${tag}`);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'inline event handler');
    assert.doesNotMatch(html, /style="/, 'inline style attribute');
    for (const asset of html.match(/(?:href|src)="(\/demo\/[^"]+)"/g) ?? []) {
      const url = asset.replace(/^(?:href|src)="|"$/g, '');
      assert.equal((await app().request(url)).status, 200, url);
    }
  });

  test('/admin is a shell for <parley-admin> that refuses framing', async () => {
    const res = await app().request('/admin');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), `${CSP_BASE}; frame-ancestors 'none'`);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'same-origin');
    const html = await res.text();
    assert.match(html, /<script type="module" src="\/admin.js"><\/script>/);
    assert.match(html, /<parley-admin><\/parley-admin>/);
  });

  test('/ redirects to the demo, or to the admin view when the demo is off', async () => {
    const res = await app().request('/');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/demo');
    const off = createAssetsRouter({ config: { ...config, PARLEY_DEMO: false } });
    assert.equal((await off.request('/')).headers.get('location'), '/admin');
    assert.equal((await off.request('/demo')).status, 404);
  });

  test('answers 503 with a hint when the widget has not been built', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'parley-dist-'));
    try {
      const router = createAssetsRouter({ config }, { distDir: empty });
      const res = await router.request('/embed.js');
      assert.equal(res.status, 503);
      assert.match(await res.text(), /npm run build/);
      assert.equal((await router.request('/admin')).status, 200);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('chooseEncoding', () => {
  const all = ['identity', 'gzip', 'br'] as const;
  test('prefers br, then gzip, then identity when all are equally acceptable', () => {
    assert.equal(chooseEncoding('gzip, br', all), 'br');
    assert.equal(chooseEncoding('*', all), 'br');
    assert.equal(chooseEncoding(undefined, all), 'identity');
  });
  test('honours q-values and refusals', () => {
    assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.9', all), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0', all), 'identity');
    assert.equal(chooseEncoding('x-gzip', all), 'gzip');
    assert.equal(chooseEncoding('BR', all), 'br');
    assert.equal(chooseEncoding('br', ['identity']), 'identity');
  });
});
