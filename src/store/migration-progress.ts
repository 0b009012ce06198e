// Progress of a data migration that walks a table in batches (a reindex, a rewrite of stored
// values). A store of a few thousand rows migrates in well under a second and says nothing; on a
// large one the operator sees how far it is, at most every few seconds, and when it ended.
import { logger, type Logger } from '../log/logger.js';

/** Rows (or ids) below which a walk is not worth a line. */
const QUIET_BELOW_ROWS = 20_000;
const EVERY_MS = 5_000;

export class MigrationProgress {
  private done = 0;
  private readonly log: Logger | undefined;
  private readonly started = Date.now();
  private last = this.started;

  constructor(
    private readonly what: string,
    private readonly total: number,
    private readonly unit = 'rows',
  ) {
    if (total >= QUIET_BELOW_ROWS) {
      this.log = logger('store');
      this.log.info({ migration: what, total }, `${what}: ${total} ${unit} to go through`);
    }
  }

  /** Counts `n` more rows gone through. */
  step(n: number): void {
    this.done += n;
    if (!this.log) return;
    const now = Date.now();
    if (now - this.last < EVERY_MS) return;
    this.last = now;
    this.log.info(
      { migration: this.what, done: this.done, total: this.total },
      `${this.what}: ${this.done} of ${this.total} ${this.unit} (${Math.floor((100 * this.done) / Math.max(1, this.total))}%)`,
    );
  }

  /** The closing line (only when the walk was announced). */
  end(extra: Record<string, number> = {}): void {
    this.log?.info(
      { migration: this.what, done: this.done, ms: Date.now() - this.started, ...extra },
      `${this.what}: done, ${this.done} ${this.unit} in ${((Date.now() - this.started) / 1000).toFixed(1)} s`,
    );
  }
}
