import type { SqliteMigration } from '../migration.js';

// Background jobs and per-host politeness state: the same tables as PostgreSQL's migration 14
// (see there for why). On SQLite one process owns the file, so claims need no row locks.
export default {
  version: 14,
  name: 'jobs and shared host state',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL,
        payload       TEXT NOT NULL DEFAULT '{}',
        dedupe_key    TEXT UNIQUE,
        state         TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
        run_after     INTEGER NOT NULL,
        lease_owner   TEXT,
        lease_until   INTEGER,
        attempts      INTEGER NOT NULL DEFAULT 0,
        max_attempts  INTEGER NOT NULL DEFAULT 5,
        lease_expiries INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        created_at    INTEGER NOT NULL,
        started_at    INTEGER,
        finished_at   INTEGER
      );
      CREATE INDEX jobs_claimable ON jobs (run_after, id) WHERE state = 'queued';
      CREATE INDEX jobs_leased ON jobs (lease_until) WHERE state = 'running';
      CREATE INDEX jobs_state ON jobs (state, finished_at);
      CREATE TABLE host_state (
        host        TEXT PRIMARY KEY,
        hold_until  INTEGER NOT NULL,
        reason      TEXT,
        updated_at  INTEGER NOT NULL
      );
    `);
  },
} satisfies SqliteMigration;
