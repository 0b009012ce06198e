// The job queue over both dialects: claims with leases (a job is handed to one runner at a time),
// retries with backoff, dead letters with their reason, lease expiry taken over by another
// runner, release on a graceful stop, dedupe keys for periodic work, and the CLI-facing
// retry/purge. Plus the host holds every worker shares.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PeriodicWork, periodEnds } from '../../src/jobs/periodic.js';
import { JobRunner, jobBackoff, PermanentJobError } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/log/logger.js';
import { forEachDialect } from '../helpers/dialects.js';

const log = createLogger('silent');

describe('job backoff', () => {
  test('doubles per attempt within a tenth of jitter, capped', () => {
    assert.equal(
      jobBackoff(1, 1000, 60_000, () => 0.5),
      1000,
    );
    assert.equal(
      jobBackoff(3, 1000, 60_000, () => 0.5),
      4000,
    );
    assert.equal(
      jobBackoff(20, 1000, 60_000, () => 0.5),
      60_000,
    );
    assert.equal(
      jobBackoff(2, 1000, 60_000, () => 0),
      1800,
    );
  });
  test('period ends: every one missed since the last, none twice', () => {
    assert.deepEqual(periodEnds(undefined, 10_500, 1000), [10_000]);
    assert.deepEqual(periodEnds(7000, 10_500, 1000), [8000, 9000, 10_000]);
    assert.deepEqual(periodEnds(10_000, 10_999, 1000), []);
  });
});

forEachDialect((d) => {
  test('a job is claimed by one runner at a time, and done once', async () => {
    const store = await d.open();
    const { job } = await store.jobs.enqueue({ kind: 'k', payload: { n: 1 } }, 1000);
    const a = await store.jobs.claim(2000, 5, 'a', 10_000, ['k']);
    const b = await store.jobs.claim(2000, 5, 'b', 10_000, ['k']);
    assert.deepEqual(
      a.map((j) => [j.id, j.state, j.attempts, j.tookOver]),
      [[job.id, 'running', 1, false]],
    );
    assert.deepEqual(a[0]!.payload, { n: 1 });
    assert.equal(b.length, 0);
    assert.equal(await store.jobs.complete(job.id, 'b', 3000), false, 'only the lease holder completes');
    assert.equal(await store.jobs.complete(job.id, 'a', 3000), true);
    assert.equal((await store.jobs.get(job.id))?.state, 'done');
    assert.equal((await store.jobs.claim(99_000, 5, 'b', 10_000, ['k'])).length, 0);
  });

  test('kinds and run_after decide what is claimable', async () => {
    const store = await d.open();
    await store.jobs.enqueue({ kind: 'later', runAfter: 5000 }, 1000);
    await store.jobs.enqueue({ kind: 'other' }, 1000);
    assert.equal((await store.jobs.claim(2000, 5, 'a', 1000, ['later'])).length, 0);
    assert.equal((await store.jobs.claim(6000, 5, 'a', 1000, ['later'])).length, 1);
    const c = await store.jobs.counts(6000);
    assert.equal(c.queued, 1);
    assert.equal(c.running, 1);
    assert.deepEqual([...(await store.jobs.dueByKind(6000))], [['other', 1]]);
  });

  test('an expired lease is taken over and counted; the old owner can no longer record', async () => {
    const store = await d.open();
    const { job } = await store.jobs.enqueue({ kind: 'k' }, 0);
    await store.jobs.claim(1000, 1, 'dead-worker', 500, ['k']);
    assert.equal((await store.jobs.claim(1400, 1, 'b', 500, ['k'])).length, 0, 'the lease still runs');
    assert.equal((await store.jobs.counts(1600)).expired, 1);
    const [taken] = await store.jobs.claim(1600, 1, 'b', 500, ['k']);
    assert.equal(taken?.id, job.id);
    assert.equal(taken?.tookOver, true);
    assert.equal(taken?.attempts, 2);
    assert.equal(taken?.leaseExpiries, 1);
    assert.equal(await store.jobs.renew([job.id], 'dead-worker', 9000), 0);
    assert.equal(await store.jobs.renew([job.id], 'b', 9000), 1);
    assert.equal(await store.jobs.fail(job.id, 'dead-worker', 'late', 5000, 2000), false);
    assert.equal((await store.jobs.counts(2000)).leaseExpiries, 1);
  });

  test('pendingFor: which ids have a job of the kind queued or running, in one read', async () => {
    const store = await d.open();
    const queued = await store.jobs.enqueue({ kind: 'k', payload: { entryId: 1 } }, 0);
    await store.jobs.enqueue({ kind: 'k', payload: { entryId: 2 } }, 0);
    await store.jobs.enqueue({ kind: 'other', payload: { entryId: 3 } }, 0);
    await store.jobs.enqueue({ kind: 'k', payload: { entryId: 'x' } }, 0);
    await store.jobs.enqueue({ kind: 'k', payload: { entryId: 4 } }, 0);
    // 1 is claimed (running: still pending); 2 is claimed and done (no longer pending).
    const claimed = await store.jobs.claim(10, 2, 'a', 10_000, ['k']);
    assert.deepEqual(
      claimed.map((j) => j.payload.entryId),
      [1, 2],
    );
    await store.jobs.complete(claimed[1]!.id, 'a', 20);
    assert.equal((await store.jobs.get(queued.job.id))?.state, 'running');
    assert.deepEqual([...(await store.jobs.pendingFor('k', 'entryId', [1, 2, 3, 4, 5]))].sort(), [1, 4]);
    assert.deepEqual([...(await store.jobs.pendingFor('k', 'entryId', []))], []);
    assert.deepEqual([...(await store.jobs.pendingFor('k', 'other', [1, 4]))], []);
  });

  test('dedupe keys: one job per key, however often it is enqueued', async () => {
    const store = await d.open();
    const first = await store.jobs.enqueue({ kind: 'digest', dedupeKey: 'digest:1' }, 0);
    const again = await store.jobs.enqueue({ kind: 'digest', dedupeKey: 'digest:1' }, 10);
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.equal(again.job.id, first.job.id);
    assert.equal((await store.jobs.list()).length, 1);
  });

  test('the runner retries with backoff, then dead-letters with the reason; retry and purge', async () => {
    const store = await d.open();
    let now = 10_000;
    const { job } = await store.jobs.enqueue({ kind: 'flaky', maxAttempts: 3 }, now);
    const { job: bad } = await store.jobs.enqueue({ kind: 'bad' }, now);
    let calls = 0;
    const runner = new JobRunner({
      jobs: store.jobs,
      owner: 'r',
      log,
      clock: () => now,
      backoffMs: 1000,
      handlers: {
        flaky: async () => {
          calls++;
          throw new Error(`upstream said no (${calls})`);
        },
        bad: async () => {
          throw new PermanentJobError('payload names no topic');
        },
      },
    });
    await runner.drain();
    let j = (await store.jobs.get(job.id))!;
    assert.equal(j.state, 'queued');
    assert.ok(j.runAfter >= now + 900 && j.runAfter <= now + 1100, `first retry after about 1 s, not ${j.runAfter - now}`);
    assert.equal((await store.jobs.get(bad.id))?.state, 'dead', 'a permanent error is dead at once');
    assert.equal((await store.jobs.get(bad.id))?.lastError, 'payload names no topic');
    now += 1100;
    await runner.drain();
    j = (await store.jobs.get(job.id))!;
    assert.ok(j.runAfter >= now + 1800, 'the second delay doubles');
    now += 2500;
    await runner.drain();
    j = (await store.jobs.get(job.id))!;
    assert.equal(j.state, 'dead');
    assert.equal(j.attempts, 3);
    assert.equal(j.lastError, 'upstream said no (3)');
    assert.equal(calls, 3);
    assert.equal((await store.jobs.counts(now)).dead, 2);
    assert.deepEqual(await store.jobs.retry(job.id, now), { queued: 1, held: [] });
    assert.equal((await store.jobs.get(job.id))?.state, 'queued');
    assert.equal((await store.jobs.get(job.id))?.attempts, 0);
    assert.equal(await store.jobs.purge(['dead'], now + 1), 1, 'the other dead job is purged');
    assert.equal(await store.jobs.get(bad.id), undefined);
  });

  test('a graceful stop past its deadline aborts and releases the job, attempt not counted', async () => {
    const store = await d.open();
    const { job } = await store.jobs.enqueue({ kind: 'slow' });
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const runner = new JobRunner({
      jobs: store.jobs,
      owner: 'r',
      log,
      pollMs: 20,
      leaseMs: 60_000,
      handlers: {
        slow: (_j, { signal }) =>
          new Promise<void>((_resolve, reject) => {
            started();
            signal.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      },
    });
    runner.start();
    await running;
    await runner.stop(50);
    const j = (await store.jobs.get(job.id))!;
    assert.equal(j.state, 'queued');
    assert.equal(j.attempts, 0);
    assert.equal(j.leaseOwner, null);
    assert.equal(runner.inFlight(), 0);
  });

  test('the leader enqueues each digest period once, catching up missed ones', async () => {
    const store = await d.open();
    let now = 3_600_000 * 10 + 5;
    const periodic = new PeriodicWork({
      store,
      log,
      everyMs: 1000,
      digestPeriodMs: 3_600_000,
      reclusterPeriodMs: 0,
      topics: false,
      clock: () => now,
    });
    assert.equal(await periodic.tick(), 1);
    assert.equal(await periodic.tick(), 0, 'the same period is not enqueued twice');
    // A second leader (another process) asking for the same period adds nothing either.
    const other = new PeriodicWork({
      store,
      log,
      everyMs: 1000,
      digestPeriodMs: 3_600_000,
      reclusterPeriodMs: 0,
      topics: false,
      clock: () => now,
    });
    assert.equal(await other.tick(), 0);
    now += 3 * 3_600_000;
    assert.equal(await other.tick(), 3, 'three periods passed while nobody looked: each gets its digest');
    const ends = (await store.jobs.list({ kind: 'digest' })).map((j) => j.payload.periodEnd).sort();
    assert.deepEqual(
      ends,
      [10, 11, 12, 13].map((h) => h * 3_600_000),
    );
  });

  test('host holds: every worker sees them; a later hold wins, an earlier never shortens it', async () => {
    const store = await d.open();
    await store.hosts.hold('a.example:80', 5000, 'Retry-After', 1000);
    await store.hosts.hold('a.example:80', 3000, 'shorter', 1000);
    assert.equal(await store.hosts.heldUntil('a.example:80', 2000), 5000);
    assert.equal(await store.hosts.heldUntil('a.example:80', 5000), undefined);
    await store.hosts.hold('a.example:80', 9000, 'longer', 6000);
    assert.deepEqual(await store.hosts.holds(6000), [{ host: 'a.example:80', until: 9000, reason: 'longer' }]);
  });
});
