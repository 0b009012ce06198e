import type { PostgresMigration } from '../migration.js';

// The never-read counts (the desk's sources page and never-read list, on every load) read each
// never-read entry's row for its link and its feed text's length: at 3,000 sources and 300,000
// entries a parallel scan of the whole entries table, ~0.2 s a count (bench/desk-scale.ts). The
// SQLite dialect's migration 28 puts length(text) in its index; PostgreSQL takes no index-only
// scan through an expression column (it would want the text itself in the index), so the length
// is stored: a generated column, kept by the server on every write (no write path changes, and
// the store copier leaves generated columns out of a copy and lets the target compute them). The
// index carries it, and keeps only entries with an http(s) link (the statements' own term, so the
// planner proves the predicate and needs no url): the counts read the index alone.
// Adding a stored generated column rewrites the entries table once (~seconds per 100,000 rows).
export default {
  version: 28,
  name: 'never-read index covering',
  async up(sql) {
    await sql.query(`
      ALTER TABLE entries ADD COLUMN text_chars INTEGER GENERATED ALWAYS AS (length(text)) STORED;
      DROP INDEX entries_never_read;
      CREATE INDEX entries_never_read ON entries (id DESC, source_id) INCLUDE (text_chars)
        WHERE deleted_at IS NULL AND extract_status = 'none' AND (url ILIKE 'http://%' OR url ILIKE 'https://%');
    `);
  },
} satisfies PostgresMigration;
