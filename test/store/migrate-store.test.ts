// migrate-store between two SQLite files, and the command's refusals: what runs without a
// PostgreSQL server. The PostgreSQL round trip, kill -9 and resume are in migrate-store-postgres.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { copyStore } from '../../src/store/copy/copy-store.js';
import { CopyError } from '../../src/store/copy/types.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { loadMigrations } from '../../src/store/sqlite/migrate.js';
import { parseSearch } from '../../src/search/query.js';
import { runCli } from '../helpers/run-cli.js';
import { populate } from './migrate-store-data.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-migrate-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (): string => join(dir, `s${++n}.db`);

async function sourceFile(perSource = 40): Promise<string> {
  const path = file();
  const store = await SqliteStore.open({ path });
  await populate(store, perSource);
  await store.close();
  return path;
}

/** A target that already has the two tables the source's "other branch" added (as its migrations would). */
function targetWithExtras(): string {
  const path = file();
  const db = new BetterSqlite3(path);
  db.exec(
    'CREATE TABLE sightings_extra (id INTEGER PRIMARY KEY, story TEXT NOT NULL, payload BLOB, seen BOOLEAN NOT NULL, seen_at INTEGER, score REAL, meta TEXT); CREATE TABLE notes_nokey (body TEXT, n INTEGER);',
  );
  db.close();
  return path;
}

function rows(path: string, sql: string): unknown[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

/** The language list as counting every live entry of the file gives it. */
function counted(path: string): string[] {
  return (
    rows(
      path,
      'SELECT lang FROM entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang ORDER BY COUNT(*) DESC, lang LIMIT 100',
    ) as {
      lang: string;
    }[]
  ).map((r) => r.lang);
}

describe('migrate-store, SQLite to SQLite', () => {
  test('copies every table, tombstones and extra tables included, and verifies counts and checksums', async () => {
    const from = await sourceFile();
    const to = targetWithExtras();
    const report = await copyStore({ from: `sqlite:${from}`, to: `sqlite:${to}`, batchSize: 7 });
    assert.equal(report.ok, true);
    const names = report.tables.map((t) => t.table).sort();
    for (const t of ['alert_deliveries', 'alert_log', 'entries', 'entry_topics', 'notes_nokey', 'sightings_extra', 'sources', 'topics']) {
      assert.ok(names.includes(t), `${t} copied`);
    }
    assert.ok(!names.some((t) => t.startsWith('entries_fts')), 'FTS shadow tables are rebuilt by the target, not copied');
    for (const t of report.tables) {
      const [{ c }] = rows(from, `SELECT count(*) AS c FROM "${t.table}"`) as [{ c: number }];
      assert.equal(t.sourceRows, c, t.table);
      assert.equal(t.targetRows, c, t.table);
    }
    // Row for row, as SQLite itself sees them (the copy's own checksum is not the only judge).
    for (const t of ['sources', 'entries', 'entry_topics', 'topics', 'alert_deliveries', 'alert_log', 'sightings_extra']) {
      assert.deepEqual(rows(to, `SELECT * FROM "${t}" ORDER BY 1, 2`), rows(from, `SELECT * FROM "${t}" ORDER BY 1, 2`), t);
    }
    assert.deepEqual(
      rows(to, 'SELECT body, n FROM notes_nokey ORDER BY rowid'),
      rows(from, 'SELECT body, n FROM notes_nokey ORDER BY rowid'),
    );
    assert.deepEqual(
      rows(to, "SELECT name FROM sqlite_schema WHERE name = '_migrate_progress'"),
      [],
      'the progress record is dropped once verified',
    );

    const store = await SqliteStore.open({ path: to });
    try {
      const deleted = rows(to, 'SELECT id FROM entries WHERE deleted_at IS NOT NULL') as { id: number }[];
      assert.equal(deleted.length, 2);
      assert.equal(await store.entries.get(deleted[0]!.id), undefined, 'a tombstone stays deleted');
      const found = await store.search.search({ ...parseSearch('harbour'), limit: 5 });
      assert.ok(found.hits.length > 0, 'the full-text index is filled in the target');
      assert.deepEqual(await store.search.languages(), counted(to), "the language counts are the target's own, rebuilt by its triggers");
      const { source } = await store.sources.add({ url: 'https://new.example/feed' });
      assert.ok(source.id > 3, 'new ids continue after the copied ones');
    } finally {
      await store.close();
    }
  });

  test('ids the source handed out and deleted are not handed out again by the copy', async () => {
    const from = file();
    const src = await SqliteStore.open({ path: from });
    await src.sources.add({ url: 'https://kept.example/feed' });
    const gone = (await src.sources.add({ url: 'https://gone.example/feed' })).source;
    await src.sources.remove(gone.id);
    await src.close();
    const to = file();
    assert.equal((await copyStore({ from: `sqlite:${from}`, to: `sqlite:${to}` })).ok, true);
    const store = await SqliteStore.open({ path: to });
    try {
      const next = (await store.sources.add({ url: 'https://next.example/feed' })).source;
      assert.ok(next.id > gone.id, `source ${next.id} after ${gone.id}, removed before the copy`);
    } finally {
      await store.close();
    }
  });

  test('refuses a non-empty target unless --force, which empties it first', async () => {
    const from = await sourceFile(5);
    const to = targetWithExtras();
    assert.equal((await copyStore({ from: `sqlite:${from}`, to: `sqlite:${to}` })).ok, true);
    await assert.rejects(copyStore({ from: `sqlite:${from}`, to: `sqlite:${to}` }), (err: Error) => {
      assert.ok(err instanceof CopyError);
      assert.match(err.message, /not empty.*sources \(3\).*--force/s);
      return true;
    });
    const again = await copyStore({ from: `sqlite:${from}`, to: `sqlite:${to}`, force: true });
    assert.equal(again.ok, true);
    assert.equal(again.tables.find((t) => t.table === 'entries')?.targetRows, 15);
  });

  test('a target made by `newsdesk migrate` counts as empty, and so do rows a migration seeds', async () => {
    const from = await sourceFile(3);
    const to = targetWithExtras();
    const migrated = await runCli(['migrate', '--db', to]);
    assert.equal(migrated.code, 0, migrated.stderr);
    // As a migration that seeds a one-row table would leave it (stories' re-cluster progress, say).
    const db = new BetterSqlite3(to);
    db.prepare("INSERT INTO sightings_extra (id, story, seen) VALUES (3, 'seeded by a migration', 0)").run();
    db.close();
    // The re-clustering row is seeded by a real migration (SQLite 33, PostgreSQL 34).
    const seedRows = new Map([
      ['sightings_extra', 1],
      ['story_recluster', 1],
    ]);
    const report = await copyStore({ from: `sqlite:${from}`, to: `sqlite:${to}`, seedRows });
    assert.equal(report.ok, true, "the seeded row gave way to the source's row with the same key");
    assert.deepEqual(rows(to, 'SELECT story FROM sightings_extra WHERE id = 3'), [{ story: 'story-1' }]);

    const to2 = targetWithExtras();
    const db2 = new BetterSqlite3(to2);
    db2.exec("INSERT INTO sightings_extra (id, story, seen) VALUES (1, 'a', 0), (2, 'b', 0)");
    db2.close();
    await assert.rejects(
      copyStore({ from: `sqlite:${from}`, to: `sqlite:${to2}`, seedRows }),
      /not empty \(rows in sightings_extra \(2\)\)/,
    );
  });

  test('an interrupted copy refuses a fresh start and continues with resume, writing each row once', async () => {
    const from = await sourceFile(30);
    const to = targetWithExtras();
    await assert.rejects(
      copyStore({
        from: `sqlite:${from}`,
        to: `sqlite:${to}`,
        batchSize: 10,
        afterBatch: (_t, batches) => {
          if (batches === 6) throw new Error('injected failure after 6 batches');
        },
      }),
      /injected failure/,
    );
    const marks = rows(to, 'SELECT table_name, copied, done FROM _migrate_progress') as { copied: number; done: number }[];
    const copiedBefore = marks.reduce((s, m) => s + m.copied, 0);
    assert.ok(copiedBefore > 0 && copiedBefore <= 60, `six batches of at most ten rows were kept (${copiedBefore})`);
    assert.ok(marks.some((m) => m.done === 0));

    await assert.rejects(copyStore({ from: `sqlite:${from}`, to: `sqlite:${to}` }), /interrupted copy.*--resume/);
    const resumed = await copyStore({ from: `sqlite:${from}`, to: `sqlite:${to}`, batchSize: 10, resume: true });
    assert.equal(resumed.ok, true);
    const total = resumed.tables.reduce((s, t) => s + t.sourceRows, 0);
    assert.equal(resumed.copiedRows, total - copiedBefore, 'the resumed run wrote only the rows not yet copied');
    await assert.rejects(copyStore({ from: `sqlite:${from}`, to: `sqlite:${to}`, resume: true }), /no interrupted copy to resume/);
    const store = await SqliteStore.open({ path: to });
    try {
      const langs = await store.search.languages();
      assert.ok(langs.length > 0);
      assert.deepEqual(langs, counted(to), 'each entry counted once across the interruption');
    } finally {
      await store.close();
    }
  });

  test('verification catches a target that differs from the source, and keeps the progress record', async () => {
    const from = await sourceFile(10);
    const to = targetWithExtras();
    let meddled = false;
    const report = await copyStore({
      from: `sqlite:${from}`,
      to: `sqlite:${to}`,
      batchSize: 5,
      afterBatch: (table) => {
        // Something else edits a row the copy already wrote (between two of its transactions).
        if (meddled || table !== 'entries') return;
        const db = new BetterSqlite3(to);
        db.prepare("UPDATE sources SET title = 'changed behind the copy' WHERE id = 1").run();
        db.close();
        meddled = true;
      },
    });
    assert.equal(report.ok, false);
    const bad = report.tables.filter((t) => !t.ok).map((t) => t.table);
    assert.deepEqual(bad, ['sources']);
    const sources = report.tables.find((t) => t.table === 'sources')!;
    assert.equal(sources.sourceRows, sources.targetRows, 'same count, different content');
    assert.notEqual(sources.sourceChecksum, sources.targetChecksum);
    assert.equal(rows(to, "SELECT name FROM sqlite_schema WHERE name = '_migrate_progress'").length, 1);
  });

  test("the source must be at this version's migration level", async () => {
    const from = await sourceFile(2);
    const db = new BetterSqlite3(from);
    db.prepare('DELETE FROM schema_migrations WHERE version = 5').run();
    db.close();
    await assert.rejects(copyStore({ from: `sqlite:${from}`, to: `sqlite:${file()}` }), (err: Error) => {
      assert.match(err.message, /older schema.*5 \(previous source addresses\).*newsdesk migrate/s);
      return true;
    });
    const db2 = new BetterSqlite3(from);
    db2.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)").run();
    db2.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (5, 'previous source addresses', 0)").run();
    db2.close();
    await assert.rejects(copyStore({ from: `sqlite:${from}`, to: `sqlite:${file()}` }), /newer Newsdesk.*99/);
  });

  test('a plain SQLite file that is no Newsdesk store, and a missing one, are named as such', async () => {
    const plain = file();
    const db = new BetterSqlite3(plain);
    db.exec('CREATE TABLE t (x)');
    db.close();
    await assert.rejects(copyStore({ from: `sqlite:${plain}`, to: `sqlite:${file()}` }), /not a Newsdesk store/);
    await assert.rejects(copyStore({ from: `sqlite:${join(dir, 'missing.db')}`, to: `sqlite:${file()}` }), /no SQLite database at/);
  });
});

describe('newsdesk migrate-store (command line)', () => {
  test('a wrong URL is a clear error, a missing --to a usage error', async () => {
    const from = await sourceFile(2);
    const bad = await runCli(['migrate-store', '--from', `sqlite:${from}`, '--to', 'mysql://root:secret@db/newsdesk']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--to: "mysql:\/\/root:\*\*\*@db\/newsdesk" is neither sqlite:PATH nor a postgres:\/\/ URL/);
    assert.doesNotMatch(bad.stderr, /secret/);
    const missing = await runCli(['migrate-store', '--from', `sqlite:${from}`]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--to is required/);
    const unreachable = await runCli(['migrate-store', '--from', `sqlite:${from}`, '--to', 'postgres://u:pw@127.0.0.1:1/none']);
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /cannot connect to postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/none/);
  });

  test('copies, prints the per-table report and plain progress lines off a terminal', async () => {
    const from = await sourceFile(10);
    const to = targetWithExtras();
    const run = await runCli(['migrate-store', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`, '--batch-size', '8']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^entries\s+30\s+30\s+ok [0-9a-f]{16}$/m);
    assert.match(run.stderr, /^copy: \d+\/\d+ rows$/m);
    assert.match(run.stderr, /tables verified \(counts and checksums equal\)/);
  });

  test('newsdesk migrate brings a store to the current level, and says so', async () => {
    const path = file();
    const first = await runCli(['migrate', '--db', path]);
    assert.equal(first.code, 0, first.stderr);
    const versions = (await loadMigrations()).map((m) => m.version);
    assert.match(
      first.stdout,
      new RegExp(`applied migration\\(s\\) ${versions.join(', ')}; the schema is at migration ${Math.max(...versions)}`),
    );
    const again = await runCli(['migrate', '--db', path]);
    assert.match(again.stdout, /up to date/);
  });
});
