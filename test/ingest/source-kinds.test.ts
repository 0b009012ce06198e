// Listing pages and sitemaps go through the same poll as feeds: read by their own modules,
// stored, deduplicated and scheduled by the shared pipeline.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { harness, type Harness } from './harness.js';

describe('page and sitemap sources', () => {
  let srv: FixtureServer;
  let h: Harness;
  before(async () => {
    srv = await startFixtureServer();
    h = await harness();
  });
  after(async () => {
    await h.close();
    await srv.close();
  });

  it('polls a sitemap source and stores its URLs once, keeping its cursor', async () => {
    const urls = [1, 2, 3].map(
      (i) => `<url><loc>${srv.url}/news/2025/06/0${i}/story-${i}</loc><lastmod>2025-06-0${i}T10:00:00Z</lastmod></url>`,
    );
    srv.route('/sitemap.xml', {
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`,
    });
    const { source } = await h.store.sources.add({ url: `${srv.url}/sitemap.xml`, kind: 'sitemap' });
    const s = await h.scheduler.pollOnce();
    const after1 = (await h.store.sources.get(source.id))!;
    assert.equal(after1.status, 'ok', after1.lastError ?? '');
    assert.equal(s.inserted, 3);
    assert.equal(typeof after1.settings.sitemapCursor, 'string', 'the cursor is stored with the check');
    await h.makeDue(source.id);
    await h.scheduler.pollOnce();
    assert.equal(await h.store.entries.count({ sourceId: source.id }), 3);
  });

  it('polls a listing page source and stores its teasers', async () => {
    const teasers = [1, 2, 3, 4, 5]
      .map(
        (i) =>
          `<article class="teaser"><h2><a href="/news/2025/06/0${i}/headline-number-${i}">Headline number ${i} about the city council vote</a></h2>` +
          `<p>Summary of story ${i}, a few words long enough to look like a teaser on a news page.</p><time datetime="2025-06-0${i}T09:00:00Z">June ${i}</time></article>`,
      )
      .join('\n');
    srv.route('/news/', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><html><head><title>News</title></head><body><main>${teasers}</main></body></html>`,
    });
    const { source } = await h.store.sources.add({ url: `${srv.url}/news/`, kind: 'page', settings: { firstImportPages: 1 } });
    const s = await h.scheduler.pollOnce();
    const after1 = (await h.store.sources.get(source.id))!;
    assert.equal(after1.status, 'ok', after1.lastError ?? '');
    assert.equal(s.inserted, 5);
    const titles = (await h.store.entries.list({ sourceId: source.id, limit: 10 })).items.map((e) => e.title).sort();
    assert.equal(titles[0], 'Headline number 1 about the city council vote');
  });
});
