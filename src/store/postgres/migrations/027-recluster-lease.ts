import type { PostgresMigration } from '../migration.js';

// The re-clustering lease, as the SQLite dialect's migration 27 (see there).
export default {
  version: 27,
  name: 'recluster lease',
  async up(sql) {
    await sql.query(`
      ALTER TABLE story_recluster ADD COLUMN lease_owner TEXT;
      ALTER TABLE story_recluster ADD COLUMN lease_job BIGINT;
      ALTER TABLE story_recluster ADD COLUMN lease_until BIGINT;
    `);
  },
} satisfies PostgresMigration;
