// The job runner: every worker process runs one. It claims jobs of the kinds it has handlers for
// (a lease each, renewed every third of the lease while the handler works), runs them a few at a
// time, and records the outcome: done; queued again after an exponential backoff; or dead with
// its last error once its attempts are used up (or at once for a PermanentJobError). A runner
// that dies stops renewing, so its jobs are claimed again once their leases run out.
//
// stop() is SIGTERM's part: claim nothing more, give running jobs the deadline to finish, then
// abort them and give them back to the queue unfinished (their attempt not counted), so another
// worker starts them at once instead of waiting out a lease.
import type { Logger } from '../log/logger.js';
import type { ClockFn } from '../store/clock.js';
import type { ClaimedJob, Job, JobRepo } from '../store/jobs.js';

/** Runs one job. Honour `signal`: it fires when the runner stops past its deadline. */
export type JobHandler = (job: Job, ctx: { signal: AbortSignal }) => Promise<void>;

/** A failure that retrying cannot fix (bad payload): the job goes dead at once. */
export class PermanentJobError extends Error {}

export interface JobRunnerOptions {
  jobs: JobRepo;
  handlers: Readonly<Record<string, JobHandler>>;
  owner: string;
  log: Logger;
  /** Lease per claim, renewed every third of it (default 30 s). */
  leaseMs?: number;
  /** Jobs run at once (default 2). */
  concurrency?: number;
  /** Longest wait between claims when the queue is empty (default 1 s). */
  pollMs?: number;
  /** First retry delay, doubled per failed attempt up to maxBackoffMs (defaults 5 s, 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * The time leases and due times are compared with. Default: the store's clock (jobs.clock: the
   * database server's on PostgreSQL), never this machine's, so a worker whose clock runs fast does
   * not take live leases and one running slow does not hold expired ones. Tests set the time here.
   */
  clock?: ClockFn;
  /** Told of every finished attempt (metrics): outcome and how long the handler ran. */
  onFinished?: (job: Job, outcome: 'done' | 'retry' | 'dead' | 'released' | 'lost', ms: number) => void;
  /** Told of every claim of a job whose previous lease had run out (metrics). */
  onLeaseExpired?: (job: Job) => void;
}

/** Delay before the next attempt after `attempts` failed ones: doubling, with a tenth of jitter. */
export function jobBackoff(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.9 + 0.2 * random()));
}

interface Running {
  job: Job;
  abort: AbortController;
  done: Promise<void>;
}

export class JobRunner {
  private readonly running = new Map<number, Running>();
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly clock: ClockFn;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  private renewTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: JobRunnerOptions) {
    this.leaseMs = o.leaseMs ?? 30_000;
    this.concurrency = Math.max(1, o.concurrency ?? 2);
    this.clock = o.clock ?? (() => o.jobs.clock.now());
  }

  /** Jobs in flight in this process. */
  inFlight(): number {
    return this.running.size;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.renewTimer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.renewTimer.unref();
    this.loop = this.claimLoop();
  }

  /** Claims at once (new work was enqueued here). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Claims and runs what is due until the queue has nothing for this runner (tests, one-shot CLI). */
  async drain(): Promise<number> {
    let n = 0;
    for (;;) {
      const claimed = await this.claim();
      if (claimed === 0 && this.running.size === 0) return n;
      n += claimed;
      await Promise.race([...this.running.values()].map((r) => r.done));
    }
  }

  private async claim(): Promise<number> {
    const free = this.concurrency - this.running.size;
    if (free <= 0 || this.stopping) return 0;
    const kinds = Object.keys(this.o.handlers);
    const jobs = await this.o.jobs.claim(await this.clock(), free, this.o.owner, this.leaseMs, kinds);
    for (const job of jobs) this.begin(job);
    return jobs.length;
  }

  private async claimLoop(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.claim();
      } catch (err) {
        this.o.log.warn({ err }, 'could not claim jobs; trying again');
      }
      if (this.stopping) break;
      // Full, or nothing due: wait for a job to end, a wake-up, or the poll interval.
      if (claimed === 0 || this.running.size >= this.concurrency) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.o.pollMs ?? 1000);
          this.wakeUp = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wakeUp = undefined;
      }
    }
  }

  private begin(job: ClaimedJob): void {
    if (job.tookOver) {
      this.o.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts }, 'took over a job whose lease ran out');
      this.o.onLeaseExpired?.(job);
    }
    const abort = new AbortController();
    const started = performance.now();
    const handler = this.o.handlers[job.kind]!;
    const done = (async () => {
      let outcome: 'done' | 'retry' | 'dead' | 'released' | 'lost';
      try {
        await handler(job, { signal: abort.signal });
        if (abort.signal.aborted) throw abort.signal.reason ?? new Error('aborted');
        outcome = (await this.o.jobs.complete(job.id, this.o.owner, await this.clock())) ? 'done' : 'lost';
      } catch (err) {
        outcome = await this.failed(job, err, abort.signal.aborted);
      }
      const ms = performance.now() - started;
      if (outcome === 'lost')
        this.o.log.warn({ jobId: job.id, kind: job.kind }, 'a job ended after its lease was lost; its result was not recorded');
      this.o.onFinished?.(job, outcome, ms);
    })().finally(() => {
      this.running.delete(job.id);
      this.wake();
    });
    this.running.set(job.id, { job, abort, done });
  }

  private async failed(job: Job, err: unknown, aborted: boolean): Promise<'retry' | 'dead' | 'released' | 'lost'> {
    try {
      if (aborted && this.stopping) return (await this.o.jobs.release(job.id, this.o.owner)) ? 'released' : 'lost';
      const message = err instanceof Error ? err.message || err.name : String(err);
      const permanent = err instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      const now = await this.clock();
      const retryAt = permanent ? null : now + jobBackoff(job.attempts, this.o.backoffMs ?? 5000, this.o.maxBackoffMs ?? 3_600_000);
      const ok = await this.o.jobs.fail(job.id, this.o.owner, message, retryAt, now);
      if (!ok) return 'lost';
      if (retryAt === null) this.o.log.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, error: message }, 'job is dead');
      else this.o.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, error: message, retryAt }, 'job failed; will retry');
      return retryAt === null ? 'dead' : 'retry';
    } catch (storeErr) {
      // The store is unreachable: the lease runs out and another attempt follows.
      this.o.log.error({ err: storeErr, jobId: job.id }, 'could not record the outcome of a job');
      return 'lost';
    }
  }

  private async renew(): Promise<void> {
    if (this.running.size === 0) return;
    const ids = [...this.running.keys()];
    try {
      const held = await this.o.jobs.renew(ids, this.o.owner, (await this.clock()) + this.leaseMs);
      if (held < ids.length) {
        this.o.log.warn({ held, running: ids.length }, 'some job leases were lost (this process was too slow to renew)');
        await this.abortLost(ids);
      }
    } catch (err) {
      this.o.log.warn({ err }, 'could not renew job leases');
    }
  }

  /**
   * Aborts the jobs among `ids` whose lease this runner no longer holds: another worker took them
   * over (this process stalled past its lease, or its clock lags), so carrying on would run the
   * same job twice at once, both writing. Their outcome is 'lost'; the taker records the result.
   */
  private async abortLost(ids: readonly number[]): Promise<void> {
    for (const id of ids) {
      const r = this.running.get(id);
      if (!r || r.abort.signal.aborted) continue;
      const now = await this.o.jobs.get(id);
      if (now?.state === 'running' && now.leaseOwner === this.o.owner) continue;
      this.o.log.warn(
        { jobId: id, kind: r.job.kind, holder: now?.leaseOwner ?? null },
        'job lease lost to another worker; stopping it here',
      );
      r.abort.abort(new Error('lease lost: another worker took the job over'));
    }
  }

  /**
   * Stops claiming; running jobs get `deadlineMs` to finish, then are aborted and released to the
   * queue (due at once, attempt not counted). Resolves when every job is finished or released.
   */
  async stop(deadlineMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.loop = undefined;
    const all = (): Promise<unknown> => Promise.all([...this.running.values()].map((r) => r.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), deadlineMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      for (const r of this.running.values()) r.abort.abort(new Error('stopping: deadline passed'));
      // A handler that ignores its signal still gets its job released, so nobody waits a lease.
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.min(2000, Math.max(100, deadlineMs)));
      });
      await Promise.race([all(), grace]);
      clearTimeout(timer);
      for (const r of this.running.values()) await this.o.jobs.release(r.job.id, this.o.owner).catch(() => false);
    }
    clearInterval(this.renewTimer);
  }
}
