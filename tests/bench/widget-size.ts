// The widget's transfer sizes: raw, gzip -9 and brotli q11 of widget/dist/embed.js and admin.js, of
// the Hindi strings embed.js imports for a Hindi widget, and what a Hindi page downloads in all.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { REPO_ROOT } from './processes.js';

export interface BundleSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

const DIST = path.join(REPO_ROOT, 'widget/dist');

function measureFile(label: string, name: string): BundleSize | undefined {
  const file = path.join(DIST, name);
  if (!existsSync(file)) return undefined;
  const data = readFileSync(file);
  const brotli = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  return { file: label, raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotli.length };
}

/**
 * Compresses the built bundles here rather than trusting the manifest, so the figures are the bench's own.
 * The Hindi file's content-hashed name comes from the manifest; the Hindi page row adds it to embed.js
 * (two responses, each compressed on its own), so the bytes kept out of embed.js are still counted.
 */
export function measureWidget(names = ['embed.js', 'admin.js']): BundleSize[] {
  const out: BundleSize[] = [];
  for (const name of names) {
    const size = measureFile(name, name);
    if (size) out.push(size);
  }
  const manifestFile = path.join(DIST, 'manifest.json');
  const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string }>) : {};
  const embed = out.find((b) => b.file === 'embed.js');
  const hi = manifest['embed-hi.js'] && measureFile('embed-hi.js', manifest['embed-hi.js'].file);
  if (embed && hi) {
    out.push(hi, {
      file: 'Hindi page: embed.js + embed-hi.js',
      raw: embed.raw + hi.raw,
      gzip: embed.gzip + hi.gzip,
      brotli: embed.brotli + hi.brotli,
    });
  }
  return out;
}
