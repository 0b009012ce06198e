// The re-clustering lease (StoryRepo.takeReclusterLease and the writes it fences), the same on
// both dialects: one holder at a time, renewed with progress, released, taken over once it has run
// out or by a later attempt of the same job, and of several takers at once exactly one wins.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReclusterHolder } from '../../src/store/stories.js';
import type { Store } from '../../src/store/store.js';

const T0 = Date.UTC(2026, 11, 6, 12);
const MIN = 60_000;
const CURSOR = { publishedAt: T0, entryId: 1 };

export function reclusterLeaseContract(name: string, open: () => Promise<Store>): void {
  describe(`Re-clustering lease contract: ${name}`, () => {
    test('taken, held against others, renewed with progress, released; its holder recorded', async () => {
      const store = await open();
      try {
        const a: ReclusterHolder = { owner: 'worker-a', job: 7 };
        const b: ReclusterHolder = { owner: 'worker-b', job: 8 };
        assert.equal((await store.stories.reclusterProgress()).lease, null, 'none on a fresh store');
        assert.deepEqual(await store.stories.takeReclusterLease(a, T0 + 10 * MIN, T0), { taken: true });
        assert.deepEqual((await store.stories.reclusterProgress()).lease, { owner: 'worker-a', job: 7, until: T0 + 10 * MIN });
        // Held: another worker's job, the same worker's other job, and a run without a job are refused.
        for (const other of [b, { owner: 'worker-a', job: 9 }, { owner: 'cli', job: null }]) {
          assert.deepEqual(await store.stories.takeReclusterLease(other, T0 + 20 * MIN, T0 + MIN), {
            taken: false,
            lease: { owner: 'worker-a', job: 7, until: T0 + 10 * MIN },
          });
        }
        // Only the holder starts a run, records progress (renewing the lease) and finishes it.
        assert.equal(await store.stories.startRecluster(5, T0 + MIN, b), false);
        assert.equal((await store.stories.reclusterProgress()).status, 'idle', 'nothing written for a non-holder');
        assert.equal(await store.stories.startRecluster(5, T0 + MIN, a), true);
        assert.equal(await store.stories.recordRecluster(CURSOR, 2, T0 + 2 * MIN, { holder: b, until: T0 + 30 * MIN }), false);
        assert.equal(await store.stories.recordRecluster(CURSOR, 2, T0 + 9 * MIN, { holder: a, until: T0 + 19 * MIN }), true);
        const mid = await store.stories.reclusterProgress();
        assert.deepEqual([mid.status, mid.done, mid.updatedAt, mid.lease?.until], ['running', 2, T0 + 9 * MIN, T0 + 19 * MIN]);
        // Renewed: past the first `until`, still held.
        assert.equal((await store.stories.takeReclusterLease(b, T0 + 30 * MIN, T0 + 12 * MIN)).taken, false);
        assert.equal(await store.stories.finishRecluster(T0 + 13 * MIN, b), false);
        assert.equal(await store.stories.releaseReclusterLease(b, T0 + 13 * MIN), false);
        assert.equal(await store.stories.finishRecluster(T0 + 13 * MIN, a), true);
        const done = await store.stories.reclusterProgress();
        assert.deepEqual(
          [done.status, done.finishedAt, done.lease],
          ['done', T0 + 13 * MIN, { owner: 'worker-a', job: 7, until: T0 + 13 * MIN }],
          'finishing ends the lease and keeps who held it',
        );
        // Ended: the next taker gets it at once; released (a failed run), the one after that too.
        assert.deepEqual(await store.stories.takeReclusterLease(b, T0 + 24 * MIN, T0 + 14 * MIN), { taken: true });
        assert.equal(await store.stories.releaseReclusterLease(b, T0 + 15 * MIN), true);
        assert.deepEqual((await store.stories.reclusterProgress()).lease, { owner: 'worker-b', job: 8, until: T0 + 15 * MIN });
        assert.deepEqual(await store.stories.takeReclusterLease({ owner: 'cli', job: null }, T0 + 26 * MIN, T0 + 16 * MIN), {
          taken: true,
        });
      } finally {
        await store.close();
      }
    });

    test('a lease that ran out is taken over; a later attempt of the same job takes it over at once', async () => {
      const store = await open();
      try {
        const dead: ReclusterHolder = { owner: 'worker-dead', job: 3 };
        assert.equal((await store.stories.takeReclusterLease(dead, T0 + 10 * MIN, T0)).taken, true);
        assert.equal(await store.stories.startRecluster(5, T0, dead), true);
        // Not yet run out: refused; at `until` and after: taken over.
        assert.equal((await store.stories.takeReclusterLease({ owner: 'w2', job: 4 }, T0 + 20 * MIN, T0 + 10 * MIN - 1)).taken, false);
        assert.equal((await store.stories.takeReclusterLease({ owner: 'w2', job: 4 }, T0 + 20 * MIN, T0 + 10 * MIN)).taken, true);
        assert.deepEqual((await store.stories.reclusterProgress()).lease, { owner: 'w2', job: 4, until: T0 + 20 * MIN });
        // The dead holder, back, can no longer write.
        assert.equal(await store.stories.recordRecluster(CURSOR, 1, T0 + 11 * MIN, { holder: dead, until: T0 + 21 * MIN }), false);
        assert.equal(await store.stories.finishRecluster(T0 + 11 * MIN, dead), false);
        // Job 4's worker dies; the job's next attempt runs on another worker, well within the lease.
        const retry: ReclusterHolder = { owner: 'w3', job: 4 };
        assert.deepEqual(await store.stories.takeReclusterLease(retry, T0 + 22 * MIN, T0 + 12 * MIN), { taken: true });
        assert.deepEqual((await store.stories.reclusterProgress()).lease, { owner: 'w3', job: 4, until: T0 + 22 * MIN });
        assert.equal(
          await store.stories.startRecluster(5, T0 + 12 * MIN, { owner: 'w2', job: 4 }),
          false,
          'the first attempt is fenced out',
        );
        assert.equal(await store.stories.startRecluster(5, T0 + 12 * MIN, retry), true);
      } finally {
        await store.close();
      }
    });

    test('several takers at once: exactly one gets the lease, the others see it', async () => {
      for (const fresh of [true, false]) {
        const store = await open();
        try {
          // On a fresh store the row does not exist yet (the takers race to insert it); after a
          // released run they race to update it.
          if (!fresh) {
            assert.equal((await store.stories.takeReclusterLease({ owner: 'old', job: 1 }, T0 + MIN, T0)).taken, true);
            assert.equal(await store.stories.releaseReclusterLease({ owner: 'old', job: 1 }, T0), true);
          }
          const takers = Array.from({ length: 8 }, (_, i) => ({ owner: `worker-${i}`, job: 100 + i }));
          const results = await Promise.all(takers.map((h) => store.stories.takeReclusterLease(h, T0 + 10 * MIN, T0 + MIN)));
          const winners = takers.filter((_, i) => results[i]!.taken);
          assert.equal(winners.length, 1, `one winner (${fresh ? 'fresh store' : 'after a run'})`);
          const lease = (await store.stories.reclusterProgress()).lease;
          assert.deepEqual(lease, { ...winners[0]!, until: T0 + 10 * MIN });
          for (const r of results) if (!r.taken) assert.deepEqual(r.lease, lease);
        } finally {
          await store.close();
        }
      }
    });
  });
}
