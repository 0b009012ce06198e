// The leadership contract (store.coordination), on every dialect: a name is led by one holder at
// a time, released names can be taken again, names are independent, and closing the store gives
// every name up. (Two processes on one PostgreSQL database: test/store/coordination.test.ts and
// the failover test in test/scale/.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';

export function coordinationContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}: coordination`, () => {
    test('one holder per name; a released name can be led again; names are independent', async () => {
      const store = await open();
      try {
        const first = await store.coordination.tryLead('retag');
        assert.ok(first, 'nobody held "retag", yet it could not be led');
        assert.equal(first.held(), true);
        assert.equal(await first.check(), true);
        assert.equal(await store.coordination.tryLead('retag'), undefined, '"retag" was led twice at once');
        const other = await store.coordination.tryLead('digests');
        assert.ok(other, 'a different name is independent of "retag"');
        await first.release();
        assert.equal(first.held(), false);
        assert.equal(await first.check(), false);
        await first.release(); // idempotent
        const second = await store.coordination.tryLead('retag');
        assert.ok(second, 'a released name could not be led again');
        await second.release();
        await other.release();
      } finally {
        await store.close();
      }
    });

    test('closing the store gives its names up', async () => {
      const store = await open();
      const lead = await store.coordination.tryLead('retag');
      assert.ok(lead);
      await store.close();
      assert.equal(lead.held(), false);
    });
  });
}
