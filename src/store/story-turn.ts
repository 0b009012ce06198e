// The story turn's bound (StoryRepo.clusterTurn, r2-workers), shared by both dialects.

/**
 * How long a story step waits for the turn before it clusters without it (default). Far above a
 * legitimate turn (a 20,000-entry window's rebuild is about 3 s of CPU), far below "forever": a
 * worker that hangs in its turn (an await that never settles, a frozen or partitioned process whose
 * session the server has not yet noticed gone) no longer stalls every worker's story step.
 */
export const DEFAULT_STORY_TURN_WAIT_MS = 120_000;

/**
 * Whether `previous` settles (either way) within `waitMs`: the wait for this process's earlier
 * turn. The timer is cleared as soon as it does, so nothing is left pending.
 */
export function settledWithin(previous: Promise<unknown>, waitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, waitMs));
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    previous.then(done, done);
  });
}

/**
 * One process's queue of story turns on one database, the part both dialects share: each caller
 * waits for the caller before it `waitMs` at most, then `take(inTime, free)` runs; `free` lets the
 * next caller go (at the latest when the caller's run settles). `take` decides what the turn is
 * (PostgreSQL: the advisory lock as well; SQLite: the queue alone) and when it is given back.
 */
export class TurnQueue {
  private last: Promise<void> = Promise.resolve();

  /** @param onIdle called when the queue empties (the last caller freed the turn), to forget it. */
  constructor(private readonly onIdle?: () => void) {}

  run<T>(waitMs: number, take: (inTime: boolean, free: () => void) => Promise<T>): Promise<T> {
    const previous = this.last;
    let free!: () => void;
    const freed = new Promise<void>((resolve) => {
      free = resolve;
    });
    this.last = freed;
    void freed.then(() => {
      if (this.last === freed) this.onIdle?.();
    });
    const run = settledWithin(previous, waitMs).then((inTime) => take(inTime, free));
    run.then(free, free);
    return run;
  }
}
