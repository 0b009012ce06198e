// The ingest write path alone: a poll's batches of new entries saved (entries.saveBatch) and
// given their stories (stories.assign), batch after batch, into a store that grows from empty to
// --entries live entries. Made to price a write-side index (m-indexcost: the two story indexes of
// c-hiddencost): run it on two builds, alternating, and compare. Prints ms per batch for each step
// (median over the first and the last fifth of the batches: a small and a grown store), the
// store's size, peak RSS and the machine's load.
//
//   npm run build && nice -n 10 node dist/bench/ingest-write.js --db /tmp/ingest-write.db
//   nice -n 10 node dist/bench/ingest-write.js --pg postgres://postgres@127.0.0.1:5432/ingestwrite
//   options: --entries 40000 --batch 100 --sources 200 --analyze 10
// --analyze N (PostgreSQL; 0: never): ANALYZE (the database) after every N batches, untimed, standing in for
// autovacuum, which is off on this machine's server: without statistics the planner takes the
// grown entries table for a few rows and stories.assign's cost climbs with the table (x20 over
// 10,000 entries, both builds of m-indexcost).
// The SQLite file is removed first; PostgreSQL runs in its own schema, dropped at the end.
import { rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { NewEntry } from '../src/domain/entry.js';
import { PostgresStore } from '../src/store/postgres/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { StoryAssignmentInput } from '../src/store/stories.js';
import type { Store } from '../src/store/store.js';
import { numberOption, option } from './lib/args.js';

const ENTRIES = numberOption('--entries', 40_000);
const BATCH = numberOption('--batch', 100);
const SOURCES = numberOption('--sources', 200);
const ANALYZE = numberOption('--analyze', 10);
const pgUrl = option('--pg', '');
const dbPath = option('--db', '/tmp/ingest-write.db');
const schema = `bench_ingest_${process.pid}`;
const WORDS = 'council minister harbour port election market court police storm budget school hospital'.split(' ');

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** A deterministic generator (mulberry32): both builds write the same entries. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  if (!pgUrl) rmSync(dbPath, { force: true });
  const store: Store = pgUrl ? await PostgresStore.open({ url: pgUrl, schema }) : await SqliteStore.open({ path: dbPath });
  let peakRss = process.memoryUsage().rss;
  try {
    const r = rng(7);
    const now = Date.now();
    const sources: number[] = [];
    for (let i = 0; i < SOURCES; i++) {
      const { source } = await store.sources.add({ url: `https://outlet${i}.example/feed.xml`, title: `Outlet ${i}` }, now);
      sources.push(source.id);
    }
    const save: number[] = [];
    const assign: number[] = [];
    let n = 0;
    let story = 0;
    const t0 = performance.now();
    for (let b = 0; n < ENTRIES; b++) {
      const source = sources[b % sources.length]!;
      const items: NewEntry[] = [];
      for (let i = 0; i < BATCH; i++, n++) {
        const w = (k: number) => Array.from({ length: k }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
        const text = `${w(12)}. ${w(15)} ${n}.`;
        items.push({
          dedupeKey: `k${n}`,
          fingerprint: `f${n}`,
          url: `https://outlet${source}.example/a/${n}`,
          title: `${w(6)} ${n}`,
          author: null,
          contentHtml: `<p>${text}</p>`,
          text,
          lang: 'en',
          dir: 'ltr',
          publishedAt: now - Math.floor(r() * 3 * 86_400_000),
          updatedAt: null,
        });
      }
      let t = performance.now();
      const saved = await store.entries.saveBatch(source, items, now);
      save.push(performance.now() - t);
      // Stories as the clusterer gives them: most entries join one of the last 500 stories (a
      // story grows across batches and sources), a fifth open a new one.
      const input: StoryAssignmentInput[] = saved.inserted.map((e) => ({
        entryId: e.id,
        storyKey: `s${r() < 0.2 || story === 0 ? story++ : Math.max(0, story - 1 - Math.floor(r() * 500))}`,
      }));
      t = performance.now();
      await store.stories.assign(input, now);
      assign.push(performance.now() - t);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (store instanceof PostgresStore && ANALYZE > 0 && (b + 1) % ANALYZE === 0) await store.pool.query('ANALYZE');
    }
    const total = (performance.now() - t0) / 1000;
    const fifth = Math.max(1, Math.floor(save.length / 5));
    const head = (xs: number[]) => median(xs.slice(0, fifth)).toFixed(2);
    const tail = (xs: number[]) => median(xs.slice(-fifth)).toFixed(2);
    const sum = (xs: number[]) => (xs.reduce((a, x) => a + x, 0) / 1000).toFixed(2);
    let size: string;
    if (store instanceof PostgresStore) {
      const row = (
        await store.pool.query<{ entries: string; indexes: string }>(
          `SELECT pg_relation_size('${schema}.entries') AS entries, pg_indexes_size('${schema}.entries') AS indexes`,
        )
      ).rows[0]!;
      size = `entries heap ${(Number(row.entries) / 1e6).toFixed(1)} MB, its indexes ${(Number(row.indexes) / 1e6).toFixed(1)} MB`;
    } else {
      size = `file ${(statSync(dbPath).size / 1e6).toFixed(1)} MB`;
    }
    console.log(
      `${pgUrl ? 'postgres' : 'sqlite'} ${n} entries, ${save.length} batches of ${BATCH}, ${story} stories | total ${total.toFixed(2)} s (save ${sum(save)} s, assign ${sum(assign)} s) | save ms/batch first/last fifth ${head(save)} / ${tail(save)} | assign ${head(assign)} / ${tail(assign)} | ${size} | peak RSS ${(peakRss / 1e6).toFixed(0)} MB | load ${load()}`,
    );
  } finally {
    if (store instanceof PostgresStore) await store.pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await store.close();
  }
}

await main();
