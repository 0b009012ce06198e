// Alert workers on machines whose clocks disagree share one PostgreSQL: delivery leases are judged
// by the database's clock. A worker ten minutes fast takes none of the rows another worker is
// sending (that would send the webhook twice); one ten minutes slow still takes rows whose lease
// ran out (a dead worker's). PostgreSQL only: SQLite is one machine with one clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertWorker } from '../../src/alerts/worker.js';
import type { WebhookPoster, WebhookRequest } from '../../src/alerts/webhook.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { TEN_MINUTES, withSkewedClock } from '../helpers/skewed-clock.js';
import { addEntries, compile, MEK, newEntry } from './helpers.js';

class Recorder implements WebhookPoster {
  readonly sent: string[] = [];
  async post(req: WebhookRequest): Promise<{ status: number }> {
    this.sent.push(req.deliveryId);
    return { status: 204 };
  }
  async close(): Promise<void> {}
}

const topics = compile([{ ...MEK, alerts: { webhook: { url: 'https://hooks.example/x', secret: 'a-long-enough-secret' } } }]);

/** Two webhook rows due three minutes ago. */
async function queued(store: Store, t: number): Promise<void> {
  const entries = await addEntries(store, [newEntry('MEK story 1', 'The MEK said 1.', t), newEntry('MEK story 2', 'The MEK said 2.', t)]);
  await store.alerts.enqueue(
    entries.map((e) => ({ topicId: 'mek', entryId: e.id, channel: 'webhook' as const, dueAt: t - 180_000 })),
    t - 180_000,
  );
}

/** One run of a worker made and run on a machine whose clock is off by `byMs`. */
const runOn = (store: Store, byMs: number, r: Recorder) =>
  withSkewedClock(byMs, () =>
    new AlertWorker({ store, webhook: r, owner: 'skewed', leaseMs: 60_000, alerts: () => topics.alerts }).runOnce(),
  );

forEachDialect((d) => {
  if (d.name !== 'postgres') return;

  test('ten minutes fast, an alert worker leaves rows another worker holds a live lease on', async () => {
    const store = await d.open();
    const t = Date.now();
    await queued(store, t);
    assert.equal((await store.alerts.claimDue(t, 10, 'other', 60_000, 'webhook')).length, 2);
    const r = new Recorder();
    const run = await runOn(store, TEN_MINUTES, r);
    assert.equal(run.claimed, 0, 'the lease has 60 s to run by the database clock');
    assert.deepEqual(r.sent, [], 'no second send');
  });

  test('ten minutes slow, an alert worker still takes rows whose lease has run out', async () => {
    const store = await d.open();
    const t = Date.now();
    await queued(store, t);
    // Claimed two minutes ago for one minute by a worker that died: run out a minute ago.
    assert.equal((await store.alerts.claimDue(t - 120_000, 10, 'dead', 60_000, 'webhook')).length, 2);
    const r = new Recorder();
    const run = await runOn(store, -TEN_MINUTES, r);
    assert.equal(run.claimed, 2);
    assert.equal(run.sent, 2);
    assert.equal(r.sent.length, 1, 'one message with both rows');
  });

  test('deliveries put back by a machine ten minutes fast are due at once, by the database clock', async () => {
    const store = await d.open();
    const t = Date.now();
    await queued(store, t);
    const rows = await store.alerts.claimDue(t, 10, 'other', 60_000, 'webhook');
    await store.alerts.cancel(
      rows.map((r) => r.id),
      'cancelled for the test',
      t,
    );
    // `newsdesk alerts requeue` passes no time: the rows must not wait out the machine's skew.
    const n = await withSkewedClock(TEN_MINUTES, () => store.alerts.requeue({ ids: rows.map((r) => r.id) }));
    assert.equal(n, 2);
    const due = await store.alerts.claimDue(await store.clock.now(), 10, 'worker', 60_000, 'webhook');
    assert.equal(due.length, 2, 'due now for every worker, not ten minutes from now');
  });
});
