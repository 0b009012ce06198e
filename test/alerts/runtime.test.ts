import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { buildPipeline } from '../../src/server/pipeline.js';
import { createLogger } from '../../src/log/logger.js';
import { runEntrySteps } from '../../src/pipeline/step.js';
import { MEK, addEntries, newEntry, tempDbPath } from './helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

forEachDialect((d) => {
  // The timeout only keeps a broken worker from hanging the suite; nothing here measures time.
  test('the pipeline: history is re-tagged, new entries are tagged by the step after extraction, and their webhook goes out', {
    timeout: 60_000,
  }, async () => {
    const bodies: string[] = [];
    let delivered!: () => void;
    const arrived = new Promise<void>((resolve) => (delivered = resolve));
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(204).end();
        delivered();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    const topicsFile = join(dirname(tempDbPath()), 'topics.json');
    writeFileSync(
      topicsFile,
      JSON.stringify({ topics: [{ ...MEK, alerts: { webhook: { url: hook, secret: 'runtime-test-secret-123' } } }] }),
    );
    const store = await d.open();
    const old = await addEntries(store, [newEntry('PMOI statement on Iran', 'Rajavi spoke.', Date.now() - 400 * 86_400_000)]);

    const config = loadConfig({ env: {}, overrides: { topicsFile, alertAllowHosts: ['127.0.0.1'] } });
    const pipeline = await buildPipeline({ store, config, log: createLogger('silent') });
    assert.deepEqual(
      pipeline.steps.map((s) => s.name),
      ['extract', 'topics', 'stories'],
      'tagging runs after full-text extraction, story clustering after tagging',
    );
    const topics = pipeline.topics!;
    assert.equal(topics.registry.topics.length, 1);
    const report = await topics.retagger.resume(topics.registry.topics, topics.registry.matcher);
    assert.equal(report.finished, true);
    assert.deepEqual(
      (await store.entries.list({ topicId: 'mek', limit: 5 })).items.map((e) => e.id),
      [old[0]!.id],
    );
    assert.equal((await store.alerts.stats()).pending, 0, 're-tagged history raises no alert');

    const step = pipeline.steps.find((s) => s.name === 'topics');
    assert.ok(step, 'the topics step is built');
    const fresh = await addEntries(store, [newEntry('Mujahedin-e Khalq rally', 'In Paris.', Date.now())]);
    const source = (await store.sources.list()).at(-1)!;
    assert.deepEqual(await runEntrySteps([step], fresh, { store, source, log: createLogger('silent'), now: Date.now() }), []);
    await arrived;
    const body = JSON.parse(bodies[0]!) as { entries: { id: number }[] };
    assert.deepEqual(
      body.entries.map((e) => e.id),
      [fresh[0]!.id],
    );

    // A broken topics file leaves the current set active.
    writeFileSync(topicsFile, '{"topics": [');
    const bad = await topics.reload();
    assert.equal(bad.ok, false);
    assert.match(bad.errors[0]!, /topics\.json:\d+:\d+/);
    assert.equal(topics.registry.topics.length, 1);

    await pipeline.close();
    await store.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
