// A running story step forgets deleted entries at its next batch (c-live): an entry's deletion and a
// source's removal raise the store's removals counter in their write, the step reads it in the check
// it makes before each batch and, when it moved, its clusterer forgets the entries that are no longer
// live, without rebuilding its window. Before, a deleted entry stayed in the clusterer until the next
// rebuild, and a later article could join a story through its text. Both dialects, with the
// clusterer double (an article joins the story of its headline's first word; "A+B" bridges).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { MIN, storyOf, T0, titledSaver } from '../helpers/step-entries.js';
import { WordClusterer } from '../pipeline/story-double.js';

const save = titledSaver('removal.example');

/**
 * A running step that has clustered Flood 0 and the bridge "Flood+Quake 1" (from `bridgeSource`) into
 * one story; the window's reads and the clusterers made are counted from here.
 */
async function running(store: Store, bridgeSource: number, source: number) {
  let made = 0;
  const desk = new StoryDesk({ create: () => (made++, new WordClusterer()) });
  const flood = await save(store, source, 'Flood report 0', T0);
  const bridge = await save(store, bridgeSource, 'Flood+Quake report 1', T0 + MIN);
  await desk.add(store, await store.entries.getMany([flood, bridge]), T0 + 2 * MIN);
  const story = (await storyOf(store, flood))!;
  assert.equal(await storyOf(store, bridge), story, 'the bridge is in the Flood story');
  let reads = 0;
  const read = store.stories.clusterInputs.bind(store.stories);
  store.stories.clusterInputs = async (...args) => (reads++, read(...args));
  return { desk, story, bridge, counts: () => [made, reads] };
}

async function afterRemoval(store: Store, source: number, desk: StoryDesk, story: number): Promise<void> {
  const quake = await save(store, source, 'Quake report 2', T0 + 10 * MIN);
  const flood = await save(store, source, 'Flood report 3', T0 + 11 * MIN);
  await desk.add(store, await store.entries.getMany([quake, flood]), T0 + 12 * MIN);
  assert.notEqual(await storyOf(store, quake), story, 'the Quake report does not join the Flood story through the deleted bridge');
  assert.equal(await storyOf(store, flood), story, 'a Flood report still joins it');
}

forEachDialect((d) => {
  test('an entry deleted while the step runs no longer draws reports into its story, without a rebuild', async () => {
    const store = await d.open();
    const source = (await store.sources.add({ url: 'https://removal.example/feed' })).source.id;
    const { desk, story, bridge, counts } = await running(store, source, source);
    assert.equal(await store.entries.remove(bridge), true);
    await afterRemoval(store, source, desk, story);
    assert.deepEqual(counts(), [1, 0], 'one clusterer, the window not read again');
  });

  test("a source removed while the step runs takes its entries out of the step's clusterer", async () => {
    const store = await d.open();
    const source = (await store.sources.add({ url: 'https://removal.example/feed' })).source.id;
    const other = (await store.sources.add({ url: 'https://removal.example/other' })).source.id;
    const { desk, story, counts } = await running(store, other, source);
    assert.equal(await store.sources.remove(other), true);
    await afterRemoval(store, source, desk, story);
    assert.deepEqual(counts(), [1, 0], 'one clusterer, the window not read again');
  });
});
