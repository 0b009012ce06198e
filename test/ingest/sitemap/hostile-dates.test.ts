// Dates no clock writes, in a news sitemap read over HTTP (r-ingest4, docs/security.md): an
// offset of +99:99 or +25:00 and a year of 99999 are no date (the URL is kept, undated), as month
// 13 already was. Before, `+99:99` was read as 100 hours 39 minutes and moved the date four days,
// and the platform's fallback kept `+099999-01-01T00:00:00Z` as a date in year 99999.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpFetcher } from '../../../src/ingest/fetch/index.js';
import { readSitemapSource } from '../../../src/ingest/sitemap/sitemap-source.js';
import { parseDate } from '../../../src/text/dates.js';
import { type FixtureServer, startFixtureServer } from '../../helpers/fixture-server.js';

const dates = [
  '2026-12-01T10:00:00+99:99',
  '2026-12-01T10:00:00+25:00',
  '2026-12-01T10:00:00+05:75',
  'Tue, 01 Dec 2026 10:00:00 +9999',
  '+099999-01-01T00:00:00Z',
  // Real offsets, for comparison: the widest zones and a half-hour one.
  '2026-12-01T10:00:00+14:00',
  '2026-12-01T10:00:00-12:00',
  'Tue, 01 Dec 2026 10:00:00 +0530',
];

describe('sitemap dates with offsets and years no clock uses', () => {
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
    srv = await startFixtureServer({});
    const urls = dates
      .map(
        (d, i) => `<url><loc>${srv.url}/story/${i}</loc><lastmod>${d}</lastmod><news:news><news:publication><news:name>Daily</news:name>
<news:language>en</news:language></news:publication><news:publication_date>${d}</news:publication_date><news:title>Story ${i}</news:title></news:news></url>`,
      )
      .join('');
    srv.route('/news.xml', {
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${urls}</urlset>`,
    });
  });
  after(async () => {
    await fetcher.close();
    await srv.close();
  });

  it('keeps every URL, undated where the date is impossible, and the cursor on real dates only', async () => {
    const r = await readSitemapSource(fetcher, { url: `${srv.url}/news.xml`, settings: {}, etag: null, lastModified: null });
    const entries = r.feed?.entries ?? [];
    assert.equal(entries.length, dates.length);
    assert.deepEqual(
      entries.map((e) => [e.title, e.published ?? null]),
      [
        ['Story 0', null],
        ['Story 1', null],
        ['Story 2', null],
        ['Story 3', null],
        ['Story 4', null],
        ['Story 5', '2026-11-30T20:00:00Z'],
        ['Story 6', '2026-12-01T22:00:00Z'],
        ['Story 7', '2026-12-01T04:30:00Z'],
      ],
    );
    assert.equal(r.settings.sitemapCursor, '2026-12-01T22:00:00Z');
  });

  it('the shared date reader refuses them the same way in feeds', () => {
    assert.equal(parseDate('Tue, 01 Dec 2026 10:00:00 +2400'), undefined);
    assert.equal(parseDate('2026-12-01 10:00 GMT+99'), undefined);
    assert.equal(parseDate('2026-12-01T10:00:00+18:00'), '2026-11-30T16:00:00Z');
  });
});
