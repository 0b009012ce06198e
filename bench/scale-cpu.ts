// CPU time of processes from /proc (Linux): what a worker and the database spend per job, for
// capacity on paper. Clock ticks are 1/100 s on Linux.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_S = 0.01;

/** User + system CPU seconds of `pid` (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_S;
  } catch {
    return 0;
  }
}

/** CPU seconds of every process named `comm` (e.g. "postgres": the server and its backends). */
export function cpuOfCommand(comm: string): number {
  let sum = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm) sum += cpuSeconds(Number(d));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return sum;
}
