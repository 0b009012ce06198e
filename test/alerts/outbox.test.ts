import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addEntries, newEntry, openStore } from './helpers.js';

test('outbox: unique per (topic, entry, channel); leases keep two workers apart; settle, cancel and requeue', async () => {
  const store = await openStore();
  const now = 1_800_000_000_000;
  const entries = await addEntries(store, [newEntry('a', 'a', now), newEntry('b', 'b', now), newEntry('c', 'c', now)]);
  const rows = entries.flatMap((e) => [
    { topicId: 't', entryId: e.id, channel: 'webhook' as const, dueAt: now },
    { topicId: 't', entryId: e.id, channel: 'email' as const, dueAt: now + 3_600_000 },
  ]);
  assert.equal(await store.alerts.enqueue(rows, now), 6);
  assert.equal(await store.alerts.enqueue([...rows, ...rows], now), 0);
  assert.equal(await store.alerts.nextDueAt(), now);
  assert.equal(await store.alerts.nextDueAt('email'), now + 3_600_000);

  const a = await store.alerts.claimDue(now, 2, 'worker-a', 60_000);
  const b = await store.alerts.claimDue(now, 10, 'worker-b', 60_000);
  assert.equal(a.length, 2);
  assert.equal(b.length, 1, 'only the third due webhook row was left; email rows are not due yet');
  assert.equal(new Set([...a, ...b].map((d) => d.id)).size, 3);
  assert.ok([...a, ...b].every((d) => d.channel === 'webhook' && d.status === 'sending'));
  assert.equal((await store.alerts.claimDue(now + 1000, 10, 'worker-c', 60_000, 'webhook')).length, 0, 'leased rows are not claimed again');

  const attempt = { topicId: 't', channel: 'webhook' as const, target: 'https://h.example/', statusCode: 200, error: null, durationMs: 3 };
  await store.alerts.settle({ ids: a.map((d) => d.id), attempt: { ...attempt, deliveryIds: a.map((d) => d.id), ok: true } }, now);
  await store.alerts.settle(
    { ids: [b[0]!.id], retryAt: null, attempt: { ...attempt, deliveryIds: [b[0]!.id], ok: false, statusCode: 410, error: 'HTTP 410' } },
    now,
  );
  assert.deepEqual(await store.alerts.stats('t'), { pending: 3, sending: 0, sent: 2, failed: 1, cancelled: 0 });
  const failed = await store.alerts.list({ status: 'failed', limit: 5 });
  assert.equal(failed[0]?.lastError, 'HTTP 410');
  assert.equal(await store.alerts.requeue({ topicId: 't' }, now + 5), 1);
  const again = await store.alerts.claimDue(now + 5, 10, 'worker-a', 60_000, 'webhook');
  assert.deepEqual(again.map((d) => [d.id, d.attempts]), [[b[0]!.id, 0]]);

  // A worker that died holding a lease: the row is claimable once the lease ran out.
  assert.equal((await store.alerts.claimDue(now + 30_000, 10, 'worker-b', 60_000, 'webhook')).length, 0);
  assert.equal((await store.alerts.claimDue(now + 70_000, 10, 'worker-b', 60_000, 'webhook')).length, 1);

  const emails = await store.alerts.claimDue(now + 3_600_000, 10, 'worker-a', 60_000, 'email');
  assert.equal(emails.length, 3);
  await store.alerts.cancel(emails.map((d) => d.id), 'topic t has no email alert configured any more', now);
  assert.equal((await store.alerts.stats()).cancelled, 3);
  const log = await store.alerts.log({ limit: 10 });
  assert.deepEqual(log.map((l) => l.ok), [false, true]);
  await store.close();
});
