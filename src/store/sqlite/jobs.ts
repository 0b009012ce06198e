// Jobs and host holds on SQLite. One process owns the file and better-sqlite3 runs each
// statement to completion on the event loop, so a claim (one UPDATE … RETURNING) is atomic
// without row locks: the single-process equivalent of PostgreSQL's SKIP LOCKED claim.
import type { SharedClock } from '../clock.js';
import type { Database } from 'better-sqlite3';
import { type DeadRow, JOB_COLUMNS, type JobRow, leaseRanOutDead, newJobValues, pickRetries, toJob } from '../job-rows.js';
import type { ClaimedJob, HostHold, HostStateRepo, Job, JobCounts, JobRepo, JobState, NewJob, RetryResult } from '../jobs.js';

type SqliteJobRow = JobRow<string>;

function parsePayload(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // A payload that is not JSON is shown empty rather than failing the whole listing.
  }
  return {};
}

const jobOf = (r: SqliteJobRow): Job => toJob(r, parsePayload);

export class SqliteJobRepo implements JobRepo {
  constructor(
    private readonly db: Database,
    readonly clock: SharedClock,
  ) {}

  async enqueue(job: NewJob, now = Date.now()): Promise<{ job: Job; created: boolean }> {
    // No conflict target: a used dedupe key and a pending key held by a queued or running job
    // (the partial unique index jobs_pending_key) both leave the row unwritten.
    const insert = this.db.prepare(
      `INSERT INTO jobs (kind, payload, dedupe_key, pending_key, run_after, max_attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING ${JOB_COLUMNS}`,
    );
    // The job holding the pending key may end between the insert and the read: then insert again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = insert.get(...newJobValues(job, now, JSON.stringify), now) as SqliteJobRow | undefined;
      if (inserted) return { job: jobOf(inserted), created: true };
      const existing = this.db
        .prepare(
          `SELECT ${JOB_COLUMNS} FROM jobs WHERE dedupe_key = ?
           UNION ALL SELECT ${JOB_COLUMNS} FROM jobs WHERE pending_key = ? AND state IN ('queued', 'running') LIMIT 1`,
        )
        .get(job.dedupeKey ?? null, job.pendingKey ?? null) as SqliteJobRow | undefined;
      if (existing) return { job: jobOf(existing), created: false };
    }
    throw new Error(`job ${job.kind} was neither inserted nor found`);
  }

  async enqueueMany(jobs: readonly NewJob[], now = Date.now()): Promise<Job[]> {
    const created: Job[] = [];
    // Chunks keep the statement within SQLite's bound on parameters (7 a row).
    for (let i = 0; i < jobs.length; i += 1000) {
      const chunk = jobs.slice(i, i + 1000);
      const rows = this.db
        .prepare(
          `INSERT INTO jobs (kind, payload, dedupe_key, pending_key, run_after, max_attempts, created_at)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
           ON CONFLICT DO NOTHING RETURNING ${JOB_COLUMNS}`,
        )
        .all(...chunk.flatMap((job) => [...newJobValues(job, now, JSON.stringify), now])) as SqliteJobRow[];
      created.push(...rows.map(jobOf));
    }
    return created;
  }

  async claim(now: number, limit: number, owner: string, leaseMs: number, kinds: readonly string[]): Promise<ClaimedJob[]> {
    if (limit <= 0 || kinds.length === 0) return [];
    const marks = kinds.map(() => '?').join(', ');
    const claimed = this.db.transaction((): ClaimedJob[] => {
      // A job whose lease ran out on its last attempt goes dead rather than being taken over.
      this.db
        .prepare(
          `UPDATE jobs SET ${leaseRanOutDead('@now')}
           WHERE kind IN (SELECT value FROM json_each(@kinds)) AND state = 'running' AND lease_until < @now AND attempts >= max_attempts`,
        )
        .run({ now, kinds: JSON.stringify(kinds) });
      const due = this.db
        .prepare(
          `SELECT id, state FROM jobs WHERE kind IN (${marks})
             AND ((state = 'queued' AND run_after <= ?) OR (state = 'running' AND lease_until < ?))
           ORDER BY run_after, id LIMIT ?`,
        )
        .all(...kinds, now, now, limit) as { id: number; state: JobState }[];
      const take = this.db.prepare(
        `UPDATE jobs SET state = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1, started_at = ?,
                lease_expiries = lease_expiries + CASE WHEN state = 'running' THEN 1 ELSE 0 END
         WHERE id = ? RETURNING ${JOB_COLUMNS}`,
      );
      return due.map((d) => ({ ...jobOf(take.get(owner, now + leaseMs, now, d.id) as SqliteJobRow), tookOver: d.state === 'running' }));
    })();
    return claimed;
  }

  async renew(ids: readonly number[], owner: string, until: number): Promise<number> {
    if (ids.length === 0) return 0;
    const marks = ids.map(() => '?').join(', ');
    return this.db
      .prepare(`UPDATE jobs SET lease_until = ? WHERE state = 'running' AND lease_owner = ? AND id IN (${marks})`)
      .run(until, owner, ...ids).changes;
  }

  async complete(id: number, owner: string, now: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, finished_at = ?, last_error = NULL
           WHERE id = ? AND state = 'running' AND lease_owner = ?`,
        )
        .run(now, id, owner).changes === 1
    );
  }

  async fail(id: number, owner: string, error: string, retryAt: number | null, now: number): Promise<boolean> {
    const dead = `(? IS NULL OR attempts >= max_attempts)`;
    return (
      this.db
        .prepare(
          `UPDATE jobs SET lease_owner = NULL, lease_until = NULL, last_error = ?,
                  state = CASE WHEN ${dead} THEN 'dead' ELSE 'queued' END,
                  run_after = COALESCE(?, run_after),
                  finished_at = CASE WHEN ${dead} THEN ? ELSE NULL END
           WHERE id = ? AND state = 'running' AND lease_owner = ?`,
        )
        .run(error.slice(0, 2000), retryAt, retryAt, retryAt, now, id, owner).changes === 1
    );
  }

  async recordProgress(id: number, owner: string, progress: Record<string, unknown>): Promise<boolean> {
    return (
      this.db
        .prepare(`UPDATE jobs SET progress = ? WHERE id = ? AND state = 'running' AND lease_owner = ?`)
        .run(JSON.stringify(progress), id, owner).changes === 1
    );
  }

  async release(id: number, owner: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_until = NULL, attempts = max(0, attempts - 1)
           WHERE id = ? AND state = 'running' AND lease_owner = ?`,
        )
        .run(id, owner).changes === 1
    );
  }

  async get(id: number): Promise<Job | undefined> {
    const r = this.db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`).get(id) as SqliteJobRow | undefined;
    return r ? jobOf(r) : undefined;
  }

  async pendingFor(kind: string, field: string, values: readonly number[]): Promise<Set<number>> {
    if (values.length === 0) return new Set();
    const marks = values.map(() => '?').join(', ');
    const rows = this.db
      .prepare(
        `SELECT DISTINCT json_extract(payload, ?) AS v FROM jobs
         WHERE state IN ('queued', 'running') AND kind = ? AND json_valid(payload) AND json_extract(payload, ?) IN (${marks})`,
      )
      .all(`$.${field}`, kind, `$.${field}`, ...values) as { v: number }[];
    return new Set(rows.map((r) => Number(r.v)));
  }

  async list(filter: { state?: JobState; kind?: string; limit?: number } = {}): Promise<Job[]> {
    const rows = this.db
      .prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE (? IS NULL OR state = ?) AND (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT ?`)
      .all(
        filter.state ?? null,
        filter.state ?? null,
        filter.kind ?? null,
        filter.kind ?? null,
        Math.max(1, filter.limit ?? 100),
      ) as SqliteJobRow[];
    return rows.map(jobOf);
  }

  async retry(id: number | undefined, now: number): Promise<RetryResult> {
    // One transaction: writes are serialised, so no job takes a key between the read and the update.
    return this.db.transaction((): RetryResult => {
      const dead = this.db
        .prepare(
          `SELECT d.id, d.pending_key,
                  (SELECT h.id FROM jobs h WHERE h.pending_key = d.pending_key AND h.state IN ('queued', 'running') LIMIT 1) AS holder
           FROM jobs d WHERE d.state = 'dead' AND (? IS NULL OR d.id = ?)`,
        )
        .all(id ?? null, id ?? null) as DeadRow[];
      const { ids, held } = pickRetries(dead);
      const queued = ids.length
        ? this.db
            .prepare(
              `UPDATE jobs SET state = 'queued', attempts = 0, run_after = ?, finished_at = NULL, lease_owner = NULL, lease_until = NULL
               WHERE state = 'dead' AND id IN (SELECT value FROM json_each(?))`,
            )
            .run(now, JSON.stringify(ids)).changes
        : 0;
      return { queued, held };
    })();
  }

  async purge(states: readonly ('done' | 'dead')[], before: number): Promise<number> {
    if (states.length === 0) return 0;
    const marks = states.map(() => '?').join(', ');
    return this.db.prepare(`DELETE FROM jobs WHERE state IN (${marks}) AND finished_at < ?`).run(...states, before).changes;
  }

  async counts(now: number): Promise<JobCounts> {
    const r = this.db
      .prepare(
        `SELECT coalesce(sum(state = 'queued'), 0) AS queued,
                coalesce(sum(state = 'queued' AND run_after <= ?), 0) AS due,
                coalesce(sum(state = 'running'), 0) AS running,
                coalesce(sum(state = 'done'), 0) AS done,
                coalesce(sum(state = 'dead'), 0) AS dead,
                coalesce(sum(state = 'running' AND lease_until < ?), 0) AS expired,
                coalesce(sum(lease_expiries), 0) AS leaseExpiries
         FROM jobs`,
      )
      .get(now, now) as JobCounts;
    return r;
  }

  async dueByKind(now: number): Promise<Map<string, number>> {
    const rows = this.db
      .prepare(`SELECT kind, count(*) AS n FROM jobs WHERE state = 'queued' AND run_after <= ? GROUP BY kind`)
      .all(now) as { kind: string; n: number }[];
    return new Map(rows.map((r) => [r.kind, r.n]));
  }
}

export class SqliteHostStateRepo implements HostStateRepo {
  constructor(private readonly db: Database) {}

  async hold(host: string, until: number, reason: string, now: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO host_state (host, hold_until, reason, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (host) DO UPDATE SET hold_until = excluded.hold_until, reason = excluded.reason, updated_at = excluded.updated_at
         WHERE host_state.hold_until < excluded.hold_until`,
      )
      .run(host, until, reason.slice(0, 500), now);
  }

  async heldUntil(host: string, now: number): Promise<number | undefined> {
    const r = this.db.prepare('SELECT hold_until FROM host_state WHERE host = ? AND hold_until > ?').get(host, now) as
      | { hold_until: number }
      | undefined;
    return r?.hold_until;
  }

  async holds(now: number): Promise<HostHold[]> {
    const rows = this.db.prepare('SELECT host, hold_until, reason FROM host_state WHERE hold_until > ? ORDER BY host').all(now) as {
      host: string;
      hold_until: number;
      reason: string | null;
    }[];
    return rows.map((r) => ({ host: r.host, until: r.hold_until, reason: r.reason }));
  }
  async takeTurn(host: string, spacingMs: number, now: number, maxWaitMs: number): Promise<{ start: number; taken: boolean }> {
    const spacing = Math.max(0, Math.round(spacingMs));
    const t = Math.round(now);
    const r = this.db
      .prepare(
        `INSERT INTO host_state (host, hold_until, reason, updated_at, next_turn) VALUES (@host, 0, NULL, @now, @now + @spacing)
         ON CONFLICT (host) DO UPDATE SET next_turn = max(coalesce(host_state.next_turn, 0), @now) + @spacing, updated_at = @now
         WHERE max(coalesce(host_state.next_turn, 0), @now) <= @now + @maxWait
         RETURNING next_turn - @spacing AS start`,
      )
      .get({ host, spacing, now: t, maxWait: Math.max(0, Math.round(maxWaitMs)) }) as { start: number } | undefined;
    if (r) return { start: Number(r.start), taken: true };
    const free = this.db.prepare('SELECT next_turn FROM host_state WHERE host = ?').get(host) as { next_turn: number | null } | undefined;
    return { start: Number(free?.next_turn ?? t), taken: false };
  }

  async prune(before: number, limit: number): Promise<number> {
    // One statement, so no turn taken between a look and a delete is lost (SQLite has one writer).
    // The condition is migration 48's indexed expression: a prune with nothing to delete reads no row.
    return this.db
      .prepare(
        `DELETE FROM host_state WHERE host IN (
           SELECT host FROM host_state
           WHERE max(updated_at, hold_until, coalesce(next_turn, 0)) < @before
           LIMIT @limit)`,
      )
      .run({ before: Math.round(before), limit: Math.max(0, Math.floor(limit)) }).changes;
  }
}
