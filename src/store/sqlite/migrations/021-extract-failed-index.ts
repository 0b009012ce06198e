import type { SqliteMigration } from '../migration.js';

// The desk lists entries whose read in full failed ("Full text failed", newest first) and counts
// them by reason. Failures are few among many entries: a partial index holds only them, so the
// filtered page and the counts read those rows and not the whole table. Same index as
// PostgreSQL's migration 21.
export default {
  version: 21,
  name: 'extract failed index',
  up(db) {
    db.exec(
      "CREATE INDEX entries_extract_failed ON entries (published_at DESC, id DESC, extract_error) WHERE deleted_at IS NULL AND extract_status = 'failed'",
    );
  },
} satisfies SqliteMigration;
