import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { discoverSitemap } from '../../../src/ingest/sitemap/discover.js';
import type { FetchBytes } from '../../../src/ingest/sitemap/read.js';
import { sitemapToParsedFeed } from '../../../src/ingest/sitemap/to-entries.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { readFixture, readFixtureBytes } from '../listing/fixtures.js';

const fetchBytes: FetchBytes = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return { bytes: new Uint8Array(await res.arrayBuffer()), url: res.url };
};

describe('discoverSitemap over HTTP', () => {
  let news: FixtureServer;
  let plain: FixtureServer;
  let none: FixtureServer;
  before(async () => {
    news = await startFixtureServer();
    news.route('/robots.txt', { body: `User-agent: *\nDisallow:\nSitemap: /sitemap_index.xml\n` });
    news.route('/sitemap_index.xml', {
      body: `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s/old.xml</loc><lastmod>2024-01-01</lastmod></sitemap><sitemap><loc>/s/news.xml</loc><lastmod>2025-06-10</lastmod></sitemap></sitemapindex>`,
    });
    news.route('/s/news.xml', { body: readFixtureBytes('sitemap', 'news-sitemap.xml') });
    plain = await startFixtureServer();
    plain.route('/sitemap.xml', { body: readFixtureBytes('sitemap', 'month-2024-03.xml') });
    none = await startFixtureServer();
    none.route('/sitemap.xml', { headers: { 'content-type': 'text/html' }, body: '<html><body>Nothing here</body></html>' });
  });
  after(async () => {
    await news.close();
    await plain.close();
    await none.close();
  });

  it('finds a news sitemap through robots.txt and an index, and says why', async () => {
    const res = await discoverSitemap(fetchBytes, `${news.url}/some/page`);
    assert.equal(res.found?.url, `${news.url}/sitemap_index.xml`);
    assert.equal(res.found?.news, true);
    assert.match(res.found!.reason, /newest child has 3 news articles/);
    assert.equal(news.hits('/s/old.xml'), 0);
  });

  it('falls back to a plain sitemap at a default path', async () => {
    const res = await discoverSitemap(fetchBytes, `${plain.url}/`);
    assert.equal(res.found?.url, `${plain.url}/sitemap.xml`);
    assert.equal(res.found?.news, false);
    assert.ok(res.tried.some((t) => t.url.endsWith('/robots.txt') && /unavailable/.test(t.outcome)));
  });

  it('finds nothing on a site without sitemaps (a soft 404 HTML page is not one)', async () => {
    const res = await discoverSitemap(fetchBytes, `${none.url}/`);
    assert.equal(res.found, undefined);
    assert.ok(res.tried.some((t) => t.outcome === 'not a sitemap'));
  });
});

describe('sitemapToParsedFeed', () => {
  it('names the feed after the publication and keeps every URL as an entry', async () => {
    const { parseSitemap } = await import('../../../src/ingest/sitemap/parse.js');
    const urls = parseSitemap(readFixture('sitemap', 'news-sitemap.xml')).urls;
    const feed = sitemapToParsedFeed(urls, 'https://www.valleycourier.example/news-sitemap.xml');
    assert.equal(feed.feed.title, 'The Valley Courier');
    assert.equal(feed.feed.link, 'https://www.valleycourier.example/');
    assert.equal(feed.feed.language, 'en');
    assert.equal(feed.entries.length, 3);
    assert.equal(
      feed.entries[1]!.dedupeKey,
      'https://www.valleycourier.example/business/farming/2025/06/cherry-growers-expect-an-early-harvest-48199',
    );
  });
});
