// The fetch queue gauge counts sources due by the store's clock, as the pollers claim them: a web
// process on a machine whose clock runs ten minutes fast must not report as waiting a source whose
// next check is five minutes away (an alert on queue depth would fire for work nobody may take).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerStoreGauges } from '../../src/server/health.js';
import { Registry } from '../../src/metrics/registry.js';
import { forEachDialect } from '../helpers/dialects.js';
import { TEN_MINUTES, withSkewedClock } from '../helpers/skewed-clock.js';

forEachDialect((d) => {
  if (d.name !== 'postgres') return;

  test('the fetch queue depth counts what is due by the database clock', async () => {
    const store = await d.open();
    const now = await store.clock.now();
    await store.sources.add({ url: 'https://feeds.example/later.xml' }, now + 5 * 60_000);
    await store.sources.add({ url: 'https://feeds.example/due.xml' }, now - 60_000);
    const registry = new Registry();
    registerStoreGauges(registry, store, { role: 'web', running: () => true });
    for (const skew of [TEN_MINUTES, -TEN_MINUTES]) {
      const text = await withSkewedClock(skew, () => registry.render());
      assert.match(text, /^newsdesk_fetch_queue_depth 1$/m, `skewed by ${skew}`);
    }
  });
});
