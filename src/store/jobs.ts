// Background jobs and shared host state: the contract both dialects implement.
//
// A job is claimed with a lease (owner + expiry) that its runner renews while it works. A runner
// that dies stops renewing; once the lease has run out the job is claimable again and the claim
// counts a lease expiry. A failed attempt goes back to the queue with a later `runAfter`, or ends
// 'dead' with its error once `maxAttempts` attempts have failed: never dropped silently.

import type { SharedClock } from './clock.js';

export type JobState = 'queued' | 'running' | 'done' | 'dead';

export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  /** At most one job per key ever exists (periodic work enqueued by successive leaders). */
  dedupeKey: string | null;
  /** At most one job per key is queued or running at a time (see NewJob.pendingKey). */
  pendingKey: string | null;
  state: JobState;
  runAfter: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  /** Attempts started (a claim counts one). */
  attempts: number;
  maxAttempts: number;
  /** Times a lease ran out under a running job (its worker died or hung) and it was claimed again. */
  leaseExpiries: number;
  lastError: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** What the job has done so far, as its handler last recorded it (null: nothing recorded). */
  progress: Record<string, unknown> | null;
}

/** A claimed job; tookOver when its previous lease had run out under another runner. */
export type ClaimedJob = Job & { tookOver: boolean };

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  dedupeKey?: string;
  /**
   * At most one job per pending key is queued or running at a time (a unique partial index, so two
   * processes enqueueing at once cannot both add one): while one is, enqueue returns it (created:
   * false); once it is done or dead, the key is free again. Unlike dedupeKey, work asked for again
   * later runs again (the desk's "Retry full text" of one entry).
   */
  pendingKey?: string;
  /** Epoch ms; default now. */
  runAfter?: number;
  /** Default 5. */
  maxAttempts?: number;
}

export interface JobCounts {
  queued: number;
  /** Queued with runAfter passed: what workers could start now. */
  due: number;
  running: number;
  done: number;
  dead: number;
  /** Running jobs whose lease has run out (their worker is gone; the next claim takes them). */
  expired: number;
  /** Leases that ran out and were taken over, summed over the jobs still stored. */
  leaseExpiries: number;
}

/** What `retry` did: the jobs queued again, and the dead ones left because their pending key is held. */
export interface RetryResult {
  queued: number;
  /** Left dead: `heldBy` (queued or running, or put back by this same retry) holds `pendingKey`. */
  held: { id: number; pendingKey: string; heldBy: number }[];
}

export interface JobRepo {
  /** The store's clock (Store.clock), here too for a runner given this repo alone. */
  readonly clock: SharedClock;
  /**
   * Adds a job; with a dedupeKey already used, or a pendingKey held by a job queued or running,
   * returns that job (created: false). Atomic: of two processes enqueueing at once, one creates it.
   */
  enqueue(job: NewJob, now?: number): Promise<{ job: Job; created: boolean }>;
  /**
   * Adds jobs in one statement, each as `enqueue` would add it alone: one whose dedupe key is used,
   * or whose pending key a job queued or running holds (an earlier one of the same list included),
   * is left out. Returns the jobs created (the others: `jobs.length` minus these).
   */
  enqueueMany(jobs: readonly NewJob[], now?: number): Promise<Job[]>;
  /**
   * Leases up to `limit` jobs of `kinds` to `owner` until now + leaseMs: queued ones due by now,
   * and running ones whose lease has run out (tookOver: true). Each claim counts an attempt.
   */
  claim(now: number, limit: number, owner: string, leaseMs: number, kinds: readonly string[]): Promise<ClaimedJob[]>;
  /** Extends the leases `owner` still holds on `ids`; returns how many it still held. */
  renew(ids: readonly number[], owner: string, until: number): Promise<number>;
  /** Marks a job done (only while `owner` holds it); false when the lease was lost. */
  complete(id: number, owner: string, now: number): Promise<boolean>;
  /**
   * Records a failed attempt: queued again at `retryAt`, or dead when `retryAt` is null or the
   * attempts are used up. False when `owner` no longer held the lease.
   */
  fail(id: number, owner: string, error: string, retryAt: number | null, now: number): Promise<boolean>;
  /** Gives a job back unfinished (graceful stop): queued at once, the attempt not counted. */
  release(id: number, owner: string): Promise<boolean>;
  /**
   * Records a running job's progress, only while `owner` holds its lease (false otherwise): a page
   * in any process can show it, and a runner that takes the job over resumes from it.
   */
  recordProgress(id: number, owner: string, progress: Record<string, unknown>): Promise<boolean>;
  get(id: number): Promise<Job | undefined>;
  /**
   * Which of `values` have a job of `kind` still to do (queued or running) whose payload's `field`
   * is that value: one query for a whole page of rows (the desk's "Retry queued" marks).
   */
  pendingFor(kind: string, field: string, values: readonly number[]): Promise<Set<number>>;
  /** Newest first. */
  list(filter?: { state?: JobState; kind?: string; limit?: number }): Promise<Job[]>;
  /**
   * Puts a dead job (or all dead jobs when id is undefined) back in the queue with fresh attempts,
   * with its pendingKey: it holds the key again, so no second job of that key is queued while it
   * waits or runs. A dead job whose key another job holds now (queued or running) is not put back
   * and stays dead: that job does the same work (the retry folds into it). Of several dead jobs
   * sharing a key, the newest is put back and the others are left, held by it.
   */
  retry(id: number | undefined, now: number): Promise<RetryResult>;
  /** Deletes done and/or dead jobs finished before `before`. */
  purge(states: readonly ('done' | 'dead')[], before: number): Promise<number>;
  counts(now: number): Promise<JobCounts>;
  /** Jobs per kind queued and due now (the queue depth per kind). */
  dueByKind(now: number): Promise<Map<string, number>>;
}

/** A host's politeness hold: nobody in the deployment requests it before `until`. */
export interface HostHold {
  host: string;
  until: number;
  reason: string | null;
}

export interface HostStateRepo {
  /** Holds `host` until `until` (a later hold wins over an earlier one; never shortened). */
  hold(host: string, until: number, reason: string, now: number): Promise<void>;
  /** The hold on `host` still in force at `now`, if any. */
  heldUntil(host: string, now: number): Promise<number | undefined>;
  /** Holds in force at `now`. */
  holds(now: number): Promise<HostHold[]>;
  /**
   * A crawler's turn at `host` under a Crawl-delay of `spacingMs`, taken in one statement so that
   * every worker on the store gets its own: the start is `now` or the host's next free start,
   * whichever is later, and the next free start becomes that start plus `spacingMs`. When the
   * start would be more than `maxWaitMs` after `now`, nothing is taken (`taken: false`, `start`
   * is the next free start).
   */
  takeTurn(host: string, spacingMs: number, now: number, maxWaitMs: number): Promise<{ start: number; taken: boolean }>;
  /**
   * Deletes at most `limit` rows that constrain nothing any more and were left alone since
   * `before` (a time before now): the hold ended before it, the last turn's spacing ran out before
   * it (or no turn was ever taken), and nothing was written to the row since. A row with a hold in
   * force or a turn still running (its next free start at or after `before`) is kept, and so is a
   * row a worker is writing at that moment (PostgreSQL: skipped, not waited for). One statement;
   * returns how many rows went.
   */
  prune(before: number, limit: number): Promise<number>;
}
