// One deadline over a whole discovery (src/ingest/discover/choose-source.ts): a page on 127.0.0.1
// advertising 20 feed links that each send a byte a second and never finish. Each fetch alone
// would run to its own 30 s timeout, 20 of them one after another; the chain stops at its
// deadline instead, keeping what it found and saying why it stopped. The 60 s `timeout` is a
// hang guard, not a speed bound: without the deadline the chain runs for about ten minutes.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { chooseSource, discoverFeeds, isChoice } from '../../src/ingest/discover/index.js';
import { HttpFetcher, RetryableFetchError } from '../../src/ingest/fetch/index.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const LINKS = 20;
const GUARD = { timeout: 60_000 };

/** A feed response that sends one byte a second until the client goes away. */
function drip(_req: unknown, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  res.write('<');
  const timer = setInterval(() => res.write(' '), 1000);
  res.on('close', () => clearInterval(timer));
}

function page(links: string[]): string {
  return `<!doctype html><html><head><title>Slow site</title>${links
    .map((href) => `<link rel="alternate" type="application/rss+xml" href="${href}">`)
    .join('')}</head><body><p>Hello</p></body></html>`;
}

describe('a deadline over the whole discovery', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  const slow = Array.from({ length: LINKS }, (_, i) => `/slow/${i}.xml`);
  before(async () => {
    srv = await startFixtureServer();
    for (const p of slow) srv.route(p, drip);
    srv.route('/many-links', { headers: { 'content-type': 'text/html' }, body: page(slow) });
    srv.route('/good.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed('Good feed', [{ guid: '1', title: 'One', link: 'https://site.example/1' }]),
    });
    srv.route('/one-good', { headers: { 'content-type': 'text/html' }, body: page(['/good.xml', ...slow]) });
    // The default per-fetch timeout: only the chain's deadline can end this in time.
    fetcher = new HttpFetcher({
      userAgent: 'test',
      connectTimeoutMs: 2000,
      totalTimeoutMs: 30_000,
      maxBodyBytes: 1 << 20,
      maxRedirects: 5,
      allowHosts: ['127.0.0.1'],
      allowFileUrls: false,
    });
  });
  after(async () => {
    await fetcher.close();
    await srv.close();
  });

  const slowHits = (): number => slow.reduce((n, p) => n + srv.hits(p), 0);

  it('stops at the deadline with what was tried and the reason as a key with its parameters', GUARD, async () => {
    const before = slowHits();
    const r = await chooseSource(fetcher, `${srv.url}/many-links`, { deadlineMs: 2000 });
    assert.ok(!isChoice(r), 'a source was chosen from links that never finish');
    assert.deepEqual(r.stopped, { key: 'deadline', seconds: 2 });
    assert.match(r.tried[0] ?? '', /^feed: .*many-links is a web page, not a feed/);
    assert.match(r.tried.at(-1) ?? '', /^deadline: stopped after 2 s/);
    assert.match(r.advice, /discovery stopped after 2 s \(discoveryTimeoutMs, NEWSDESK_DISCOVERY_TIMEOUT_MS\)/);
    // No further link is asked for once the deadline has passed.
    assert.ok(slowHits() - before < LINKS, `all ${LINKS} slow links were fetched`);
    for (const line of r.tried) assert.doesNotMatch(line, /\n\s+at /, 'a stack trace in what was tried');
  });

  it('keeps the feed found before the deadline', GUARD, async () => {
    const r = await chooseSource(fetcher, `${srv.url}/one-good`, { deadlineMs: 2000 });
    assert.ok(isChoice(r), `nothing chosen: ${JSON.stringify(r)}`);
    assert.equal(r.kind, 'feed');
    assert.deepEqual(
      r.sources.map((s) => s.url),
      [`${srv.url}/good.xml`],
    );
  });

  it('discoverFeeds stops at the caller’s signal and says so', GUARD, async () => {
    const r = await discoverFeeds(fetcher, `${srv.url}/many-links`, { signal: AbortSignal.timeout(1500) });
    assert.equal(r.stopped, true);
    assert.equal(r.page, true);
    assert.deepEqual(r.feeds, []);
    assert.ok(r.tried.length < LINKS + 1, 'every link was tried');
  });

  it('a fetch under a passed deadline is refused as cancelled, a FetchError, with no request sent', GUARD, async () => {
    // The signal's reason is a DOMException whose `code` is a number (23), not a system code.
    const deadline = AbortSignal.timeout(1);
    await new Promise((r) => setTimeout(r, 20));
    const before = srv.hits('/good.xml');
    await assert.rejects(fetcher.fetch(`${srv.url}/good.xml`, { signal: deadline }), (err: unknown) => {
      assert.ok(err instanceof RetryableFetchError, `not a FetchError: ${String(err)}`);
      assert.match(err.message, /^fetch of http:\/\/127\.0\.0\.1:\d+\/good\.xml was cancelled$/);
      return true;
    });
    assert.equal(srv.hits('/good.xml'), before);
  });

  it('the links cut by the deadline say they were cancelled', GUARD, async () => {
    const r = await discoverFeeds(fetcher, `${srv.url}/many-links`, { signal: AbortSignal.timeout(1500) });
    const cut = r.tried.slice(1);
    assert.ok(cut.length >= 1);
    for (const t of cut) assert.match(t.problem, /was cancelled$/);
  });
});
