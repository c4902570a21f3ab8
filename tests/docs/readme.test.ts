// The README stays true: its two commands, and a row for every configuration variable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { envSchema } from '../../server/config.js';
import pkg from '../../package.json' with { type: 'json' };

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('opens with the two commands', () => {
    const firstBlock = readme.slice(readme.indexOf('```'), readme.indexOf('```', readme.indexOf('```') + 3));
    assert.match(firstBlock, /npm install && npm start/);
    assert.match(firstBlock, /npm test/);
    assert.ok(pkg.scripts.start && pkg.scripts.test, 'package.json defines both scripts');
  });
  it('documents every configuration variable', () => {
    const missing = Object.keys(envSchema.shape).filter((key) => !readme.includes(`| \`${key}\` |`));
    assert.deepEqual(missing, []);
  });
});
