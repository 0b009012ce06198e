// migrate-store with a real PostgreSQL server: SQLite → PostgreSQL → SQLite with equal counts and
// checksums and a working store at each end, kill -9 of the command mid-copy then --resume, and a
// non-empty target refused. Runs when NEWSDESK_TEST_POSTGRES_URL names a database.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { parseSearch } from '../../src/search/query.js';
import { copyStore } from '../../src/store/copy/copy-store.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { cliCommand } from '../helpers/repo.js';
import { runCli } from '../helpers/run-cli.js';
import { EXTRA_TABLES_POSTGRES, populate } from './migrate-store-data.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

if (!url) {
  test('migrate-store with PostgreSQL', (t) => {
    t.skip('NEWSDESK_TEST_POSTGRES_URL is not set: the PostgreSQL migrate-store tests are skipped');
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const schemas: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-migrate-pg-'));
  after(async () => {
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });
  let n = 0;
  const file = (): string => join(dir, `s${++n}.db`);

  /** A schema of its own, holding the extra tables as another branch's migration would make them. */
  async function schemaWithExtras(): Promise<string> {
    const s = `newsdesk_mig_${process.pid}_${randomBytes(4).toString('hex')}`;
    schemas.push(s);
    await admin.query(`CREATE SCHEMA "${s}"; SET search_path = "${s}"; ${EXTRA_TABLES_POSTGRES}; RESET search_path`);
    return s;
  }
  const pgUrl = (schema: string): string => `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;

  async function sqliteSource(perSource: number): Promise<string> {
    const path = file();
    const store = await SqliteStore.open({ path });
    await populate(store, perSource);
    await store.close();
    return path;
  }

  describe('migrate-store, SQLite to PostgreSQL and back', () => {
    test('ids the source handed out and deleted are not handed out again, either way', async () => {
      const from = file();
      const src = await SqliteStore.open({ path: from });
      await src.sources.add({ url: 'https://kept.example/feed' });
      const gone = (await src.sources.add({ url: 'https://gone.example/feed' })).source;
      await src.sources.remove(gone.id);
      await src.close();
      const schema = `newsdesk_mig_${process.pid}_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      await admin.query(`CREATE SCHEMA "${schema}"`);
      assert.equal((await copyStore({ from: `sqlite:${from}`, to: pgUrl(schema) })).ok, true);
      const there = await PostgresStore.open({ url: url!, schema });
      let goneThere: number;
      try {
        const next = (await there.sources.add({ url: 'https://next.example/feed' })).source;
        assert.ok(next.id > gone.id, `PostgreSQL: source ${next.id} after ${gone.id}, removed before the copy`);
        await there.sources.remove(next.id);
        goneThere = next.id;
      } finally {
        await there.close();
      }
      const back = file();
      assert.equal((await copyStore({ from: pgUrl(schema), to: `sqlite:${back}` })).ok, true);
      const home = await SqliteStore.open({ path: back });
      try {
        const next = (await home.sources.add({ url: 'https://home.example/feed' })).source;
        assert.ok(next.id > goneThere, `SQLite: source ${next.id} after ${goneThere}, removed in PostgreSQL before the copy`);
      } finally {
        await home.close();
      }
    });

    test('round trip: every table copied with equal counts and checksums, both stores usable', async () => {
      const from = await sqliteSource(40);
      const schema = await schemaWithExtras();
      const there = await copyStore({ from: `sqlite:${from}`, to: pgUrl(schema), batchSize: 25 });
      assert.equal(there.ok, true, JSON.stringify(there.tables));
      const names = there.tables.map((t) => t.table);
      for (const t of ['sources', 'entries', 'entry_topics', 'topics', 'alert_deliveries', 'alert_log', 'sightings_extra', 'notes_nokey']) {
        assert.ok(names.includes(t), `${t} copied`);
      }

      // Values in their PostgreSQL types, read with plain SQL.
      const c = await admin.connect();
      try {
        await c.query(`SET search_path = "${schema}"`);
        const s = (await c.query('SELECT seen, seen_at, payload, meta, score FROM sightings_extra WHERE id = 3')).rows[0];
        assert.equal(s.seen, true);
        assert.equal(new Date(s.seen_at).getTime(), Date.UTC(2026, 0, 5, 9, 0, 1));
        assert.deepEqual([...s.payload], [0, 1, 255, 10]);
        assert.deepEqual(s.meta, { z: 1, a: [1, 'x'], nested: { b: true, a: null } });
        assert.equal(s.score, 1 / 7);
        const log = (await c.query('SELECT ok FROM alert_log')).rows;
        assert.deepEqual(log, [{ ok: true }], 'SQLite 1 is PostgreSQL true');
        const moved = (await c.query("SELECT previous_urls FROM sources WHERE url = 'https://blog.example/atom'")).rows[0];
        assert.deepEqual(moved.previous_urls, [{ url: 'http://old.example/feed', movedAt: Date.UTC(2026, 0, 5, 9) - 86_400_000 }]);
        assert.equal((await c.query("SELECT to_regclass('_migrate_progress') AS t")).rows[0].t, null, 'progress record dropped');
      } finally {
        await c.query('RESET search_path');
        c.release();
      }

      // The PostgreSQL store works: search (generated column), feed metadata, tombstones, new ids.
      const sqlite = await SqliteStore.open({ path: from });
      const store = await PostgresStore.open({ url, schema, poolSize: 2 });
      try {
        assert.equal(await store.entries.count(), await sqlite.entries.count());
        const hits = await store.search.search({ ...parseSearch('harbour'), limit: 100 });
        const sqliteHits = await sqlite.search.search({ ...parseSearch('harbour'), limit: 100 });
        assert.deepEqual(hits.hits.map((h) => h.entry.id).sort(), sqliteHits.hits.map((h) => h.entry.id).sort());
        assert.deepEqual(await store.search.languages(), await sqlite.search.languages(), "the target's triggers counted the languages");
        for (const src of await sqlite.sources.list()) {
          assert.deepEqual(await store.sources.getFeedMeta(src.id), await sqlite.sources.getFeedMeta(src.id));
          assert.deepEqual(await store.sources.get(src.id), src);
        }
        assert.deepEqual(await store.topics.listDefinitions(), await sqlite.topics.listDefinitions());
        assert.deepEqual(await store.alerts.log({ limit: 10 }), await sqlite.alerts.log({ limit: 10 }));
        assert.deepEqual(await store.accounts.listUsers(), await sqlite.accounts.listUsers());
        assert.equal((await store.accounts.findUser('zoë'))?.disabled, true, 'a disabled account stays disabled');
        assert.deepEqual(await store.accounts.getSession('a'.repeat(64)), await sqlite.accounts.getSession('a'.repeat(64)));
        assert.deepEqual(await store.accounts.findToken('b'.repeat(64)), await sqlite.accounts.findToken('b'.repeat(64)));
        assert.deepEqual(await store.accounts.getThrottle('account:zoë'), await sqlite.accounts.getThrottle('account:zoë'));
        const tomb = sqlite.db.prepare('SELECT id, dedupe_key FROM entries WHERE deleted_at IS NOT NULL').all() as { id: number }[];
        assert.equal(tomb.length, 2);
        assert.equal(await store.entries.get(tomb[0]!.id), undefined);
        const { source } = await store.sources.add({ url: 'https://after.example/feed' });
        assert.equal(source.id, 4, 'the identity sequence continues after the copied ids');
        await store.sources.remove(source.id);
      } finally {
        await store.close();
        await sqlite.close();
      }

      // And back into a new SQLite file: the same checksums as the original, a working FTS index.
      const back = file();
      const db = new BetterSqlite3(back);
      db.exec(
        'CREATE TABLE sightings_extra (id INTEGER PRIMARY KEY, story TEXT NOT NULL, payload BLOB, seen BOOLEAN NOT NULL, seen_at INTEGER, score REAL, meta TEXT); CREATE TABLE notes_nokey (body TEXT, n INTEGER);',
      );
      db.close();
      const home = await copyStore({ from: pgUrl(schema), to: `sqlite:${back}`, batchSize: 30 });
      assert.equal(home.ok, true, JSON.stringify(home.tables));
      for (const t of there.tables) {
        // Removing a source above (on PostgreSQL) raised the story step's removals counter (c-live):
        // that row is compared below, with it.
        if (t.table === 'story_recluster') continue;
        const b = home.tables.find((x) => x.table === t.table);
        assert.equal(b?.targetChecksum, t.sourceChecksum, `${t.table}: what came back is what left`);
      }
      const progressRow = (path: string): Record<string, unknown> => {
        const d = new BetterSqlite3(path, { readonly: true });
        try {
          return d.prepare('SELECT * FROM story_recluster').get() as Record<string, unknown>;
        } finally {
          d.close();
        }
      };
      const left = progressRow(from);
      assert.deepEqual(progressRow(back), { ...left, removals: Number(left.removals) + 1 }, 'story_recluster: what left, one removal more');
      // And from one PostgreSQL schema to another (64-bit ids as text, identity columns, a table without a key).
      const copy2 = await schemaWithExtras();
      const across = await copyStore({ from: pgUrl(schema), to: pgUrl(copy2), batchSize: 7 });
      assert.equal(across.ok, true, JSON.stringify(across.tables));
      for (const t of there.tables) {
        // story_recluster as it came back (one removal more, above).
        const want = t.table === 'story_recluster' ? home.tables.find((x) => x.table === t.table)?.targetChecksum : t.sourceChecksum;
        assert.equal(across.tables.find((x) => x.table === t.table)?.targetChecksum, want, t.table);
      }

      const returned = await SqliteStore.open({ path: back });
      try {
        assert.ok((await returned.search.search({ ...parseSearch('تهران'), limit: 5 })).hits.length > 0);
      } finally {
        await returned.close();
      }
    });

    test('refuses a non-empty target; --force empties it and copies again', async () => {
      const from = await sqliteSource(4);
      const schema = await schemaWithExtras();
      assert.equal((await copyStore({ from: `sqlite:${from}`, to: pgUrl(schema) })).ok, true);
      const refused = await runCli(['migrate-store', '--from', `sqlite:${from}`, '--to', pgUrl(schema)]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /is not empty \(rows in .*sources \(3\).*\); refusing to write into it\. Use --force/);
      const forced = await runCli(['migrate-store', '--from', `sqlite:${from}`, '--to', pgUrl(schema), '--force']);
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(forced.stdout, /^entries\s+12\s+12\s+ok /m);
    });

    test('kill -9 of the command mid-copy, then --resume: complete, verified, nothing twice', async () => {
      const from = await sqliteSource(400);
      const schema = await schemaWithExtras();
      const { cmd, args } = cliCommand();
      const child = spawn(cmd, [...args, 'migrate-store', '--from', `sqlite:${from}`, '--to', pgUrl(schema), '--batch-size', '10'], {
        env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'error', CI: 'true' },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Kill as soon as some batches are committed (polling the target's own record of them).
      let copied = 0;
      for (let i = 0; i < 1500 && copied < 150; i++) {
        await new Promise((r) => setTimeout(r, 20));
        try {
          const r = await admin.query(`SELECT coalesce(sum(copied), 0)::int AS n FROM "${schema}"._migrate_progress`);
          copied = r.rows[0].n;
        } catch {
          // the record is not there yet
        }
      }
      child.kill('SIGKILL');
      const code = await exited;
      assert.equal(code, null, 'the copy was killed, not finished');
      const mid = await admin.query(
        `SELECT coalesce(sum(copied), 0)::int AS n, count(*) FILTER (WHERE done = 0)::int AS open FROM "${schema}"._migrate_progress`,
      );
      assert.ok(mid.rows[0].n > 0 && mid.rows[0].open > 0, `interrupted mid-copy (${JSON.stringify(mid.rows[0])})`);

      const fresh = await runCli(['migrate-store', '--from', `sqlite:${from}`, '--to', pgUrl(schema)]);
      assert.equal(fresh.code, 1);
      assert.match(fresh.stderr, /holds an interrupted copy from sqlite:.*continue it with --resume/);

      const resumed = await runCli(['migrate-store', '--from', `sqlite:${from}`, '--to', pgUrl(schema), '--resume', '--batch-size', '200']);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stderr, /resuming the copy from sqlite:/);
      assert.match(resumed.stdout, /^entries\s+1200\s+1200\s+ok /m);
      assert.doesNotMatch(resumed.stdout, /DIFFERS/);
      const dup = await admin.query(
        `SELECT count(*)::int AS n FROM (SELECT id FROM "${schema}".entries GROUP BY id HAVING count(*) > 1) d`,
      );
      assert.equal(dup.rows[0].n, 0);
      // Each entry counted once in the languages, across the kill and the resumed copy.
      const langs = await admin.query(
        `SELECT lang, SUM(n)::int AS n FROM "${schema}".entry_language_counts GROUP BY lang HAVING SUM(n) <> 0 ORDER BY lang`,
      );
      const live = await admin.query(
        `SELECT lang, COUNT(*)::int AS n FROM "${schema}".entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang ORDER BY lang`,
      );
      assert.ok(live.rows.length > 0);
      assert.deepEqual(langs.rows, live.rows);
    });
  });
}
