// Jobs with a pending key: at most one queued or running per key, enforced by the store (a partial
// unique index, migration 23), so two processes enqueueing at the same instant create one job.
// The key is free again once the job is done or dead; a dead job put back by `retry` goes without
// it. Migration 23 gives the desk's retries already queued their key, the oldest of each entry only.
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

  test('the key is held while queued or running, free once done or dead; retry puts a dead job back without it', async () => {
    const s = await d.open();
    const job = { kind: 'k', payload: { entryId: 7 }, pendingKey: 'k:7', maxAttempts: 1 };
    const first = await s.jobs.enqueue(job);
    assert.equal(first.created, true);
    // Another kind's job and a job without a key are not held by it.
    assert.equal((await s.jobs.enqueue({ kind: 'k', payload: { entryId: 7 } })).created, true);
    const [claimed] = await s.jobs.claim(Date.now(), 1, 'w', 60_000, ['k']);
    assert.equal(claimed?.id, first.job.id);
    assert.deepEqual(await s.jobs.enqueue(job), { job: await s.jobs.get(first.job.id), created: false }, 'running holds it');
    await s.jobs.complete(first.job.id, 'w', Date.now());
    const second = await s.jobs.enqueue(job);
    assert.equal(second.created, true, 'done: free again');
    // Dead, then a third queued; the dead one put back does not fail on the key and goes without it.
    await s.jobs.claim(Date.now(), 5, 'w', 60_000, ['k']);
    assert.equal(await s.jobs.fail(second.job.id, 'w', 'boom', null, Date.now()), true);
    const third = await s.jobs.enqueue(job);
    assert.equal(third.created, true, 'dead: free again');
    assert.equal(await s.jobs.retry(undefined, Date.now()), 1);
    const back = await s.jobs.get(second.job.id);
    assert.deepEqual([back?.state, back?.pendingKey], ['queued', null]);
    assert.equal((await s.jobs.enqueue(job)).job.id, third.job.id, 'the third still holds it');
    // A dedupe key still wins as before.
    const once = await s.jobs.enqueue({ kind: 'p', dedupeKey: 'p:1' });
    assert.deepEqual(await s.jobs.enqueue({ kind: 'p', dedupeKey: 'p:1' }), { job: once.job, created: false });
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
