import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crawlListing, type FetchHtml } from '../../../src/ingest/listing/crawl.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { readFixture } from './fixtures.js';

// A small fixture site: three listing pages chained by "Older posts", served over real HTTP.
function page(n: number, next: number | undefined): string {
  const posts = [1, 2, 3].map((i) => {
    const id = (n - 1) * 3 + i;
    return `<article class="post"><h2><a href="/posts/${id}-notes-from-the-allotment-week-${id}">Notes from the allotment, week ${id}</a></h2>
      <p>This week the beans went in and the slugs found them within a day; the usual story, told again with feeling ..</p>
      <a class="more-link" href="/posts/${id}-notes-from-the-allotment-week-${id}">Read more</a></article>`;
  });
  const pager = next ? `<div class="nav-links"><a href="/blog/page/${next}/">Older posts</a></div>` : '';
  return `<html><body><nav><a href="/">Home</a><a href="/about/">About</a></nav><main>${posts.join('')}${pager}</main></body></html>`;
}

describe('crawlListing over a local HTTP server', () => {
  let server: FixtureServer;
  let fetchHtml: FetchHtml;
  before(async () => {
    server = await startFixtureServer({
      '/blog/': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page(1, 2) },
      '/blog/page/2/': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page(2, 3) },
      '/blog/page/3/': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page(3, undefined) },
      '/loop/': { headers: { 'content-type': 'text/html' }, body: page(1, 2).replace('/blog/page/2/', '/loop/') },
      '/ellipsis/': {
        headers: { 'content-type': 'text/html' },
        body: readFixture('listing', 'ellipsis-flat.html').replace('<base href="http://lakesiderail.example/news/" />', ''),
      },
    });
    fetchHtml = async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
      return { html: await res.text(), url: res.url };
    };
  });
  after(() => server.close());

  it('follows "next page" up to the limit and reports where it stopped', async () => {
    const res = await crawlListing(fetchHtml, `${server.url}/blog/`, { maxPages: 2 });
    assert.deepEqual(res.pages, [`${server.url}/blog/`, `${server.url}/blog/page/2/`]);
    assert.equal(res.items.length, 6);
    assert.equal(res.nextPage, `${server.url}/blog/page/3/`);
    assert.equal(server.hits('/blog/page/3/'), 0);
    assert.equal(res.items[0]!.url, `${server.url}/posts/1-notes-from-the-allotment-week-1`);
    assert.equal(res.items[5]!.title, 'Notes from the allotment, week 6');
    assert.ok(res.items.every((i) => !i.summary!.endsWith('..')));
  });

  it('reads to the last page when the limit allows', async () => {
    const res = await crawlListing(fetchHtml, `${server.url}/blog/`, { maxPages: 10 });
    assert.equal(res.pages.length, 3);
    assert.equal(res.items.length, 9);
    assert.equal(res.nextPage, undefined);
  });

  it('reads one page by default (a regular poll)', async () => {
    const res = await crawlListing(fetchHtml, `${server.url}/blog/`);
    assert.equal(res.pages.length, 1);
    assert.equal(res.items.length, 3);
  });

  it('stops at a page whose items are all known already', async () => {
    const known = new Set([4, 5, 6].map((id) => `${server.url}/posts/${id}-notes-from-the-allotment-week-${id}`));
    const res = await crawlListing(fetchHtml, `${server.url}/blog/`, { maxPages: 10, knownIds: known });
    assert.equal(res.pages.length, 2);
  });

  it('does not loop when "next" points back to a page already read', async () => {
    const res = await crawlListing(fetchHtml, `${server.url}/loop/`, { maxPages: 10 });
    assert.deepEqual(res.pages, [`${server.url}/loop/`]);
  });

  it('serves the ellipsis fixture site and strips its truncation marks', async () => {
    const res = await crawlListing(fetchHtml, `${server.url}/ellipsis/`);
    assert.equal(res.items.length, 5);
    assert.equal(res.items[0]!.url, `${server.url}/ellipsis/steam-engine-returns-to-the-branch-line/`);
    assert.ok(res.items[0]!.summary!.endsWith('most of its boiler tubes'));
  });
});

describe('crawlListing when a later page fails', () => {
  it('keeps the items read so far and says what failed', async () => {
    const srv = await startFixtureServer({
      '/blog/': { headers: { 'content-type': 'text/html' }, body: page(1, 2) },
      '/blog/page/2/': { status: 503, body: 'busy' },
    });
    try {
      const fetchHtml: FetchHtml = async (url) => {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return { html: await res.text(), url: res.url };
      };
      const res = await crawlListing(fetchHtml, `${srv.url}/blog/`, { maxPages: 5 });
      assert.equal(res.items.length, 3);
      assert.deepEqual(res.warnings, [`${srv.url}/blog/page/2/: HTTP 503`]);
    } finally {
      await srv.close();
    }
  });
});
