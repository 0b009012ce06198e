import type { PostgresMigration } from '../migration.js';

// The removals counter, as the SQLite dialect's migration 35 (see there).
export default {
  version: 36,
  name: 'story removals counter',
  async up(sql) {
    await sql.query('ALTER TABLE story_recluster ADD COLUMN removals BIGINT NOT NULL DEFAULT 0');
  },
} satisfies PostgresMigration;
