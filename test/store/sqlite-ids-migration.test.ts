// Migration 32 (SQLite): the tables whose ids leave the store and whose rows can be deleted are
// rebuilt with AUTOINCREMENT. Checked on a store at migration 31 holding rows: every row of every
// table is the same after (ids too, and no child row lost to an ON DELETE action while a parent
// table was dropped), the schema is the same but for AUTOINCREMENT, the sequence starts past the
// highest id the store still names, the triggers (search index, language counts) still fire and
// foreign keys are enforced again.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { parseSearch } from '../../src/search/query.js';
import { SEARCH_FOLD_V2 } from '../../src/store/search-fold-frozen.js';
import { loadMigrations, migrate } from '../../src/store/sqlite/migrate.js';
import { AUTOINCREMENT_TABLES, withAutoincrement } from '../../src/store/sqlite/migrations/032-ids-never-reused.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { item } from './contract.js';

const REBUILT = new Set<string>(AUTOINCREMENT_TABLES);

/** A store file migrated up to `below` (exclusive), as the runner leaves it, foreign keys on as the store opens it. */
async function storeBefore(below: number): Promise<{ path: string; db: Database }> {
  const path = join(mkdtempSync(join(tmpdir(), 'newsdesk-ids-')), 'old.db');
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of (await loadMigrations()).filter((m) => m.version < below)) {
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)').run(m.version, m.name);
    })();
  }
  return { path, db };
}

function schema(db: Database): { type: string; name: string; tbl: string; sql: string | null }[] {
  return db
    .prepare("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_schema WHERE name <> 'sqlite_sequence' ORDER BY type, name")
    .all() as { type: string; name: string; tbl: string; sql: string | null }[];
}

/** Every row of every table (FTS5 shadow tables and the language counts included), sorted. */
function allRows(db: Database): Record<string, string[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('sqlite_sequence', 'schema_migrations') ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    out[t] = (db.prepare(`SELECT * FROM "${t}"`).raw(true).all() as unknown[][])
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
      .sort();
  }
  return out;
}

function fill(db: Database): void {
  const source = db.prepare(
    "INSERT INTO sources (id, url, next_check_at, interval_seconds, created_at) VALUES (?, 'https://s' || ?, 0, 600, 0)",
  );
  const entry = db.prepare(
    `INSERT INTO entries (id, source_id, dedupe_key, fingerprint, title, text, lang, published_at, created_at, story_id)
     VALUES (?, ?, 'k' || ?, 'f' || ?, 'Pumps ' || ?, 'Engineers repaired the pumps', ?, 1700000000000 + ?, 0, ?)`,
  );
  const story = db.prepare("INSERT INTO stories (id, key, size, created_at, updated_at, merged_into) VALUES (?, 'key' || ?, 1, 0, 0, ?)");
  const job = db.prepare("INSERT INTO jobs (id, kind, payload, run_after, created_at) VALUES (?, 'k', ?, 0, 0)");
  const delivery = db.prepare(
    "INSERT INTO alert_deliveries (id, topic_id, entry_id, channel, next_attempt_at, created_at) VALUES (?, 't', ?, 'webhook', 0, 0)",
  );
  const audit = db.prepare("INSERT INTO audit_log (at, actor_name, action, target) VALUES (0, 'ed', 'x', ?)");
  source.run(1, 1);
  source.run(2, 2);
  story.run(1, 1, null);
  story.run(3, 3, null);
  story.run(2, 2, 3);
  entry.run(1, 1, 1, 1, 1, 'fa', 1, 1);
  entry.run(2, 2, 2, 2, 2, 'en', 2, 3);
  entry.run(5, 2, 5, 5, 5, 'fa', 5, null);
  db.exec('UPDATE entries SET deleted_at = 1 WHERE id = 2'); // a tombstone: out of the search index and the counts
  db.exec("INSERT INTO entry_topics (topic_id, entry_id, published_at, tagged_at) VALUES ('t', 1, 0, 0), ('t', 5, 0, 0)");
  db.exec("INSERT INTO sightings (entry_id, source_id, first_seen, title) VALUES (1, 1, 0, 'a'), (5, 2, 0, 'b'), (1, 2, 0, 'c')");
  db.exec("INSERT INTO entry_history (entry_id, source_id, changed_at, title_before, title_after) VALUES (1, 7, 0, 'x', 'y')");
  db.exec('INSERT INTO desk_source_settings (source_id, updated_at) VALUES (2, 0)');
  db.exec("INSERT INTO curation_overrides (story_id, hidden, updated_by_name, updated_at) VALUES (3, 1, 'ed', 0)");
  db.exec("INSERT INTO curation_overrides (entry_id, pinned, updated_by_name, updated_at) VALUES (5, 1, 'ed', 0)");
  job.run(4, '{"entryId":40}');
  job.run(2, '{}');
  delivery.run(1, 1);
  delivery.run(2, 5);
  // Traces of rows deleted before the upgrade, the only word left of their ids.
  audit.run('source:9'); // a removed source
  audit.run('story:12'); // a story merged at the desk, forgotten since
  audit.run('job:30'); // a purged import
  db.exec(
    "INSERT INTO alert_log (topic_id, channel, delivery_ids, ok, target, duration_ms, attempted_at) VALUES ('t', 'webhook', '[2,17]', 1, 'x', 1, 0)",
  );
}

test('migration 32 on a store with rows: rows and ids kept, schema the same but AUTOINCREMENT, sequences past every known id', async () => {
  const { path, db } = await storeBefore(32);
  fill(db);
  const schemaBefore = schema(db);
  const rowsBefore = allRows(db);
  db.close();

  const store = await SqliteStore.open({ path });
  try {
    const after = store.db;
    assert.equal(after.pragma('foreign_keys', { simple: true }), 1, 'foreign keys enforced again');
    // Migration 33 (after this one) seeds the re-clustering row the store held none of: idle, no lease
    // (and migration 34's curation counter and 35's removals counter at 0).
    const { story_recluster: seeded, ...rowsAfter } = allRows(after);
    // Migration 39 (after this one) adds entry_topics.match_total, NULL on the rows it finds.
    rowsAfter.entry_topics = (rowsAfter.entry_topics ?? []).map((r) => r.replace(/,null\]$/, ']'));
    // Migration 40 (after this one) adds entries.outlet_name and outlet_url, NULL on the rows it
    // finds, 43 entries.lang_guessed, 0 on them (r2-ingest), and 44 search_title and search_text (p-search3).
    rowsAfter.entries = (rowsAfter.entries ?? []).map((r) => r.replace(/,null,null,0,null,null\]$/, ']'));
    // Migration 42 (after this one) writes fold version 2's compatibility forms into a table of their own (p-fold2).
    assert.equal(rowsAfter.search_fold_v2?.length, SEARCH_FOLD_V2.slice(0, -1).flatMap((s) => s.pairs).length);
    delete rowsAfter.search_fold_v2;
    const { story_recluster: none, ...rowsKept } = rowsBefore;
    assert.deepEqual([none, seeded], [[], ['[1,"idle",0,0,null,null,null,null,null,null,null,null,0,0,0]']]);
    // Migration 38 (after this one) makes the search index again, over a view of the live rows: its
    // pages differ, the rows it indexes do not (integrity-check below checks it against them).
    const fts = (rows: Record<string, string[]>) => Object.keys(rows).filter((t) => t.startsWith('entries_fts'));
    assert.deepEqual(rowsAfter.entries_fts_docsize, rowsKept.entries_fts_docsize, 'the same entries indexed');
    for (const t of fts(rowsAfter)) delete rowsAfter[t];
    for (const t of fts(rowsKept)) delete rowsKept[t];
    assert.deepEqual(rowsAfter, rowsKept, 'every row of every table, ids included');

    // The same schema, one word aside: the rebuilt tables' definitions gain AUTOINCREMENT (and the
    // renamed table's name is quoted by SQLite's ALTER TABLE … RENAME); indexes and triggers alike.
    const schemaAfter = schema(after);
    // Migrations 34 and 35 (after this one) add the curation and removals counters to the
    // re-clustering row's table.
    const plain = (sql: string | null): string | null =>
      sql === null
        ? null
        : sql
            .replace(/ AUTOINCREMENT/g, '')
            .replace(/^CREATE TABLE "(\w+)"/, 'CREATE TABLE $1')
            .replace(/, curation INTEGER NOT NULL DEFAULT 0, removals INTEGER NOT NULL DEFAULT 0\)$/, ')')
            // Migration 39 (after this one) adds entry_topics.match_total (p-matchcap).
            .replace(/ NOT NULL, match_total INTEGER,\n/, ' NOT NULL,\n')
            // Migration 40 (after this one) adds entries.outlet_name and outlet_url (p-feedzoo).
            .replace(/, outlet_name TEXT, outlet_url TEXT/, '')
            // Migration 43 (after this one) adds entries.lang_guessed (r2-ingest).
            .replace(/, lang_guessed INTEGER NOT NULL DEFAULT 0/, '')
            // Migration 44 (after this one) adds entries.search_title and search_text (p-search3).
            .replace(/, search_title TEXT, search_text TEXT/, '')
            // Migration 41 (after this one) adds host_state.next_turn (p-polite2).
            .replace(/\n\s*, next_turn INTEGER\)$/, '\n      )');
    // Migration 36 (after this one) adds two indexes of a story's entries (hiddenShare's probes).
    // Migrations 37 and 38 (after this one) fold what the search triggers index and make the index's
    // content a view of the folded rows (r-search, r2-search), and 42 adds fold version 2's table
    // (p-fold2) with its index by character (r2-fold): those objects are compared apart.
    const later = new Set([
      'entries_story_source',
      'entries_story_published',
      'entries_search_source',
      'search_fold_v2',
      'search_fold_v2_by_char',
    ]);
    const search = (r: { name: string }) => r.name.startsWith('entries_fts');
    assert.deepEqual(
      schemaAfter.filter((r) => !later.has(r.name) && !search(r)).map((r) => ({ ...r, sql: plain(r.sql) })),
      schemaBefore.filter((r) => !search(r)),
    );
    assert.deepEqual(
      schemaAfter.filter(search).map((r) => r.name),
      schemaBefore.filter(search).map((r) => r.name),
    );
    for (const r of schemaAfter.filter((x) => x.type === 'table')) {
      assert.equal(/AUTOINCREMENT/.test(r.sql ?? ''), REBUILT.has(r.name), `${r.name}: AUTOINCREMENT only where rebuilt`);
    }
    assert.equal(schemaAfter.filter((r) => r.type === 'trigger' && r.tbl === 'entries').length, 6, 'search and count triggers');

    const seq = Object.fromEntries(
      (after.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[]).map((r) => [r.name, r.seq]),
    );
    assert.deepEqual(seq, { sources: 9, stories: 12, entries: 40, jobs: 30, alert_deliveries: 17 });

    // New rows come after them.
    const src = (await store.sources.add({ url: 'https://new.example/feed' })).source;
    assert.equal(src.id, 10);
    const [e] = (await store.entries.saveBatch(src.id, [item(77, { lang: 'fa' })])).inserted;
    assert.equal(e!.id, 41);
    assert.equal((await store.jobs.enqueue({ kind: 'k', payload: {} })).job.id, 31);

    // The triggers fire: the new entry is searchable and counted; removing a source deletes its
    // entries (foreign keys on: by cascade) and takes them out of the index and the counts.
    const counts = (): Record<string, number> =>
      Object.fromEntries(
        (after.prepare('SELECT lang, n FROM entry_language_counts WHERE n > 0').all() as { lang: string; n: number }[]).map((r) => [
          r.lang,
          r.n,
        ]),
      );
    assert.deepEqual(counts(), { fa: 3 });
    assert.equal((await store.search.search({ ast: parseSearch('pumps').ast, limit: 10 })).hits.length, 2);
    assert.equal(await store.sources.remove(2), true);
    assert.equal(await store.entries.get(5), undefined);
    assert.deepEqual(counts(), { fa: 2 });
    assert.equal(after.prepare('SELECT count(*) FROM entry_topics WHERE entry_id = 5').pluck().get(), 0, 'cascade again');
    assert.doesNotThrow(() => after.prepare("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)").run());
    assert.deepEqual(after.pragma('foreign_key_check'), []);
  } finally {
    await store.close();
  }
});

test('migration 32 on an empty store: every rebuilt table has its sequence, new stores get AUTOINCREMENT too', async () => {
  const { db } = await storeBefore(32);
  assert.deepEqual((await migrate(db)).slice(0, 1), [32], 'migration 32, then any later one');
  assert.deepEqual(
    db.prepare('SELECT name, seq FROM sqlite_sequence ORDER BY name').all(),
    [...AUTOINCREMENT_TABLES].sort().map((name) => ({ name, seq: 0 })),
  );
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  db.close();
  const fresh = await SqliteStore.open({ path: join(mkdtempSync(join(tmpdir(), 'newsdesk-ids-')), 'new.db') });
  try {
    for (const t of AUTOINCREMENT_TABLES) {
      const sql = fresh.db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(t) as string;
      assert.match(sql, /\bid\s+INTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b/, t);
    }
  } finally {
    await fresh.close();
  }
});

test('a failed table rebuild leaves the store as it was, foreign keys enforced again', async () => {
  const { db } = await storeBefore(32);
  fill(db);
  const rowsBefore = allRows(db);
  // A view the rebuild does not expect (it would have to recreate it): the step refuses and rolls back.
  db.exec('CREATE VIEW live AS SELECT id FROM entries WHERE deleted_at IS NULL');
  await assert.rejects(migrate(db), /views/);
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.deepEqual(allRows(db), rowsBefore);
  assert.equal(db.prepare('SELECT count(*) FROM schema_migrations WHERE version = 32').pluck().get(), 0);
  db.close();
});

test('withAutoincrement adds the word to the id key only', () => {
  assert.equal(
    withAutoincrement('CREATE TABLE t (\n  id   INTEGER PRIMARY KEY,\n  source_id INTEGER NOT NULL)'),
    'CREATE TABLE t (\n  id   INTEGER PRIMARY KEY AUTOINCREMENT,\n  source_id INTEGER NOT NULL)',
  );
  assert.throws(() => withAutoincrement('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)'));
});
