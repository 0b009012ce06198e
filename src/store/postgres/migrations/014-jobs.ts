import type { PostgresMigration } from '../migration.js';

// Background jobs (src/jobs/runner.ts) and the per-host politeness state every worker shares.
// - jobs: one row per piece of work, claimed with FOR UPDATE SKIP LOCKED and a lease that the
//   runner renews; a lease that runs out (its worker died) makes the row claimable again. A job
//   that keeps failing ends 'dead' with its last error, never silently dropped. `dedupe_key` is
//   unique, so the periodic work the coordinator enqueues (one re-cluster per period, one digest
//   per period end) exists once however many leaders, old and new, ask for it.
// - host_state: a host's Retry-After or backoff hold, so every worker waits, not only the one that
//   was told.
export default {
  version: 14,
  name: 'jobs and shared host state',
  async up(sql) {
    await sql.query(`
      CREATE TABLE jobs (
        id            BIGSERIAL PRIMARY KEY,
        kind          TEXT NOT NULL,
        payload       JSONB NOT NULL DEFAULT '{}'::jsonb,
        dedupe_key    TEXT UNIQUE,
        state         TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
        run_after     BIGINT NOT NULL,
        lease_owner   TEXT,
        lease_until   BIGINT,
        attempts      INTEGER NOT NULL DEFAULT 0,
        max_attempts  INTEGER NOT NULL DEFAULT 5,
        lease_expiries INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        created_at    BIGINT NOT NULL,
        started_at    BIGINT,
        finished_at   BIGINT
      );
      CREATE INDEX jobs_claimable ON jobs (run_after, id) WHERE state = 'queued';
      CREATE INDEX jobs_leased ON jobs (lease_until) WHERE state = 'running';
      CREATE INDEX jobs_state ON jobs (state, finished_at);
      CREATE TABLE host_state (
        host        TEXT PRIMARY KEY,
        hold_until  BIGINT NOT NULL,
        reason      TEXT,
        updated_at  BIGINT NOT NULL
      );
    `);
  },
} satisfies PostgresMigration;
