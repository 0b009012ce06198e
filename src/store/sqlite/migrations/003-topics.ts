import type { SqliteMigration } from '../migration.js';

// Which entries each topic matched, and why. published_at is copied from the entry so that a
// topic page is one index range scan, newest first, however many entries the store holds.
export default {
  version: 3,
  name: 'topic tags',
  up(db) {
    db.exec(`
      CREATE TABLE entry_topics (
        topic_id     TEXT NOT NULL,
        entry_id     INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        published_at INTEGER NOT NULL,
        matches      TEXT NOT NULL DEFAULT '[]',
        tagged_at    INTEGER NOT NULL,
        PRIMARY KEY (topic_id, entry_id)
      ) WITHOUT ROWID;
      CREATE INDEX entry_topics_newest ON entry_topics (topic_id, published_at DESC, entry_id DESC);
      CREATE INDEX entry_topics_entry ON entry_topics (entry_id);
    `);
  },
} satisfies SqliteMigration;
