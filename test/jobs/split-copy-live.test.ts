// A copy split apart from its original appears in the running step's clusterer without a rebuild
// (c-live). The clusterer holds no copy of its own (it answers it as a copy of the original), so
// `relocate` skipped a copy the editor split out alone and the split-off story did not exist in the
// step's clusterer until a rebuild (which files such a copy as a member of its placed story). Now the
// step reads it and adds it placed. Both dialects, with the real clusterer: the step's clusterer
// after the split holds what a clusterer rebuilt from the store holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { Store } from '../../src/store/store.js';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000;
const MIN = 60_000;

async function save(store: Store, source: number, key: string, title: string, text: string, at: number): Promise<number> {
  const [e] = (
    await store.entries.saveBatch(source, [
      textEntry({ dedupeKey: key, fingerprint: `f${key}`, url: `https://copy.example/${key}` }, title, text, at),
    ])
  ).inserted;
  return e!.id;
}

forEachDialect((d) => {
  test("a copy split out alone is a member of its split-off story in the step's clusterer, as after a rebuild", async () => {
    const store = await d.open();
    const wire = (await store.sources.add({ url: 'https://copy.example/wire' })).source.id;
    const outlet = (await store.sources.add({ url: 'https://copy.example/outlet' })).source.id;
    const title = 'Kazemi arrives in Baghdad for frozen funds talks';
    const text = 'Foreign minister Kazemi landed in Baghdad for talks on frozen funds worth 2.7 billion held by Iraqi banks.';
    const original = await save(store, wire, 'o', title, text, T0);
    const copy = await save(store, outlet, 'c', title, text, T0 + MIN);
    let live: OnlineStoryClusterer | undefined;
    const desk = new StoryDesk({ create: (choice) => (live = new OnlineStoryClusterer(choice)) });
    await desk.add(store, await store.entries.getMany([original, copy]), T0 + 2 * MIN);
    const [o, c] = await store.entries.getMany([original, copy]);
    assert.deepEqual([c!.storyId, c!.duplicateOf], [o!.storyId, original], "the clusterer answered a copy in its original's story");

    assert.ok(await store.stories.split(o!.storyId!, [copy]), 'the editor splits the copy out alone');
    const next = await save(
      store,
      wire,
      'n',
      'Quake cracks walls in Bandar Lengeh',
      'A magnitude 5.1 earthquake cracked walls in Bandar Lengeh.',
      T0 + 10 * MIN,
    );
    await desk.add(store, await store.entries.getMany([next]), T0 + 10 * MIN);

    let rebuilt: OnlineStoryClusterer | undefined;
    await new StoryDesk({ create: (choice) => (rebuilt = new OnlineStoryClusterer(choice)) }).start(store);
    assert.deepEqual(live!.stats, rebuilt!.stats, 'the same articles and stories as rebuilt: the split-off copy is a member');
  });
});
