import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logger } from '../../src/log/logger.js';
import { runEntrySteps } from '../../src/pipeline/step.js';
import { tagTopicsStep } from '../../src/pipeline/steps/tag-topics.js';
import { definitionInputs } from '../../src/jobs/retag.js';
import { MEK, SOLAR, addEntries, compile, newEntry } from './helpers.js';
import { forEachDialect } from '../helpers/dialects.js';
forEachDialect((d) => {
  test('the "topics" pipeline step tags inserted entries and queues their alerts', async () => {
    const store = await d.open();
    const topics = compile([{ ...MEK, alerts: { webhook: { url: 'https://hooks.example/x', secret: 'a-long-enough-secret' } } }, SOLAR]);
    await store.topics.syncDefinitions(definitionInputs(topics.parsed));
    const now = Date.now();
    const entries = await addEntries(store, [
      newEntry('Solar panels on every roof', 'A photovoltaic push.', now),
      newEntry('Rajavi addresses the PMOI', 'Iran opposition.', now),
    ]);
    let woken = 0;
    let current: typeof topics.matcher | undefined;
    const step = tagTopicsStep(() => current, { onQueued: () => woken++ });
    const source = (await store.sources.list())[0]!;
    const ctx = { store, source, log: logger('test'), now };
    // No active topic set yet: the step does nothing.
    assert.deepEqual(await runEntrySteps([step], entries, ctx), []);
    assert.equal((await store.topics.counts()).length, 0);
    current = topics.matcher;
    assert.deepEqual(await runEntrySteps([step], entries, ctx), []);
    assert.deepEqual(await store.topics.counts(), [
      { topicId: 'mek', count: 1 },
      { topicId: 'solar', count: 1 },
    ]);
    assert.equal(woken, 1);
    const queued = await store.alerts.list({ limit: 10 });
    assert.deepEqual(
      queued.map((d) => [d.topicId, d.entryId, d.channel, d.status]),
      [['mek', entries[1]!.id, 'webhook', 'pending']],
    );
    await store.close();
  });
});
