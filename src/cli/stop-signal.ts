// Ctrl-C and SIGTERM for the commands that run until stopped (serve, worker, demo, poll, alerts).
//
// Node's default for SIGTERM ends the process at once, with status 143. That is right while
// nothing is open, but a long-running command opens the store (running migrations), starts an
// ingest thread, loads topics and listens well before it reaches its "wait for a signal" line,
// and a stop asked for meanwhile (systemd, `docker stop`, a deploy script's `timeout`) used to
// end it there: status 143, a unit marked failed, claimed work left to expire. So the dispatcher
// listens from its first line and remembers the request; a command that stops cleanly asks
// stopRequested() between its start-up steps and undoes what it started, and every other command
// gets Node's default back (a signal that came meanwhile is raised again).
//
// A second signal while stopping is an operator who will not wait: the process ends at once.

export type StopSignalName = 'SIGINT' | 'SIGTERM';

const SIGNALS: readonly StopSignalName[] = ['SIGINT', 'SIGTERM'];
/** 128 + the signal's number: what a shell reports for a process the signal ended. */
const FORCED_STATUS: Record<StopSignalName, number> = { SIGINT: 130, SIGTERM: 143 };

let received: StopSignalName | undefined;
let listening = false;
const waiting: Array<(s: StopSignalName) => void> = [];

function onSignal(signal: StopSignalName): void {
  if (received !== undefined) {
    process.stderr.write(`${signal} again: stopping now, without waiting for work in flight\n`);
    process.exit(FORCED_STATUS[signal]);
  }
  received = signal;
  for (const wake of waiting.splice(0)) wake(signal);
}

/** Starts remembering Ctrl-C and SIGTERM instead of dying on them (idempotent). */
export function listenForStop(): void {
  if (listening) return;
  listening = true;
  for (const s of SIGNALS) process.on(s, onSignal);
}

/**
 * Gives Ctrl-C and SIGTERM back to Node's default: for the commands that do not stop cleanly, with
 * `raisePending` — a signal that arrived while listening is raised again, so it takes effect as it
 * would have — and after a command has returned, without (it has answered any stop already; a
 * signal now, while something forgotten keeps the process alive, ends it).
 */
export function restoreDefaultStop(raisePending = true): void {
  if (!listening) return;
  listening = false;
  for (const s of SIGNALS) process.off(s, onSignal);
  if (raisePending && received !== undefined && process.listenerCount(received) === 0) process.kill(process.pid, received);
}

/** Whether a stop was asked for (listening starts here if it had not). */
export function stopRequested(): boolean {
  listenForStop();
  return received !== undefined;
}

/** Resolves with the signal once a stop is asked for; at once when it already was. */
export function untilStopRequested(): Promise<StopSignalName> {
  listenForStop();
  if (received !== undefined) return Promise.resolve(received);
  return new Promise((resolve) => waiting.push(resolve));
}
