import type { PostgresMigration } from '../migration.js';

// The same partial index as the SQLite dialect's migration 25 (see there for why).
export default {
  version: 25,
  name: 'never-read index',
  async up(sql) {
    await sql.query("CREATE INDEX entries_never_read ON entries (id DESC, source_id) WHERE deleted_at IS NULL AND extract_status = 'none'");
  },
} satisfies PostgresMigration;
