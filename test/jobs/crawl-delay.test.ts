// A site's robots.txt Crawl-delay spaces the starts of a crawler's requests to it (a listing page,
// its next pages, articles read in full), for every worker on the store: each request takes its
// turn from the host's row in host_state and waits for it. The clock is the test's own: the gate
// reads it and its wait moves it, and the server notes that clock's time at each request, so the
// spacing is judged on the clock the turns were given by, never on wall-clock time. Real HTTP on
// 127.0.0.1, both store dialects.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HostGate, politeFetcher } from '../../src/jobs/politeness.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createExtractStep } from '../../src/pipeline/steps/extract-full-text.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { type FixtureServer, rssFeed, startFixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { silentLog, testConfig } from '../ingest/harness.js';

const LISTING = readFixture('listing', 'blog-articles.html');
const ARTICLE = readFixture('listing', 'article-page.html');
const html = { 'content-type': 'text/html; charset=utf-8' };

/** The test's clock: read by the gate and the scheduler, moved only by a turn's wait. */
class TestClock {
  constructor(public now: number) {}
  readonly read = async (): Promise<number> => this.now;
  waits: number[] = [];
  readonly wait = async (ms: number): Promise<void> => {
    this.waits.push(ms);
    this.now += ms;
  };
}

forEachDialect((d) => {
  describe(`Crawl-delay in scheduled checks (${d.name})`, () => {
    let srv: FixtureServer;
    let robots = '';
    let clock = new TestClock(0);
    /** Each page request with the test clock's time when it arrived. */
    const seen: { path: string; at: number }[] = [];
    before(async () => {
      srv = await startFixtureServer(
        {
          '/robots.txt': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(robots),
          '/feed.xml': (_req, res) => {
            seen.push({ path: '/feed.xml', at: clock.now });
            res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Feed', [{ title: 'One', link: `${srv.url}/one` }]));
          },
        },
        {
          fallback: (req, res) => {
            const path = (req.url ?? '/').split('?')[0]!;
            seen.push({ path, at: clock.now });
            if (path === '/blog/' || path === '/news/' || path === '/page/2/') return void res.writeHead(200, html).end(LISTING);
            if (path.startsWith('/2024/') && path.split('/').length > 5) return void res.writeHead(200, html).end(ARTICLE);
            res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          },
        },
      );
    });
    after(async () => {
      await srv.close();
    });

    /** One poll of each store, at once, by schedulers built as the background builds them (one HostGate each). */
    async function poll(stores: Store[], perHost = 1): Promise<void> {
      const config = testConfig(join(mkdtempSync(join(tmpdir(), 'newsdesk-crawl-delay-')), 'unused.db'), {
        maxArticleFetchesPerCheck: 20,
        perHostConcurrency: perHost,
      });
      const parts = stores.map((store) => {
        const gate = new HostGate({ store, perHost, log: silentLog, clock: clock.read, wait: clock.wait });
        const extract = createExtractStep(config, { politeness: (f) => politeFetcher(f, gate), pacer: gate.pacer });
        return { extract, scheduler: new Scheduler({ store, config, log: silentLog, steps: [extract], gate, clock: clock.read }) };
      });
      try {
        await Promise.all(parts.map((p) => p.scheduler.pollOnce()));
      } finally {
        for (const p of parts) {
          await p.scheduler.close();
          await p.extract.close();
        }
      }
    }

    /** The gaps between the starts of the page requests seen, in order. */
    const gaps = (): number[] => seen.slice(1).map((s, i) => s.at - seen[i]!.at);

    async function fresh(): Promise<Store> {
      const store = await d.open();
      clock = new TestClock(await store.clock.now());
      seen.length = 0;
      return store;
    }

    test('a listing, its next page and its articles start Crawl-delay apart', { timeout: 60_000 }, async () => {
      robots = 'User-agent: *\nCrawl-delay: 7\nAllow: /\n';
      const store = await fresh();
      await store.sources.add({ url: `${srv.url}/blog/`, kind: 'page', extractMode: 'always' }, clock.now);
      await poll([store]);
      const paths = seen.map((s) => s.path);
      assert.ok(paths.includes('/blog/') && paths.includes('/page/2/'), paths.join(' '));
      assert.equal(paths.filter((p) => p.startsWith('/2024/')).length, 3, paths.join(' '));
      for (const g of gaps()) assert.ok(g >= 7000, `requests started ${g} ms apart: ${JSON.stringify(seen)}`);
    });

    test('the spacing is kept between two workers on the store, not only within one', { timeout: 60_000 }, async () => {
      robots = 'User-agent: *\nCrawl-delay: 5\n';
      const store = await fresh();
      // Two workers: on PostgreSQL two stores on one database (two processes); SQLite is one process.
      const other = d.name === 'postgres' ? await d.reopen(store) : store;
      // One worker reads a listing (and its next page); then the other reads another listing of the
      // site: its first request waits for the turn after the first worker's last, which only the
      // store knows (each worker has its own gate, fetchers and in-process state).
      await store.sources.add({ url: `${srv.url}/blog/`, kind: 'page', extractMode: 'off' }, clock.now);
      await poll([store]);
      await other.sources.add({ url: `${srv.url}/news/`, kind: 'page', extractMode: 'off' }, clock.now);
      await poll([other]);
      assert.deepEqual(
        seen.map((s) => s.path),
        ['/blog/', '/page/2/', '/news/', '/page/2/'],
      );
      for (const g of gaps()) assert.ok(g >= 5000, `requests started ${g} ms apart: ${JSON.stringify(seen)}`);
    });

    test('a hostile Crawl-delay is kept only up to the cap', { timeout: 60_000 }, async () => {
      robots = 'User-agent: newsdesk\nCrawl-delay: 99999999\n';
      const store = await fresh();
      await store.sources.add({ url: `${srv.url}/blog/`, kind: 'page', extractMode: 'off' }, clock.now);
      await poll([store]);
      assert.deepEqual(
        seen.map((s) => s.path),
        ['/blog/', '/page/2/'],
      );
      // The default cap, 60 s: the second page waited for it, not for 99999999 s.
      assert.deepEqual(gaps(), [60_000]);
    });

    test('no Crawl-delay, or a feed: no turn is taken, nothing waits', { timeout: 60_000 }, async () => {
      robots = 'User-agent: *\nAllow: /\n';
      const store = await fresh();
      await store.sources.add({ url: `${srv.url}/blog/`, kind: 'page', extractMode: 'always' }, clock.now);
      await poll([store], 2);
      assert.equal(seen.length, 5, JSON.stringify(seen));
      assert.deepEqual(clock.waits, []);
      // A feed reader does not ask robots.txt, so it keeps no Crawl-delay either.
      robots = 'User-agent: *\nCrawl-delay: 30\n';
      const store2 = await fresh();
      await store2.sources.add({ url: `${srv.url}/feed.xml`, kind: 'feed', extractMode: 'off' }, clock.now);
      await poll([store2]);
      assert.deepEqual(
        seen.map((s) => s.path),
        ['/feed.xml'],
      );
      assert.deepEqual(clock.waits, []);
    });

    test('a turn further off than a request waits is not taken', async () => {
      const store = await fresh();
      const t = clock.now;
      assert.deepEqual(await store.hosts.takeTurn('a.example', 10_000, t, 15_000), { start: t, taken: true });
      assert.deepEqual(await store.hosts.takeTurn('a.example', 10_000, t, 15_000), { start: t + 10_000, taken: true });
      assert.deepEqual(await store.hosts.takeTurn('a.example', 10_000, t, 15_000), { start: t + 20_000, taken: false });
      // Another host has its own turns; a hold is untouched by turns and turns by a hold.
      assert.deepEqual(await store.hosts.takeTurn('b.example', 10_000, t, 15_000), { start: t, taken: true });
      // Turns taken at once from two connections (two workers on PostgreSQL) are all different, one spacing apart.
      const other = d.name === 'postgres' ? await d.reopen(store) : store;
      const starts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).hosts.takeTurn('c.example', 1000, t, 60_000)),
      );
      assert.deepEqual(
        starts.map((x) => x.start - t).sort((a, b) => a - b),
        [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000],
      );
      assert.equal(await store.hosts.heldUntil('a.example', t), undefined);
      await store.hosts.hold('a.example', t + 1000, 'Retry-After', t);
      assert.equal(await store.hosts.heldUntil('a.example', t), t + 1000);
      assert.deepEqual(await store.hosts.takeTurn('a.example', 10_000, t + 20_000, 15_000), { start: t + 20_000, taken: true });
      // The gate's clock stands still here (its wait does not move it): b.example's turns are 10 s and 20 s away.
      const gate = new HostGate({ store, perHost: 1, log: silentLog, clock: clock.read, wait: async () => {}, maxTurnWaitMs: 15_000 });
      await assert.rejects(
        gate.pacer
          .turn({ host: 'b.example', url: 'http://b.example/x', spacingMs: 10_000, signal: new AbortController().signal })
          .then(() =>
            gate.pacer.turn({ host: 'b.example', url: 'http://b.example/y', spacingMs: 10_000, signal: new AbortController().signal }),
          ),
        (err: Error) => {
          assert.equal(err.name, 'RetryableFetchError');
          assert.match(err.message, /b\.example asks for 10 s between requests \(Crawl-delay in its robots\.txt\).*will retry later/);
          return true;
        },
      );
    });
  });
});
