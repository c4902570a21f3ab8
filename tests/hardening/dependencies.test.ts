// Dependencies: the lockfile is committed, every direct dependency is pinned and locked, and no
// vulnerable axios (below 1.x, pulled in by perspective-api-client) is anywhere in the tree.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './helpers/child.js';

interface LockEntry {
  version?: string;
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
}
interface Lock {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, unknown>;
};
const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as Lock;
const EXACT = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The name of the package installed at a lockfile key like node_modules/a/node_modules/@s/b. */
function nameOf(key: string): string {
  const at = key.lastIndexOf('node_modules/');
  return key.slice(at + 'node_modules/'.length);
}

describe('dependencies', () => {
  it('has package-lock.json committed to git', () => {
    const tracked = execFileSync('git', ['ls-files', '--error-unmatch', 'package-lock.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(tracked.trim(), 'package-lock.json');
    assert.ok(lock.lockfileVersion >= 2, `lockfileVersion ${lock.lockfileVersion} has no "packages" map`);
  });

  it('pins every direct dependency to an exact version, and locks that version', () => {
    const direct = { ...pkg.dependencies, ...pkg.devDependencies };
    assert.ok(Object.keys(direct).length > 0);
    const problems: string[] = [];
    for (const [name, range] of Object.entries(direct)) {
      if (!EXACT.test(range)) problems.push(`${name}: "${range}" is not an exact version`);
      const entry = lock.packages[`node_modules/${name}`];
      if (!entry) problems.push(`${name}: missing from package-lock.json`);
      else if (entry.version !== range) problems.push(`${name}: package.json says ${range}, the lock has ${entry.version}`);
    }
    // The lock's root entry must name the same packages (a lock from another package.json is stale).
    // Its ranges may still read ^x.y.z from before pinning; npm ci accepts that, since the pin satisfies it.
    const root = lock.packages[''] as LockEntry & { devDependencies?: Record<string, string> };
    assert.deepEqual(Object.keys({ ...root.dependencies, ...root.devDependencies }).sort(), Object.keys(direct).sort(), 'the lock root names exactly the package.json dependencies');
    assert.deepEqual(problems, []);
  });

  it('has no axios below 1.x anywhere, including under perspective-api-client', () => {
    const axios = Object.entries(lock.packages).filter(([key]) => nameOf(key) === 'axios');
    assert.ok(axios.length >= 1, 'perspective-api-client brings axios; it must be in the lock');
    for (const [key, entry] of axios) {
      const major = Number((entry.version ?? '0').split('.')[0]);
      assert.ok(major >= 1, `${key} is axios ${entry.version}`);
    }
    // Whoever depends on axios must accept the version the override installs.
    const perspective = lock.packages['node_modules/perspective-api-client'];
    assert.ok(perspective, 'perspective-api-client is locked');
    const nested = lock.packages['node_modules/perspective-api-client/node_modules/axios'];
    assert.ok(!nested || Number(nested.version!.split('.')[0]) >= 1, 'no nested old axios under perspective-api-client');
    const override = (pkg.overrides?.['perspective-api-client'] as Record<string, string> | undefined)?.axios;
    assert.ok(override && EXACT.test(override) && Number(override.split('.')[0]) >= 1, `the axios override is ${override}`);
    assert.equal(lock.packages['node_modules/axios']?.version, override, 'the installed axios is the overridden one');
  });

  it('locks every package with a version (no git or file dependencies slipping in unpinned)', () => {
    const unversioned = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== '' && !entry.link && !entry.version)
      .map(([key]) => key);
    assert.deepEqual(unversioned, []);
  });
});
