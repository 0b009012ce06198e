import type { PostgresMigration } from '../migration.js';

// A host's next free start under its Crawl-delay, as the SQLite dialect's migration 41 (see there).
export default {
  version: 41,
  name: 'host crawl turns',
  async up(sql) {
    await sql.query('ALTER TABLE host_state ADD COLUMN next_turn BIGINT');
  },
} satisfies PostgresMigration;
