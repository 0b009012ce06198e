// Limits on what one check does, against a 127.0.0.1 fixture site: a feed of many items stores at
// most maxNewEntriesPerCheck new entries (newest first; the rest at the next checks), reads at
// most maxItemsPerDocument items, fetches at most maxArticleFetchesPerCheck article pages; a stop
// ends fetches and extractions in flight within its deadline; and a very large feed is parsed in
// a worker thread while the event loop stays responsive.
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { threadId } from 'node:worker_threads';
import { after, before, describe, it } from 'node:test';
import type { RefreshResult } from '../../src/pipeline/index.js';
import { createExtractStep } from '../../src/pipeline/steps/extract-full-text.js';
import { startFixtureServer, type FixtureServer, hangingFeedRoute } from '../helpers/fixture-server.js';
import { harness, type Harness } from '../ingest/harness.js';

const T0 = Date.UTC(2026, 10, 1);

/** An RSS feed of `n` items, item i published i minutes before the newest, linking to `link(i)`. */
function bigFeed(n: number, link: (i: number) => string): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    items.push(
      `<item><guid isPermaLink="false">g${i}</guid><title>Item ${i}</title><link>${link(i)}</link><pubDate>${new Date(T0 - i * 60_000).toUTCString()}</pubDate><description>Short teaser ${i}.</description></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title><link>https://many.example/</link>${items.join('')}</channel></rss>`;
}

const ARTICLE = (i: string): string =>
  `<!doctype html><html><head><title>Article ${i}</title></head><body><article><h1>Article ${i}</h1>${'<p>A paragraph of the article with enough words to be read as text by the extractor, sentence after sentence.</p>'.repeat(8)}</article></body></html>`;

describe('limits per check', () => {
  let srv: FixtureServer;
  let articleHits = 0;
  before(async () => {
    srv = await startFixtureServer(
      {},
      {
        // Article pages: /a/N.
        fallback: (req, res) => {
          if (!req.url?.startsWith('/a/')) return void res.writeHead(404).end();
          articleHits++;
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(ARTICLE(req.url));
        },
      },
    );
    srv.route('/many.xml', { headers: { 'content-type': 'application/rss+xml' }, body: bigFeed(1000, (i) => `${srv.url}/a/${i}`) });
  });
  after(async () => {
    await srv.close();
  });

  it('stores at most maxNewEntriesPerCheck new entries, newest first, the rest at the next checks; fetches at most maxArticleFetchesPerCheck articles', async () => {
    const h: Harness = await harness({ maxNewEntriesPerCheck: 100, maxArticleFetchesPerCheck: 10, maxItemsPerDocument: 5000 });
    const extract = createExtractStep(h.config);
    const h2 = await harness(
      { maxNewEntriesPerCheck: 100, maxArticleFetchesPerCheck: 10, maxItemsPerDocument: 5000 },
      { steps: [extract] },
    );
    await h.close();
    try {
      articleHits = 0;
      const { source } = await h2.store.sources.add({ url: `${srv.url}/many.xml`, extractMode: 'always' });
      const first = await h2.scheduler.pollOnce();
      assert.equal(first.inserted, 100);
      assert.equal(await h2.store.entries.count({ sourceId: source.id }), 100);
      assert.equal(articleHits, 10, 'article fetches are capped per check');
      const newest = await h2.store.entries.list({ sourceId: source.id, limit: 1 });
      assert.equal(newest.items[0]!.title, 'Item 0');
      const oldest = (await h2.store.entries.list({ sourceId: source.id, limit: 100 })).items.at(-1)!;
      assert.equal(oldest.title, 'Item 99', 'the newest hundred were taken first');
      const s = (await h2.store.sources.get(source.id))!;
      assert.equal(s.etag, null, 'no validators kept: the next check reads the rest');
      assert.ok(s.nextCheckAt <= (await h2.store.clock.now()) + h2.config.minIntervalSeconds * 1000, 'the next check comes soon');
      // The next checks take the rest, a hundred at a time, without duplicates.
      await h2.makeDue(source.id);
      const second = await h2.scheduler.pollOnce();
      assert.equal(second.inserted, 100);
      assert.equal(await h2.store.entries.count({ sourceId: source.id }), 200);
      assert.equal(articleHits, 20);
    } finally {
      await h2.close();
      await extract.close();
    }
  });

  it('reads at most maxItemsPerDocument items of a document', async () => {
    const h = await harness({ maxItemsPerDocument: 30, maxNewEntriesPerCheck: 1000 });
    try {
      const { source } = await h.store.sources.add({ url: `${srv.url}/many.xml` });
      await h.scheduler.pollOnce();
      await h.makeDue(source.id);
      await h.scheduler.pollOnce();
      assert.equal(await h.store.entries.count({ sourceId: source.id }), 30);
    } finally {
      await h.close();
    }
  });
});

describe('stop', () => {
  let srv: FixtureServer;
  const open: Array<{ destroy(): void }> = [];
  // The connections of those requests, to see that the stop dropped them.
  const sockets: Socket[] = [];
  before(async () => {
    // Articles (/slow/N) that never answer, and a feed whose body never ends.
    srv = await startFixtureServer(
      {},
      {
        fallback: (req, res) => {
          sockets.push(req.socket);
          open.push(res);
        },
      },
    );
    // The site's robots.txt answers (no rules): the articles are what hangs.
    srv.route('/robots.txt', { status: 404 });
    const hang = hangingFeedRoute(open);
    srv.route('/hang.xml', (req, res) => {
      sockets.push(req.socket);
      return hang(req, res);
    });
    srv.route('/teasers.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: bigFeed(20, (i) => `${srv.url}/slow/${i}`),
    });
  });
  after(async () => {
    for (const r of open) r.destroy();
    await srv.close();
  });

  // No wall-clock bound (t-timing): the request timeouts are ten times this test's timeout, so a stop
  // that waited for them, rather than aborting the requests, fails it; and the requests' connections
  // are seen dropped by this side.
  it('ends a hanging feed fetch and hanging article fetches within the deadline, recording nothing', { timeout: 60_000 }, async () => {
    // Timeouts far beyond the deadline: only the stop can end these requests.
    const overrides = { totalTimeoutMs: 600_000, connectTimeoutMs: 10_000, stopDeadlineMs: 300 };
    const base = await harness(overrides);
    const extract = createExtractStep(base.config);
    await base.close();
    const h = await harness(overrides, { steps: [extract] });
    try {
      const hang = (await h.store.sources.add({ url: `${srv.url}/hang.xml` })).source;
      const teasers = (await h.store.sources.add({ url: `${srv.url}/teasers.xml`, extractMode: 'always' })).source;
      h.scheduler.start();
      const deadline = Date.now() + 15_000;
      while (srv.hits('/hang.xml') === 0 || !srv.requests.some((r) => r.path.startsWith('/slow/'))) {
        if (Date.now() > deadline) throw new Error('the checks never started');
        await new Promise((r) => setTimeout(r, 50));
      }
      await h.scheduler.stop();
      // The stop aborted the requests in flight: every one's connection is closed by the fetcher
      // (the server never ends them). Polled only because the close reaches the server a tick later.
      while (sockets.some((k) => !k.destroyed)) await new Promise((r) => setTimeout(r, 10));
      assert.ok(sockets.length >= 2, `${sockets.length} requests in flight`);
      const s = (await h.store.sources.get(hang.id))!;
      assert.equal(s.lastCheckedAt, null, 'a stopped check is not recorded as a failure');
      assert.equal(s.errorCount, 0);
      assert.deepEqual(
        (await h.store.sources.claimDue(await h.store.clock.now(), 10, 'next-start', 1000)).map((x) => x.id),
        [hang.id],
        'its lease is released: due again at the next start',
      );
      assert.equal(await h.store.entries.count({ sourceId: teasers.id }), 20, 'entries stored before the stop stay');
    } finally {
      await h.close();
      await extract.close();
    }
  });
});

describe('a very large feed', () => {
  let srv: FixtureServer;
  before(async () => {
    srv = await startFixtureServer();
    srv.route('/huge.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: bigFeed(60_000, (i) => `https://huge.example/${i}`),
    });
  });
  after(async () => {
    await srv.close();
  });

  // How long the event loop is blocked is a figure of bench/parse-offthread.ts (t-timing): here, the
  // cause of a responsive loop is asserted (the parse ran on another thread, capped).
  it('is parsed in a worker thread, the item cap holds, and the event loop stays responsive', async () => {
    const h = await harness({ maxItemsPerDocument: 500, maxNewEntriesPerCheck: 500, maxBodyBytes: 64 * 1024 * 1024 });
    const results: RefreshResult[] = [];
    await h.close();
    const h2 = await harness(
      { maxItemsPerDocument: 500, maxNewEntriesPerCheck: 500, maxBodyBytes: 64 * 1024 * 1024 },
      { onChecked: (_s, r) => results.push(r) },
    );
    try {
      const { source } = await h2.store.sources.add({ url: `${srv.url}/huge.xml` });
      await h2.scheduler.pollOnce();
      assert.equal(results.length, 1);
      assert.equal(results[0]!.outcome.kind, 'fetched', JSON.stringify(results[0]!.outcome));
      assert.notEqual(results[0]!.parseThreadId, undefined);
      assert.notEqual(results[0]!.parseThreadId, threadId, 'parsed on the serving thread');
      assert.equal(await h2.store.entries.count({ sourceId: source.id }), 500);
    } finally {
      await h2.close();
    }
  });
});
