import type { PostgresMigration } from '../migration.js';

// The re-clustering lease's generation, as the SQLite dialect's migration 31 (see there).
export default {
  version: 32,
  name: 'recluster lease generation',
  async up(sql) {
    await sql.query('ALTER TABLE story_recluster ADD COLUMN lease_generation BIGINT NOT NULL DEFAULT 0');
  },
} satisfies PostgresMigration;
