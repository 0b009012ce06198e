import type { PostgresMigration } from '../migration.js';

// The same backfill as the SQLite dialect's migration 24 (see there for why): the desk's retries
// that an earlier `jobs retry` put back without their pending key get it again.
export default {
  version: 24,
  name: 'job pending key restored',
  async up(sql) {
    await sql.query(`
      UPDATE jobs SET pending_key = 'extract-entry:' || (payload->>'entryId')
      WHERE pending_key IS NULL AND kind = 'extract-entry' AND state IN ('done', 'dead')
        AND jsonb_typeof(payload->'entryId') = 'number' AND (payload->>'entryId') ~ '^[0-9]+$';
      UPDATE jobs SET pending_key = 'extract-entry:' || (payload->>'entryId')
      WHERE id IN (
        SELECT min(j.id) FROM jobs j
        WHERE j.pending_key IS NULL AND j.kind = 'extract-entry' AND j.state IN ('queued', 'running')
          AND jsonb_typeof(j.payload->'entryId') = 'number' AND (j.payload->>'entryId') ~ '^[0-9]+$'
          AND NOT EXISTS (
            SELECT 1 FROM jobs h
            WHERE h.pending_key = 'extract-entry:' || (j.payload->>'entryId') AND h.state IN ('queued', 'running'))
        GROUP BY j.payload->>'entryId');
    `);
  },
} satisfies PostgresMigration;
