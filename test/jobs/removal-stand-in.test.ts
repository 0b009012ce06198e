// A deleted original's first live copy is held by the story step and by the re-clustering run
// (c-leftovers). The store makes that copy an article of its own in the original's story
// (EntryRepo.remove); the clusterer had answered it as a copy and never held it, so once the
// original was forgotten the event's text was missing from the clusterer until a rebuild. Both
// dialects, with the real clusterer: the step's clusterer after the deletion holds what a clusterer
// rebuilt from the store holds, and the event's next report joins the copy's story; the run files the
// copy again and its next report joins it. Also: the step's check of a batch after a removal reads
// the batch's ids only, never their rows (StoryRepo.liveAmong).
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
      textEntry({ dedupeKey: key, fingerprint: `f${key}`, url: `https://stand-in.example/${key}` }, title, text, at),
    ])
  ).inserted;
  return e!.id;
}

async function sources(store: Store): Promise<[number, number]> {
  const wire = (await store.sources.add({ url: 'https://stand-in.example/wire' })).source.id;
  const outlet = (await store.sources.add({ url: 'https://stand-in.example/outlet' })).source.id;
  return [wire, outlet];
}

forEachDialect((d) => {
  test("the step holds a deleted original's first live copy, as a rebuild does, and the event's next report joins it", async () => {
    const store = await d.open();
    const [wire, outlet] = await sources(store);
    const original = await save(store, wire, 'o', TITLE, TEXT, T0);
    const copy = await save(store, outlet, 'c', TITLE, TEXT, T0 + MIN);
    let live: OnlineStoryClusterer | undefined;
    const desk = new StoryDesk({ create: (choice) => (live = new OnlineStoryClusterer(choice)) });
    await desk.add(store, await store.entries.getMany([original, copy]), T0 + 2 * MIN);
    const [, c] = await store.entries.getMany([original, copy]);
    assert.equal(c!.duplicateOf, original, 'the clusterer answered a copy');

    assert.equal(await store.entries.remove(original), true);
    assert.equal((await store.entries.getMany([copy]))[0]!.duplicateOf, null, 'the store made the copy an article of its own');
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

  test("the step's check of a batch saved before a removal reads its ids, not its rows", async () => {
    const store = await d.open();
    const [wire] = await sources(store);
    const first = await save(store, wire, 'a', TITLE, TEXT, T0);
    const desk = new StoryDesk({ create: (choice) => new OnlineStoryClusterer(choice) });
    await desk.add(store, await store.entries.getMany([first]), T0 + MIN);
    const gone = await save(
      store,
      wire,
      'g',
      'Quake cracks walls in Bandar Lengeh',
      'A magnitude 5.1 earthquake cracked walls.',
      T0 + 2 * MIN,
    );
    const kept = await save(store, wire, 'k', NEXT_TITLE, NEXT_TEXT, T0 + 3 * MIN);
    const batch = await store.entries.getMany([gone, kept]);
    assert.equal(await store.entries.remove(gone), true, 'removed after the batch was saved, before the step checks');
    const rows: number[][] = [];
    const getMany = store.entries.getMany.bind(store.entries);
    store.entries.getMany = async (ids) => {
      rows.push([...ids]);
      return getMany(ids);
    };
    const out = await desk.add(store, batch, T0 + 4 * MIN);
    assert.deepEqual(
      out.map((a) => a.entryId),
      [kept],
      'the removed entry is left out',
    );
    assert.deepEqual(rows, [], 'no entry rows read');
  });

  test("the run files a deleted original's first live copy again, and the event's next report joins it", async () => {
    const store = await d.open();
    const [wire, outlet] = await sources(store);
    // Batches of two: [original, copy], [next].
    const original = await save(store, wire, 'o', TITLE, TEXT, T0);
    const copy = await save(store, outlet, 'c', TITLE, TEXT, T0 + MIN);
    const next = await save(store, wire, 'n', NEXT_TITLE, NEXT_TEXT, T0 + 20 * MIN);
    beforeRead(store.stories, 2, async () => {
      assert.equal((await store.entries.getMany([copy]))[0]!.duplicateOf, original, 'the run answered a copy');
      assert.equal(await store.entries.remove(original), true);
    });
    const report = await recluster({ store, create: (choice) => new OnlineStoryClusterer(choice), batchSize: 2 });
    assert.equal(report.finished, true);
    const [cc, nn] = await store.entries.getMany([copy, next]);
    assert.equal(cc!.duplicateOf, null);
    assert.equal(nn!.storyId, cc!.storyId, "the next report joins the copy's story");
  });
});
