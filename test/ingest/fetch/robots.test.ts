// robots.txt (RFC 9309) for a crawler's requests: which group applies, which rule wins, and how the
// fetcher reads a site's file (once, cached; 5xx as "disallow everything for a while", 4xx and
// redirect loops as "no rules", only the first 500 KiB, compressed or not). Real HTTP on 127.0.0.1.
// Feeds are read without asking it, as feed readers do.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fetchFailureReason, HttpFetcher, RobotsRefusedError } from '../../../src/ingest/fetch/index.js';
import { parseRobots, productToken, ROBOTS_MAX_BYTES } from '../../../src/ingest/fetch/robots.js';
import { type FixtureServer, startFixtureServer } from '../../helpers/fixture-server.js';

const UA = 'Newsdesk/0.1 (+https://example.org/; feed reader)';
const allows = (robots: string, path: string): boolean => parseRobots(robots, productToken(UA)).allows(path);

describe('robots.txt rules', () => {
  it('our own group wins over *, matched case-insensitively by product token; several of ours are merged', () => {
    const txt = 'User-agent: *\nDisallow: /\n\nUser-agent: NewsDesk\nDisallow: /private/\n\nuser-agent: newsdesk\nDisallow: /drafts/\n';
    assert.equal(allows(txt, '/news/1'), true);
    assert.equal(allows(txt, '/private/1'), false);
    assert.equal(allows(txt, '/drafts/x'), false);
    // Another robot's group says nothing to us.
    assert.equal(allows('User-agent: Googlebot\nDisallow: /\n', '/news/'), true);
    // Two user-agent lines open one group.
    assert.equal(allows('User-agent: other\nUser-agent: newsdesk\nDisallow: /x\n', '/x/1'), false);
  });

  it('the product token is the name a site writes rules for, in a browser-like User-Agent too', () => {
    assert.equal(productToken('Newsdesk/0.1 (+https://example.org; feed reader)'), 'newsdesk');
    const browserLike = 'Mozilla/5.0 (compatible; ExampleDesk/2.0; +https://example.org/bot)';
    assert.equal(productToken(browserLike), 'exampledesk');
    const txt = 'User-agent: *\nDisallow:\n\nUser-agent: ExampleDesk\nDisallow: /archive/\n';
    assert.equal(parseRobots(txt, productToken(browserLike)).allows('/archive/2020'), false);
    // A browser's own header names no robot: the * group applies.
    assert.equal(productToken('Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0'), 'mozilla');
  });

  it('the longest match decides, Allow on a tie; * and $ as RFC 9309 says', () => {
    const txt = 'User-agent: *\nDisallow: /news/\nAllow: /news/public/\nDisallow: /a\nAllow: /a\nDisallow: /*.pdf$\nDisallow: /tmp*/x\n';
    assert.equal(allows(txt, '/news/1'), false);
    assert.equal(allows(txt, '/news/public/1'), true);
    assert.equal(allows(txt, '/a/b'), true, 'tie: Allow');
    assert.equal(allows(txt, '/files/a.pdf'), false);
    assert.equal(allows(txt, '/files/a.pdf?x=1'), true, '$ anchors the end');
    assert.equal(allows(txt, '/tmp-old/x'), false);
    assert.equal(allows(txt, '/tmp-old/y'), true);
    assert.equal(allows('User-agent: *\nDisallow:\n', '/anything'), true, 'an empty Disallow allows all');
    assert.equal(allows('User-agent: *\nDisallow: /\n', '/robots.txt'), true);
    assert.equal(allows('User-agent: *\nDisallow: /caf%c3%a9\n', '/caf%C3%A9/x'), false, 'escapes compared alike');
    assert.equal(allows('User-agent: *\nDisallow: /café\n', '/caf%C3%A9'), false, 'non-ASCII pattern encoded');
  });

  it('an HTML page is no rule; a pattern of many stars against a long path ends (a work bound, no backtracking blow-up)', () => {
    assert.equal(allows('<!doctype html><html><body><h1>Welcome</h1><p>Disallow nothing</p></body></html>', '/x'), true);
    const stars = `User-agent: *\nDisallow: /${'a*'.repeat(900)}b\n`;
    assert.equal(allows(stars, `/${'a'.repeat(4000)}`), true);
    assert.equal(allows(stars, `/${'a'.repeat(4000)}b`), false);
  });

  it('Crawl-delay is read from the group that applies', () => {
    assert.equal(parseRobots('User-agent: *\nCrawl-delay: 10\n\nUser-agent: newsdesk\nCrawl-delay: 3\n', 'newsdesk').crawlDelaySeconds, 3);
  });
});

describe('the fetcher asks robots.txt for a crawler’s requests', () => {
  let srv: FixtureServer;
  const fetchers: HttpFetcher[] = [];
  const fetcher = (): HttpFetcher => {
    const f = new HttpFetcher({
      userAgent: UA,
      connectTimeoutMs: 2000,
      totalTimeoutMs: 10_000,
      maxBodyBytes: 2 * 1024 * 1024,
      maxRedirects: 5,
      allowHosts: ['127.0.0.1'],
      allowFileUrls: false,
    });
    fetchers.push(f);
    return f;
  };
  const page = { headers: { 'content-type': 'text/html' }, body: '<html><body><p>hello</p></body></html>' };

  before(async () => {
    srv = await startFixtureServer(
      {},
      {
        // Every other path is a page.
        fallback: (_req, res) => {
          res.writeHead(200, page.headers).end(page.body);
        },
      },
    );
  });
  after(async () => {
    for (const f of fetchers) await f.close();
    await srv.close();
  });

  /** Serves `robots` (a function of nothing, so a test can count or change it) at /robots.txt. */
  const serveRobots = (robots: () => { status?: number; headers?: Record<string, string>; body?: string | Buffer }): void => {
    srv.route('/robots.txt', (_req, res) => {
      const r = robots();
      res.writeHead(r.status ?? 200, r.headers ?? { 'content-type': 'text/plain' }).end(r.body ?? '');
    });
  };
  const hits = (path: string): number => srv.requests.filter((r) => r.path === path).length;

  it('a disallowed page is refused unasked with a readable reason; the file is read once for many requests', async () => {
    serveRobots(() => ({ body: 'User-agent: *\nDisallow: /members/\n' }));
    srv.requests.length = 0;
    const f = fetcher();
    await assert.rejects(f.fetch(`${srv.url}/members/today`, { robots: true }), (err: unknown) => {
      assert.ok(err instanceof RobotsRefusedError);
      assert.match(err.message, /robots\.txt does not allow "newsdesk" to read \/members\/today/);
      assert.deepEqual(fetchFailureReason(err), { kind: 'robots' });
      return true;
    });
    assert.equal(hits('/members/today'), 0);
    for (const p of ['/news/1', '/news/2', '/news/3']) assert.equal((await f.fetch(`${srv.url}${p}`, { robots: true })).status, 200);
    assert.equal(hits('/robots.txt'), 1, 'cached for the site');
    // A feed is read without asking: no robots flag.
    assert.equal((await f.fetch(`${srv.url}/members/feed.xml`)).status, 200);
  });

  it('a redirect does not lead past it: each hop is asked before it is requested', async () => {
    serveRobots(() => ({ body: 'User-agent: *\nDisallow: /members/\n' }));
    srv.route('/go', { status: 302, headers: { location: '/members/secret' } });
    srv.requests.length = 0;
    await assert.rejects(fetcher().fetch(`${srv.url}/go`, { robots: true }), RobotsRefusedError);
    assert.equal(hits('/go'), 1);
    assert.equal(hits('/members/secret'), 0);
  });

  it('5xx and 429 mean "disallow everything" for a while (RFC 9309 2.3.1.4), remembered without asking again', async () => {
    for (const status of [503, 500, 429]) {
      serveRobots(() => ({ status, body: 'down' }));
      srv.requests.length = 0;
      const f = fetcher();
      for (const p of ['/news/1', '/news/2']) {
        await assert.rejects(f.fetch(`${srv.url}${p}`, { robots: true }), (err: unknown) => {
          assert.ok(err instanceof RobotsRefusedError, String(err));
          assert.match(err.message, /robots\.txt could not be read .*asked again in 15 minutes/);
          return true;
        });
      }
      assert.equal(hits('/news/1') + hits('/news/2'), 0, `${status}: no page asked`);
      assert.equal(hits('/robots.txt'), 1, `${status}: asked once`);
    }
  });

  it('a robots.txt that never answers is remembered as unreachable, not asked again by every request', async () => {
    const held: ServerResponse[] = [];
    srv.route('/robots.txt', (_req, res) => void held.push(res));
    srv.requests.length = 0;
    const f = new HttpFetcher({
      userAgent: UA,
      connectTimeoutMs: 2000,
      totalTimeoutMs: 600,
      maxBodyBytes: 1024 * 1024,
      maxRedirects: 5,
      allowHosts: ['127.0.0.1'],
      allowFileUrls: false,
    });
    fetchers.push(f);
    try {
      for (const p of ['/news/1', '/news/2', '/news/3']) {
        await assert.rejects(f.fetch(`${srv.url}${p}`, { robots: true }), (err: unknown) => {
          assert.ok(err instanceof RobotsRefusedError, String(err));
          assert.match(err.message, /robots\.txt could not be read \(no answer within .*asked again in 15 minutes/);
          return true;
        });
      }
      assert.equal(hits('/robots.txt'), 1, 'asked once, then remembered for 15 minutes');
      assert.equal(hits('/news/1') + hits('/news/2') + hits('/news/3'), 0);
    } finally {
      for (const r of held) r.destroy();
    }
  });

  it('4xx, an HTML page, a redirect loop: no rules, the page is read', async () => {
    const answers: Array<{ status?: number; headers?: Record<string, string>; body?: string }> = [
      { status: 404, body: 'no' },
      { status: 403, body: 'no' },
      { headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>Home</title><p>Disallow: everything? no, prose</p>' },
    ];
    for (const a of answers) {
      serveRobots(() => a);
      assert.equal((await fetcher().fetch(`${srv.url}/news/1`, { robots: true })).status, 200, JSON.stringify(a));
    }
    srv.route('/robots.txt', { status: 301, headers: { location: '/robots2.txt' } });
    srv.route('/robots2.txt', { status: 301, headers: { location: '/robots.txt' } });
    srv.requests.length = 0;
    assert.equal((await fetcher().fetch(`${srv.url}/news/1`, { robots: true })).status, 200);
    assert.equal(hits('/news/1'), 1);
  });

  it('a huge file: only its first 500 KiB count, plain or as a gzip bomb, and it is no failure', async () => {
    const head = 'User-agent: *\nDisallow: /early/\n';
    const filler = `# ${'x'.repeat(78)}\n`.repeat(Math.ceil((ROBOTS_MAX_BYTES + 100_000) / 81));
    const big = `${head}${filler}Disallow: /late/\n${filler}`;
    for (const gz of [false, true]) {
      serveRobots(() => (gz ? { headers: { 'content-encoding': 'gzip' }, body: gzipSync(big) } : { body: big }));
      const f = fetcher();
      await assert.rejects(f.fetch(`${srv.url}/early/1`, { robots: true }), RobotsRefusedError);
      assert.equal((await f.fetch(`${srv.url}/late/1`, { robots: true })).status, 200, `gzip ${gz}: past 500 KiB is ignored`);
    }
    // 60 MB of comment lines in 60 kB of gzip: read to 500 KiB, not to the body cap.
    serveRobots(() => ({ headers: { 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(60 * 1024 * 1024, '#')) }));
    assert.equal((await fetcher().fetch(`${srv.url}/news/1`, { robots: true })).status, 200);
  });
});
