// One heavy piece of work per turn of the event loop. A check's work after its fetch (saving,
// tagging, clustering) is synchronous on SQLite behind an async face; when the fetches of several
// checks finish in the same poll, their work would run back to back as one long task, and a reader
// of the same process (`serve`) would wait for all of it — the topic page's slow tail under
// ingest. Waiting for a turn puts each piece in a turn of its own, first come first served, with
// the loop's timers and I/O (readers' requests) between two pieces. A piece waits one turn when
// nobody else is waiting, so on PostgreSQL (where the work waits on the network anyway) it costs
// next to nothing.

const waiting: Array<() => void> = [];
let scheduled = false;

function releaseOne(): void {
  const next = waiting.shift();
  // Scheduled before the piece runs: from inside this check phase it lands in the next turn.
  if (waiting.length > 0) setImmediate(releaseOne);
  else scheduled = false;
  next?.();
}

/** Resolves in a turn of the event loop of its own (after the earlier callers' turns). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(releaseOne);
    }
  });
}
