// Builds the browser bundles into widget/dist: embed.js and admin.js (minified ESM), content-hashed
// copies for immutable caching, the Hindi strings that embed.js loads on demand (embed-hi.<hash>.js),
// .gz and .br next to each, manifest.json with sizes, and the demo page's static files under
// dist/demo. Fails when embed.js exceeds its size budget.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { EMBED_CEILING, EMBED_TARGET } from './budget.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');

const ENTRIES = { embed: 'embed/index.ts', admin: 'admin/index.ts' } as const;
// One notice for Lit's BSD-3-Clause code instead of esbuild's per-file copies at the end; only on the
// bundles (the Hindi strings contain no Lit).
const BANNER = '/*! Parley. Includes Lit, Copyright Google LLC, BSD-3-Clause. */\n';

export interface ManifestEntry {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  /** A file embed.js imports by this content-hashed name: served at /<file> and /assets/<file>. */
  chunk?: true;
}
export type Manifest = Record<string, ManifestEntry>;

/**
 * esbuild keeps template literals verbatim, and the indentation inside Lit's html`` and css``
 * templates was a quarter of embed.js. Collapsing whitespace runs to one space keeps the meaning
 * (no <pre>, no static <textarea> text in our templates). The space between two tags and before a
 * tag's ">" goes too: in our templates it only ever separates blocks or flex items, where it renders
 * as nothing (keep a space next to an ${} when inline text needs it). CSS also loses comments and
 * spaces around punctuation. A small scanner finds the literal parts, so ${} expressions are untouched
 * (TypeScript's parser would do it too, but loading it took longer than the whole build).
 */
export function squeezeTemplates(src: string): string {
  let i = 0;
  let out = '';
  // The last significant code character decides whether "/" starts a regex or divides.
  let last = '';
  const squeeze = (text: string, tag: string): string => {
    if (!tag) return text;
    let t = text;
    if (tag === 'css') t = t.replace(/\/\*[\s\S]*?\*\//g, '');
    t = t.replace(/\s+/g, ' ');
    if (tag === 'html') t = t.replace(/> </g, '><').replace(/ (\/?>)/g, '>');
    if (tag === 'css') {
      t = t
        .replace(/ ?([{};,>]) ?/g, '$1')
        .replace(/([{;(][\w-]+): /g, '$1:')
        .replace(/([ :(])0\./g, '$1.')
        .replace(/ !important/g, '!important')
        .replace(/;}/g, '}');
    }
    return t;
  };
  const copyQuoted = (quote: string): void => {
    const start = i++;
    // In a regex, "/" inside a character class does not end it.
    let inClass = false;
    while (i < src.length && (inClass || src[i] !== quote)) {
      if (src[i] === '\\') i++;
      else if (quote === '/' && src[i] === '[') inClass = true;
      else if (src[i] === ']') inClass = false;
      i++;
    }
    i++;
    out += src.slice(start, i);
  };
  const template = (tag: string): void => {
    let chunk = '';
    i++; // the opening backtick
    out += '`';
    while (i < src.length) {
      const ch = src[i];
      if (ch === '\\') {
        chunk += src.slice(i, i + 2);
        i += 2;
      } else if (ch === '`') {
        out += `${squeeze(chunk, tag)}\``;
        i++;
        return;
      } else if (ch === '$' && src[i + 1] === '{') {
        out += `${squeeze(chunk, tag)}\${`;
        chunk = '';
        i += 2;
        code(true);
        out += '}';
        i++;
      } else {
        chunk += ch;
        i++;
      }
    }
  };
  const code = (inExpression: boolean): void => {
    let depth = 0;
    while (i < src.length) {
      const ch = src[i]!;
      const next = src[i + 1];
      if (ch === '}' && inExpression && depth === 0) return;
      if (ch === '/' && next === '/') {
        const end = src.indexOf('\n', i);
        out += src.slice(i, end < 0 ? src.length : end);
        i = end < 0 ? src.length : end;
      } else if (ch === '/' && next === '*') {
        const end = src.indexOf('*/', i + 2) + 2;
        out += src.slice(i, end);
        i = end;
      } else if (ch === '"' || ch === "'") {
        copyQuoted(ch);
        last = ch;
      } else if (ch === '/' && (!last || /[(,=:[!&|?{};+\-*%<>~^]/.test(last) || /\b(return|typeof|case|in|of)\s*$/.test(out))) {
        copyQuoted('/');
        last = '/';
      } else if (ch === '`') {
        const tag = /(?:^|[^\w$.])(html|css)$/.exec(out)?.[1] ?? '';
        template(tag);
        last = '`';
      } else {
        if (ch === '{') depth++;
        if (ch === '}') depth--;
        if (!/\s/.test(ch)) last = ch;
        out += ch;
        i++;
      }
    }
  };
  code(false);
  return out;
}

const squeezePlugin: Plugin = {
  name: 'squeeze-lit-templates',
  setup(b) {
    // Only the budgeted embed and the code it shares; the admin bundle is built as written.
    b.onLoad({ filter: /[\\/]widget[\\/](embed|shared)[\\/].*\.ts$/ }, async (args) => ({
      contents: squeezeTemplates(await readFile(args.path, 'utf8')),
      loader: 'ts',
    }));
  },
};

function compress(data: Buffer): { gz: Buffer; br: Buffer } {
  return {
    gz: gzipSync(data, { level: 9 }),
    br: brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  };
}

function writeWithVariants(file: string, data: Buffer, gz: Buffer, br: Buffer): void {
  writeFileSync(path.join(dist, file), data);
  writeFileSync(path.join(dist, `${file}.gz`), gz);
  writeFileSync(path.join(dist, `${file}.br`), br);
}

/** Builds everything; returns the manifest it wrote. */
export async function buildWidget(): Promise<Manifest> {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const options: BuildOptions = {
    bundle: true,
    format: 'esm',
    // Lit 3 is published as ES2021 (??=, ||=), i.e. Chrome 85, Firefox 79, Safari 14 (all 2020) and
    // later; lowering it for older browsers than Lit itself supports cost ~50 B gzip.
    target: 'es2021',
    minify: true,
    write: false,
    outdir: dist,
    legalComments: 'none',
    // Hindi strings as UTF-8 are half the size of \\u escapes, and the server sends charset=utf-8.
    charset: 'utf8',
    // Private members are _-prefixed (Lit's own internals are _$-prefixed and already short) and get
    // one- or two-letter names: esbuild skips every name the bundle uses unmangled, and HTMLElement
    // has no other member that short, so a shortened field cannot shadow the element's own.
    mangleProps: /^_[a-z]/,
    mangleCache: {},
    plugins: [squeezePlugin],
    metafile: true,
    logLevel: 'warning',
  };
  const results = await Promise.all([
    // Split only the embed, and on its own, so it shares no chunk with admin.js: its one split-off
    // file is the Hindi strings (the dynamic import in embed/i18n.ts), named by their content.
    build({
      ...options,
      entryPoints: { embed: path.join(here, ENTRIES.embed) },
      splitting: true,
      chunkNames: 'embed-[name].[hash]',
    }),
    build({ ...options, entryPoints: { admin: path.join(here, ENTRIES.admin) } }),
  ]);
  const manifest: Manifest = {};
  for (const result of results) {
    const long = Object.values(result.mangleCache ?? {}).filter((n) => typeof n === 'string' && n.length > 2);
    if (long.length) throw new Error(`mangled names longer than two letters could clash with DOM members: ${long.join(', ')}`);
    for (const [out, meta] of Object.entries(result.metafile!.outputs)) {
      // A static import would be one more request before the widget runs (and hide bytes from the budget).
      if (meta.imports.some((i) => i.kind === 'import-statement'))
        throw new Error(`${out} imports another file statically; each bundle must stay one file`);
    }
    for (const out of result.outputFiles!) {
      const name = path.basename(out.path);
      if (!(name.replace(/\.js$/, '') in ENTRIES)) {
        // A split-off file, already named by its content: written once, listed without the hash.
        const data = Buffer.from(out.contents);
        const { gz, br } = compress(data);
        writeWithVariants(name, data, gz, br);
        const entry = { file: name, raw: data.length, gzip: gz.length, brotli: br.length, chunk: true } as const;
        manifest[name.replace(/\.\w+\.js$/, '.js')] = entry;
        continue;
      }
      const data = Buffer.concat([Buffer.from(BANNER), out.contents]);
      const hash = createHash('sha256').update(data).digest('hex').slice(0, 8);
      const hashed = name.replace(/\.js$/, `.${hash}.js`);
      const { gz, br } = compress(data);
      writeWithVariants(name, data, gz, br);
      writeWithVariants(hashed, data, gz, br);
      manifest[name] = { file: hashed, raw: data.length, gzip: gz.length, brotli: br.length };
    }
  }
  if (process.argv.includes('--analyze')) {
    // Where the bytes go, per output and input: the first thing to read when a budget is blown.
    for (const [out, meta] of results.flatMap((r) => Object.entries(r.metafile!.outputs))) {
      console.log(path.basename(out));
      for (const [input, { bytesInOutput }] of Object.entries(meta.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput))
        if (bytesInOutput) console.log(`  ${String(bytesInOutput).padStart(6)}  ${input}`);
    }
  }
  writeFileSync(path.join(dist, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const demo = path.join(here, 'demo');
  if (existsSync(demo)) cpSync(demo, path.join(dist, 'demo'), { recursive: true });
  return manifest;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const started = performance.now();
  const manifest = await buildWidget();
  for (const [name, e] of Object.entries(manifest)) {
    console.log(`${name.padEnd(11)} ${e.file.padEnd(22)} raw ${e.raw} B  gzip ${e.gzip} B  brotli ${e.brotli} B`);
  }
  const embed = manifest['embed.js'];
  const hi = manifest['embed-hi.js'];
  if (embed && hi) console.log(`Hindi page (embed.js + embed-hi.js): gzip ${embed.gzip + hi.gzip} B  brotli ${embed.brotli + hi.brotli} B`);
  console.log(`built widget/dist in ${Math.round(performance.now() - started)} ms`);
  if (embed && embed.gzip > EMBED_CEILING) {
    console.error(`embed.js is ${embed.gzip} B gzip, over the ${EMBED_CEILING} B ceiling`);
    process.exitCode = 1;
  } else if (embed && embed.gzip > EMBED_TARGET) {
    console.warn(`warning: embed.js is ${embed.gzip} B gzip, over the ${EMBED_TARGET} B target`);
  }
}
