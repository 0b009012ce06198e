// SourceRepo.remove of a big source whose entries are originals with copies on other sources
// (p-removepromote): what the new statements cost (repointCopiesSql: one copy promoted per original,
// the others re-pointed to it; promotedStoriesSql: the stories to recount) next to the whole removal,
// and a check of the outcome. Not a test: timings only, printed.
//
// The store: source 1 holds --entries originals (default 100,000); every 5th has 3 copies on the 10
// other sources, one of the three in a story of its own (copies kept in another story); entry 1, a
// wire story everyone ran, has --fan copies (default 10,000); 100 originals with copies are hidden;
// --filler unrelated entries (default 50,000) on the other sources, half of them copies of the other half. Statistics taken (ANALYZE).
// Each run: the new statements alone in a transaction rolled back (median of --rounds), their plans,
// then the whole removal once, timed, and its outcome checked.
//
//   npm run build && nice -n 10 node dist/bench/source-removal.js
//   nice -n 10 node dist/bench/source-removal.js --pg postgres://postgres@127.0.0.1:5432/db
//   options: --entries 100000 --fan 10000 --filler 50000 --rounds 5 --db FILE (SQLite; default in memory)
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PostgresStore } from '../src/store/postgres/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
// As a namespace: on a build of main (before p-removepromote) the two builders are absent, and only
// the whole removal is timed, for a before/after of it.
import * as storyRows from '../src/store/story-rows.js';
import { numberOption, option } from './lib/args.js';
import { execRaw, insertRows } from './lib/raw-sql.js';

const ENTRIES = numberOption('--entries', 100_000);
const FAN = numberOption('--fan', 10_000);
const FILLER = numberOption('--filler', 50_000);
const ROUNDS = numberOption('--rounds', 5);
const pgUrl = option('--pg', '');
const dbPath = option('--db', ':memory:');
const OTHERS = 10;
const T0 = Date.UTC(2026, 10, 1);
const schema = `bench_srcrm_${process.pid}`;

type Row = Record<string, unknown>;
// The builders' shapes, written out so this file also compiles against main (where they are absent).
type Repoint = (pg: boolean, p: (n: number) => string) => string;
type Promoted = (p: (n: number) => string, pg?: boolean) => string;

/** Seeds the store; answers the originals with a copy elsewhere and the hidden ones. */
async function seed(store: Store): Promise<{ withCopies: number; hidden: number[] }> {
  const sources: unknown[][] = [];
  for (let s = 1; s <= OTHERS + 1; s++) sources.push([s, `https://s${s}.example/feed`, T0, 900, T0]);
  await insertRows(store, 'sources', ['id', 'url', 'next_check_at', 'interval_seconds', 'created_at'], sources);
  const entries: unknown[][] = [];
  const sightings: unknown[][] = [];
  const stories: unknown[][] = [];
  let id = 0;
  let story = 0;
  const newStory = () => {
    story++;
    stories.push([story, `st${story}`, T0, T0]);
    return story;
  };
  const add = (source: number, st: number | null, dup: number | null, at: number) => {
    id++;
    entries.push([id, source, `k${id}`, `f${id}`, `Entry ${id}`, 'en', at, T0, st, dup]);
    sightings.push([id, source, at, `Entry ${id}`]);
    return id;
  };
  let withCopies = 0;
  const hidden: number[] = [];
  const originals: { id: number; story: number; at: number }[] = [];
  let shared = newStory();
  for (let j = 0; j < ENTRIES; j++) {
    const at = T0 + j * 60_000;
    const copied = j === 0 || j % 5 === 0;
    if (!copied && j % 4 === 0) shared = newStory();
    const st = copied ? newStory() : shared;
    const o = add(1, st, null, at);
    if (copied) originals.push({ id: o, story: st, at });
  }
  for (const [i, o] of originals.entries()) {
    const fan = o.id === 1 ? FAN : 3;
    for (let k = 0; k < fan; k++) add(((i + k) % OTHERS) + 2, k === 2 ? newStory() : o.story, o.id, o.at + (k + 1) * 1_000);
    withCopies++;
    if (i % Math.max(1, Math.floor(originals.length / 100)) === 0 && hidden.length < 100) hidden.push(o.id);
  }
  // Unrelated entries, every second a copy of the one before (copies the removal must not read).
  let prev = 0;
  for (let f = 0; f < FILLER; f++) prev = add((f % OTHERS) + 2, null, f % 2 === 1 ? prev : null, T0 + f * 30_000);
  await insertRows(store, 'stories', ['id', 'key', 'created_at', 'updated_at'], stories);
  await insertRows(
    store,
    'entries',
    ['id', 'source_id', 'dedupe_key', 'fingerprint', 'title', 'lang', 'published_at', 'created_at', 'story_id', 'duplicate_of'],
    entries,
  );
  await insertRows(store, 'sightings', ['entry_id', 'source_id', 'first_seen', 'title'], sightings);
  const yes = store instanceof SqliteStore ? 1 : true;
  await insertRows(
    store,
    'curation_overrides',
    ['entry_id', 'hidden', 'updated_by_name', 'updated_at'],
    hidden.map((h) => [h, yes, 'bench', T0]),
  );
  await execRaw<Row>(store, store instanceof SqliteStore ? 'ANALYZE' : 'VACUUM ANALYZE');
  return { withCopies, hidden };
}

async function main(): Promise<void> {
  const store: Store = pgUrl ? await PostgresStore.open({ url: pgUrl, schema, poolSize: 2 }) : await SqliteStore.open({ path: dbPath });
  const sqlite = store instanceof SqliteStore;
  try {
    const t = performance.now();
    const { withCopies, hidden } = await seed(store);
    const copies = withCopies - 1 + FAN + (withCopies - 1) * 2;
    console.log(
      `${sqlite ? 'sqlite' : 'postgres'}: source of ${ENTRIES} entries, ${withCopies} with copies elsewhere (${copies} copies, one original with ${FAN}), ` +
        `${hidden.length} hidden, ${FILLER} other entries; seeded in ${((performance.now() - t) / 1000).toFixed(1)} s; load ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
    );
    const builders = storyRows as unknown as { repointCopiesSql?: Repoint; promotedStoriesSql?: Promoted };
    const after = builders.repointCopiesSql !== undefined && builders.promotedStoriesSql !== undefined;
    if (builders.repointCopiesSql && builders.promotedStoriesSql)
      await statements(store, builders.repointCopiesSql, builders.promotedStoriesSql);
    else console.log('a build without repointCopiesSql (main): the whole removal only');
    // The whole removal, once.
    const a = performance.now();
    assert(await store.sources.remove(1), 'removed');
    console.log(`sources.remove: ${(performance.now() - a).toFixed(1)} ms`);
    // The outcome: one article per original that had a copy, every other copy points at a live article.
    const dangling = await execRaw<Row>(
      store,
      'SELECT COUNT(*) AS n FROM entries c WHERE c.duplicate_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entries o WHERE o.id = c.duplicate_of AND o.duplicate_of IS NULL AND o.deleted_at IS NULL)',
    );
    const copiesLeft = await execRaw<Row>(store, 'SELECT COUNT(*) AS n FROM entries WHERE duplicate_of IS NOT NULL');
    const carried = await execRaw<Row>(store, `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'teaser.hide.carried'`);
    const hiddenNow = await execRaw<Row>(store, `SELECT COUNT(*) AS n FROM curation_overrides WHERE hidden = ${sqlite ? 1 : 'true'}`);
    const got = [dangling, copiesLeft, carried, hiddenNow].map((r) => Number(r[0]!.n));
    // main freed every copy and hid each copy of a hidden original (3 each; the first hidden is entry 1, with --fan).
    const bg = Math.floor(FILLER / 2);
    const want = after
      ? [0, copies - withCopies + bg, hidden.length, hidden.length]
      : [0, bg, FAN + (hidden.length - 1) * 3, FAN + (hidden.length - 1) * 3];
    console.log(
      `outcome [dangling, copies left, carried records, hidden overrides]: ${JSON.stringify(got)} (expected ${JSON.stringify(want)})`,
    );
    if (JSON.stringify(got) !== JSON.stringify(want)) process.exitCode = 1;
    if (!sqlite) await execRaw<Row>(store, `DROP SCHEMA ${schema} CASCADE`);
  } finally {
    await store.close();
  }
}

/** The new statements' plans and their time alone, each round in a transaction rolled back. */
async function statements(store: Store, repointCopiesSql: Repoint, promotedStoriesSql: Promoted): Promise<void> {
  const sqlite = store instanceof SqliteStore;
  const p = sqlite ? () => '@id' : () => '$1';
  const repoint = repointCopiesSql(!sqlite, p);
  const promoted = promotedStoriesSql(p, !sqlite);
  const args = sqlite ? [{ id: 1 }] : [1];
  // The plans.
  for (const [name, sql] of [
    ['repoint', repoint],
    ['promoted stories', promoted],
  ] as const) {
    const plan = await execRaw<Row>(store, `${sqlite ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${sql}`, args);
    console.log(`plan of ${name}:\n  ${plan.map((r) => (sqlite ? r.detail : r['QUERY PLAN'])).join('\n  ')}`);
  }
  // The new statements alone, rolled back each round.
  const times: number[][] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (sqlite) {
      const db = (store as SqliteStore).db;
      db.exec('BEGIN');
      const a = performance.now();
      db.prepare(repoint).run({ id: 1 });
      const b = performance.now();
      const n = db.prepare(promoted).all({ id: 1 }).length;
      const c = performance.now();
      db.exec('ROLLBACK');
      times.push([b - a, c - b, n]);
    } else {
      const client = await (store as PostgresStore).pool.connect();
      try {
        await client.query('BEGIN');
        const a = performance.now();
        await client.query(repoint, [1]);
        const b = performance.now();
        const n = (await client.query(promoted, [1])).rowCount ?? 0;
        const c = performance.now();
        await client.query('ROLLBACK');
        times.push([b - a, c - b, n]);
      } finally {
        client.release();
      }
    }
  }
  const med = (k: number) => times.map((x) => x[k]!).sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
  console.log(`repoint statement: median ${med(0).toFixed(1)} ms; promoted stories: ${med(1).toFixed(1)} ms (${med(2)} stories)`);
}

function assert(ok: boolean, what: string): void {
  if (!ok) throw new Error(`not ${what}`);
}

await main();
