// What `npm start` prints: each slow first-start step as it begins, a banner with one host, and the
// warnings an operator must see. Parley runs as a child process (the built server/dist/main.js).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jsonLines, startParleyChild, type ParleyChild } from '../hardening/helpers/child.js';
import { createTestDatabase, skipFor } from '../helpers/db.js';

/** Resolves once the child's output satisfies `done` (or rejects when the child exits first). */
async function waitForOutput(child: ParleyChild, done: (out: string) => boolean): Promise<string> {
  for (;;) {
    if (done(child.output())) return child.output();
    if (child.proc.exitCode !== null) throw new Error(`Parley exited:\n${child.output()}`);
    await new Promise<void>((resolve) => child.proc.stdout!.once('data', () => resolve()));
  }
}

const bannerOf = (out: string) => out.slice(out.indexOf('Parley is running at')).split('\n\n')[0]!;

describe('start-up output', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-startup-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('first start on PGlite: says each slow step, one host in the banner, PUBLIC_URL and proxy warnings', async () => {
    const child = await startParleyChild(
      { HOST: '0.0.0.0', PARLEY_DATA_DIR: dataDir, PARLEY_TRUST_PROXY_HOPS: '0', PARLEY_ADMIN_PASSWORD: '' },
      { startTimeoutMs: 110_000 },
    );
    try {
      const out = child.output();
      const steps = ['Parley: creating the embedded database in', 'Parley: migrating the database (', 'Parley: creating the first admin account'];
      let at = -1;
      for (const step of steps) {
        const i = out.indexOf(step);
        assert.ok(i > at, `"${step}" printed, in order:\n${out}`);
        at = i;
      }
      assert.match(out, /creating the embedded database in .*done in \d+\.\d s/);
      const banner = bannerOf(out);
      assert.ok(banner.includes(`http://localhost:${child.port}/admin`), banner);
      assert.ok(!banner.includes('127.0.0.1') && !banner.includes('0.0.0.0/'), `one host throughout:\n${banner}`);
      assert.match(banner, /first admin: +log in at http:\/\/localhost:\d+\/admin as admin@localhost/);
      assert.match(banner, /warning: +PUBLIC_URL is not set while Parley listens on 0\.0\.0\.0/);
      assert.ok(!banner.includes('PARLEY_SECRET is not set'), 'PGlite keeps its secret in its own files: no warning');

      // X-Forwarded-For with no trusted hop: one warning, however many requests carry it.
      for (const id of ['xff-first', 'xff-second']) {
        const res = await fetch(`${child.url}/healthz`, { headers: { 'x-forwarded-for': '198.51.100.7', 'x-request-id': id } });
        assert.equal(res.status, 200);
      }
      const logged = await waitForOutput(child, (o) => o.includes('"requestId":"xff-second"'));
      const warnings = jsonLines(logged).filter((l) => l.code === 'PROXY_HOPS_UNTRUSTED');
      assert.equal(warnings.length, 1, logged);
      assert.match(String(warnings[0]!.msg), /Set PARLEY_TRUST_PROXY_HOPS to the number of proxies/);
      assert.ok(!logged.includes('198.51.100.7'), 'the forwarded address is not logged');
    } finally {
      await child.stop();
    }
  });

  it('a later start on the same data directory: no first-start steps, no warning on a loopback bind', async () => {
    const child = await startParleyChild({ PARLEY_DATA_DIR: dataDir });
    try {
      const out = child.output();
      for (const step of ['creating the embedded database', 'migrating the database', 'creating the first admin']) {
        assert.ok(!out.includes(step), `"${step}" is a first-start step:\n${out}`);
      }
      const banner = bannerOf(out);
      assert.ok(banner.includes(`http://localhost:${child.port}/demo`), banner);
      assert.ok(!banner.includes('warning:'), banner);
    } finally {
      await child.stop();
    }
  });

  it('PostgreSQL without PARLEY_SECRET: warns that the secret was generated, and never prints it', { skip: skipFor('postgres') }, async () => {
    const database = await createTestDatabase('postgres', { migrate: false });
    try {
      const child = await startParleyChild({ DATABASE_URL: database.url!, PARLEY_SECRET: '', PUBLIC_URL: 'https://comments.example.com' });
      let out: string;
      try {
        out = child.output();
      } finally {
        await child.stop();
      }
      assert.match(out, /Parley: migrating the database \(\d+ migrations to apply\)/);
      assert.ok(!out.includes('creating the embedded database'));
      assert.match(bannerOf(out), /warning: +PARLEY_SECRET is not set/);
      assert.ok(bannerOf(out).startsWith('Parley is running at https://comments.example.com '), 'PUBLIC_URL is the one host');
      const [row] = await database.query<{ value: string }>("select value from instance_settings where key = 'server_secret'", []);
      assert.ok(row && row.value.length >= 32);
      assert.ok(!out.includes(row.value), 'the generated secret is never printed');
    } finally {
      await database.drop();
    }
  });
});
