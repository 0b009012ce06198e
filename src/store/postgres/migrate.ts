// Versioned migrations, discovered as in the SQLite dialect: every file in ./migrations is one
// step, applied once, in version order, each in its own transaction. Several processes starting
// at once (workers on many machines) take one advisory lock first, so the steps run exactly once
// and the others find them done.
import type pg from 'pg';
import { loadMigrationsFrom, type MigrateOptions, stepsThrough } from '../load-migrations.js';
import type { PostgresMigration } from './migration.js';

const dir = new URL('./migrations/', import.meta.url);

/** pg_advisory_lock key of Newsdesk migrations (any constant; "ndsk" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x6e64736b;

export function loadMigrations(): Promise<PostgresMigration[]> {
  return loadMigrationsFrom<PostgresMigration>(dir, import.meta.url);
}

/**
 * Applies pending migrations (those up to `options.through`, if given); returns the versions
 * applied now (empty when another process did them).
 */
export async function migrate(pool: pg.Pool, schema?: string, options: MigrateOptions = {}): Promise<number[]> {
  const migrations = stepsThrough(await loadMigrations(), options);
  const client = await pool.connect();
  try {
    // One key for the whole database: migrations are short, and a single lock also serialises
    // the database-wide CREATE EXTENSION below.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await ensureUnaccent(client);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await m.up(client);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    client.release();
  }
}

/**
 * Search folds accents with the unaccent extension when the server ships it and we may create it
 * (a trusted extension since PostgreSQL 13). It goes in `public`, never in a store's own schema,
 * so dropping one store's schema cannot take it from another. Without it search still works,
 * folding only accents that Unicode decomposes (é, ñ), not ø or ß.
 */
async function ensureUnaccent(client: pg.PoolClient): Promise<void> {
  const have = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'");
  if (have.rowCount) return;
  const available = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'");
  if (!available.rowCount) return;
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
  } catch {
    // No right to create extensions, or no public schema: search falls back as described above.
  }
}
