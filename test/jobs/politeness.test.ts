// Politeness shared through the store: a host that answers 429 with Retry-After is put on hold in
// host_state, and then no check (of this process or, through the store, any other) asks it
// before the hold ends — its other sources are rescheduled to the end of the hold unrequested.
// Article fetches keep the same manners through politeFetcher.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HostGate, hostKey, politeFetcher } from '../../src/jobs/politeness.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { harness, silentLog } from '../ingest/harness.js';

describe('politeness across workers', () => {
  let srv: FixtureServer;
  let hits = 0;
  before(async () => {
    srv = await startFixtureServer(
      {},
      {
        fallback: (_req, res) => {
          hits++;
          res.writeHead(429, { 'retry-after': '120', 'content-type': 'text/plain' });
          res.end('slow down');
        },
      },
    );
  });
  after(async () => {
    await srv.close();
  });

  it('a Retry-After answer holds the host for every check; its other sources wait unrequested', async () => {
    hits = 0;
    const h = await harness({ workers: 1, perHostConcurrency: 1 });
    try {
      const a = (await h.store.sources.add({ url: `${srv.url}/a.xml` })).source;
      const b = (await h.store.sources.add({ url: `${srv.url}/b.xml` })).source;
      const before = Date.now();
      await h.scheduler.pollOnce();
      assert.equal(hits, 1, 'the second source of the held host was not requested');
      const until = await h.store.hosts.heldUntil(hostKey(srv.url), Date.now());
      assert.ok(until !== undefined && until >= before + 119_000, 'the hold lasts the Retry-After');
      const [sa, sb] = [await h.store.sources.get(a.id), await h.store.sources.get(b.id)];
      const later = [sa!, sb!].find((s) => s.lastCheckedAt === null);
      assert.ok(later, 'one source stayed unchecked');
      assert.ok(later.nextCheckAt >= until! - 1, 'and is due when the hold ends');
    } finally {
      await h.close();
    }
  });

  it('an article fetch refuses a held host and records a hold it is told about', async () => {
    hits = 0;
    const h = await harness();
    try {
      const gate = new HostGate({ store: h.store, perHost: 1, log: silentLog });
      let inner = 0;
      const fetcher = politeFetcher(
        {
          fetch: async (url) => {
            inner++;
            throw Object.assign(new Error(`429 from ${url}`), { retryAfterMs: 30_000 });
          },
        },
        gate,
      );
      await assert.rejects(fetcher.fetch('http://news.example/a'), /429/);
      assert.ok((await h.store.hosts.heldUntil('news.example', Date.now())) !== undefined);
      // A second gate (another worker) sees the hold from the store and never asks.
      const other = politeFetcher(
        { fetch: async () => assert.fail('a held host was asked') },
        new HostGate({ store: h.store, perHost: 1, log: silentLog }),
      );
      await assert.rejects(other.fetch('http://news.example/b'), /asked every worker to wait/);
      assert.equal(inner, 1);
    } finally {
      await h.close();
    }
  });
});
