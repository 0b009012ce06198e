import type { SqliteMigration } from '../migration.js';

// At most one job per pending key queued or running at a time (jobs.pendingKey): the desk's
// "Retry full text" checked for a queued retry and then inserted one, so two presses at the same
// instant (two tabs, two web processes) could both queue a read of the same entry. A partial
// unique index makes the check and the insert one statement (INSERT … ON CONFLICT DO NOTHING).
// Done and dead jobs keep their key and hold nothing: the index covers queued and running only.
// Retries already queued get the key the desk now gives them ('extract-entry:' and the entry id,
// src/jobs/extract-entry.ts), the oldest of each entry only, so an earlier duplicate (from that
// race) does not stop the migration; it runs once more, as it would have. Same as PostgreSQL's
// migration 23.
export default {
  version: 23,
  name: 'job pending key',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN pending_key TEXT;
      UPDATE jobs SET pending_key = 'extract-entry:' || json_extract(payload, '$.entryId')
      WHERE id IN (
        SELECT min(id) FROM jobs
        WHERE kind = 'extract-entry' AND state IN ('queued', 'running') AND json_valid(payload)
          AND json_type(payload, '$.entryId') = 'integer'
        GROUP BY json_extract(payload, '$.entryId'));
      CREATE UNIQUE INDEX jobs_pending_key ON jobs (pending_key) WHERE state IN ('queued', 'running') AND pending_key IS NOT NULL;
    `);
  },
} satisfies SqliteMigration;
