// Configuration warnings: which settings produce which, and the admin view's site list carrying them (admins only).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../server/config.js';
import { isLoopbackHost, startupWarnings } from '../../server/lib/warnings.js';
import { createAdminTest } from '../admin/helpers.js';

const codes = (env: Record<string, string>, found: { driver: 'postgres' | 'pglite'; secretGenerated: boolean }) =>
  startupWarnings(loadConfig(env), found).map((w) => w.code);

describe('startup warnings', () => {
  it('PUBLIC_URL unset matters only on a bind other machines can reach', () => {
    const pglite = { driver: 'pglite', secretGenerated: true } as const;
    assert.deepEqual(codes({}, pglite), []);
    assert.deepEqual(codes({ HOST: '::1' }, pglite), []);
    assert.deepEqual(codes({ HOST: '0.0.0.0' }, pglite), ['PUBLIC_URL_UNSET']);
    assert.deepEqual(codes({ HOST: '10.1.2.3' }, pglite), ['PUBLIC_URL_UNSET']);
    assert.deepEqual(codes({ HOST: '0.0.0.0', PUBLIC_URL: 'https://comments.example.com' }, pglite), []);
    assert.equal(isLoopbackHost('127.0.0.2'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('::'), false);
  });

  it('a generated secret is worth a warning on PostgreSQL, not on PGlite, never when given', () => {
    assert.deepEqual(codes({}, { driver: 'postgres', secretGenerated: true }), ['SECRET_GENERATED']);
    assert.deepEqual(codes({}, { driver: 'postgres', secretGenerated: false }), []);
    assert.deepEqual(codes({}, { driver: 'pglite', secretGenerated: true }), []);
    const message = startupWarnings(loadConfig({ HOST: '0.0.0.0' }), { driver: 'postgres', secretGenerated: true }).map((w) => w.message).join(' ');
    assert.ok(!/[a-f0-9]{32}/i.test(message), 'messages name settings, never values');
  });

  it('an X-Forwarded-For with no trusted hop is logged once and listed for admins on the site page, not for moderators', async () => {
    const a = await createAdminTest({ driver: 'pglite', env: { PARLEY_TRUST_PROXY_HOPS: '0' } });
    try {
      const site = await a.t.createSite();
      const admin = await a.session('admin');
      const moderator = await a.session('moderator', [site]);
      // Every admin test request carries X-Forwarded-For (helpers.ts); so did the logins above.
      await a.call(admin, 'GET', '/admin/sites');
      const warned = a.t.logs.lines.filter((l) => l.includes('"code":"PROXY_HOPS_UNTRUSTED"'));
      assert.equal(warned.length, 1);
      const forAdmin = (await (await a.call(admin, 'GET', '/admin/sites')).json()) as { warnings: { code: string; message: string }[] };
      assert.deepEqual(forAdmin.warnings.map((w) => w.code), ['PROXY_HOPS_UNTRUSTED']);
      assert.match(forAdmin.warnings[0]!.message, /PARLEY_TRUST_PROXY_HOPS/);
      const forModerator = (await (await a.call(moderator, 'GET', '/admin/sites')).json()) as { warnings: unknown[] };
      assert.deepEqual(forModerator.warnings, []);
    } finally {
      await a.close();
    }
  });
});
