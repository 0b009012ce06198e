// r-live: an entry removed after the pipeline read its batch but before the story step's check. The
// step's check then already counts the removal, so the step prunes (or rebuilds) before the batch is
// clustered, and the deleted entry, added after, stayed in its clusterer: no later move of the counter
// named it again, and a later article joined a story through its text. The step now drops from a batch
// the entries that are no longer live whenever the counter moved since it last looked. Both dialects,
// both removal paths, a running step and a step's first batch; the clusterer double (an article joins
// the story of its headline's first word; "A+B" bridges).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { MIN, storyOf, T0, titledSaver } from '../helpers/step-entries.js';
import { WordClusterer } from '../pipeline/story-double.js';

const save = titledSaver('race.example');

type Removal = (store: Store, bridge: number, bridgeSource: number) => Promise<boolean>;
const removals: [string, Removal][] = [
  ['entry deleted', (store, bridge) => store.entries.remove(bridge)],
  ['source removed', (store, _bridge, bridgeSource) => store.sources.remove(bridgeSource)],
];

forEachDialect((d) => {
  for (const [name, remove] of removals) {
    for (const first of [false, true]) {
      test(`a batch's entry removed (${name}) before the step's check is not clustered${first ? ' (first batch)' : ''}`, async () => {
        const store = await d.open();
        const source = (await store.sources.add({ url: 'https://race.example/feed' })).source.id;
        const other = (await store.sources.add({ url: 'https://race.example/other' })).source.id;
        const desk = new StoryDesk({ create: () => new WordClusterer() });
        const flood = await save(store, source, 'Flood report 0', T0);
        if (!first) await desk.add(store, await store.entries.getMany([flood]), T0 + MIN);
        // The pipeline's batch, read before the removal; the step runs after it.
        const bridge = await save(store, other, 'Flood+Quake report 1', T0 + 2 * MIN);
        const batch = await store.entries.getMany(first ? [flood, bridge] : [bridge]);
        assert.equal(await remove(store, bridge, other), true);
        await desk.add(store, batch, T0 + 3 * MIN);
        const story = (await storyOf(store, flood))!;
        const quake = await save(store, source, 'Quake report 2', T0 + 10 * MIN);
        await desk.add(store, await store.entries.getMany([quake]), T0 + 11 * MIN);
        assert.notEqual(await storyOf(store, quake), story, 'the Quake report does not join the Flood story through the deleted bridge');
      });
    }
  }
});
