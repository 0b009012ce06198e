// The re-clustering lease (StoryRepo.takeReclusterLease and the writes it fences), the same on
// both dialects: one holder at a time, renewed with progress, released, taken over once it has run
// out or by a later attempt of the same job, and of several takers at once exactly one wins.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReclusterFence, ReclusterHolder } from '../../src/store/stories.js';
import type { Store } from '../../src/store/store.js';
import { textEntry } from '../helpers/entries.js';
import { storedStories } from '../helpers/recluster-takeover.js';

const T0 = Date.UTC(2026, 11, 6, 12);
const MIN = 60_000;
const CURSOR = { publishedAt: T0, entryId: 1 };

/** Four stored entries (ids in time order), for batches with stories. */
async function fourEntries(store: Store): Promise<number[]> {
  const src = (await store.sources.add({ url: 'https://fence.example/feed' })).source.id;
  const items = [0, 1, 2, 3].map((n) =>
    textEntry({ dedupeKey: `f${n}`, fingerprint: `f${n}`, url: `https://fence.example/${n}` }, `Fence ${n}`, `Body ${n}`, T0 + n * MIN),
  );
  return (await store.entries.saveBatch(src, items, T0)).inserted.map((e) => e.id);
}

/** A batch putting every one of `ids` in the story `key`. */
const batch = (ids: readonly number[], key: string) => ids.map((entryId) => ({ entryId, storyKey: key }));

export function reclusterLeaseContract(name: string, open: () => Promise<Store>): void {
  describe(`Re-clustering lease contract: ${name}`, () => {
    test('taken, held against others, renewed with progress, released; its holder recorded', async () => {
      const store = await open();
      try {
        const a: ReclusterHolder = { owner: 'worker-a', job: 7 };
        const b: ReclusterHolder = { owner: 'worker-b', job: 8 };
        assert.equal((await store.stories.reclusterProgress()).lease, null, 'none on a fresh store');
        assert.deepEqual(await store.stories.takeReclusterLease(a, T0 + 10 * MIN, T0), { taken: true, generation: 1 });
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
        assert.deepEqual(await store.stories.takeReclusterLease(b, T0 + 24 * MIN, T0 + 14 * MIN), { taken: true, generation: 2 });
        assert.equal(await store.stories.releaseReclusterLease(b, T0 + 15 * MIN), true);
        assert.deepEqual((await store.stories.reclusterProgress()).lease, { owner: 'worker-b', job: 8, until: T0 + 15 * MIN });
        assert.deepEqual(await store.stories.takeReclusterLease({ owner: 'cli', job: null }, T0 + 26 * MIN, T0 + 16 * MIN), {
          taken: true,
          generation: 3,
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
        assert.deepEqual(await store.stories.takeReclusterLease(retry, T0 + 22 * MIN, T0 + 12 * MIN), { taken: true, generation: 3 });
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

    test('fenced batch writes (p-fence): after a take-over the stale run writes nothing, its stories, renewal and wipe included', async () => {
      const store = await open();
      try {
        const ids = await fourEntries(store);
        const slow: ReclusterHolder = { owner: 'worker-slow', job: 21 };
        const took = await store.stories.takeReclusterLease(slow, T0 + 10 * MIN, T0);
        assert.ok(took.taken);
        const fence: ReclusterFence = { ...slow, generation: took.generation };
        assert.equal(await store.stories.startRecluster(4, T0, fence), true);
        assert.equal(await store.stories.clear(fence), true);
        // Its first batch: progress, lease and stories in one write.
        assert.equal(
          await store.stories.recordRecluster(CURSOR, 2, T0 + MIN, { holder: fence, until: T0 + 11 * MIN }, batch(ids.slice(0, 2), 'slow')),
          true,
        );
        assert.deepEqual(
          (await store.entries.getMany(ids.slice(0, 2))).map((e) => e.storyId !== null),
          [true, true],
        );
        // It stalls; at T0 + 12 min another worker takes the lease over and writes its own batch.
        const taker: ReclusterHolder = { owner: 'worker-new', job: 22 };
        const over = await store.stories.takeReclusterLease(taker, T0 + 40 * MIN, T0 + 12 * MIN);
        assert.ok(over.taken);
        assert.equal(over.generation, took.generation + 1, 'every take raises the generation');
        const next: ReclusterFence = { ...taker, generation: over.generation };
        assert.equal(await store.stories.startRecluster(4, T0 + 12 * MIN, next), true);
        assert.equal(await store.stories.clear(next), true);
        assert.equal(
          await store.stories.recordRecluster(CURSOR, 4, T0 + 13 * MIN, { holder: next, until: T0 + 43 * MIN }, batch(ids, 'taker')),
          true,
        );
        const theirs = await storedStories(store, ids);
        const progress = await store.stories.reclusterProgress();
        // The stale run wakes up and writes its second batch: refused whole (no stories, no renewal).
        assert.equal(
          await store.stories.recordRecluster(
            CURSOR,
            2,
            T0 + 14 * MIN,
            { holder: fence, until: T0 + 24 * MIN },
            batch(ids.slice(2), 'slow'),
          ),
          false,
        );
        assert.equal(await store.stories.clear(fence), false, 'nor may it wipe the stories');
        assert.equal(await store.stories.finishRecluster(T0 + 14 * MIN, fence), false);
        assert.equal(await store.stories.releaseReclusterLease(fence, T0 + 14 * MIN), false);
        assert.equal(await storedStories(store, ids), theirs, "the stories are the taker's");
        assert.deepEqual(await store.stories.reclusterProgress(), progress, "the progress and lease are the taker's");
        assert.deepEqual([progress.done, progress.lease, progress.generation], [4, { ...taker, until: T0 + 43 * MIN }, next.generation]);
      } finally {
        await store.close();
      }
    });

    test('fenced writes (p-fence): a later attempt of the same job on the same worker fences out the earlier one by generation', async () => {
      const store = await open();
      try {
        const ids = await fourEntries(store);
        // Same owner, same job: the holder alone cannot tell the two attempts apart.
        const holder: ReclusterHolder = { owner: 'worker-1', job: 5 };
        const first = await store.stories.takeReclusterLease(holder, T0 + 10 * MIN, T0);
        assert.ok(first.taken);
        const early: ReclusterFence = { ...holder, generation: first.generation };
        assert.equal(await store.stories.startRecluster(4, T0, early), true);
        const second = await store.stories.takeReclusterLease(holder, T0 + 12 * MIN, T0 + 2 * MIN);
        assert.ok(second.taken);
        const late: ReclusterFence = { ...holder, generation: second.generation };
        assert.equal(await store.stories.startRecluster(4, T0 + 2 * MIN, late), true);
        assert.equal(await store.stories.clear(late), true);
        assert.equal(
          await store.stories.recordRecluster(CURSOR, 4, T0 + 3 * MIN, { holder: late, until: T0 + 13 * MIN }, batch(ids, 'late')),
          true,
        );
        const theirs = await storedStories(store, ids);
        const progress = await store.stories.reclusterProgress();
        assert.equal(await store.stories.startRecluster(4, T0 + 4 * MIN, early), false, 'the earlier attempt cannot restart the run');
        assert.equal(await store.stories.clear(early), false);
        assert.equal(
          await store.stories.recordRecluster(CURSOR, 2, T0 + 4 * MIN, { holder: early, until: T0 + 30 * MIN }, batch(ids, 'early')),
          false,
          'nor renew the lease with its batch',
        );
        assert.equal(await store.stories.finishRecluster(T0 + 4 * MIN, early), false);
        assert.equal(await store.stories.releaseReclusterLease(early, T0 + 4 * MIN), false);
        assert.equal(await storedStories(store, ids), theirs);
        assert.deepEqual(await store.stories.reclusterProgress(), progress);
        assert.equal(await store.stories.finishRecluster(T0 + 5 * MIN, late), true);
      } finally {
        await store.close();
      }
    });

    test("clusterCheck: the progress and the desk's setting in one read, as read apart", async () => {
      const store = await open();
      try {
        assert.deepEqual(await store.stories.clusterCheck(), {
          progress: await store.stories.reclusterProgress(),
          clusterPlaces: false,
          curation: 0,
          removals: 0,
        });
        await store.desk.setDeskSettings({ clusterPlaces: true }, 'Edith Editor', T0);
        const holder: ReclusterHolder = { owner: 'worker-a', job: 1 };
        assert.ok((await store.stories.takeReclusterLease(holder, T0 + 10 * MIN, T0)).taken);
        assert.equal(await store.stories.startRecluster(3, T0, holder), true);
        const check = await store.stories.clusterCheck();
        assert.deepEqual(check, { progress: await store.stories.reclusterProgress(), clusterPlaces: true, curation: 0, removals: 0 });
        assert.deepEqual([check.progress.status, check.progress.total, check.progress.generation], ['running', 3, 1]);
        await store.desk.setDeskSettings({ clusterPlaces: false }, 'Edith Editor', T0 + MIN);
        assert.equal((await store.stories.clusterCheck()).clusterPlaces, false);
      } finally {
        await store.close();
      }
    });

    test("assign with the story step's check: written while no run took the lease since, refused after (p-fence2)", async () => {
      const store = await open();
      try {
        const ids = await fourEntries(store);
        // A fresh store: no run yet, generation 0.
        assert.equal(await store.stories.assign(batch([ids[0]!], 'first'), T0, { generation: 0 }), true);
        assert.equal(await store.stories.assign(batch([ids[1]!], 'other'), T0, { generation: 1 }), false);
        const holder: ReclusterHolder = { owner: 'worker-a', job: 1 };
        const took = await store.stories.takeReclusterLease(holder, T0 + 10 * MIN, T0);
        assert.deepEqual(took, { taken: true, generation: 1 });
        // Checked before the take (generation 0): refused, nothing written, even after the run released it.
        assert.equal(await store.stories.assign(batch([ids[2]!], 'stale'), T0 + MIN, { generation: 0 }), false);
        assert.equal(await store.stories.releaseReclusterLease(holder, T0 + 2 * MIN), true);
        assert.equal(await store.stories.assign(batch([ids[2]!], 'stale'), T0 + 3 * MIN, { generation: 0 }), false);
        // Checked after it: written. Without a check: written, as before.
        assert.equal(await store.stories.assign(batch([ids[3]!], 'fresh'), T0 + 3 * MIN, { generation: 1 }), true);
        assert.equal(await store.stories.assign(batch([ids[1]!], 'plain'), T0 + 3 * MIN), true);
        const stories = JSON.parse(await storedStories(store, ids)) as {
          entries: [number, string | null, number | null][];
          listed: string[];
        };
        assert.deepEqual(
          stories.entries.map((e) => e[1]),
          ['first', 'plain', null, 'fresh'],
        );
        assert.deepEqual(stories.listed, ['first:1', 'fresh:1', 'plain:1']);
      } finally {
        await store.close();
      }
    });

    test('a run resuming after its lease ran out, nobody having taken it, takes it anew with its batch (p-lease)', async () => {
      const store = await open();
      try {
        const ids = await fourEntries(store);
        const holder: ReclusterHolder = { owner: 'worker-a', job: 1 };
        assert.deepEqual(await store.stories.takeReclusterLease(holder, T0 + 10 * MIN, T0), { taken: true, generation: 1 });
        const fence: ReclusterFence = { ...holder, generation: 1 };
        assert.equal(await store.stories.startRecluster(4, T0, fence), true);
        // Its first batch, and a renewal one moment before the lease runs out: in force, not retaken.
        assert.equal(
          await store.stories.recordRecluster(CURSOR, 1, T0 + MIN, { holder: fence, until: T0 + 11 * MIN }, batch([ids[0]!], 'run')),
          true,
        );
        assert.equal(await store.stories.recordRecluster(CURSOR, 0, T0 + 11 * MIN - 1, { holder: fence, until: T0 + 11 * MIN }), true);
        // The run stalls; at T0 + 11 min its lease runs out and nobody takes it. The story step sees
        // no live run (generation 1) and writes a new entry's story beside it.
        const seen = await store.stories.reclusterProgress();
        assert.equal(seen.generation, 1);
        assert.equal(await store.stories.assign(batch([ids[1]!], 'step'), T0 + 15 * MIN, { generation: seen.generation }), true);
        // The run resumes at T0 + 20 min: its batch write takes the lease anew (generation 2) and is written.
        const resumed = await store.stories.recordRecluster(
          { publishedAt: T0 + 2 * MIN, entryId: ids[2]! },
          1,
          T0 + 20 * MIN,
          { holder: fence, until: T0 + 30 * MIN },
          batch([ids[2]!], 'run'),
        );
        assert.deepEqual(resumed, { retaken: true, generation: 2 });
        const p = await store.stories.reclusterProgress();
        assert.deepEqual([p.generation, p.lease, p.done, p.status], [2, { ...holder, until: T0 + 30 * MIN }, 2, 'running']);
        // From then on a step write checked against the old generation is refused, and so is the
        // run's own old fence; the new one writes (in force: not retaken again) and finishes.
        assert.equal(await store.stories.assign(batch([ids[3]!], 'stale-step'), T0 + 21 * MIN, { generation: 1 }), false);
        assert.equal(await store.stories.recordRecluster(CURSOR, 0, T0 + 21 * MIN, { holder: fence, until: T0 + 31 * MIN }), false);
        assert.equal((await store.stories.takeReclusterLease({ owner: 'worker-b', job: 2 }, T0 + 40 * MIN, T0 + 21 * MIN)).taken, false);
        const fence2: ReclusterFence = { ...holder, generation: 2 };
        assert.equal(
          await store.stories.recordRecluster(
            { publishedAt: T0 + 3 * MIN, entryId: ids[3]! },
            1,
            T0 + 22 * MIN,
            { holder: fence2, until: T0 + 32 * MIN },
            batch([ids[3]!], 'run'),
          ),
          true,
        );
        assert.equal(await store.stories.finishRecluster(T0 + 23 * MIN, fence2), true);
        const stories = JSON.parse(await storedStories(store, ids)) as { entries: [number, string | null, number | null][] };
        assert.deepEqual(
          stories.entries.map((e) => e[1]),
          ['run', 'step', 'run', 'run'],
        );
      } finally {
        await store.close();
      }
    });

    test('a run whose expired lease was taken over is not given it back by its resumed batch (p-lease)', async () => {
      const store = await open();
      try {
        const ids = await fourEntries(store);
        const a: ReclusterFence = { owner: 'worker-a', job: 1, generation: 1 };
        assert.equal((await store.stories.takeReclusterLease(a, T0 + 10 * MIN, T0)).taken, true);
        assert.equal(await store.stories.startRecluster(4, T0, a), true);
        const b: ReclusterHolder = { owner: 'worker-b', job: 2 };
        assert.deepEqual(await store.stories.takeReclusterLease(b, T0 + 30 * MIN, T0 + 12 * MIN), { taken: true, generation: 2 });
        assert.equal(await store.stories.startRecluster(4, T0 + 12 * MIN, { ...b, generation: 2 }), true);
        // Even once the taker's lease has run out too, the first run's fence (generation 1) writes nothing.
        assert.equal(
          await store.stories.recordRecluster(CURSOR, 1, T0 + 40 * MIN, { holder: a, until: T0 + 50 * MIN }, batch([ids[0]!], 'stale')),
          false,
        );
        const p = await store.stories.reclusterProgress();
        assert.deepEqual([p.generation, p.lease, p.done], [2, { ...b, until: T0 + 30 * MIN }, 0]);
      } finally {
        await store.close();
      }
    });

    test("a run's batch write answers the editors' curation counter when it moved; placedEntries lists what editors placed (p-recluster)", async () => {
      const store = await open();
      try {
        const ids = await fourEntries(store);
        const fence: ReclusterFence = { owner: 'worker-a', job: 1, generation: 1 };
        assert.equal((await store.stories.takeReclusterLease(fence, T0 + 10 * MIN, T0)).taken, true);
        assert.equal(await store.stories.startRecluster(4, T0, fence), true);
        const lease = (now: number, curation?: number) => ({ holder: fence, until: now + 10 * MIN, curation });
        const at = (i: number) => ({ publishedAt: T0 + i * MIN, entryId: ids[i]! });
        assert.equal(await store.stories.recordRecluster(at(1), 2, T0 + MIN, lease(T0 + MIN, 0), batch(ids.slice(0, 2), 'a')), true);
        assert.equal(await store.stories.recordRecluster(at(3), 2, T0 + MIN, lease(T0 + MIN, 0), batch(ids.slice(2), 'b')), true);
        assert.deepEqual(await store.stories.placedEntries(T0, T0 + 10 * MIN), [], 'nothing placed yet');
        const [a, b] = (await store.entries.getMany([ids[0]!, ids[2]!])).map((e) => e.storyId!);
        // An editor splits entry 1 out of story a: the next write answers the counter (1), once.
        const split = (await store.stories.split(a!, [ids[1]!], T0 + 2 * MIN))!;
        assert.deepEqual(await store.stories.recordRecluster(at(3), 0, T0 + 3 * MIN, lease(T0 + 3 * MIN, 0)), {
          retaken: false,
          generation: 1,
          curation: 1,
        });
        assert.equal(await store.stories.recordRecluster(at(3), 0, T0 + 3 * MIN, lease(T0 + 3 * MIN, 1)), true, 'known: nothing to say');
        assert.equal(await store.stories.recordRecluster(at(3), 0, T0 + 3 * MIN, lease(T0 + 3 * MIN)), true, 'not asked: nothing said');
        assert.deepEqual(await store.stories.placedEntries(T0, T0 + 10 * MIN), [
          { entryId: ids[0]!, storyKey: 'a', duplicateOf: null },
          { entryId: ids[1]!, storyKey: split.key, duplicateOf: null },
        ]);
        // A merge of b into a: the counter moves again, with the stories' batch written as well.
        assert.ok(await store.stories.merge(a!, b!, T0 + 4 * MIN));
        assert.deepEqual(await store.stories.recordRecluster(at(3), 0, T0 + 5 * MIN, lease(T0 + 5 * MIN, 1), batch([ids[3]!], 'b')), {
          retaken: false,
          generation: 1,
          curation: 2,
        });
        assert.deepEqual(
          (await store.stories.placedEntries(T0 + MIN, T0 + 2 * MIN)).map((p) => [p.entryId, p.storyKey]),
          [
            [ids[1]!, split.key],
            [ids[2]!, 'a'],
          ],
          'between the two dates, both included, in time order',
        );
        // A stale fence hears nothing of it: it writes nothing.
        const stale = { holder: { ...fence, generation: 0 }, until: T0 + 20 * MIN, curation: 0 };
        assert.equal(await store.stories.recordRecluster(at(3), 0, T0 + 6 * MIN, stale), false);
      } finally {
        await store.close();
      }
    });

    test('start, wipe and end of a run take its run-out lease anew when nobody took it; after a take-over they write nothing (p-recluster)', async () => {
      const store = await open();
      try {
        const ids = await fourEntries(store);
        const holder: ReclusterHolder = { owner: 'worker-a', job: 1 };
        assert.equal((await store.stories.takeReclusterLease(holder, T0 + 10 * MIN, T0)).taken, true);
        // In force: the start renews the lease and answers true.
        assert.equal(await store.stories.startRecluster(4, T0 + MIN, { ...holder, generation: 1 }, T0 + 11 * MIN), true);
        assert.deepEqual((await store.stories.reclusterProgress()).lease, { ...holder, until: T0 + 11 * MIN });
        // The run stalls past T0 + 11 min; a restart of the count (as a resumed start) takes it anew.
        assert.deepEqual(await store.stories.startRecluster(4, T0 + 12 * MIN, { ...holder, generation: 1 }, T0 + 22 * MIN), {
          retaken: true,
          generation: 2,
        });
        let p = await store.stories.reclusterProgress();
        assert.deepEqual([p.status, p.total, p.generation, p.lease?.until], ['running', 4, 2, T0 + 22 * MIN]);
        // The story step writes while the lease is out again (T0 + 25 min), checked against 2.
        assert.equal(await store.stories.assign(batch([ids[0]!], 'step'), T0 + 25 * MIN, { generation: 2 }), true);
        // The wipe at T0 + 30 min: its old fence is refused; the current one takes the lease anew.
        assert.equal(await store.stories.clear({ ...holder, generation: 1 }, { now: T0 + 30 * MIN, until: T0 + 40 * MIN }), false);
        assert.deepEqual(await store.stories.clear({ ...holder, generation: 2 }, { now: T0 + 30 * MIN, until: T0 + 40 * MIN }), {
          retaken: true,
          generation: 3,
        });
        assert.equal((await store.entries.getMany([ids[0]!]))[0]?.storyId ?? null, null, 'the wipe forgot the step’s story');
        assert.equal(await store.stories.assign(batch([ids[1]!], 'stale-step'), T0 + 31 * MIN, { generation: 2 }), false);
        p = await store.stories.reclusterProgress();
        assert.deepEqual([p.generation, p.lease?.until], [3, T0 + 40 * MIN]);
        // The end at T0 + 50 min, the lease out since T0 + 40, nobody having taken it: done, the
        // generation raised, so a step write checked while it was out is refused.
        const seen = (await store.stories.reclusterProgress()).generation;
        assert.deepEqual(await store.stories.finishRecluster(T0 + 50 * MIN, { ...holder, generation: 3 }), {
          retaken: true,
          generation: 4,
        });
        p = await store.stories.reclusterProgress();
        assert.deepEqual([p.status, p.finishedAt, p.generation, p.lease], ['done', T0 + 50 * MIN, 4, { ...holder, until: T0 + 40 * MIN }]);
        assert.equal(await store.stories.assign(batch([ids[2]!], 'stale-step'), T0 + 51 * MIN, { generation: seen }), false);
        assert.equal(await store.stories.assign(batch([ids[2]!], 'step'), T0 + 51 * MIN, { generation: 4 }), true);
        // In force at the end: true, the lease ended then.
        const again: ReclusterHolder = { owner: 'worker-a', job: 2 };
        assert.deepEqual(await store.stories.takeReclusterLease(again, T0 + 70 * MIN, T0 + 60 * MIN), { taken: true, generation: 5 });
        assert.equal(await store.stories.startRecluster(4, T0 + 60 * MIN, { ...again, generation: 5 }, T0 + 70 * MIN), true);
        assert.equal(await store.stories.finishRecluster(T0 + 61 * MIN, { ...again, generation: 5 }), true);
        p = await store.stories.reclusterProgress();
        assert.deepEqual([p.status, p.generation, p.lease?.until], ['done', 5, T0 + 61 * MIN]);
      } finally {
        await store.close();
      }
    });

    test("start, wipe and end of a run whose lease another run took over write nothing: the taker's progress and lease stand (p-recluster)", async () => {
      const store = await open();
      try {
        const ids = await fourEntries(store);
        const a: ReclusterFence = { owner: 'worker-a', job: 1, generation: 1 };
        assert.equal((await store.stories.takeReclusterLease(a, T0 + 10 * MIN, T0)).taken, true);
        assert.equal(await store.stories.startRecluster(4, T0, a, T0 + 10 * MIN), true);
        const b: ReclusterFence = { owner: 'worker-b', job: 2, generation: 2 };
        assert.deepEqual(await store.stories.takeReclusterLease(b, T0 + 30 * MIN, T0 + 12 * MIN), { taken: true, generation: 2 });
        assert.equal(await store.stories.startRecluster(4, T0 + 12 * MIN, b, T0 + 30 * MIN), true);
        assert.equal(await store.stories.clear(b, { now: T0 + 12 * MIN, until: T0 + 30 * MIN }), true);
        assert.equal(
          await store.stories.recordRecluster(
            { publishedAt: T0 + MIN, entryId: ids[1]! },
            2,
            T0 + 13 * MIN,
            { holder: b, until: T0 + 30 * MIN },
            batch(ids.slice(0, 2), 'taker'),
          ),
          true,
        );
        const taker = await store.stories.reclusterProgress();
        // The first run comes back, even after the taker's lease ran out in turn (T0 + 40 min).
        for (const now of [T0 + 14 * MIN, T0 + 40 * MIN]) {
          assert.equal(await store.stories.startRecluster(4, now, a, now + 10 * MIN), false);
          assert.equal(await store.stories.clear(a, { now, until: now + 10 * MIN }), false);
          assert.equal(await store.stories.finishRecluster(now, a), false);
          assert.deepEqual(await store.stories.reclusterProgress(), taker, "the taker's progress and lease, untouched");
        }
        assert.deepEqual(
          (await store.entries.getMany(ids.slice(0, 2))).map((e) => e.storyId !== null),
          [true, true],
          "the taker's stories stand (no wipe)",
        );
      } finally {
        await store.close();
      }
    });

    test('several takers at once: exactly one gets the lease, the others see it', async () => {
      for (const fresh of [true, false]) {
        const store = await open();
        try {
          // On a fresh store no run has taken it yet (since PostgreSQL migration 34 / SQLite 33 the
          // row is seeded, so they race to update it there too; a store without the row would race
          // to insert it); after a released run they race to update it.
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
