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

export function hostSlotContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}: host slots`, () => {
    test('at most `slots` holders per host; a released slot is free again; hosts are independent', async () => {
      const store = await open();
      try {
        const a = await store.coordination.tryHostSlot('news.example', 2);
        const b = await store.coordination.tryHostSlot('news.example', 2);
        assert.ok(a && b, 'two slots of two were not both free');
        assert.notEqual(a.slot, b.slot);
        assert.equal(await store.coordination.tryHostSlot('news.example', 2), undefined, 'a third request slot was given');
        const other = await store.coordination.tryHostSlot('other.example', 2);
        assert.ok(other, 'another host has slots of its own');
        await a.release();
        await a.release(); // idempotent
        const c = await store.coordination.tryHostSlot('news.example', 2);
        assert.ok(c, 'a released slot was not free again');
        assert.equal(c.slot, a.slot);
        assert.equal(await store.coordination.tryHostSlot('news.example', 2), undefined);
        // A larger limit (changed configuration) offers the slots beyond.
        assert.ok(await store.coordination.tryHostSlot('news.example', 3));
        for (const s of [b, c, other]) await s.release();
      } finally {
        await store.close();
      }
    });
  });
}
