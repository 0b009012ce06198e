// Versioned migrations: every file in ./migrations is one step, applied once, in version order,
// each in its own transaction. New areas add a file; nothing else needs editing.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import type { SqliteMigration } from './migration.js';

const dir = new URL('./migrations/', import.meta.url);
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

export async function loadMigrations(): Promise<SqliteMigration[]> {
  const files = readdirSync(fileURLToPath(dir)).filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts')).sort();
  const all: SqliteMigration[] = [];
  for (const f of files) {
    const mod = (await import(new URL(f, dir).href)) as { default: SqliteMigration };
    all.push(mod.default);
  }
  all.sort((a, b) => a.version - b.version);
  for (let i = 1; i < all.length; i++) {
    if (all[i]!.version === all[i - 1]!.version) {
      throw new Error(`two migrations share version ${all[i]!.version}: ${all[i - 1]!.name} and ${all[i]!.name}`);
    }
  }
  return all;
}

/** Applies pending migrations; returns the versions applied now. */
export async function migrate(db: Database): Promise<number[]> {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const applied: number[] = [];
  for (const m of await loadMigrations()) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    })();
    applied.push(m.version);
  }
  return applied;
}
