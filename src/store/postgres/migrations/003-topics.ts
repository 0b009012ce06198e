import type { PostgresMigration } from '../migration.js';

// Which entries each topic matched, and why. published_at is copied from the entry so that a
// topic page is one index range scan, newest first, however many entries the store holds.
export default {
  version: 3,
  name: 'topic tags',
  async up(sql) {
    await sql.query(`
      CREATE TABLE entry_topics (
        topic_id     TEXT NOT NULL,
        entry_id     BIGINT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        published_at BIGINT NOT NULL,
        matches      JSONB NOT NULL DEFAULT '[]',
        tagged_at    BIGINT NOT NULL,
        PRIMARY KEY (topic_id, entry_id)
      );
      CREATE INDEX entry_topics_newest ON entry_topics (topic_id, published_at DESC, entry_id DESC);
      CREATE INDEX entry_topics_entry ON entry_topics (entry_id);
    `);
  },
} satisfies PostgresMigration;
