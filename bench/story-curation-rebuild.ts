// What an editor's merge or split costs a running worker's story step (p-splitgen, p-recluster):
// each one raises the store's curation counter, and every worker's story step sees it moved at its
// next batch. A SQLite store is filled with BENCH_ENTRIES generated entries (bench/lib/story-stream.ts,
// the stories bench's stream) spread over the 3 days before now, and clustered once by the step's
// own rebuild (every entry gets a story). Then two StoryDesks (the step's clusterer with its window,
// the real OnlineStoryClusterer) each cluster batches of BENCH_BATCH new entries, alternately:
// - plain: nothing changed since its last batch (the common case);
// - after a split: an editor split a story just before (the split's own time apart), so the step
//   updates its clusterer first, then clusters the batch;
// - after a deletion (c-live): an editor deleted an entry of the window just before, so the step
//   reads the window's live ids and its clusterer forgets the entry (StoryClusterer.forget) first.
// The first desk's clusterer hides `relocate`, so a curation rebuilds its whole window (the step
// before p-recluster); the second reads the window's placed entries and files them in place
// (StoryClusterer.relocate) and forgets deleted entries (the first desk's has no `forget`: it keeps
// them, as every step did before c-live). Wall time (median, each), CPU time of this process, the heap kept
// after the batch, and the peak RSS and heap sampled every 2 ms while the batch ran (a rebuild
// yields between its reads, so the samples see it), on a machine that may be shared (load printed).
//
//   npm run build && nice -n 10 node --expose-gc dist/bench/story-curation-rebuild.js
//   BENCH_ENTRIES=20000 BENCH_BATCH=50 BENCH_ROUNDS=5 BENCH_DB=/tmp/curation-bench.db …
import { rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NewEntry } from '../src/domain/entry.js';
import { StoryDesk } from '../src/pipeline/steps/cluster-stories.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { OnlineStoryClusterer } from '../src/stories/clusterer.js';
import type { StoryClusterer } from '../src/stories/types.js';
import { PeakMemory } from './lib/memory.js';
import { storyStream } from './lib/story-stream.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DB = process.env.BENCH_DB ?? join(tmpdir(), `curation-bench-${process.pid}.db`);
const WINDOW = 3 * 86_400_000;
const MB = 1024 * 1024;

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** The stream's first `n + extra` articles as entries, the first `n` spread over [from, to), the rest after. */
function entries(n: number, extra: number, from: number, to: number): NewEntry[] {
  const out: NewEntry[] = [];
  let i = 0;
  for (const { article } of storyStream(n + extra)) {
    const at = i < n ? from + Math.floor((i / n) * (to - from)) : to + (i - n) * 1000;
    out.push({
      dedupeKey: `bench-${i}`,
      fingerprint: `bench-${i}`,
      url: article.url ?? `https://bench.example/${i}`,
      title: article.title,
      author: null,
      contentHtml: `<p>${article.text}</p>`,
      text: article.text,
      lang: article.lang ?? 'en',
      dir: 'ltr',
      publishedAt: at,
      updatedAt: null,
    });
    i++;
  }
  return out;
}

interface Sample {
  ms: number;
  cpuMs: number;
  peakRss: number;
  peakHeap: number;
  keptHeap: number;
}

/** Runs `fn` with memory sampled every 2 ms (between the turns it yields). */
async function measure(fn: () => Promise<unknown>): Promise<Sample> {
  gc();
  const peak = new PeakMemory();
  const timer = setInterval(() => peak.sample(), 2);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak.sample();
  gc();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRss: peak.rss, peakHeap: peak.heap, keptHeap: process.memoryUsage().heapUsed };
}

function line(label: string, xs: Sample[]): void {
  const f = (k: keyof Sample, div = 1, d = 0) => median(xs.map((x) => x[k] / div)).toFixed(d);
  console.log(
    `${label} | ${f('ms', 1, 1)} | ${f('cpuMs', 1, 1)} | ${f('peakRss', MB)} | ${f('peakHeap', MB)} | ${f('keptHeap', MB)} | ${xs.map((x) => x.ms.toFixed(0)).join(' ')}`,
  );
}

async function main(): Promise<void> {
  rmSync(DB, { force: true });
  const store: Store = await SqliteStore.open({ path: DB });
  try {
    const now = Date.now();
    const all = entries(ENTRIES, 6 * ROUNDS * BATCH, now - WINDOW + 60_000, now - 2 * 3_600_000);
    const source = (await store.sources.add({ url: 'https://bench.example/feed' })).source.id;
    let t0 = performance.now();
    for (let i = 0; i < ENTRIES; i += 500) await store.entries.saveBatch(source, all.slice(i, Math.min(i + 500, ENTRIES)));
    const saved = performance.now() - t0;
    // The step's first rebuild stores every window entry's story (none has one yet).
    const desk = new StoryDesk({ create: (choice) => new OnlineStoryClusterer(choice) });
    t0 = performance.now();
    await desk.start(store);
    const first = performance.now() - t0;
    const stories = (await store.stories.list({ limit: 1 })).items.length > 0;
    console.log(
      `sqlite ${DB}: ${await store.entries.count()} entries over 3 days (saved in ${saved.toFixed(0)} ms), first rebuild storing every story ${first.toFixed(0)} ms (stories: ${stories}); batches of ${BATCH} new entries, ${ROUNDS} rounds; load ${load()}`,
    );
    console.log('batch | median ms | cpu ms | peak rss MB | peak heap MB | heap kept MB | each ms');
    let next = ENTRIES;
    // Two steps over the same store: one whose clusterer has no `relocate` (so a curation rebuilds
    // its window, as before p-recluster), one with it (the placements filed in place).
    for (const mode of ['rebuild', 'relocate'] as const) {
      const step = new StoryDesk({
        create: (choice) => {
          const c = new OnlineStoryClusterer(choice);
          const hidden: StoryClusterer = { add: (a) => c.add(a) };
          // Neither relocate nor forget: a curation rebuilds, a deletion is kept (before c-live).
          return mode === 'relocate' ? c : hidden;
        },
      });
      await step.start(store);
      const plain: Sample[] = [];
      const curated: Sample[] = [];
      const removed: Sample[] = [];
      const splits: number[] = [];
      const batch = async (): Promise<Sample> => {
        const inserted = (await store.entries.saveBatch(source, all.slice(next, next + BATCH))).inserted;
        next += BATCH;
        return measure(() => step.add(store, inserted));
      };
      for (let r = 0; r < ROUNDS; r++) {
        plain.push(await batch());
        // An editor splits a story of the window: the first story with two entries or more.
        const story = (await store.stories.list({ limit: 200 })).items.find((s) => s.size >= 2 && s.mergedInto === null);
        if (!story) throw new Error('no story of two entries to split');
        const [first] = await store.stories.articles(story.id, 0, 1);
        const s0 = performance.now();
        if (!(await store.stories.split(story.id, [first!.entryId]))) throw new Error('split refused');
        splits.push(performance.now() - s0);
        curated.push(await batch());
        // An editor deletes an entry of the window: the second article of the first story of two.
        const other = (await store.stories.list({ limit: 200 })).items.find((s) => s.size >= 2 && s.mergedInto === null);
        const [, second] = other ? await store.stories.articles(other.id, 0, 2) : [];
        if (!second || !(await store.entries.remove(second.entryId))) throw new Error('no entry to delete');
        removed.push(await batch());
      }
      const placed = (await store.stories.placedEntries(now - WINDOW, now + WINDOW)).length;
      line(`${mode}: plain (nothing changed)`, plain);
      line(`${mode}: after a split (${placed} placed entries in the window at the end)`, curated);
      line(`${mode}: after a deletion`, removed);
      console.log(`${mode}: the split itself | ${median(splits).toFixed(1)} ms median | ${splits.map((x) => x.toFixed(1)).join(' ')}`);
    }
    console.log(`load ${load()}`);
  } finally {
    await store.close();
    if (!process.env.BENCH_DB) for (const f of [DB, `${DB}-wal`, `${DB}-shm`]) rmSync(f, { force: true });
  }
}

await main();
