// The roles on SQLite, where no PostgreSQL is needed: `newsdesk worker` is the coordinator of its
// single process, answers only its health endpoints, polls, and exits 0 on SIGTERM; the web role
// (`serve --no-poll`) serves the site and /readyz without any background work.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createLogger } from '../../src/log/logger.js';
import { Registry } from '../../src/metrics/registry.js';
import { startSite } from '../../src/server/runtime.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { testConfig } from '../web/helpers.js';
import { startFeedHosts } from './feed-hosts.js';
import { startWorkerProcess, waitFor } from './workers.js';

describe('roles on SQLite', () => {
  test('newsdesk worker: coordinator, health endpoints only, polls, SIGTERM exits 0', { timeout: 90_000 }, async () => {
    const feeds = await startFeedHosts({ hosts: 2, feeds: 10, itemsPerFeed: 2, delayMs: 0 });
    const path = join(mkdtempSync(join(tmpdir(), 'newsdesk-roles-')), 'roles.db');
    const store = await SqliteStore.open({ path, defaultExtractMode: 'off' });
    for (const u of feeds.urls) await store.sources.add({ url: u });
    await store.close();
    const w = await startWorkerProcess('solo', `sqlite:${path}`);
    try {
      await waitFor('the coordinator role', async () => (await w.readyz())?.coordinator === true, 30_000);
      const ready = await fetch(`${w.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', role: 'worker', running: true, coordinator: true });
      assert.equal((await fetch(`${w.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${w.url}/`)).status, 404, 'a worker serves no site');
      const api = await fetch(`${w.url}/api/v1/topics`);
      assert.equal(api.status, 404, 'a worker serves no API');
      // Keyed as the API's problems are, the key naming the worker (p-leftovers); its sentence in
      // the language asked for.
      assert.deepEqual(await api.json(), { error: 'A worker answers only /healthz, /readyz and /metrics.', key: 'worker.notFound' });
      const fa = await fetch(`${w.url}/nowhere`, { headers: { 'accept-language': 'fa-IR' } });
      assert.equal(fa.headers.get('content-language'), 'fa');
      assert.deepEqual(await fa.json(), { error: 'کارگر فقط به /healthz و /readyz و /metrics پاسخ می‌دهد.', key: 'worker.notFound' });
      await waitFor('every feed fetched', async () => feeds.urls.every((u) => feeds.hits(u) === 1), 30_000);
      const metrics = await (await fetch(`${w.url}/metrics`)).text();
      assert.match(metrics, /^newsdesk_coordinator_leader 1$/m);
      assert.match(metrics, /^newsdesk_role\{coordinator="yes",role="worker"\} 1$/m);
      if (process.platform === 'linux') {
        // workerNice (10 by default): every thread of the worker, those started later included.
        const tasks = readdirSync(`/proc/${w.child.pid}/task`);
        const nices = tasks.map((t) => getPriority(Number(t)));
        assert.ok(nices.length > 1 && nices.every((n) => n >= 10), `nice values of the worker's threads: ${nices.join(', ')}`);
      }
      w.child.kill('SIGTERM');
      assert.equal(await w.exited, 0, w.stderr());
      assert.match(w.stderr(), /stopped/);
    } finally {
      if (w.child.exitCode === null) w.child.kill('SIGKILL');
      await feeds.close();
    }
  });

  test('the web role: site and /readyz, no topics runtime, no coordinator', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const site = await startSite({
      store,
      config: testConfig({ host: '127.0.0.1', port: 0 }),
      log: createLogger('silent'),
      poll: false,
      webOnly: true,
      metrics: new Registry(),
    });
    try {
      assert.equal(site.background, undefined);
      assert.equal(site.topics, undefined);
      const r = await fetch(`${site.url}/readyz`);
      assert.equal(r.status, 200);
      assert.deepEqual(await r.json(), { status: 'ready', role: 'web', running: true });
      assert.equal((await fetch(`${site.url}/`)).status, 200);
      assert.equal(
        await store.coordination.tryLead('coordinator').then((l) => l !== undefined),
        true,
        'the web role took the coordinator lock',
      );
    } finally {
      await site.stop();
      await store.close();
    }
  });
});
