// Markup nested hundreds of thousands of levels deep (src/domain/markup-depth.ts). Every
// htmlparser2 reader paid for each start tag in proportion to the elements open, so such a
// document cost the square of its nesting: an 800 kB feed item took half a minute to sanitise, on the
// thread that serves the pages when an editor previewed the feed at the desk. These tests check what
// each reader keeps and drops past the cut; they carry a generous time-out only as a guard against
// the quadratic reading, which took minutes on these inputs (speed is for bench/, not for tests).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MAX_MARKUP_DEPTH } from '../../src/domain/markup-depth.js';
import { findFeedLinks } from '../../src/ingest/discover/feed-links.js';
import { extractListing } from '../../src/ingest/listing/detect.js';
import { parseSitemap } from '../../src/ingest/sitemap/parse.js';
import { sanitizeHtml } from '../../src/sanitize/index.js';
import { htmlToText } from '../../src/text/html-to-text.js';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { mountDesk } from '../desk/helpers.js';

/** Levels of nesting in the hostile documents (about 800 kB of `<div><b>`). */
const LEVELS = 100_000;
/** A hang guard, not a speed measure: each reader takes well under a second now, minutes before. */
const GUARD = { timeout: 60_000 };
const deep = (open: string): string => open.repeat(LEVELS);

test('the sanitiser reads deep nesting flattened: every text kept, nothing executable', GUARD, () => {
  const html = `<p>top</p>${deep('<div><b>')}bottom<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:x">link</a>${'</b></div>'.repeat(LEVELS)}<p>after</p>`;
  const out = sanitizeHtml(html, { baseUrl: 'https://news.example/' });
  for (const text of ['top', 'bottom', 'link', 'after']) assert.ok(out.includes(text), `"${text}" lost`);
  assert.doesNotMatch(out, /script|alert|onerror|javascript/);
  // Tags balanced, and no deeper than the sanitiser writes.
  let depth = 0;
  let deepest = 0;
  for (const m of out.matchAll(/<(\/?)([a-z0-9]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    depth += m[1] ? -1 : 1;
    deepest = Math.max(deepest, depth);
  }
  assert.equal(depth, 0);
  assert.ok(deepest <= 256, `nested ${deepest} deep`);
  assert.equal(sanitizeHtml(out, { baseUrl: 'https://news.example/' }), out, 'not a fixed point');
  // Unclosed tags nest too ("<b>" a million times is how a sloppy or hostile feed does it).
  const unclosed = sanitizeHtml(`${deep('<table><tr><td>')}cell`);
  assert.ok(unclosed.includes('cell'));
});

test('plain text of deep markup: every text kept', GUARD, () => {
  const text = htmlToText(`<p>top</p>${deep('<div><span>')}bottom<p>after</p>`);
  assert.match(text, /^top\n\nbottom/);
  assert.ok(text.endsWith('after'), text.slice(-40));
});

test('discovery, listing detection and sitemaps stop reading past the nesting bound', GUARD, () => {
  const page = `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>${deep('<div><b>')}</body></html>`;
  const links = findFeedLinks(page, 'https://news.example/');
  assert.deepEqual(
    links.map((l) => l.url),
    ['https://news.example/feed.xml'],
  );
  extractListing(page, 'https://news.example/');
  const sitemap = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/a</loc></url>${deep('<x>')}<url><loc>https://news.example/b</loc></url></urlset>`;
  const read = parseSitemap(sitemap, 'https://news.example/sitemap.xml');
  assert.deepEqual(
    read.urls.map((u) => u.loc),
    ['https://news.example/a'],
  );
  assert.ok(read.warnings.some((w) => w.includes(`deeper than ${MAX_MARKUP_DEPTH} levels`)));
});

let srv: FixtureServer;
before(async () => {
  const item = `<item><title>Deep item</title><link>https://news.example/deep</link><guid>deep-1</guid><description><![CDATA[lead ${deep('<div><b>')}tail]]></description></item>`;
  srv = await startFixtureServer({
    '/deep.xml': {
      headers: { 'content-type': 'application/rss+xml' },
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep Wire</title><link>https://news.example/</link>${item}</channel></rss>`,
    },
  });
  srv.route('/', {
    headers: { 'content-type': 'text/html' },
    body: `<!doctype html><html><head><title>Deep site</title><link rel="alternate" type="application/rss+xml" href="${srv.url}/deep.xml"></head><body>${deep('<div><span>')}</body></html>`,
  });
});
after(() => srv.close());

forEachDialect((d) => {
  test("the desk's preview of a deeply nested site answers with the feed's teaser", GUARD, async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const res = await desk.post('/desk/sources/preview', { url: `${srv.url}/` });
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.ok(page.includes('Deep item'), 'the teaser of the deep feed is missing');
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
