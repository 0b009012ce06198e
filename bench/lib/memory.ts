/**
 * Peak RSS and heap of this process, as seen by the samples taken: memoryUsage() is not free, so
 * benches sample between items (every item, or every few hundred) rather than continuously.
 */
export class PeakMemory {
  rss: number;
  heap: number;

  /** Starts from a first sample, or from zero with `fromZero`. */
  constructor(fromZero = false) {
    if (fromZero) {
      this.rss = 0;
      this.heap = 0;
    } else {
      const m = process.memoryUsage();
      this.rss = m.rss;
      this.heap = m.heapUsed;
    }
  }

  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heap) this.heap = m.heapUsed;
  }
}
