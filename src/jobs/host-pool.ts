// A worker pool that never runs more than `perHost` tasks against one host at once: a worker
// takes the first queued task whose host has a free slot, so a batch dominated by one slow host
// does not idle the workers that could serve the others.

export interface HostPoolOptions<T> {
  workers: number;
  perHost: number;
  hostOf: (task: T) => string;
  /** Asked for more tasks; an empty array means there are no more. */
  more: () => Promise<T[]>;
  /**
   * When every queued task waits for a busy host, more are asked for while fewer than this many
   * are queued, so idle workers find other hosts' tasks (default: 4 × workers).
   */
  maxQueued?: number;
  run: (task: T) => Promise<void>;
}

export async function runHostPool<T>(o: HostPoolOptions<T>): Promise<void> {
  const queue: T[] = [];
  const active = new Map<string, number>();
  let exhausted = false;
  const maxQueued = Math.max(1, o.maxQueued ?? 4 * o.workers);
  let refilling: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let wakeSignal = new Promise<void>((r) => (wake = r));
  const notify = (): void => {
    const w = wake;
    wakeSignal = new Promise<void>((r) => (wake = r));
    w?.();
  };

  const refill = (): Promise<void> =>
    (refilling ??= o
      .more()
      .then((batch) => {
        if (batch.length === 0) exhausted = true;
        queue.push(...batch);
      })
      .finally(() => {
        refilling = undefined;
        notify();
      }));

  const take = (): T | undefined => {
    const i = queue.findIndex((t) => (active.get(o.hostOf(t)) ?? 0) < o.perHost);
    return i < 0 ? undefined : queue.splice(i, 1)[0];
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const task = take();
      if (task !== undefined) {
        const host = o.hostOf(task);
        active.set(host, (active.get(host) ?? 0) + 1);
        try {
          await o.run(task);
        } finally {
          const n = (active.get(host) ?? 1) - 1;
          if (n === 0) active.delete(host);
          else active.set(host, n);
          notify();
        }
        continue;
      }
      if (!exhausted && queue.length < maxQueued) {
        await refill();
        continue;
      }
      if (queue.length === 0) return;
      // Tasks remain but all their hosts are busy: wait for a slot to free up.
      await wakeSignal;
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, o.workers) }, () => worker()));
}
