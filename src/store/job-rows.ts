// The jobs table's row and its mapping, shared by both dialects; only the payload's column type
// differs (PostgreSQL jsonb arrives parsed, SQLite TEXT arrives as JSON text).
import type { Job, JobState } from './jobs.js';

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
