// Serves the built widget (embed.js, admin.js and their content-hashed copies, and the Hindi strings
// embed.js loads on demand), the demo article page and the admin shell. Everything is read from
// widget/dist once, at creation, and kept in memory.
import { Hono, type Context } from 'hono';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

type Encoding = 'br' | 'gzip' | 'identity';

interface Asset {
  type: string;
  cache: string;
  /** Bodies per encoding; identity is always there. */
  bodies: Partial<Record<Encoding, Uint8Array>>;
  /** One strong ETag per encoding: the representations differ byte for byte. */
  etags: Partial<Record<Encoding, string>>;
  headers: Record<string, string>;
}

export interface AssetsOptions {
  /** Where the build wrote its files (tests point this elsewhere). */
  distDir?: string;
}

const DEFAULT_DIST = fileURLToPath(new URL('../../widget/dist/', import.meta.url));
const STABLE = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'";
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};
// Publishers load embed.js from their own origin as a module script, which is a CORS request; so is
// embed.js's import() of its Hindi strings. (On /demo, script-src 'self' covers both.)
const SCRIPT_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
const DEMO_HEADERS = { 'Content-Security-Policy': `${CSP}; frame-ancestors 'self'` };
const ADMIN_HEADERS = {
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};

// Static markup with no request data in it; the moderator view renders itself from admin.js. The
// language is the view's to choose (a stored choice, the moderator's own locale), known only once it
// runs: it sets the title then (pageTitle in widget/admin/i18n.ts, which must know this one), and the
// text for browsers without JavaScript says it in both languages.
const ADMIN_SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Parley admin</title>
<script type="module" src="/admin.js"></script>
</head>
<body>
<parley-admin></parley-admin>
<noscript><p>The Parley admin view needs JavaScript.</p><p lang="hi">Parley के एडमिन व्यू के लिए JavaScript चाहिए।</p></noscript>
</body>
</html>
`;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function etagOf(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url').slice(0, 22);
}

function makeAsset(
  file: string,
  identity: Uint8Array,
  cache: string,
  headers: Record<string, string> = {},
  compressed?: { gzip?: Uint8Array; br?: Uint8Array },
): Asset {
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const bodies: Asset['bodies'] = { identity };
  // Text is worth compressing; the build precompresses the big files, small ones are done here once.
  if (/^(text\/|image\/svg)/.test(type) && identity.length > 256) {
    bodies.gzip = compressed?.gzip ?? gzipSync(identity, { level: 9 });
    bodies.br = compressed?.br ?? brotliCompressSync(identity);
  }
  const tag = etagOf(identity);
  const etags: Asset['etags'] = { identity: `"${tag}"` };
  if (bodies.gzip) etags.gzip = `"${tag}-gz"`;
  if (bodies.br) etags.br = `"${tag}-br"`;
  return { type, cache, bodies, etags, headers };
}

function readOptional(file: string): Uint8Array | undefined {
  return existsSync(file) ? readFileSync(file) : undefined;
}

/** Every servable path -> asset, from a built dist directory; empty when the widget is not built. */
function loadAssets(dist: string, publicUrl: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const manifestFile = path.join(dist, 'manifest.json');
  if (!existsSync(manifestFile)) return assets;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string; chunk?: true }>;
  for (const [name, entry] of Object.entries(manifest)) {
    const read = (f: string) => ({
      data: readFileSync(path.join(dist, f)),
      compressed: { gzip: readOptional(path.join(dist, `${f}.gz`)), br: readOptional(path.join(dist, `${f}.br`)) },
    });
    if (entry.chunk) {
      // embed.js imports it by this content-hashed name, next to wherever embed.js itself came from
      // (/embed.js or /assets/embed.<hash>.js); a name that never changes content caches for good.
      const chunk = read(entry.file);
      const asset = makeAsset(entry.file, chunk.data, IMMUTABLE, SCRIPT_HEADERS, chunk.compressed);
      assets.set(`/${entry.file}`, asset);
      assets.set(`/assets/${entry.file}`, asset);
      continue;
    }
    const stable = read(name);
    assets.set(`/${name}`, makeAsset(name, stable.data, STABLE, SCRIPT_HEADERS, stable.compressed));
    const hashed = read(entry.file);
    assets.set(`/assets/${entry.file}`, makeAsset(entry.file, hashed.data, IMMUTABLE, SCRIPT_HEADERS, hashed.compressed));
  }
  const demoDir = path.join(dist, 'demo');
  if (existsSync(demoDir)) {
    for (const file of readdirSync(demoDir)) {
      if (!TYPES[path.extname(file)]) continue;
      let data = readFileSync(path.join(demoDir, file));
      if (file === 'index.html') {
        // The page's canonical link names this server; publicUrl is configuration, not request data.
        data = Buffer.from(data.toString('utf8').replaceAll('%PUBLIC_URL%', escapeAttribute(publicUrl)));
        const page = makeAsset(file, data, REVALIDATE, DEMO_HEADERS);
        assets.set('/demo', page);
        assets.set('/demo/', page);
      } else {
        assets.set(`/demo/${file}`, makeAsset(file, data, STABLE));
      }
    }
  }
  return assets;
}

/** Picks br, gzip or identity from Accept-Encoding, honouring q-values (q=0 refuses a coding). */
export function chooseEncoding(header: string | undefined, available: readonly Encoding[]): Encoding {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(value) ? value : 0);
  }
  const star = weights.get('*');
  // Unlisted identity stays acceptable but loses to any coding the client named (RFC 9110 §12.5.3).
  const weight = (e: Encoding) => weights.get(e) ?? star ?? (e === 'identity' ? 0.001 : 0);
  let best: Encoding = 'identity';
  // Ties go to the smaller body: gzip beats identity, br beats gzip.
  for (const e of ['gzip', 'br'] as const) {
    if (available.includes(e) && weight(e) > 0 && weight(e) >= weight(best)) best = e;
  }
  return best;
}

function matches(ifNoneMatch: string | undefined, asset: Asset): boolean {
  if (!ifNoneMatch) return false;
  const tags = Object.values(asset.etags);
  // Weak comparison, as RFC 9110 prescribes for If-None-Match.
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tags.includes(tag);
  });
}

function send(c: Context, asset: Asset): Response {
  const available = Object.keys(asset.bodies) as Encoding[];
  const encoding = chooseEncoding(c.req.header('accept-encoding'), available);
  const headers: Record<string, string> = {
    'Cache-Control': asset.cache,
    ETag: asset.etags[encoding]!,
    ...asset.headers,
  };
  if (available.length > 1) headers.Vary = 'Accept-Encoding';
  if (matches(c.req.header('if-none-match'), asset)) return new Response(null, { status: 304, headers });
  headers['Content-Type'] = asset.type;
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  // Node Buffers are Uint8Arrays; the DOM typings only object to a possible SharedArrayBuffer.
  return new Response(asset.bodies[encoding] as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

function notBuilt(c: Context): Response {
  c.header('Cache-Control', 'no-store');
  return c.text('The widget is not built yet: run `npm run build`.', 503);
}

/**
 * The router for /embed.js, /admin.js, /embed-hi.<hash>.js, /assets/*, /demo, /admin and /.
 * `config.PARLEY_DEMO === false` turns the demo page off (the root then goes to the admin view).
 */
export function createAssetsRouter(
  deps: { config: { publicUrl: string; PARLEY_DEMO?: boolean } },
  options: AssetsOptions = {},
): Hono {
  const demo = deps.config.PARLEY_DEMO !== false;
  const assets = loadAssets(options.distDir ?? DEFAULT_DIST, deps.config.publicUrl);
  const admin = makeAsset('admin.html', Buffer.from(ADMIN_SHELL), REVALIDATE, ADMIN_HEADERS);
  const app = new Hono();
  app.get('/', (c) => c.redirect(demo ? '/demo' : '/admin', 302));
  app.get('/admin', (c) => send(c, admin));
  for (const [route, asset] of assets) {
    if (!demo && route.startsWith('/demo')) continue;
    app.get(route, (c) => send(c, asset));
  }
  // Fixed names answer 503 (not 404) when the build has not run, which says what to do about it.
  for (const route of ['/embed.js', '/admin.js', ...(demo ? ['/demo'] : [])]) {
    if (!assets.has(route)) app.get(route, notBuilt);
  }
  return app;
}
