// Jobs and host holds on PostgreSQL. Claims take rows with FOR UPDATE SKIP LOCKED, so any number
// of workers claim at once without waiting on each other, and the WHERE clause is re-checked on
// the locked row (READ COMMITTED), so a job just claimed elsewhere is never handed out twice.
import type { SharedClock } from '../clock.js';
import { type DeadRow, JOB_COLUMNS, type JobRow, leaseRanOutDead, newJobValues, pickRetries, toJob } from '../job-rows.js';
import type { ClaimedJob, HostHold, HostStateRepo, Job, JobCounts, JobRepo, JobState, NewJob, RetryResult } from '../jobs.js';
import { CODE_POINT_ORDER, type Db, jsonb, noNul, prepared } from './db.js';

type PgJobRow = JobRow<Record<string, unknown> | null>;

const jobOf = (r: PgJobRow): Job => toJob(r, (p) => p ?? {});

/** The job columns of the claim's UPDATE … FROM, qualified (built once, not per claim). */
const CLAIMED_COLUMNS = JOB_COLUMNS.split(', ')
  .map((c) => `j.${c}`)
  .join(', ');

/** Rows of values as one array per column: unnest's arguments. */
function columnsOf(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  return Array.from({ length: width }, (_, c) => rows.map((r) => r[c]));
}

export class PostgresJobRepo implements JobRepo {
  constructor(
    private readonly db: Db,
    readonly clock: SharedClock,
  ) {}

  async enqueue(job: NewJob, at?: number): Promise<{ job: Job; created: boolean }> {
    // Without a time the job is due now by the store's clock, which claims compare with: by this
    // machine's clock, one running ten minutes fast queued work nobody would claim for ten minutes.
    const now = at ?? (await this.clock.now());
    // No conflict target: a used dedupe key and a pending key held by a queued or running job
    // (the partial unique index jobs_pending_key) both leave the row unwritten. A concurrent
    // insert of the same key waits for the other transaction and then does nothing.
    // The job holding the pending key may end between the insert and the read: then insert again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.db.one<PgJobRow>(
        `INSERT INTO jobs (kind, payload, dedupe_key, pending_key, run_after, max_attempts, created_at)
         VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING
         RETURNING ${JOB_COLUMNS}`,
        [...newJobValues(job, now, jsonb), now],
      );
      if (inserted) return { job: jobOf(inserted), created: true };
      const existing = await this.db.one<PgJobRow>(
        `(SELECT ${JOB_COLUMNS} FROM jobs WHERE dedupe_key = $1)
         UNION ALL (SELECT ${JOB_COLUMNS} FROM jobs WHERE pending_key = $2 AND state IN ('queued', 'running')) LIMIT 1`,
        [job.dedupeKey ?? null, job.pendingKey ?? null],
      );
      if (existing) return { job: jobOf(existing), created: false };
    }
    throw new Error(`job ${job.kind} was neither inserted nor found`);
  }

  async enqueueMany(jobs: readonly NewJob[], at?: number): Promise<Job[]> {
    if (jobs.length === 0) return [];
    const now = at ?? (await this.clock.now());
    // One statement; a row whose key an earlier row of the same list took is left out as well.
    const rows = await this.db.rows<PgJobRow>(
      `INSERT INTO jobs (kind, payload, dedupe_key, pending_key, run_after, max_attempts, created_at)
       SELECT kind, payload::jsonb, dedupe_key, pending_key, run_after, max_attempts, $7::bigint
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::int[])
            WITH ORDINALITY AS j(kind, payload, dedupe_key, pending_key, run_after, max_attempts, n)
       ORDER BY n
       ON CONFLICT DO NOTHING
       RETURNING ${JOB_COLUMNS}`,
      [
        ...columnsOf(
          jobs.map((j) => newJobValues(j, now, jsonb)),
          6,
        ),
        now,
      ],
    );
    return rows.map(jobOf);
  }

  async claim(now: number, limit: number, owner: string, leaseMs: number, kinds: readonly string[]): Promise<ClaimedJob[]> {
    if (limit <= 0 || kinds.length === 0) return [];
    // A job whose lease ran out on its last attempt goes dead rather than being taken over. Rows
    // another claim holds are skipped; the WHERE is re-checked on the locked row, so a lease its
    // owner renewed meanwhile is left alone.
    await this.db.run(
      `UPDATE jobs SET ${leaseRanOutDead('$1')}
       WHERE id IN (SELECT id FROM jobs WHERE kind = ANY($2::text[]) AND state = 'running' AND lease_until < $1
                      AND attempts >= max_attempts FOR UPDATE SKIP LOCKED)
         AND state = 'running' AND lease_until < $1 AND attempts >= max_attempts`,
      [now, [...kinds]],
    );
    const rows = await this.db.rows<PgJobRow & { took_over: boolean }>(
      `UPDATE jobs j SET state = 'running', lease_owner = $1, lease_until = $2, attempts = j.attempts + 1,
              started_at = $3, lease_expiries = j.lease_expiries + CASE WHEN j.state = 'running' THEN 1 ELSE 0 END
       FROM (
         SELECT id, state = 'running' AS took_over FROM jobs
         WHERE kind = ANY($4::text[])
           AND ((state = 'queued' AND run_after <= $3) OR (state = 'running' AND lease_until < $3))
         ORDER BY run_after, id LIMIT $5
         FOR UPDATE SKIP LOCKED) due
       WHERE j.id = due.id
       RETURNING ${CLAIMED_COLUMNS}, due.took_over`,
      [owner, now + leaseMs, now, [...kinds], limit],
    );
    return rows.map((r) => ({ ...jobOf(r), tookOver: r.took_over })).sort((a, b) => a.runAfter - b.runAfter || a.id - b.id);
  }

  async renew(ids: readonly number[], owner: string, until: number): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.run(`UPDATE jobs SET lease_until = $1 WHERE state = 'running' AND lease_owner = $2 AND id = ANY($3::bigint[])`, [
      until,
      owner,
      [...ids],
    ]);
  }

  async complete(id: number, owner: string, now: number): Promise<boolean> {
    const n = await this.db.run(
      `UPDATE jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, finished_at = $3, last_error = NULL
       WHERE id = $1 AND state = 'running' AND lease_owner = $2`,
      [id, owner, now],
    );
    return n === 1;
  }

  async fail(id: number, owner: string, error: string, retryAt: number | null, now: number): Promise<boolean> {
    const n = await this.db.run(
      `UPDATE jobs SET lease_owner = NULL, lease_until = NULL, last_error = $3,
              state = CASE WHEN $4::bigint IS NULL OR attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
              run_after = COALESCE($4::bigint, run_after),
              finished_at = CASE WHEN $4::bigint IS NULL OR attempts >= max_attempts THEN $5::bigint ELSE NULL END
       WHERE id = $1 AND state = 'running' AND lease_owner = $2`,
      [id, owner, noNul(error.slice(0, 2000)), retryAt, now],
    );
    return n === 1;
  }

  async recordProgress(id: number, owner: string, progress: Record<string, unknown>): Promise<boolean> {
    const n = await this.db.run(`UPDATE jobs SET progress = $1 WHERE id = $2 AND state = 'running' AND lease_owner = $3`, [
      JSON.stringify(progress),
      id,
      owner,
    ]);
    return n === 1;
  }

  async release(id: number, owner: string): Promise<boolean> {
    const n = await this.db.run(
      `UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_until = NULL, attempts = GREATEST(0, attempts - 1)
       WHERE id = $1 AND state = 'running' AND lease_owner = $2`,
      [id, owner],
    );
    return n === 1;
  }

  async get(id: number): Promise<Job | undefined> {
    const r = await this.db.one<PgJobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return r ? jobOf(r) : undefined;
  }

  async pendingFor(kind: string, field: string, values: readonly number[]): Promise<Set<number>> {
    if (values.length === 0) return new Set();
    const rows = await this.db.rows<{ v: string }>(
      `SELECT DISTINCT payload->>$2 AS v FROM jobs
       WHERE state IN ('queued', 'running') AND kind = $1 AND jsonb_typeof(payload->$2) = 'number'
         AND (payload->>$2)::numeric = ANY($3::numeric[])`,
      [kind, field, [...values]],
    );
    return new Set(rows.map((r) => Number(r.v)));
  }

  async list(filter: { state?: JobState; kind?: string; limit?: number } = {}): Promise<Job[]> {
    const rows = await this.db.rows<PgJobRow>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR kind = $2)
       ORDER BY id DESC LIMIT $3`,
      [filter.state ?? null, filter.kind ?? null, Math.max(1, filter.limit ?? 100)],
    );
    return rows.map(jobOf);
  }

  async retry(id: number | undefined, now: number): Promise<RetryResult> {
    // The update checks again that no job holds the key; one enqueued by another process between
    // the read and the update makes the unique index refuse it: read again.
    for (let attempt = 1; ; attempt++) {
      const dead = await this.db.rows<DeadRow>(
        `SELECT d.id, d.pending_key,
                (SELECT h.id FROM jobs h WHERE h.pending_key = d.pending_key AND h.state IN ('queued', 'running') LIMIT 1) AS holder
         FROM jobs d WHERE d.state = 'dead' AND ($1::bigint IS NULL OR d.id = $1)`,
        [id ?? null],
      );
      const { ids, held } = pickRetries(dead);
      if (!ids.length) return { queued: 0, held };
      try {
        const queued = await this.db.run(
          `UPDATE jobs d SET state = 'queued', attempts = 0, run_after = $2, finished_at = NULL, lease_owner = NULL, lease_until = NULL
           WHERE d.state = 'dead' AND d.id = ANY($1::bigint[])
             AND NOT EXISTS (SELECT 1 FROM jobs h WHERE h.pending_key = d.pending_key AND h.state IN ('queued', 'running'))`,
          [ids, now],
        );
        return { queued, held };
      } catch (err) {
        if (attempt >= 3 || (err as { code?: string }).code !== '23505') throw err;
      }
    }
  }

  async purge(states: readonly ('done' | 'dead')[], before: number): Promise<number> {
    if (states.length === 0) return 0;
    return this.db.run(`DELETE FROM jobs WHERE state = ANY($1::text[]) AND finished_at < $2`, [[...states], before]);
  }

  async counts(now: number): Promise<JobCounts> {
    const r = await this.db.one<Record<keyof JobCounts, number>>(
      `SELECT count(*) FILTER (WHERE state = 'queued')::int AS queued,
              count(*) FILTER (WHERE state = 'queued' AND run_after <= $1)::int AS due,
              count(*) FILTER (WHERE state = 'running')::int AS running,
              count(*) FILTER (WHERE state = 'done')::int AS done,
              count(*) FILTER (WHERE state = 'dead')::int AS dead,
              count(*) FILTER (WHERE state = 'running' AND lease_until < $1)::int AS expired,
              coalesce(sum(lease_expiries), 0)::int AS "leaseExpiries"
       FROM jobs`,
      [now],
    );
    return r ?? { queued: 0, due: 0, running: 0, done: 0, dead: 0, expired: 0, leaseExpiries: 0 };
  }

  async dueByKind(now: number): Promise<Map<string, number>> {
    const rows = await this.db.rows<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM jobs WHERE state = 'queued' AND run_after <= $1 GROUP BY kind`,
      [now],
    );
    return new Map(rows.map((r) => [r.kind, r.n]));
  }
}

export class PostgresHostStateRepo implements HostStateRepo {
  constructor(private readonly db: Db) {}

  async hold(host: string, until: number, reason: string, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO host_state (host, hold_until, reason, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (host) DO UPDATE SET hold_until = EXCLUDED.hold_until, reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at
       WHERE host_state.hold_until < EXCLUDED.hold_until`,
      [host, until, noNul(reason.slice(0, 500)), now],
    );
  }

  async heldUntil(host: string, now: number): Promise<number | undefined> {
    const r = await this.db.one<{ hold_until: number }>(prepared('SELECT hold_until FROM host_state WHERE host = $1 AND hold_until > $2'), [
      host,
      now,
    ]);
    return r?.hold_until;
  }

  async holds(now: number): Promise<HostHold[]> {
    const rows = await this.db.rows<{ host: string; hold_until: number; reason: string | null }>(
      `SELECT host, hold_until, reason FROM host_state WHERE hold_until > $1 ORDER BY host ${CODE_POINT_ORDER}`,
      [now],
    );
    return rows.map((r) => ({ host: r.host, until: r.hold_until, reason: r.reason }));
  }
  async takeTurn(host: string, spacingMs: number, now: number, maxWaitMs: number): Promise<{ start: number; taken: boolean }> {
    const spacing = Math.max(0, Math.round(spacingMs));
    // One statement: the row is locked by the upsert, so two workers never get the same start.
    const r = await this.db.one<{ start: number }>(
      `INSERT INTO host_state (host, hold_until, reason, updated_at, next_turn) VALUES ($1, 0, NULL, $3::bigint, $3::bigint + $2::bigint)
       ON CONFLICT (host) DO UPDATE SET next_turn = GREATEST(COALESCE(host_state.next_turn, 0), $3::bigint) + $2::bigint, updated_at = $3::bigint
       WHERE GREATEST(COALESCE(host_state.next_turn, 0), $3::bigint) <= $3::bigint + $4::bigint
       RETURNING next_turn - $2::bigint AS start`,
      [host, spacing, Math.round(now), Math.max(0, Math.round(maxWaitMs))],
    );
    if (r) return { start: Number(r.start), taken: true };
    const free = await this.db.one<{ next_turn: number | null }>('SELECT next_turn FROM host_state WHERE host = $1', [host]);
    return { start: Number(free?.next_turn ?? now), taken: false };
  }

  async prune(before: number, limit: number): Promise<number> {
    // One statement. A row a worker is writing (a turn taken, a hold set) is locked by its upsert:
    // SKIP LOCKED passes it by instead of waiting, and the outer conditions are asked again of
    // the row as locked here, so a row given a turn since the subquery looked is not deleted. The
    // condition is migration 48's indexed expression: a prune with nothing to delete reads no row. The batch is
    // an array (an InitPlan), so the rows are then deleted by their key: as `IN (subquery)` the
    // planner hash-joined it with a scan of the whole table once many rows were prunable.
    return this.db.run(
      `DELETE FROM host_state WHERE host = ANY(ARRAY(
         SELECT host FROM host_state
         WHERE GREATEST(updated_at, hold_until, COALESCE(next_turn, 0)) < $1::bigint
         LIMIT $2 FOR UPDATE SKIP LOCKED))
       AND GREATEST(updated_at, hold_until, COALESCE(next_turn, 0)) < $1::bigint`,
      [Math.round(before), Math.max(0, Math.floor(limit))],
    );
  }
}
