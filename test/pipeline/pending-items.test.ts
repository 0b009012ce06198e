// newestIndices picks the first n of newestOrder without sorting every item: same indices, same order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newestIndices, newestOrder } from '../../src/pipeline/pending-items.js';

describe('newestIndices', () => {
  it('is the first n of the full order: newest first, undated last, ties in document order', () => {
    let seed = 7;
    const rand = (m: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % m;
    };
    for (const size of [0, 1, 5, 64, 1000]) {
      // Few distinct stamps (many ties) and some undated items.
      const keys = Array.from({ length: size }, () => (rand(10) === 0 ? null : rand(20) * 1000));
      const full = newestOrder(keys);
      for (const n of [0, 1, 3, size - 1, size, size + 5]) {
        if (n < 0) continue;
        assert.deepEqual(newestIndices(keys, n), full.slice(0, n), `size ${size}, n ${n}`);
      }
    }
    assert.deepEqual(newestOrder([null, 5, 5, null, 9]), [4, 1, 2, 0, 3]);
  });
});
