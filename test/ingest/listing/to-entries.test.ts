import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listingItemToEntry } from '../../../src/ingest/listing/to-entries.js';
import { sitemapUrlToEntry, titleFromSlug } from '../../../src/ingest/sitemap/to-entries.js';

describe('listing items as parsed entries', () => {
  it('maps every field and sets dedupeKey to the normalised URL', () => {
    const e = listingItemToEntry({
      title: 'Mill bridge reopens',
      url: 'https://www.valleycourier.example/news/mill-bridge-48211',
      summary: 'Drivers can cross again.',
      published: '2025-06-10T10:00:00Z',
      image: 'https://img.valleycourier.example/cdn/48211-640.jpg',
      id: 'https://www.valleycourier.example/news/mill-bridge-48211',
    });
    assert.deepEqual(e, {
      id: 'https://www.valleycourier.example/news/mill-bridge-48211',
      title: 'Mill bridge reopens',
      titleType: 'text/plain',
      link: 'https://www.valleycourier.example/news/mill-bridge-48211',
      links: [{ href: 'https://www.valleycourier.example/news/mill-bridge-48211', rel: 'alternate', type: 'text/html' }],
      dedupeKey: 'https://www.valleycourier.example/news/mill-bridge-48211',
      summary: 'Drivers can cross again.',
      summaryType: 'text/plain',
      published: '2025-06-10T10:00:00Z',
      enclosures: [{ href: 'https://img.valleycourier.example/cdn/48211-640.jpg', type: 'image/jpeg' }],
    });
  });
});

describe('sitemap URLs as parsed entries', () => {
  it('uses the news title, publication date, language, publication and keywords', () => {
    const e = sitemapUrlToEntry({
      loc: 'https://a.example/news/x-1?utm_source=sitemap',
      lastmod: '2025-06-10T09:05:00Z',
      news: { title: 'A title', publicationDate: '2025-06-10T08:58:00Z', publicationName: 'A Paper', language: 'en', keywords: ['roads'] },
      images: [{ loc: 'https://img.a.example/1.png' }],
    });
    assert.equal(e.dedupeKey, 'https://a.example/news/x-1');
    assert.equal(e.id, 'https://a.example/news/x-1');
    assert.equal(e.title, 'A title');
    assert.equal(e.published, '2025-06-10T08:58:00Z');
    assert.equal(e.updated, '2025-06-10T09:05:00Z');
    assert.equal(e.language, 'en');
    assert.deepEqual(e.source, { title: 'A Paper' });
    assert.deepEqual(e.categories, [{ term: 'roads' }]);
    assert.deepEqual(e.enclosures, [{ href: 'https://img.a.example/1.png', type: 'image/png' }]);
  });

  it('falls back to the slug for a title and to lastmod for the date', () => {
    const e = sitemapUrlToEntry({ loc: 'https://a.example/2024/03/05/mill-bridge-reopens-48211.html', lastmod: '2024-03-05T00:00:00Z' });
    assert.equal(e.title, 'Mill bridge reopens');
    assert.equal(e.published, '2024-03-05T00:00:00Z');
    assert.equal(titleFromSlug('https://dasht-news.example/news/52318/%DA%A9%D8%A7%D9%87%D8%B4-%D9%85%D8%B5%D8%B1%D9%81'), 'کاهش مصرف');
    assert.equal(titleFromSlug('https://a.example/'), undefined);
  });
});

describe('listingToParsedFeed', () => {
  it('wraps a listing read as a ParsedFeed named after the page', async () => {
    const { listingToParsedFeed } = await import('../../../src/ingest/listing/to-entries.js');
    const feed = listingToParsedFeed(
      { items: [{ title: 'T', url: 'https://a.example/x-y-z', id: 'https://a.example/x-y-z' }], pageTitle: 'A Site – News', lang: 'fa' },
      'https://a.example/news',
    );
    assert.equal(feed.version, '');
    assert.equal(feed.bozo, false);
    assert.deepEqual(feed.feed, { link: 'https://a.example/news', title: 'A Site – News', titleType: 'text/plain', language: 'fa' });
    assert.equal(feed.entries[0]!.dedupeKey, 'https://a.example/x-y-z');
  });
});
