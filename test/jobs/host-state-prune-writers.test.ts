// host_state is pruned by every process that writes it, not only by the elected leader of `serve` /
// `worker`: an operator who runs `newsdesk poll` from cron has no leader, and its table kept a row
// for every host it ever met. A gate that writes a hold or takes a Crawl-delay turn prunes a
// bounded batch at most once an hour (again at once when the batch came back full), so a second
// gate on the same store, or a burst of requests, does not prune once per write. Both dialects.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HOST_STATE_PRUNE_BATCH, HOST_STATE_RETAIN_MS } from '../../src/jobs/periodic.js';
import { HostGate, hostKey } from '../../src/jobs/politeness.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { forEachDialect, QueryCounter } from '../helpers/dialects.js';
import { hostRows } from '../helpers/host-rows.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Statements that delete from host_state among those a store ran. */
const prunes = (q: QueryCounter): number => q.statements.filter((s) => /DELETE\s+FROM\s+host_state/i.test(s)).length;

forEachDialect((d) => {
  describe(`host_state pruned by the processes that write it (${d.name})`, () => {
    let srv: FixtureServer;
    before(async () => {
      srv = await startFixtureServer(
        {},
        {
          fallback: (_req, res) => void res.writeHead(429, { 'retry-after': '120', 'content-type': 'text/plain' }).end('slow down'),
        },
      );
    });
    after(async () => {
      await srv.close();
    });

    test('a poll, built as `newsdesk poll` builds it (no leader), prunes the rows left alone for a month', async () => {
      const store = await d.open();
      const now = await store.clock.now();
      const monthAgo = now - HOST_STATE_RETAIN_MS - DAY;
      await store.hosts.takeTurn('gone.example', 1000, monthAgo, 60_000);
      await store.hosts.hold('also-gone.example', monthAgo + 60_000, 'Retry-After', monthAgo);
      await store.hosts.takeTurn('recent.example', 1000, now - DAY, 60_000);
      await store.sources.add({ url: `${srv.url}/feed.xml` });
      const config = testConfig(join(mkdtempSync(join(tmpdir(), 'newsdesk-host-prune-')), 'unused.db'), { workers: 1 });
      const scheduler = new Scheduler({ store, config, log: silentLog });
      try {
        await scheduler.pollOnce();
      } finally {
        await scheduler.close();
      }
      // The 429 put the server's host on hold (a write), and the poll pruned as it wrote.
      assert.deepEqual(await hostRows(d, store), [hostKey(srv.url), 'recent.example'].sort());
    });

    test('a gate prunes once an hour, not once per write; a full batch is followed by the next at once', async () => {
      const q = new QueryCounter();
      const store = await d.open({ onQuery: q.onQuery });
      let now = 100 * DAY;
      const old = now - HOST_STATE_RETAIN_MS - DAY;
      for (let i = 0; i < HOST_STATE_PRUNE_BATCH + 2; i++) await store.hosts.takeTurn(`old${i}.example`, 1000, old, 60_000);
      const gate = new HostGate({ store, perHost: 1, log: silentLog, clock: async () => now });
      q.reset();
      await gate.hold('a.example', 60_000, 'Retry-After');
      assert.equal(prunes(q), 1);
      assert.equal((await hostRows(d, store)).length, 2 + 1, 'a full batch went');
      // The batch was full: the next write prunes the rest.
      await gate.hold('b.example', 60_000, 'Retry-After');
      assert.equal(prunes(q), 2);
      assert.deepEqual(await hostRows(d, store), ['a.example', 'b.example']);
      // Nothing was left: the writes of the next hour prune nothing, and ask nothing.
      for (const h of ['c.example', 'd.example', 'e.example']) await gate.hold(h, 60_000, 'Retry-After');
      await gate.pacer.turn({ url: 'http://f.example/x', host: 'f.example', spacingMs: 1000, signal: new AbortController().signal });
      assert.equal(prunes(q), 2);
      // An hour on, a write prunes again.
      now += HOUR;
      await gate.hold('g.example', 60_000, 'Retry-After');
      assert.equal(prunes(q), 3);
    });

    test('a second gate on the store (another worker) prunes on its own, once, and nothing is pruned twice', async () => {
      const q = new QueryCounter();
      const store = await d.open({ onQuery: q.onQuery });
      const now = 100 * DAY;
      for (let i = 0; i < 5; i++) await store.hosts.takeTurn(`old${i}.example`, 1000, now - HOST_STATE_RETAIN_MS - DAY, 60_000);
      const gates = [0, 1].map(() => new HostGate({ store, perHost: 1, log: silentLog, clock: async () => now }));
      q.reset();
      await Promise.all(gates.flatMap((g, i) => [0, 1, 2].map((j) => g.hold(`w${i}-${j}.example`, 60_000, 'Retry-After'))));
      assert.equal(prunes(q), 2, 'one prune per gate');
      assert.equal((await hostRows(d, store)).filter((h) => h.startsWith('old')).length, 0);
      assert.equal((await hostRows(d, store)).length, 6);
    });
  });
});
