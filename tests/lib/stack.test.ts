// Logged stack traces name the TypeScript sources when the compiled bundle runs without
// --enable-source-maps: frames in a dist/ file with a map beside it are read through the map.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { mapStack } from '../../server/lib/stack.js';
import { serializeError } from '../../server/lib/log.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('stack traces of the compiled bundle', () => {
  let dir: string;
  let bundle: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'parley-stack-'));
    mkdirSync(path.join(dir, 'src'));
    // The throw is on line 4 of the source, column 11.
    writeFileSync(path.join(dir, 'src', 'thrower.ts'), ['export function first(x: number): number {', '  return second(x) + 1;', '}', 'function second(x: number): number { throw new Error(`bad ${x}`); }', ''].join('\n'));
    bundle = path.join(dir, 'dist', 'thrower.js');
    await build({ entryPoints: [path.join(dir, 'src', 'thrower.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm', sourcemap: true, sourcesContent: false, minifyWhitespace: true, logLevel: 'silent' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('maps a thrown error’s frames to the source file, line and column', async () => {
    const { first } = (await import(pathToFileURL(bundle).href)) as { first: (x: number) => number };
    let stack = '';
    try {
      first(7);
    } catch (err) {
      stack = (err as Error).stack ?? '';
    }
    assert.match(stack, /dist\/thrower\.js:1:\d+/, 'the raw stack points into the one-line bundle');
    const mapped = mapStack(stack);
    assert.match(mapped, /^Error: bad 7$/m);
    const source = path.relative(process.cwd(), path.join(dir, 'src', 'thrower.ts'));
    assert.ok(mapped.includes(`${source}:4:`), mapped);
    assert.ok(mapped.includes(`${source}:2:`), mapped);
    assert.ok(!mapped.includes('dist/thrower.js'), mapped);
    // The logger's serializer gives the mapped stack.
    try {
      first(8);
    } catch (err) {
      assert.ok(String(serializeError(err).stack).includes(`${source}:4:`));
    }
  });

  it('leaves frames alone that have no map, or that the map cannot read', () => {
    const plain = 'Error: x\n    at f (/srv/app/lib/thing.js:10:5)\n    at node:internal/process/task_queues:95:5';
    assert.equal(mapStack(plain), plain);
    const noMap = 'Error: x\n    at f (/srv/app/dist/nomap.js:1:20)';
    assert.equal(mapStack(noMap), noMap);
    mkdirSync(path.join(dir, 'broken', 'dist'), { recursive: true });
    writeFileSync(path.join(dir, 'broken', 'dist', 'b.js'), 'x');
    writeFileSync(path.join(dir, 'broken', 'dist', 'b.js.map'), '{not json');
    const broken = `Error: x\n    at f (${path.join(dir, 'broken', 'dist', 'b.js')}:1:1)`;
    assert.equal(mapStack(broken), broken);
  });

  it('reads the server bundle npm start runs: a function of server/lib/log.ts maps back to its line', () => {
    const dist = path.join(REPO_ROOT, 'server', 'dist', 'main.js');
    const text = readFileSync(dist, 'utf8');
    const at = text.indexOf('function serializeError(');
    assert.ok(at >= 0, 'npm test builds server/dist first');
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const mapped = mapStack(`Error: x\n    at serializeError (${pathToFileURL(dist).href}:${line}:${column})`);
    const sourceLine = readFileSync(path.join(REPO_ROOT, 'server', 'lib', 'log.ts'), 'utf8').split('\n').findIndex((l) => l.includes('export function serializeError(')) + 1;
    assert.match(mapped, new RegExp(`server/lib/log\\.ts:${sourceLine}:\\d+\\)`), mapped);
  });
});
