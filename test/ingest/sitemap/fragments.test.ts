// A sitemap index that names one child file under several #fragments. The fragment is never sent
// to the server, so each is the same request for the same file: it is read once per check, not
// once per fragment (an index could spend the whole maxSitemaps budget on one file). Real HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpFetcher } from '../../../src/ingest/fetch/index.js';
import { readSitemapSource } from '../../../src/ingest/sitemap/sitemap-source.js';
import { type FixtureServer, startFixtureServer } from '../../helpers/fixture-server.js';
import { newsSitemap } from '../../helpers/huge-feed.js';

const xml = { 'content-type': 'application/xml' };

describe('sitemap children named under #fragments', () => {
  let srv: FixtureServer;
  const fetcher = new HttpFetcher({
    userAgent: 'Newsdesk/0.1',
    connectTimeoutMs: 2000,
    totalTimeoutMs: 10_000,
    maxBodyBytes: 4 * 1024 * 1024,
    maxRedirects: 5,
    allowHosts: ['127.0.0.1'],
    allowFileUrls: false,
  });
  before(async () => {
    srv = await startFixtureServer({
      '/news.xml': { headers: xml, body: newsSitemap(5) },
      '/other.xml': { headers: xml, body: newsSitemap(5, 5) },
    });
    const locs = [...Array.from({ length: 8 }, (_, i) => `${srv.url}/news.xml#part${i}`), `${srv.url}/news.xml`, `${srv.url}/other.xml`];
    srv.route('/index.xml', {
      headers: xml,
      body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
        .map((l) => `<sitemap><loc>${l}</loc></sitemap>`)
        .join('')}</sitemapindex>`,
    });
  });
  after(async () => {
    await fetcher.close();
    await srv.close();
  });

  it('reads the file once and still reaches the index’s other children', async () => {
    const r = await readSitemapSource(fetcher, { url: `${srv.url}/index.xml#top`, settings: {}, etag: null, lastModified: null });
    assert.equal(srv.hits('/news.xml'), 1, 'one read of the file named under nine addresses');
    assert.equal(srv.hits('/other.xml'), 1, 'the budget was not spent on repeats');
    assert.equal(srv.hits('/index.xml'), 1);
    assert.equal(r.feed?.entries.length, 10);
  });
});
