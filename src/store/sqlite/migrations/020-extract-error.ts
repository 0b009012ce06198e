import type { SqliteMigration } from '../migration.js';

// Why an entry's read in full failed (entries.extract_error, a key of
// src/domain/extract-failure.ts): the article page shows the reason under the feed's text, in the
// reader's language. Null for every entry before it (a failed row reads as "other"). Same column as
// PostgreSQL's migration 20.
export default {
  version: 20,
  name: 'extract error',
  up(db) {
    db.exec('ALTER TABLE entries ADD COLUMN extract_error TEXT');
  },
} satisfies SqliteMigration;
