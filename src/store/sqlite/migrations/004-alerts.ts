import type { SqliteMigration } from '../migration.js';

// Topic definitions (with the re-tag progress a changed definition starts) and the alert outbox.
export default {
  version: 4,
  name: 'topic definitions and alert outbox',
  up(db) {
    db.exec(`
      CREATE TABLE topics (
        id                 TEXT PRIMARY KEY,
        definition         TEXT NOT NULL,
        hash               TEXT NOT NULL,
        updated_at         INTEGER NOT NULL,
        retag_status       TEXT NOT NULL DEFAULT 'pending' CHECK (retag_status IN ('pending','running','done')),
        retag_after_id     INTEGER NOT NULL DEFAULT 0,
        retag_total        INTEGER NOT NULL DEFAULT 0,
        retag_done         INTEGER NOT NULL DEFAULT 0,
        retag_started_at   INTEGER,
        retag_finished_at  INTEGER
      );

      -- One row per (topic, entry, channel), ever: the UNIQUE constraint is what guarantees that
      -- no alert is sent twice for one entry, across retries, re-tagging and several workers.
      CREATE TABLE alert_deliveries (
        id              INTEGER PRIMARY KEY,
        topic_id        TEXT NOT NULL,
        entry_id        INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        channel         TEXT NOT NULL CHECK (channel IN ('webhook','email')),
        status          TEXT NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending','sending','sent','failed','cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        lease_owner     TEXT,
        lease_until     INTEGER,
        created_at      INTEGER NOT NULL,
        sent_at         INTEGER,
        UNIQUE (topic_id, entry_id, channel)
      );
      CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status IN ('pending','sending');
      CREATE INDEX alert_deliveries_topic ON alert_deliveries (topic_id, status);

      CREATE TABLE alert_log (
        id           INTEGER PRIMARY KEY,
        topic_id     TEXT NOT NULL,
        channel      TEXT NOT NULL,
        delivery_ids TEXT NOT NULL,
        ok           INTEGER NOT NULL,
        target       TEXT NOT NULL,
        status_code  INTEGER,
        error        TEXT,
        duration_ms  INTEGER NOT NULL,
        attempted_at INTEGER NOT NULL
      );
      CREATE INDEX alert_log_topic ON alert_log (topic_id, id DESC);
    `);
  },
} satisfies SqliteMigration;
