// StoryRepo.hiddenShare on a big story, before and after c-hiddencost, side by side in one run:
// "before" is main's statement (kept here as text), "after" the store's own call; both answers
// are compared, so a faster answer that differs fails the run. On PostgreSQL also the topic counts
// (TopicRepo.counts/countsPerDay, whose hidden-tags step crossed jit_above_cost in a store of one
// big story) with JIT on and off on the same connection.
//
// The store: one story of 50,000 live entries from 50 sources, saved source by source (the order
// in which a re-clustering or a wire import writes them), half of them copies of its lead, in
// en/ar/fa, every 100th also sighted by the next source; 2,500 two-entry stories beside it from
// 60 sources; every entry tagged with one topic; statistics taken (ANALYZE). States: nothing
// hidden; the 100 earliest articles; 100 articles two per source; the lead (its 25,000 copies
// follow it); a source seen only in two hidden articles of the story.
//
//   npm run build && nice -n 10 node dist/bench/hidden-share.js
//   nice -n 10 node dist/bench/hidden-share.js --pg postgres://postgres@127.0.0.1:5432/hiddenshare
//   options: --entries 50000 --rounds 7 --one (no small stories beside: a store of one story) --db FILE (SQLite; default in memory) --keep (PostgreSQL: keep the schema)
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PostgresStore } from '../src/store/postgres/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { type HiddenShareRow, setLanguages, toHiddenShares } from '../src/store/story-rows.js';
import { numberOption, option } from './lib/args.js';
import { execRaw, insertRows } from './lib/raw-sql.js';

const ENTRIES = numberOption('--entries', 50_000);
const ROUNDS = numberOption('--rounds', 7);
const pgUrl = option('--pg', '');
const dbPath = option('--db', ':memory:');
const SOURCES = 50;
const BG_STORIES = process.argv.includes('--one') ? 0 : 2_500;
const BG_SOURCES = 60;
const T0 = Date.UTC(2026, 10, 1);
const LANGS = ['en', 'ar', 'fa'];

/** main's hiddenShareSql (p-counts), the "before" side. */
function beforeSql(list: string, yes: string, summaryIndex: string): string {
  return `WITH own AS MATERIALIZED (
      SELECT h.id, h.story_id, h.duplicate_of FROM curation_overrides co CROSS JOIN entries h
      WHERE h.id = co.entry_id AND co.hidden = ${yes} AND co.entry_id IS NOT NULL AND h.deleted_at IS NULL AND h.story_id IN (${list})),
    hid AS MATERIALIZED (SELECT id, story_id, duplicate_of FROM own
      UNION SELECT c.id, c.story_id, c.duplicate_of FROM own CROSS JOIN entries c
      WHERE c.duplicate_of = own.id AND c.deleted_at IS NULL AND c.story_id = own.story_id),
    pairs AS MATERIALIZED (SELECT DISTINCT hid.story_id, g.source_id FROM hid CROSS JOIN sightings g WHERE g.entry_id = hid.id),
    st AS MATERIALIZED (SELECT DISTINCT story_id FROM own)
  SELECT 'n' AS kind, x.story_id AS story_id, SUM(x.size) AS size, SUM(x.articles) AS articles, SUM(x.sources) AS sources,
      NULL AS lang, NULL AS lo, NULL AS hi FROM (
    SELECT hid.story_id AS story_id, COUNT(*) AS size, SUM(CASE WHEN hid.duplicate_of IS NULL THEN 1 ELSE 0 END) AS articles, 0 AS sources
      FROM hid GROUP BY hid.story_id
    UNION ALL
    SELECT p.story_id AS story_id, 0 AS size, 0 AS articles, COUNT(*) AS sources FROM pairs p
      WHERE NOT EXISTS (SELECT 1 FROM entries e JOIN sightings g ON g.entry_id = e.id AND g.source_id = p.source_id
        WHERE e.story_id = p.story_id AND e.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM curation_overrides c2 WHERE c2.entry_id IN (e.id, e.duplicate_of) AND c2.hidden = ${yes}))
      GROUP BY p.story_id
  ) x GROUP BY x.story_id
  UNION ALL
  SELECT 'l' AS kind, st.story_id AS story_id, COUNT(*) AS size, 0 AS articles, 0 AS sources,
      e.lang AS lang, MIN(e.published_at) AS lo, MAX(e.published_at) AS hi
    FROM st CROSS JOIN entries e${summaryIndex}
    WHERE e.story_id = st.story_id AND e.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM curation_overrides c3 WHERE c3.entry_id IN (e.id, e.duplicate_of) AND c3.hidden = ${yes})
    GROUP BY st.story_id, e.lang`;
}

/** main's rows (kind 'l' carried the span) as StoryRepo.hiddenShare answered them. */
function beforeShares(rows: HiddenShareRow[]): ReturnType<typeof toHiddenShares> {
  const out = toHiddenShares(rows.filter((r) => r.kind === 'n'));
  const counts = new Map<number, { lang: string; n: number }[]>();
  for (const r of rows) {
    const h = r.kind === 'l' ? out.get(Number(r.story_id)) : undefined;
    if (!h) continue;
    h.firstPublished = h.firstPublished === null ? Number(r.lo) : Math.min(h.firstPublished, Number(r.lo));
    h.lastPublished = h.lastPublished === null ? Number(r.hi) : Math.max(h.lastPublished, Number(r.hi));
    if (r.lang === null) continue;
    const list = counts.get(Number(r.story_id)) ?? [];
    list.push({ lang: r.lang, n: Number(r.size) });
    counts.set(Number(r.story_id), list);
  }
  setLanguages(out, counts);
  return out;
}

async function seed(store: Store): Promise<{ story: number; lead: number }> {
  const sources: unknown[][] = [];
  for (let s = 1; s <= BG_SOURCES + 1; s++) sources.push([s, `https://s${s}.example/feed`, T0, 900, T0]);
  await insertRows(store, 'sources', ['id', 'url', 'next_check_at', 'interval_seconds', 'created_at'], sources);
  const stories: unknown[][] = [[1, 'big', T0, T0]];
  for (let i = 0; i < BG_STORIES; i++) stories.push([i + 2, `bg${i}`, T0, T0]);
  await insertRows(store, 'topics', ['id', 'definition', 'hash', 'updated_at'], [['dams', '{}', 'h', T0]]);
  await insertRows(store, 'stories', ['id', 'key', 'created_at', 'updated_at'], stories);
  const entries: unknown[][] = [];
  const sightings: unknown[][] = [];
  const tags: unknown[][] = [];
  const per = ENTRIES / SOURCES;
  let id = 0;
  const add = (source: number, story: number, dup: number | null, lang: string, at: number, extra?: number) => {
    id++;
    entries.push([id, source, `k${id}`, `f${id}`, `Entry ${id}`, lang, at, T0, story, dup]);
    sightings.push([id, source, at, `Entry ${id}`]);
    if (extra !== undefined) sightings.push([id, extra, at, `Entry ${id}`]);
    tags.push(['dams', id, at, T0]);
  };
  // The big story, source by source; within a source every other entry copies the lead (entry 1).
  for (let s = 1; s <= SOURCES; s++) {
    for (let j = 0; j < per; j++) {
      const first = id === 0;
      const at = T0 + (j * SOURCES + s) * 60_000;
      add(s, 1, first || j % 2 === 0 ? null : 1, LANGS[id % 3]!, at, id % 100 === 99 ? (s % SOURCES) + 1 : undefined);
    }
  }
  // A source seen in the story only in two articles (hidden below), and in many small stories.
  const lone = BG_SOURCES + 1;
  add(lone, 1, null, 'en', T0 + 1_000);
  add(lone, 1, null, 'en', T0 + 2_000);
  for (let i = 0; i < BG_STORIES; i++) {
    for (let k = 0; k < 2; k++) add(((i * 2 + k) % BG_SOURCES) + 1, i + 2, null, LANGS[i % 3]!, T0 + i * 1_000 + k);
  }
  await insertRows(
    store,
    'entries',
    ['id', 'source_id', 'dedupe_key', 'fingerprint', 'title', 'lang', 'published_at', 'created_at', 'story_id', 'duplicate_of'],
    entries,
  );
  await insertRows(store, 'sightings', ['entry_id', 'source_id', 'first_seen', 'title'], sightings);
  await insertRows(store, 'entry_topics', ['topic_id', 'entry_id', 'published_at', 'tagged_at'], tags);
  await execRaw<HiddenShareRow>(store, store instanceof SqliteStore ? 'ANALYZE' : 'VACUUM ANALYZE');
  return { story: 1, lead: 1 };
}

async function hide(store: Store, ids: number[]): Promise<void> {
  await execRaw<HiddenShareRow>(store, 'DELETE FROM curation_overrides');
  const yes = store instanceof SqliteStore ? 1 : true;
  await insertRows(
    store,
    'curation_overrides',
    ['entry_id', 'hidden', 'updated_by_name', 'updated_at'],
    ids.map((id) => [id, yes, 'bench', T0]),
  );
  await execRaw<HiddenShareRow>(store, 'ANALYZE curation_overrides');
}

async function median(rounds: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function main(): Promise<void> {
  const store: Store = pgUrl
    ? await PostgresStore.open({ url: pgUrl, schema: `bench_hidden_${process.pid}`, poolSize: 1 })
    : await SqliteStore.open({ path: dbPath });
  try {
    const { story, lead } = await seed(store);
    const sqlite = store instanceof SqliteStore;
    const before = () =>
      sqlite
        ? execRaw<HiddenShareRow>(store, beforeSql('SELECT value FROM json_each(?)', '1', ' INDEXED BY entries_story_summary'), [
            JSON.stringify([story]),
          ])
        : execRaw<HiddenShareRow>(store, beforeSql('SELECT unnest($1::bigint[])', 'TRUE', ''), [[story]]);
    const per = ENTRIES / SOURCES;
    // Articles are the entries of even j within each source (and the lead): ids 1 + s*per + j.
    const articles = (s: number, n: number) => Array.from({ length: n }, (_, j) => 1 + (s - 1) * per + j * 2 + (s === 1 ? 2 : 0));
    const states: [string, number[]][] = [
      ['nothing hidden', []],
      ['100 earliest articles', articles(1, 100)],
      ['100 earliest articles + 100 oldest copies', [...articles(1, 100), ...articles(1, 100).map((x) => x + 1)]],
      ['100 articles, 2 per source', Array.from({ length: SOURCES }, (_, s) => articles(s + 1, 2)).flat()],
      ['the lead (25,000 copies follow)', [lead]],
      ['a source seen only in 2 hidden', [ENTRIES + 1, ENTRIES + 2]],
    ];
    console.log(
      `${sqlite ? 'sqlite' : 'postgres'}: story of ${ENTRIES + 2} entries, ${BG_STORIES} small stories beside; median of ${ROUNDS}; load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    console.log('state | before ms | after ms | same answer');
    for (const [name, ids] of states) {
      await hide(store, ids);
      const old = beforeShares(await before());
      const now = await store.stories.hiddenShare([story]);
      const same = JSON.stringify([...old]) === JSON.stringify([...now]);
      const b = await median(ROUNDS, before);
      const a = await median(ROUNDS, () => store.stories.hiddenShare([story]));
      console.log(
        `${name} | ${b.toFixed(2)} | ${a.toFixed(2)} | ${same ? 'yes' : `NO ${JSON.stringify([...old])} ${JSON.stringify([...now])}`}`,
      );
      if (!same) process.exitCode = 1;
    }
    if (!sqlite) {
      // JIT on the pool's one connection: as the store sets it (off), then on for comparison.
      await hide(store, articles(1, 100));
      const reads: [string, () => Promise<unknown>][] = [
        ['topics.counts()', () => store.topics.counts()],
        ['topics.countsPerDay', () => store.topics.countsPerDay('dams', T0 - 86_400_000, T0 + 60 * 86_400_000)],
        ['hiddenShare after', () => store.stories.hiddenShare([story])],
        ['hiddenShare before', before],
        ['stories.copies(lead, 100, 0, shown)', () => store.stories.copies([lead], 100, 0, true)],
      ];
      for (const [label, ids] of [
        ['100 earliest articles hidden', articles(1, 100)],
        ['the story hidden whole', []],
      ] as const) {
        await hide(store, [...ids]);
        if (ids.length === 0) {
          await execRaw<HiddenShareRow>(
            store,
            `INSERT INTO curation_overrides (story_id, hidden, updated_by_name, updated_at) VALUES (${story}, TRUE, 'bench', ${T0})`,
          );
        }
        console.log(`${label}: read | jit=off ms | jit=on ms`);
        for (const [name, f] of reads) {
          const t: number[] = [];
          for (const jit of ['off', 'on']) {
            await execRaw<HiddenShareRow>(store, `SET jit = ${jit}`);
            t.push(await median(ROUNDS, f));
          }
          console.log(`${name} | ${t[0]!.toFixed(2)} | ${t[1]!.toFixed(2)}`);
        }
      }
      if (!process.argv.includes('--keep')) await execRaw<HiddenShareRow>(store, `DROP SCHEMA bench_hidden_${process.pid} CASCADE`);
    }
  } finally {
    await store.close();
  }
}

await main();
