// npm test runs every test file: tests/run.mjs once skipped tests/fakes/, so the fake Perspective's own test never ran.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const testsDir = fileURLToPath(new URL('..', import.meta.url));

/** Every *.test.ts under tests/, found independently of the runner (artifacts are test output, not tests). */
function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'artifacts' && entry.name !== 'node_modules') out.push(...testFiles(full));
    } else if (entry.name.endsWith('.test.ts')) out.push(path.relative(testsDir, full));
  }
  return out;
}

describe('the test runner', () => {
  it('runs every test file under tests/, fakes included', () => {
    const listed = execFileSync(process.execPath, [path.join(testsDir, 'run.mjs'), '--list'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    const all = testFiles(testsDir);
    assert.ok(all.includes(path.join('fakes', 'perspective.test.ts')), 'the fake Perspective has a test file');
    assert.deepEqual(all.filter((f) => !listed.includes(f)).sort(), [], 'test files npm test would skip');
  });
});
