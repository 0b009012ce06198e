// A fetch's total timeout that can be paused: the wait for a turn a site's Crawl-delay asks for
// is the site's wish, not the server being slow, so it does not use up the time the request has.

export class PausableDeadline {
  private readonly ctl = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private left: number;
  private since = 0;

  constructor(ms: number) {
    this.left = ms;
    this.run();
  }

  get signal(): AbortSignal {
    return this.ctl.signal;
  }

  private run(): void {
    this.since = performance.now();
    this.timer = setTimeout(() => this.ctl.abort(new DOMException('The operation timed out.', 'TimeoutError')), Math.max(0, this.left));
    // As AbortSignal.timeout: a pending deadline does not keep the process alive.
    this.timer.unref?.();
  }

  /** Stops the clock (the time spent until now stays spent). */
  pause(): void {
    if (this.timer === undefined || this.ctl.signal.aborted) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.left -= performance.now() - this.since;
  }

  /** Starts the clock again with the time that was left. */
  resume(): void {
    if (this.timer !== undefined || this.ctl.signal.aborted) return;
    this.run();
  }

  /** Ends the timer once the fetch is done. */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
