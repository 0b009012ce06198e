// Runs work one at a time per key, in the order it arrived, within this process. The sign-in
// throttle reads a lock, checks a password (scrypt: about 100 ms on the thread pool) and only then
// counts a failure: without a queue, a hundred sign-ins sent at once all read "not locked" before
// the first failure was counted, and a hundred guesses went through where five are allowed.
//
// A caller holds all its keys at once: it takes its place at the tail of every key's queue in one
// synchronous step and waits for the callers ahead of it on any of them. Places are taken in
// arrival order, so the waits form no cycle (no deadlock), whatever keys two callers share.
export class OneAtATime {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const ahead = unique.map((k) => this.tails.get(k));
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    for (const k of unique) this.tails.set(k, mine);
    try {
      // The promises waited on never reject: each is released in a finally.
      await Promise.all(ahead);
      return await work();
    } finally {
      release();
      for (const k of unique) if (this.tails.get(k) === mine) this.tails.delete(k);
    }
  }

  /** Keys with a caller running or waiting (for tests: nothing is left behind). */
  get size(): number {
    return this.tails.size;
  }
}
