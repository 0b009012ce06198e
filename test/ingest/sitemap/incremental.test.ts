import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { advanceCursor, newSince, newestFirst } from '../../../src/ingest/sitemap/incremental.js';
import { readSitemaps, type FetchBytes } from '../../../src/ingest/sitemap/read.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { readFixtureBytes } from '../listing/fixtures.js';

describe('newSince / advanceCursor', () => {
  const refs = [
    { loc: 'https://a.example/1.xml', lastmod: '2024-01-31T23:50:00Z' },
    { loc: 'https://a.example/2.xml', lastmod: '2024-03-05T00:00:00Z' },
    { loc: 'https://a.example/3.xml' },
  ];

  it('without a cursor takes everything', () => {
    assert.equal(newSince(refs).length, 3);
  });

  it('takes entries at or after the cursor, and undated ones', () => {
    assert.deepEqual(
      newSince(refs, '2024-03-05T00:00:00Z').map((r) => r.loc),
      ['https://a.example/2.xml', 'https://a.example/3.xml'],
    );
    assert.deepEqual(
      newSince(refs, '2024-03-06T00:00:00Z').map((r) => r.loc),
      ['https://a.example/3.xml'],
    );
  });

  it("uses a news URL's publication date when it has no lastmod", () => {
    const urls = [{ loc: 'https://a.example/x', news: { publicationDate: '2024-03-01T00:00:00Z' } }];
    assert.equal(newSince(urls, '2024-03-02T00:00:00Z').length, 0);
    assert.equal(newSince(urls, '2024-02-28T00:00:00Z').length, 1);
  });

  it('advances the cursor to the newest stamp, never backwards', () => {
    assert.equal(advanceCursor(refs), '2024-03-05T00:00:00Z');
    assert.equal(advanceCursor(refs, '2024-04-01T00:00:00Z'), '2024-04-01T00:00:00Z');
    assert.equal(advanceCursor([{ loc: 'x' }]), undefined);
  });

  it('orders newest first with undated last', () => {
    assert.deepEqual(
      newestFirst(refs).map((r) => r.loc),
      ['https://a.example/2.xml', 'https://a.example/1.xml', 'https://a.example/3.xml'],
    );
  });
});

describe('readSitemaps over HTTP (index → gzip children)', () => {
  let server: FixtureServer;
  let fetchBytes: FetchBytes;
  const child = (urls: Array<[string, string]>): string =>
    `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map(([p, d]) => `<url><loc>${p}</loc><lastmod>${d}</lastmod></url>`).join('')}</urlset>`;

  before(async () => {
    server = await startFixtureServer();
    const base = server.url;
    const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>${base}/sitemaps/2024-01.xml.gz</loc><lastmod>2024-01-31T23:50:00Z</lastmod></sitemap>
      <sitemap><loc>${base}/sitemaps/2024-02.xml.gz</loc><lastmod>2024-02-29T22:10:00Z</lastmod></sitemap>
      <sitemap><loc>${base}/sitemaps/2024-03.xml.gz</loc><lastmod>2024-03-05T07:00:00Z</lastmod></sitemap>
    </sitemapindex>`;
    server.route('/sitemap_index.xml', { headers: { 'content-type': 'application/xml' }, body: index });
    server.route('/sitemaps/2024-01.xml.gz', {
      headers: { 'content-type': 'application/gzip' },
      body: gzipSync(child([[`${base}/news/1`, '2024-01-10T00:00:00Z']])),
    });
    server.route('/sitemaps/2024-02.xml.gz', {
      headers: { 'content-type': 'application/gzip' },
      body: gzipSync(
        child([
          [`${base}/news/2`, '2024-02-10T00:00:00Z'],
          [`${base}/news/3`, '2024-02-29T22:00:00Z'],
        ]),
      ),
    });
    // The fixture's own gzip file, with its absolute locs on another host (a CDN-style split).
    server.route('/sitemaps/2024-03.xml.gz', {
      headers: { 'content-type': 'application/gzip' },
      body: readFixtureBytes('sitemap', 'month-2024-03.xml.gz'),
    });
    fetchBytes = async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
      return { bytes: new Uint8Array(await res.arrayBuffer()), url: res.url };
    };
  });
  after(() => server.close());

  it('first import reads the newest children up to the budget and sets the cursor', async () => {
    const res = await readSitemaps(fetchBytes, `${server.url}/sitemap_index.xml`, { maxSitemaps: 3 });
    assert.equal(res.kind, 'sitemapindex');
    assert.deepEqual(res.fetched, [
      `${server.url}/sitemap_index.xml`,
      `${server.url}/sitemaps/2024-03.xml.gz`,
      `${server.url}/sitemaps/2024-02.xml.gz`,
    ]);
    assert.deepEqual(res.skipped, [`${server.url}/sitemaps/2024-01.xml.gz`]);
    assert.equal(res.urls.length, 5);
    assert.equal(res.cursor, '2024-03-05T07:00:00Z');
  });

  it('a later poll reads only children changed since the cursor (plus the newest), and only new URLs', async () => {
    const before = server.hits('/sitemaps/2024-02.xml.gz');
    const res = await readSitemaps(fetchBytes, `${server.url}/sitemap_index.xml`, { cursor: '2024-03-05T07:00:00Z' });
    assert.deepEqual(res.fetched, [`${server.url}/sitemap_index.xml`, `${server.url}/sitemaps/2024-03.xml.gz`]);
    assert.equal(server.hits('/sitemaps/2024-02.xml.gz'), before, 'an unchanged child was fetched again');
    assert.deepEqual(
      res.urls.map((u) => u.lastmod),
      ['2024-03-05T07:00:00Z'],
    );
    assert.equal(res.cursor, '2024-03-05T07:00:00Z');
  });

  it('keeps the cursor when changed children were left for lack of budget', async () => {
    const res = await readSitemaps(fetchBytes, `${server.url}/sitemap_index.xml`, { cursor: '2024-01-01T00:00:00Z', maxSitemaps: 2 });
    assert.equal(res.skipped.length, 2);
    assert.equal(res.cursor, '2024-01-01T00:00:00Z');
  });

  it('a plain urlset is read directly', async () => {
    server.route('/news-sitemap.xml', { body: readFixtureBytes('sitemap', 'news-sitemap.xml') });
    const res = await readSitemaps(fetchBytes, `${server.url}/news-sitemap.xml`, { cursor: '2025-06-09T00:00:00Z' });
    assert.equal(res.kind, 'urlset');
    assert.deepEqual(
      res.urls.map((u) => u.news?.title),
      ['Mill bridge reopens after eight months of repairs', 'Cherry growers & pickers expect an early harvest'],
    );
    assert.equal(res.cursor, '2025-06-10T09:05:00Z');
  });
});

describe('advanceCursor and bad clocks', () => {
  it('ignores lastmods in the future when moving the cursor', () => {
    const now = Date.parse('2025-06-10T12:00:00Z');
    const urls = [
      { loc: 'https://a.example/1', lastmod: '2025-06-10T11:00:00Z' },
      { loc: 'https://a.example/2', lastmod: '2031-01-01T00:00:00Z' },
    ];
    assert.equal(advanceCursor(urls, undefined, now), '2025-06-10T11:00:00Z');
    assert.equal(newSince(urls, '2025-06-10T11:00:00Z').length, 2);
  });
});

describe('readSitemaps: a child that fails', () => {
  it('is reported and skipped, and holds the cursor back', async () => {
    const srv = await startFixtureServer();
    try {
      srv.route('/index.xml', {
        body: `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <sitemap><loc>${srv.url}/ok.xml</loc><lastmod>2025-06-01T00:00:00Z</lastmod></sitemap>
          <sitemap><loc>${srv.url}/broken.xml</loc><lastmod>2025-06-02T00:00:00Z</lastmod></sitemap></sitemapindex>`,
      });
      srv.route('/ok.xml', { body: `<urlset><url><loc>${srv.url}/x</loc><lastmod>2025-06-01T00:00:00Z</lastmod></url></urlset>` });
      srv.route('/broken.xml', { status: 500, body: 'oops' });
      const fetchBytes: FetchBytes = async (url) => {
        const r = await fetch(url);
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return { bytes: new Uint8Array(await r.arrayBuffer()), url: r.url };
      };
      const res = await readSitemaps(fetchBytes, `${srv.url}/index.xml`, { cursor: '2025-05-01T00:00:00Z' });
      assert.deepEqual(
        res.urls.map((u) => u.loc),
        [`${srv.url}/x`],
      );
      assert.deepEqual(res.skipped, [`${srv.url}/broken.xml`]);
      assert.match(res.warnings.join('\n'), /broken\.xml: HTTP 500/);
      assert.equal(res.cursor, '2025-05-01T00:00:00Z');
    } finally {
      await srv.close();
    }
  });
});
