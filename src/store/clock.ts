// The deployment's one clock. Leases (jobs, source polls, alert deliveries, the re-clustering
// run), due times (a source's next check, a delivery's next attempt, a job's runAfter) and host
// holds are rows every worker of every machine compares against; when each machine compared them
// with its own Date.now(), one running ten minutes fast took live leases of others (the same job
// run twice, the same webhook sent twice) and polled sources before they were due, and one running
// slow held expired work. Every such comparison reads the time from here instead: on PostgreSQL
// the database server's clock, the one clock all machines share; on SQLite (one machine, one
// process) the local clock. Durations measured within a process (timeouts, metrics) stay local.

export interface SharedClock {
  /**
   * Now, in epoch ms, by the clock the store's rows are compared against. Cheap enough for every
   * claim and every job's outcome: PostgreSQL asks the server at most once per refresh period
   * (./postgres/clock.ts), not once per call.
   */
  now(): Promise<number>;
}

/** A time source a worker may be given instead of the store's clock (tests set the time with it). */
export type ClockFn = () => number | Promise<number>;

/** The local clock: SQLite's shared clock (a single machine shares nothing with another). */
export const localClock: SharedClock = { now: async () => Date.now() };
