// The store's clock (src/store/clock.ts), both dialects: the time leases and due times are judged
// by. It tells the time (this machine's on SQLite, the server's on PostgreSQL, which share one
// machine in tests), never goes back, and costs no query per call: a worker reads it for every
// claim and every job's outcome. On PostgreSQL it ignores this machine's wall clock altogether.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type pg from 'pg';
import { PostgresClock } from '../../src/store/postgres/clock.js';
import { Db } from '../../src/store/postgres/db.js';
import { forEachDialect } from '../helpers/dialects.js';
import { TEN_MINUTES, withSkewedClock } from '../helpers/skewed-clock.js';

/**
 * The store's clock and this process's (one machine in tests) agree to half a round trip and the
 * rounding, not to the millisecond. A read is bracketed by this process's clock before and after
 * it, so however slow the machine is, only this slack is judged, not how long the read took.
 */
const SLACK_MS = 1000;

const bracketed = (t: number, before: number, after: number) => t >= before - SLACK_MS && t <= after + SLACK_MS;

forEachDialect((d) => {
  test('the store clock tells the time and never goes back', async () => {
    const store = await d.open();
    const before = Date.now();
    let last = await store.clock.now();
    const after = Date.now();
    assert.ok(Number.isInteger(last));
    assert.ok(bracketed(last, before, after), `${last} vs ${before}..${after}`);
    for (let i = 0; i < 20; i++) {
      const t = await store.clock.now();
      assert.ok(t >= last, 'not back');
      last = t;
    }
  });

  test('reading the store clock a hundred times asks the database at most once', async () => {
    let asked = 0;
    const store = await d.open({ onQuery: () => asked++ });
    asked = 0;
    for (let i = 0; i < 100; i++) await store.clock.now();
    assert.ok(asked <= 1, `${asked} queries`);
  });

  if (d.name === 'postgres')
    test("PostgreSQL's store clock is the server's, whatever this machine's clock says", async () => {
      const store = await d.open();
      for (const skew of [TEN_MINUTES, -TEN_MINUTES]) {
        const before = Date.now();
        const t = await withSkewedClock(skew, () => store.clock.now());
        const after = Date.now();
        assert.ok(bracketed(t, before, after), `skewed by ${skew}: ${t} vs ${before}..${after}`);
      }
    });
});

// No server: a pool whose connections take WAIT_MS to hand over (a busy pool, a new connection's
// setup) and whose server reads its clock, TRUE_BASE + the monotonic time, when the statement runs
// and answers a millisecond later. Only the statement's round trip may count: the wait comes
// before the server reads its clock, so counting it put the answer half the wait early.
const WAIT_MS = 10_000;
const TRUE_BASE = 1_800_000_000_000;

function slowPool(mono: { t: number }): pg.Pool {
  const answer = async () => {
    const ms = TRUE_BASE + mono.t;
    mono.t += 1;
    return { rows: [{ ms: String(ms) }], rowCount: 1 };
  };
  const fake = {
    // A statement on the pool waits for a connection, then runs.
    query: async () => {
      mono.t += WAIT_MS;
      return answer();
    },
    connect: async () => {
      mono.t += WAIT_MS;
      // Clients are watched for a drop while checked out (db.ts watchDrop).
      return { query: answer, release: () => {}, on: () => {}, off: () => {} };
    },
  };
  return fake as unknown as pg.Pool;
}

test("the PostgreSQL clock times the server's answer, not the wait for a connection", async () => {
  const mono = { t: 1000 };
  const clock = new PostgresClock(
    new Db(slowPool(mono)),
    () => mono.t,
    () => 5 + mono.t,
  );
  const t = await clock.now();
  assert.ok(Math.abs(t - (TRUE_BASE + mono.t)) <= 1, `${t - (TRUE_BASE + mono.t)} ms off`);
  mono.t += 40_000;
  const later = await clock.now();
  assert.ok(Math.abs(later - (TRUE_BASE + mono.t)) <= 1, `after a refresh: ${later - (TRUE_BASE + mono.t)} ms off`);
});

test('the PostgreSQL clock asks the server again after the machine slept', async () => {
  // The true time runs on through a suspend; the monotonic clock stands still (CLOCK_MONOTONIC);
  // the wall clock, set again on waking, saw the hour pass.
  const real = { t: 1000 };
  let slept = 0;
  let asked = 0;
  const answer = async () => {
    asked++;
    return { rows: [{ ms: String(TRUE_BASE + real.t) }], rowCount: 1 };
  };
  const pool = {
    query: answer,
    connect: async () => ({ query: answer, release: () => {}, on: () => {}, off: () => {} }),
  } as unknown as pg.Pool;
  const clock = new PostgresClock(
    new Db(pool),
    () => real.t - slept,
    () => real.t + 7,
  );
  assert.equal(await clock.now(), TRUE_BASE + real.t);
  real.t += 5000;
  assert.equal(await clock.now(), TRUE_BASE + real.t, 'carried forward while awake');
  assert.equal(asked, 1);
  real.t += 3_600_000;
  slept += 3_600_000;
  assert.equal(await clock.now(), TRUE_BASE + real.t, 'the hour asleep is not lost');
  assert.equal(asked, 2);
});

test("the PostgreSQL clock never steps back by a new sample's rounding, but follows a server clock set back", async () => {
  // The server's answers: first the true time, then (a new sample after the period) 3 ms before
  // the time carried forward, as half a round trip can put it; then ten minutes back.
  const mono = { t: 1000 };
  let offset = 0;
  const answer = async () => ({ rows: [{ ms: String(TRUE_BASE + mono.t + offset) }], rowCount: 1 });
  const pool = {
    query: answer,
    connect: async () => ({ query: answer, release: () => {}, on: () => {}, off: () => {} }),
  } as unknown as pg.Pool;
  const clock = new PostgresClock(
    new Db(pool),
    () => mono.t,
    () => mono.t,
  );
  assert.equal(await clock.now(), TRUE_BASE + 1000);
  mono.t += 29_999;
  assert.equal(await clock.now(), TRUE_BASE + 30_999, 'carried forward on the first sample');
  mono.t += 1;
  offset = -3;
  assert.equal(await clock.now(), TRUE_BASE + 30_999, "not back by the new sample's 3 ms");
  mono.t += 1;
  assert.equal(await clock.now(), TRUE_BASE + 30_999, 'held until the new sample catches up');
  mono.t += 3;
  assert.equal(await clock.now(), TRUE_BASE + 31_001, 'then on by the new sample');
  mono.t += 40_000;
  offset = -TEN_MINUTES;
  assert.equal(await clock.now(), TRUE_BASE + mono.t - TEN_MINUTES, 'a server clock set back is followed');
});
