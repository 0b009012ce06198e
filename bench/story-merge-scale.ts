// Story merges and the search page's language list on a store seeded by bench/desk-scale.ts
// (300,000 entries, ~86,000 stories): an editor's merge of two stories, the clusterer's merge of two
// keys (stories.assign with `merged`), forgetting stories (their rows deleted, as a re-clustering's
// reset does: the foreign key's ON DELETE SET NULL reaches each one's entries; timed inside a
// transaction rolled back), the language list, and a poll's batch of 100 new entries (what the
// write side pays for the index and the language counts). The merges change the store: run it on a
// copy. Prints ms per operation (median, and each) and the machine's load.
//
//   npx tsc -p tsconfig.json && cp /tmp/desk-scale.db /tmp/merge.db
//   nice -n 10 node dist/bench/story-merge-scale.js --db /tmp/merge.db
//   nice -n 10 node dist/bench/story-merge-scale.js --pg postgres://postgres@127.0.0.1:5432/merge_copy
//   options: --rounds 5 (merges, key merges, batches), --forget 20 (stories forgotten)
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PostgresStore } from '../src/store/postgres/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { numberOption, option } from './lib/args.js';

const ROUNDS = numberOption('--rounds', 5);
const FORGET = numberOption('--forget', 20);
/** With --batches-only: the batches of new entries alone, this many (the write side's cost). */
const BATCHES = numberOption('--batches', ROUNDS);
const batchesOnly = process.argv.includes('--batches-only');
const pgUrl = option('--pg', '');
const dbPath = option('--db', '/tmp/merge.db');

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function time(label: string, runs: (() => Promise<unknown>)[]): Promise<void> {
  const ms: number[] = [];
  for (const run of runs) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  console.log(`${label} | ${median(ms).toFixed(1)} | ${ms.map((x) => x.toFixed(1)).join(' ')}`);
}

async function raw<T>(store: Store, sql: string): Promise<T[]> {
  if (store instanceof SqliteStore) return store.db.prepare(sql).all() as T[];
  return (await (store as PostgresStore).pool.query(sql)).rows as T[];
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const store: Store = pgUrl ? await PostgresStore.open({ url: pgUrl }) : await SqliteStore.open({ path: dbPath });
  const opened = performance.now() - t0;
  try {
    console.log(
      `${pgUrl ? 'postgres' : 'sqlite'}: ${await store.entries.count()} live entries; opened (migrations included) in ${opened.toFixed(0)} ms; load ${load()}`,
    );
    console.log('operation | median ms | each');
    if (!batchesOnly) await merges(store);
    const source = (await store.sources.list())[0]!.id;
    const tag = Date.now().toString(36);
    await time(
      'entries.saveBatch of 100 new entries',
      Array.from(
        { length: BATCHES },
        (_, r) => () =>
          store.entries.saveBatch(
            source,
            Array.from({ length: 100 }, (_, i) => ({
              dedupeKey: `merge-bench-${tag}-${r}-${i}`,
              fingerprint: `merge-bench-${tag}-${r}-${i}`,
              url: `https://merge-bench.example/${tag}/${r}/${i}`,
              title: `Merge bench ${r} ${i}`,
              author: null,
              contentHtml: '<p>Harbour council.</p>',
              text: 'Harbour council.',
              lang: i % 2 ? 'en' : 'fr',
              dir: 'ltr' as const,
              publishedAt: Date.now(),
              updatedAt: null,
            })),
          ),
      ),
    );
    console.log(`load after: ${load()}`);
  } finally {
    await store.close();
  }
}

async function merges(store: Store): Promise<void> {
  // Stories of 2+ articles, newest first, taken in pairs; the same pairs on every copy of a seed.
  const stories = (await store.stories.list({ limit: 200 })).items.filter((s) => s.articles >= 2);
  const pair = (i: number) => [stories[2 * i]!, stories[2 * i + 1]!] as const;
  await time(
    'stories.merge (an editor)',
    Array.from({ length: ROUNDS }, (_, i) => () => store.stories.merge(pair(i)[0].id, pair(i)[1].id)),
  );
  await time(
    'stories.assign merging two keys (the clusterer)',
    Array.from({ length: ROUNDS }, (_, i) => async () => {
      const [a, b] = pair(ROUNDS + i);
      const lead = a.leadEntryId!;
      await store.stories.assign([{ entryId: lead, storyKey: a.key, merged: [b.key] }]);
    }),
  );
  // Forgetting stories: their rows deleted in a transaction that is rolled back.
  const forget = stories.slice(4 * ROUNDS, 4 * ROUNDS + FORGET).map((s) => s.id);
  const list = forget.join(', ');
  await time(`forgetting ${forget.length} stories (ON DELETE SET NULL), rolled back`, [
    async () => {
      if (store instanceof SqliteStore) {
        store.db.exec('BEGIN');
        store.db.exec(`DELETE FROM stories WHERE id IN (${list})`);
        store.db.exec('ROLLBACK');
      } else {
        const c = await (store as PostgresStore).pool.connect();
        try {
          await c.query('BEGIN');
          await c.query(`DELETE FROM stories WHERE id IN (${list})`);
          await c.query('ROLLBACK');
        } finally {
          c.release();
        }
      }
    },
  ]);
  await time(
    'search.languages()',
    Array.from({ length: ROUNDS }, () => () => store.search.languages()),
  );
  const counted = (
    await raw<{ lang: string }>(
      store,
      `SELECT lang FROM entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang ORDER BY COUNT(*) DESC, lang${pgUrl ? ' COLLATE "C"' : ''} LIMIT 100`,
    )
  ).map((r) => r.lang);
  const listed = await store.search.languages();
  console.log(
    `language list ${listed.join(' ')} | ${JSON.stringify(listed) === JSON.stringify(counted) ? 'same as' : 'DIFFERS from'} a count of every live entry`,
  );
}

await main();
