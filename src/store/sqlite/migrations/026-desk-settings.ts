import type { SqliteMigration } from '../migration.js';

// Desk-wide settings (src/store/desk.ts DeskSettings): one row, written by the desk's settings
// page, read by the pipeline's story step and re-clustering. No row: the defaults. Same table as
// PostgreSQL's migration 26.
export default {
  version: 26,
  name: 'desk settings',
  up(db) {
    db.exec(`
      CREATE TABLE desk_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        cluster_places INTEGER NOT NULL DEFAULT 0,
        updated_by TEXT,
        updated_at INTEGER
      )
    `);
  },
} satisfies SqliteMigration;
