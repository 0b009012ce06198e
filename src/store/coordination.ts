// Leadership of periodic work (re-tagging history, and whatever else must run in exactly one
// process of a deployment). A process asks to lead a named duty; at most one live process holds a
// name at a time, and when it dies the name is free for the next one that asks. PostgreSQL backs
// this with a session-level advisory lock on a connection of its own (the server drops the lock
// the moment that session ends, kill -9 included); SQLite has one process per database, which
// always leads.

export interface Leadership {
  readonly name: string;
  /** False once released, or once the session that held the lock was lost. */
  held(): boolean;
  /**
   * Asks the database whether the lock is still held (PostgreSQL: a round trip on the lock's own
   * connection), so a leader cut off from the server stops leading.
   */
  check(): Promise<boolean>;
  /** Gives the lock up (idempotent): another process may take the name at once. */
  release(): Promise<void>;
}

/** One of a host's request slots, held by this process until released (or until it dies). */
export interface HostSlot {
  readonly host: string;
  readonly slot: number;
  /** Frees the slot (idempotent). */
  release(): Promise<void>;
}

export interface CoordinationRepo {
  /** Takes the lead of `name` when no live process holds it; undefined when another does. */
  tryLead(name: string): Promise<Leadership | undefined>;
  /**
   * Takes a free one of `slots` request slots of `host`, shared by every process of the
   * deployment, so the per-host concurrency limit holds for the whole cluster; undefined when all
   * are taken. A process that dies frees its slots (PostgreSQL: with its session).
   */
  tryHostSlot(host: string, slots: number): Promise<HostSlot | undefined>;
}
