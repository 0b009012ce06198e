import type { SqliteMigration } from '../migration.js';

// The sources and topics desk: per-source settings with no column in sources (private headers,
// allowing a private address, the last fetch's duration), topics defined at the desk, and
// suggested names an editor rejected. See src/store/desk.ts.
export default {
  version: 12,
  name: 'desk sources and topics',
  up(db) {
    db.exec(`
      CREATE TABLE desk_source_settings (
        source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        headers TEXT NOT NULL DEFAULT '{}',
        allow_private INTEGER NOT NULL DEFAULT 0,
        last_fetch_ms INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE desk_topics (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        definition TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE desk_rejected_names (
        topic_id TEXT NOT NULL,
        name TEXT NOT NULL,
        rejected_by TEXT NOT NULL,
        rejected_at INTEGER NOT NULL,
        PRIMARY KEY (topic_id, name)
      );
    `);
  },
} satisfies SqliteMigration;
