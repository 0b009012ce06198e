import type { PostgresMigration } from '../migration.js';

// How many matches a tag stands for, as the SQLite dialect's migration 38 (see there).
export default {
  version: 39,
  name: 'tag match total',
  async up(sql) {
    await sql.query('ALTER TABLE entry_topics ADD COLUMN match_total INTEGER');
  },
} satisfies PostgresMigration;
