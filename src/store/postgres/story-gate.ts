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
import { prepared, type Sql } from './db.js';

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
