// The keyed hashes are stored (address hashes, author-token hashes, bans, reactions): a change in how
// they are computed must not change a single value, or every stored hash stops matching.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHasher } from '../../server/lib/crypto.js';

// Computed with the first implementation: createHmac('sha256', secret).update(purpose).update('\0').update(value).
const SECRET = 'test-secret-0123456789';

describe('createHasher', () => {
  const hasher = createHasher(SECRET);

  it('hashes addresses and tokens to the values stored before', () => {
    assert.equal(hasher.hashIp('203.0.113.7'), 'hXgA_lwsTzUPGQw6rC2I5aw8OqeIJ7mp');
    assert.equal(hasher.hashIp('ünï\u{1F600}'), 'fkqg8aHXlksVJJgFow8jnkXrbk8oQ8IZXV3RlapB1aw'.slice(0, 32));
    assert.equal(hasher.hashToken('abc'), 'wndKDboiQVB0AsdYcn_0swhMxPCX2seXL1OwfTZ8muU');
  });

  it('signs and verifies as before', () => {
    assert.equal(hasher.sign('x'), 'BJFQnVFh9iMIV3GEoAOcXs2jcM4sZZSBtI0jvTEIVH4');
    assert.equal(hasher.verify('x', 'BJFQnVFh9iMIV3GEoAOcXs2jcM4sZZSBtI0jvTEIVH4'), true);
    assert.equal(hasher.verify('y', 'BJFQnVFh9iMIV3GEoAOcXs2jcM4sZZSBtI0jvTEIVH4'), false);
  });

  it('keeps purposes apart', () => {
    assert.notEqual(hasher.hashToken('1.2.3.4').slice(0, 32), hasher.hashIp('1.2.3.4'));
  });
});
