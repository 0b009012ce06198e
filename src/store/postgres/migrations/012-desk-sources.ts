import type { PostgresMigration } from '../migration.js';

// The sources and topics desk: per-source settings with no column in sources (private headers,
// allowing a private address, the last fetch's duration), topics defined at the desk, and
// suggested names an editor rejected. See src/store/desk.ts.
export default {
  version: 12,
  name: 'desk sources and topics',
  async up(sql) {
    await sql.query(`
      CREATE TABLE desk_source_settings (
        source_id BIGINT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        headers JSONB NOT NULL DEFAULT '{}'::jsonb,
        allow_private BOOLEAN NOT NULL DEFAULT FALSE,
        last_fetch_ms BIGINT,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE desk_topics (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        definition JSONB NOT NULL,
        version INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE desk_rejected_names (
        topic_id TEXT NOT NULL,
        name TEXT NOT NULL,
        rejected_by TEXT NOT NULL,
        rejected_at BIGINT NOT NULL,
        PRIMARY KEY (topic_id, name)
      );
    `);
  },
} satisfies PostgresMigration;
