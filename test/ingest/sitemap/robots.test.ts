import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { robotsUrlFor, sitemapCandidates, sitemapsFromRobots } from '../../../src/ingest/sitemap/robots.js';
import { readFixture } from '../listing/fixtures.js';

describe('robots.txt Sitemap: lines', () => {
  const robots = readFixture('sitemap', 'robots.txt');

  it('finds every Sitemap line in any group and any case, resolves relative ones, drops repeats and non-http', () => {
    assert.deepEqual(sitemapsFromRobots(robots, 'https://dasht-news.example/robots.txt'), [
      'https://dasht-news.example/sitemap_index.xml',
      'https://dasht-news.example/news-sitemap.xml',
    ]);
  });

  it('knows where robots.txt is', () => {
    assert.equal(robotsUrlFor('https://dasht-news.example/news/52340/x?y=1'), 'https://dasht-news.example/robots.txt');
  });

  it('lists candidates: news sitemaps from robots first, then the usual paths, no repeats', () => {
    const c = sitemapCandidates('https://dasht-news.example/latest', robots);
    assert.equal(c[0], 'https://dasht-news.example/news-sitemap.xml');
    assert.equal(c[1], 'https://dasht-news.example/sitemap_index.xml');
    assert.ok(c.includes('https://dasht-news.example/sitemap.xml'));
    assert.equal(new Set(c).size, c.length);
    assert.equal(sitemapCandidates('https://x.example/')[0], 'https://x.example/news-sitemap.xml');
  });
});
