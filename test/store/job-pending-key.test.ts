// Jobs with a pending key: at most one queued or running per key, enforced by the store (a partial
// unique index, migration 23), so two processes enqueueing at the same instant create one job.
// The key is free again once the job is done or dead; a dead job put back by `retry` takes its key
// again, and one whose key another job holds stays dead (folded into that job). `enqueueMany` adds
// a list in one statement under the same rules. Migration 23 gives the desk's retries already
// queued their key, the oldest of each entry only; migration 24 gives it back to those an earlier
// `retry` stripped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { EXTRACT_ENTRY, extractEntryPendingKey } from '../../src/jobs/extract-entry.js';
import { loadMigrations as loadPostgresMigrations } from '../../src/store/postgres/migrate.js';
import { loadMigrations } from '../../src/store/sqlite/migrate.js';
import { forEachDialect, postgresTestUrl } from '../helpers/dialects.js';

forEachDialect((d) => {
  test('two processes enqueueing one pending key at the same instant: one job, the other is handed it', async () => {
    const a = await d.open();
    const b = await d.reopen(a);
    for (let i = 1; i <= 20; i++) {
      const job = { kind: 'k', payload: { entryId: i }, pendingKey: `k:${i}` };
      const [x, y] = await Promise.all([a.jobs.enqueue(job), b.jobs.enqueue(job)]);
      assert.deepEqual([x.created, y.created].sort(), [false, true], `key ${i}: one created`);
      assert.equal(x.job.id, y.job.id, `key ${i}: both name the same job`);
      assert.equal(x.job.pendingKey, `k:${i}`);
    }
    assert.equal((await a.jobs.list({ kind: 'k' })).length, 20);
  });

  test('the key is held while queued or running, free once done or dead', async () => {
    const s = await d.open();
    const job = { kind: 'k', payload: { entryId: 7 }, pendingKey: 'k:7', maxAttempts: 1 };
    const first = await s.jobs.enqueue(job);
    assert.equal(first.created, true);
    // Another kind's job and a job without a key are not held by it.
    assert.equal((await s.jobs.enqueue({ kind: 'k', payload: { entryId: 7 } })).created, true);
    const [claimed] = await s.jobs.claim(await s.clock.now(), 1, 'w', 60_000, ['k']);
    assert.equal(claimed?.id, first.job.id);
    assert.deepEqual(await s.jobs.enqueue(job), { job: await s.jobs.get(first.job.id), created: false }, 'running holds it');
    await s.jobs.complete(first.job.id, 'w', Date.now());
    const second = await s.jobs.enqueue(job);
    assert.equal(second.created, true, 'done: free again');
    await s.jobs.claim(await s.clock.now(), 5, 'w', 60_000, ['k']);
    assert.equal(await s.jobs.fail(second.job.id, 'w', 'boom', null, Date.now()), true);
    const third = await s.jobs.enqueue(job);
    assert.equal(third.created, true, 'dead: free again');
    // A dedupe key still wins as before.
    const once = await s.jobs.enqueue({ kind: 'p', dedupeKey: 'p:1' });
    assert.deepEqual(await s.jobs.enqueue({ kind: 'p', dedupeKey: 'p:1' }), { job: once.job, created: false });
  });

  test('retry puts a dead job back with its key; one whose key is held stays dead, named with its holder', async () => {
    const s = await d.open();
    const job = { kind: 'k', payload: { entryId: 7 }, pendingKey: 'k:7', maxAttempts: 1 };
    const die = async (id: number): Promise<void> => {
      const claimed = await s.jobs.claim(await s.clock.now(), 10, 'w', 60_000, ['k']);
      assert.ok(claimed.some((j) => j.id === id));
      for (const j of claimed) assert.equal(await s.jobs.fail(j.id, 'w', 'boom', null, Date.now()), true);
    };
    const dead = (await s.jobs.enqueue(job)).job;
    await die(dead.id);
    // Another job of the key is queued meanwhile (the desk's button): the retry folds into it.
    const holder = (await s.jobs.enqueue(job)).job;
    assert.deepEqual(await s.jobs.retry(dead.id, await s.clock.now()), {
      queued: 0,
      held: [{ id: dead.id, pendingKey: 'k:7', heldBy: holder.id }],
    });
    assert.equal((await s.jobs.get(dead.id))?.state, 'dead', 'left dead');
    // Once the holder is done, the retry puts it back holding the key: the desk queues no second one.
    // (Retried jobs are due from the time given: the store's clock, which die()'s claims read;
    // PostgreSQL's can read some ms behind this process's Date.now().)
    await s.jobs.claim(await s.clock.now(), 10, 'w', 60_000, ['k']);
    await s.jobs.complete(holder.id, 'w', Date.now());
    assert.deepEqual(await s.jobs.retry(dead.id, await s.clock.now()), { queued: 1, held: [] });
    const back = await s.jobs.get(dead.id);
    assert.deepEqual([back?.state, back?.pendingKey], ['queued', 'k:7']);
    assert.deepEqual(await s.jobs.enqueue(job), { job: back, created: false }, 'the key is held again');
    assert.deepEqual(await s.jobs.pendingFor('k', 'entryId', [7]), new Set([7]));
    // Two dead jobs of one key and one without a key, all put back at once: the newest of the key
    // is queued, the older left dead and named; the one without a key is queued too.
    await die(dead.id);
    const newer = (await s.jobs.enqueue(job)).job;
    await die(newer.id);
    const plain = (await s.jobs.enqueue({ kind: 'k', payload: { entryId: 8 }, maxAttempts: 1 })).job;
    await die(plain.id);
    const all = await s.jobs.retry(undefined, await s.clock.now());
    assert.equal(all.queued, 2);
    assert.deepEqual(all.held, [{ id: dead.id, pendingKey: 'k:7', heldBy: newer.id }]);
    assert.deepEqual(
      [(await s.jobs.get(newer.id))?.state, (await s.jobs.get(dead.id))?.state, (await s.jobs.get(plain.id))?.state],
      ['queued', 'dead', 'queued'],
    );
    assert.equal((await s.jobs.list({ kind: 'k', state: 'queued' })).filter((j) => j.pendingKey === 'k:7').length, 1, 'one job of the key');
    assert.deepEqual(await s.jobs.retry(undefined, await s.clock.now()), {
      queued: 0,
      held: [{ id: dead.id, pendingKey: 'k:7', heldBy: newer.id }],
    });
  });

  test('enqueueMany: one statement, each job as enqueue would add it alone', async () => {
    const s = await d.open();
    const held = (await s.jobs.enqueue({ kind: 'k', payload: { entryId: 1 }, pendingKey: 'k:1' })).job;
    const used = (await s.jobs.enqueue({ kind: 'p', dedupeKey: 'p:1' })).job;
    const created = await s.jobs.enqueueMany([
      { kind: 'k', payload: { entryId: 1 }, pendingKey: 'k:1' }, // held by a queued job
      { kind: 'k', payload: { entryId: 2 }, pendingKey: 'k:2', maxAttempts: 3 },
      { kind: 'k', payload: { entryId: 2 }, pendingKey: 'k:2' }, // taken by the row before it
      { kind: 'p', dedupeKey: 'p:1' }, // used
      { kind: 'k', payload: { entryId: 3 } },
    ]);
    assert.deepEqual(
      created.map((j) => [j.kind, j.payload, j.pendingKey, j.maxAttempts, j.state]),
      [
        ['k', { entryId: 2 }, 'k:2', 3, 'queued'],
        ['k', { entryId: 3 }, null, 5, 'queued'],
      ],
    );
    assert.ok(created.every((j) => j.id > used.id && j.id > held.id));
    assert.deepEqual(await s.jobs.enqueueMany([]), []);
    assert.equal((await s.jobs.list({ limit: 100 })).length, 4);
  });
});

test('SQLite migration 23: retries queued before it get their key, the oldest of each entry only', async () => {
  const db = new Database(':memory:');
  const steps = await loadMigrations();
  for (const m of steps.filter((m) => m.version < 23)) m.up(db);
  const add = db.prepare('INSERT INTO jobs (kind, payload, state, run_after, created_at) VALUES (?, ?, ?, 0, 0)');
  const racedA = Number(add.run(EXTRACT_ENTRY, '{"entryId":5}', 'queued').lastInsertRowid);
  add.run(EXTRACT_ENTRY, '{"entryId":5}', 'queued'); // the duplicate the race left
  const running = Number(add.run(EXTRACT_ENTRY, '{"entryId":6}', 'running').lastInsertRowid);
  const done = Number(add.run(EXTRACT_ENTRY, '{"entryId":7}', 'done').lastInsertRowid);
  const other = Number(add.run('digest', '{"entryId":8}', 'queued').lastInsertRowid);
  add.run(EXTRACT_ENTRY, 'not json', 'queued');
  for (const m of steps.filter((m) => m.version === 23)) m.up(db);
  const keys = db.prepare('SELECT id, pending_key AS k FROM jobs WHERE pending_key IS NOT NULL ORDER BY id').all();
  assert.deepEqual(keys, [
    { id: racedA, k: extractEntryPendingKey(5) },
    { id: running, k: extractEntryPendingKey(6) },
  ]);
  assert.ok(done && other);
  // A second retry of entry 6 queued now is refused by the index.
  const keyed = db.prepare("INSERT INTO jobs (kind, payload, pending_key, state, run_after, created_at) VALUES (?, ?, ?, 'queued', 0, 0)");
  assert.throws(() => keyed.run(EXTRACT_ENTRY, '{"entryId":6}', extractEntryPendingKey(6)), /UNIQUE/);
  db.close();
});

test('PostgreSQL migration 23: the same backfill', {
  skip: postgresTestUrl() ? false : 'NEWSDESK_TEST_POSTGRES_URL is not set',
}, async () => {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: postgresTestUrl() });
  await client.connect();
  const schema = `newsdesk_test_m23_${process.pid}`;
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    const steps = await loadPostgresMigrations();
    for (const m of steps.filter((m) => m.version < 23)) await m.up(client);
    const add = async (kind: string, payload: string, state: string): Promise<number> =>
      Number(
        (
          await client.query<{ id: string }>(
            'INSERT INTO jobs (kind, payload, state, run_after, created_at) VALUES ($1, $2::jsonb, $3, 0, 0) RETURNING id',
            [kind, payload, state],
          )
        ).rows[0]!.id,
      );
    const racedA = await add(EXTRACT_ENTRY, '{"entryId":5}', 'queued');
    await add(EXTRACT_ENTRY, '{"entryId":5}', 'queued');
    const running = await add(EXTRACT_ENTRY, '{"entryId":6}', 'running');
    await add(EXTRACT_ENTRY, '{"entryId":7}', 'done');
    await add('digest', '{"entryId":8}', 'queued');
    await add(EXTRACT_ENTRY, '{"entryId":"9"}', 'queued');
    for (const m of steps.filter((m) => m.version === 23)) await m.up(client);
    const keys = await client.query<{ id: string; k: string }>(
      'SELECT id, pending_key AS k FROM jobs WHERE pending_key IS NOT NULL ORDER BY id',
    );
    assert.deepEqual(
      keys.rows.map((r) => ({ id: Number(r.id), k: r.k })),
      [
        { id: racedA, k: extractEntryPendingKey(5) },
        { id: running, k: extractEntryPendingKey(6) },
      ],
    );
    await assert.rejects(
      client.query("INSERT INTO jobs (kind, pending_key, run_after, created_at) VALUES ('extract-entry', 'extract-entry:6', 0, 0)"),
      /jobs_pending_key/,
    );
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await client.end();
  }
});

/** Jobs as an earlier `retry` left them, for migration 24: the ids that should get their key back. */
const M24_CASES: [kind: string, payload: string, state: string, key: string | null, keyed: boolean][] = [
  [EXTRACT_ENTRY, '{"entryId":5}', 'dead', null, true], // died again after a keyless retry
  [EXTRACT_ENTRY, '{"entryId":6}', 'done', null, true],
  [EXTRACT_ENTRY, '{"entryId":7}', 'queued', null, true], // put back without its key, nothing else holds it
  [EXTRACT_ENTRY, '{"entryId":7}', 'queued', null, false], // a second one: the oldest takes the key
  [EXTRACT_ENTRY, '{"entryId":8}', 'queued', 'extract-entry:8', true], // the desk's, holding the key
  [EXTRACT_ENTRY, '{"entryId":8}', 'running', null, false], // put back by an operator beside it
  ['digest', '{"entryId":9}', 'dead', null, false],
  [EXTRACT_ENTRY, '{"entryId":"10"}', 'dead', null, false],
];

test('SQLite migration 24: jobs an earlier retry stripped of their key get it back, never a second holder', async () => {
  const db = new Database(':memory:');
  const steps = await loadMigrations();
  for (const m of steps.filter((m) => m.version < 24)) m.up(db);
  const add = db.prepare('INSERT INTO jobs (kind, payload, state, pending_key, run_after, created_at) VALUES (?, ?, ?, ?, 0, 0)');
  const want = M24_CASES.map(([kind, payload, state, key, keyed]) => ({
    id: Number(add.run(kind, payload, state, key).lastInsertRowid),
    k: keyed ? `extract-entry:${JSON.parse(payload).entryId}` : null,
  }));
  for (const m of steps.filter((m) => m.version === 24)) m.up(db);
  assert.deepEqual(db.prepare('SELECT id, pending_key AS k FROM jobs ORDER BY id').all(), want);
  db.close();
});

test('PostgreSQL migration 24: the same', {
  skip: postgresTestUrl() ? false : 'NEWSDESK_TEST_POSTGRES_URL is not set',
}, async () => {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: postgresTestUrl() });
  await client.connect();
  const schema = `newsdesk_test_m24_${process.pid}`;
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    const steps = await loadPostgresMigrations();
    for (const m of steps.filter((m) => m.version < 24)) await m.up(client);
    const want: { id: number; k: string | null }[] = [];
    for (const [kind, payload, state, key, keyed] of M24_CASES) {
      const r = await client.query<{ id: string }>(
        'INSERT INTO jobs (kind, payload, state, pending_key, run_after, created_at) VALUES ($1, $2::jsonb, $3, $4, 0, 0) RETURNING id',
        [kind, payload, state, key],
      );
      want.push({ id: Number(r.rows[0]!.id), k: keyed ? `extract-entry:${JSON.parse(payload).entryId}` : null });
    }
    for (const m of steps.filter((m) => m.version === 24)) await m.up(client);
    const got = await client.query<{ id: string; k: string | null }>('SELECT id, pending_key AS k FROM jobs ORDER BY id');
    assert.deepEqual(
      got.rows.map((r) => ({ id: Number(r.id), k: r.k })),
      want,
    );
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await client.end();
  }
});
