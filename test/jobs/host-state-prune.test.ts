// host_state keeps a row per host ever held (Retry-After) or paced (Crawl-delay turns, migration
// 41). The rows that constrain nothing any more and were left alone for the retention period are
// pruned by the leader's periodic duty, a bounded batch per statement; a row with a hold in force,
// a turn still running, or one a worker is writing at that moment, is kept. Both store dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { HOST_STATE_PRUNE_BATCH, HOST_STATE_RETAIN_MS, PeriodicWork } from '../../src/jobs/periodic.js';
import { forEachDialect, postgresTestUrl } from '../helpers/dialects.js';
import { hostRows } from '../helpers/host-rows.js';

const log = pino({ level: 'silent' });
const DAY = 24 * 3_600_000;

forEachDialect((d) => {
  test('prune deletes the rows that hold nothing and were left alone since the cut-off, and keeps the rest', async () => {
    const store = await d.open();
    const t0 = 1_000_000;
    // Left alone since t0: a turn long over, a hold long over, both.
    await store.hosts.takeTurn('turned.example', 5_000, t0, 60_000);
    await store.hosts.hold('held.example', t0 + 60_000, 'Retry-After', t0);
    await store.hosts.hold('both.example', t0 + 60_000, 'Retry-After', t0);
    await store.hosts.takeTurn('both.example', 5_000, t0, 60_000);
    // Written at t0 too, but with a turn reserved far ahead (a Crawl-delay capped high): still running at the cut-off.
    await store.hosts.takeTurn('live-turn.example', 3 * DAY, t0, 4 * DAY);
    // A hold set at t0 that lasts past the cut-off.
    await store.hosts.hold('live-hold.example', t0 + 3 * DAY, 'Retry-After', t0);
    // Touched after the cut-off.
    await store.hosts.takeTurn('recent.example', 5_000, t0 + 2 * DAY, 60_000);
    const cutOff = t0 + DAY;
    assert.equal(await store.hosts.prune(cutOff, 100), 3);
    assert.deepEqual(await hostRows(d, store), ['live-hold.example', 'live-turn.example', 'recent.example']);
    // What was kept still does its work: the running turn is not given again, the hold is in force.
    const turn = await store.hosts.takeTurn('live-turn.example', 3 * DAY, cutOff, 0);
    assert.equal(turn.taken, false);
    assert.equal(turn.start, t0 + 3 * DAY);
    assert.equal(await store.hosts.heldUntil('live-hold.example', cutOff), t0 + 3 * DAY);
    assert.equal(await store.hosts.prune(cutOff, 100), 0, 'nothing more to prune');
  });

  test('prune takes a bounded batch per statement', async () => {
    const store = await d.open();
    for (let i = 0; i < 5; i++) await store.hosts.takeTurn(`h${i}.example`, 1000, 1000, 60_000);
    assert.deepEqual(
      [await store.hosts.prune(DAY, 2), await store.hosts.prune(DAY, 2), await store.hosts.prune(DAY, 2), await store.hosts.prune(DAY, 2)],
      [2, 2, 1, 0],
    );
    assert.deepEqual(await hostRows(d, store), []);
  });

  test('a host pruned takes its next turn at once, as a host never seen does', async () => {
    const store = await d.open();
    await store.hosts.takeTurn('a.example', 10_000, 1000, 60_000);
    assert.equal(await store.hosts.prune(DAY, 10), 1);
    assert.deepEqual(await store.hosts.takeTurn('a.example', 10_000, 2 * DAY, 60_000), { start: 2 * DAY, taken: true });
    assert.deepEqual(await store.hosts.takeTurn('a.example', 10_000, 2 * DAY, 60_000), { start: 2 * DAY + 10_000, taken: true });
  });

  test("the leader's periodic duty prunes host state left alone for the retention period, a batch at a time", async () => {
    const store = await d.open();
    let now = 10 * DAY;
    const periodic = new PeriodicWork({
      store,
      log,
      everyMs: 1000,
      digestPeriodMs: 0,
      reclusterPeriodMs: 0,
      topics: false,
      clock: () => now,
    });
    for (let i = 0; i < HOST_STATE_PRUNE_BATCH + 2; i++) await store.hosts.takeTurn(`old${i}.example`, 1000, now, 60_000);
    await store.hosts.takeTurn('kept.example', 1000, now + HOST_STATE_RETAIN_MS / 2, 60_000);
    // Within the retention period nothing goes.
    now += HOST_STATE_RETAIN_MS / 2 + 1000;
    await periodic.tick();
    assert.equal((await hostRows(d, store)).length, HOST_STATE_PRUNE_BATCH + 3);
    // Past it: a full batch, then (the batch was full) the rest at the next tick, not an hour later.
    now += HOST_STATE_RETAIN_MS / 2 + 1000;
    await periodic.tick();
    assert.equal((await hostRows(d, store)).length, 3);
    now += 1000;
    await periodic.tick();
    assert.deepEqual(await hostRows(d, store), ['kept.example']);
  });

  if (d.name === 'postgres') {
    test('a row a worker is writing is passed by, not waited for', async () => {
      const store = await d.open();
      await store.hosts.takeTurn('busy.example', 1000, 1000, 60_000);
      await store.hosts.takeTurn('idle.example', 1000, 1000, 60_000);
      // A worker's turn upsert in flight holds the row's lock until it commits.
      const worker = new pg.Client({ connectionString: postgresTestUrl() });
      await worker.connect();
      try {
        await worker.query('BEGIN');
        await worker.query(`SELECT host FROM "${d.placeOf(store)}".host_state WHERE host = 'busy.example' FOR UPDATE`);
        assert.equal(await store.hosts.prune(DAY, 10), 1);
        await worker.query('ROLLBACK');
      } finally {
        await worker.end();
      }
      assert.deepEqual(await hostRows(d, store), ['busy.example']);
    });
  }
});
