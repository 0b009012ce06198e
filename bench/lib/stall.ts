// The longest event-loop stall while some work runs: a 10 ms timer records the largest gap between
// its ticks, which is how long a lease renewal or a page request would have waited.

/**
 * Runs `work` and returns its result, its wall time and the longest gap between 10 ms ticks, and
 * every gap over 20 ms (`stalls`: when it ended, performance.now(), and how long it was).
 */
export async function longestStall<T>(
  work: () => Promise<T>,
): Promise<{ result: T; stallMs: number; wallMs: number; stalls: Array<{ end: number; ms: number }> }> {
  let last = performance.now();
  let worst = 0;
  const stalls: Array<{ end: number; ms: number }> = [];
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    if (now - last > 20) stalls.push({ end: now, ms: now - last });
    last = now;
  }, 10);
  const t = performance.now();
  const result = await work();
  const wallMs = performance.now() - t;
  // The stretch that ends the work is only seen once a tick runs after it.
  await new Promise((r) => setTimeout(r, 50));
  clearInterval(tick);
  return { result, stallMs: worst, wallMs, stalls };
}
