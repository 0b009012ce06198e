// Concurrency slots for article fetches: at most `total` at once, and at most `perHost` to any
// one host, shared by every run of the step (several sources are refreshed at once, and their
// articles often live on the same host). Waiters are served in arrival order.

export class HostSlots {
  private active = 0;
  private readonly byHost = new Map<string, number>();
  private readonly waiting: Array<{ host: string; go: () => void }> = [];

  constructor(
    private readonly total: number,
    private readonly perHost: number,
  ) {}

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await fn();
    } finally {
      this.release(host);
    }
  }

  private free(host: string): boolean {
    return this.active < this.total && (this.byHost.get(host) ?? 0) < this.perHost;
  }

  private take(host: string): void {
    this.active++;
    this.byHost.set(host, (this.byHost.get(host) ?? 0) + 1);
  }

  private acquire(host: string): Promise<void> {
    if (this.free(host) && !this.waiting.some((w) => w.host === host)) {
      this.take(host);
      return Promise.resolve();
    }
    return new Promise<void>((go) => this.waiting.push({ host, go }));
  }

  private release(host: string): void {
    this.active--;
    const n = (this.byHost.get(host) ?? 1) - 1;
    if (n === 0) this.byHost.delete(host);
    else this.byHost.set(host, n);
    // Wake the first waiters whose host has room (a busy host does not block the others).
    for (let i = 0; i < this.waiting.length && this.active < this.total; ) {
      const w = this.waiting[i]!;
      if (this.free(w.host)) {
        this.waiting.splice(i, 1);
        this.take(w.host);
        w.go();
      } else i++;
    }
  }
}

/** Runs `fn` over `items` with at most `limit` at once; every item runs whatever the others do. */
export async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()));
}
