import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { discoverFeeds, findFeedLinks } from '../../src/ingest/discover/index.js';
import type { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { loopbackFetcher } from '../helpers/loopback-fetcher.js';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const FEED = rssFeed('Site feed', [{ guid: '1', title: 'One', link: 'https://site.example/1' }]);
const ATOM =
  '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom feed</title><entry><id>urn:1</id><title>A</title></entry></feed>';

describe('findFeedLinks', () => {
  it('reads rel=alternate feed links, resolves them, puts comment feeds last', () => {
    const html = `<html><head><base href="https://site.example/blog/">
      <link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed">
      <link rel="alternate" type="application/rss+xml" title="Posts" href="feed.xml">
      <link rel="Alternate" type="application/atom+xml" href="https://site.example/atom">
      <link rel="alternate" type="text/html" href="/other">
      <link rel="alternate" type="application/feed+json" href="/feed.json">
      <link rel="stylesheet" href="/x.css"></head><body></body></html>`;
    const links = findFeedLinks(html, 'https://site.example/');
    assert.deepEqual(
      links.map((l) => l.url),
      [
        'https://site.example/blog/feed.xml',
        'https://site.example/atom',
        'https://site.example/feed.json',
        'https://site.example/comments/feed',
      ],
    );
    assert.equal(links[0]!.title, 'Posts');
  });
});

describe('discoverFeeds', () => {
  let srv: FixtureServer;
  let fetcher: HttpFetcher;
  before(async () => {
    srv = await startFixtureServer();
    fetcher = loopbackFetcher();
  });
  after(async () => {
    await fetcher.close();
    await srv.close();
  });

  it('takes a feed URL as it is', async () => {
    srv.route('/direct.xml', { headers: { 'content-type': 'application/rss+xml' }, body: FEED });
    const r = await discoverFeeds(fetcher, `${srv.url}/direct.xml`);
    assert.equal(r.page, false);
    assert.deepEqual(
      r.feeds.map((f) => [f.url, f.via, f.title]),
      [[`${srv.url}/direct.xml`, 'direct', 'Site feed']],
    );
  });

  it("follows the page's <link rel=alternate> and checks the feeds are real", async () => {
    srv.route('/site-a/', {
      headers: { 'content-type': 'text/html' },
      body: '<html><head><link rel="alternate" type="application/atom+xml" href="/site-a/atom.xml"><link rel="alternate" type="application/rss+xml" href="/site-a/broken.xml"></head></html>',
    });
    srv.route('/site-a/atom.xml', { headers: { 'content-type': 'application/atom+xml' }, body: ATOM });
    const r = await discoverFeeds(fetcher, `${srv.url}/site-a/`);
    assert.equal(r.page, true);
    assert.deepEqual(
      r.feeds.map((f) => [f.url, f.via]),
      [[`${srv.url}/site-a/atom.xml`, 'link']],
    );
    assert.ok(r.tried.some((t) => t.url.endsWith('/site-a/broken.xml') && /404/.test(t.problem)));
  });

  it('falls back to common paths when the page advertises nothing', async () => {
    const paths = await startFixtureServer({
      '/': { headers: { 'content-type': 'text/html' }, body: '<html><head><title>No links</title></head><body></body></html>' },
      '/rss': { headers: { 'content-type': 'text/html' }, body: '<html><body>not this</body></html>' },
      '/atom.xml': { headers: { 'content-type': 'application/atom+xml' }, body: ATOM },
    });
    try {
      const r = await discoverFeeds(fetcher, `${paths.url}/`);
      assert.deepEqual(
        r.feeds.map((f) => [f.url, f.via]),
        [[`${paths.url}/atom.xml`, 'common-path']],
      );
      assert.equal(paths.hits('/feed.xml'), 0, 'stops at the first feed found');
    } finally {
      await paths.close();
    }
  });

  it('reports what it tried when there is no feed', async () => {
    const none = await startFixtureServer({ '/': { headers: { 'content-type': 'text/html' }, body: '<html></html>' } });
    try {
      const r = await discoverFeeds(fetcher, `${none.url}/`);
      assert.equal(r.feeds.length, 0);
      assert.ok(r.tried.length >= 5);
    } finally {
      await none.close();
    }
  });
});
