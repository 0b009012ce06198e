// Rows written without a time take it from the store's clock. A job enqueued, or a source added,
// by a web process or a CLI command on a machine whose clock runs ten minutes fast is due now by
// the database's clock, which every worker claims by, not ten minutes from now; one on a machine
// running slow is not dated ten minutes back. Only PostgreSQL is several machines (SQLite's clock
// is the one machine's own, test/store/clock.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { TEN_MINUTES, withinBracket as within, withSkewedClock } from '../helpers/skewed-clock.js';

forEachDialect((d) => {
  if (d.name !== 'postgres') return;

  for (const skew of [TEN_MINUTES, -TEN_MINUTES]) {
    const machine = skew > 0 ? 'fast' : 'slow';

    test(`a job enqueued on a machine ten minutes ${machine} is due now by the database clock`, async () => {
      const store = await d.open();
      const before = await store.clock.now();
      const { job } = await withSkewedClock(skew, () => store.jobs.enqueue({ kind: 'k' }));
      const [many] = await withSkewedClock(skew, () => store.jobs.enqueueMany([{ kind: 'k', dedupeKey: 'many' }]));
      const now = await store.clock.now();
      for (const j of [job, many!]) assert.ok(within(j.runAfter, before, now), `run after ${j.runAfter - now} ms from now`);
      const claimed = await store.jobs.claim(now, 10, 'worker', 60_000, ['k']);
      assert.deepEqual(claimed.map((c) => c.id).sort(), [job.id, many!.id].sort(), 'both claimable at once');
    });

    test(`a source added on a machine ten minutes ${machine} is due now by the database clock`, async () => {
      const store = await d.open();
      const before = await store.clock.now();
      const { source } = await withSkewedClock(skew, () => store.sources.add({ url: 'https://feeds.example/a.xml' }));
      const now = await store.clock.now();
      assert.ok(within(source.nextCheckAt, before, now), `next check ${source.nextCheckAt - now} ms from now`);
      const claimed = await store.sources.claimDue(now, 10, 'poller', 60_000);
      assert.deepEqual(
        claimed.map((s) => s.id),
        [source.id],
      );
    });
  }
});
