import type { SqliteMigration } from '../migration.js';

// Curation and the audit log (issue 13).
// - curation_overrides: an editor's decision about one teaser (an entry) or one story: pinned,
//   hidden, featured, a headline or excerpt shown instead of the source's. The entry's own title and
//   text are never written, so the original is always there to show editors and to restore.
//   Exactly one of entry_id / story_id is set.
// - audit_log: every change made at the desk, who and when, the value before and after as JSON.
//   Indexed for the log's filters (newest first overall, by actor, by action, by target).
// - entries.story_locked: an editor merged or split this entry's story; the clusterer leaves its
//   story alone from then on (StoryRepo.assign and clear skip it).
// - sources.last_error_key: the failure reason as a message key, rendered in the reader's
//   language; last_error keeps the English text (and is all that older rows have).
export default {
  version: 13,
  name: 'curation overrides, audit log, locked stories, failure keys',
  up(db) {
    db.exec(`
      CREATE TABLE curation_overrides (
        id                INTEGER PRIMARY KEY,
        entry_id          INTEGER UNIQUE REFERENCES entries (id) ON DELETE CASCADE,
        story_id          INTEGER UNIQUE REFERENCES stories (id) ON DELETE CASCADE,
        pinned            INTEGER NOT NULL DEFAULT 0,
        pinned_at         INTEGER,
        hidden            INTEGER NOT NULL DEFAULT 0,
        featured          INTEGER NOT NULL DEFAULT 0,
        headline          TEXT,
        excerpt           TEXT,
        updated_by_id     INTEGER,
        updated_by_name   TEXT NOT NULL,
        updated_at        INTEGER NOT NULL,
        CHECK ((entry_id IS NULL) <> (story_id IS NULL))
      );
      CREATE INDEX curation_pinned ON curation_overrides (pinned_at DESC, id DESC) WHERE pinned = 1;
      CREATE INDEX curation_hidden_story ON curation_overrides (story_id) WHERE hidden = 1 AND story_id IS NOT NULL;

      CREATE TABLE audit_log (
        id          INTEGER PRIMARY KEY,
        at          INTEGER NOT NULL,
        actor_id    INTEGER,
        actor_name  TEXT NOT NULL,
        action      TEXT NOT NULL,
        target      TEXT NOT NULL,
        before_json TEXT,
        after_json  TEXT
      );
      CREATE INDEX audit_recent ON audit_log (at DESC, id DESC);
      CREATE INDEX audit_actor ON audit_log (actor_name, at DESC, id DESC);
      CREATE INDEX audit_action ON audit_log (action, at DESC, id DESC);
      CREATE INDEX audit_target ON audit_log (target, at DESC, id DESC);

      ALTER TABLE entries ADD COLUMN story_locked INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sources ADD COLUMN last_error_key TEXT;
    `);
  },
} satisfies SqliteMigration;
