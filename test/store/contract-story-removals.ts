// The removals counter the story step reads (c-live): raised by an entry's deletion and by a source's
// removal, in their own write, and by nothing else; the window's live ids it forgets deleted entries
// against; and a placed copy listed with its original, so the step knows it holds no member of its own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { textEntry } from '../helpers/entries.js';

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
  });
}
