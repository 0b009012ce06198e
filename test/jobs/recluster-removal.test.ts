// r-live: an entry removed while a re-clustering run goes on (an entry deleted, or its source removed)
// stayed in the run's clusterer for the rest of the run, so the run's later entries joined a story
// through its text — and the run writes what it finds to the store, where it stays after the run. The
// run now reads the removals counter after each batch's write and, when it moved, has its clusterer
// forget the entries no longer live (as the story step does since c-live). Both dialects, both removal
// paths, the clusterer double (an article joins the story of its headline's first word; "A+B"
// bridges), batches of two, the removal made between batches (before the next batch's read).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recluster } from '../../src/jobs/recluster.js';
import type { Store } from '../../src/store/store.js';
import { beforeRead } from '../helpers/before-read.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';
import { WordClusterer } from '../pipeline/story-double.js';

const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000;
const MIN = 60_000;

async function save(store: Store, source: number, i: number, title: string): Promise<number> {
  const item = textEntry(
    { dedupeKey: `r${i}`, fingerprint: `rf${i}`, url: `https://run-removal.example/${i}` },
    title,
    `Text ${i}.`,
    T0 + i * MIN,
  );
  return (await store.entries.saveBatch(source, [item])).inserted[0]!.id;
}

async function storyOf(store: Store, id: number): Promise<number | null> {
  const [e] = await store.entries.getMany([id]);
  return e?.storyId ?? null;
}

forEachDialect((d) => {
  for (const path of ['entry deleted', 'source removed'] as const) {
    test(`an entry removed during a run (${path}) draws none of the run's later entries into its story`, async () => {
      const store = await d.open();
      const source = (await store.sources.add({ url: 'https://run-removal.example/feed' })).source.id;
      const other = (await store.sources.add({ url: 'https://run-removal.example/other' })).source.id;
      // Batches of two: [Flood 0, Flood+Quake 1 (the bridge)], [Quake 2, Flood 3].
      const flood = await save(store, source, 0, 'Flood report 0');
      const bridge = await save(store, other, 1, 'Flood+Quake report 1');
      const quake = await save(store, source, 2, 'Quake report 2');
      const flood3 = await save(store, source, 3, 'Flood report 3');
      beforeRead(store.stories, 2, async () => {
        assert.equal(path === 'entry deleted' ? await store.entries.remove(bridge) : await store.sources.remove(other), true);
      });
      const report = await recluster({ store, create: () => new WordClusterer(), batchSize: 2 });
      assert.equal(report.finished, true);
      const story = await storyOf(store, flood);
      assert.notEqual(await storyOf(store, quake), story, 'the Quake report does not join the Flood story through the removed bridge');
      assert.equal(await storyOf(store, flood3), story, 'a Flood report still joins it');
    });
  }

  test('an entry of a batch removed after the run read the batch is not clustered', async () => {
    const store = await d.open();
    const source = (await store.sources.add({ url: 'https://run-removal.example/feed' })).source.id;
    // Batches of two: [Flood 0, Strike 1], [Flood+Quake 2 (the bridge), Strike 3], [Quake 4, Flood 5].
    const flood = await save(store, source, 0, 'Flood report 0');
    await save(store, source, 1, 'Strike report 1');
    const bridge = await save(store, source, 2, 'Flood+Quake report 2');
    await save(store, source, 3, 'Strike report 3');
    const quake = await save(store, source, 4, 'Quake report 4');
    // The bridge deleted right after the second batch was read (it is in the batch).
    const read = store.stories.clusterInputs.bind(store.stories);
    let reads = 0;
    store.stories.clusterInputs = async (...args) => {
      const batch = await read(...args);
      if (++reads === 2) assert.equal(await store.entries.remove(bridge), true);
      return batch;
    };
    const report = await recluster({ store, create: () => new WordClusterer(), batchSize: 2 });
    assert.equal(report.finished, true);
    assert.notEqual(
      await storyOf(store, quake),
      await storyOf(store, flood),
      'the Quake report does not join the Flood story through the removed bridge',
    );
  });
});
