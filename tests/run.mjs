// Runs every tests/**/*.test.ts file under node's test runner (Node 20 has no glob for --test).
import { readdirSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
// Only folders that hold no tests of ours: a test file anywhere else runs (tests/fakes/ once did not).
const skipDirs = new Set(['artifacts', 'node_modules']);

/** Every *.test.ts file under `dir`, sorted. */
function collectTestFiles(dir = root) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!skipDirs.has(name)) out.push(...collectTestFiles(full));
    } else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

// --list prints the files that would run (tests/docs/test-runner.test.ts checks none is left out).
const list = process.argv.includes('--list');
const filter = process.argv.slice(2).filter((a) => a !== '--list');
const files = collectTestFiles().filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)));
if (list) {
  process.stdout.write(`${files.map((f) => path.relative(root, f)).join('\n')}\n`);
  process.exit(0);
}
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files],
  { stdio: 'inherit', env: process.env },
);
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
