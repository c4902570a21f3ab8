// The batcher as a pure function of the calls it gets: batches form only while others run, results
// go back to their callers, and one bad item fails alone when the error allows a retry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBatcher } from '../../server/lib/batcher.js';

/** A run function whose batches finish only when the test says so. */
function controlledRun() {
  const batches: { items: number[]; finish: () => void; fail: (e: unknown) => void }[] = [];
  const run = (items: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      batches.push({ items, finish: () => resolve(items.map((x) => x * 10)), fail: reject });
    });
  return { batches, run };
}

describe('createBatcher', () => {
  it('runs an item at once when a slot is free, and gathers the ones that arrive meanwhile', async () => {
    const { batches, run } = controlledRun();
    const call = createBatcher(run, { maxBatch: 3, maxInFlight: 1 });
    const results = [1, 2, 3, 4, 5, 6].map((x) => call(x));
    assert.deepEqual(batches.map((b) => b.items), [[1]]);
    batches[0]!.finish();
    await results[0];
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(batches.map((b) => b.items), [[1], [2, 3, 4]]);
    batches[1]!.finish();
    await results[3];
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(batches[2]!.items, [5, 6]);
    batches[2]!.finish();
    assert.deepEqual(await Promise.all(results), [10, 20, 30, 40, 50, 60]);
  });

  it('keeps up to maxInFlight batches running', () => {
    const { batches, run } = controlledRun();
    const call = createBatcher(run, { maxBatch: 10, maxInFlight: 2 });
    for (const x of [1, 2, 3, 4]) void call(x);
    assert.deepEqual(batches.map((b) => b.items), [[1], [2]]);
  });

  it('retries a failed batch item by item when the error allows it, so only the bad item fails', async () => {
    const seen: number[][] = [];
    const call = createBatcher(
      async (items: number[]) => {
        seen.push(items);
        if (items.includes(13)) throw Object.assign(new Error('bad item'), { code: '23503' });
        return items;
      },
      { maxBatch: 10, maxInFlight: 1, retrySingly: (e) => (e as { code?: string }).code === '23503' },
    );
    const first = call(1);
    const rest = [12, 13, 14].map((x) => call(x));
    assert.equal(await first, 1);
    const settled = await Promise.allSettled(rest);
    assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(seen, [[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('fails the whole batch at once when the error does not allow a retry (the database is gone)', async () => {
    let calls = 0;
    const call = createBatcher(
      async (items: number[]) => {
        calls++;
        if (items.length > 1) throw Object.assign(new Error('connection lost'), { code: '08006' });
        return items;
      },
      { maxBatch: 10, maxInFlight: 1, retrySingly: (e) => (e as { code?: string }).code !== '08006' },
    );
    const first = call(1);
    const rest = [2, 3].map((x) => call(x));
    await first;
    const settled = await Promise.allSettled(rest);
    assert.deepEqual(settled.map((s) => s.status), ['rejected', 'rejected']);
    assert.equal(calls, 2);
  });

  it('rejects every caller when a batch returns the wrong number of results', async () => {
    const call = createBatcher(async (items: number[]) => items.slice(1), { maxBatch: 10, maxInFlight: 1 });
    await assert.rejects(call(5), /batch returned 0 results for 1 items/);
  });
});
