// SSRF, proven end to end. A hostile "public" site (on 127.0.0.3, the one address the guard is told
// to allow) tries to make Newsdesk connect to loopback, private and metadata addresses by every
// route an outbound request can take: feed polls, redirects, autodiscovery, news sitemaps and
// sitemap indexes, listing pages, full-text article fetches (meta refresh included), an OPML
// import and webhook alerts. Host names come from a stub resolver that rebinds: its first answer
// for a name is the public address, every later answer a private one, and the hostile site closes
// every connection so each request resolves afresh. Canary listeners on 127.0.0.1, 127.0.0.2 and
// ::1, on the hostile site's own port (so a rebinding to them would land), count connections.
// Asserted: 0 connections reach a canary, and every refusal says why in words.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { GuardedWebhookPoster, WebhookError } from '../../src/alerts/webhook.js';
import type { Entry } from '../../src/domain/entry.js';
import { chooseSource, discoverFeeds } from '../../src/ingest/discover/index.js';
import {
  BlockedFetchError,
  FetchError,
  type FetcherConfig,
  type FetchRequest,
  type FetchResult,
  HttpFetcher,
  type Resolver,
} from '../../src/ingest/fetch/index.js';
import { feedKey } from '../../src/domain/feed-key.js';
import { readPageSource } from '../../src/ingest/listing/page-source.js';
import { readSitemapSource } from '../../src/ingest/sitemap/sitemap-source.js';
import { ExtractorPool } from '../../src/pipeline/steps/extractor-pool.js';
import { extractFullTextStep } from '../../src/pipeline/steps/extract-full-text.js';
import { harness, type Harness } from '../ingest/harness.js';

/** The hostile site's address: "public" as far as this test's guard is concerned. */
const PUBLIC = '127.0.0.3';
const ALLOW = [PUBLIC];
/** Where a rebinding points; the first four would land on a canary if the guard let them through. */
const TARGETS = [
  '127.0.0.1',
  '127.0.0.2',
  '::1',
  '::ffff:127.0.0.1',
  '0.0.0.0',
  '169.254.169.254',
  '10.1.2.3',
  '192.168.0.1',
  '100.64.0.1',
  'fd00::1',
  'fe80::1',
];
/** What a refusal must say, in words a person reads. */
const REASON = /loopback|private|link-local|metadata|unspecified|carrier-grade|unique local|not public/;

let port = 0;
let origin: Server;
const canaries: { host: string; server: Server; hits: number }[] = [];
const answers = new Map<string, string[][]>();
const asked = new Map<string, number>();
let names = 0;

/** The stub resolver: each name's answers in order, the last one repeated. */
const resolve: Resolver = async (hostname) => {
  const list = answers.get(hostname);
  if (!list) throw Object.assign(new Error(`${hostname} not found`), { code: 'ENOTFOUND' });
  const n = asked.get(hostname) ?? 0;
  asked.set(hostname, n + 1);
  return list[Math.min(n, list.length - 1)]!.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/**
 * A fresh name whose first `publicAnswers` answers are the hostile site and every later one
 * `target` (two for a crawler's read: its robots.txt, then the page).
 */
function rebinding(target: string, publicAnswers = 1): string {
  const name = `rb${++names}.attacker.test`;
  answers.set(name, [...Array.from({ length: publicAnswers }, () => [PUBLIC]), [target]]);
  return name;
}
/** A fresh name that resolves to `target` straight away. */
function pointing(target: string): string {
  const name = `p${++names}.attacker.test`;
  answers.set(name, [[target]]);
  return name;
}
const hostPart = (a: string): string => (a.includes(':') ? `[${a}]` : a);
const at = (host: string, path = '/'): string => `http://${hostPart(host)}:${port}${path}`;
/** Literal private URLs, in the forms a URL can spell them. */
const literalUrls = (path: string): string[] => [
  ...TARGETS.map((t) => at(t, path)),
  `http://127.1:${port}${path}`,
  `http://0x7f000001:${port}${path}`,
  `http://2130706433:${port}${path}`,
  `http://[::ffff:7f00:2]:${port}${path}`,
  'http://169.254.169.254/latest/meta-data/',
];

const rss = (items: { title: string; link: string }[]): string =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>hostile</title><link>${at(PUBLIC)}</link>${items
    .map(
      (i, k) =>
        `<item><title>${i.title}</title><link>${i.link.replace(/&/g, '&amp;')}</link><guid>g${k}</guid><description>short</description></item>`,
    )
    .join('')}</channel></rss>`;

/** Pages the hostile site serves; `?to=` carries the next address. */
function route(req: IncomingMessage, res: ServerResponse): void {
  const u = new URL(req.url ?? '/', 'http://x');
  const to = u.searchParams.get('to') ?? '';
  const send = (type: string, body: string, status = 200): void => {
    res.writeHead(status, { 'content-type': type, connection: 'close' }).end(body);
  };
  switch (u.pathname) {
    case '/redirect':
      res.writeHead(302, { location: to, connection: 'close' }).end();
      return;
    case '/feed.xml':
      send('application/rss+xml', rss([{ title: 'one', link: at(PUBLIC, '/article') }]));
      return;
    case '/plain.html':
      send('text/html', '<!doctype html><title>plain</title><p>No feed is advertised here.</p>');
      return;
    case '/links.html':
      send(
        'text/html',
        `<!doctype html><title>links</title>${to
          .split(' ')
          .map((h) => `<link rel="alternate" type="application/rss+xml" href="${h}">`)
          .join('')}<p>page</p>`,
      );
      return;
    case '/sitemap-index.xml':
      send(
        'application/xml',
        `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${to
          .split(' ')
          .map((h) => `<sitemap><loc>${h}</loc><lastmod>2026-11-30T10:00:00Z</lastmod></sitemap>`)
          .join('')}</sitemapindex>`,
      );
      return;
    case '/listing.html': {
      const items = Array.from(
        { length: 12 },
        (_, i) =>
          `<li><article><h2><a href="/news/2026/11/story-number-${i}">Story number ${i} of the day</a></h2><p>Teaser ${i}</p></article></li>`,
      ).join('');
      send(
        'text/html',
        `<!doctype html><title>news</title><main><ul>${items}</ul><a rel="next" href="/listing.html?page=2">Next page</a></main>`,
      );
      return;
    }
    case '/refresh.html':
      send('text/html', `<!doctype html><title>moved</title><meta http-equiv="refresh" content="0; url=${to}"><p>moved</p>`);
      return;
    case '/article':
      send('text/html', '<!doctype html><title>article</title><article><p>Short.</p></article>');
      return;
    case '/hook':
      res.writeHead(204, { connection: 'close' }).end();
      return;
    default:
      send('text/plain', 'not found', 404);
  }
}

async function listenOn(server: Server, host: string, p: number): Promise<void> {
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(p, host, () => {
      server.off('error', fail);
      ok();
    });
  });
}
const closeServer = (s: Server): Promise<void> =>
  new Promise((ok) => {
    s.closeAllConnections();
    s.close(() => ok());
  });

before(async () => {
  answers.set('origin.attacker.test', [[PUBLIC]]);
  // The canaries must share the hostile site's port; retry when another process holds it somewhere.
  for (let attempt = 0; ; attempt++) {
    origin = createServer(route);
    await listenOn(origin, PUBLIC, 0);
    port = (origin.address() as AddressInfo).port;
    try {
      for (const host of ['127.0.0.1', '127.0.0.2', '::1']) {
        const c = { host, server: createServer((_req, res) => res.end('canary')), hits: 0 };
        c.server.on('connection', () => c.hits++);
        canaries.push(c);
        await listenOn(c.server, host, port);
      }
      return;
    } catch (err) {
      await Promise.all([origin, ...canaries.map((c) => c.server)].filter((s) => s.listening).map(closeServer));
      canaries.length = 0;
      if (attempt >= 10) throw err;
    }
  }
});

after(async () => {
  await Promise.all([origin, ...canaries.map((c) => c.server)].map(closeServer));
});

function assertNoCanaryHits(): void {
  for (const c of canaries) assert.equal(c.hits, 0, `a connection reached the canary on ${c.host}:${port}`);
}

const fetcherConfig: FetcherConfig = {
  userAgent: 'ssrf-test',
  connectTimeoutMs: 2000,
  totalTimeoutMs: 5000,
  maxBodyBytes: 1 << 20,
  maxRedirects: 5,
  allowHosts: ALLOW,
  allowFileUrls: false,
  resolve,
};

/** The production client, recording every error it raises (callers that swallow them included). */
class RecordingFetcher extends HttpFetcher {
  readonly errors: { url: string; error: unknown }[] = [];
  readonly fetched: string[] = [];
  override async fetch(url: string, req?: FetchRequest): Promise<FetchResult> {
    try {
      const r = await super.fetch(url, req);
      this.fetched.push(url);
      return r;
    } catch (error) {
      this.errors.push({ url, error });
      throw error;
    }
  }
}

function assertRefusal(err: unknown, what: string): void {
  assert.ok(err instanceof BlockedFetchError, `${what}: expected a BlockedFetchError, got ${String(err)}`);
  assert.match(err.message, REASON, `${what}: the refusal names the kind of address`);
  assert.match(err.message, /allowHosts/, `${what}: the refusal says how to allow an intranet host`);
}

/**
 * Every error the fetcher raised was a readable refusal, and there were at least `min` of them.
 * HTTP answers from the hostile site itself (a 404 for a common feed path) are no refusals.
 */
function assertAllRefused(f: RecordingFetcher, min: number, what: string): void {
  const refusals = f.errors.filter((e) => !(e.error instanceof FetchError && e.error.status !== undefined));
  assert.ok(refusals.length >= min, `${what}: expected at least ${min} refusals, saw ${refusals.length}`);
  for (const e of refusals) assertRefusal(e.error, `${what} (${e.url})`);
}

describe('SSRF: the guarded client', () => {
  it('refuses every literal private address, in every spelling, with a reason', async () => {
    const f = new RecordingFetcher(fetcherConfig);
    try {
      for (const url of literalUrls('/feed.xml')) await assert.rejects(f.fetch(url), (e) => (assertRefusal(e, url), true));
      assertNoCanaryHits();
    } finally {
      await f.close();
    }
  });

  it('refuses a name that resolves to a private address, and a rebinding name on its second answer', async () => {
    const f = new RecordingFetcher(fetcherConfig);
    try {
      for (const t of TARGETS) {
        await assert.rejects(f.fetch(at(pointing(t), '/feed.xml')), (e) => (assertRefusal(e, t), true));
        const name = rebinding(t);
        const first = await f.fetch(at(name, '/feed.xml'));
        assert.equal(first.status, 200, 'the first answer (public) is fetched');
        await assert.rejects(f.fetch(at(name, '/feed.xml')), (e) => (assertRefusal(e, `rebinding to ${t}`), true));
      }
      assertNoCanaryHits();
    } finally {
      await f.close();
    }
  });

  it('refuses redirects to private addresses, literal, by name and by rebinding', async () => {
    const f = new RecordingFetcher(fetcherConfig);
    try {
      const targets = [...literalUrls('/feed.xml'), ...TARGETS.map((t) => at(pointing(t), '/feed.xml'))];
      for (const to of targets) {
        const url = at('origin.attacker.test', `/redirect?to=${encodeURIComponent(to)}`);
        await assert.rejects(f.fetch(url), (e) => (assertRefusal(e, `redirect to ${to}`), true));
      }
      // A redirect back to the same rebinding name: the second hop is a new connection, a new answer.
      for (const t of TARGETS) {
        const name = rebinding(t);
        const url = at(name, `/redirect?to=${encodeURIComponent(at(name, '/feed.xml'))}`);
        await assert.rejects(f.fetch(url), (e) => (assertRefusal(e, `redirect via rebinding to ${t}`), true));
      }
      assertNoCanaryHits();
    } finally {
      await f.close();
    }
  });
});

describe('SSRF: every outbound path', () => {
  let h: Harness;
  const logLines: string[] = [];
  before(async () => {
    const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
    h = await harness({ allowHosts: ALLOW }, { resolve, log });
  });
  after(async () => {
    await h.close();
  });

  const lastErrorOf = async (id: number): Promise<string> => (await h.store.sources.get(id))?.lastError ?? '';

  it('feed polls: a feed whose host rebinds is read once, then refused; redirecting feeds are refused', async () => {
    const rebound: { id: number; target: string }[] = [];
    for (const t of TARGETS) {
      const { source } = await h.store.sources.add({ url: at(rebinding(t), '/feed.xml'), kind: 'feed', extractMode: 'off' });
      rebound.push({ id: source.id, target: t });
    }
    const redirected: number[] = [];
    for (const to of literalUrls('/feed.xml')) {
      const url = at('origin.attacker.test', `/redirect?to=${encodeURIComponent(to)}`);
      redirected.push((await h.store.sources.add({ url, kind: 'feed', extractMode: 'off' })).source.id);
    }
    for (const { id } of rebound) await h.makeDue(id);
    for (const id of redirected) await h.makeDue(id);
    await h.scheduler.pollOnce();
    for (const { id, target } of rebound) assert.equal(await lastErrorOf(id), '', `the first poll (public answer) succeeds (${target})`);
    for (const id of redirected) assert.match(await lastErrorOf(id), REASON);
    for (const { id } of rebound) await h.makeDue(id);
    await h.scheduler.pollOnce();
    for (const { id, target } of rebound) {
      const err = await lastErrorOf(id);
      assert.match(err, REASON, `the second poll (rebound to ${target}) is refused with a reason`);
      assert.match(err, /allowHosts/);
    }
    assertNoCanaryHits();
  });

  it('OPML import: every imported feed at a private address is refused when polled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-ssrf-'));
    const file = join(dir, 'subscriptions.opml');
    const urls = [...literalUrls('/feed.xml'), ...TARGETS.map((t) => at(rebinding(t), '/feed.xml')), 'file:///etc/passwd'];
    const outlines = urls.map((u, i) => `<outline type="rss" text="feed ${i}" xmlUrl="${u.replace(/&/g, '&amp;')}"/>`).join('\n');
    writeFileSync(file, `<?xml version="1.0"?><opml version="2.0"><head><title>hostile</title></head><body>${outlines}</body></opml>`);
    const { default: importOpml } = await import('../../src/cli/commands/import-opml.js');
    // The command reports progress on stdout and stderr; the test output stays readable without it.
    const [out, err] = [process.stdout.write, process.stderr.write];
    process.stdout.write = process.stderr.write = () => true;
    let code: number;
    try {
      code = await importOpml.run(['--db', h.dbPath, file]);
    } finally {
      [process.stdout.write, process.stderr.write] = [out, err];
    }
    // The file: outline is refused at import (exit status 1), every http one becomes a source,
    // once per address: `127.1`, `0x7f000001` and `2130706433` are 127.0.0.1 to the URL parser,
    // one feed under several spellings (feedKey, r-ingest4); the fetcher refuses each spelling
    // in the test above.
    assert.equal(code, 1);
    const imported = (await h.store.sources.list()).filter((s) => urls.includes(s.url));
    const distinct = new Set(urls.filter((u) => u.startsWith('http')).map(feedKey));
    assert.equal(imported.length, distinct.size, 'every http outline became a source');
    assert.equal(distinct.size, urls.length - 1 - 3);
    assert.ok(!imported.some((s) => s.url.startsWith('file:')), 'the file: outline is no source');
    // Two rounds: the rebinding names answer publicly once.
    for (let round = 0; round < 2; round++) {
      for (const s of imported) await h.makeDue(s.id);
      await h.scheduler.pollOnce();
    }
    for (const s of imported) {
      const err = await lastErrorOf(s.id);
      assert.match(err, REASON, `${s.url} is refused with a reason`);
    }
    assertNoCanaryHits();
  });

  it('full-text article fetches: private links, a rebinding link and a meta refresh to loopback are refused', async () => {
    const fetcher = new RecordingFetcher(fetcherConfig);
    const extractor = new ExtractorPool(1, { timeBudgetMs: 2000, hardLimitMs: 10_000 });
    const step = extractFullTextStep({ fetcher, extractor });
    const silent = pino({ level: 'silent' });
    const store = { entries: { setFullText: async () => undefined } } as unknown as Parameters<typeof step.extractEntry>[1];
    const links = [
      ...literalUrls('/article'),
      ...TARGETS.map((t) => at(pointing(t), '/article')),
      ...TARGETS.map((t) => at('origin.attacker.test', `/refresh.html?to=${encodeURIComponent(at(t, '/article'))}`)),
    ];
    try {
      let id = 0;
      for (const url of links) {
        const u = await step.extractEntry({ id: ++id, url, text: 'short' } as Entry, store, silent);
        assert.notEqual(u.extractStatus, 'ok', `${url} was not extracted`);
      }
      // A rebinding article host: its robots.txt and the article are read on the public answers,
      // then the article is refused.
      const name = rebinding('127.0.0.1', 2);
      await step.extractEntry({ id: ++id, url: at(name, '/article'), text: 'short' } as Entry, store, silent);
      await step.extractEntry({ id: ++id, url: at(name, '/article'), text: 'short' } as Entry, store, silent);
      assert.equal(fetcher.fetched.filter((u) => u.includes(name) && u.endsWith('/article')).length, 1);
      assertAllRefused(fetcher, links.length + 1, 'article fetch');
      assertNoCanaryHits();
    } finally {
      await step.close();
      await fetcher.close();
    }
  });

  it('autodiscovery: advertised feeds at private addresses and common paths on a rebinding host are refused', async () => {
    const f = new RecordingFetcher(fetcherConfig);
    try {
      const advertised = [...literalUrls('/feed.xml'), ...TARGETS.map((t) => at(pointing(t), '/feed.xml'))];
      const page = at('origin.attacker.test', `/links.html?to=${encodeURIComponent(advertised.join(' '))}`);
      const found = await discoverFeeds(f, page, { maxLinks: 100 });
      // Only the hostile site's own common path (/feed.xml on its public address) may be found.
      for (const feed of found.feeds) assert.ok(feed.url.startsWith(at('origin.attacker.test')), feed.url);
      // Links are tried once each in their normal form (127.1 and 0x7f000001 are 127.0.0.1).
      const distinct = new Set(advertised.map((u) => new URL(u).href));
      const refusedLinks = found.tried.filter((t) => distinct.has(t.url));
      assert.equal(refusedLinks.length, distinct.size, 'every advertised feed was tried and refused');
      for (const t of refusedLinks) assert.match(t.problem, REASON, `${t.url}: ${t.problem}`);
      for (const t of TARGETS) {
        const input = at(rebinding(t), '/plain.html');
        const r = await discoverFeeds(f, input, { firstCommonPathOnly: false });
        assert.equal(r.feeds.length, 0);
        const paths = r.tried.filter((x) => x.url !== input);
        assert.ok(paths.length > 0, 'the common feed paths were tried');
        for (const tried of paths) assert.match(tried.problem, REASON, `${tried.url}: ${tried.problem}`);
      }
      // The add chain (feeds, then sitemaps and robots.txt, then a listing) on a rebinding host.
      const chosen = await chooseSource(f, at(rebinding('127.0.0.1'), '/plain.html'));
      assert.ok(!('kind' in chosen) || chosen.kind !== 'feed');
      assertAllRefused(f, advertised.length, 'autodiscovery');
      assertNoCanaryHits();
    } finally {
      await f.close();
    }
  });

  it('news sitemaps and sitemap indexes: child sitemaps at private or rebinding addresses are refused', async () => {
    const f = new RecordingFetcher(fetcherConfig);
    try {
      for (const t of TARGETS) {
        const name = rebinding(t);
        const children = [at(t, '/news.xml'), at(pointing(t), '/news.xml'), at(name, '/news.xml')];
        const url = at(name, `/sitemap-index.xml?to=${encodeURIComponent(children.join(' '))}`);
        await readSitemapSource(f, { url, settings: {}, etag: null, lastModified: null }).catch(() => undefined);
      }
      assertAllRefused(f, TARGETS.length * 2, 'sitemap');
      assertNoCanaryHits();
    } finally {
      await f.close();
    }
  });

  it('listing pages: the next page on a rebinding host is refused', async () => {
    const f = new RecordingFetcher(fetcherConfig);
    try {
      for (const t of TARGETS) {
        const r = await readPageSource(f, {
          url: at(rebinding(t, 2), '/listing.html'),
          settings: {},
          etag: null,
          lastModified: null,
          lastSuccessAt: null,
        });
        assert.ok(
          r.warnings.some((w) => REASON.test(w)),
          `the refused next page is reported (${r.warnings.join('; ')})`,
        );
      }
      assertAllRefused(f, TARGETS.length, 'listing');
      assertNoCanaryHits();
    } finally {
      await f.close();
    }
  });

  it('webhook alerts: private, rebinding and IPv4-mapped receivers are refused, and no redirect is followed', async () => {
    const poster = new GuardedWebhookPoster({
      userAgent: 'ssrf-test',
      connectTimeoutMs: 2000,
      totalTimeoutMs: 5000,
      alertAllowHosts: ALLOW,
      resolve,
    });
    const post = (url: string) => poster.post({ url, secret: 'a-webhook-secret-of-some-length', body: '{}', deliveryId: 'd1' });
    try {
      const refused = async (url: string): Promise<void> => {
        await assert.rejects(post(url), (e) => {
          assert.ok(e instanceof WebhookError, String(e));
          assert.equal(e.retryable, false, `${url}: a refusal is not retried`);
          assert.match(e.message, REASON);
          assert.match(e.message, /alertAllowHosts \(NEWSDESK_ALERT_ALLOW_HOSTS\)/);
          return true;
        });
      };
      for (const url of literalUrls('/hook')) await refused(url);
      for (const t of TARGETS) {
        await refused(at(pointing(t), '/hook'));
        const name = rebinding(t);
        assert.equal((await post(at(name, '/hook'))).status, 204, 'the public answer is delivered');
        await refused(at(name, '/hook'));
      }
      const redirect = at('origin.attacker.test', `/redirect?to=${encodeURIComponent(at('127.0.0.1', '/hook'))}`);
      await assert.rejects(post(redirect), (e) => e instanceof WebhookError && e.status === 302);
      assertNoCanaryHits();
    } finally {
      await poster.close();
    }
  });

  it('no log line of the run shows a canary was reached', () => {
    assertNoCanaryHits();
    assert.ok(!logLines.some((l) => l.includes('canary')));
  });
});
