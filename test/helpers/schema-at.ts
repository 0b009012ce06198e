// A store "as it was at version N", for tests of one migration: a fresh SQLite file or PostgreSQL
// schema taken through the real migrations 1..N by the store's own runner (migrate's `through`),
// with nothing of the later ones. The test inserts rows of that shape with its own SQL, then opens
// the real store at the same place, which applies N+1..latest as an upgrade would. Nothing here
// names a later migration, so adding one never means editing such a test.
//
//   const { path, db } = await sqliteAt(36);   // SQLite only
//   db.prepare('INSERT INTO entries …').run(…);
//   db.close();
//   const store = await SqliteStore.open({ path });
//
// Both dialects: Dialect.at(N) (test/helpers/dialects.ts) gives the same in a place of the suite's own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type pg from 'pg';

/** Throws unless `version` is one of the dialect's migrations (a typo must not build a neighbour's schema). */
function known(dialect: string, versions: number[], version: number): void {
  if (!versions.includes(version)) {
    throw new Error(`no ${dialect} migration has version ${version} (they are ${versions.join(', ')})`);
  }
}

/**
 * A SQLite file at `path` (default: a fresh temporary one) taken through migrations 1..`version`,
 * opened as SqliteStore.open opens it (write-ahead log, foreign keys on: the runner's table
 * rebuilds rely on the latter). The caller closes `db` before opening the store.
 */
export async function sqliteAt(version: number, path?: string): Promise<{ path: string; db: Database }> {
  const { loadMigrations, migrate } = await import('../../src/store/sqlite/migrate.js');
  known(
    'SQLite',
    (await loadMigrations()).map((m) => m.version),
    version,
  );
  const file = path ?? join(mkdtempSync(join(tmpdir(), 'newsdesk-at-')), `at-${version}.db`);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    await migrate(db, { through: version });
    return { path: file, db };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * A pool on the PostgreSQL schema `schema` of `url` (created if missing), taken through migrations
 * 1..`version` as PostgresStore.open would (the same runner, lock and search path). The caller
 * ends the pool before opening the store.
 */
export async function postgresAt(url: string, schema: string, version: number): Promise<pg.Pool> {
  const { loadMigrations, migrate } = await import('../../src/store/postgres/migrate.js');
  const { createPool } = await import('../../src/store/postgres/db.js');
  known(
    'PostgreSQL',
    (await loadMigrations()).map((m) => m.version),
    version,
  );
  const pool = createPool(url, schema, 2, () => {});
  try {
    await migrate(pool, schema, { through: version });
    return pool;
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}
