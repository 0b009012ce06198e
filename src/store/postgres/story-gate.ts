// The story gate (c-starve): a transaction-level advisory lock on one key per schema, taken first
// thing by every transaction that locks the re-clustering progress row (`story_recluster`), so that
// the row's lockers queue fairly.
//
// The checked story writes (the step's `assign` with a check) lock that row FOR SHARE; removals,
// editors' merges and splits and the run's writes update it. PostgreSQL does not queue a row lock
// behind a waiting updater: a new FOR SHARE joins the lockers already there, so with two workers
// writing checked batches back to back the shares overlapped without a gap and a removal waited
// through the whole run. The advisory lock is a heavyweight lock, granted in queue order: a shared
// request behind a waiting exclusive one waits its turn. So the checked writes take it shared and
// every updater of the row takes it exclusive, and the row's locks never meet a conflicting one
// there (the gate has settled it).
//
// The row locks stay as they were, and what the writes rely on is still theirs (a removal is seen by
// a checked write or waits for it); the gate only orders who comes first. It is the first lock of
// each transaction that takes it, so a transaction waiting at the gate holds nothing anyone waits
// for: it makes no deadlock. SQLite needs none: its transactions that write are IMMEDIATE, one at a
// time.
import { type Db, prepared, type Sql, watchDrop } from './db.js';
import { settledWithin } from '../story-turn.js';

/** Advisory lock class of the story gate ("SG"); the schema names the key, as the other classes. */
const STORY_GATE = 0x5347;

const SHARED = prepared('SELECT pg_advisory_xact_lock_shared($1::int, hashtext(current_schema()))');
const EXCLUSIVE = prepared('SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))');

/** A checked story write's turn (it locks the progress row FOR SHARE next): others like it pass too. */
export async function shareStoryGate(c: Sql): Promise<void> {
  await c.query(SHARED, [STORY_GATE]);
}

/** A turn of its own, for a writer of the progress row (a removal, a merge or split, the run's writes). */
export async function holdStoryGate(c: Sql): Promise<void> {
  await c.query(EXCLUSIVE, [STORY_GATE]);
}

/** Advisory lock class of the story turn ("ST", r-workers), keyed by the schema as the gate. */
const STORY_TURN = 0x5354;

const TURN_LOCK = prepared('SELECT pg_advisory_lock($1::int, hashtext(current_schema()))');
const TURN_UNLOCK = prepared('SELECT pg_advisory_unlock($1::int, hashtext(current_schema()))');
const TURN_WAIT = prepared("SELECT set_config('lock_timeout', $1, false)");
const TURN_WAIT_RESET = 'RESET lock_timeout';
/** lock_not_available: the bounded wait for the turn ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Runs `fn` holding the story turn (StoryRepo.clusterTurn): a session advisory lock on a pooled
 * connection of its own, held while `fn` runs on other connections and freed after it, or by the
 * server when the connection drops (a killed worker). Unlike the gate it spans several
 * transactions, and nothing waits for it while holding a lock: the turn is taken first, on an idle
 * connection, so it makes no deadlock. The caller queues its own process's turns first, so one
 * connection at most per process waits here. Bounded by `waitMs` both ways (r2-workers): the wait
 * for the lock (past it `fn(false)` runs without it) and the hold (past it the lock is given back
 * while `fn` goes on); `freed` is called once the turn is given back or was never had.
 */
export async function inStoryTurn<T>(db: Db, fn: (held: boolean) => Promise<T>, waitMs: number, freed: () => void): Promise<T> {
  // `fn` works on other connections while this one holds the turn: a pool of one would wait forever.
  if ((db.pool.options.max ?? 10) < 2) throw new Error('the story turn needs a PostgreSQL pool of two connections or more');
  const client = await db.pool.connect();
  const waiting = watchDrop(client);
  let held: boolean;
  try {
    // The wait is bounded (r2-workers): a holder that hangs (or a frozen process whose session the
    // server has not noticed gone) would otherwise stall every worker's story step forever. The
    // session's lock_timeout is set for this one statement and put back before anything else.
    await client.query(TURN_WAIT, [`${Math.max(1, Math.ceil(waitMs))}ms`]);
    try {
      await client.query(TURN_LOCK, [STORY_TURN]);
      held = true;
    } catch (err) {
      if ((err as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw err;
      held = false;
    }
    await client.query(TURN_WAIT_RESET);
  } catch (err) {
    waiting.end();
    client.release(err instanceof Error ? err : true);
    throw err;
  }
  waiting.end();
  if (!held) {
    client.release();
    freed();
    return fn(false);
  }
  // The connection sits idle, checked out, while `fn` runs: should it drop meanwhile, its error is
  // the watcher's, not an uncaught one, and the turn is lost with the session (`fn` goes on).
  const dropped = watchDrop(client);
  let broken: Error | undefined;
  const work = (async () => fn(true))();
  try {
    // Held for `waitMs` at most (a lease, r2-workers): a holder that overstays it (hung in an await)
    // loses the turn, and the other workers go on in turn rather than each waiting out the bound.
    await settledWithin(work, waitMs);
  } finally {
    // A connection that cannot unlock is dropped: its session, and the lock with it, ends.
    if (!dropped.error)
      await client.query(TURN_UNLOCK, [STORY_TURN]).catch((err: unknown) => {
        broken = err instanceof Error ? err : new Error(String(err));
      });
    dropped.end();
    client.release(dropped.error ?? broken);
    freed();
  }
  return work;
}
