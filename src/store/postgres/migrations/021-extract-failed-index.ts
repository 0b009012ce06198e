import type { PostgresMigration } from '../migration.js';

// The same partial index as the SQLite dialect's migration 21 (see there for why).
export default {
  version: 21,
  name: 'extract failed index',
  async up(sql) {
    await sql.query(
      "CREATE INDEX entries_extract_failed ON entries (published_at DESC, id DESC, extract_error) WHERE deleted_at IS NULL AND extract_status = 'failed'",
    );
  },
} satisfies PostgresMigration;
