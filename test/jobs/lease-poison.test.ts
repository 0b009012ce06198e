// A poison job that kills its worker (out of memory, a segfault in a native parser, SIGKILL by
// the kernel) never reaches the runner's catch, so fail() never counts it against max_attempts:
// every lease that runs out must count as a failed attempt, and once the attempts are used up
// the job goes dead with a reason an operator can read, instead of killing worker after worker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';

forEachDialect((d) => {
  test('a job whose worker dies on every attempt goes dead after max_attempts, with the reason', async () => {
    const store = await d.open();
    const { job } = await store.jobs.enqueue({ kind: 'k', maxAttempts: 3 }, 0);
    const other = (await store.jobs.enqueue({ kind: 'k' }, 0)).job;
    let now = 1000;
    // Three workers each take it and die: their leases run out.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const claimed = await store.jobs.claim(now, 1, `w${attempt}`, 500, ['k']);
      assert.deepEqual(
        claimed.map((j) => [j.id, j.attempts]),
        [[job.id, attempt]],
      );
      now += 1000;
    }
    // The fourth claim does not hand it out again: it is dead, and the next job runs instead.
    const next = await store.jobs.claim(now, 1, 'w4', 500, ['k']);
    assert.deepEqual(
      next.map((j) => j.id),
      [other.id],
    );
    const dead = await store.jobs.get(job.id);
    assert.equal(dead?.state, 'dead');
    assert.equal(dead?.attempts, 3);
    assert.equal(dead?.leaseOwner, null);
    assert.equal(dead?.finishedAt, now);
    assert.match(dead?.lastError ?? '', /lease ran out.*w3/);
    assert.equal((await store.jobs.counts(now)).dead, 1);
    // `jobs retry` puts it back with fresh attempts, as any dead job.
    assert.equal((await store.jobs.retry(job.id, now)).queued, 1);
    assert.equal((await store.jobs.get(job.id))?.attempts, 0);
  });

  test('a lease that ran out with attempts left is still taken over', async () => {
    const store = await d.open();
    const { job } = await store.jobs.enqueue({ kind: 'k', maxAttempts: 2 }, 0);
    await store.jobs.claim(1000, 1, 'w1', 500, ['k']);
    const [taken] = await store.jobs.claim(2000, 1, 'w2', 500, ['k']);
    assert.equal(taken?.id, job.id);
    assert.equal(taken?.tookOver, true);
    assert.equal(taken?.attempts, 2);
  });
});
