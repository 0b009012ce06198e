import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseSitemap } from '../../../src/ingest/sitemap/parse.js';
import { readFixture, readFixtureBytes } from '../listing/fixtures.js';

describe('parseSitemap: news urlset', () => {
  const res = parseSitemap(readFixtureBytes('sitemap', 'news-sitemap.xml'), 'https://www.valleycourier.example/news-sitemap.xml');

  it('reads every url with its news: and image: extensions', () => {
    assert.equal(res.kind, 'urlset');
    assert.equal(res.urls.length, 3);
    assert.deepEqual(res.urls[0], {
      loc: 'https://www.valleycourier.example/news/local/2025/06/mill-bridge-reopens-after-repairs-48211',
      lastmod: '2025-06-10T09:05:00Z',
      news: {
        publicationName: 'The Valley Courier',
        language: 'en',
        publicationDate: '2025-06-10T08:58:00Z',
        title: 'Mill bridge reopens after eight months of repairs',
        keywords: ['bridges', 'roads', 'river'],
      },
      images: [
        { loc: 'https://img.valleycourier.example/cdn/48211-1200.jpg', caption: 'The mill bridge on its first morning back in use' },
      ],
    });
  });

  it('decodes XML entities and CDATA, and reads date-only publication dates', () => {
    assert.equal(res.urls[1]!.news?.title, 'Cherry growers & pickers expect an early harvest');
    assert.equal(res.urls[1]!.news?.publicationDate, '2025-06-09T00:00:00Z');
    assert.equal(res.urls[1]!.lastmod, undefined);
    assert.equal(res.urls[2]!.news?.title, 'Hill climb record falls by <four> seconds');
  });
});

describe('parseSitemap: index, gzip, text', () => {
  it('reads a sitemap index with lastmods (date-only too) and a child without one', () => {
    const res = parseSitemap(readFixture('sitemap', 'sitemap-index.xml'), 'https://dasht-news.example/sitemap_index.xml');
    assert.equal(res.kind, 'sitemapindex');
    assert.deepEqual(res.sitemaps, [
      { loc: 'https://dasht-news.example/sitemaps/2024-01.xml.gz', lastmod: '2024-01-31T23:50:00Z' },
      { loc: 'https://dasht-news.example/sitemaps/2024-02.xml.gz', lastmod: '2024-02-29T22:10:00Z' },
      { loc: 'https://dasht-news.example/sitemaps/2024-03.xml.gz', lastmod: '2024-03-05T00:00:00Z' },
      { loc: 'https://dasht-news.example/sitemaps/pages.xml' },
    ]);
    assert.deepEqual(res.urls, []);
  });

  it('gunzips .xml.gz bytes (by magic number) and reads non-ASCII locs as URLs', () => {
    const res = parseSitemap(readFixtureBytes('sitemap', 'month-2024-03.xml.gz'), 'https://dasht-news.example/sitemaps/2024-03.xml.gz');
    assert.equal(res.kind, 'urlset');
    assert.equal(res.urls.length, 3);
    assert.equal(
      res.urls[0]!.loc,
      'https://dasht-news.example/news/52340/%D8%A8%D8%A7%D8%B2%DA%AF%D8%B4%D8%A7%DB%8C%DB%8C-%DA%A9%D8%AA%D8%A7%D8%A8%D8%AE%D8%A7%D9%86%D9%87-%D9%85%D8%B1%DA%A9%D8%B2%DB%8C',
    );
    assert.equal(res.urls[0]!.changefreq, 'hourly');
    assert.equal(res.urls[0]!.priority, 0.8);
    assert.equal(res.urls[2]!.lastmod, '2024-03-02T08:00:00Z');
  });

  it('refuses a gzip bomb past the size cap with a clear message', () => {
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    assert.throws(
      () => parseSitemap(bomb, 'https://x.example/s.xml.gz', { maxBytes: 1024 * 1024 }),
      /larger than 1048576 bytes once uncompressed/,
    );
  });

  it('reads a plain-text sitemap, one URL a line', () => {
    const res = parseSitemap(
      'https://a.example/one\n\n  https://a.example/two  \nnot a url\nftp://a.example/x\n',
      'https://a.example/sitemap.txt',
    );
    assert.equal(res.kind, 'text');
    assert.deepEqual(
      res.urls.map((u) => u.loc),
      ['https://a.example/one', 'https://a.example/two'],
    );
  });

  it('says when the file is a feed', () => {
    assert.equal(parseSitemap('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>').kind, 'feed');
    assert.equal(parseSitemap('<feed xmlns="http://www.w3.org/2005/Atom"></feed>').kind, 'feed');
  });
});

describe('parseSitemap: liberal and safe', () => {
  it('reads extensions under any prefix, or an undeclared news: prefix', () => {
    const other = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://a.example/x</loc><n:news><n:title>Prefixed</n:title></n:news></url></urlset>`;
    assert.equal(parseSitemap(other).urls[0]!.news?.title, 'Prefixed');
    const undeclared = `<urlset><url><loc>https://a.example/y</loc><news:news><news:title>No xmlns</news:title></news:news></url></urlset>`;
    assert.equal(parseSitemap(undeclared).urls[0]!.news?.title, 'No xmlns');
  });

  it('never expands DTD entities (no billion laughs, no external files)', () => {
    const evil = `<?xml version="1.0"?>
<!DOCTYPE urlset [
  <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://a.example/z</loc><news:news><news:title>&c; &xxe;</news:title></news:news></url>
</urlset>`;
    const res = parseSitemap(evil);
    assert.equal(res.urls[0]!.news?.title, '&c; &xxe;');
  });

  it('drops locs that are not http(s), resolves relative ones, and survives broken markup', () => {
    const broken = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>javascript:alert(1)</loc></url>
      <url><loc>/relative/path</loc>
      <url><loc>https://a.example/after-unclosed</loc></url>
    `;
    const res = parseSitemap(broken, 'https://a.example/sitemap.xml');
    assert.ok(!res.urls.some((u) => u.loc.startsWith('javascript')));
    assert.ok(res.warnings.some((w) => /not an http\(s\) URL/.test(w)));
    assert.ok(res.urls.some((u) => u.loc === 'https://a.example/relative/path' || u.loc === 'https://a.example/after-unclosed'));
  });

  it('caps the entries kept per file', () => {
    const many = `<urlset>${Array.from({ length: 30 }, (_, i) => `<url><loc>https://a.example/${i}</loc></url>`).join('')}</urlset>`;
    const res = parseSitemap(many, undefined, { maxEntries: 10 });
    assert.equal(res.urls.length, 10);
    assert.match(res.warnings.join(' '), /dropped 20 entries/);
  });

  it('decodes a UTF-16 sitemap with a BOM and an ISO-8859-1 one by its declaration', () => {
    const xml = '<urlset><url><loc>https://a.example/café</loc></url></urlset>';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    assert.equal(parseSitemap(utf16).urls[0]!.loc, 'https://a.example/caf%C3%A9');
    const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${xml}`, 'latin1');
    assert.equal(parseSitemap(latin1).urls[0]!.loc, 'https://a.example/caf%C3%A9');
  });
});

describe('parseSitemap: text that is not a URL list', () => {
  it('is unknown, even when it mentions a URL', () => {
    const res = parseSitemap('Not Found\nThe requested URL was not found on this server.\nTry https://a.example/ instead.\n');
    assert.equal(res.kind, 'unknown');
    assert.deepEqual(res.urls, []);
  });
});
