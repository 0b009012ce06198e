// Discovery reads every candidate through the CandidateParser it is given
// (src/ingest/discover/candidates.ts). Sites on 127.0.0.1: the same choices and the same `tried`
// lines whether candidates are read on this thread or in a ParsePool; a candidate the parser gives
// up on (its time or memory limit) is named with its reason in the failure, whichever step read
// it; and the chain's deadline stops a parse in progress in the pool, which an inline parse of
// the same document cannot be. The 120 s `timeout`s are hang guards, not speed bounds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { threadId } from 'node:worker_threads';
import {
  chooseSource,
  discoverFeeds,
  inlineCandidates,
  isChoice,
  readCandidate,
  type CandidateJob,
  type CandidateParser,
} from '../../src/ingest/discover/index.js';
import { HttpFetcher, type FetchResult } from '../../src/ingest/fetch/index.js';
import { ParseLimitError } from '../../src/ingest/parse/index.js';
import { ParsePool } from '../../src/pipeline/parse-pool.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { hugeFeed } from '../helpers/huge-feed.js';

/**
 * `v` with every response's `date` header left out: two fetches of one page a moment apart can
 * straddle a second, and the readers' results carry the fetched document's headers.
 */
function undated<T>(v: T): T {
  const walk = (x: unknown, key?: string): unknown => {
    if (Array.isArray(x)) return x.map((y) => walk(y));
    if (x === null || typeof x !== 'object' || ArrayBuffer.isView(x)) return x;
    const out: Record<string, unknown> = {};
    for (const [k, y] of Object.entries(x)) if (!(key === 'headers' && k.toLowerCase() === 'date')) out[k] = walk(y, k);
    return out;
  };
  return walk(v) as T;
}

const GUARD = { timeout: 120_000 };
const fixture = (name: string): string => readFixture('readmore', name);
const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });
const rss = (body: string) => ({ headers: { 'content-type': 'application/rss+xml' }, body });
const xml = (body: string) => ({ headers: { 'content-type': 'application/xml' }, body });

function fetcherFor(maxBodyBytes = 1 << 20): HttpFetcher {
  return new HttpFetcher({
    userAgent: 'test',
    connectTimeoutMs: 2000,
    totalTimeoutMs: 60_000,
    maxBodyBytes,
    maxRedirects: 5,
    allowHosts: ['127.0.0.1'],
    allowFileUrls: false,
  });
}

describe('discovery through an injected candidate parser', () => {
  const sites: Record<string, FixtureServer> = {};
  let pool: ParsePool;
  let fetcher: HttpFetcher;
  before(async () => {
    pool = new ParsePool({ size: 1 });
    fetcher = fetcherFor();
    sites.feed = await startFixtureServer({
      '/rss.xml': rss(rssFeed('Direct News', [{ guid: 'd1', title: 'One', link: 'https://d.example/1' }])),
    });
    sites.discovered = await startFixtureServer({
      '/': html(
        fixture('listing.html').replace(
          '</head>',
          '<link rel="alternate" type="application/rss+xml" title="Gazette news" href="/news.rss"><link rel="alternate" type="application/rss+xml" href="/broken.rss"></head>',
        ),
      ),
      '/news.rss': rss(rssFeed('Gazette news', [{ guid: 'g1', title: 'One', link: 'https://g.example/1' }])),
      '/broken.rss': rss('this is no feed at all'),
    });
    sites.sitemap = await startFixtureServer({ '/': html(fixture('listing.html')) });
    sites.sitemap.route('/robots.txt', {
      headers: { 'content-type': 'text/plain' },
      body: `Sitemap: ${sites.sitemap.url}/sitemaps/news.xml\n`,
    });
    sites.sitemap.route('/sitemaps/news.xml', xml(fixture('news-sitemap.xml').replaceAll('{ORIGIN}', sites.sitemap.url)));
    sites.page = await startFixtureServer({ '/latest': html(fixture('listing.html')) });
    sites.thin = await startFixtureServer({ '/': html(fixture('thin.html')) });
    sites.plain = await startFixtureServer({
      '/': html(fixture('thin.html')),
      '/sitemap.xml': xml(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://p.example/a</loc></url></urlset>',
      ),
    });
  });
  after(async () => {
    await pool.close();
    await fetcher.close();
    for (const s of Object.values(sites)) await s.close();
  });

  it('chooses the same source, for the same reasons, inline and in the pool', GUARD, async () => {
    const cases: Array<[string, Parameters<typeof chooseSource>[2]]> = [
      [`${sites.feed!.url}/rss.xml`, {}],
      [`${sites.discovered!.url}/`, {}],
      [`${sites.discovered!.url}/`, { all: true }],
      [`${sites.sitemap!.url}/`, {}],
      [`${sites.sitemap!.url}/sitemaps/news.xml`, {}],
      [`${sites.page!.url}/latest`, {}],
      [`${sites.page!.url}/latest`, { kind: 'page' }],
      [`${sites.page!.url}/latest`, { selectors: { item: 'article', title: 'h2 a' } }],
      [`${sites.thin!.url}/`, {}],
      [`${sites.plain!.url}/`, {}],
    ];
    const threads: number[] = [];
    const pooled: CandidateParser = {
      read: async (job, signal) => {
        threads.push(threadId);
        return pool.read(job, signal);
      },
    };
    for (const [url, opts] of cases) {
      const inline = await chooseSource(fetcher, url, { ...opts, parser: inlineCandidates });
      const inPool = await chooseSource(fetcher, url, { ...opts, parser: pooled });
      assert.deepEqual(undated(inPool), undated(inline), url);
      const byDefault = await chooseSource(fetcher, url, opts);
      assert.deepEqual(undated(byDefault), undated(inline), `${url}: the default is the inline reader`);
    }
    assert.ok(threads.length > cases.length, 'the pool was not asked');
    const feeds = await discoverFeeds(fetcher, `${sites.discovered!.url}/`, { parser: pool });
    assert.deepEqual(undated(feeds), undated(await discoverFeeds(fetcher, `${sites.discovered!.url}/`)));
    assert.deepEqual(
      feeds.feeds.map((f) => [f.title, f.via, f.entries]),
      [['Gazette news', 'link', 1]],
    );
  });

  it('names a candidate the parser gave up on, at every step that reads one', GUARD, async () => {
    // A parser whose limits refuse every document of one address (as a pool's would a hostile one).
    const refusing = (bad: (job: CandidateJob) => boolean): CandidateParser => ({
      read: async (job) => {
        if (bad(job)) throw new ParseLimitError(`parsing ${job.op} took longer than 5 ms; document abandoned`);
        return readCandidate(job);
      },
    });
    // The advertised feed: the page's other findings still stand (the listing is chosen), and a
    // failure lists it.
    const viaLink = await chooseSource(fetcher, `${sites.discovered!.url}/`, {
      kind: 'feed',
      parser: refusing((j) => j.doc.url.endsWith('/news.rss')),
    });
    assert.ok(!isChoice(viaLink));
    assert.deepEqual(viaLink.tried.slice(1), [
      `feed: ${sites.discovered!.url}/news.rss abandoned: parsing feed took longer than 5 ms; document abandoned`,
    ]);
    const found = await discoverFeeds(fetcher, `${sites.discovered!.url}/`, { parser: refusing((j) => j.doc.url.endsWith('/news.rss')) });
    assert.deepEqual(
      found.tried.filter((t) => t.abandoned),
      [
        {
          url: `${sites.discovered!.url}/news.rss`,
          problem: 'parsing feed took longer than 5 ms; document abandoned',
          failure: 'tooLarge',
          abandoned: true,
        },
      ],
    );
    assert.ok(
      found.tried.some((t) => t.url.endsWith('/broken.rss') && !t.abandoned),
      'a document that is simply no feed is not abandoned',
    );

    // The sitemap a robots.txt names.
    const sitemap = await chooseSource(fetcher, `${sites.sitemap!.url}/`, {
      kind: 'sitemap',
      parser: refusing((j) => j.op === 'sitemap' && j.doc.url.endsWith('/news.xml')),
    });
    assert.ok(!isChoice(sitemap));
    assert.ok(
      sitemap.tried.includes(
        `sitemap: ${sites.sitemap!.url}/sitemaps/news.xml abandoned: parsing sitemap took longer than 5 ms; document abandoned`,
      ),
      sitemap.tried.join('\n'),
    );

    // The listing page, read last.
    const page = await chooseSource(fetcher, `${sites.page!.url}/latest`, { kind: 'page', parser: refusing((j) => j.op === 'listing') });
    assert.ok(!isChoice(page));
    assert.deepEqual(page.tried, [`page: ${sites.page!.url}/latest abandoned: parsing listing took longer than 5 ms; document abandoned`]);

    // Any other failure of the reader is the page's reason too, not a crash of the chain.
    const broken = await chooseSource(fetcher, `${sites.page!.url}/latest`, {
      kind: 'page',
      parser: {
        read: async () => {
          throw new Error('the reader broke');
        },
      },
    });
    assert.ok(!isChoice(broken));
    assert.deepEqual(broken.tried, [`page: ${sites.page!.url}/latest could not be read: the reader broke`]);
  });

  it('a huge candidate past the pool’s time limit is named; the chain goes on', GUARD, async () => {
    const srv = await startFixtureServer({
      '/': html(
        '<!doctype html><html><head><title>Huge</title><link rel="alternate" type="application/rss+xml" href="/huge.xml"></head><body><p>Hi</p></body></html>',
      ),
      '/huge.xml': { headers: { 'content-type': 'application/rss+xml' }, body: hugeFeed(120_000) },
      '/feed': rss(rssFeed('Small', [{ guid: 's1', title: 'One', link: 'https://s.example/1' }])),
    });
    // Half the parse's own time (about 2.2 s for these 120,000 items on a quiet machine of this
    // project's CI, 2026-12-05; 2 s here was at the edge), and time enough for the small feed after.
    const limited = new ParsePool({ size: 1, hardLimitMs: 1000 });
    const big = fetcherFor(64 << 20);
    try {
      const r = await chooseSource(big, `${srv.url}/`, { parser: limited });
      // The common path /feed is tried after the abandoned link, and chosen.
      assert.ok(isChoice(r), JSON.stringify(r));
      assert.equal(r.sources[0]!.url, `${srv.url}/feed`);
      const found = await discoverFeeds(big, `${srv.url}/`, { parser: limited });
      assert.deepEqual(
        found.tried.filter((t) => t.abandoned).map((t) => [t.url, t.problem]),
        [[`${srv.url}/huge.xml`, 'parsing the feed took longer than 1000 ms; document abandoned']],
      );
    } finally {
      await limited.close();
      await big.close();
      await srv.close();
    }
  });

  it('the deadline stops a parse in progress in the pool', GUARD, async () => {
    // The document is at hand at once, so the deadline is spent parsing, not fetching 24 MB from a busy test server.
    const body = hugeFeed(120_000);
    class Canned extends HttpFetcher {
      override async fetch(url: string): Promise<FetchResult> {
        return {
          status: 200,
          url,
          headers: { 'content-type': 'application/rss+xml' },
          body,
          wireBytes: body.length,
          notModified: false,
          redirects: [],
        };
      }
    }
    const big = new Canned({
      userAgent: 'test',
      connectTimeoutMs: 2000,
      totalTimeoutMs: 60_000,
      maxBodyBytes: 64 << 20,
      maxRedirects: 5,
      allowHosts: [],
      allowFileUrls: false,
    });
    // No time limit of its own to speak of: only the chain's deadline can end the parse early.
    const slowPool = new ParsePool({ size: 1, hardLimitMs: 600_000 });
    try {
      // Started once, so the deadline below is not spent starting the worker.
      await assert.rejects(slowPool.read({ op: 'feed', doc: { bytes: Buffer.from('<html></html>'), url: 'https://x.example/' } }));
      let settled = '';
      const watching: CandidateParser = {
        read: (job, signal) => {
          const p = slowPool.read(job, signal);
          p.then(
            () => {
              settled = 'parsed';
            },
            (err: Error) => {
              settled = err.message;
            },
          );
          return p;
        },
      };
      // The deadline is far under the parse's own time (about 2.2 s for these 120,000 items on a quiet
      // machine of this project's CI, 2026-12-05; 3 s here let a quiet machine finish the parse first).
      const r = await chooseSource(big, 'https://huge.example/huge.xml', { deadlineMs: 600, parser: watching });
      assert.ok(!isChoice(r), 'the huge feed was parsed to the end despite the deadline');
      assert.equal(r.stopped?.key, 'deadline');
      assert.equal(settled, 'reading the feed stopped: discovery ended (its deadline, or shutting down)');
      assert.match(r.tried[0]!, /huge\.xml is no feed \(reading the feed stopped: discovery ended/);
    } finally {
      await slowPool.close();
      await big.close();
    }
  });
});
