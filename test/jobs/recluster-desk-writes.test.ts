// What the desk's and the pipeline's own story writes do beside a re-clustering run (p-fence2).
// p-fence fenced the run's writes against another run; these are the other writers of stories: an
// editor's merge (StoryRepo.merge, the desk's story curation) and the pipeline's story step, which
// stores new entries while a run goes on. Both dialects, with the clusterer double (an article
// joins the story of its headline's first word) and small batches, so the run is "between batches"
// when the other writer acts (its read of the next batch is held until then).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recluster } from '../../src/jobs/recluster.js';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { StoryClusterer } from '../../src/stories/types.js';
import type { Store } from '../../src/store/store.js';
import { beforeRead } from '../helpers/before-read.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';
import { WordClusterer } from '../pipeline/story-double.js';

// Three hours ago (the story step judges a run live by its own clock, the real one here).
const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000;
const MIN = 60_000;
const WORDS = ['Flood', 'Election', 'Strike'] as const;

/** Twelve reports, published a minute apart: Flood 0, 3, 6, 9; Election 1, 4, 7, 10; Strike 2, 5, 8, 11. */
async function history(store: Store): Promise<{ source: number; ids: number[] }> {
  const source = (await store.sources.add({ url: 'https://desk-writes.example/feed' })).source.id;
  const items = Array.from({ length: 12 }, (_, i) =>
    textEntry(
      { dedupeKey: `h${i}`, fingerprint: `hf${i}`, url: `https://desk-writes.example/${i}` },
      `${WORDS[i % 3]} report ${i}`,
      `Text ${i}.`,
      T0 + i * MIN,
    ),
  );
  return { source, ids: (await store.entries.saveBatch(source, items)).inserted.map((e) => e.id) };
}

/** The double grouping another way (as after a change of the desk's settings): it never bridges two stories. */
function noBridges(): StoryClusterer {
  const inner = new WordClusterer();
  return { add: (a) => inner.add({ ...a, title: a.title.replace(/\+\S*/u, '') }) };
}

/**
 * Every live entry's story, and every listed story checked against its entries: the size the
 * store keeps equals the live entries that name it, and no entry names a story that is gone.
 */
async function storiesOf(store: Store, ids: readonly number[]): Promise<Map<number, number | null>> {
  const entries = await store.entries.getMany([...ids]);
  const byEntry = new Map(entries.map((e) => [e.id, e.storyId ?? null]));
  const counts = new Map<number, number>();
  for (const s of byEntry.values()) if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
  const stories = await store.stories.getMany([...counts.keys()]);
  for (const [id, n] of counts) {
    const story = stories.get(id);
    assert.ok(story, `story ${id}, named by an entry, exists`);
    assert.equal(story.mergedInto, null, `story ${id}, named by an entry, is not merged away`);
    assert.equal(story.size, n, `story ${id} counts its entries`);
  }
  const listed = (await store.stories.list({ limit: 100 })).items;
  assert.deepEqual(
    listed.map((s) => [s.id, s.size]).sort((a, b) => a[0]! - b[0]!),
    [...counts].sort((a, b) => a[0] - b[0]),
    'the listed stories are the ones entries name, with their sizes',
  );
  return byEntry;
}

forEachDialect((d) => {
  test("an editor's merge between two batches of a run: the run honours it to the end, and the next run too", async () => {
    const store = await d.open();
    const { ids } = await history(store);
    let flood: number | undefined;
    let election: number | undefined;
    // After two batches of three: Flood 0 and 3, Election 1 and 4, Strike 2 and 5 have stories.
    beforeRead(store.stories, 3, async () => {
      const [f, e] = await store.entries.getMany([ids[0]!, ids[1]!]);
      flood = f!.storyId!;
      election = e!.storyId!;
      assert.ok((await store.stories.merge(election, flood)) !== undefined);
    });
    const report = await recluster({ store, create: () => new WordClusterer(), batchSize: 3 });
    assert.equal(report.finished, true);
    const stories = await storiesOf(store, ids);
    for (const [i, id] of ids.entries()) {
      if (i % 3 !== 2) assert.equal(stories.get(id), election, `report ${i} (Flood or Election) is in the merged story`);
      else assert.notEqual(stories.get(id), election, `report ${i} (Strike) is not`);
    }
    assert.equal((await store.stories.get(flood!))?.mergedInto, election, "the merged story's link leads to the result");

    // Flood 6 and 9 joined the merged story after the editor (unlocked): the next run keeps them there.
    assert.equal((await recluster({ store, create: () => new WordClusterer(), batchSize: 3 })).finished, true);
    const again = await storiesOf(store, ids);
    for (const [i, id] of ids.entries()) if (i % 3 !== 2) assert.equal(again.get(id), election, `report ${i} is still in the merged story`);
    assert.equal((await store.stories.get(flood!))?.mergedInto, election, "the merged story's link still leads to the result");
  });

  test("an editor's merge survives the next re-clustering, with a report that joined the merged story after it", async () => {
    const store = await d.open();
    const { source, ids } = await history(store);
    assert.equal((await recluster({ store, create: () => new WordClusterer(), batchSize: 5 })).finished, true);
    const [f, e] = await store.entries.getMany([ids[0]!, ids[1]!]);
    const flood = f!.storyId!;
    const election = e!.storyId!;
    await store.stories.merge(election, flood);
    // A later Flood report, clustered by the pipeline, joins the merged story.
    const desk = new StoryDesk({ create: () => new WordClusterer() });
    const late = (
      await store.entries.saveBatch(source, [
        textEntry(
          { dedupeKey: 'late', fingerprint: 'latef', url: 'https://desk-writes.example/late' },
          'Flood report late',
          'Late.',
          T0 + 20 * MIN,
        ),
      ])
    ).inserted;
    await desk.add(store, late, T0 + 21 * MIN);
    assert.equal((await storiesOf(store, [...ids, late[0]!.id])).get(late[0]!.id), election, 'the pipeline puts it in the merged story');

    assert.equal((await recluster({ store, create: () => new WordClusterer(), batchSize: 5 })).finished, true);
    const all = [...ids, late[0]!.id];
    const stories = await storiesOf(store, all);
    for (const [i, id] of all.entries()) {
      if (i === 12 || i % 3 !== 2) assert.equal(stories.get(id), election, `report ${i} (Flood or Election) is still in the merged story`);
    }
    assert.equal((await store.stories.get(flood))?.mergedInto, election, "the merged story's old link still leads to the result");
  });

  test("new entries stored while a run goes on end in a story, those published before the run's place too", async () => {
    const store = await d.open();
    const { source, ids } = await history(store);
    const desk = new StoryDesk({ create: () => new WordClusterer() });
    await desk.start(store);
    const fresh: number[] = [];
    // Between batches 2 and 3: a poll stores a Flood report published before the run's place (a
    // late feed item, an archive) and a Strike report published after it; the story step leaves
    // both to the run (it holds the lease).
    beforeRead(store.stories, 3, async () => {
      const saved = (
        await store.entries.saveBatch(source, [
          textEntry(
            { dedupeKey: 'early', fingerprint: 'earlyf', url: 'https://desk-writes.example/e' },
            'Flood report early',
            'Early.',
            T0 - 30 * MIN,
          ),
          textEntry(
            { dedupeKey: 'later', fingerprint: 'laterf', url: 'https://desk-writes.example/l' },
            'Strike report later',
            'Later.',
            T0 + 20 * MIN,
          ),
        ])
      ).inserted;
      fresh.push(...saved.map((e) => e.id));
      assert.deepEqual(await desk.add(store, saved, T0 + 21 * MIN), [], 'the story step leaves them to the run');
    });
    const report = await recluster({ store, create: () => new WordClusterer(), batchSize: 3 });
    assert.equal(report.finished, true);
    const stories = await storiesOf(store, [...ids, ...fresh]);
    assert.equal(stories.get(fresh[1]!), stories.get(ids[2]!), 'the later Strike report is in the Strike story');
    assert.equal(stories.get(fresh[0]!), stories.get(ids[0]!), 'the early Flood report is in the Flood story');
  });

  test("the story step's write is refused once a run has taken the lease after its check; the run's grouping stands", async () => {
    const store = await d.open();
    const { source, ids } = await history(store);
    assert.equal((await recluster({ store, create: () => new WordClusterer(), batchSize: 5 })).finished, true);
    const desk = new StoryDesk({ create: () => new WordClusterer() });
    await desk.start(store);
    // A report bridging Flood and Strike: the step's clusterer (built before the run) merges them.
    const [late] = (
      await store.entries.saveBatch(source, [
        textEntry(
          { dedupeKey: 'bridge', fingerprint: 'bridgef', url: 'https://desk-writes.example/b' },
          'Flood+Strike report',
          'Both.',
          T0 + 20 * MIN,
        ),
      ])
    ).inserted;
    // The step has checked (no run) and clustered; before its write lands, a run regroups everything
    // the new way (no bridges) from start to end.
    const assign = store.stories.assign.bind(store.stories);
    let ran = false;
    store.stories.assign = async (...args) => {
      if (!ran) {
        ran = true;
        assert.equal((await recluster({ store, create: noBridges, batchSize: 5 })).finished, true);
      }
      return assign(...args);
    };
    await desk.add(store, [late!], T0 + 21 * MIN);
    assert.ok(ran);
    const all = [...ids, late!.id];
    const stories = await storiesOf(store, all);
    assert.equal(stories.get(late!.id), stories.get(ids[0]!), "the report is where the run put it: Flood's story");
    assert.notEqual(stories.get(ids[2]!), stories.get(ids[0]!), 'Strike stays apart, as the run grouped it');

    // The step's next batch rebuilds its window from the run's stories (which stores the new report's
    // story) and goes on.
    const [next] = (
      await store.entries.saveBatch(source, [
        textEntry(
          { dedupeKey: 'next', fingerprint: 'nextf', url: 'https://desk-writes.example/n' },
          'Election report next',
          'Next.',
          T0 + 22 * MIN,
        ),
      ])
    ).inserted;
    await desk.add(store, [next!], T0 + 23 * MIN);
    const after = await storiesOf(store, [...all, next!.id]);
    assert.equal(after.get(next!.id), after.get(ids[1]!), 'the next report joins the Election story');
    assert.notEqual(after.get(ids[2]!), after.get(ids[0]!));
  });

  test('a story step started while a run holds the lease writes no stories (its window is half forgotten)', async () => {
    const store = await d.open();
    const { source, ids } = await history(store);
    assert.equal((await recluster({ store, create: () => new WordClusterer(), batchSize: 5 })).finished, true);
    // A run has taken the lease and forgotten the stories; it has not written a batch yet. Taken at
    // the store's clock, which the run above ended its lease by (Date.now() could be some ms before
    // that on PostgreSQL, and the take was refused: the lease had not yet run out).
    const now = await store.clock.now();
    const holder = { owner: 'worker-7', job: 12 };
    const took = await store.stories.takeReclusterLease(holder, now + 10 * MIN, now);
    assert.ok(took.taken);
    const fence = { ...holder, generation: took.generation };
    assert.ok(await store.stories.startRecluster(ids.length, now, fence));
    assert.ok(await store.stories.clear(fence));
    // A process starts (serve restarted) and a poll stores a report.
    const desk = new StoryDesk({ create: () => new WordClusterer() });
    const [late] = (
      await store.entries.saveBatch(source, [
        textEntry({ dedupeKey: 'late', fingerprint: 'latef', url: 'https://desk-writes.example/late' }, 'Flood report late', 'Late.', now),
      ])
    ).inserted;
    assert.deepEqual(await desk.add(store, [late!]), []);
    const entries = await store.entries.getMany([...ids, late!.id]);
    assert.deepEqual(
      entries.filter((e) => e.storyId !== null && e.storyId !== undefined).map((e) => e.id),
      [],
      'no entry got a story from the step',
    );
    assert.equal((await store.stories.list({ limit: 10 })).items.length, 0);
  });
});
