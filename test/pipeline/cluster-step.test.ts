// The "stories" pipeline step over both stores, with a test double for the clusterer: answers are
// stored (stories, copies, merges), entity ids reach the clusterer, and a restarted process
// rebuilds its window from the store and keeps adding to the stories stored before it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/domain/entry.js';
import { createLogger } from '../../src/log/logger.js';
import { clusterStoriesStep, StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';
import { WordClusterer } from './story-double.js';

const T0 = Date.UTC(2026, 5, 1, 6);
const MIN = 60_000;
let n = 0;

async function save(store: Store, sourceId: number, rows: [string, string, number][]): Promise<Entry[]> {
  return (
    await store.entries.saveBatch(
      sourceId,
      rows.map(([title, text, at]) => {
        n++;
        return textEntry({ dedupeKey: `c-${n}`, fingerprint: `cfp-${n}`, url: `https://c.example/${n}` }, title, text, at);
      }),
      T0 + 1000 * MIN,
    )
  ).inserted;
}

forEachDialect((d) => {
  test('stores stories, copies and merges; entity ids reach the clusterer; a restart continues the stored stories', async () => {
    const store = await d.open();
    const src = (await store.sources.add({ url: 'https://c.example/feed' })).source.id;
    const doubles: WordClusterer[] = [];
    const create = (): WordClusterer => {
      const c = new WordClusterer();
      doubles.push(c);
      return c;
    };
    const step = clusterStoriesStep(new StoryDesk({ create, now: () => T0 + 60 * MIN }));
    const ctx = { store, source: (await store.sources.get(src))!, log: createLogger('silent'), now: T0 + 100 * MIN };

    const first = await save(store, src, [
      ['Flood hits the valley', 'Rivers rose overnight.', T0 + 2 * MIN],
      ['Election results delayed', 'Counting goes on.', T0 + MIN],
      ['Flood: wire copy', 'Rivers rose overnight.', T0 + 3 * MIN],
    ]);
    await store.topics.setEntryTopics(first[0]!.id, first[0]!.publishedAt, [
      { topicId: 'weather', matches: [{ field: 'title', start: 0, end: 5, text: 'Flood', alias: 'flood', entity: 'ent-flood' }] },
    ]);
    await step.run(first, ctx);
    // Time order, whatever order the feed gave.
    assert.deepEqual(
      doubles[0]!.seen.map((a) => a.title),
      ['Election results delayed', 'Flood hits the valley', 'Flood: wire copy'],
    );
    assert.deepEqual(doubles[0]!.seen[1]!.entities, ['ent-flood']);
    const [flood, election, copy] = await store.entries.getMany(first.map((e) => e.id));
    assert.ok(flood!.storyId && election!.storyId);
    assert.notEqual(flood!.storyId, election!.storyId);
    assert.equal(copy!.storyId, flood!.storyId);
    assert.equal(copy!.duplicateOf, flood!.id);
    const floodStory = await store.stories.get(flood!.storyId!);
    assert.equal(floodStory?.key, String(flood!.id));
    assert.equal(floodStory?.size, 2);

    // A bridge merges the election story into the flood story.
    const bridge = await save(store, src, [
      ['Flood+Election vote moved', 'Polls closed by water.', T0 + 4 * MIN],
      ['Election count resumes', 'Counting again.', T0 + 5 * MIN],
    ]);
    await step.run(bridge, ctx);
    const [b, later] = await store.entries.getMany(bridge.map((e) => e.id));
    assert.equal(b!.storyId, flood!.storyId);
    assert.equal((await store.entries.get(election!.id))?.storyId, flood!.storyId);
    assert.equal(later!.storyId, flood!.storyId);
    assert.equal((await store.stories.get(election!.storyId!))?.mergedInto, flood!.storyId);
    assert.equal((await store.stories.get(flood!.storyId!))?.size, 5);

    // A new process: the window starts after the flood report, so its clusterer names the story
    // after the wire copy; the step maps that name to the stored key and keeps adding to it.
    const restarted = new StoryDesk({ create, now: () => T0 + 2.5 * MIN + 3 * 86_400_000, windowMs: 3 * 86_400_000 });
    const more = await save(store, src, [['Flood waters recede', 'Water fell.', T0 + 200 * MIN]]);
    await restarted.start(store);
    const rebuilt = doubles[1]!.seen.map((a) => a.title);
    assert.deepEqual(rebuilt.slice(0, 2), ['Flood: wire copy', 'Flood+Election vote moved']);
    const newer = await save(store, src, [['Flood relief arrives', 'Trucks came.', T0 + 201 * MIN]]);
    await clusterStoriesStep(restarted).run([...more, ...newer], ctx);
    assert.equal(doubles[1]!.seen.filter((a) => a.title === 'Flood waters recede').length, 1, 'rebuilt entries are not added twice');
    assert.equal((await store.entries.get(more[0]!.id))?.storyId, flood!.storyId);
    assert.equal((await store.entries.get(newer[0]!.id))?.storyId, flood!.storyId);
    assert.equal((await store.stories.get(flood!.storyId!))?.size, 7);
    assert.equal(doubles.length, 2);
  });

  test('entries stored while the step was down are clustered when the window is rebuilt', async () => {
    const store = await d.open();
    const src = (await store.sources.add({ url: 'https://down.example/feed' })).source.id;
    const [a, b] = await save(store, src, [
      ['Strike closes port', 'Dockers walked out.', T0 + MIN],
      ['Strike enters day two', 'Still out.', T0 + 2 * MIN],
    ]);
    const desk = new StoryDesk({ create: () => new WordClusterer(), now: () => T0 + 10 * MIN });
    await desk.start(store);
    const [x, y] = await store.entries.getMany([a!.id, b!.id]);
    assert.ok(x!.storyId);
    assert.equal(y!.storyId, x!.storyId);
  });

  test('an entry with no date is clustered at the time it was first seen and listed, never dropped', async () => {
    const store = await d.open();
    const src = (await store.sources.add({ url: 'https://undated.example/feed' })).source.id;
    const seenAt = T0 + 500 * MIN;
    const [dated] = await save(store, src, [['Storm nears the coast', 'Winds rose.', T0 + 499 * MIN]]);
    const [undated] = (
      await store.entries.saveBatch(
        src,
        [
          textEntry({ dedupeKey: 'undated', fingerprint: 'undated-fp', url: null }, 'Storm makes landfall', 'No date given.', 0, {
            publishedAt: null,
          }),
        ],
        seenAt,
      )
    ).inserted;
    assert.equal(undated!.publishedAt, seenAt);
    const double = new WordClusterer();
    const desk = new StoryDesk({ create: () => double, now: () => seenAt });
    await desk.start(store);
    assert.equal(double.seen.find((a) => a.title === 'Storm makes landfall')?.published, seenAt);
    const [x, y] = await store.entries.getMany([dated!.id, undated!.id]);
    assert.equal(y!.storyId, x!.storyId);
    const page = await store.search.teasers({ sourceId: src, onePerStory: true, limit: 10 }, 50);
    assert.deepEqual(
      page.items.map((e) => e.title),
      ['Storm makes landfall'],
      'the story is listed once, by its newest article',
    );
  });
});
