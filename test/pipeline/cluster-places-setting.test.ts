// The desk's setting for country names across scripts (store.desk.deskSettings().clusterPlaces;
// docs/desk.md, "Country names across scripts" and p-places2): the pipeline's story step makes its
// clusterer as the setting says, rebuilds its window when an editor changes it, and re-clustering
// history follows it too. With the real clusterer: a Persian headline about floods in Niger goes
// to the English report of the Niger floods with the setting on, and to the English headline
// "Floods in Nigeria" (the flood concept is all they share) with it off. Both dialects. Articles
// written for these tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/domain/entry.js';
import { loadConfig } from '../../src/config/load.js';
import type { Job } from '../../src/store/jobs.js';
import { JOB_KINDS } from '../../src/jobs/periodic.js';
import { recluster } from '../../src/jobs/recluster.js';
import { jobHandlers } from '../../src/server/jobs.js';
import { buildPipeline } from '../../src/server/pipeline.js';
import { createLogger } from '../../src/log/logger.js';
import { clusterStoriesStep, type DeskClusterChoice, StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { Store } from '../../src/store/store.js';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';
import { WordClusterer } from './story-double.js';

const H = 3_600_000;
// Tuesday 8 September 2026, 08:00 UTC.
const T0 = Date.UTC(2026, 8, 8, 8);
let n = 0;

async function save(store: Store, sourceId: number, rows: [string, string, number, string][]): Promise<Entry[]> {
  return (
    await store.entries.saveBatch(
      sourceId,
      rows.map(([title, text, hours, lang]) => {
        n++;
        return textEntry({ dedupeKey: `pl-${n}`, fingerprint: `plfp-${n}`, url: `https://pl.example/${n}` }, title, text, T0 + hours * H, {
          lang,
        });
      }),
      T0 + 10 * H,
    )
  ).inserted;
}

const NIGER_EN: [string, string, number, string] = [
  'Floods in Niger leave thousands homeless',
  'Floodwaters have swept through villages across Niger after days of heavy rain, leaving thousands of families without ' +
    'shelter, aid workers said. Roads to the south were cut and schools were turned into shelters for the displaced.',
  0,
  'en',
];
const NIGERIA_EN: [string, string, number, string] = ['Floods in Nigeria', '', 1, 'en'];
const NIGER_FA: [string, string, number, string] = ['سیل در نیجر هزاران نفر را بی‌خانمان کرد', '', 3, 'fa'];

/** The real clusterer as the composition root makes it, its clock set after the articles. */
const real = (choice: DeskClusterChoice): OnlineStoryClusterer => new OnlineStoryClusterer({ ...choice, now: () => T0 + 30 * 24 * H });

forEachDialect((d) => {
  test('the story step groups with country names once the desk turns them on, rebuilding its window', async () => {
    const store = await d.open();
    const src = (await store.sources.add({ url: 'https://pl.example/feed' })).source;
    const ctx = { store, source: src, log: createLogger('silent'), now: T0 + 10 * H };
    const choices: DeskClusterChoice[] = [];
    const step = clusterStoriesStep(
      new StoryDesk({
        create: (choice) => {
          choices.push(choice);
          return real(choice);
        },
        now: () => T0 + 10 * H,
      }),
    );
    const [niger, nigeria] = await save(store, src.id, [NIGER_EN, NIGERIA_EN]);
    await step.run([niger!, nigeria!], ctx);
    assert.deepEqual(choices, [{ places: false }], 'a desk that never saved settings groups without places');

    await store.desk.setDeskSettings({ clusterPlaces: true }, 'Edith Editor', T0 + 4 * H);
    const [fa] = await save(store, src.id, [NIGER_FA]);
    await step.run([fa!], ctx);
    assert.deepEqual(choices, [{ places: false }, { places: true }], 'the setting changed: the window is rebuilt with places');
    const [a, b, c] = await store.entries.getMany([niger!.id, nigeria!.id, fa!.id]);
    assert.equal(c!.storyId, a!.storyId, 'the Persian headline joins the Niger report');
    assert.notEqual(b!.storyId, a!.storyId);
  });

  test('with the setting off (the default) the same headline goes to the floods in Nigeria', async () => {
    const store = await d.open();
    const src = (await store.sources.add({ url: 'https://pl.example/feed' })).source;
    const ctx = { store, source: src, log: createLogger('silent'), now: T0 + 10 * H };
    const step = clusterStoriesStep(new StoryDesk({ create: real, now: () => T0 + 10 * H }));
    const entries = await save(store, src.id, [NIGER_EN, NIGERIA_EN, NIGER_FA]);
    await step.run(entries, ctx);
    const [a, b, c] = await store.entries.getMany(entries.map((e) => e.id));
    assert.equal(c!.storyId, b!.storyId);
    assert.notEqual(c!.storyId, a!.storyId);
  });

  test('re-clustering history follows the desk setting', async () => {
    const store = await d.open();
    const src = (await store.sources.add({ url: 'https://pl.example/feed' })).source;
    const entries = await save(store, src.id, [NIGER_EN, NIGERIA_EN, NIGER_FA]);
    const choices: DeskClusterChoice[] = [];
    const create = (choice: DeskClusterChoice): OnlineStoryClusterer => {
      choices.push(choice);
      return real(choice);
    };
    await recluster({ store, create, clock: () => T0 + 10 * H });
    let [a, b, c] = await store.entries.getMany(entries.map((e) => e.id));
    assert.equal(c!.storyId, b!.storyId);
    await store.desk.setDeskSettings({ clusterPlaces: true }, 'Edith Editor');
    await recluster({ store, create, clock: () => T0 + 11 * H });
    [a, b, c] = await store.entries.getMany(entries.map((e) => e.id));
    assert.equal(c!.storyId, a!.storyId);
    assert.notEqual(b!.storyId, a!.storyId);
    assert.deepEqual(choices, [{ places: false }, { places: true }]);
  });

  test('a step whose setting did not change keeps its window (no rebuild per check)', async () => {
    const store = await d.open();
    const src = (await store.sources.add({ url: 'https://pl.example/feed' })).source;
    const ctx = { store, source: src, log: createLogger('silent'), now: T0 + 10 * H };
    let made = 0;
    const step = clusterStoriesStep(
      new StoryDesk({
        create: () => {
          made++;
          return new WordClusterer();
        },
        now: () => T0 + 10 * H,
      }),
    );
    await store.desk.setDeskSettings({ clusterPlaces: true }, 'Edith Editor');
    for (const row of [NIGER_EN, NIGERIA_EN, NIGER_FA]) await step.run(await save(store, src.id, [row]), ctx);
    assert.equal(made, 1);
  });

  test('the server pipeline and its re-clustering job read the setting (the composition root)', async () => {
    const store = await d.open();
    const log = createLogger('silent');
    const pipeline = await buildPipeline({ store, config: loadConfig({ env: {} }), log, topics: false, extract: false, alerts: false });
    try {
      const step = pipeline.steps.find((s) => s.name === 'stories');
      assert.ok(step);
      // Hours before now: the step's window (three days back from the clock) holds them.
      const base = Date.now() - 10 * H;
      const src = (await store.sources.add({ url: 'https://pl.example/feed' })).source;
      const ctx = { store, source: src, log, now: Date.now() };
      const at = (row: [string, string, number, string]): [string, string, number, string] => [
        row[0],
        row[1],
        (base - T0) / H + row[2],
        row[3],
      ];
      const first = await save(store, src.id, [at(NIGER_EN), at(NIGERIA_EN)]);
      await step.run(first, ctx);
      await store.desk.setDeskSettings({ clusterPlaces: true }, 'Edith Editor');
      const [fa] = await save(store, src.id, [at(NIGER_FA)]);
      await step.run([fa!], ctx);
      let [a, b, c] = await store.entries.getMany([first[0]!.id, first[1]!.id, fa!.id]);
      assert.equal(c!.storyId, a!.storyId, 'the pipeline groups with places once the desk turns them on');

      // Re-clustering history as the job does it, with the setting on and then off.
      const job = jobHandlers(store, pipeline, log)[JOB_KINDS.recluster]!;
      await job({ id: 1 } as Job, { signal: new AbortController().signal });
      [a, b, c] = await store.entries.getMany([first[0]!.id, first[1]!.id, fa!.id]);
      assert.equal(c!.storyId, a!.storyId, 'the re-clustering job groups with places while the desk has them on');
      await store.desk.setDeskSettings({ clusterPlaces: false }, 'Edith Editor');
      await job({ id: 2 } as Job, { signal: new AbortController().signal });
      [a, b, c] = await store.entries.getMany([first[0]!.id, first[1]!.id, fa!.id]);
      assert.equal(c!.storyId, b!.storyId, 'the re-clustering job groups without places once the desk turns them off');
      assert.notEqual(c!.storyId, a!.storyId);
    } finally {
      await pipeline.close();
    }
  });
});
