// A run whose lease ran out, nobody taking it, before its wipe or its end takes it anew there, as
// p-lease made its batch writes do (p-recluster): the generation is raised in the wipe's (or the
// end's) own transaction, so the story step's writes checked while the lease was out are refused
// from then on. Both dialects, the run's own clock moved past its lease (no sleep).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ReclusterRetaken, recluster } from '../../src/jobs/recluster.js';
import type { StoryRepo } from '../../src/store/stories.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';
import { WordClusterer } from '../pipeline/story-double.js';

const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000;
const MIN = 60_000;

async function reports(store: Store): Promise<number[]> {
  const source = (await store.sources.add({ url: 'https://retake.example/feed' })).source.id;
  const items = ['Flood 0', 'Strike 1', 'Flood 2', 'Strike 3'].map((h, i) =>
    textEntry({ dedupeKey: `r${i}`, fingerprint: `rf${i}`, url: `https://retake.example/${i}` }, `${h} report`, `Text ${i}.`, T0 + i * MIN),
  );
  return (await store.entries.saveBatch(source, items)).inserted.map((e) => e.id);
}

/** Runs `act` once, after the first call of the repo's method `name` returns (before the caller goes on). */
function onceAfter(stories: StoryRepo, name: 'startRecluster' | 'unclusteredInputs' | 'clusterInputs', act: () => Promise<void>): void {
  const repo = stories as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const call = repo[name]!.bind(stories);
  let done = false;
  repo[name] = async (...args: unknown[]) => {
    const out = await call(...args);
    if (!done) {
      done = true;
      await act();
    }
    return out;
  };
}

forEachDialect((d) => {
  // The stall: right after the start (so before the wipe reads the clock), or after the sweep's
  // read (so before the end reads it).
  for (const at of ['wipe', 'end'] as const) {
    test(`a run whose lease ran out before its ${at}, nobody taking it, takes it anew there`, async () => {
      const store = await d.open();
      const ids = await reports(store);
      let now = T0 + 30 * MIN;
      const retakes: ReclusterRetaken[] = [];
      const stepWrites: boolean[] = [];
      let seen = -1;
      // The run stalls 11 minutes (its lease is 10); meanwhile the story step, seeing no live run,
      // checks (reading the generation) and writes a report's story.
      onceAfter(store.stories, at === 'wipe' ? 'startRecluster' : 'unclusteredInputs', async () => {
        now += 11 * MIN;
        seen = (await store.stories.reclusterProgress()).generation;
        stepWrites.push(await store.stories.assign([{ entryId: ids[0]!, storyKey: 'step' }], now, { generation: seen }));
      });
      // Wipe: the step writes again once the run has wiped, before its first batch's write.
      if (at === 'wipe')
        onceAfter(store.stories, 'clusterInputs', async () => {
          stepWrites.push(await store.stories.assign([{ entryId: ids[1]!, storyKey: 'mid-step' }], now, { generation: seen }));
        });
      const report = await recluster({
        store,
        create: () => new WordClusterer(),
        batchSize: 2,
        clock: () => now,
        leaseMs: 10 * MIN,
        onRetaken: (r) => retakes.push(r),
      });
      // After it, a step write checked against the generation seen while the lease was out.
      stepWrites.push(await store.stories.assign([{ entryId: ids[3]!, storyKey: 'late-step' }], now, { generation: seen }));
      assert.equal(report.finished, true);
      assert.deepEqual(
        stepWrites,
        at === 'wipe' ? [true, false, false] : [true, false],
        'the step wrote while the lease was out, and is refused once the run took it anew (from the wipe on, before any batch)',
      );
      assert.equal(report.retaken, 1);
      assert.deepEqual(
        retakes.map((r) => [r.generation, r.at, r.done]),
        [[seen + 1, now, at === 'wipe' ? 0 : 4]],
        `one retake, at the ${at}, raising the generation`,
      );
      const p = await store.stories.reclusterProgress();
      assert.deepEqual([p.status, p.generation], ['done', seen + 1]);
      const stories = (await store.entries.getMany(ids)).map((e) => e.storyId ?? null);
      assert.ok(
        stories.every((s) => s !== null),
        'every entry has a story',
      );
      if (at === 'wipe') assert.equal(stories[0], stories[2], "the step's story was wiped and Flood 0 regrouped with Flood 2");
    });
  }
});
