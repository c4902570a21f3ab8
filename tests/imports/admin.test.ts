// The admin import upload and export over real HTTP on 127.0.0.1, on both drivers: a file far above
// the generic body limit streams into the parser (progress readable while it arrives), limits and
// malformed files are refused with stable codes, moderators cannot import, and a moderator's export
// carries no personal data.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAccount } from '../../server/auth/accounts.js';
import { insertSite } from '../../server/sites/store.js';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';
import { FIXTURES } from './import.cases.js';

const PASSWORD = 'correct horse battery';

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = /parley_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

for (const driver of DRIVERS) {
  describe(`admin import upload and export over HTTP [${driver}]`, { skip: skipFor(driver) }, () => {
    let server: TestServer;
    let admin: Session;
    let moderator: Session;
    const slug = 'upload';

    const call = (who: Session, method: string, p: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api/v1/admin${p}`, {
        ...init,
        method,
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(init.headers as Record<string, string>) },
      } as RequestInit);
    const start = async (who: Session, body: Record<string, unknown>) => {
      const res = await call(who, 'POST', '/imports', { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      return { status: res.status, json: (await res.json()) as { import: { id: number; status: string } } };
    };

    before(async () => {
      server = await startTestServer({
        driver,
        env: { PARLEY_ADMIN_EMAIL: 'boss@example.com', PARLEY_ADMIN_PASSWORD: PASSWORD, PARLEY_BODY_LIMIT_BYTES: '4096', PARLEY_IMPORT_MAX_BYTES: '200000' },
      });
      const db = server.deps.db;
      await insertSite(db, { slug, name: 'Upload' });
      await createAccount(db, { email: 'mod@example.com', name: 'Mod', password: PASSWORD, role: 'moderator', sites: [slug] });
      admin = await login(server.url, 'boss@example.com');
      moderator = await login(server.url, 'mod@example.com');
    });
    after(async () => server?.close());

    it('streams a file far above the generic body limit into the import; progress is readable while it arrives', async () => {
      const file = readFileSync(path.join(FIXTURES, 'disqus.xml'));
      assert.ok(file.length > 4096 * 2, 'the fixture is bigger than PARLEY_BODY_LIMIT_BYTES');
      const { status, json } = await start(admin, { site: slug, format: 'disqus' });
      assert.equal(status, 201);
      const id = json.import.id;
      // Half the file, then wait until the server has read it (its progress says so), then the rest.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const half = Math.floor(file.length / 2);
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(file.subarray(0, half));
          await gate;
          controller.enqueue(file.subarray(half));
          controller.close();
        },
      });
      const upload = call(admin, 'PUT', `/imports/${id}/file`, { body, headers: { 'content-type': 'application/xml' }, duplex: 'half' } as RequestInit);
      for (;;) {
        const res = await call(admin, 'GET', `/imports/${id}`);
        const run = ((await res.json()) as { import: { status: string; progress: { bytes?: number; phase?: string } } }).import;
        if (run.status === 'running' && (run.progress.bytes ?? 0) > 0) {
          assert.equal(run.progress.phase, 'reading');
          break;
        }
        await new Promise((r) => setImmediate(r));
      }
      release();
      const res = await upload;
      assert.equal(res.status, 200, await res.clone().text());
      const done = ((await res.json()) as { import: { status: string; summary: { comments: { writtenTotal: number } } } }).import;
      assert.equal(done.status, 'done');
      assert.equal(done.summary.comments.writtenTotal, 10);
      const thread = await fetch(`${server.url}/api/v1/sites/${slug}/articles/${encodeURIComponent('https://news.example/2024/budget?a=1&b=2')}/comments`);
      assert.equal(((await thread.json()) as { total: number }).total, 6);
      // A run takes one file.
      const again = await call(admin, 'PUT', `/imports/${id}/file`, { body: file, headers: { 'content-type': 'application/xml' } });
      assert.equal(again.status, 409);
    });

    it('refuses a file over PARLEY_IMPORT_MAX_BYTES (declared or streamed) with 413, and a malformed one with 422 INVALID_FILE and its line', async () => {
      const big = Buffer.alloc(200_001, 'a');
      const declared = await call(admin, 'PUT', `/imports/${(await start(admin, { site: slug, format: 'disqus' })).json.import.id}/file`, { body: big });
      assert.equal(declared.status, 413);
      assert.equal(((await declared.json()) as { error: { code: string } }).error.code, 'PAYLOAD_TOO_LARGE');
      const chunked = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(Buffer.from('<disqus>'));
          for (let i = 0; i < 30; i++) controller.enqueue(Buffer.alloc(10_000, ' '));
          controller.close();
        },
      });
      const streamed = await call(admin, 'PUT', `/imports/${(await start(admin, { site: slug, format: 'disqus' })).json.import.id}/file`, { body: chunked, duplex: 'half' } as RequestInit);
      assert.equal(streamed.status, 413);
      const hostile = readFileSync(path.join(FIXTURES, 'billion-laughs.xml'));
      const bad = await call(admin, 'PUT', `/imports/${(await start(admin, { site: slug, format: 'disqus' })).json.import.id}/file`, { body: hostile });
      assert.equal(bad.status, 422);
      const error = ((await bad.json()) as { error: { code: string; line: number; reason: string } }).error;
      assert.equal(error.code, 'INVALID_FILE');
      assert.equal(error.line, 13);
      assert.match(error.reason, /DOCTYPE/);
      // The generic limit still holds everywhere else.
      const other = await call(admin, 'POST', '/imports', { body: JSON.stringify({ site: slug, format: 'disqus', mapDomains: ['x'.repeat(5000)] }), headers: { 'content-type': 'application/json' } });
      assert.equal(other.status, 413);
    });

    it('moderators cannot import (403) but export their site without personal data; admins get it marked', async () => {
      assert.equal((await start(moderator, { site: slug, format: 'disqus' })).status, 403);
      assert.equal((await call(moderator, 'GET', '/imports')).status, 403);
      const mine = await call(moderator, 'GET', `/sites/${slug}/export`);
      assert.equal(mine.status, 200);
      assert.match(mine.headers.get('content-type') ?? '', /application\/x-ndjson/);
      const text = await mine.text();
      assert.equal(JSON.parse(text.split('\n')[0]!).personalData, false);
      assert.ok(!text.includes('asha@example.com') && !text.includes('"personal"'));
      const full = await (await call(admin, 'GET', `/sites/${slug}/export`)).text();
      assert.equal(JSON.parse(full.split('\n')[0]!).personalData, true);
      assert.ok(full.includes('"personal":{"authorEmail":"asha@example.com"'));
      const lines = full.trim().split('\n');
      assert.deepEqual(JSON.parse(lines[lines.length - 1]!).counts, { articles: 2, comments: 10, reports: 0, bans: 0, authors: 0 });
    });

    it('refuses a Parley export holding an unpaired surrogate with 422 INVALID_FILE and its line, not a 500', async () => {
      const lines = (await (await call(admin, 'GET', `/sites/${slug}/export`)).text()).trim().split('\n');
      const at = lines.findIndex((l) => JSON.parse(l).type === 'comment');
      lines[at] = lines[at]!.replace(/"body":"/, '"body":"broken \\ud800 text ');
      assert.match(lines[at]!, /\\ud800/);
      for (const dryRun of [true, false]) {
        const { json } = await start(admin, { site: slug, format: 'parley', dryRun });
        const res = await call(admin, 'PUT', `/imports/${json.import.id}/file`, { body: lines.join('\n') });
        assert.equal(res.status, 422, await res.clone().text());
        const error = ((await res.json()) as { error: { code: string; line: number; reason: string } }).error;
        assert.deepEqual([error.code, error.line], ['INVALID_FILE', at + 1]);
        assert.match(error.reason, /body holds an unpaired UTF-16 surrogate/);
      }
    });

    it('answers an upload to an id that is not plain digits with 4xx and leaves the import waiting for its file', async () => {
      const { json } = await start(admin, { site: slug, format: 'disqus', dryRun: true });
      for (const odd of [`${json.import.id}%20`, `+${json.import.id}`, `0x${json.import.id.toString(16)}`]) {
        const res = await call(admin, 'PUT', `/imports/${odd}/file`, { body: '{}', headers: { 'content-type': 'application/json' } });
        assert.ok(res.status >= 400 && res.status < 500, `${odd}: ${res.status}`);
      }
      const run = (await (await call(admin, 'GET', `/imports/${json.import.id}`)).json()) as { import: { status: string } };
      assert.equal(run.import.status, 'waiting');
    });
  });
}
