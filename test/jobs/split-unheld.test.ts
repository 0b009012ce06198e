// A split of entries the running step's clusterer never held (c-live): with several workers, each
// step's clusterer holds its window as it was built and the entries of its own batches, not those
// another worker clustered since. An editor's split of such entries made a story this clusterer knew
// nothing of (`relocate` skips ids it does not hold), so its next report on the split-off event went
// elsewhere until a rebuild. Now the step reads the placed entries it does not hold and adds them
// placed, as a rebuild would. Both dialects, with the clusterer double.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import { forEachDialect } from '../helpers/dialects.js';
import { MIN, storyOf, T0, titledSaver } from '../helpers/step-entries.js';
import { WordClusterer } from '../pipeline/story-double.js';

const save = titledSaver('unheld.example');

forEachDialect((d) => {
  test("a split of entries another worker clustered: this worker's next report on the split-off event joins it, without a rebuild", async () => {
    const store = await d.open();
    const source = (await store.sources.add({ url: 'https://unheld.example/feed' })).source.id;
    await save(store, source, 'Flood report 0', T0);
    let made = 0;
    const a = new StoryDesk({ create: () => (made++, new WordClusterer()) });
    const early = await save(store, source, 'Flood report a', T0 + MIN);
    await a.add(store, await store.entries.getMany([early]), T0 + MIN);
    const flood = (await storyOf(store, early))!;

    // Another worker's step clusters the bridge and a Strike report into the Flood story.
    const b = new StoryDesk({ create: () => new WordClusterer() });
    const bridge = await save(store, source, 'Flood+Strike report 1', T0 + 2 * MIN);
    const strike = await save(store, source, 'Strike report 2', T0 + 3 * MIN);
    await b.add(store, await store.entries.getMany([bridge, strike]), T0 + 3 * MIN);
    assert.equal(await storyOf(store, strike), flood);

    // The editor splits the Strike report out; the first worker's next Strike report joins it.
    const split = (await store.stories.split(flood, [strike]))!.id;
    const late = await save(store, source, 'Strike report late', T0 + 10 * MIN);
    await a.add(store, await store.entries.getMany([late]), T0 + 10 * MIN);
    assert.equal(await storyOf(store, late), split, 'the next Strike report joins the split-off part');
    assert.equal(made, 1, 'one clusterer: no rebuild');
  });
});
