// The fetcher asks its pacer for a turn before each request that asks robots.txt (robots: true) to
// a site whose robots.txt has a Crawl-delay, with the delay bounded by crawlDelayCapSeconds; the
// wait does not use up the request's total timeout. Requests without robots (feeds, sitemaps),
// and sites without a Crawl-delay, take no turn. Real HTTP on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CrawlPacer, type FetcherConfig, HttpFetcher, RetryableFetchError } from '../../../src/ingest/fetch/index.js';
import { type FixtureServer, startFixtureServer } from '../../helpers/fixture-server.js';

const text = (body: string) => ({ headers: { 'content-type': 'text/plain' }, body });

describe('Crawl-delay turns in the fetcher', () => {
  let slow: FixtureServer;
  let hostile: FixtureServer;
  let none: FixtureServer;
  before(async () => {
    slow = await startFixtureServer({ '/robots.txt': text('User-agent: *\nCrawl-delay: 1.5\n'), '/a': text('a'), '/b': text('b') });
    hostile = await startFixtureServer({ '/robots.txt': text('User-agent: newsdesk\nCrawl-delay: 99999999\n'), '/a': text('a') });
    none = await startFixtureServer({ '/robots.txt': text('User-agent: *\nDisallow: /private/\n'), '/a': text('a') });
  });
  after(async () => {
    await Promise.all([slow.close(), hostile.close(), none.close()]);
  });

  /** A pacer that notes each turn asked and waits `waitMs` of real time before giving it. */
  function recording(waitMs = 0): CrawlPacer & { turns: { host: string; url: string; spacingMs: number }[] } {
    const turns: { host: string; url: string; spacingMs: number }[] = [];
    return {
      turns,
      turn: async ({ host, url, spacingMs, signal }) => {
        turns.push({ host, url, spacingMs });
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, waitMs);
          signal.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
        });
      },
    };
  }

  const config = (over: Partial<FetcherConfig>): FetcherConfig => ({
    userAgent: 'Newsdesk/0.1 (+test)',
    connectTimeoutMs: 2000,
    totalTimeoutMs: 5000,
    maxBodyBytes: 1 << 20,
    maxRedirects: 5,
    allowHosts: ['127.0.0.1'],
    allowFileUrls: false,
    ...over,
  });

  it('each crawler request takes a turn of the spacing asked; the wait is not counted against its timeout', async () => {
    // The turn is given after longer than the whole request may take: only a paused deadline lets it through.
    const pacer = recording(700);
    const f = new HttpFetcher(config({ totalTimeoutMs: 400, pacer }));
    try {
      for (const p of ['/a', '/b'])
        assert.equal(new TextDecoder().decode((await f.fetch(`${slow.url}${p}`, { robots: true })).body), p.slice(1));
      const host = new URL(slow.url).host;
      assert.deepEqual(pacer.turns, [
        { host, url: `${slow.url}/a`, spacingMs: 1500 },
        { host, url: `${slow.url}/b`, spacingMs: 1500 },
      ]);
      // A feed reader's request (no robots) takes no turn.
      await f.fetch(`${slow.url}/a`);
      assert.equal(pacer.turns.length, 2);
    } finally {
      await f.close();
    }
  });

  it('a Crawl-delay past the cap is kept as the cap; a cap of 0 keeps none; no Crawl-delay takes no turn', async () => {
    const capped = recording();
    const f1 = new HttpFetcher(config({ crawlDelayCapSeconds: 5, pacer: capped }));
    const off = recording();
    const f2 = new HttpFetcher(config({ crawlDelayCapSeconds: 0, pacer: off }));
    const plain = recording();
    const f3 = new HttpFetcher(config({ pacer: plain }));
    const dflt = recording();
    const f4 = new HttpFetcher(config({ pacer: dflt }));
    try {
      await f1.fetch(`${hostile.url}/a`, { robots: true });
      assert.deepEqual(
        capped.turns.map((t) => t.spacingMs),
        [5000],
      );
      await f2.fetch(`${hostile.url}/a`, { robots: true });
      assert.deepEqual(off.turns, []);
      await f3.fetch(`${none.url}/a`, { robots: true });
      assert.deepEqual(plain.turns, []);
      // The default cap: 60 s.
      await f4.fetch(`${hostile.url}/a`, { robots: true });
      assert.deepEqual(
        dflt.turns.map((t) => t.spacingMs),
        [60_000],
      );
    } finally {
      await Promise.all([f1.close(), f2.close(), f3.close(), f4.close()]);
    }
  });

  it('a request stopped while it waits for its turn is cancelled, not sent', async () => {
    const pacer = recording(60_000);
    const f = new HttpFetcher(config({ pacer }));
    const stop = new AbortController();
    try {
      const pending = f.fetch(`${slow.url}/b`, { robots: true, signal: stop.signal });
      let settled = false;
      pending.then(
        () => (settled = true),
        () => (settled = true),
      );
      while (pacer.turns.length === 0 && !settled) await new Promise((r) => setTimeout(r, 10));
      assert.equal(pacer.turns.length, 1, 'the request took no turn');
      slow.requests.length = 0;
      stop.abort();
      await assert.rejects(pending, (err: Error) => err instanceof RetryableFetchError && /Crawl-delay turn/.test(err.message));
      assert.equal(slow.hits('/b'), 0);
    } finally {
      await f.close();
    }
  });
});
