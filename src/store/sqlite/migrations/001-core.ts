import type { SqliteMigration } from '../migration.js';

// Times are epoch milliseconds (INTEGER); JSON columns hold TEXT.
export default {
  version: 1,
  name: 'sources and entries',
  up(db) {
    db.exec(`
      CREATE TABLE sources (
        id               INTEGER PRIMARY KEY,
        url              TEXT NOT NULL UNIQUE,
        kind             TEXT NOT NULL DEFAULT 'feed' CHECK (kind IN ('feed','page','sitemap')),
        title            TEXT,
        site_url         TEXT,
        etag             TEXT,
        last_modified    TEXT,
        status           TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','ok','failing','disabled')),
        error_count      INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT,
        next_check_at    INTEGER NOT NULL,
        last_checked_at  INTEGER,
        last_success_at  INTEGER,
        interval_seconds INTEGER NOT NULL,
        extract_mode     TEXT NOT NULL DEFAULT 'short' CHECK (extract_mode IN ('off','short','always')),
        settings         TEXT NOT NULL DEFAULT '{}',
        feed_meta        TEXT,
        lease_owner      TEXT,
        lease_until      INTEGER,
        created_at       INTEGER NOT NULL
      );
      CREATE INDEX sources_due ON sources (next_check_at) WHERE status <> 'disabled';

      CREATE TABLE entries (
        id             INTEGER PRIMARY KEY,
        source_id      INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        dedupe_key     TEXT NOT NULL,
        fingerprint    TEXT NOT NULL,
        url            TEXT,
        title          TEXT NOT NULL,
        author         TEXT,
        content_html   TEXT,
        text           TEXT NOT NULL DEFAULT '',
        lang           TEXT,
        dir            TEXT NOT NULL DEFAULT 'ltr' CHECK (dir IN ('ltr','rtl')),
        published_at   INTEGER NOT NULL,
        updated_at     INTEGER,
        created_at     INTEGER NOT NULL,
        full_html      TEXT,
        extract_status TEXT NOT NULL DEFAULT 'none',
        lead_image     TEXT,
        categories     TEXT NOT NULL DEFAULT '[]',
        deleted_at     INTEGER
      );
      -- The dedupe key is enforced here, not only in code: two workers cannot store one item twice.
      CREATE UNIQUE INDEX entries_source_key ON entries (source_id, dedupe_key);
      CREATE INDEX entries_source_fingerprint ON entries (source_id, fingerprint);
      CREATE INDEX entries_newest ON entries (published_at DESC, id DESC) WHERE deleted_at IS NULL;
      CREATE INDEX entries_source_newest ON entries (source_id, published_at DESC, id DESC) WHERE deleted_at IS NULL;
    `);
  },
} satisfies SqliteMigration;
