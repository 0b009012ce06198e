// Does an editor's split stand (p-split)? The two parts stay apart — no automatic merge by the
// pipeline's story step or by a re-clustering run, the moved entries never put back — and a new
// article joins whichever of the two it belongs to. Both dialects, with the clusterer double (an
// article joins the story of its headline's first word, `A+B` bridges; an editor's placement is
// honoured: a pinned article files its first word under its pinned story, which is never bridged).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recluster } from '../../src/jobs/recluster.js';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';
import { WordClusterer } from '../pipeline/story-double.js';

const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000;
const MIN = 60_000;

/** Flood 0, Strike 1, the bridge "Flood+Strike" 2 (the clusterer folds Strike into Flood), Strike 3, Flood 4. */
const HEADLINES = ['Flood report 0', 'Strike report 1', 'Flood+Strike report 2', 'Strike report 3', 'Flood report 4'];

async function save(store: Store, source: number, title: string, at: number): Promise<number> {
  const n = `${title.replace(/\W+/gu, '-')}-${at}`;
  const [e] = (
    await store.entries.saveBatch(source, [
      textEntry({ dedupeKey: n, fingerprint: `f${n}`, url: `https://split.example/${n}` }, title, `Text of ${title}.`, at),
    ])
  ).inserted;
  return e!.id;
}

async function storyOf(store: Store, ids: readonly number[]): Promise<(number | null)[]> {
  const entries = new Map((await store.entries.getMany([...ids])).map((e) => [e.id, e.storyId ?? null]));
  return ids.map((id) => entries.get(id) ?? null);
}

forEachDialect((d) => {
  test("an editor's split stands: the parts stay apart through the story step and a re-clustering run, and new articles join their own part", async () => {
    const store = await d.open();
    const source = (await store.sources.add({ url: 'https://split.example/feed' })).source.id;
    const ids: number[] = [];
    for (const [i, h] of HEADLINES.entries()) ids.push(await save(store, source, h, T0 + i * MIN));
    assert.equal((await recluster({ store, create: () => new WordClusterer(), batchSize: 2 })).finished, true);
    const [flood] = await storyOf(store, [ids[0]!]);
    assert.deepEqual(
      await storyOf(store, ids),
      ids.map(() => flood),
      'the bridge put Strike in the Flood story',
    );

    // The editor splits the Strike reports out.
    const strike = (await store.stories.split(flood!, [ids[1]!, ids[3]!]))!.id;
    const parts = (): number[] => [flood!, strike, flood!, strike, flood!];
    assert.deepEqual(await storyOf(store, ids), parts());

    // New reports through the story step (a fresh process: its window is rebuilt from the store).
    const desk = new StoryDesk({ create: () => new WordClusterer() });
    const lateStrike = await save(store, source, 'Strike report late', T0 + 10 * MIN);
    const lateFlood = await save(store, source, 'Flood report late', T0 + 11 * MIN);
    const lateBridge = await save(store, source, 'Strike+Flood report late', T0 + 12 * MIN);
    await desk.add(store, await store.entries.getMany([lateStrike, lateFlood, lateBridge]), T0 + 13 * MIN);
    assert.deepEqual(await storyOf(store, ids), parts(), 'the story step merged nothing and moved no entry back');
    assert.deepEqual(await storyOf(store, [lateStrike, lateFlood]), [strike, flood], 'the step: each new report joins its own part');
    assert.equal((await storyOf(store, [lateBridge]))[0], strike, 'a report naming both joins the part of its first word, merging nothing');

    // A re-clustering run: the parts stay apart, and so do the reports that joined them.
    assert.equal((await recluster({ store, create: () => new WordClusterer(), batchSize: 2 })).finished, true);
    assert.deepEqual(await storyOf(store, ids), parts(), 'the run merged nothing and moved no entry back');
    assert.deepEqual(
      await storyOf(store, [lateStrike, lateFlood, lateBridge]),
      [strike, flood, strike],
      'the run: each report in its own part',
    );
    for (const id of [flood!, strike]) assert.equal((await store.stories.get(id))?.mergedInto, null, `story ${id} is not merged away`);

    // After the run, a fresh step again sends a new report to its own part.
    const desk2 = new StoryDesk({ create: () => new WordClusterer() });
    const next = await save(store, source, 'Strike report next', T0 + 20 * MIN);
    await desk2.add(store, await store.entries.getMany([next]), T0 + 21 * MIN);
    assert.equal((await storyOf(store, [next]))[0], strike, 'the next Strike report joins the split-off part');
    const listed = (await store.stories.list({ limit: 10 })).items.map((s) => [s.id, s.size]).sort((a, b) => a[0]! - b[0]!);
    assert.deepEqual(
      listed,
      [
        [flood!, 4],
        [strike, 5],
      ].sort((a, b) => a[0]! - b[0]!),
      'two stories listed, their sizes their entries',
    );
  });
});
