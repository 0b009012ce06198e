import type { PostgresMigration } from '../migration.js';

// The editors' curation counter, as the SQLite dialect's migration 34 (see there).
export default {
  version: 35,
  name: 'story curation counter',
  async up(sql) {
    await sql.query('ALTER TABLE story_recluster ADD COLUMN curation BIGINT NOT NULL DEFAULT 0');
  },
} satisfies PostgresMigration;
