import type { SqliteMigration } from '../migration.js';

// Stories (one event, many articles), copies, sightings and edits.
// - stories: one row per event, its summary kept up to date by StoryRepo.assign, so a page of
//   teasers reads counts without counting. A merged story keeps its row (merged_into) so old
//   links lead on.
// - entries.story_id / duplicate_of: the clusterer's decision per entry.
// - entries.canonical_url: the article's identity across sources, enforced by a unique index (as a
//   dedupe key is within one source): the same article from a second feed is a sighting.
// - sightings: every source that carried an entry (its own first), backfilled for stored entries.
// - entry_history: edits of an entry at its source (headline, address, GUID), kept, never a new entry.
// - story_recluster: progress of re-clustering history (one row, written by the first run; none
//   seeded here, so a freshly migrated store holds no rows at all).
export default {
  version: 10,
  name: 'stories, copies, sightings and edits',
  up(db) {
    db.exec(`
      CREATE TABLE stories (
        id              INTEGER PRIMARY KEY,
        key             TEXT NOT NULL UNIQUE,
        lead_entry_id   INTEGER,
        headline        TEXT NOT NULL DEFAULT '',
        first_published INTEGER,
        last_published  INTEGER,
        size            INTEGER NOT NULL DEFAULT 0,
        articles        INTEGER NOT NULL DEFAULT 0,
        sources         INTEGER NOT NULL DEFAULT 0,
        languages       TEXT NOT NULL DEFAULT '[]',
        merged_into     INTEGER,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      );
      CREATE INDEX stories_recent ON stories (last_published DESC, id DESC) WHERE merged_into IS NULL AND size > 0;

      ALTER TABLE entries ADD COLUMN story_id INTEGER REFERENCES stories (id) ON DELETE SET NULL;
      ALTER TABLE entries ADD COLUMN duplicate_of INTEGER;
      ALTER TABLE entries ADD COLUMN canonical_url TEXT;
      CREATE UNIQUE INDEX entries_canonical_url ON entries (canonical_url);
      -- A story's articles (copies left out), newest first: coverage, the story page, one teaser per story.
      CREATE INDEX entries_story_articles ON entries (story_id, published_at DESC, id DESC) WHERE deleted_at IS NULL AND duplicate_of IS NULL;
      CREATE INDEX entries_copies ON entries (duplicate_of, published_at, id) WHERE duplicate_of IS NOT NULL;
      -- A story's summary is counted from this index alone (no row reads), however large the story.
      CREATE INDEX entries_story_summary ON entries (story_id, duplicate_of, lang, source_id, published_at) WHERE deleted_at IS NULL;
      -- Listings of one teaser per story walk articles only: a wire story's copies are never read.
      CREATE INDEX entries_articles_newest ON entries (published_at DESC, id DESC) WHERE deleted_at IS NULL AND duplicate_of IS NULL;

      CREATE TABLE sightings (
        entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        first_seen INTEGER NOT NULL,
        url        TEXT,
        title      TEXT NOT NULL,
        PRIMARY KEY (entry_id, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX sightings_source ON sightings (source_id);
      INSERT INTO sightings (entry_id, source_id, first_seen, url, title)
        SELECT id, source_id, created_at, url, title FROM entries WHERE deleted_at IS NULL;

      CREATE TABLE entry_history (
        id           INTEGER PRIMARY KEY,
        entry_id     INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        source_id    INTEGER NOT NULL,
        changed_at   INTEGER NOT NULL,
        title_before TEXT NOT NULL,
        title_after  TEXT NOT NULL,
        url_before   TEXT,
        url_after    TEXT
      );
      CREATE INDEX entry_history_entry ON entry_history (entry_id, id);

      CREATE TABLE story_recluster (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        status      TEXT NOT NULL DEFAULT 'idle' CHECK (status IN ('idle','running','done')),
        total       INTEGER NOT NULL DEFAULT 0,
        done        INTEGER NOT NULL DEFAULT 0,
        after_published INTEGER,
        after_id    INTEGER,
        started_at  INTEGER,
        updated_at  INTEGER,
        finished_at INTEGER
      );
    `);
  },
} satisfies SqliteMigration;
