// Pruning host_state as it is written. Every process that writes the table (a HostGate: `serve`,
// `worker`, a `poll` run from cron) prunes it too, and so does the leader's periodic duty: were
// only the leader to prune, a deployment polled by cron alone would keep a row for every host it
// ever met. A prune is one statement of at most HOST_STATE_PRUNE_BATCH rows, read through
// migration 48's index (a prune with nothing to delete reads no row), at most once an hour per process unless
// its batch came back full; processes pruning at once pass each other's rows by (PostgreSQL: SKIP
// LOCKED) or take turns (SQLite's one writer), so none waits on another.
import type { Logger } from '../log/logger.js';
import type { HostStateRepo } from '../store/jobs.js';

/**
 * A host's row in host_state (its Retry-After hold, its Crawl-delay turns) is pruned once nothing
 * was written to it for this long and its hold and turns are over: a row whose hold and turns are
 * past constrains no request, so what this bounds is only churn (a host asked monthly keeps its row).
 */
export const HOST_STATE_RETAIN_MS = 30 * 24 * 3_600_000;
/** Rows pruned per statement. */
export const HOST_STATE_PRUNE_BATCH = 1000;
/** How often a process prunes (a full batch: again at its next chance). */
export const HOST_STATE_PRUNE_EVERY_MS = 3_600_000;

export class HostStatePruner {
  /** When this process next prunes (store clock). */
  private pruneAt = 0;

  constructor(
    private readonly hosts: Pick<HostStateRepo, 'prune'>,
    private readonly log: Logger,
  ) {}

  /** Prunes a batch when this process's turn to has come; returns how many rows went. Never throws. */
  async prune(now: number): Promise<number> {
    if (now < this.pruneAt) return 0;
    // Set before the statement: the requests in flight beside this one do not prune too.
    this.pruneAt = now + HOST_STATE_PRUNE_EVERY_MS;
    try {
      const pruned = await this.hosts.prune(now - HOST_STATE_RETAIN_MS, HOST_STATE_PRUNE_BATCH);
      if (pruned >= HOST_STATE_PRUNE_BATCH) this.pruneAt = now;
      if (pruned > 0) this.log.info({ pruned }, 'host state pruned (hosts left alone for the retention period, with no hold or turn)');
      return pruned;
    } catch (err) {
      // Not worth failing a request or a tick for: the next chance tries again.
      this.log.warn({ err }, 'could not prune host state');
      return 0;
    }
  }
}
