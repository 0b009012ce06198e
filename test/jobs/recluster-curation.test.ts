// A re-clustering run learns an editor's split or merge made while it runs (p-recluster): each
// batch's fenced write reads the editors' curation counter in the same statement (no read added)
// and answers when it moved; the run then files the entries the editors placed, among those its
// clusterer holds, in their stories (StoryClusterer.relocate) before its next batch. Both dialects,
// with the clusterer double (an article joins the story of its headline's first word, `A+B`
// bridges; an editor's placement is honoured, and relocated) and batches of two, the editor acting
// while the run is between batches (its read of the next batch held until then).
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

/** Stores the reports, a minute apart, in this order; their entry ids. */
async function reports(store: Store, headlines: readonly string[]): Promise<number[]> {
  const source = (await store.sources.add({ url: 'https://curation.example/feed' })).source.id;
  const items = headlines.map((h, i) =>
    textEntry({ dedupeKey: `c${i}`, fingerprint: `cf${i}`, url: `https://curation.example/${i}` }, h, `Text ${i}.`, T0 + i * MIN),
  );
  return (await store.entries.saveBatch(source, items)).inserted.map((e) => e.id);
}

async function storyOf(store: Store, ids: readonly number[]): Promise<(number | null)[]> {
  const byId = new Map((await store.entries.getMany([...ids])).map((e) => [e.id, e.storyId ?? null]));
  return ids.map((id) => byId.get(id) ?? null);
}

forEachDialect((d) => {
  test("a split made during a run: the run's later Strike reports join the split-off part, its Flood reports the original", async () => {
    const store = await d.open();
    // Batches of two: [Flood 0, Strike 1], [Flood+Strike 2 (the bridge: Strike folds into Flood),
    // Strike 3], [Flood 4, Strike 5], [Strike 6, Flood 7].
    const ids = await reports(store, [
      'Flood report 0',
      'Strike report 1',
      'Flood+Strike report 2',
      'Strike report 3',
      'Flood report 4',
      'Strike report 5',
      'Strike report 6',
      'Flood report 7',
    ]);
    let strike: number | undefined;
    // Before the third batch's read: the run has written the bridge; the editor splits Strike out.
    beforeRead(store.stories, 3, async () => {
      const [flood] = await storyOf(store, [ids[0]!]);
      strike = (await store.stories.split(flood!, [ids[1]!, ids[3]!]))?.id;
    });
    const report = await recluster({ store, create: () => new WordClusterer(), batchSize: 2 });
    assert.equal(report.finished, true);
    assert.ok(strike !== undefined, 'the editor split the story during the run');
    const [flood] = await storyOf(store, [ids[0]!]);
    assert.deepEqual(await storyOf(store, [ids[1]!, ids[3]!]), [strike, strike], 'the moved entries stay moved');
    // The third batch was read after the split but clustered by the run's old picture (Strike 5 went
    // to Flood, as without the split); its write answered that the counter moved, and the run
    // reloaded the placements. From the fourth batch on it files by the editor's picture.
    assert.deepEqual(
      await storyOf(store, [ids[6]!, ids[7]!]),
      [strike, flood],
      'the next Strike report joins the split-off part, the next Flood report the original',
    );
    assert.equal(report.relocated, 1, 'the run reloaded the placements once');
  });

  test("a merge made during a run: the merged story is the editor's from then on, so the run's clusterer bridges nothing into it", async () => {
    const store = await d.open();
    // Batches of two: [Flood 0, Strike 1], [Quake 2, Flood 3], [Strike+Quake 4, Quake 5].
    const ids = await reports(store, [
      'Flood report 0',
      'Strike report 1',
      'Quake report 2',
      'Flood report 3',
      'Strike+Quake report 4',
      'Quake report 5',
    ]);
    // Before the second batch's read: the editor merges the run's Strike story into its Flood one.
    beforeRead(store.stories, 2, async () => {
      const [flood, strike] = await storyOf(store, [ids[0]!, ids[1]!]);
      assert.ok(await store.stories.merge(flood!, strike!));
    });
    const report = await recluster({ store, create: () => new WordClusterer(), batchSize: 2 });
    assert.equal(report.finished, true);
    const [flood, strike, quake, flood3, bridge, quake5] = await storyOf(store, ids);
    assert.deepEqual([strike, flood3, bridge], [flood, flood, flood], 'the merge stands; the bridging report joins the merged story');
    assert.notEqual(quake, flood, 'Quake is a story of its own');
    assert.equal(quake5, quake, 'a later Quake report joins Quake, not the merged story through a bridge made in memory');
    assert.equal(report.relocated, 1);
  });
});
