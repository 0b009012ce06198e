// CPU time, for the complexity guards of tests (a pattern that backtracks, a walk without a bound):
// "this input is read in linear time" is told by a bound far below what the quadratic reading took.
// Wall time measured that bound with every other process's work in it: CI runs two test files at
// once on two cores beside the database, and under that load a call of 300 ms took seconds. The
// CPU time this process spent (every thread of it: a worker's parse counts too) leaves the other
// processes out, so the same bound still tells linear from quadratic work on a busy machine.

/** Milliseconds of CPU this process spent while `f` ran. */
export function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Milliseconds of CPU this process spent until `f`'s promise settled, and its value. */
export async function cpuMsOf<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.cpuUsage();
  const value = await f();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, value };
}
