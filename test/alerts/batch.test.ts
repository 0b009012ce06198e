// The alert worker reads the entries and matches of the rows it claimed in batches: a run over 50
// due rows sends as many SQL statements as a run over 5 (counted with the store's onQuery hook).
// A run that read each row's entry and tags one by one costs two statements more per row.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertWorker } from '../../src/alerts/worker.js';
import type { WebhookPoster, WebhookRequest } from '../../src/alerts/webhook.js';
import { type Dialect, forEachDialect, QueryCounter } from '../helpers/dialects.js';
import { addEntries, compile, MEK, newEntry } from './helpers.js';

/** Accepts every POST and keeps its body. */
class AcceptingPoster implements WebhookPoster {
  readonly bodies: string[] = [];
  async post(req: WebhookRequest): Promise<{ status: number }> {
    this.bodies.push(req.body);
    return { status: 200 };
  }
  async close(): Promise<void> {}
}

const NOW = Date.UTC(2026, 5, 1, 12);

/** Statements one worker run makes to send `rows` due webhook deliveries of one topic. */
async function statementsToSend(d: Dialect, rows: number): Promise<{ statements: number; entries: { id: number; matches: unknown[] }[] }> {
  const counter = new QueryCounter();
  const store = await d.open({ onQuery: counter.onQuery });
  try {
    const entries = await addEntries(
      store,
      Array.from({ length: rows }, (_, i) => newEntry(`MEK story ${i}`, `The MEK said ${i}.`, NOW - i * 60_000)),
    );
    for (const e of entries) {
      await store.topics.setEntryTopics(e.id, e.publishedAt, [
        { topicId: 'mek', matches: [{ field: 'title', start: 0, end: 3, text: 'MEK', alias: 'MEK' }] },
      ]);
    }
    await store.alerts.enqueue(
      entries.map((e) => ({ topicId: 'mek', entryId: e.id, channel: 'webhook' as const, dueAt: NOW })),
      NOW,
    );
    const topics = compile([{ ...MEK, alerts: { webhook: { url: 'https://hooks.example/x', secret: 'a-long-enough-secret' } } }]);
    const poster = new AcceptingPoster();
    const worker = new AlertWorker({
      store,
      webhook: poster,
      webhookChunk: 100,
      clock: () => NOW,
      alerts: () => topics.alerts,
    });
    counter.reset();
    const run = await worker.runOnce();
    const statements = counter.count;
    assert.deepEqual([run.claimed, run.sent], [rows, rows]);
    assert.equal(poster.bodies.length, 1);
    const body = JSON.parse(poster.bodies[0]!) as { entries: { id: number; matches: unknown[] }[] };
    return { statements, entries: body.entries };
  } finally {
    await store.close();
  }
}

forEachDialect((d) => {
  test('a worker run reads 50 claimed rows with as many statements as 5, and each entry keeps its matches', async (t) => {
    const few = await statementsToSend(d, 5);
    const many = await statementsToSend(d, 50);
    t.diagnostic(`${few.statements} statements for 5 rows, ${many.statements} for 50`);
    assert.equal(many.statements, few.statements, `${few.statements} statements for 5 rows, ${many.statements} for 50`);
    assert.equal(many.entries.length, 50);
    assert.ok(
      many.entries.every((e) => e.matches.length === 1),
      'every entry in the POST carries its match',
    );
  });
});
