import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDate } from '../../../src/ingest/extract/dates.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { siteRuleFor } from '../../../src/ingest/extract/site-rules.js';
import { headlineFromDocumentTitle, headlineInTitle } from '../../../src/ingest/extract/title.js';

test('dates become ISO 8601, keeping the offset the page gave', () => {
  assert.equal(normalizeDate('2015-07-24T05:36:09+0100'), '2015-07-24T05:36:09+01:00');
  assert.equal(normalizeDate('2015-07-24 05:36'), '2015-07-24T05:36:00');
  assert.equal(normalizeDate('2015-07-24'), '2015-07-24');
  assert.equal(normalizeDate('1437716169'), '2015-07-24T05:36:09Z');
  assert.equal(normalizeDate('Fri, 24 Jul 2015 05:36:09 GMT'), '2015-07-24T05:36:09Z');
  assert.equal(normalizeDate('2015-13-40'), null);
  assert.equal(normalizeDate('yesterday-ish'), null);
  assert.equal(normalizeDate(''), null);
});

test('site names are cut from document titles, short remainders are not', () => {
  assert.equal(
    headlineFromDocumentTitle('Ferry link approved after long debate | Coastal Courier'),
    'Ferry link approved after long debate',
  );
  assert.equal(
    headlineFromDocumentTitle('Ferry link approved after long debate – Coastal Courier'),
    'Ferry link approved after long debate',
  );
  assert.equal(headlineFromDocumentTitle('Courier | Ferry link approved after long debate'), 'Ferry link approved after long debate');
  assert.equal(headlineFromDocumentTitle('Ferry approved | Courier'), 'Ferry approved | Courier');
  assert.equal(headlineFromDocumentTitle('A title with no separator at all'), 'A title with no separator at all');
});

test('a heading that is one end of the title, cut at a separator, is the headline', () => {
  // Short remainders and colons, which the document-title cleanup leaves whole.
  assert.equal(headlineInTitle('Ferry approved | Courier', ['Courier news', 'Ferry approved']), 'Ferry approved');
  assert.equal(headlineInTitle('Harbour Blog: Sunday 121111', ['Sunday 121111']), 'Sunday 121111');
  assert.equal(headlineInTitle('Courier » Blog Archive » Ferry approved', ['ferry approved']), 'ferry approved');
  // Not a separator: a heading that is only part of a word run or sits in the middle.
  assert.equal(headlineInTitle('Ferry approved by council | Courier', ['Ferry approved']), null);
  assert.equal(headlineInTitle('Courier | Ferry approved | Opinion', ['Ferry approved']), null);
  // The longest match wins; a heading as long as the title is the title itself.
  assert.equal(
    headlineInTitle('Ferry approved - Courier - Opinion', ['Ferry approved', 'Ferry approved - Courier']),
    'Ferry approved - Courier',
  );
  assert.equal(headlineInTitle('Ferry approved', ['Ferry approved']), null);
  // Short labels are not headlines.
  assert.equal(headlineInTitle('News | Courier', ['News']), null);
});

test("the title field drops the site's name when a heading on the page is the headline part; the site's logo heading is not", () => {
  const prose = `<p>${'The ferry link was approved on Monday after a long debate, and the works start in spring. '.repeat(5)}</p>`;
  const page = (head: string) =>
    `<html><head><title>Ferry approved | Coastal Courier</title></head><body>${head}<article>${prose}</article></body></html>`;
  const r = extractArticle({ bytes: Buffer.from(page('<h2>Ferry approved</h2>')), url: 'https://courier.example/a' });
  assert.equal(r.title, 'Ferry approved');
  // The logo heading links to the front page: it is the site's name, never the headline — and
  // since the broad-set round of 2026-12-04 that name is what the title loses (site-name-title.test.ts).
  const logo = extractArticle({ bytes: Buffer.from(page('<h1><a href="/">Coastal Courier</a></h1>')), url: 'https://courier.example/a' });
  assert.equal(logo.title, 'Ferry approved');
});

test('metadata falls back through JSON-LD, meta tags, microdata and <time>', () => {
  const prose = `<p>${'Some paragraph text of the article that reads like prose, with commas, and more. '.repeat(6)}</p>`;
  const html = `<html lang="fr"><head><title>Titre | Site</title>
    <meta property="og:title" content="Le vrai titre &amp; le reste">
    <meta name="twitter:image" content="https://img.example/lead.jpg">
    <meta property="og:url" content="https://site.example/a/1">
    </head><body><article><header><span itemprop="author" itemscope><span itemprop="name">Jeanne Martin</span></span>
    <time datetime="2023-11-02T10:00:00+01:00" pubdate>2 novembre</time></header>${prose}${prose}</article></body></html>`;
  const r = extractArticle({ bytes: html, url: 'https://site.example/a/1?ref=x' });
  assert.equal(r.title, 'Le vrai titre & le reste');
  assert.equal(r.leadImage, 'https://img.example/lead.jpg');
  assert.equal(r.canonicalUrl, 'https://site.example/a/1');
  assert.equal(r.published, '2023-11-02T10:00:00+01:00');
  assert.equal(r.lang, 'fr');
  assert.ok(r.byline?.includes('Jeanne Martin'), String(r.byline));
});

test('a site rule picks the content element for its hosts only', () => {
  assert.ok(siteRuleFor('https://en.wikipedia.org/wiki/Ferry'));
  assert.equal(siteRuleFor('https://wikipedia.org.evil.example/wiki/Ferry'), undefined);
  assert.equal(siteRuleFor('not a url'), undefined);
  const body = `<p>${'Ferries carry passengers and vehicles across bodies of water, often on short routes. '.repeat(4)}</p>`;
  const html = `<html><head><title>Ferry - Wikipedia</title></head><body><div id="mw-navigation"><a href="/">Main page</a></div>
    <div id="mw-content-text"><div class="mw-parser-output"><span class="mw-editsection">[edit]</span>${body}
    <div class="navbox">Transport navigation box</div></div></div></body></html>`;
  const r = extractArticle({ bytes: html, url: 'https://en.wikipedia.org/wiki/Ferry' });
  const text = r.text ?? '';
  assert.ok(text.startsWith('Ferries carry passengers'), text.slice(0, 60));
  assert.ok(!text.includes('[edit]') && !text.includes('navigation box') && !text.includes('Main page'));
});
