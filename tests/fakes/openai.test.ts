// The fake OpenAI moderation endpoint itself: it answers in OpenAI's shapes, checks what OpenAI
// checks, and its faults do what they say, so scorer tests against it mean something.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, startFakeOpenAi, type FakeOpenAi } from './openai.js';

describe('fake OpenAI moderation endpoint', () => {
  let fake: FakeOpenAi;
  before(async () => {
    fake = await startFakeOpenAi();
  });
  after(async () => fake.close());
  beforeEach(() => fake.reset());

  const moderate = (body: unknown, key = 'sk-test-key') =>
    fetch(`${fake.baseUrl}/moderations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });

  it('listens on 127.0.0.1 and answers in the moderation shape, one result per input', async () => {
    assert.match(fake.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await moderate({ model: 'omni-moderation-2024-09-26', input: ['you idiot', 'nice weather'] });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { id: string; model: string; results: { flagged: boolean; categories: Record<string, boolean>; category_scores: Record<string, number> }[] };
    assert.match(body.id, /^modr-/);
    assert.equal(body.model, 'omni-moderation-2024-09-26');
    assert.equal(body.results.length, 2);
    assert.deepEqual(Object.keys(body.results[0]!.category_scores), [...CATEGORIES]);
    assert.equal(body.results[0]!.flagged, true);
    assert.equal(body.results[0]!.categories.harassment, true);
    assert.equal(body.results[1]!.flagged, false);
  });

  it('checks the key, the model and the input the way OpenAI does', async () => {
    const missing = await moderate({ input: 'x' }, '');
    assert.equal(missing.status, 401);
    const wrong = await moderate({ input: 'x' }, 'sk-wrong-key-1234');
    assert.equal(wrong.status, 401);
    const error = ((await wrong.json()) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'invalid_api_key');
    assert.ok(!error.message.includes('sk-wrong-key-1234'), 'the key is echoed masked');
    assert.equal((await moderate({ model: 'gpt-nope', input: 'x' })).status, 404);
    assert.equal((await moderate({ model: 'omni-moderation-latest' })).status, 400);
  });

  it('scores from a directive, and injects faults from the text or the control plane', async () => {
    const scored = (await (await moderate({ input: 'words [[openai:hate=0.91,violence=0.2]]' })).json()) as { results: { category_scores: Record<string, number> }[] };
    assert.equal(scored.results[0]!.category_scores.hate, 0.91);
    assert.equal(scored.results[0]!.category_scores.violence, 0.2);
    assert.equal((await moderate({ input: 'x [[fault:503]]' })).status, 503);
    const quota = await moderate({ input: 'x [[fault:quota]]' });
    assert.equal(quota.status, 429);
    assert.equal(((await quota.json()) as { error: { code: string } }).error.code, 'insufficient_quota');
    await fetch(`${fake.origin}/__fake/enqueue`, { method: 'POST', body: JSON.stringify({ kind: 'status', status: 429, headers: { 'retry-after': '7' } }) });
    const limited = await moderate({ input: 'x' });
    assert.deepEqual([limited.status, limited.headers.get('retry-after')], [429, '7']);
    fake.enqueue({ kind: 'shape' });
    const shape = (await (await moderate({ input: 'x' })).json()) as { results: Record<string, unknown>[] };
    assert.equal(shape.results[0]!.category_scores, undefined);
    fake.enqueue({ kind: 'malformed' });
    await assert.rejects((await moderate({ input: 'x' })).json());
    assert.equal(fake.requests.length, 6, "control calls are not recorded");
  });

  it('close() ends hanging requests at once', async () => {
    const own = await startFakeOpenAi();
    own.setDefault({ kind: 'hang' });
    const pending = fetch(`${own.baseUrl}/moderations`, { method: 'POST', body: '{}' }).catch((e: Error) => e);
    while (own.requests.length === 0) await new Promise((r) => setTimeout(r, 2));
    await own.close();
    assert.ok((await pending) instanceof Error);
  });
});
