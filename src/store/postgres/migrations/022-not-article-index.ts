import type { PostgresMigration } from '../migration.js';

// The same partial index as the SQLite dialect's migration 22 (see there for why).
export default {
  version: 22,
  name: 'not-article index',
  async up(sql) {
    await sql.query(
      "CREATE INDEX entries_not_article ON entries (published_at DESC, id DESC, extract_error) WHERE deleted_at IS NULL AND extract_status = 'not-article'",
    );
  },
} satisfies PostgresMigration;
