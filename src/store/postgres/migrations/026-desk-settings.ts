import type { PostgresMigration } from '../migration.js';

// The same desk-wide settings row as the SQLite dialect's migration 26 (see there).
export default {
  version: 26,
  name: 'desk settings',
  async up(sql) {
    await sql.query(`
      CREATE TABLE desk_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        cluster_places BOOLEAN NOT NULL DEFAULT FALSE,
        updated_by TEXT,
        updated_at BIGINT
      )
    `);
  },
} satisfies PostgresMigration;
