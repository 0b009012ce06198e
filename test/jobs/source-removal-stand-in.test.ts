// A source removed with an original whose copy another source carries (r-standin). The source's
// entries leave the table with it (ON DELETE CASCADE, no tombstone) and every copy of them becomes an
// article of its own in its story (SourceRepo.remove). The clusterer had answered the copy as a copy
// and held nothing of it, so once the original was forgotten the event's text was missing from it
// until a rebuild: `standIns` found the stories of removed entries through their tombstones only,
// and a source's entries leave none. Both dialects, the real clusterer: after the source's removal
// the step's clusterer holds what a rebuilt one holds and the event's next report joins the copy's
// story; the run files the copy again and its next report joins it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recluster } from '../../src/jobs/recluster.js';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { Store } from '../../src/store/store.js';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { beforeRead } from '../helpers/before-read.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000;
const MIN = 60_000;
const TITLE = 'Kazemi arrives in Baghdad for frozen funds talks';
const TEXT = 'Foreign minister Kazemi landed in Baghdad for talks on frozen funds worth 2.7 billion held by Iraqi banks.';
const NEXT_TITLE = 'Kazemi holds frozen funds talks in Baghdad';
const NEXT_TEXT = 'Kazemi met Iraqi officials in Baghdad on Tuesday over frozen funds worth 2.7 billion held by Iraqi banks.';

async function save(store: Store, source: number, key: string, title: string, text: string, at: number): Promise<number> {
  const [e] = (
    await store.entries.saveBatch(source, [
      textEntry({ dedupeKey: key, fingerprint: `f${key}`, url: `https://source-gone.example/${key}` }, title, text, at),
    ])
  ).inserted;
  return e!.id;
}

/** The source removed later, the copy's, and one for the later reports. */
async function sources(store: Store): Promise<[number, number, number]> {
  const ids: number[] = [];
  for (const name of ['leaving', 'outlet', 'wire'])
    ids.push((await store.sources.add({ url: `https://source-gone.example/${name}` })).source.id);
  return ids as [number, number, number];
}

forEachDialect((d) => {
  test("the step holds the copy a removed source's original leaves, as a rebuild does, and the next report joins it", async () => {
    const store = await d.open();
    const [leaving, outlet, wire] = await sources(store);
    const original = await save(store, leaving, 'o', TITLE, TEXT, T0);
    const copy = await save(store, outlet, 'c', TITLE, TEXT, T0 + MIN);
    let live: OnlineStoryClusterer | undefined;
    const desk = new StoryDesk({ create: (choice) => (live = new OnlineStoryClusterer(choice)) });
    await desk.add(store, await store.entries.getMany([original, copy]), T0 + 2 * MIN);
    assert.equal((await store.entries.getMany([copy]))[0]!.duplicateOf, original, 'the clusterer answered a copy');

    assert.equal(await store.sources.remove(leaving), true);
    const [c] = await store.entries.getMany([copy]);
    assert.equal(c!.duplicateOf, null, 'the store made the copy an article of its own');
    assert.notEqual(c!.storyId, null);
    const other = await save(
      store,
      wire,
      'q',
      'Quake cracks walls in Bandar Lengeh',
      'A magnitude 5.1 earthquake cracked walls in Bandar Lengeh.',
      T0 + 10 * MIN,
    );
    await desk.add(store, await store.entries.getMany([other]), T0 + 10 * MIN);

    let rebuilt: OnlineStoryClusterer | undefined;
    await new StoryDesk({ create: (choice) => (rebuilt = new OnlineStoryClusterer(choice)) }).start(store);
    assert.deepEqual(live!.stats, rebuilt!.stats, 'the same articles and stories as rebuilt: the copy is held');

    const next = await save(store, wire, 'n', NEXT_TITLE, NEXT_TEXT, T0 + 20 * MIN);
    await desk.add(store, await store.entries.getMany([next]), T0 + 20 * MIN);
    const [cc, nn] = await store.entries.getMany([copy, next]);
    assert.equal(nn!.storyId, cc!.storyId, "the next report joins the copy's story");
  });

  test("the run files the copy a removed source's original leaves, and the next report joins it", async () => {
    const store = await d.open();
    const [leaving, outlet, wire] = await sources(store);
    // Batches of two: [original, copy], [next].
    const original = await save(store, leaving, 'o', TITLE, TEXT, T0);
    const copy = await save(store, outlet, 'c', TITLE, TEXT, T0 + MIN);
    const next = await save(store, wire, 'n', NEXT_TITLE, NEXT_TEXT, T0 + 20 * MIN);
    beforeRead(store.stories, 2, async () => {
      assert.equal((await store.entries.getMany([copy]))[0]!.duplicateOf, original, 'the run answered a copy');
      assert.equal(await store.sources.remove(leaving), true);
    });
    const report = await recluster({ store, create: (choice) => new OnlineStoryClusterer(choice), batchSize: 2 });
    assert.equal(report.finished, true);
    const [cc, nn] = await store.entries.getMany([copy, next]);
    assert.equal(cc!.duplicateOf, null);
    assert.equal(nn!.storyId, cc!.storyId, "the next report joins the copy's story");
  });
});
