// A removal's rows, and an editor's change of a teaser, are dated when they take effect, not when
// they were asked for (r-clock2).
// An entry's removal and a source's removal wait at the story gate (src/store/postgres/story-gate.ts)
// behind checked story writes, for as long as a re-clustering batch holds it. p-clock2 moved their
// time from Date.now() read inside the transaction (after the gate) to one store-clock read before
// it: an editor's hide made while the removal waited was carried to the copy by an audit line dated
// before the hide it carries, and the tombstone dated before changes it had waited for. Here the
// gate is held by another transaction while the removal waits, the original is hidden meanwhile,
// and then the gate is let go. An editor's change of a teaser locks its override row and reads it
// as "before": a change that waited there for another editor's was dated before it (the override's
// updated_at and the audit line; a pin's time orders pinned teasers), as it read the time before
// the lock. Only PostgreSQL: SQLite's writing transactions run one at a time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type pg from 'pg';
import type { PostgresStore } from '../../src/store/postgres/index.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { entry } from '../web/helpers.js';

const HOUR = 3_600_000;
const EDITOR = { id: null, name: 'hiding editor' };
const TEXT = 'Water broke through the old dam above the valley town early on Sunday. Crews had warned of cracks for a year. '.repeat(3);
/** The story gate's advisory lock class (story-gate.ts). */
const STORY_GATE = 0x5347;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An original in one source and a copy of it in another, in one story. */
async function seed(store: Store) {
  const now = (await store.clock.now()) - 12 * HOUR;
  const a = (await store.sources.add({ url: 'https://alpha.example/feed.xml', title: 'alpha' })).source.id;
  const b = (await store.sources.add({ url: 'https://bravo.example/feed.xml', title: 'bravo' })).source.id;
  const [original] = (await store.entries.saveBatch(a, [entry('o', 'Dam wire report', TEXT, now - 5 * HOUR)])).inserted;
  const [copy] = (await store.entries.saveBatch(b, [entry('b', 'Dam report, a copy', TEXT, now - 4 * HOUR)])).inserted;
  await store.stories.assign([
    { entryId: original!.id, storyKey: 'dam' },
    { entryId: copy!.id, storyKey: 'dam', duplicateOf: original!.id },
  ]);
  return { a, original: original!.id, copy: copy!.id };
}

/** Holds the story gate on a connection of its own until `release` is called. */
async function holdGate(store: Store): Promise<{ release: () => Promise<void>; waiting: () => Promise<number> }> {
  const client: pg.PoolClient = await (store as PostgresStore).pool.connect();
  await client.query('BEGIN');
  await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))', [STORY_GATE]);
  return {
    release: async () => {
      try {
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
    waiting: async () =>
      Number(
        (await client.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0]
          ?.n,
      ),
  };
}

/** Runs `remove` while the gate is held, hides the original meanwhile, then lets the gate go. */
async function removeWhileHidden(store: Store, original: number, remove: () => Promise<unknown>): Promise<number> {
  const gate = await holdGate(store);
  let removal: Promise<unknown> | undefined;
  try {
    removal = remove();
    // The removal has read whatever it reads before its transaction and waits at the gate.
    while ((await gate.waiting()) === 0) await sleep(5);
    await sleep(20);
    await store.curation.update({ kind: 'entry', id: original }, { hidden: true }, EDITOR, 'teaser.hide');
  } finally {
    await gate.release();
  }
  await removal;
  const [hide] = (await store.curation.audit({ action: 'teaser.hide', limit: 10 })).items;
  assert.ok(hide, 'the hide is audited');
  return hide.at;
}

async function carriedAt(store: Store, copy: number): Promise<number> {
  const [carried] = (await store.curation.audit({ action: 'teaser.hide.carried', limit: 10 })).items;
  assert.ok(carried, 'the hide made while the removal waited is carried to the copy');
  assert.equal(carried.target, `entry:${copy}`);
  return carried.at;
}

forEachDialect((d) => {
  if (d.name !== 'postgres') return;

  test("an entry's removal that waited at the story gate is dated after the hide it carries", async () => {
    const store = await d.open();
    const s = await seed(store);
    const hiddenAt = await removeWhileHidden(store, s.original, () => store.entries.remove(s.original));
    const carried = await carriedAt(store, s.copy);
    assert.ok(carried >= hiddenAt, `the carried hide is audited ${hiddenAt - carried} ms before the hide`);
    const pool = (store as PostgresStore).pool;
    const deleted = Number(
      (await pool.query<{ at: string }>('SELECT deleted_at::text AS at FROM entries WHERE id = $1', [s.original])).rows[0]?.at,
    );
    assert.ok(deleted >= hiddenAt, `the tombstone is dated ${hiddenAt - deleted} ms before a hide it waited for`);
  });

  test("a source's removal that waited at the story gate is dated after the hide it carries", async () => {
    const store = await d.open();
    const s = await seed(store);
    const hiddenAt = await removeWhileHidden(store, s.original, () => store.sources.remove(s.a));
    const carried = await carriedAt(store, s.copy);
    assert.ok(carried >= hiddenAt, `the carried hide is audited ${hiddenAt - carried} ms before the hide`);
  });

  test("an editor's change of a teaser that waited for another editor's is dated after it", async () => {
    const store = await d.open();
    const s = await seed(store);
    await store.curation.update({ kind: 'entry', id: s.original }, { featured: true }, EDITOR, 'teaser.feature');
    // The other editor's transaction: the override row locked, then pinned and audited by the
    // store's clock a moment after this editor's change began waiting for it.
    const client: pg.PoolClient = await (store as PostgresStore).pool.connect();
    let change: Promise<Awaited<ReturnType<Store['curation']['update']>>> | undefined;
    let otherAt = 0;
    try {
      await client.query('BEGIN');
      await client.query('SELECT 1 FROM curation_overrides WHERE entry_id = $1 FOR UPDATE', [s.original]);
      change = store.curation.update({ kind: 'entry', id: s.original }, { hidden: true }, EDITOR, 'teaser.hide');
      while (Number((await client.query<{ n: string }>('SELECT count(*)::text AS n FROM pg_locks WHERE NOT granted')).rows[0]?.n) === 0)
        await sleep(5);
      await sleep(20);
      otherAt = await store.clock.now();
      await client.query('UPDATE curation_overrides SET pinned = true, pinned_at = $1, updated_at = $1 WHERE entry_id = $2', [
        otherAt,
        s.original,
      ]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const r = await change!;
    assert.equal(r.before?.updatedAt, otherAt, "the other editor's change is this one's before");
    assert.ok(r.after.updatedAt >= otherAt, `dated ${otherAt - r.after.updatedAt} ms before the change it was made over`);
    const [hide] = (await store.curation.audit({ action: 'teaser.hide', limit: 10 })).items;
    assert.ok(hide && hide.at >= otherAt, `audited ${otherAt - (hide?.at ?? 0)} ms before the change it was made over`);
  });
});
