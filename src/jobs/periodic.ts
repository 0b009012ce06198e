// The coordinator's duty: turning time into jobs. While this process leads, every tick it
// enqueues the periodic work that has fallen due — a re-tag when topics changed, a digest run per
// digest period end, a story re-cluster per re-cluster period — and the job runners of every
// worker do it. It also prunes the host_state rows that hold nothing any more (HOST_STATE_RETAIN_MS),
// a batch at a time, as every process that writes host_state does (host-state-prune.ts). Digest
// and re-cluster jobs carry a dedupe key naming their period, so a new leader that takes over mid-period (or an old one that has not noticed it lost the lead) can
// enqueue the same period again without it existing twice; and a leader that was down for a few
// periods enqueues each one it missed, so no period is skipped.
import type { Logger } from '../log/logger.js';
import type { ClockFn } from '../store/clock.js';
import type { Store } from '../store/store.js';
import type { Duty } from './coordinator.js';
import { HostStatePruner } from './host-state-prune.js';

export const JOB_KINDS = { retag: 'retag', digest: 'digest', recluster: 'recluster' } as const;

/** A leader back after a long outage enqueues at most this many missed periods per kind. */
const MAX_CATCH_UP = 48;

export { HOST_STATE_PRUNE_BATCH, HOST_STATE_RETAIN_MS } from './host-state-prune.js';

export interface PeriodicOptions {
  store: Pick<Store, 'jobs' | 'topics' | 'hosts'>;
  log: Logger;
  /** How often the leader looks (ms). */
  everyMs: number;
  /** Length of a digest period (ms; default one hour); 0: no digest jobs. */
  digestPeriodMs: number;
  /** Length of a re-cluster period (ms); 0: no periodic re-cluster. */
  reclusterPeriodMs: number;
  /** Whether topics are loaded here (re-tag jobs only then). */
  topics: boolean;
  /** Period ends are judged by the store's clock (the database server's on PostgreSQL) unless set (tests). */
  clock?: ClockFn;
  /** Told when a job was enqueued (wakes the local runner). */
  onEnqueued?: () => void;
}

/** Period ends in (after, now], oldest first, at most MAX_CATCH_UP of the newest. */
export function periodEnds(after: number | undefined, now: number, periodMs: number): number[] {
  const last = Math.floor(now / periodMs) * periodMs;
  const first = after === undefined ? last : after + periodMs;
  const out: number[] = [];
  for (let t = Math.max(first, last - (MAX_CATCH_UP - 1) * periodMs); t <= last; t += periodMs) out.push(t);
  return out;
}

export class PeriodicWork {
  private readonly clock: ClockFn;
  /** The leader prunes host_state too (src/jobs/host-state-prune.ts), as every writer of it does. */
  private readonly pruner: HostStatePruner;

  constructor(private readonly o: PeriodicOptions) {
    this.clock = o.clock ?? (() => o.store.jobs.clock.now());
    this.pruner = new HostStatePruner(o.store.hosts, o.log);
  }

  /** Enqueues whatever is due now; returns how many jobs it created. */
  async tick(): Promise<number> {
    let created = 0;
    const now = await this.clock();
    if (this.o.topics && (await this.o.store.topics.retagPending()).length > 0) {
      // One re-tag job at a time: it resumes every pending topic from its stored progress.
      const open = [
        ...(await this.o.store.jobs.list({ kind: JOB_KINDS.retag, state: 'queued', limit: 1 })),
        ...(await this.o.store.jobs.list({ kind: JOB_KINDS.retag, state: 'running', limit: 1 })),
      ];
      if (open.length === 0 && (await this.o.store.jobs.enqueue({ kind: JOB_KINDS.retag, maxAttempts: 10 }, now)).created) created++;
    }
    created += await this.periodic(JOB_KINDS.digest, this.o.digestPeriodMs, now);
    created += await this.periodic(JOB_KINDS.recluster, this.o.reclusterPeriodMs, now);
    if (created) this.o.onEnqueued?.();
    await this.pruner.prune(now);
    return created;
  }

  private async periodic(kind: string, periodMs: number, now: number): Promise<number> {
    if (periodMs <= 0) return 0;
    const [latest] = await this.o.store.jobs.list({ kind, limit: 1 });
    const after = typeof latest?.payload.periodEnd === 'number' ? latest.payload.periodEnd : undefined;
    let created = 0;
    for (const end of periodEnds(after, now, periodMs)) {
      const r = await this.o.store.jobs.enqueue({ kind, dedupeKey: `${kind}:${end}`, payload: { periodEnd: end }, runAfter: end }, now);
      if (r.created) created++;
    }
    return created;
  }

  /** The duty the coordinator starts while this process leads. */
  duty(): Duty {
    let timer: NodeJS.Timeout | undefined;
    let ticking: Promise<unknown> = Promise.resolve();
    const run = (): void => {
      ticking = this.tick().catch((err: unknown) => this.o.log.warn({ err }, 'could not enqueue periodic work'));
    };
    return {
      name: 'periodic-jobs',
      start: () => {
        run();
        timer = setInterval(run, this.o.everyMs);
        timer.unref();
      },
      stop: async () => {
        clearInterval(timer);
        await ticking;
      },
    };
  }
}
