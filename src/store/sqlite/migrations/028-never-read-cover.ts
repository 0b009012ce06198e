import type { SqliteMigration } from '../migration.js';

// The never-read index of migration 25 held the entries' id and source only, so the desk-wide
// count and the counts per source (the sources page and the never-read list, on every load) read
// each never-read entry's row for its link and its feed text's length. Those entries are not few:
// the entries of sources reading no full text, and those of "short" sources whose feed text is
// long, stay "none" for good, so the rows read grew with the store (3,000 sources and 300,000
// entries: ~0.4 s per count, bench/desk-scale.ts). The index now keeps only entries with an
// http(s) link (the same term as the queries', so it stays usable) and carries the text's length,
// so the counts read the index alone. Same name, so the queries' INDEXED BY stand.
export default {
  version: 28,
  name: 'never-read index covering',
  up(db) {
    db.exec(`
      DROP INDEX entries_never_read;
      CREATE INDEX entries_never_read ON entries (id DESC, source_id, length(text))
        WHERE deleted_at IS NULL AND extract_status = 'none' AND (url LIKE 'http://%' OR url LIKE 'https://%');
    `);
  },
} satisfies SqliteMigration;
