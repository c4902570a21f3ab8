// Compiles the server for `npm start` and the benchmark: server/dist/main.js, one ESM file of our
// code with packages left as imports. Running compiled JavaScript instead of a TypeScript loader measured 38 MB less memory
// at idle (104 vs 142 MB) and spares every named function the loader's name-keeping wrapper.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Two levels below the repository, like the sources, so `../../migrations` and `../../widget` resolve the same. */
export const SERVER_DIST = path.join(here, 'dist');

export async function buildServer(): Promise<void> {
  rmSync(SERVER_DIST, { recursive: true, force: true });
  await build({
    entryPoints: { main: path.join(here, 'main.ts'), 'lexicon-worker': path.join(here, 'moderation/scorers/lexicon-worker.ts') },
    outdir: SERVER_DIST,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Logged stack traces point at the TypeScript sources: the logger reads the map when it logs an
    // error (server/lib/stack.ts), rather than node --enable-source-maps parsing it at every start.
    // The sources' text is not in the map: a location needs only the file's name.
    sourcemap: true,
    sourcesContent: false,
    // No comments or indentation in the bundle: V8 keeps a module's source text in the heap for as
    // long as the process runs (1.2 -> 1.0 MB), and esbuild carries comments inside expressions over,
    // the word lists' Devanagari notes among them, which made the text two-byte (see the check below).
    // Identifiers are kept, so stack traces and profiles still read by name.
    minifyWhitespace: true,
    logLevel: 'warning',
  });
  // esbuild escapes non-ASCII letters in strings and templates, not in regular expression literals: one
  // "’" in a pattern made the whole bundle a two-byte string (2.4 MB of heap for 1.2 MB of text). Such
  // letters are written as \u escapes in the sources; this keeps it so.
  for (const name of ['main.js', 'lexicon-worker.js']) {
    const text = readFileSync(path.join(SERVER_DIST, name), 'utf8');
    const at = text.search(/[^\x00-\x7f]/);
    if (at >= 0) {
      throw new Error(`server/dist/${name} holds a non-ASCII character near ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 10))}: write it as a \\u escape in the source`);
    }
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const started = performance.now();
  await buildServer();
  console.log(`built server/dist in ${Math.round(performance.now() - started)} ms`);
}
