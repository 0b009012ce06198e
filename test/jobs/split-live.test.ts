// A running story step learns an editor's split at its next batch (p-splitgen): each merge and
// split raises the store's curation counter in its transaction, the step reads it in the check it
// makes before each batch and rebuilds its window when it moved. Both dialects, with the clusterer
// double (an article joins the story of its headline's first word, `A+B` bridges; an editor's
// placement is honoured).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recluster } from '../../src/jobs/recluster.js';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { MIN, storyOf, T0, titledSaver } from '../helpers/step-entries.js';
import { WordClusterer } from '../pipeline/story-double.js';

const save = titledSaver('live.example');

/**
 * Four reports in one story after a re-clustering run: Flood 0, Strike 1, the bridge 2 (the
 * clusterer folds Strike into Flood), Strike 3; `flood` is their story.
 */
async function floodAndStrike(store: Store): Promise<{ store: Store; source: number; ids: number[]; flood: number }> {
  const source = (await store.sources.add({ url: 'https://live.example/feed' })).source.id;
  const ids: number[] = [];
  for (const [i, h] of ['Flood report 0', 'Strike report 1', 'Flood+Strike report 2', 'Strike report 3'].entries()) {
    ids.push(await save(store, source, h, T0 + i * MIN));
  }
  assert.equal((await recluster({ store, create: () => new WordClusterer(), batchSize: 2 })).finished, true);
  return { store, source, ids, flood: (await storyOf(store, ids[0]!))! };
}

forEachDialect((d) => {
  test('a story step started before the split sends the next report on the split-off event to the split-off part', async () => {
    const { store, source, ids, flood } = await floodAndStrike(await d.open());

    // The worker's step is running: its window is built and it has clustered a batch.
    const desk = new StoryDesk({ create: () => new WordClusterer() });
    const early = await save(store, source, 'Flood report early', T0 + 10 * MIN);
    await desk.add(store, await store.entries.getMany([early]), T0 + 10 * MIN);
    assert.equal(await storyOf(store, early), flood);

    // The editor splits the Strike reports out while it runs.
    const strike = (await store.stories.split(flood, [ids[1]!, ids[3]!]))!.id;

    const late = await save(store, source, 'Strike report late', T0 + 20 * MIN);
    const lateFlood = await save(store, source, 'Flood report late', T0 + 21 * MIN);
    await desk.add(store, await store.entries.getMany([late, lateFlood]), T0 + 22 * MIN);
    assert.equal(await storyOf(store, late), strike, 'the next Strike report joins the split-off part');
    assert.equal(await storyOf(store, lateFlood), flood, 'the next Flood report stays with the original');
    assert.equal(await storyOf(store, ids[1]!), strike, 'the moved entries stay moved');
  });

  test('the step files the placements in the clusterer it has, without rebuilding its window (p-recluster)', async () => {
    const { store, source, ids, flood } = await floodAndStrike(await d.open());
    let made = 0;
    const desk = new StoryDesk({ create: () => (made++, new WordClusterer()) });
    const early = await save(store, source, 'Flood report early', T0 + 10 * MIN);
    await desk.add(store, await store.entries.getMany([early]), T0 + 10 * MIN);
    const strike = (await store.stories.split(flood, [ids[1]!, ids[3]!]))!.id;
    // The window's reads counted from here: a rebuild reads it again, a relocation does not.
    let reads = 0;
    const read = store.stories.clusterInputs.bind(store.stories);
    store.stories.clusterInputs = async (...args) => (reads++, read(...args));
    const late = await save(store, source, 'Strike report late', T0 + 20 * MIN);
    await desk.add(store, await store.entries.getMany([late]), T0 + 22 * MIN);
    assert.equal(await storyOf(store, late), strike, 'the next Strike report joins the split-off part');
    assert.deepEqual([made, reads], [1, 0], 'one clusterer, the window not read again');
  });

  test("the curation counter in the story step's check moves with each merge and split, in the same write", async () => {
    const store = await d.open();
    const source = (await store.sources.add({ url: 'https://live.example/feed' })).source.id;
    const a = await save(store, source, 'Alpha 1', T0);
    const b = await save(store, source, 'Beta 1', T0 + MIN);
    const c = await save(store, source, 'Beta 2', T0 + 2 * MIN);
    await store.stories.assign([
      { entryId: a, storyKey: `k-${a}` },
      { entryId: b, storyKey: `k-${b}` },
      { entryId: c, storyKey: `k-${b}` },
    ]);
    const curation = async (): Promise<number> => (await store.stories.clusterCheck()).curation;
    assert.equal(await curation(), 0, 'never raised: 0');
    const alpha = (await storyOf(store, a))!;
    const beta = (await storyOf(store, b))!;
    const progress = await store.stories.reclusterProgress();

    assert.equal((await store.stories.merge(alpha, beta))?.id, alpha);
    assert.equal(await curation(), 1, 'a merge raises it');
    assert.ok(await store.stories.split(alpha, [c]));
    assert.equal(await curation(), 2, 'a split raises it');
    await store.stories.assign([{ entryId: await save(store, source, 'Gamma 1', T0 + 3 * MIN), storyKey: 'k-gamma' }]);
    await store.desk.setDeskSettings({ clusterPlaces: true }, 'Edith Editor', T0);
    assert.equal(await curation(), 2, "the clusterer's writes and the desk's settings leave it");
    assert.deepEqual(await store.stories.reclusterProgress(), progress, 'the re-clustering progress is untouched');
  });
});
