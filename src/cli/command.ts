/** What every `newsdesk <name>` module in ./commands exports. */
export interface Command {
  /** One line for `newsdesk help`. */
  summary: string;
  /** Usage text shown by `newsdesk help <name>` and on a usage error. */
  usage: string;
  /**
   * Ctrl-C and SIGTERM at any moment, start-up included, end this command in order with status 0:
   * it asks stopRequested() / untilStopRequested() (stop-signal.ts). Other commands keep Node's
   * default (the signal ends them at once).
   */
  stopsCleanly?: boolean;
  /** Runs the command; resolves to the process exit status. */
  run(argv: string[]): Promise<number>;
}

/** Thrown for a malformed command line: the dispatcher prints the message and the usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
