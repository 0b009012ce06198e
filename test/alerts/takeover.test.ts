// A worker that dies while sending: the worker taking its rows over sends the same message again
// (the same rows, the same X-Newsdesk-Delivery, for webhooks and e-mail digests), not a batch
// mixed with rows that fell due meanwhile — a receiver that de-duplicates by that header would
// otherwise take the resend for a new message. So is a failed message when it is retried. A worker
// whose lease ran out sends nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Mailer, MailResult, SendOptions } from '../../src/alerts/mailer.js';
import type { DigestMail } from '../../src/alerts/message.js';
import { AlertWorker } from '../../src/alerts/worker.js';
import { WebhookError, type WebhookPoster, type WebhookRequest } from '../../src/alerts/webhook.js';
import { forEachDialect } from '../helpers/dialects.js';
import { addEntries, compile, MEK, newEntry, SOLAR } from './helpers.js';

class Recorder implements WebhookPoster, Mailer {
  readonly ids: string[] = [];
  async post(req: WebhookRequest): Promise<{ status: number }> {
    this.ids.push(`webhook ${req.deliveryId}`);
    return { status: 204 };
  }
  async send(_to: string[], _mail: DigestMail, o?: SendOptions): Promise<MailResult> {
    this.ids.push(`email ${o?.deliveryId}`);
    return { response: '250 OK', messageId: 'm' };
  }
  async close(): Promise<void> {}
}

const NOW = Date.UTC(2026, 5, 1, 12);

forEachDialect((d) => {
  test('rows a dead worker was sending go out again as the same message, apart from rows due since', async () => {
    const store = await d.open();
    try {
      const entries = await addEntries(
        store,
        Array.from({ length: 5 }, (_, i) => newEntry(`MEK story ${i}`, `The MEK said ${i}.`, NOW)),
      );
      const queue = (from: number, to: number, at: number) =>
        store.alerts.enqueue(
          entries
            .slice(from, to)
            .flatMap((e) => (['webhook', 'email'] as const).map((channel) => ({ topicId: 'mek', entryId: e.id, channel, dueAt: at }))),
          at,
        );
      await queue(0, 3, NOW);
      const topics = compile([
        {
          ...MEK,
          alerts: {
            webhook: { url: 'https://hooks.example/x', secret: 'a-long-enough-secret' },
            email: { to: ['d@example.org'], every: 'hourly' },
          },
        },
      ]);
      const make = (owner: string, clock: () => number, r: Recorder) =>
        new AlertWorker({ store, webhook: r, mailer: r, owner, clock, leaseMs: 60_000, alerts: () => topics.alerts });

      // The first worker's messages reach the receiver, and it dies before it marks them sent.
      const dying = new Recorder();
      const dead = make('dead', () => NOW, dying);
      const settle = store.alerts.settle.bind(store.alerts);
      store.alerts.settle = async () => {
        throw new Error('killed');
      };
      await dead.runOnce();
      store.alerts.settle = settle;
      assert.equal(dying.ids.length, 2);

      // Two more stories fall due before its lease runs out; the next worker takes everything.
      await queue(3, 5, NOW + 30_000);
      const next = new Recorder();
      const run = await make('next', () => NOW + 61_000, next).runOnce();
      assert.deepEqual([run.claimed, run.sent], [10, 10]);
      for (const first of dying.ids) assert.ok(next.ids.includes(first), `${first} was not resent as it was`);
      assert.equal(next.ids.length, 4, 'the rows due since go out in messages of their own');
      assert.deepEqual(await store.alerts.stats('mek'), { pending: 0, sending: 0, sent: 10, failed: 0, cancelled: 0 });
    } finally {
      await store.close();
    }
  });

  test('a message a dead worker was sending is claimed whole: past the claim limit, and never split between two claims', async () => {
    const store = await d.open();
    try {
      const entries = await addEntries(
        store,
        Array.from({ length: 4 }, (_, i) => newEntry(`MEK item ${i}`, `The MEK said ${i}.`, NOW)),
      );
      await store.alerts.enqueue(
        entries.map((e) => ({ topicId: 'mek', entryId: e.id, channel: 'webhook' as const, dueAt: NOW })),
        NOW,
      );
      const first = await store.alerts.claimDue(NOW, 10, 'dead', 1000, 'webhook');
      const ids = first.map((r) => r.id);
      assert.equal(ids.length, 4);
      assert.equal(await store.alerts.startBatch(ids, 'dead', 'dead#1', NOW, NOW + 1000), true);
      // The lease runs out; a claim limited to one row still takes the whole message.
      const one = await store.alerts.claimDue(NOW + 2000, 1, 'heir', 1000, 'webhook');
      assert.deepEqual(
        one.map((r) => r.id).sort((a, b) => a - b),
        [...ids].sort((a, b) => a - b),
      );
      assert.equal(new Set(one.map((r) => r.takenFrom)).size, 1, 'all four rows name the same message');
      assert.equal(await store.alerts.startBatch(ids, 'heir', 'heir#1', NOW + 2000, NOW + 3000), true);
      // Its lease runs out too; two workers claim at the same moment: one takes it all, the other none.
      const [a, b] = await Promise.all([
        store.alerts.claimDue(NOW + 4000, 2, 'x', 1000, 'webhook'),
        store.alerts.claimDue(NOW + 4000, 2, 'y', 1000, 'webhook'),
      ]);
      assert.deepEqual([a.length, b.length].sort(), [0, 4]);
    } finally {
      await store.close();
    }
  });

  test('each message has a whole lease from its start: a slow first message does not expose the next one', async () => {
    const store = await d.open();
    try {
      const [a, b] = await addEntries(store, [newEntry('MEK story', 'The MEK said.', NOW), newEntry('Solar story', 'Solar power.', NOW)]);
      await store.alerts.enqueue(
        [
          { topicId: 'mek', entryId: a!.id, channel: 'webhook', dueAt: NOW },
          { topicId: 'solar', entryId: b!.id, channel: 'webhook', dueAt: NOW },
        ],
        NOW,
      );
      const hook = { webhook: { url: 'https://hooks.example/x', secret: 'a-long-enough-secret' } };
      const topics = compile([
        { ...MEK, alerts: hook },
        { ...SOLAR, alerts: hook },
      ]);
      const other = new Recorder();
      const late = new AlertWorker({
        store,
        webhook: other,
        owner: 'other',
        leaseMs: 1000,
        clock: () => NOW + 1500,
        alerts: () => topics.alerts,
      });
      // The first message takes 900 ms of the 1 s lease; while the second is on its way, another
      // worker looks for due rows past the claim's lease.
      let clock = NOW;
      const sent: string[] = [];
      const slow: WebhookPoster = {
        post: async (req) => {
          sent.push(req.deliveryId);
          if (sent.length === 1) clock = NOW + 900;
          else assert.equal((await late.runOnce()).claimed, 0, 'a row in flight was handed to another worker');
          return { status: 204 };
        },
        close: async () => {},
      };
      const run = await new AlertWorker({
        store,
        webhook: slow,
        owner: 'slow',
        leaseMs: 1000,
        clock: () => clock,
        alerts: () => topics.alerts,
      }).runOnce();
      assert.deepEqual([run.claimed, run.sent, sent.length, other.ids.length], [2, 2, 2, 0]);
    } finally {
      await store.close();
    }
  });

  test('a failed message (a timeout the receiver may have acted on) is retried as the same message', async () => {
    const store = await d.open();
    try {
      const [a, b, c] = await addEntries(store, [
        newEntry('MEK 1', 'The MEK said.', NOW),
        newEntry('MEK 2', 'The MEK said.', NOW),
        newEntry('MEK 3', 'The MEK said.', NOW),
      ]);
      const row = (id: number, dueAt: number) => ({ topicId: 'mek', entryId: id, channel: 'webhook' as const, dueAt });
      await store.alerts.enqueue([row(a!.id, NOW), row(b!.id, NOW)], NOW);
      const topics = compile([{ ...MEK, alerts: { webhook: { url: 'https://hooks.example/x', secret: 'a-long-enough-secret' } } }]);
      const ids: string[] = [];
      const flaky: WebhookPoster = {
        post: async (req) => {
          ids.push(req.deliveryId);
          if (ids.length === 1) throw new WebhookError('POST https://hooks.example/… failed: UND_ERR_HEADERS_TIMEOUT; will retry', true);
          return { status: 204 };
        },
        close: async () => {},
      };
      let clock = NOW;
      const worker = new AlertWorker({ store, webhook: flaky, owner: 'w', clock: () => clock, alerts: () => topics.alerts });
      assert.equal((await worker.runOnce()).retrying, 2);
      await store.alerts.enqueue([row(c!.id, NOW + 1000)], NOW + 1000);
      clock = NOW + 3_600_000;
      assert.equal((await worker.runOnce()).sent, 3);
      assert.equal(ids.length, 3);
      // The new row (due first) goes out on its own; the retry carries the first attempt's id.
      assert.deepEqual(ids.slice(1), [`mek:${(await store.alerts.list({ limit: 10 })).find((x) => x.entryId === c!.id)!.id}`, ids[0]]);
    } finally {
      await store.close();
    }
  });

  test('a worker whose lease ran out before it started a message does not send it', async () => {
    const store = await d.open();
    try {
      const [e] = await addEntries(store, [newEntry('MEK story', 'The MEK said.', NOW)]);
      await store.alerts.enqueue([{ topicId: 'mek', entryId: e!.id, channel: 'webhook', dueAt: NOW }], NOW);
      const topics = compile([{ ...MEK, alerts: { webhook: { url: 'https://hooks.example/x', secret: 'a-long-enough-secret' } } }]);
      let clock = NOW;
      const slow = new Recorder();
      const worker = new AlertWorker({
        store,
        webhook: slow,
        owner: 'slow',
        leaseMs: 1000,
        clock: () => clock,
        alerts: () => topics.alerts,
      });
      // The claim is made at NOW; the worker stalls past its lease before the message starts.
      const claim = store.alerts.claimDue.bind(store.alerts);
      store.alerts.claimDue = async (...args) => {
        const rows = await claim(...args);
        clock = NOW + 5000;
        return rows;
      };
      await worker.runOnce();
      store.alerts.claimDue = claim;
      assert.deepEqual(slow.ids, []);
      assert.equal((await store.alerts.claimDue(NOW + 5000, 10, 'other', 1000)).length, 1, 'the row is another worker’s to take');
    } finally {
      await store.close();
    }
  });
});
