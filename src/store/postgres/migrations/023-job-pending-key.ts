import type { PostgresMigration } from '../migration.js';

// The same column, backfill and partial unique index as the SQLite dialect's migration 23 (see
// there for why). Two transactions inserting the same pending key at once: the second waits for
// the first and then, with ON CONFLICT DO NOTHING, writes nothing.
export default {
  version: 23,
  name: 'job pending key',
  async up(sql) {
    await sql.query(`
      ALTER TABLE jobs ADD COLUMN pending_key TEXT;
      UPDATE jobs SET pending_key = 'extract-entry:' || (payload->>'entryId')
      WHERE id IN (
        SELECT min(id) FROM jobs
        WHERE kind = 'extract-entry' AND state IN ('queued', 'running') AND jsonb_typeof(payload->'entryId') = 'number'
          AND (payload->>'entryId') ~ '^[0-9]+$'
        GROUP BY payload->>'entryId');
      CREATE UNIQUE INDEX jobs_pending_key ON jobs (pending_key) WHERE state IN ('queued', 'running') AND pending_key IS NOT NULL;
    `);
  },
} satisfies PostgresMigration;
