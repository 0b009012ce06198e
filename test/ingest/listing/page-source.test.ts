// The page and sitemap source readers end to end: the project's real HTTP client against a
// fixture site on 127.0.0.1 (listing pages in several layouts, a sitemap index, gzip children).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { HttpFetcher } from '../../../src/ingest/fetch/index.js';
import { loopbackFetcher } from '../../helpers/loopback-fetcher.js';
import { NoListingError, pageSettings, readPageSource, type PageFetcher } from '../../../src/ingest/listing/page-source.js';
import { NotASitemapError, readSitemapSource } from '../../../src/ingest/sitemap/sitemap-source.js';
import { startFixtureServer, feedRoute, type FixtureServer } from '../../helpers/fixture-server.js';
import { readFixture } from './fixtures.js';

// HttpFetcher must fit the reader's structural fetcher type.
const fits: (f: HttpFetcher) => PageFetcher = (f) => f;
void fits;

const html = (body: string | Buffer, ct = 'text/html; charset=utf-8') => ({ headers: { 'content-type': ct }, body });

describe('readPageSource with HttpFetcher', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  before(async () => {
    srv = await startFixtureServer();
    fetcher = loopbackFetcher(1 << 22);
    const blog = readFixture('listing', 'blog-articles.html');
    srv.route('/', feedRoute(blog, { contentType: 'text/html; charset=utf-8', etag: '"v1"' }));
    srv.route('/page/2/', html(blog.replace(/2024\/03\/(\d\d)\//g, '2024/02/$1/').replace('href="/page/2/"', 'href="/page/3/"')));
    srv.route(
      '/page/3/',
      html(blog.replace(/2024\/03\/(\d\d)\//g, '2024/01/$1/').replace(/<nav class="navigation posts-navigation"[\s\S]*?<\/nav>/, '')),
    );
    // Arabic page served in windows-1256 and declared so in the header only.
    const ar = readFixture('listing', 'arabic-news.html').replace('<meta charset="utf-8">', '');
    srv.route('/ar/', html(iconv.encode(ar, 'windows-1256'), 'text/html; charset=windows-1256'));
    srv.route('/article', html(readFixture('listing', 'article-page.html')));
  });
  after(async () => {
    await fetcher.close();
    await srv.close();
  });

  const source = (
    path: string,
    o: Partial<{ settings: Record<string, unknown>; etag: string | null; lastSuccessAt: number | null }> = {},
  ) => ({
    url: `${srv.url}${path}`,
    settings: o.settings ?? {},
    etag: o.etag ?? null,
    lastModified: null,
    lastSuccessAt: o.lastSuccessAt ?? null,
  });

  it('first import follows next pages up to firstImportPages and returns entries with dedupe keys', async () => {
    const r = await readPageSource(fetcher, source('/', { settings: { firstImportPages: 3 } }));
    assert.equal(r.notModified, false);
    assert.deepEqual(r.pages, [`${srv.url}/`, `${srv.url}/page/2/`, `${srv.url}/page/3/`]);
    assert.equal(r.feed!.entries.length, 9);
    assert.equal(r.feed!.entries[0]!.dedupeKey, `${srv.url}/2024/03/12/spring-tide-floods-the-lower-quay/`);
    assert.equal(r.feed!.entries[8]!.link, `${srv.url}/2024/01/02/a-ferry-captain-retires-after-forty-years/`);
    assert.equal(r.feed!.feed.title, 'Harbour Notes – Field notes from a coastal town');
    assert.equal(r.etag, '"v1"');
  });

  it('a later poll reads one page, conditionally', async () => {
    const r = await readPageSource(fetcher, source('/', { etag: '"v1"', lastSuccessAt: 1 }));
    assert.equal(r.notModified, true);
    const hits = srv.hits('/page/2/');
    const r2 = await readPageSource(fetcher, source('/', { lastSuccessAt: 1 }));
    assert.deepEqual(r2.pages, [`${srv.url}/`]);
    assert.equal(srv.hits('/page/2/'), hits);
  });

  it('decodes a windows-1256 page by its header', async () => {
    const r = await readPageSource(fetcher, source('/ar/', { lastSuccessAt: 1 }));
    assert.equal(r.feed!.entries[0]!.title, 'بدء موسم تلقيح النخيل في مزارع الواحة');
    assert.equal(r.feed!.entries[0]!.published, '2024-04-10T00:00:00Z');
    assert.equal(r.feed!.feed.language, 'ar');
  });

  it('uses selectors from settings and explains a page without teasers', async () => {
    await assert.rejects(
      readPageSource(fetcher, source('/article')),
      (err: unknown) => err instanceof NoListingError && /settings\.selectors/.test(err.message),
    );
    const r = await readPageSource(fetcher, source('/article', { settings: { selectors: { item: 'nav li', title: 'a' } } }));
    assert.equal(r.strategy, 'selectors');
    assert.equal(r.feed!.entries.length, 4);
  });

  it('rejects malformed settings with the name of the setting', () => {
    assert.throws(() => pageSettings({ selectors: 'h2' }), /settings\.selectors must be an object/);
    assert.throws(() => pageSettings({ selectors: { itme: '.x' } }), /settings\.selectors\.itme is not a known selector/);
    assert.throws(() => pageSettings({ firstImportPages: 0 }), /firstImportPages must be a positive integer/);
  });
});

describe('readSitemapSource with HttpFetcher', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  const urlset = (base: string, items: Array<[string, string, string]>) =>
    `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${items
      .map(
        ([p, d, t]) =>
          `<url><loc>${base}${p}</loc><lastmod>${d}</lastmod><news:news><news:publication><news:name>Dasht</news:name><news:language>fa</news:language></news:publication><news:publication_date>${d}</news:publication_date><news:title>${t}</news:title></news:news></url>`,
      )
      .join('')}</urlset>`;
  before(async () => {
    srv = await startFixtureServer();
    fetcher = loopbackFetcher(1 << 22);
    const b = srv.url;
    srv.route('/sitemap_index.xml', {
      headers: { 'content-type': 'application/xml' },
      body: `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>${b}/s/2024-02.xml.gz</loc><lastmod>2024-02-29T22:00:00Z</lastmod></sitemap>
        <sitemap><loc>${b}/s/2024-03.xml.gz</loc><lastmod>2024-03-05T07:00:00Z</lastmod></sitemap></sitemapindex>`,
    });
    srv.route('/s/2024-02.xml.gz', {
      headers: { 'content-type': 'application/gzip' },
      body: gzipSync(urlset(b, [['/news/1', '2024-02-29T22:00:00Z', 'یک']])),
    });
    srv.route('/s/2024-03.xml.gz', {
      headers: { 'content-type': 'application/gzip' },
      body: gzipSync(
        urlset(b, [
          ['/news/2', '2024-03-05T07:00:00Z', 'دو'],
          ['/news/3', '2024-03-01T07:00:00Z', 'سه'],
        ]),
      ),
    });
    srv.route('/feed.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: '<rss version="2.0"><channel><title>x</title></channel></rss>',
    });
  });
  after(async () => {
    await fetcher.close();
    await srv.close();
  });

  it('first import reads index and children, returns entries and the cursor to store', async () => {
    const r = await readSitemapSource(fetcher, { url: `${srv.url}/sitemap_index.xml`, settings: {}, etag: null, lastModified: null });
    assert.equal(r.feed!.entries.length, 3);
    assert.equal(r.feed!.feed.title, 'Dasht');
    assert.equal(r.feed!.entries[0]!.title, 'دو');
    assert.equal(r.feed!.entries[0]!.language, 'fa');
    assert.deepEqual(r.settings, { sitemapCursor: '2024-03-05T07:00:00Z' });
  });

  it('a later poll with the cursor skips the unchanged child', async () => {
    const before = srv.hits('/s/2024-02.xml.gz');
    const r = await readSitemapSource(fetcher, {
      url: `${srv.url}/sitemap_index.xml`,
      settings: { sitemapCursor: '2024-03-05T07:00:00Z', other: 1 },
      etag: null,
      lastModified: null,
    });
    assert.equal(srv.hits('/s/2024-02.xml.gz'), before);
    assert.deepEqual(
      r.feed!.entries.map((e) => e.title),
      ['دو'],
    );
    assert.deepEqual(r.settings, { sitemapCursor: '2024-03-05T07:00:00Z', other: 1 });
  });

  it('says when the URL is a feed', async () => {
    await assert.rejects(
      readSitemapSource(fetcher, { url: `${srv.url}/feed.xml`, settings: {}, etag: null, lastModified: null }),
      (e: unknown) => e instanceof NotASitemapError && /add it as a feed source/.test(e.message),
    );
  });
});
