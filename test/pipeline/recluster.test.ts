// Re-clustering history: the job over both stores with a clusterer double (time order, progress,
// a stop part-way, a running pipeline stepping aside), and `newsdesk recluster` as a user runs it,
// with the real clusterer, on a SQLite file.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { recluster, type ReclusterReport } from '../../src/jobs/recluster.js';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';
import { runCli } from '../helpers/run-cli.js';
import { WordClusterer } from './story-double.js';

const T0 = Date.UTC(2026, 6, 1);
const MIN = 60_000;

async function history(store: Store, n: number): Promise<number[]> {
  const src = (await store.sources.add({ url: `https://history.example/${Math.random()}` })).source.id;
  const words = ['Flood', 'Election', 'Strike'];
  const items = Array.from({ length: n }, (_, i) =>
    textEntry(
      { dedupeKey: `h${i}`, fingerprint: `hf${i}`, url: `https://history.example/a/${i}` },
      `${words[i % 3]} report ${i}`,
      `Text ${i}.`,
      // Stored out of time order: the job must walk by publication time.
      T0 + ((i * 7) % n) * MIN,
    ),
  );
  return (await store.entries.saveBatch(src, items)).inserted.map((e) => e.id);
}

forEachDialect((d) => {
  test('re-clusters every entry in time order with progress; a stop leaves the rest without a story; the pipeline steps aside', async () => {
    const store = await d.open();
    const ids = await history(store, 30);
    // Wrong stories from an older clusterer: all in one.
    await store.stories.assign(ids.map((entryId) => ({ entryId, storyKey: 'old-giant' })));
    const reports: ReclusterReport[] = [];
    const double = new WordClusterer();
    const report = await recluster({ store, create: () => double, batchSize: 7, onProgress: (r) => reports.push(r), clock: () => T0 });
    assert.deepEqual([report.total, report.done, report.stories, report.finished], [30, 30, 3, true]);
    assert.deepEqual(
      reports.map((r) => r.done),
      [7, 14, 21, 28, 30, 30],
    );
    const times = double.seen.map((a) => a.published ?? 0);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    const stories = new Set((await store.entries.getMany(ids)).map((e) => e.storyId));
    assert.equal(stories.size, 3);
    assert.equal((await store.stories.list({ limit: 10 })).items.length, 3);
    const done = await store.stories.reclusterProgress();
    assert.deepEqual([done.status, done.done, done.total], ['done', 30, 30]);

    // Stopped after the first batch: what it reached has stories, the rest none (still listed).
    const controller = new AbortController();
    const partial = await recluster({
      store,
      create: () => new WordClusterer(),
      batchSize: 10,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    assert.deepEqual([partial.done, partial.finished], [10, false]);
    const after = await store.entries.getMany(ids);
    assert.equal(after.filter((e) => e.storyId).length, 10);
    assert.equal((await store.entries.list({ limit: 100, onePerStory: true })).items.length, 20 + 3);
    assert.equal((await store.stories.reclusterProgress()).status, 'running');

    // A pipeline that sees a live run (holding the lease) leaves new entries to it; a dead run (its
    // lease run out) does not stop it.
    const desk = new StoryDesk({ create: () => new WordClusterer() });
    const [fresh] = await store.entries.getMany([ids[0]!]);
    const holder = { owner: 'worker-x', job: null };
    // At the store's clock, which the stopped run released its lease at (see recluster-desk-writes).
    const now = await store.clock.now();
    assert.equal((await store.stories.takeReclusterLease(holder, now + 10 * MIN, now)).taken, true);
    await store.stories.recordRecluster({ publishedAt: T0, entryId: ids[0]! }, 0, now, { holder, until: now + 10 * MIN });
    assert.deepEqual(await desk.add(store, [fresh!]), []);
    // Run out an hour before the clock of the step below (T0 + 60 min), which it judges the lease by
    // (p-fence2: its window rebuild writes no story while a run holds the lease).
    await store.stories.recordRecluster({ publishedAt: T0, entryId: ids[0]! }, 0, T0, {
      holder,
      until: T0 + 10 * MIN,
    });
    const later = new StoryDesk({ create: () => new WordClusterer(), now: () => T0 + 60 * MIN });
    await later.start(store);
    assert.ok(
      (await store.entries.getMany(ids)).every((e) => e.storyId),
      'the window rebuild clusters what the stopped run left',
    );
  });
});

test('newsdesk recluster groups a SQLite file with the real clusterer and reports progress', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'newsdesk-recluster-')), 'news.db');
  const store = await SqliteStore.open({ path });
  const src = (await store.sources.add({ url: 'https://cli.example/feed' })).source.id;
  const items = [
    [
      'Earthquake of magnitude 6.1 strikes coastal town of Izmir',
      'An earthquake of magnitude 6.1 struck the coastal town of Izmir on Monday, officials said.',
    ],
    [
      'Izmir earthquake: magnitude 6.1 quake hits coastal town',
      'A magnitude 6.1 earthquake hit the coastal town of Izmir on Monday, according to officials.',
    ],
    [
      'Central bank raises interest rates to 4.5 percent',
      'The central bank raised its main interest rate to 4.5 percent on Thursday to fight inflation.',
    ],
  ].map(([title, text], i) =>
    textEntry({ dedupeKey: `cli${i}`, fingerprint: `clif${i}`, url: `https://cli.example/${i}` }, title!, text!, T0 + i * MIN),
  );
  const ids = (await store.entries.saveBatch(src, items)).inserted.map((e) => e.id);
  await store.close();
  const run = await runCli(['recluster', '--db', path, '--batch', '2']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^entries: 3 of 3\nstories: \d+\n$/);
  assert.match(run.stderr, /recluster: done, 3 entries/);
  const again = await SqliteStore.open({ path });
  try {
    const [a, b, c] = await again.entries.getMany(ids);
    assert.ok(a!.storyId && c!.storyId);
    assert.equal(b!.storyId, a!.storyId, 'two reports of one quake are one story');
    assert.notEqual(c!.storyId, a!.storyId, 'a rate decision is another');
    assert.equal((await again.stories.reclusterProgress()).status, 'done');
  } finally {
    await again.close();
  }
});

test('newsdesk recluster follows the desk setting for country names across scripts', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'newsdesk-recluster-places-')), 'news.db');
  const store = await SqliteStore.open({ path });
  const src = (await store.sources.add({ url: 'https://cli.example/feed' })).source.id;
  // Written for this test (as test/stories/places.test.ts): the Persian headline shares the flood
  // concept with "Floods in Nigeria" and the country with the Niger report.
  const items = (
    [
      [
        'Floods in Niger leave thousands homeless',
        'Floodwaters have swept through villages across Niger after days of heavy rain, leaving thousands of families without ' +
          'shelter, aid workers said. Roads to the south were cut and schools were turned into shelters for the displaced.',
        'en',
      ],
      ['Floods in Nigeria', '', 'en'],
      ['سیل در نیجر هزاران نفر را بی‌خانمان کرد', '', 'fa'],
    ] as const
  ).map(([title, text, lang], i) =>
    textEntry({ dedupeKey: `clp${i}`, fingerprint: `clpf${i}`, url: `https://cli.example/p${i}` }, title, text, T0 + i * 60 * MIN, {
      lang,
    }),
  );
  const ids = (await store.entries.saveBatch(src, items)).inserted.map((e) => e.id);
  await store.desk.setDeskSettings({ clusterPlaces: true }, 'Edith Editor');
  await store.close();
  const run = await runCli(['recluster', '--db', path]);
  assert.equal(run.code, 0, run.stderr);
  const again = await SqliteStore.open({ path });
  try {
    const [niger, nigeria, fa] = await again.entries.getMany(ids);
    assert.equal(fa!.storyId, niger!.storyId, 'with the setting on, the Persian headline joins the Niger report');
    assert.notEqual(nigeria!.storyId, niger!.storyId);
  } finally {
    await again.close();
  }
});
