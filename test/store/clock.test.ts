// The store's clock (src/store/clock.ts), both dialects: the time leases and due times are judged
// by. It tells the time (this machine's on SQLite, the server's on PostgreSQL, which share one
// machine in tests), never goes back, and costs no query per call: a worker reads it for every
// claim and every job's outcome. On PostgreSQL it ignores this machine's wall clock altogether.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { TEN_MINUTES, withSkewedClock } from '../helpers/skewed-clock.js';

/** Generous: the store's clock and this process's agree to a round trip, not to the millisecond. */
const CLOSE_MS = 5000;

forEachDialect((d) => {
  test('the store clock tells the time and never goes back', async () => {
    const store = await d.open();
    const before = Date.now();
    let last = await store.clock.now();
    assert.ok(Number.isInteger(last));
    assert.ok(Math.abs(last - before) < CLOSE_MS, `${last} vs ${before}`);
    for (let i = 0; i < 20; i++) {
      const t = await store.clock.now();
      assert.ok(t >= last, 'not back');
      last = t;
    }
  });

  test('reading the store clock a hundred times asks the database at most once', async () => {
    let asked = 0;
    const store = await d.open({ onQuery: () => asked++ });
    asked = 0;
    for (let i = 0; i < 100; i++) await store.clock.now();
    assert.ok(asked <= 1, `${asked} queries`);
  });

  if (d.name === 'postgres')
    test("PostgreSQL's store clock is the server's, whatever this machine's clock says", async () => {
      const store = await d.open();
      const real = Date.now();
      for (const skew of [TEN_MINUTES, -TEN_MINUTES]) {
        const t = await withSkewedClock(skew, () => store.clock.now());
        assert.ok(Math.abs(t - real) < CLOSE_MS, `skewed by ${skew}: ${t} vs ${real}`);
      }
    });
});
