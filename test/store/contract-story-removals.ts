// The removals counter the story step reads (c-live): raised by an entry's deletion and by a source's
// removal, in their own write, and by nothing else; the window's live ids it forgets deleted entries
// against; and a placed copy listed with its original, so the step knows it holds no member of its own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { textEntry } from '../helpers/entries.js';
import { latch } from '../helpers/latch.js';

const T0 = Date.UTC(2026, 11, 6, 12);
const MIN = 60_000;

async function entries(store: Store, feed: string, n: number, from: number): Promise<number[]> {
  const src = (await store.sources.add({ url: `https://${feed}.example/feed` })).source.id;
  const items = Array.from({ length: n }, (_, i) =>
    textEntry(
      { dedupeKey: `${feed}${i}`, fingerprint: `${feed}${i}`, url: `https://${feed}.example/${i}` },
      `${feed} ${i}`,
      `Body ${i}`,
      from + i * MIN,
    ),
  );
  return (await store.entries.saveBatch(src, items, from)).inserted.map((e) => e.id);
}

export function storyRemovalsContract(name: string, open: () => Promise<Store>): void {
  describe(`Story removals contract: ${name}`, () => {
    test('the removals counter moves with each entry deleted and each source removed; liveEntryIds lists the live entries from a date', async () => {
      const store = await open();
      try {
        const removals = async (): Promise<number> => (await store.stories.clusterCheck()).removals;
        const a = await entries(store, 'alpha', 3, T0);
        const b = await entries(store, 'beta', 2, T0 + 10 * MIN);
        await store.stories.assign([...a, ...b].map((entryId) => ({ entryId, storyKey: `k${entryId}` })));
        assert.equal(await removals(), 0, 'never raised: 0');
        assert.deepEqual(
          (await store.stories.liveEntryIds(T0 + MIN)).sort((x, y) => x - y),
          [a[1], a[2], ...b],
        );

        assert.equal(await store.entries.remove(a[1]!), true);
        assert.equal(await removals(), 1, 'an entry deleted raises it');
        assert.equal(await store.entries.remove(a[1]!), false);
        assert.deepEqual(
          (await store.stories.liveEntryIds(T0)).sort((x, y) => x - y),
          [a[0], a[2], ...b],
          'the deleted entry is not live',
        );

        const beta = (await store.entries.getMany([b[0]!]))[0]!.sourceId;
        assert.equal(await store.sources.remove(beta), true);
        assert.equal(await removals(), 2, 'a source removed with its entries raises it');
        assert.deepEqual(
          (await store.stories.liveEntryIds(T0)).sort((x, y) => x - y),
          [a[0], a[2]],
          'its entries are gone',
        );

        // The writes of clustering and curation leave it.
        const [x, y] = (await store.entries.getMany([a[0]!, a[2]!])).map((e) => e.storyId!);
        assert.ok(await store.stories.merge(x!, y!));
        await store.stories.assign([{ entryId: (await entries(store, 'gamma', 1, T0))[0]!, storyKey: 'g' }]);
        assert.equal((await store.stories.clusterCheck()).removals, 2, "a merge and the clusterer's writes leave it");
      } finally {
        await store.close();
      }
    });

    test("clusteredEntryIds lists the window's live entries with a story; clusterInputsOf reads those given, in time order; clusterTurn runs one at a time (r-workers)", async () => {
      const store = await open();
      try {
        const [a0, a1, a2] = await entries(store, 'turn', 3, T0);
        assert.deepEqual(await store.stories.clusteredEntryIds(T0), [], 'no story yet: none');
        await store.stories.assign([
          { entryId: a2!, storyKey: 'k2' },
          { entryId: a1!, storyKey: 'k2', duplicateOf: a2! },
        ]);
        assert.deepEqual(
          (await store.stories.clusteredEntryIds(T0)).sort((x, y) => x - y),
          [a1, a2],
        );
        assert.deepEqual(await store.stories.clusteredEntryIds(T0 + 2 * MIN), [a2], 'from a date');
        const inputs = await store.stories.clusterInputsOf([a2!, a0!, a1!, 999_999], 4);
        assert.deepEqual(
          inputs.map((i) => [i.entryId, i.storyKey, i.duplicateOf, i.text, i.locked]),
          [
            [a0, null, null, 'Body', false],
            [a1, 'k2', a2, 'Body', false],
            [a2, 'k2', null, 'Body', false],
          ],
          'time order, the text cut, unknown ids absent',
        );
        assert.equal(await store.entries.remove(a2!), true);
        assert.deepEqual(
          (await store.stories.clusterInputsOf([a2!, a1!], 100)).map((i) => i.entryId),
          [a1],
          'a removed entry is absent',
        );
        assert.deepEqual(await store.stories.clusteredEntryIds(T0), [a1]);

        // Turns never overlap: the second starts after the first has ended, even when the first fails.
        const log: string[] = [];
        const held = latch();
        const inside = latch();
        const first = store.stories.clusterTurn(async () => {
          log.push('first in');
          inside.open();
          await held.opened;
          log.push('first out');
          throw new Error('first failed');
        });
        const second = store.stories.clusterTurn(async () => {
          log.push('second in');
          return 2;
        });
        try {
          await inside.opened;
          for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
          assert.deepEqual(log, ['first in'], 'the second waits');
        } finally {
          held.open();
        }
        await assert.rejects(first, /first failed/);
        assert.equal(await second, 2);
        assert.deepEqual(log, ['first in', 'first out', 'second in']);
      } finally {
        await store.close();
      }
    });

    test('placedEntries lists a placed copy with the entry it copies', async () => {
      const store = await open();
      try {
        const [o, c, other] = await entries(store, 'copy', 3, T0);
        await store.stories.assign([
          { entryId: o!, storyKey: 'k' },
          { entryId: c!, storyKey: 'k', duplicateOf: o! },
          { entryId: other!, storyKey: 'k' },
        ]);
        const story = (await store.entries.getMany([o!]))[0]!.storyId!;
        const split = (await store.stories.split(story, [other!], T0 + 5 * MIN))!;
        assert.deepEqual(await store.stories.placedEntries(T0, T0 + 10 * MIN), [
          { entryId: o!, storyKey: 'k', duplicateOf: null },
          { entryId: c!, storyKey: 'k', duplicateOf: o! },
          { entryId: other!, storyKey: split.key, duplicateOf: null },
        ]);
      } finally {
        await store.close();
      }
    });

    // c-leftovers: an entry removed between the clusterer's check and the write of its answers.
    test("a removed entry's answer is refused whole: it bridges no stories, and nothing is written a copy of it", async () => {
      const store = await open();
      try {
        const [a, b, gone, c] = await entries(store, 'tomb', 4, T0);
        await store.stories.assign([
          { entryId: a!, storyKey: 'ka' },
          { entryId: b!, storyKey: 'kb' },
        ]);
        const storyOf = async (id: number) => (await store.entries.getMany([id]))[0];
        const [sa, sb] = [(await storyOf(a!))!.storyId, (await storyOf(b!))!.storyId];
        assert.notEqual(sa, sb);
        // Deleted after the clusterer was handed it: its answer (a bridge of the two stories) and a
        // later entry answered as its copy come to the write.
        assert.equal(await store.entries.remove(gone!), true);
        const generation = (await store.stories.clusterCheck()).progress.generation;
        assert.equal(
          await store.stories.assign(
            [
              { entryId: gone!, storyKey: 'ka', merged: ['kb'] },
              { entryId: c!, storyKey: 'ka', duplicateOf: gone! },
            ],
            T0 + 10 * MIN,
            { generation },
          ),
          true,
        );
        assert.equal((await storyOf(b!))!.storyId, sb, 'no merge through the removed entry');
        assert.equal((await storyOf(a!))!.storyId, sa);
        const copy = (await storyOf(c!))!;
        assert.equal(copy.storyId, sa, 'the live entry is written');
        assert.equal(copy.duplicateOf, null, 'not a copy of a tombstone');
        assert.deepEqual(
          (await store.stories.articles(sa!, 0, 10)).map((i) => i.entryId),
          [a!, c!],
          'listed as an article of its story',
        );
        const story = await store.stories.getMany([sa!, sb!]);
        assert.equal(story.get(sb!)!.mergedInto, null);
        assert.equal(story.get(sa!)!.size, 2);
      } finally {
        await store.close();
      }
    });

    test("a re-clustering batch's answer for an entry removed after it was read is refused", async () => {
      const store = await open();
      try {
        const [a, b, gone] = await entries(store, 'runtomb', 3, T0);
        const holder = { owner: 'w', job: null };
        const took = await store.stories.takeReclusterLease(holder, T0 + 60 * MIN, T0);
        assert.ok(took.taken);
        const fence = { ...holder, generation: took.generation };
        const lease = { holder: fence, until: T0 + 60 * MIN };
        await store.stories.startRecluster(3, T0, fence, T0 + 60 * MIN);
        await store.stories.clear(fence, { now: T0, until: T0 + 60 * MIN });
        assert.ok(
          await store.stories.recordRecluster({ publishedAt: T0 + MIN, entryId: b! }, 2, T0, lease, [
            { entryId: a!, storyKey: 'ka' },
            { entryId: b!, storyKey: 'kb' },
          ]),
        );
        // The next batch was read with it; it is deleted before the batch's write.
        assert.equal(await store.entries.remove(gone!), true);
        assert.ok(
          await store.stories.recordRecluster({ publishedAt: T0 + 2 * MIN, entryId: gone! }, 1, T0 + MIN, lease, [
            { entryId: gone!, storyKey: 'ka', merged: ['kb'] },
          ]),
        );
        const [ea, eb] = await store.entries.getMany([a!, b!]);
        assert.notEqual(ea!.storyId, eb!.storyId, 'no merge through the removed entry');
        assert.equal((await store.stories.list({ limit: 10 })).items.length, 2);
      } finally {
        await store.close();
      }
    });

    test("liveAmong answers which ids are live; standIns lists the live articles of removed entries' stories", async () => {
      const store = await open();
      try {
        const [old, o, c1, c2, other] = await entries(store, 'stand', 5, T0);
        await store.stories.assign([
          { entryId: old!, storyKey: 'k' },
          { entryId: o!, storyKey: 'k' },
          { entryId: c1!, storyKey: 'k', duplicateOf: o! },
          { entryId: c2!, storyKey: 'k', duplicateOf: o! },
          { entryId: other!, storyKey: 'x' },
        ]);
        assert.equal(await store.entries.remove(o!), true);
        assert.deepEqual(
          (await store.stories.liveAmong([o!, c1!, other!, 999_999])).sort((x, y) => x - y),
          [c1!, other!],
        );
        assert.deepEqual(await store.stories.liveAmong([]), []);
        // c1 stands in for o (c2 now copies c1); `old` (published first) is left out by the date; the
        // other story's entry is not listed.
        assert.deepEqual(await store.stories.standIns([o!], T0 + MIN), [{ entryId: c1!, storyKey: 'k', locked: false }]);
        assert.deepEqual(
          (await store.stories.standIns([o!], T0)).map((s) => s.entryId),
          [old!, c1!],
        );
        assert.deepEqual(await store.stories.standIns([], T0), []);
      } finally {
        await store.close();
      }
    });

    // r-standin: a source's entries leave no row, so nothing names their stories but their keys.
    test('standIns finds by key the stories of entries removed with their source, a key merged away leading on', async () => {
      const store = await open();
      try {
        const [o, gone2] = await entries(store, 'leaving', 2, T0);
        const [c, d, x] = await entries(store, 'staying', 3, T0 + 5 * MIN);
        await store.stories.assign([
          { entryId: o!, storyKey: 'k' },
          { entryId: c!, storyKey: 'k', duplicateOf: o! },
          { entryId: gone2!, storyKey: 'm' },
          { entryId: d!, storyKey: 'm' },
          { entryId: x!, storyKey: 'x' },
        ]);
        // 'm' merged into 'x' since the clusterer wrote it: the key leads to 'x'.
        await store.stories.assign([{ entryId: x!, storyKey: 'x', merged: ['m'] }]);
        const leaving = (await store.entries.getMany([o!]))[0]!.sourceId;
        assert.equal(await store.sources.remove(leaving), true);
        assert.deepEqual(await store.entries.getMany([o!, gone2!]), [], 'no rows left');
        assert.deepEqual(await store.stories.standIns([o!, gone2!], T0), [], 'no tombstone names their stories');
        assert.deepEqual(await store.stories.standIns([o!, gone2!], T0, ['k', 'm', 'no-such-key']), [
          { entryId: c!, storyKey: 'k', locked: false },
          { entryId: d!, storyKey: 'x', locked: false },
          { entryId: x!, storyKey: 'x', locked: false },
        ]);
        assert.deepEqual(
          (await store.stories.standIns([], T0 + 7 * MIN, ['m'])).map((s) => s.entryId),
          [x!],
          'the date respected',
        );
      } finally {
        await store.close();
      }
    });
  });
}
