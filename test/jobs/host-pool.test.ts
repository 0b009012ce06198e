import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { runHostPool } from '../../src/jobs/host-pool.js';

describe('host-limited worker pool', () => {
  it('runs every task, never more than perHost per host nor more than workers in all', async () => {
    const tasks = [
      ...Array.from({ length: 12 }, (_, i) => ({ host: 'a', i })),
      ...Array.from({ length: 6 }, (_, i) => ({ host: 'b', i })),
      ...Array.from({ length: 6 }, (_, i) => ({ host: 'c', i })),
    ];
    const batches = [tasks.slice(0, 5), tasks.slice(5, 15), tasks.slice(15)];
    const active = new Map<string, number>();
    let total = 0;
    let maxTotal = 0;
    const maxPerHost = new Map<string, number>();
    const done: string[] = [];
    await runHostPool({
      workers: 4,
      perHost: 2,
      hostOf: (t) => t.host,
      more: async () => batches.shift() ?? [],
      run: async (t) => {
        active.set(t.host, (active.get(t.host) ?? 0) + 1);
        total++;
        maxTotal = Math.max(maxTotal, total);
        maxPerHost.set(t.host, Math.max(maxPerHost.get(t.host) ?? 0, active.get(t.host)!));
        for (let k = 0; k < 3; k++) await tick();
        active.set(t.host, active.get(t.host)! - 1);
        total--;
        done.push(`${t.host}${t.i}`);
      },
    });
    assert.equal(done.length, tasks.length);
    assert.equal(new Set(done).size, tasks.length);
    for (const [host, n] of maxPerHost) assert.ok(n <= 2, `${host} had ${n} at once`);
    assert.ok(maxTotal <= 4);
    assert.ok(maxTotal > 2, 'other hosts are served while one host is at its limit');
  });

  it('rejects when a task throws (the scheduler isolates errors per source)', async () => {
    await assert.rejects(
      runHostPool({
        workers: 2,
        perHost: 1,
        hostOf: () => 'h',
        more: (() => {
          let n = 0;
          return async () => (n++ ? [] : [1, 2]);
        })(),
        run: async () => {
          throw new Error('x');
        },
      }),
      /x/,
    );
  });
});
