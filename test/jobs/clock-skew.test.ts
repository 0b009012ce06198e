// Workers on machines whose clocks disagree share one PostgreSQL: leases and due times are judged
// by the database's clock, not the worker's. A job runner or source poller whose clock runs ten
// minutes fast takes no live lease of another worker and polls no source before its next check; one
// running ten minutes slow still takes a lease that has run out, and a source that is due. Only
// PostgreSQL is several machines (SQLite's clock is the one machine's own: test/store/clock.test.ts).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobRunner } from '../../src/jobs/runner.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/log/logger.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { feedRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { TEN_MINUTES, withSkewedClock } from '../helpers/skewed-clock.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const log = createLogger('silent');

forEachDialect((d) => {
  if (d.name !== 'postgres') return;

  describe('job runner on a machine with a wrong clock', () => {
    /** A runner made on the skewed machine, which records the jobs it ran. */
    const runnerOn = (store: Store, ran: number[]) =>
      new JobRunner({
        jobs: store.jobs,
        owner: 'skewed',
        log,
        leaseMs: 60_000,
        handlers: {
          k: async (job) => {
            ran.push(job.id);
          },
        },
      });

    test('ten minutes fast, it leaves a job another worker holds a live lease on', async () => {
      const store = await d.open();
      const t = Date.now();
      const { job } = await store.jobs.enqueue({ kind: 'k' }, t - 1000);
      const [held] = await store.jobs.claim(t, 1, 'other', 60_000, ['k']);
      assert.equal(held?.id, job.id);
      const ran: number[] = [];
      const claimed = await withSkewedClock(TEN_MINUTES, () => runnerOn(store, ran).drain());
      assert.equal(claimed, 0, 'nothing claimed: the lease has 60 s to run by the database clock');
      assert.deepEqual(ran, []);
      const after = await store.jobs.get(job.id);
      assert.equal(after?.leaseOwner, 'other');
      assert.equal(after?.state, 'running');
    });

    test('ten minutes slow, it still takes over a job whose lease has run out', async () => {
      const store = await d.open();
      const t = Date.now();
      const { job } = await store.jobs.enqueue({ kind: 'k' }, t - 180_000);
      // Claimed two minutes ago for one minute: run out a minute ago.
      await store.jobs.claim(t - 120_000, 1, 'dead', 60_000, ['k']);
      const ran: number[] = [];
      const claimed = await withSkewedClock(-TEN_MINUTES, () => runnerOn(store, ran).drain());
      assert.equal(claimed, 1);
      assert.deepEqual(ran, [job.id]);
      const after = await store.jobs.get(job.id);
      assert.equal(after?.state, 'done');
      assert.equal(after?.leaseExpiries, 1, 'a takeover of a run-out lease');
    });
  });

  describe('source poller on a machine with a wrong clock', () => {
    const open: FixtureServer[] = [];
    after(async () => {
      for (const s of open) await s.close();
    });

    async function setup() {
      const srv = await startFixtureServer({
        '/f.xml': feedRoute(
          rssFeed('Feed', [
            { guid: 'g1', title: 'One', link: 'https://news.example/1', description: '<p>One.</p>', pubDate: new Date().toUTCString() },
          ]),
        ),
      });
      open.push(srv);
      const store = await d.open();
      const t = Date.now();
      const { source } = await store.sources.add({ url: `${srv.url}/f.xml` }, t);
      const config = testConfig(join(mkdtempSync(join(tmpdir(), 'newsdesk-skew-')), 'unused.db'));
      /** One poll by a scheduler made and run on a machine whose clock is off by `sign` ten minutes. */
      const poll = (sign: 1 | -1) =>
        withSkewedClock(sign * TEN_MINUTES, async () => {
          const scheduler = new Scheduler({ store, config, log: silentLog, owner: 'skewed' });
          try {
            return await scheduler.pollOnce();
          } finally {
            await scheduler.close();
          }
        });
      return { srv, store, source, t, poll };
    }

    test('ten minutes fast, it does not poll a source before its next check', async () => {
      const { srv, store, source, t, poll } = await setup();
      await store.sources.update(source.id, { nextCheckAt: t + 5 * 60_000 });
      const s = await poll(1);
      assert.equal(s.checked, 0, 'due in five minutes by the database clock');
      assert.equal(srv.hits('/f.xml'), 0);
    });

    test('ten minutes fast, it leaves a source another poller holds a live lease on', async () => {
      const { srv, store, source, t, poll } = await setup();
      const [leased] = await store.sources.claimDue(t, 10, 'other', 60_000);
      assert.equal(leased?.id, source.id);
      const s = await poll(1);
      assert.equal(s.checked, 0);
      assert.equal(srv.hits('/f.xml'), 0);
    });

    test('ten minutes slow, it still polls a due source whose lease has run out', async () => {
      const { srv, store, source, t, poll } = await setup();
      await store.sources.update(source.id, { nextCheckAt: t - 180_000 });
      await store.sources.claimDue(t - 120_000, 10, 'dead', 60_000);
      const s = await poll(-1);
      assert.equal(s.checked, 1);
      assert.equal(srv.hits('/f.xml'), 1);
    });
  });
});
