// Live events for readers: a newly approved comment reaches an open stream, on both drivers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, jsonRequest, type TestApp } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';
import type { Site } from '../../server/sites/store.js';

/** Reads server-sent events from a response until `until` accepts one (or the stream ends). */
async function readEvents(res: Response, until: (e: { event: string; data: string }) => boolean) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: { event: string; data: string }[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let at: number;
    while ((at = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? '';
      seen.push({ event, data });
      if (until({ event, data })) {
        await reader.cancel();
        return seen;
      }
    }
  }
  return seen;
}

for (const driver of DRIVERS) {
  describe(`reader events [${driver}]`, { skip: skipFor(driver) }, () => {
    let t: TestApp;
    let site: Site;
    before(async () => {
      t = await createTestApp({ driver });
      site = await t.createSite({ settings: { mode: 'post' } });
    });
    after(async () => t?.close());

    it('streams a newly approved comment, and not held ones or other articles', async () => {
      const base = `/api/v1/sites/${site.slug}/articles/live/comments`;
      const stream = await t.app.request(`/api/v1/sites/${site.slug}/articles/live/events`);
      assert.equal(stream.status, 200);
      assert.match(stream.headers.get('content-type')!, /text\/event-stream/);
      const events = readEvents(stream, (e) => e.event === 'comment');
      // Another article first: must not appear on this stream.
      await t.app.request(`/api/v1/sites/${site.slug}/articles/elsewhere/comments`, jsonRequest('POST', { name: 'X', email: 'x@example.com', body: 'elsewhere' }, { 'x-forwarded-for': '192.0.2.1' }));
      const posted = await t.app.request(base, jsonRequest('POST', { name: 'Meera', email: 'meera@example.com', body: 'live one' }, { 'x-forwarded-for': '192.0.2.2' }));
      assert.equal(posted.status, 201);
      const seen = await events;
      const comment = seen.find((e) => e.event === 'comment');
      assert.ok(comment, `events seen: ${JSON.stringify(seen)}`);
      const data = JSON.parse(comment.data);
      assert.equal(data.body, 'live one');
      assert.equal(data.authorName, 'Meera');
      assert.ok(!comment.data.includes('meera@example.com'), 'no email in events');
      assert.ok(!seen.some((e) => e.data.includes('elsewhere')));
    });
  });
}
