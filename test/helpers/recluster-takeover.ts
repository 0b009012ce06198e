// A re-clustering run taken over while it writes a batch (p-fence): the run has read its batch and
// clustered it, then stalls past its lease (a GC pause, a slow disk, a paused VM) just as it starts
// writing the batch's stories, and another worker takes the lease over and writes stories of its
// own. The hook fires at the start of the run's N-th batch write, whichever way the run writes it:
// the batch's stories handed to `recordRecluster` (the fenced write: progress, lease and stories in
// one transaction) or to `assign` (a run that checked its lease with its progress, then wrote the
// stories in a separate step, as before p-fence). The taker uses only writes that existed before
// p-fence, so the same tests run against a tree without the fence.
import type { ReclusterHolder, StoryAssignmentInput, StoryRepo } from '../../src/store/stories.js';
import type { Store } from '../../src/store/store.js';

const MIN = 60_000;

type BatchWriter = Pick<StoryRepo, 'assign' | 'recordRecluster'>;

/**
 * Wraps `assign` and `recordRecluster` of `target` (a repo, or a repo class's prototype) so that
 * `act` runs before the `n`-th call that carries a batch's stories. Writes made while `act` runs
 * (the taker's own, through the same methods) are not counted.
 */
export function onBatchWrite(target: BatchWriter, n: number, act: () => Promise<void>): void {
  const assign = target.assign;
  const record = target.recordRecluster;
  let writes = 0;
  let acting = false;
  const before = async (items: readonly StoryAssignmentInput[] | undefined): Promise<void> => {
    if (acting || !items || items.length === 0 || ++writes !== n) return;
    acting = true;
    try {
      await act();
    } finally {
      acting = false;
    }
  };
  target.assign = async function (this: BatchWriter, ...args: Parameters<BatchWriter['assign']>) {
    await before(args[0]);
    return assign.apply(this, args);
  };
  target.recordRecluster = async function (this: BatchWriter, ...args: Parameters<BatchWriter['recordRecluster']>) {
    await before(args[4]);
    return record.apply(this, args);
  };
}

/**
 * Another worker takes the lease over at `at` (past the stalled run's lease) and runs as far as one
 * batch: starts, forgets the stories, puts every one of `ids` in the story `key` and records its
 * progress, holding the lease until `at` + 30 minutes. Returns the time its lease runs to.
 */
export async function takeOver(
  store: Pick<Store, 'stories'>,
  ids: readonly number[],
  taker: ReclusterHolder,
  at: number,
  key = 'taker',
): Promise<number> {
  const until = at + 30 * MIN;
  if (!(await store.stories.takeReclusterLease(taker, until, at)).taken) throw new Error('the take-over was refused');
  if (!(await store.stories.startRecluster(ids.length, at, taker))) throw new Error('the taker could not start');
  await store.stories.clear();
  await store.stories.assign(
    ids.map((entryId) => ({ entryId, storyKey: key })),
    at,
  );
  const last = Math.max(...ids);
  if (!(await store.stories.recordRecluster({ publishedAt: at, entryId: last }, ids.length, at, { holder: taker, until }))) {
    throw new Error('the taker could not record its progress');
  }
  return until;
}

/** Each entry's story key and copy mark, and the stories with their sizes: what a reader sees. */
export async function storedStories(store: Pick<Store, 'stories' | 'entries'>, ids: readonly number[]): Promise<string> {
  const entries = (await store.entries.getMany([...ids])).sort((a, b) => a.id - b.id);
  const stories = await store.stories.getMany(entries.flatMap((e) => (e.storyId == null ? [] : [e.storyId])));
  const listed = (await store.stories.list({ limit: 200 })).items.map((s) => `${s.key}:${s.size}`).sort();
  return JSON.stringify({
    entries: entries.map((e) => [e.id, e.storyId == null ? null : (stories.get(e.storyId)?.key ?? '?'), e.duplicateOf ?? null]),
    listed,
  });
}
