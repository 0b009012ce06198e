// The database server's clock, read without a round trip per call. A sample asks the server for
// clock_timestamp() and notes this process's monotonic clock (performance.now()) before and after;
// the server's answer is taken to belong to the middle of that round trip, so the error is at most
// half the round trip. Between samples the time is that answer plus the monotonic time since:
// this machine's wall clock (Date.now(), which may be minutes off, or stepped by NTP) is never
// taken for the time. A sample older than REFRESH_MS is taken again (one query per period for the
// whole process, however many callers ask meanwhile), so a server whose clock is set meanwhile is
// followed soon. The wall clock is a witness only: the monotonic clock stands still while the
// machine sleeps (Linux's CLOCK_MONOTONIC leaves out a suspend), so after a suspend an hour long a
// sample carried forward on it alone read an hour slow until its period ran out, and leases renewed
// by it were written already run out (another worker took the job over). When the two clocks
// disagree about the time since the sample, something happened to one of them: ask the server again.
import type { SharedClock } from '../clock.js';
import type { Db, Sql } from './db.js';

/** How long one sample is trusted: a monotonic clock drifts by parts per million, so this is for the server's own clock being set. */
const REFRESH_MS = 30_000;

/**
 * How far the wall and monotonic clocks may disagree about the time since a sample before it is
 * taken again. NTP slews a wall clock by at most 0.5 ms per second (15 ms per period); a suspend or
 * a step is seconds or more.
 */
const WITNESS_MS = 1000;

interface Sample {
  /** The server's epoch ms at the middle of the sample's round trip. */
  serverMs: number;
  /** performance.now() at that middle. */
  at: number;
  /** This machine's wall clock at that middle (a witness, never the time). */
  wallAt: number;
}

export class PostgresClock implements SharedClock {
  private sample: Sample | undefined;
  private pending: Promise<Sample> | undefined;
  /** The latest time told, so a new sample's rounding cannot take the clock back (see now()). */
  private last: number | undefined;

  constructor(
    private readonly db: Db,
    private readonly mono: () => number = () => performance.now(),
    private readonly wall: () => number = () => Date.now(),
  ) {}

  async now(): Promise<number> {
    let s = this.sample;
    if (s === undefined || this.stale(s)) {
      try {
        s = await this.refresh();
      } catch (err) {
        // The server cannot be asked: an earlier sample still tells the time (the caller's own
        // statement will fail on its own if the server is gone); without one there is no time.
        if (s === undefined) throw err;
      }
    }
    return this.tell(s);
  }

  /**
   * Now, read inside a transaction on its connection `c` (after the locks it waited for): a sample
   * due is taken on `c` itself, never on another pooled connection, so transactions that hold every
   * connection of the pool cannot wait on each other for the time.
   */
  async nowOn(c: Sql): Promise<number> {
    let s = this.sample;
    if (s === undefined || this.stale(s)) {
      s = await this.sampleOn(c);
      this.sample = s;
    }
    return this.tell(s);
  }

  /** The time by sample `s`, never a few ms before the last one told (see below). */
  private tell(s: Sample): number {
    const t = Math.round(s.serverMs + (this.mono() - s.at));
    // Each sample is right to half its round trip, so a new one may put the time a few ms before
    // the last reading carried forward from the old one; a lease released at the last reading
    // would then still be live when read again. Such a step back is held at the last reading
    // (time stands still for those ms); a server clock set back by more than WITNESS_MS is followed.
    if (this.last !== undefined && t < this.last && this.last - t <= WITNESS_MS) return this.last;
    this.last = t;
    return t;
  }

  /** The sample is past its period, or the wall clock saw another length of time pass since it. */
  private stale(s: Sample): boolean {
    const elapsed = this.mono() - s.at;
    return elapsed >= REFRESH_MS || Math.abs(this.wall() - s.wallAt - elapsed) > WITNESS_MS;
  }

  private refresh(): Promise<Sample> {
    this.pending ??= (async () => {
      try {
        // Timed from the moment a connection is in hand: a wait for a free connection (a busy
        // pool) or a new connection's setup comes before the server reads its clock, so counted in
        // the round trip it put the answer up to half that wait too early, the clock that much fast.
        const sample = await this.db.onConnection((c) => this.sampleOn(c));
        this.sample = sample;
        return sample;
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }

  /** One sample on connection `c` (clock_timestamp(): the time of the statement, in a transaction too). */
  private async sampleOn(c: Sql): Promise<Sample> {
    const [before, wallBefore] = [this.mono(), this.wall()];
    const res = await c.query<{ ms: string }>('SELECT (extract(epoch from clock_timestamp()) * 1000)::text AS ms');
    const [after, wallAfter] = [this.mono(), this.wall()];
    const sample = { serverMs: Number(res.rows[0]?.ms), at: (before + after) / 2, wallAt: (wallBefore + wallAfter) / 2 };
    if (!Number.isFinite(sample.serverMs)) throw new Error('the database did not tell its time');
    return sample;
  }
}

/**
 * Now by `clock`, read inside a transaction on `c`: a PostgreSQL clock samples on `c` when a sample
 * is due (PostgresClock.nowOn); any other clock (tests give the repos their own) is asked as usual.
 */
export function nowIn(clock: SharedClock, c: Sql): Promise<number> {
  return clock instanceof PostgresClock ? clock.nowOn(c) : clock.now();
}
