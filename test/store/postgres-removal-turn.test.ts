// Removals and editors' curation get their turn beside workers writing checked story batches back to
// back (c-starve). Each checked write locks the re-clustering progress row FOR SHARE before reading
// its entries; a removal, a merge and a split update that row. PostgreSQL lets a new FOR SHARE join
// the lockers already there even while an update waits for them, so with several workers writing
// without a pause the shares overlapped without a gap and the removal waited for as long as they
// wrote (docs/desk.md, r-standin). The story gate (src/store/postgres/story-gate.ts) queues them
// fairly: an entry's removal, an editor's merge and a source's removal each go through while the
// workers keep writing, and the workers' writes after a removal leave its entry out.
// Only PostgreSQL: SQLite's writing transactions are IMMEDIATE, one at a time. The bound is generous
// (the gate lets each through behind the writes in progress, well under a second here); on a store
// without the gate the removal was still waiting when it ran out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoryAssignmentInput } from '../../src/store/stories.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { item } from './contract.js';

const WRITERS = 3;
const PER_BATCH = 30;
const ENTRIES = 120;
/** How long one removal or merge may wait; the test fails when it runs out. */
const TURN_MS = 20_000;

/** `p`, or a failure naming `what` when it has not settled within TURN_MS. */
async function inTurn<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} still waiting after ${TURN_MS} ms of checked writes`)), TURN_MS);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

forEachDialect((d) => {
  if (d.name !== 'postgres') {
    test('SQLite runs one writing transaction at a time: nothing to queue', (t) => t.skip('PostgreSQL only'));
    return;
  }
  // No bound on the whole test: opening the stores (the migrations) is most of its time and grows
  // with the machine's load (47 s of 65 s with CPU burners beside it, r-starve), while each turn took
  // 3 s at most. Each wait that could hang is bounded by TURN_MS instead, the workers' last writes too.
  test('an entry removal, an editor merge and a source removal go through while workers write checked batches back to back', async () => {
    const store = await d.open();
    const workers: Store[] = [];
    for (let w = 0; w < WRITERS; w++) workers.push(await d.reopen(store));
    let stop = false;
    const loops: Promise<void>[] = [];
    const pending: Promise<unknown>[] = [];
    try {
      const { source } = await store.sources.add({ url: 'https://turn.example/feed' });
      const { source: leaving } = await store.sources.add({ url: 'https://turn.example/leaving' });
      const ids = (
        await store.entries.saveBatch(
          source.id,
          Array.from({ length: ENTRIES }, (_, i) => item(i)),
        )
      ).inserted.map((e) => e.id);
      const [gone] = (await store.entries.saveBatch(leaving.id, [item(ENTRIES)])).inserted.map((e) => e.id);
      const { generation } = await store.stories.reclusterProgress();
      // Two stories an editor merges later, written before the workers start.
      await store.stories.assign([
        { entryId: ids[0]!, storyKey: 'editor-a' },
        { entryId: ids[1]!, storyKey: 'editor-b' },
      ]);
      const [ea, eb] = await store.entries.getMany([ids[0]!, ids[1]!]);
      const writes = Array.from({ length: WRITERS }, () => 0);
      for (let w = 0; w < WRITERS; w++)
        loops.push(
          (async () => {
            // Overlapping entries and keys: the workers meet on stories, as workers with one
            // event in their windows do, and each write holds its share of the row meanwhile.
            for (let round = 0; !stop; round++) {
              const batch: StoryAssignmentInput[] = Array.from({ length: PER_BATCH }, (_, i) => {
                const id = ids[2 + ((round * 7 + w * 11 + i) % (ENTRIES - 2))]!;
                return { entryId: id, storyKey: `k${(id + round) % 40}` };
              });
              assert.equal(await workers[w]!.stories.assign(batch, Date.now(), { generation }), true);
              writes[w]!++;
            }
          })(),
        );
      // Every worker is writing before the removal is asked.
      await inTurn(
        (async () => {
          while (!stop && writes.some((n) => n < 2)) await new Promise((r) => setTimeout(r, 5));
        })(),
        "the workers' first writes",
      );

      const victim = ids[60]!;
      const removal = store.entries.remove(victim);
      pending.push(removal);
      assert.equal(await inTurn(removal, "an entry's removal"), true);
      // The workers' writes after it leave its entry out: no merge through it.
      const [x, y] = [ids[61]!, ids[62]!];
      assert.equal(
        await workers[0]!.stories.assign(
          [
            { entryId: x, storyKey: 'after-x' },
            { entryId: y, storyKey: 'after-y' },
            { entryId: victim, storyKey: 'after-x', merged: ['after-y'] },
          ],
          Date.now(),
          { generation },
        ),
        true,
      );
      const [sx, sy] = await store.entries.getMany([x, y]);
      assert.notEqual(sx!.storyId, sy!.storyId, 'no merge through the removed entry');

      const merge = store.stories.merge(ea!.storyId!, eb!.storyId!);
      pending.push(merge);
      assert.ok(await inTurn(merge, "an editor's merge"));
      const sourceRemoval = store.sources.remove(leaving.id);
      pending.push(sourceRemoval);
      assert.equal(await inTurn(sourceRemoval, "a source's removal"), true);
      assert.deepEqual(await store.entries.getMany([gone!]), [], 'its entry left with it');
      assert.ok(
        writes.every((n) => n >= 3),
        'the workers kept writing',
      );
    } finally {
      stop = true;
      await inTurn(Promise.allSettled([...loops, ...pending]), "the workers' last writes");
      for (const s of workers) await s.close();
      await store.close();
    }
    await Promise.all(loops);
  });
});
