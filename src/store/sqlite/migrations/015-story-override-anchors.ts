import type { SqliteMigration } from '../migration.js';

// Story overrides that outlive re-clustering. Re-clustering history forgets every story the
// clusterer made (their rows go, and an override on a story goes with it by ON DELETE CASCADE).
// An editor's decision about a story — hidden, featured, pinned, a headline of their own — must
// not vanish with it: before the stories go, each story override is parked here under the
// story's lead entry, and when the run assigns that entry to its new story the override moves
// onto that story (src/store/*/stories.ts). Same columns as curation_overrides' decision part.
export default {
  version: 15,
  name: 'story overrides kept across re-clustering',
  up(db) {
    db.exec(`
      CREATE TABLE story_override_anchors (
        entry_id          INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
        pinned            INTEGER NOT NULL DEFAULT 0,
        pinned_at         INTEGER,
        hidden            INTEGER NOT NULL DEFAULT 0,
        featured          INTEGER NOT NULL DEFAULT 0,
        headline          TEXT,
        excerpt           TEXT,
        updated_by_id     INTEGER,
        updated_by_name   TEXT NOT NULL,
        updated_at        INTEGER NOT NULL
      );
    `);
  },
} satisfies SqliteMigration;
