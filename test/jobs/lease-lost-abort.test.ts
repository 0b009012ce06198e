// A runner that loses a job's lease (it stalled past the lease, or its clock lags the taker's)
// must stop the job, not run it on beside the worker that took it over: the renew that finds the
// lease gone aborts the handler's signal, and the outcome is 'lost' (the taker records the result).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/log/logger.js';
import { forEachDialect } from '../helpers/dialects.js';

const log = createLogger('silent');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `ok()` holds, for at most 30 s: a bound, not a timing (a loaded CI machine is slow). */
async function until(ok: () => boolean): Promise<void> {
  for (const end = Date.now() + 30_000; !ok() && Date.now() < end; ) await sleep(20);
}

forEachDialect((d) => {
  test('a job whose lease another worker took over is aborted here at the next renew', async () => {
    const store = await d.open();
    const { job } = await store.jobs.enqueue({ kind: 'k' }, 0);
    const t = 1_000_000;
    let aborted: unknown;
    let started = false;
    const outcomes: string[] = [];
    const runner = new JobRunner({
      jobs: store.jobs,
      owner: 'slow',
      log,
      leaseMs: 300,
      clock: () => t,
      onFinished: (_j, outcome) => outcomes.push(outcome),
      handlers: {
        k: async (_job, { signal }) => {
          started = true;
          // Works until stopped (60 s at most, so a broken abort fails the test, not the run). It was
          // 3 s: under load the renew that aborts came later, the job ended and no abort was seen.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 60_000);
            signal.addEventListener('abort', () => {
              aborted = signal.reason;
              clearTimeout(timer);
              resolve();
            });
          });
        },
      },
    });
    runner.start();
    await until(() => started);
    assert.ok(started, 'the runner took the job');
    // Another worker, whose clock is ahead, sees the lease run out and takes the job over.
    const [taken] = await store.jobs.claim(t + 60_000, 1, 'fast', 60_000, ['k']);
    assert.equal(taken?.id, job.id);
    await until(() => aborted !== undefined);
    assert.match(String((aborted as Error | undefined)?.message), /lease lost/);
    await runner.stop(1000);
    assert.deepEqual(outcomes, ['lost']);
    const after = await store.jobs.get(job.id);
    assert.equal(after?.state, 'running');
    assert.equal(after?.leaseOwner, 'fast', 'the taker still holds it');
  });
});
