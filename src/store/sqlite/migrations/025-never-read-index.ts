import type { SqliteMigration } from '../migration.js';

// The desk's sources page counts the entries never read in full (status "none") over every source
// that reads full text, on each load, and "Read them in full" takes the newest of them. Once full
// text is read they are few among many entries (the entries of sources reading none stay "none"
// too): a partial index of their own by id, so the count and the newest-first read walk only
// those rows, not every live entry. Same index as PostgreSQL's migration 25.
export default {
  version: 25,
  name: 'never-read index',
  up(db) {
    db.exec("CREATE INDEX entries_never_read ON entries (id DESC, source_id) WHERE deleted_at IS NULL AND extract_status = 'none'");
  },
} satisfies SqliteMigration;
