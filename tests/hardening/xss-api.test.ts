// Stored XSS, API side: every payload of our corpus, sent as body, name, website, article title and
// article URL, is stored as the text it was (only the documented cleaning: control characters,
// CRLF, surrounding space) and returned as JSON with nosniff, never as HTML and never escaped or
// stripped on the way in. URLs that are not http(s) are refused, never stored.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { cleanBody, cleanLine } from '../../server/comments/dto.js';
import { comments } from '../../server/db/schema.js';
import type { Site } from '../../server/sites/store.js';
import { createTestApp, jsonRequest, type TestApp } from '../helpers/app.js';
import { SHORT_PAYLOADS, XSS_PAYLOADS } from './helpers/xss-payloads.js';

/** Markup-significant characters: cleaning must keep every one of them. */
const significant = (s: string) => [...s].filter((ch) => '<>&"\'`/=:;()'.includes(ch)).join('');

const isHttp = (raw: string | null) => {
  if (raw === null) return true;
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.href === raw;
  } catch {
    return false;
  }
};

describe('stored XSS through the API', () => {
  let t: TestApp;
  let site: Site;
  const counts = { payloads: 0, posts: 0, refusedUrls: 0 };

  before(async () => {
    t = await createTestApp();
    site = await t.createSite({ settings: { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0, linkLimit: 100, nudge: false } });
  });
  after(async () => {
    await t?.close();
    console.log(`# hardening xss-api: payloads=${counts.payloads} posts=${counts.posts} refused non-http URLs=${counts.refusedUrls}`);
  });

  it(`has a corpus of at least 200 payloads of our own (${XSS_PAYLOADS.length})`, () => {
    assert.ok(XSS_PAYLOADS.length >= 200);
    assert.equal(new Set(XSS_PAYLOADS).size, XSS_PAYLOADS.length);
    assert.ok(SHORT_PAYLOADS.length >= 100);
  });

  it('stores every payload as text and returns it verbatim as JSON, in every field', async () => {
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      counts.payloads++;
      const name = SHORT_PAYLOADS[i % SHORT_PAYLOADS.length]!;
      const title = [...payload].slice(0, 300).join('');
      const article = `xss-${i}`;
      const path = `/api/v1/sites/${site.slug}/articles/${article}/comments`;
      const headers = { 'x-forwarded-for': `198.18.${i >> 8}.${i & 255}` };
      if (payload.includes('\u0000') || name.includes('\u0000')) {
        // NUL cannot be stored in PostgreSQL text: refused outright, with a 4xx.
        const refused = await t.app.request(path, jsonRequest('POST', { body: payload, name, email: `x${i}@example.com` }, headers));
        counts.posts++;
        assert.equal(refused.status, 400, `payload ${i} with NUL`);
        continue;
      }
      // The payload itself as website and article URL first: anything not http(s) must be refused.
      const asUrl = await t.app.request(path, jsonRequest('POST', { body: payload, name, email: `x${i}@example.com`, website: payload, article: { url: payload, title } }, headers));
      counts.posts++;
      let res = asUrl;
      if (asUrl.status === 422) {
        const fields = ((await asUrl.json()).error.fields as { field: string }[]).map((f) => f.field);
        assert.ok(fields.every((f) => f === 'website' || f === 'article.url'), `payload ${i}: only the URLs are refused (${fields.join(', ')})`);
        counts.refusedUrls++;
        // Again with the payload inside http(s) URLs, which must come back as well-formed URLs.
        res = await t.app.request(
          path,
          jsonRequest(
            'POST',
            { body: payload, name, email: `x${i}@example.com`, website: `https://example.com/?p=${payload.slice(0, 200)}`, article: { url: `https://news.example/story?x=${payload.slice(0, 500)}`, title } },
            headers,
          ),
        );
        counts.posts++;
        if (res.status === 422) {
          const again = ((await res.clone().json()).error.fields as { field: string }[]).map((f) => f.field);
          assert.ok(again.every((f) => f === 'website' || f === 'article.url'), `payload ${i}: ${again.join(', ')}`);
          res = await t.app.request(path, jsonRequest('POST', { body: payload, name, email: `x${i}@example.com`, article: { title } }, headers));
          counts.posts++;
        }
      }
      const text = await res.text();
      assert.equal(res.status, 201, `payload ${i}: ${text.slice(0, 300)}`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const { comment } = JSON.parse(text);
      assert.equal(comment.body, cleanBody(payload), `payload ${i}: body changed beyond the documented cleaning`);
      assert.equal(significant(comment.body), significant(payload), `payload ${i}: markup characters were escaped or stripped`);
      assert.equal(comment.authorName, cleanLine(name));
      assert.ok(isHttp(comment.authorWebsite), `payload ${i}: website ${comment.authorWebsite}`);

      // Stored as sent (after cleaning), and the public thread returns the same text as JSON.
      const [row] = await t.deps.db.select().from(comments).where(eq(comments.id, comment.id));
      assert.equal(row!.body, comment.body);
      assert.equal(row!.authorName, comment.authorName);
      const thread = await t.app.request(path);
      assert.match(thread.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(thread.headers.get('x-content-type-options'), 'nosniff');
      const data = await thread.json();
      assert.equal(data.comments[0].body, comment.body);
      assert.equal(data.comments[0].authorName, comment.authorName);
      assert.equal(data.article.title, cleanLine(title) || null, `payload ${i}: title`);
      assert.ok(isHttp(data.article.url), `payload ${i}: article url ${data.article.url}`);
    }
  });

  it('never answers with HTML, even when the client asks for it', async () => {
    const p = `/api/v1/sites/${site.slug}/articles/xss-0/comments`;
    for (const accept of ['text/html', 'text/html,application/xhtml+xml,*/*;q=0.8', '*/*']) {
      const res = await t.app.request(p, { headers: { accept } });
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/, accept);
      const err = await t.app.request('/api/v1/sites/%3Cscript%3Ealert(1)%3C%2Fscript%3E/config', { headers: { accept } });
      assert.match(err.headers.get('content-type') ?? '', /^application\/json/, `error answer for ${accept}`);
      assert.equal(err.status, 404);
    }
  });
});
