// Versioned migrations: every file in ./migrations is one step, applied once, in version order,
// each in its own transaction. New areas add a file; nothing else needs editing.
import type { Database } from 'better-sqlite3';
import { loadMigrationsFrom, type MigrateOptions, stepsThrough } from '../load-migrations.js';
import type { SqliteMigration } from './migration.js';

const dir = new URL('./migrations/', import.meta.url);

export function loadMigrations(): Promise<SqliteMigration[]> {
  return loadMigrationsFrom<SqliteMigration>(dir, import.meta.url);
}

/** Applies pending migrations (those up to `options.through`, if given); returns the versions applied now. */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<number[]> {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const applied: number[] = [];
  for (const m of stepsThrough(await loadMigrations(), options)) {
    if (done.has(m.version)) continue;
    const step = db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    });
    // A table rebuild runs with foreign keys off (SqliteMigration.foreignKeysOff), set outside its
    // transaction, where the pragma takes effect, and restored after it, committed or not.
    const keysOn = m.foreignKeysOff === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysOn) db.pragma('foreign_keys = OFF');
    try {
      step();
    } finally {
      if (keysOn) db.pragma('foreign_keys = ON');
    }
    applied.push(m.version);
  }
  return applied;
}
