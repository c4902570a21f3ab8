// loadConfig: the first admin's address accepts what staff accounts accept (issue 13: the documented
// default admin@localhost was refused by PARLEY_ADMIN_EMAIL), and still refuses what is no address.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../server/config.js';

describe('loadConfig: PARLEY_ADMIN_EMAIL', () => {
  it('accepts admin@localhost and ordinary addresses', () => {
    for (const email of ['admin@localhost', 'Boss@News.Example', 'a@b.c']) {
      assert.equal(loadConfig({ PARLEY_ADMIN_EMAIL: email }).PARLEY_ADMIN_EMAIL, email);
    }
    assert.equal(loadConfig({}).PARLEY_ADMIN_EMAIL, undefined);
  });

  it('refuses what is not an address, naming the key but not the value', () => {
    for (const email of ['admin', '@localhost', 'admin@', 'two words@localhost', 'admin@local_host']) {
      assert.throws(
        () => loadConfig({ PARLEY_ADMIN_EMAIL: email }),
        (err: Error) => err instanceof ConfigError && err.message.includes('PARLEY_ADMIN_EMAIL') && !err.message.includes(email),
        email,
      );
    }
  });
});
