import type { PostgresMigration } from '../migration.js';

// The same table as the SQLite dialect's migration 15 (see there for why it exists).
export default {
  version: 15,
  name: 'story overrides kept across re-clustering',
  async up(sql) {
    await sql.query(`
      CREATE TABLE story_override_anchors (
        entry_id          BIGINT PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
        pinned            BOOLEAN NOT NULL DEFAULT FALSE,
        pinned_at         BIGINT,
        hidden            BOOLEAN NOT NULL DEFAULT FALSE,
        featured          BOOLEAN NOT NULL DEFAULT FALSE,
        headline          TEXT,
        excerpt           TEXT,
        updated_by_id     BIGINT,
        updated_by_name   TEXT NOT NULL,
        updated_at        BIGINT NOT NULL
      );
    `);
  },
} satisfies PostgresMigration;
