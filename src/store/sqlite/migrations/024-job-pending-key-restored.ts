import type { SqliteMigration } from '../migration.js';

// Until this version `jobs retry` put a dead job back without its pending key, so a full-text
// retry an operator requeued ran unguarded: the desk could queue a second read of the same entry
// beside it. `retry` now keeps the key; this gives it back to the desk's retries that lost it.
// Done and dead ones get their entry's key (the unique index covers queued and running only, so
// this cannot conflict). A queued or running one gets it when no other job queued or running
// holds it, the oldest of each entry; a duplicate left by the old retry keeps none and runs once
// more, as it would have. Same as PostgreSQL's migration 24.
export default {
  version: 24,
  name: 'job pending key restored',
  up(db) {
    db.exec(`
      UPDATE jobs SET pending_key = 'extract-entry:' || json_extract(payload, '$.entryId')
      WHERE pending_key IS NULL AND kind = 'extract-entry' AND state IN ('done', 'dead') AND json_valid(payload)
        AND json_type(payload, '$.entryId') = 'integer';
      UPDATE jobs SET pending_key = 'extract-entry:' || json_extract(payload, '$.entryId')
      WHERE id IN (
        SELECT min(j.id) FROM jobs j
        WHERE j.pending_key IS NULL AND j.kind = 'extract-entry' AND j.state IN ('queued', 'running') AND json_valid(j.payload)
          AND json_type(j.payload, '$.entryId') = 'integer'
          AND NOT EXISTS (
            SELECT 1 FROM jobs h
            WHERE h.pending_key = 'extract-entry:' || json_extract(j.payload, '$.entryId') AND h.state IN ('queued', 'running'))
        GROUP BY json_extract(j.payload, '$.entryId'));
    `);
  },
} satisfies SqliteMigration;
