// The widget's transfer sizes: raw, gzip -9 and brotli q11 of widget/dist/embed.js and admin.js.
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

/** Compresses the built bundles here rather than trusting the manifest, so the figures are the bench's own. */
export function measureWidget(names = ['embed.js', 'admin.js']): BundleSize[] {
  const out: BundleSize[] = [];
  for (const name of names) {
    const file = path.join(DIST, name);
    if (!existsSync(file)) continue;
    const data = readFileSync(file);
    const brotli = brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    });
    out.push({ file: name, raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotli.length });
  }
  return out;
}
