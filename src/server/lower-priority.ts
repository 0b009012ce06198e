// A worker lowers its own CPU priority (like `nice`), so a web process beside it on the same cores
// still answers readers promptly while ingest saturates them: the workers give up time only when
// something else wants it, so their throughput on an otherwise idle machine is unchanged.
import { readdirSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';

/** The nice value to raise to (capped at the lowest priority), or undefined for 0: nothing. */
function targetOf(nice: number): number | undefined {
  return nice <= 0 ? undefined : Math.min(nice, constants.priority.PRIORITY_LOW);
}

/** Raises one thread's (0: the calling thread's) nice value to `target`; never lowers it. */
function raise(tid: number, target: number): void {
  try {
    if (getPriority(tid) < target) setPriority(tid, target);
  } catch {
    // A thread that ended meanwhile, or a system that does not allow it: it runs as it was.
  }
}

/** The calling thread's nice value, if the system tells. */
function current(): number | undefined {
  try {
    return getPriority(0);
  } catch {
    return undefined;
  }
}

/**
 * Raises this process's nice value to at least `nice` (0: nothing) and says what it is now. On
 * Linux a nice value belongs to each thread, so every thread running now (libuv's pool, V8's
 * helpers) is lowered too; threads started later inherit it. Never raises priority back, and a
 * system that refuses is not an error: the process then runs as it was.
 */
export function lowerPriority(nice: number): number | undefined {
  const target = targetOf(nice);
  if (target === undefined) return undefined;
  let threads: number[] = [0];
  try {
    threads = readdirSync('/proc/self/task').map(Number);
  } catch {
    // Not Linux: the process-wide call is all there is.
  }
  for (const tid of threads) raise(tid, target);
  return current();
}

/**
 * Raises the nice value of the calling thread only (the ingest thread of `serve`; the site's
 * thread keeps its priority). On Linux `setpriority` with id 0 means the calling thread, and
 * threads it starts later (extraction workers) inherit the value. Elsewhere it may mean the whole
 * process, which would slow the site too: nothing is changed there.
 */
export function lowerThisThread(nice: number): number | undefined {
  const target = targetOf(nice);
  if (target === undefined || process.platform !== 'linux') return undefined;
  raise(0, target);
  return current();
}
