// A sender that outlives its lease (a starved or stalled process): another worker takes the rows
// over and may send the same message again. When the first sender settles late it says so (the
// delivery, the lease and how long the send took: what an operator needs to raise the lease), its
// success still marks the rows sent once, and its failure leaves the rows to the worker holding
// them. The clock is injected; nothing here measures time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertWorker } from '../../src/alerts/worker.js';
import { WebhookError, type WebhookPoster, type WebhookRequest } from '../../src/alerts/webhook.js';
import { createLogger } from '../../src/log/logger.js';
import { forEachDialect } from '../helpers/dialects.js';
import { addEntries, compile, MEK, newEntry } from './helpers.js';

const NOW = Date.UTC(2026, 5, 1, 12);
const LEASE = 1000;

interface Warning {
  msg: string;
  delivery?: string;
  deliveryIds?: number[];
  leaseMs?: number;
  ok?: boolean;
}

function capture(): { log: ReturnType<typeof createLogger>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const log = createLogger('warn', { format: 'json', destination: { write: (l: string) => warnings.push(JSON.parse(l) as Warning) } });
  return { log, warnings };
}

forEachDialect((d) => {
  for (const firstOk of [true, false]) {
    test(`a sender whose lease ran out mid-send settles late (${firstOk ? 'success' : 'failure'}): a warning, no lost or double mark`, async () => {
      const store = await d.open();
      try {
        const entries = await addEntries(store, [newEntry('MEK 1', 'The MEK said.', NOW), newEntry('MEK 2', 'The MEK said.', NOW)]);
        await store.alerts.enqueue(
          entries.map((e) => ({ topicId: 'mek', entryId: e.id, channel: 'webhook' as const, dueAt: NOW })),
          NOW,
        );
        const topics = compile([{ ...MEK, alerts: { webhook: { url: 'https://hooks.example/x', secret: 'a-long-enough-secret' } } }]);
        let clock = NOW;
        const sent: string[] = [];
        // B's send waits until A has settled, so the order is: A starts, B claims and starts, A settles, B settles.
        let aSettled!: () => void;
        const afterA = new Promise<void>((r) => (aSettled = r));
        let bSending!: () => void;
        const bStarted = new Promise<void>((r) => (bSending = r));
        const b = capture();
        const hookB: WebhookPoster = {
          post: async (req: WebhookRequest) => {
            sent.push(`B ${req.deliveryId}`);
            bSending();
            await afterA;
            return { status: 204 };
          },
          close: async () => {},
        };
        const workerB = new AlertWorker({
          store,
          webhook: hookB,
          owner: 'B',
          leaseMs: LEASE,
          clock: () => clock,
          alerts: () => topics.alerts,
          log: b.log,
        });
        let runB: ReturnType<AlertWorker['runOnce']> | undefined;
        const hookA: WebhookPoster = {
          post: async (req: WebhookRequest) => {
            sent.push(`A ${req.deliveryId}`);
            // A stalls past its lease; B finds the rows and sends the same message.
            clock = NOW + LEASE + 500;
            runB = workerB.runOnce();
            await bStarted;
            clock = NOW + LEASE + 600;
            if (!firstOk) throw new WebhookError('POST https://hooks.example/… failed: UND_ERR_HEADERS_TIMEOUT; will retry', true);
            return { status: 204 };
          },
          close: async () => {},
        };
        const a = capture();
        const runA = await new AlertWorker({
          store,
          webhook: hookA,
          owner: 'A',
          leaseMs: LEASE,
          clock: () => clock,
          alerts: () => topics.alerts,
          log: a.log,
        }).runOnce();
        const ids = (await store.alerts.list({ limit: 5 })).map((r) => r.id).sort((p, q) => p - q);
        const header = `mek:${ids.join(',')}`;
        assert.deepEqual(sent, [`A ${header}`, `B ${header}`], 'the same message, the same delivery id');

        // A's late settle: the warning names the delivery, the rows and the lease.
        const lostA = a.warnings.filter((w) => /lease ran out while sending/.test(w.msg));
        assert.equal(lostA.length, 1, JSON.stringify(a.warnings));
        assert.equal(lostA[0]!.delivery, header);
        assert.deepEqual(
          [...lostA[0]!.deliveryIds!].sort((p, q) => p - q),
          ids,
        );
        assert.equal(lostA[0]!.leaseMs, LEASE);
        assert.match(lostA[0]!.msg, /NEWSDESK_ALERT_LEASE_MS/);
        const rowsAfterA = await store.alerts.list({ limit: 5 });
        if (firstOk) {
          // It did send: the rows are marked sent, once, at A's settle.
          assert.deepEqual(runA.sent, 2);
          assert.ok(rowsAfterA.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt === NOW + LEASE + 600));
        } else {
          // B holds them and is sending: not made due again (a third worker would send them too).
          assert.ok(rowsAfterA.every((r) => r.status === 'sending' && r.attempts === 0));
          clock = NOW + LEASE + 700;
          assert.equal(
            (
              await new AlertWorker({
                store,
                webhook: hookB,
                owner: 'C',
                leaseMs: LEASE,
                clock: () => clock,
                alerts: () => topics.alerts,
              }).runOnce()
            ).claimed,
            0,
          );
        }

        // B's settle works: every row sent exactly once, whoever settled first.
        aSettled();
        clock = NOW + LEASE + 800;
        const statsB = await runB!;
        assert.equal(statsB.sent, 2);
        const rows = await store.alerts.list({ limit: 5 });
        assert.ok(
          rows.every((r) => r.status === 'sent' && r.attempts === 1),
          JSON.stringify(rows),
        );
        assert.deepEqual(await store.alerts.stats('mek'), { pending: 0, sending: 0, sent: 2, failed: 0, cancelled: 0 });
        // B's settle found the rows sent by A (after A's success) and says so; after A's failure it held them.
        assert.equal(b.warnings.filter((w) => /lease ran out while sending/.test(w.msg)).length, firstOk ? 1 : 0);
        assert.equal((await store.alerts.log({ limit: 10 })).length, 2, 'both attempts are logged');
      } finally {
        await store.close();
      }
    });
  }
});
