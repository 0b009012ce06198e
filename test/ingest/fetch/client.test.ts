// The guarded client against real servers on 127.0.0.1 and ::1 (the only addresses tests reach).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import {
  BlockedFetchError,
  GoneFetchError,
  HttpFetcher,
  PermanentFetchError,
  RetryableFetchError,
  TooLargeFetchError,
  type FetcherConfig,
  type Resolver,
} from '../../../src/ingest/fetch/index.js';
import { feedRoute, startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { cpuMsOf } from '../../helpers/cpu-time.js';

function config(o: Partial<FetcherConfig> = {}): FetcherConfig {
  return {
    userAgent: 'NewsdeskTest/1.0 (+https://example.invalid/)',
    connectTimeoutMs: 2000,
    totalTimeoutMs: 5000,
    maxBodyBytes: 15 * 1024 * 1024,
    maxRedirects: 10,
    allowHosts: ['127.0.0.1'],
    allowFileUrls: false,
    ...o,
  };
}

async function withFetcher<T>(cfg: FetcherConfig, fn: (f: HttpFetcher) => Promise<T>): Promise<T> {
  const f = new HttpFetcher(cfg);
  try {
    return await fn(f);
  } finally {
    await f.close();
  }
}

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

describe('address guard on real connections', () => {
  let srv: FixtureServer;
  before(async () => {
    srv = await startFixtureServer({ '/feed': { headers: { 'content-type': 'application/rss+xml' }, body: RSS } });
  });
  after(() => srv.close());

  it('refuses a loopback fetch by default, without sending a request', async () => {
    const before = srv.requests.length;
    await withFetcher(config({ allowHosts: [] }), async (f) => {
      await assert.rejects(f.fetch(`${srv.url}/feed`), (err: unknown) => {
        assert.ok(err instanceof BlockedFetchError);
        assert.match(err.message, /127\.0\.0\.1 is loopback/);
        assert.match(err.message, /allowHosts/);
        return true;
      });
    });
    assert.equal(srv.requests.length, before);
  });

  it('sends user:password@ of the address as HTTP Basic credentials, not in the request line', async () => {
    await withFetcher(config(), async (f) => {
      const r = await f.fetch(`${srv.url.replace('http://', 'http://reader:p%40ss@')}/feed`);
      assert.equal(r.status, 200);
      const seen = srv.requests.at(-1)!;
      assert.equal(seen.path, '/feed');
      assert.equal(seen.headers.authorization, `Basic ${Buffer.from('reader:p@ss').toString('base64')}`);
    });
  });

  it('fetches from loopback once 127.0.0.1 is allowlisted', async () => {
    await withFetcher(config(), async (f) => {
      const r = await f.fetch(`${srv.url}/feed`);
      assert.equal(r.status, 200);
      assert.equal(Buffer.from(r.body).toString(), RSS);
      assert.equal(r.headers['content-type'], 'application/rss+xml');
    });
  });

  it('refuses the odd spellings of loopback (0x7f000001, 127.1, 2130706433)', async () => {
    const before = srv.requests.length;
    await withFetcher(config({ allowHosts: [] }), async (f) => {
      for (const host of ['0x7f000001', '127.1', '2130706433', '0177.0.0.1']) {
        await assert.rejects(f.fetch(`http://${host}:${srv.port}/feed`), BlockedFetchError, host);
      }
    });
    assert.equal(srv.requests.length, before);
  });

  it('judges a host name by the address it resolves to at connect time (stub resolver → 127.0.0.1)', async () => {
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const url = `http://feeds.rebind.test:${srv.port}/feed`;
    const before = srv.requests.length;
    await withFetcher(config({ allowHosts: [], resolve }), async (f) => {
      await assert.rejects(f.fetch(url), /rebind\.test.*127\.0\.0\.1 is loopback/);
    });
    assert.equal(srv.requests.length, before, 'no request may reach the server');
    await withFetcher(config({ resolve }), async (f) => {
      const r = await f.fetch(url);
      assert.equal(r.status, 200);
    });
    assert.equal(srv.requests.at(-1)?.headers.host, `feeds.rebind.test:${srv.port}`);
  });

  it('checks every redirect hop: an allowlisted name cannot redirect to a refused address', async () => {
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    srv.route('/hop', { status: 302, headers: { location: `http://127.0.0.1:${srv.port}/secret` } });
    srv.route('/secret', { body: 'secret' });
    await withFetcher(config({ allowHosts: ['public.test'], resolve }), async (f) => {
      await assert.rejects(f.fetch(`http://public.test:${srv.port}/hop`), BlockedFetchError);
    });
    assert.equal(srv.hits('/hop'), 1);
    assert.equal(srv.hits('/secret'), 0);
  });

  it('refuses schemes other than http/https, also on a redirect', async () => {
    srv.route('/to-file', { status: 301, headers: { location: 'file:///etc/passwd' } });
    await withFetcher(config(), async (f) => {
      await assert.rejects(f.fetch('ftp://example.com/feed'), /only http and https/);
      await assert.rejects(f.fetch('file:///etc/hostname', { operatorUrl: true }), /file URLs are off/);
      await assert.rejects(f.fetch('file:///etc/hostname'), /found in a document/);
      await assert.rejects(
        f.fetch(`${srv.url}/to-file`),
        (e: unknown) => e instanceof BlockedFetchError && /redirected from/.test(e.message),
      );
    });
  });
});

describe('::1 canary', () => {
  let srv: FixtureServer | undefined;
  before(async () => {
    try {
      srv = await startFixtureServer({ '/feed': { body: RSS } }, { host: '::1' });
    } catch {
      srv = undefined; // no IPv6 loopback on this machine
    }
  });
  after(() => srv?.close());

  it('refuses [::1] by default and fetches it when allowlisted', async (t) => {
    if (!srv) return t.skip('IPv6 loopback unavailable');
    await withFetcher(config({ allowHosts: [] }), async (f) => {
      await assert.rejects(f.fetch(`${srv!.url}/feed`), /::1 is loopback/);
    });
    assert.equal(srv.requests.length, 0);
    await withFetcher(config({ allowHosts: ['::1'] }), async (f) => {
      assert.equal((await f.fetch(`${srv!.url}/feed`)).status, 200);
    });
  });
});

describe('HTTP behaviour', () => {
  let srv: FixtureServer;
  before(async () => {
    srv = await startFixtureServer();
  });
  after(() => srv.close());

  it('sends a clear User-Agent and feed Accept headers', async () => {
    srv.route('/ua', { body: RSS });
    await withFetcher(config(), (f) => f.fetch(`${srv.url}/ua`));
    const seen = srv.requests.find((r) => r.path === '/ua')!;
    assert.equal(seen.headers['user-agent'], 'NewsdeskTest/1.0 (+https://example.invalid/)');
    assert.match(seen.headers.accept ?? '', /application\/rss\+xml/);
    assert.match(seen.headers['accept-encoding'] ?? '', /gzip/);
  });

  it('does a conditional GET with ETag and Last-Modified and reports 304 as not modified', async () => {
    srv.route('/cond', feedRoute(RSS, { etag: '"v1"', lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' }));
    await withFetcher(config(), async (f) => {
      const first = await f.fetch(`${srv.url}/cond`);
      assert.equal(first.status, 200);
      assert.equal(first.headers.etag, '"v1"');
      const second = await f.fetch(`${srv.url}/cond`, { etag: first.headers.etag, lastModified: first.headers['last-modified'] });
      assert.equal(second.status, 304);
      assert.equal(second.notModified, true);
      assert.equal(second.body.length, 0);
    });
    const last = srv.requests.filter((r) => r.path === '/cond').at(-1)!;
    assert.equal(last.headers['if-none-match'], '"v1"');
    assert.equal(last.headers['if-modified-since'], 'Wed, 01 Jan 2025 00:00:00 GMT');
  });

  it('reads Retry-After in seconds (429) and as an HTTP date (503)', async () => {
    srv.route('/429', { status: 429, headers: { 'retry-after': '120' } });
    const when = new Date(Date.now() + 3600_000).toUTCString();
    srv.route('/503', { status: 503, headers: { 'retry-after': when } });
    await withFetcher(config(), async (f) => {
      await assert.rejects(f.fetch(`${srv.url}/429`), (e: unknown) => {
        assert.ok(e instanceof RetryableFetchError);
        assert.equal(e.status, 429);
        assert.equal(e.retryAfterMs, 120_000);
        return true;
      });
      await assert.rejects(f.fetch(`${srv.url}/503`), (e: unknown) => {
        assert.ok(e instanceof RetryableFetchError);
        assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 3500_000 && e.retryAfterMs <= 3600_000, String(e.retryAfterMs));
        return true;
      });
    });
  });

  it('reports Cache-Control max-age', async () => {
    srv.route('/cached', { headers: { 'cache-control': 'public, max-age=900' }, body: RSS });
    const r = await withFetcher(config(), (f) => f.fetch(`${srv.url}/cached`));
    assert.equal(r.maxAgeMs, 900_000);
  });

  it('names 404 permanent and 410 gone', async () => {
    srv.route('/gone', { status: 410 });
    await withFetcher(config(), async (f) => {
      await assert.rejects(
        f.fetch(`${srv.url}/missing`),
        (e: unknown) => e instanceof PermanentFetchError && !(e instanceof GoneFetchError) && e.status === 404,
      );
      await assert.rejects(f.fetch(`${srv.url}/gone`), (e: unknown) => e instanceof GoneFetchError && /disabled/.test(e.message));
      srv.route('/500', { status: 500 });
      await assert.rejects(f.fetch(`${srv.url}/500`), RetryableFetchError);
    });
  });

  it('follows a few redirects and reports the final URL', async () => {
    srv.route('/r1', { status: 301, headers: { location: '/r2' } });
    srv.route('/r2', { status: 308, headers: { location: `${srv.url}/r3` } });
    srv.route('/r3', { body: RSS });
    const r = await withFetcher(config(), (f) => f.fetch(`${srv.url}/r1`));
    assert.equal(r.url, `${srv.url}/r3`);
    assert.deepEqual(r.redirects, [`${srv.url}/r2`, `${srv.url}/r3`]);
    assert.equal(r.permanentUrl, `${srv.url}/r3`);
  });

  it("sends the caller's request headers along same-origin redirects only, never to another origin", async () => {
    // Another port is another origin: the publisher's redirect must not receive a private feed's token.
    const other = await startFixtureServer({ '/landing': { body: RSS } });
    try {
      srv.route('/priv-a', { status: 302, headers: { location: '/priv-b' } });
      srv.route('/priv-b', { status: 302, headers: { location: `${other.url}/landing` } });
      const r = await withFetcher(config(), (f) => f.fetch(`${srv.url}/priv-a`, { headers: { authorization: 'Bearer s3cret' } }));
      assert.equal(r.url, `${other.url}/landing`);
      const sent = (path: string) => srv.requests.filter((q) => q.path === path).map((q) => q.headers.authorization);
      assert.deepEqual(sent('/priv-a'), ['Bearer s3cret']);
      assert.deepEqual(sent('/priv-b'), ['Bearer s3cret'], 'a same-origin hop keeps them');
      assert.deepEqual(
        other.requests.map((q) => q.headers.authorization),
        [undefined],
      );
    } finally {
      await other.close();
    }
  });

  it('stops a redirect loop and a chain longer than maxRedirects', async () => {
    srv.route('/loop-a', { status: 302, headers: { location: '/loop-b' } });
    srv.route('/loop-b', { status: 302, headers: { location: '/loop-a' } });
    for (let i = 0; i < 15; i++) srv.route(`/chain${i}`, { status: 302, headers: { location: `/chain${i + 1}` } });
    srv.route('/chain15', { body: RSS });
    await withFetcher(config(), async (f) => {
      await assert.rejects(
        f.fetch(`${srv.url}/loop-a`),
        (e: unknown) => e instanceof PermanentFetchError && /redirect loop/.test(e.message),
      );
      await assert.rejects(f.fetch(`${srv.url}/chain0`), /more than 10 redirects/);
    });
    assert.equal(srv.hits('/loop-a'), 1);
    assert.equal(srv.hits('/chain11'), 0, 'the 11th hop is never requested');
  });

  it('decodes gzip, deflate and brotli bodies', async () => {
    srv.route('/gz', { headers: { 'content-encoding': 'gzip' }, body: gzipSync(RSS) });
    srv.route('/deflate', { headers: { 'content-encoding': 'deflate' }, body: deflateSync(RSS) });
    srv.route('/br', { headers: { 'content-encoding': 'br' }, body: brotliCompressSync(RSS) });
    await withFetcher(config(), async (f) => {
      for (const p of ['/gz', '/deflate', '/br']) assert.equal(Buffer.from((await f.fetch(`${srv.url}${p}`)).body).toString(), RSS, p);
    });
  });

  it('names a corrupt compressed body as a server error, not a network one', async () => {
    srv.route('/bad-gz', { headers: { 'content-encoding': 'gzip' }, body: RSS });
    srv.route('/bad-br', { headers: { 'content-encoding': 'br' }, body: RSS });
    await withFetcher(config(), async (f) => {
      for (const p of ['/bad-gz', '/bad-br']) {
        await assert.rejects(
          f.fetch(`${srv.url}${p}`),
          (e: unknown) => e instanceof PermanentFetchError && /compressed body is corrupt/.test(e.message),
          p,
        );
      }
    });
  });

  it('refuses an unsupported Content-Encoding without an uncaught error from the dropped body', async () => {
    // A small body arrives whole before it is dropped; destroying it unread used to emit an
    // 'error' nobody listened to, which kills the process (the test runner reports it as uncaught).
    srv.route('/zstd', { headers: { 'content-encoding': 'zstd' }, body: 'x'.repeat(1000) });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => void uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      await withFetcher(config(), async (f) => {
        await assert.rejects(
          f.fetch(`${srv.url}/zstd`),
          (e: unknown) => e instanceof PermanentFetchError && /unsupported Content-Encoding "zstd"/.test(e.message),
        );
        await new Promise((r) => setTimeout(r, 100));
      });
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    assert.deepEqual(uncaught, []);
  });

  it('refuses a long chain of Content-Encodings at once instead of decoding it layer by layer', async () => {
    // 1,500 nested gzips are 37 kB on the wire and took ~15 s of CPU to undo before the cap.
    const layers = 1500;
    let body = Buffer.from(RSS);
    for (let i = 0; i < layers; i++) body = gzipSync(body);
    srv.route('/chain-gz', { headers: { 'content-encoding': Array(layers).fill('gzip').join(', ') }, body });
    srv.route('/two-gz', { headers: { 'content-encoding': 'gzip, gzip' }, body: gzipSync(gzipSync(RSS)) });
    await withFetcher(config(), async (f) => {
      const { ms } = await cpuMsOf(() =>
        assert.rejects(
          f.fetch(`${srv.url}/chain-gz`),
          (e: unknown) => e instanceof PermanentFetchError && /1500 stacked Content-Encodings/.test(e.message),
        ),
      );
      assert.ok(ms < 2000, `refused after ${ms} ms of CPU`);
      assert.equal(Buffer.from((await f.fetch(`${srv.url}/two-gz`)).body).toString(), RSS, 'two codings are still undone');
    });
  });

  it('refuses a 10 GB Content-Length at once, without waiting for the body', async () => {
    srv.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(10 * 1024 ** 3) });
      res.write('<rss>'); // then never finishes: only an immediate refusal avoids the timeout
    });
    await withFetcher(config({ totalTimeoutMs: 60_000 }), async (f) => {
      await assert.rejects(
        f.fetch(`${srv.url}/huge`),
        (e: unknown) => e instanceof TooLargeFetchError && /announces 10737418240 bytes/.test(e.message),
      );
    });
  });

  it('caps a body that grows past maxBodyBytes without a Content-Length', async () => {
    srv.route('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(Buffer.alloc(300_000, 0x61));
    });
    await withFetcher(config({ maxBodyBytes: 100_000 }), async (f) => {
      await assert.rejects(
        f.fetch(`${srv.url}/big`),
        (e: unknown) => e instanceof TooLargeFetchError && /more than 100000 bytes/.test(e.message),
      );
    });
  });

  it('caps a gzip bomb after decompression and keeps memory bounded', async () => {
    // 16 concatenated gzip members of 64 MiB of zeros each: 1 GiB once inflated, ~1 MB on the wire.
    const member = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    srv.route('/bomb', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      let i = 0;
      const next = (): void => {
        while (i < 16) {
          i++;
          if (!res.write(member)) return void res.once('drain', next);
        }
        res.end();
      };
      next();
    });
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    try {
      await withFetcher(config(), async (f) => {
        await assert.rejects(
          f.fetch(`${srv.url}/bomb`),
          (e: unknown) => e instanceof TooLargeFetchError && /after decompression/.test(e.message),
        );
      });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const grewMb = (peak - baseline) / 1e6;
    assert.ok(grewMb < 150, `RSS grew by ${grewMb.toFixed(0)} MB during the bomb`);
  });

  it('aborts a slow-drip body at the total timeout', async () => {
    let timer: NodeJS.Timeout | undefined;
    srv.route('/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss>');
      timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    try {
      await withFetcher(config({ totalTimeoutMs: 800 }), async (f) => {
        await assert.rejects(
          f.fetch(`${srv.url}/drip`),
          (e: unknown) => e instanceof RetryableFetchError && /total timeout/.test(e.message),
        );
      });
    } finally {
      clearInterval(timer);
    }
  });

  it('reads file: URLs only when allowFileUrls is on, and only an address an operator gave', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const p = join(mkdtempSync(join(tmpdir(), 'newsdesk-fetch-')), 'feed.xml');
    writeFileSync(p, RSS);
    const given = { operatorUrl: true };
    await withFetcher(config(), (f) => assert.rejects(f.fetch(pathToFileURL(p).href, given), BlockedFetchError));
    const r = await withFetcher(config({ allowFileUrls: true }), (f) => f.fetch(pathToFileURL(p).href, given));
    assert.equal(Buffer.from(r.body).toString(), RSS);
    // An address read from a document (a feed's link, a sitemap, a next page) is never a file, even
    // with allowFileUrls on: a hostile page cannot make the server read its own files.
    await withFetcher(config({ allowFileUrls: true }), (f) =>
      assert.rejects(
        f.fetch(pathToFileURL(p).href),
        (err: Error) => err instanceof BlockedFetchError && /found in a document/.test(err.message),
      ),
    );
  });
});
