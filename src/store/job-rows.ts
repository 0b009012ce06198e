// The jobs table's row and its mapping, shared by both dialects; only the payload's column type
// differs (PostgreSQL jsonb arrives parsed, SQLite TEXT arrives as JSON text).
import type { Job, JobState, NewJob, RetryResult } from './jobs.js';

export interface JobRow<P> {
  id: number;
  kind: string;
  payload: P;
  dedupe_key: string | null;
  pending_key: string | null;
  state: JobState;
  run_after: number;
  lease_owner: string | null;
  lease_until: number | null;
  attempts: number;
  max_attempts: number;
  lease_expiries: number;
  last_error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  progress: P | null;
}

export const JOB_COLUMNS =
  'id, kind, payload, dedupe_key, pending_key, state, run_after, lease_owner, lease_until, attempts, max_attempts, lease_expiries, last_error, created_at, started_at, finished_at, progress';

/**
 * The SET of the statement that ends a job whose lease ran out on its last attempt. Its worker
 * died in it (out of memory, a crash in native code, SIGKILL) or hung, so the runner never
 * recorded a failure: without this, a job that kills its worker would be taken over forever,
 * killing worker after worker. The lease that ran out counts as the failed attempt, and the
 * reason names the last holder; an error an earlier attempt recorded is kept after it.
 * `nowParam` is the dialect's placeholder for the claim's time (PostgreSQL $1, SQLite @now).
 */
export function leaseRanOutDead(nowParam: string): string {
  return `state = 'dead', lease_owner = NULL, lease_until = NULL, finished_at = ${nowParam},
          lease_expiries = lease_expiries + 1,
          last_error = substr('lease ran out on attempt ' || attempts || '/' || max_attempts || ' (worker '
            || coalesce(lease_owner, '?') || ' died or hung while running it)'
            || coalesce('; earlier error: ' || last_error, ''), 1, 2000)`;
}

export function toJob<P>(r: JobRow<P>, payload: (raw: P) => Record<string, unknown>): Job {
  return {
    id: r.id,
    kind: r.kind,
    payload: payload(r.payload),
    dedupeKey: r.dedupe_key,
    pendingKey: r.pending_key,
    state: r.state,
    runAfter: r.run_after,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    leaseExpiries: r.lease_expiries,
    lastError: r.last_error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    progress: r.progress === null || r.progress === undefined ? null : payload(r.progress),
  };
}

/** A dead job `retry` may put back: its pending key, and the job queued or running that holds it now. */
export interface DeadRow {
  id: number;
  pending_key: string | null;
  holder: number | null;
}

/**
 * Which dead jobs `retry` puts back: every one without a pending key; of those with one, the newest
 * of each key that no job queued or running holds. The rest are left dead, named with their holder.
 */
export function pickRetries(dead: readonly DeadRow[]): { ids: number[]; held: RetryResult['held'] } {
  const ids: number[] = [];
  const held: RetryResult['held'] = [];
  const taken = new Map<string, number>();
  for (const d of [...dead].sort((a, b) => Number(b.id) - Number(a.id))) {
    const id = Number(d.id);
    if (d.pending_key === null) ids.push(id);
    else if (d.holder !== null) held.push({ id, pendingKey: d.pending_key, heldBy: Number(d.holder) });
    else if (taken.has(d.pending_key)) held.push({ id, pendingKey: d.pending_key, heldBy: taken.get(d.pending_key)! });
    else {
      taken.set(d.pending_key, id);
      ids.push(id);
    }
  }
  return { ids, held };
}

/**
 * A new job's values in the insert's column order (kind, payload, dedupe_key, pending_key,
 * run_after, max_attempts), its defaults applied once for every insert of both stores; `json`
 * writes the payload as the store keeps it.
 */
export function newJobValues(
  job: NewJob,
  now: number,
  json: (payload: Record<string, unknown>) => string,
): [string, string, string | null, string | null, number, number] {
  return [
    job.kind,
    json(job.payload ?? {}),
    job.dedupeKey ?? null,
    job.pendingKey ?? null,
    job.runAfter ?? now,
    Math.max(1, job.maxAttempts ?? 5),
  ];
}
