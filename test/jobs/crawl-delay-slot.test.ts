// A request waiting for its Crawl-delay turn lends its host slot back meanwhile: a feed of the same
// host (feeds ask no robots.txt, so keep no Crawl-delay) is checked during the wait, not starved
// behind turns that may be minutes apart. The wait is the test's own (it ends when the test says),
// so nothing is judged on wall-clock time. Real HTTP on 127.0.0.1, both store dialects.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { HostGate, politeFetcher } from '../../src/jobs/politeness.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const page = { headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><p>An article.</p></body></html>' };

/** A wait that lasts until the test ends it (or the request is aborted); the clock moves by its length. */
class HeldWait {
  now = 1_000_000;
  private ends: (() => void)[] = [];
  private started: (() => void)[] = [];
  readonly read = async (): Promise<number> => this.now;
  readonly wait = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      this.ends.push(() => {
        this.now += ms;
        resolve();
      });
      for (const s of this.started.splice(0)) s();
    });
  /** Resolves once some request is waiting for its turn. */
  waiting(): Promise<void> {
    return this.ends.length ? Promise.resolve() : new Promise((r) => this.started.push(r));
  }
  endAll(): void {
    for (const e of this.ends.splice(0)) e();
  }
}

/** A `stopping` for HostGate.acquire that gives up after `n` tries (it is asked before each). */
function stopAfter(n: number): () => boolean {
  let tries = 0;
  return () => ++tries > n;
}

forEachDialect((d) => {
  describe(`a Crawl-delay wait and the host's slot (${d.name})`, () => {
    let srv: FixtureServer;
    let store: Store;
    let fetcher: HttpFetcher;

    before(async () => {
      srv = await startFixtureServer({
        '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nCrawl-delay: 30\n' },
        '/a1': page,
        '/a2': page,
        '/a3': page,
        '/feed.xml': {
          headers: { 'content-type': 'application/rss+xml' },
          body: '<rss version="2.0"><channel><title>F</title></channel></rss>',
        },
      });
      store = await d.open();
    });

    after(async () => {
      await fetcher?.close();
      await srv.close();
    });

    test('is lent to a feed of the same host while the article waits, and taken back after', async () => {
      const clock = new HeldWait();
      // One slot per host: without the loan, the feed could not be checked until the turn came.
      const gate = new HostGate({ store, perHost: 1, log: silentLog, clock: clock.read, wait: clock.wait });
      const cfg = testConfig(join(mkdtempSync(join(tmpdir(), 'nd-slot-')), 'x.db'));
      fetcher = new HttpFetcher({ ...cfg, pacer: gate.pacer });
      const articles = politeFetcher(fetcher, gate);
      const host = new URL(srv.url).host;

      assert.equal((await articles.fetch(`${srv.url}/a1`, { robots: true })).status, 200);
      const second = articles.fetch(`${srv.url}/a2`, { robots: true });
      await clock.waiting();

      // The feed check takes the host's slot as the scheduler does; it gives up after a few tries.
      const feedSlot = await gate.acquire(host, stopAfter(8));
      // The article's wait ends either way, so that a failure here leaves nothing pending.
      clock.endAll();
      assert.ok(feedSlot, 'the feed got no slot while an article waited for its Crawl-delay turn');
      assert.equal((await fetcher.fetch(`${srv.url}/feed.xml`)).status, 200);
      await feedSlot.release();
      assert.equal((await second).status, 200);
      // The slot taken back was freed with the request: the host has its one slot free.
      const free = await gate.acquire(host, stopAfter(3));
      assert.ok(free, 'the article kept its slot after its request');
      await free.release();
    });

    test('an article aborted while it waits leaves no slot held', async () => {
      const clock = new HeldWait();
      const gate = new HostGate({ store, perHost: 1, log: silentLog, clock: clock.read, wait: clock.wait });
      const cfg = testConfig(join(mkdtempSync(join(tmpdir(), 'nd-slot-')), 'x.db'));
      const f = new HttpFetcher({ ...cfg, pacer: gate.pacer });
      const articles = politeFetcher(f, gate);
      const host = new URL(srv.url).host;
      const stop = new AbortController();
      const third = articles.fetch(`${srv.url}/a3`, { robots: true, signal: stop.signal });
      await clock.waiting();
      stop.abort();
      await assert.rejects(third);
      const free = await gate.acquire(host, stopAfter(3));
      assert.ok(free, 'the aborted article left its slot held');
      await free.release();
      await f.close();
    });
  });
});
