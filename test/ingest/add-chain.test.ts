// `newsdesk add URL` as a user runs it, against fixture sites on 127.0.0.1 (one server each, so
// robots.txt and the common paths are each site's own): it picks a feed, a discovered feed, a
// news sitemap or the listing page, in that order, says why, and says what to do when nothing works.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { readFixture } from '../helpers/repo.js';
import { runCli } from '../helpers/run-cli.js';

const fixture = (name: string): string => readFixture('readmore', name);
const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });
const rss = (body: string) => ({ headers: { 'content-type': 'application/rss+xml' }, body });

const run = (args: string[]) => runCli(args);

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('newsdesk add: feed, discovered feed, news sitemap, listing page', () => {
  let feedSite: FixtureServer;
  let discoveredSite: FixtureServer;
  let sitemapSite: FixtureServer;
  let pageSite: FixtureServer;
  let thinSite: FixtureServer;
  let db: string;

  before(async () => {
    feedSite = await startFixtureServer({
      '/rss.xml': rss(rssFeed('Direct News', [{ guid: 'd1', title: 'One', link: 'https://d.example/1' }])),
    });
    discoveredSite = await startFixtureServer({
      // The page is a listing too: the advertised feed wins.
      '/': html(
        fixture('listing.html').replace(
          '</head>',
          '<link rel="alternate" type="application/rss+xml" title="Gazette news" href="/news.rss"></head>',
        ),
      ),
      '/news.rss': rss(
        rssFeed('Gazette news', [
          { guid: 'g1', title: 'One', link: 'https://g.example/1' },
          { guid: 'g2', title: 'Two', link: 'https://g.example/2' },
        ]),
      ),
    });
    sitemapSite = await startFixtureServer({ '/': html(fixture('listing.html')) });
    sitemapSite.route('/robots.txt', {
      headers: { 'content-type': 'text/plain' },
      body: `User-agent: *\nDisallow: /admin\nSitemap: ${sitemapSite.url}/sitemaps/news.xml\n`,
    });
    sitemapSite.route('/sitemaps/news.xml', {
      headers: { 'content-type': 'application/xml' },
      body: fixture('news-sitemap.xml').replaceAll('{ORIGIN}', sitemapSite.url),
    });
    pageSite = await startFixtureServer({ '/latest': html(fixture('listing.html')) });
    thinSite = await startFixtureServer({ '/': html(fixture('thin.html')) });
    db = join(mkdtempSync(join(tmpdir(), 'newsdesk-add-')), 'add.db');
  });
  after(async () => {
    for (const s of [feedSite, discoveredSite, sitemapSite, pageSite, thinSite]) await s.close();
  });

  it('(a) a feed URL is added as a feed', async () => {
    const r = await run(['add', '--db', db, `${feedSite.url}/rss.xml`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`^added #1: Direct News <${esc(feedSite.url)}/rss\\.xml> as a feed source: the URL is a feed \\(1 entry\\)$`, 'm'),
    );
  });

  it('(b) a page advertising a feed: the feed is added, not the listing', async () => {
    const r = await run(['add', '--db', db, `${discoveredSite.url}/`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /is a web page; found 1 feed:/);
    assert.match(
      r.stdout,
      new RegExp(
        `added #2: Gazette news <${esc(discoveredSite.url)}/news\\.rss> as a feed source: feed advertised by the page with <link rel="alternate">, 2 entries`,
      ),
    );
    assert.equal(discoveredSite.hits('/robots.txt'), 0, 'no sitemap is looked for once a feed is found');
  });

  it('(b2) a page advertising a feed of one item says "1 entry", not "1 entries" (2026-12-06 journey)', async () => {
    feedSite.route(
      '/home',
      html(
        '<!doctype html><html><head><title>Direct</title><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body><p>Hello.</p></body></html>',
      ),
    );
    const own = join(mkdtempSync(join(tmpdir(), 'newsdesk-add-one-')), 'add.db');
    const r = await run(['add', '--db', own, `${feedSite.url}/home`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^  ${esc(feedSite.url)}/rss\\.xml — Direct News \\(advertised by the page, 1 entry\\)$`, 'm'));
    assert.match(r.stdout, /as a feed source: feed advertised by the page with <link rel="alternate">, 1 entry$/m);
    assert.doesNotMatch(r.stdout, /1 entries/);
  });

  it('(b3) https:// to a plain-http port: the reason in a sentence, no OpenSSL internals, advice about the address (2026-12-06 journey)', async () => {
    const own = join(mkdtempSync(join(tmpdir(), 'newsdesk-add-tls-')), 'add.db');
    const r = await run(['add', '--db', own, '--kind', 'page', `${pageSite.url.replace('http:', 'https:')}/latest`]);
    assert.equal(r.code, 1);
    const port = new URL(pageSite.url).port;
    assert.match(
      r.stderr,
      new RegExp(
        `127\\.0\\.0\\.1:${port} did not answer in TLS: nothing speaks https on this port \\(is it a plain http:// site\\? then give the address with http://\\)`,
      ),
    );
    assert.doesNotMatch(r.stderr, /ssl3_get_record|openssl|ERR_SSL/);
    assert.match(r.stderr, /What to do: check the address in a browser/);
    assert.doesNotMatch(r.stderr, /--selector/, 'no advice about selectors for a page that was never read');
  });

  it('(c) no feed anywhere, a news sitemap named in robots.txt: the sitemap is added', async () => {
    const r = await run(['add', '--db', db, `${sitemapSite.url}/`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `added #3: The Harbour Gazette — latest news <${esc(sitemapSite.url)}/sitemaps/news\\.xml> as a sitemap source: no feed found; news sitemap with 6 articles`,
      ),
    );
    assert.ok(sitemapSite.hits('/feed') >= 1, 'the common feed paths were tried first');
    assert.equal(sitemapSite.hits('/robots.txt'), 1);
  });

  it('a sitemap given by its own URL is added as it is, without probing for feeds', async () => {
    const before = sitemapSite.hits('/feed');
    const r = await run(['add', '--db', db, '--extract', 'off', `${sitemapSite.url}/sitemaps/news.xml`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /already subscribed as #3: .*\n {2}full-text extraction of #3 changed from short to off/);
    assert.equal(sitemapSite.hits('/feed'), before);
  });

  it('(d) no feed, no sitemap: the listing page is added, with what it found', async () => {
    const r = await run(['add', '--db', db, '--extract', 'always', `${pageSite.url}/latest`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `added #4: The Harbour Gazette — latest news <${esc(pageSite.url)}/latest> as a page source: no feed or news sitemap found; found 6 teasers in repeated <article\\.post> blocks, 6 with an excerpt, 6 dated`,
      ),
    );
    assert.equal(r.stdout.trim().split('\n').length, 1, 'one line says what was chosen and why');
  });

  it('--kind page forces the listing where a sitemap would have been chosen', async () => {
    const r = await run(['add', '--db', db, '--kind', 'page', `${sitemapSite.url}/`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`added #5: .*<${esc(sitemapSite.url)}/> as a page source: found 6 teasers`));
  });

  it('a site with nothing usable: says what it tried and what to do', async () => {
    const r = await run(['add', '--db', db, `${thinSite.url}/`]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /found no feed, news sitemap or listing page at http:\/\/127\.0\.0\.1:\d+\/\. Tried:/);
    assert.match(r.stderr, /feed: http:\/\/127\.0\.0\.1:\d+\/ is a web page, not a feed; 11 other addresses tried/);
    assert.match(r.stderr, /sitemap: none found/);
    assert.match(r.stderr, /page: found only 2 teasers in repeated <div\.story> blocks.*too few to follow without CSS selectors/);
    assert.match(r.stderr, /What to do: .*--selector item=article\.post --selector title="h2 a".*settings\.selectors/);
  });

  it('--selector makes that site usable, and the selectors are stored', async () => {
    const r = await run(['add', '--db', db, '--selector', 'item=div.story', '--selector', 'title=h3 a', `${thinSite.url}/`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /added #6: Quiet Weekly <.*> as a page source: found 2 teasers/);
  });

  it('a new sitemap URL says what it is', async () => {
    sitemapSite.route('/sitemap-copy.xml', {
      headers: { 'content-type': 'application/xml' },
      body: fixture('news-sitemap.xml').replaceAll('{ORIGIN}', sitemapSite.url),
    });
    const r = await run(['add', '--db', db, `${sitemapSite.url}/sitemap-copy.xml`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^added #7: .*<.*\/sitemap-copy\.xml> as a sitemap source: the URL is a sitemap \(6 URLs, 6 with news tags\)$/m);
  });

  it('bad command lines are refused with the reason', async () => {
    const k = await run(['add', '--db', db, '--kind', 'blog', `${thinSite.url}/`]);
    assert.equal(k.code, 2);
    assert.match(k.stderr, /--kind is one of feed, page, sitemap/);
    const s = await run(['add', '--db', db, '--selector', 'headline', `${thinSite.url}/`]);
    assert.match(s.stderr, /--selector takes KEY=CSS/);
  });

  it('stores each source with its kind, extract mode and settings', async () => {
    const store = await SqliteStore.open({ path: db, defaultIntervalSeconds: 1800 });
    try {
      const byId = new Map((await store.sources.list()).map((s) => [s.id, s]));
      assert.deepEqual(
        [1, 2, 3, 4, 5, 6, 7].map((id) => byId.get(id)?.kind),
        ['feed', 'feed', 'sitemap', 'page', 'page', 'page', 'sitemap'],
      );
      assert.equal(byId.get(4)?.extractMode, 'always');
      assert.equal(byId.get(1)?.extractMode, 'short', 'the default extract mode applies without --extract');
      assert.equal(byId.get(3)?.extractMode, 'off', 'changed by adding it again with --extract');
      assert.deepEqual(byId.get(6)?.settings, { selectors: { item: 'div.story', title: 'h3 a' } });
    } finally {
      await store.close();
    }
  });
});
