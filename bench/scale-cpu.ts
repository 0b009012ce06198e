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

/**
 * CPU seconds of the PostgreSQL backends serving `database` from now until stop(): other
 * databases' backends on the same server (other users of the machine) are not counted, and a
 * backend that ends meanwhile (a pool closing idle connections) keeps what it used, as last
 * sampled every `everyMs`. The server's shared processes (WAL writer, checkpointer) are left out.
 */
export function databaseCpu(database: string, everyMs = 200): { stop(): number } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = (initial: boolean): void => {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      const pid = Number(d);
      try {
        if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
        // A backend's title: "postgres: 15/main: USER DATABASE HOST(PORT) STATE".
        const title = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
        if (!title.split(' ').includes(database)) continue;
        const cpu = cpuSeconds(pid);
        if (!first.has(pid)) first.set(pid, initial ? cpu : 0);
        last.set(pid, cpu);
      } catch {
        // Ended between the listing and the read: its last sample stands.
      }
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample(false);
      let sum = 0;
      for (const [pid, cpu] of last) sum += cpu - (first.get(pid) ?? 0);
      return sum;
    },
  };
}
