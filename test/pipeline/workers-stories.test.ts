// Many workers on one database (r-workers): each worker process has its own story step (StoryDesk,
// its clusterer in memory) over the shared store. Two workers that store and cluster two sources
// carrying the same event must end where one worker ends: the same stories, the same copies.
//
// Equivalence checked: the partition of the entries into stories (which entries share a story) and
// the partition into copy groups (an original with the copies naming it, exactly one original per
// group) are the same as one worker's run over the same entries; story ids and keys may differ,
// and so may which member of a copy group is its original when the entries arrive in another order
// (one worker handed them in that order names the same one).
//
// Both dialects; on SQLite the two "workers" are two stores opened on one file (one process).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import type { Entry, NewEntry } from '../../src/domain/entry.js';
import { recluster } from '../../src/jobs/recluster.js';
import { StoryDesk } from '../../src/pipeline/steps/cluster-stories.js';
import type { Store } from '../../src/store/store.js';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { forEachDialect, postgresTestUrl } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';
import { latch } from '../helpers/latch.js';

/**
 * Asks `seen` on a PostgreSQL session of its own, turn after turn of the event loop, until it gives
 * an answer; fails naming `what` after 100,000 asks (a hang guard, not a time). How a test sees
 * another session wait for a lock, with no sleep.
 */
async function pollPostgres<T>(what: string, seen: (admin: pg.Client) => Promise<T | undefined>): Promise<T> {
  const admin = new pg.Client({ connectionString: postgresTestUrl() });
  await admin.connect();
  try {
    for (let polls = 0; ; polls++) {
      assert.ok(polls < 100_000, what);
      const answer = await seen(admin);
      if (answer !== undefined) return answer;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await admin.end();
  }
}

const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000;
const MIN = 60_000;

const WIRE = [
  'Rescue crews in the northern province of Valdoria pulled fourteen miners alive from a collapsed',
  'copper shaft on Tuesday after a forty hour operation, the regional emergency service said.',
  'The shaft at the Korvenna mine gave way early on Sunday when a support beam failed during a shift change,',
  'trapping the men three hundred metres below ground. Engineers drilled a narrow rescue tunnel through',
  'loose rock while medics lowered water, oxygen and food through a ventilation pipe. Two of the miners were',
  'taken to hospital in Arelo with broken bones; the others walked out unaided and were met by their families.',
  'The mine operator said it would suspend work at the site while inspectors examined every support in the',
  'older galleries, and the province governor ordered a review of safety checks at all copper mines.',
].join(' ');

const OTHER = [
  'The national orchestra of Estmark opened its winter season in the capital with a programme of new works',
  'by three young composers, the first time in its history that no piece older than ten years was played.',
  'Tickets for the six concerts sold out within an hour, the orchestra said, and a second series will',
  'tour smaller towns in the spring with free entry for students and pensioners.',
].join(' ');

function article(key: string, title: string, text: string, at: number, url = `https://${key}.example/news/${key}`): NewEntry {
  return textEntry({ dedupeKey: key, fingerprint: `fp-${key}`, url }, title, text, at, { canonicalUrl: url });
}

/** The three articles: source 1's wire story, source 2's copy of it (its own address), and an unrelated one. */
const ARTICLES: { source: 0 | 1; entry: NewEntry }[] = [
  { source: 0, entry: article('wire-a', 'Fourteen miners rescued alive from collapsed Korvenna shaft', WIRE, T0) },
  { source: 1, entry: article('wire-b', 'Fourteen miners rescued alive from collapsed Korvenna shaft', WIRE, T0 + 5 * MIN) },
  { source: 1, entry: article('concert', 'Estmark orchestra opens season with only new works', OTHER, T0 + 6 * MIN) },
];

const desk = (): StoryDesk => new StoryDesk({ create: (choice) => new OnlineStoryClusterer(choice) });

async function sources(store: Store): Promise<[number, number]> {
  const a = (await store.sources.add({ url: 'https://one.example/feed.xml' })).source.id;
  const b = (await store.sources.add({ url: 'https://two.example/feed.xml' })).source.id;
  return [a, b];
}

/** Which entries share a story, and which share a copy group, by dedupe key (ids differ between runs). */
async function shape(store: Store): Promise<{ stories: string[][]; copies: string[][]; originals: number }> {
  const all: Entry[] = [];
  for (const s of (await store.sources.list()).map((x) => x.id)) all.push(...(await store.entries.list({ sourceId: s, limit: 100 })).items);
  const byId = new Map(all.map((e) => [e.id, e]));
  const group = (of: (e: Entry) => number | null): string[][] => {
    const m = new Map<number, string[]>();
    for (const e of all) {
      const k = of(e);
      assert.notEqual(k, null, `entry ${e.dedupeKey} has a story`);
      const list = m.get(k!) ?? [];
      list.push(e.dedupeKey);
      m.set(k!, list);
    }
    return [...m.values()].map((l) => l.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
  };
  for (const e of all)
    if (e.duplicateOf !== null && e.duplicateOf !== undefined) assert.equal(byId.get(e.duplicateOf)?.duplicateOf ?? null, null);
  return {
    stories: group((e) => e.storyId ?? null),
    copies: group((e) => e.duplicateOf ?? e.id),
    originals: all.filter((e) => (e.duplicateOf ?? null) === null).length,
  };
}

/** What StoryDesk hands its clusterer factory. */
type ClusterOptionsOf = Parameters<ConstructorParameters<typeof StoryDesk>[0]['create']>[0];

/**
 * A worker hung in its story turn (an await that never settles), holding it for `holdMs` at most
 * when given; `release` ends it. `guarded` races a step against a hang guard of 60 s (a bound on a
 * wait that must end, not a time).
 */
async function hungTurn(store: Store, holdMs?: number): Promise<{ guarded<T>(step: Promise<T>): Promise<T>; release(): Promise<void> }> {
  const stuck = latch();
  const inside = latch();
  const hung = store.stories.clusterTurn(async () => {
    inside.open();
    await stuck.opened;
  }, holdMs);
  await inside.opened;
  let guard: NodeJS.Timeout | undefined;
  const hangGuard = new Promise<never>((_, reject) => {
    guard = setTimeout(() => reject(new Error('a story step waited for a hung turn past the hang guard')), 60_000);
  });
  return {
    guarded: (step) => Promise.race([step, hangGuard]),
    release: async () => {
      clearTimeout(guard);
      stuck.open();
      await hung;
    },
  };
}

forEachDialect((d) => {
  async function oneWorker(): Promise<Awaited<ReturnType<typeof shape>>> {
    const store = await d.open();
    const src = await sources(store);
    const w = desk();
    for (const a of ARTICLES) {
      const saved = (await store.entries.saveBatch(src[a.source], [a.entry])).inserted;
      await w.add(store, saved);
    }
    return shape(store);
  }

  /** Two workers (two stores on one database, a story desk each) running before any article arrives, and the two sources. */
  async function twoWorkers(): Promise<{ a: Store; b: Store; src: [number, number]; wa: StoryDesk; wb: StoryDesk }> {
    const a = await d.open();
    const b = await d.reopen(a);
    const src = await sources(a);
    const [wa, wb] = [desk(), desk()];
    await wa.start(a);
    await wb.start(b);
    return { a, b, src, wa, wb };
  }

  test('two workers clustering two sources that carry one wire story make what one worker makes: one story, one original and its copy', async () => {
    const single = await oneWorker();
    assert.deepEqual(single.stories, [['concert'], ['wire-a', 'wire-b']], 'one worker: the wire story and its copy are one story');
    assert.deepEqual(single.copies, [['concert'], ['wire-a', 'wire-b']]);

    // Two workers, both running before either article arrives (each built its window from the empty store).
    const { a, b, src, wa, wb } = await twoWorkers();
    const first = (await a.entries.saveBatch(src[0], [ARTICLES[0]!.entry])).inserted;
    await wa.add(a, first);
    const second = (await b.entries.saveBatch(src[1], [ARTICLES[1]!.entry, ARTICLES[2]!.entry])).inserted;
    await wb.add(b, second);
    assert.deepEqual(await shape(a), single, 'two workers one after the other: the same stories and copies as one worker');
  });

  test('two workers clustering the two sources at the same moment end as one worker does', async () => {
    const single = await oneWorker();
    for (let round = 0; round < 3; round++) {
      const { a, b, src, wa, wb } = await twoWorkers();
      const first = (await a.entries.saveBatch(src[0], [ARTICLES[0]!.entry])).inserted;
      const second = (await b.entries.saveBatch(src[1], [ARTICLES[1]!.entry, ARTICLES[2]!.entry])).inserted;
      await Promise.all([wa.add(a, first), wb.add(b, second)]);
      const got = await shape(a);
      assert.deepEqual(got.stories, single.stories, `round ${round}: the same stories as one worker`);
      assert.deepEqual(got.copies, single.copies, `round ${round}: the same copy groups as one worker`);
      assert.equal(got.originals, single.originals, `round ${round}: one original per copy group`);
    }
  });

  test('two workers saving the same article address from two sources at once: one entry, and the second source sighted, as one worker does', async () => {
    const a = await d.open();
    const b = await d.reopen(a);
    const [s1, s2] = await sources(a);
    const url = 'https://wire.example/2026/12/miners-rescued';
    const x = article('feed-one-item', 'Fourteen miners rescued', WIRE, T0, url);
    const y = article('feed-two-item', 'Fourteen miners rescued alive', WIRE, T0 + MIN, url);
    // PostgreSQL: a third writer holds the address in an open transaction, so both batches read it
    // as free and then both wait at the unique index for that writer (seen in pg_blocking_pids, no
    // sleep); it rolls back, one batch inserts, the other meets the first's row there.
    let blocker: pg.Client | undefined;
    if (d.name === 'postgres') {
      blocker = new pg.Client({ connectionString: postgresTestUrl() });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(`SET LOCAL search_path TO "${d.placeOf(a)}"`);
      const s3 = (await a.sources.add({ url: 'https://three.example/feed.xml' })).source.id;
      await blocker.query(
        `INSERT INTO entries (source_id, dedupe_key, fingerprint, title, published_at, created_at, canonical_url) VALUES ($1, 'held', 'held', 'held', 1, 1, $2)`,
        [s3, url],
      );
    }
    const saves = Promise.all([a.entries.saveBatch(s1, [x]), b.entries.saveBatch(s2, [y])]);
    if (blocker) {
      const pid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await pollPostgres('both batches wait for the third writer', async (admin) => {
        const r = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND $1 = ANY(pg_blocking_pids(pid))`, [
          pid,
        ]);
        return (r.rowCount ?? 0) >= 2 ? true : undefined;
      });
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    const [ra, rb] = await saves;
    assert.equal(ra.inserted.length + rb.inserted.length, 1, 'one entry for the address');
    const stored = [...ra.inserted, ...rb.inserted][0]!;
    const seen = (await a.stories.sightings([stored.id])).get(stored.id) ?? [];
    assert.deepEqual(
      seen.map((g) => g.sourceId).sort((p, q) => p - q),
      [s1, s2],
      'both sources carry it: the one that stored it, and the other as a sighting',
    );
    assert.equal(ra.sighted + rb.sighted, 1, 'the second save reports its sighting');
  });

  test('the story turn is one at a time across two stores on one database', async () => {
    const a = await d.open();
    const b = await d.reopen(a);
    const log: string[] = [];
    const held = latch();
    const inside = latch();
    const first = a.stories.clusterTurn(async () => {
      log.push('a in');
      inside.open();
      await held.opened;
      log.push('a out');
    });
    await inside.opened;
    const second = b.stories.clusterTurn(async () => {
      log.push('b in');
    });
    try {
      // The second store's turn waits: on PostgreSQL its connection is seen waiting for the lock.
      if (d.name === 'postgres') {
        await pollPostgres('the second turn waits for the advisory lock', async (admin) => {
          const r = await admin.query(
            `SELECT 1 FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid WHERE l.locktype = 'advisory' AND l.classid = 21332 AND NOT l.granted AND s.datname = current_database()`,
          );
          return (r.rowCount ?? 0) >= 1 ? true : undefined;
        });
      } else {
        for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
      }
      assert.deepEqual(log, ['a in'], 'the other store waits');
    } finally {
      held.open();
    }
    await Promise.all([first, second]);
    assert.deepEqual(log, ['a in', 'a out', 'b in']);
  });

  test("two saves of one source at once (a worker's check and the desk's fetch now) store a re-published item once", async () => {
    const a = await d.open();
    const b = await d.reopen(a);
    const [s1] = await sources(a);
    // The feed gives its item a new GUID at each fetch: the fingerprint (headline and lead) is what catches it.
    const first = article('guid-fetch-1', 'Fourteen miners rescued', WIRE, T0, 'https://one.example/a?fetch=1');
    const again = {
      ...article('guid-fetch-2', 'Fourteen miners rescued', WIRE, T0, 'https://one.example/a?fetch=2'),
      fingerprint: first.fingerprint,
    };
    // PostgreSQL: a third session holds the entries table against writes (SHARE), so both saves read
    // before either writes, if nothing makes the second wait for the first; seen waiting, no sleep.
    let blocker: pg.Client | undefined;
    if (d.name === 'postgres') {
      blocker = new pg.Client({ connectionString: postgresTestUrl() });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE "${d.placeOf(a)}".entries IN SHARE MODE`);
    }
    const saves = Promise.all([a.entries.saveBatch(s1, [first]), b.entries.saveBatch(s1, [again])]);
    if (blocker) {
      const pid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await pollPostgres('both saves wait', async (admin) => {
        // Waiting for the third session, or for a save that waits for it.
        const r = await admin.query<{ n: string }>(
          `WITH b AS (SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid)))
           SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'
             AND (pid IN (SELECT pid FROM b) OR pg_blocking_pids(pid) && ARRAY(SELECT pid FROM b))`,
          [pid],
        );
        return Number(r.rows[0]!.n) >= 2 ? true : undefined;
      });
      await blocker.query('COMMIT');
      await blocker.end();
    }
    const [ra, rb] = await saves;
    assert.equal(ra.inserted.length + rb.inserted.length, 1, 'the item is stored once, as one save after the other stores it');
    assert.equal(await a.entries.count({ sourceId: s1 }), 1);
  });

  test('a worker killed in its story write leaves nothing half-written and the turn free; the next worker and a restart end as one worker', async () => {
    const single = await oneWorker();
    const { a, b, src, wa, wb } = await twoWorkers();
    const first = (await a.entries.saveBatch(src[0], [ARTICLES[0]!.entry])).inserted;
    if (d.name === 'postgres') {
      // The worker's write waits at the stories table (a third session holds it against writes);
      // then every connection of that worker in the turn or the write is ended: it died there.
      const admin = new pg.Client({ connectionString: postgresTestUrl() });
      await admin.connect();
      const blocker = new pg.Client({ connectionString: postgresTestUrl() });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query(`LOCK TABLE "${d.placeOf(a)}".stories IN SHARE MODE`);
        const pid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        const dying = wa.add(a, first).then(
          () => 'written',
          () => 'failed',
        );
        const writer = await pollPostgres(
          'the write waits',
          async (seer) =>
            (await seer.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid])).rows[0]
              ?.pid,
        );
        const turn = await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 21332 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        );
        assert.equal(turn.rows.length, 1, 'the worker holds the story turn while it writes');
        await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [[writer, turn.rows[0]!.pid]]);
        assert.equal(await dying, 'failed', 'the killed write fails');
        await blocker.query('ROLLBACK');
      } finally {
        await blocker.end();
        await admin.end();
      }
      const x = (await a.entries.getMany([first[0]!.id]))[0]!;
      assert.equal(x.storyId ?? null, null, 'nothing of the killed write is stored');
      assert.equal((await a.stories.list({ limit: 10 })).items.length, 0, 'no story row either');
    }
    // (SQLite: the worker died after saving, before its story step.) The next worker clusters its own.
    const second = (await b.entries.saveBatch(src[1], [ARTICLES[1]!.entry, ARTICLES[2]!.entry])).inserted;
    await wb.add(b, second);
    // The dead worker's process starts again: its window is rebuilt, and the entry it left without a
    // story is given one, in the story of the copy the next worker stored (one story, as one worker).
    const c = await d.reopen(a);
    await desk().start(c);
    const restarted = await shape(c);
    assert.deepEqual(restarted.stories, single.stories, 'after the restart: the same stories as one worker');
    // Which is the copy is left to the next re-clustering run (the next worker stored its article as an original).
    assert.equal((await recluster({ store: c, create: (choice) => new OnlineStoryClusterer(choice) })).finished, true);
    assert.deepEqual(await shape(c), single, 'after a re-clustering run: the same stories and copies as one worker');
  });

  test('a worker hung in its story turn stalls the other workers no longer than the bound; they cluster without it, and the turn is theirs again once it ends (r2-workers)', async () => {
    const a = await d.open();
    const b = await d.reopen(a);
    const src = await sources(a);
    const bounded = { create: (choice: ClusterOptionsOf) => new OnlineStoryClusterer(choice), turnWaitMs: 50 };
    const [wa, wb, wc] = [new StoryDesk(bounded), new StoryDesk(bounded), new StoryDesk(bounded)];
    await wa.start(a);
    await wb.start(b);
    await wc.start(b);
    // The hung worker: inside its turn, an await that never settles (a stuck call, a lost promise).
    // On PostgreSQL it holds the advisory lock that store b's worker waits for; on SQLite, the
    // file's queue in this process.
    const hung = await hungTurn(a);
    try {
      // Another worker (another store: another process's pool) and another batch of the hung
      // worker's own process both get through.
      const second = (await b.entries.saveBatch(src[1], [ARTICLES[1]!.entry])).inserted;
      const outB = await hung.guarded(wb.add(b, second));
      assert.equal(outB.length, 1, "the other worker's batch is clustered");
      assert.equal(wb.turnsMissed, 1, 'and counted as clustered without the turn');
      const first = (await a.entries.saveBatch(src[0], [ARTICLES[0]!.entry])).inserted;
      const outA = await hung.guarded(wa.add(a, first));
      assert.equal(outA.length, 1, "a batch of the hung worker's own process is clustered");
      const stored = await a.entries.getMany([first[0]!.id, second[0]!.id]);
      assert.ok(
        stored.every((e) => (e.storyId ?? null) !== null),
        'both entries have a story',
      );
    } finally {
      await hung.release();
    }
    // The hung turn ended: the next batch holds the turn again (waits for nothing, misses nothing).
    const third = (await b.entries.saveBatch(src[1], [ARTICLES[2]!.entry])).inserted;
    await wc.add(b, third);
    assert.equal(wc.turnsMissed, 0, 'the turn is free again');
    if (d.name === 'postgres') {
      const admin = new pg.Client({ connectionString: postgresTestUrl() });
      await admin.connect();
      try {
        const held = await admin.query(
          "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 21332 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        );
        assert.equal(held.rowCount, 0, 'no turn lock is left held or waited for');
      } finally {
        await admin.end();
      }
    }
  });

  test('a hung holder keeps the story turn for the bound at most (a lease): the next worker then holds it, on another store and in the same process (r2-workers)', async () => {
    const a = await d.open();
    const b = await d.reopen(a);
    const src = await sources(a);
    // The next workers wait far longer than the hung holder may hold the turn.
    const patient = { create: (choice: ClusterOptionsOf) => new OnlineStoryClusterer(choice), turnWaitMs: 30_000 };
    const [wa, wb] = [new StoryDesk(patient), new StoryDesk(patient)];
    await wa.start(a);
    await wb.start(b);
    const hung = await hungTurn(a, 50);
    try {
      const second = (await b.entries.saveBatch(src[1], [ARTICLES[1]!.entry])).inserted;
      assert.equal((await hung.guarded(wb.add(b, second))).length, 1, "the other worker's batch is clustered");
      assert.equal(wb.turnsMissed, 0, 'in the turn: the hung holder lost it at the end of its lease');
      const first = (await a.entries.saveBatch(src[0], [ARTICLES[0]!.entry])).inserted;
      assert.equal((await hung.guarded(wa.add(a, first))).length, 1, "the hung worker's own process clusters too");
      assert.equal(wa.turnsMissed, 0, 'in the turn as well');
      assert.deepEqual((await shape(a)).stories, [['wire-a', 'wire-b']], 'in turn, the two workers see each other: one story');
    } finally {
      await hung.release();
    }
  });
});
