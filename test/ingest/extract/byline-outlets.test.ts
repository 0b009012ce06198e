// Bylines that name the outlet, a section or the page's furniture, and dates the body gives that
// stand for no date or have a two-figure year (x-meta3). Made-up pages; each assertion fails on
// the build before the round (checked against main's dist).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { prose } from './helpers.js';
import { figureOrder, normalizeDate } from '../../../src/ingest/extract/dates.js';

const URL = 'https://harbour.example/news/ferry-link';

function page(head: string, top = '', story = '', headers?: Record<string, string>, lang = 'en') {
  const html = `<!DOCTYPE html><html lang="${lang}"><head><title>Ferry link approved</title>${head}</head><body>
<header>${top}<nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Ferry link approved</h1>${story}
${prose('The ferry story', 8)}
</article></main></body></html>`;
  return extractArticle({ bytes: Buffer.from(html), url: URL, headers });
}

const site = '<meta property="og:site_name" content="Harbour Desk">';
const byline = '<span class="author vcard"><a href="/author/jane">Jane Roe</a></span>';

test("a byline that is the site's own name gives way to a byline that names a writer, and stays where none does", () => {
  // <meta name=author> (which Readability reads too) set to the site's or a section's name.
  assert.equal(page(`${site}<meta name="author" content="Harbour Desk">`, '', byline).byline, 'Jane Roe');
  assert.equal(page(`${site}<meta name="author" content="Harbour Desk">`).byline, 'Harbour Desk');
  // The outlet with its place after a comma, and a JSON-LD author that is the publisher.
  assert.equal(page(`${site}<meta name="author" content="Harbour Desk, Kiel, Germany">`, '', byline).byline, 'Jane Roe');
  const ld = `<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'Ferry link approved',
    author: { '@type': 'Organization', name: 'Harbour Desk Media' },
    publisher: { '@type': 'Organization', name: 'Harbour Desk Media' },
  })}</script>`;
  assert.equal(page(ld, '', byline).byline, 'Jane Roe');
  // The holder a copyright notice names is the outlet too.
  assert.equal(
    page('<meta name="copyright" content="Copyright (c) Quay Press 2024"><meta name="author" content="Quay Press">', '', byline).byline,
    'Jane Roe',
  );
});

test('a byline that says there is no author names no one', () => {
  assert.equal(page('<meta name="author" content="No Author">', '', byline).byline, 'Jane Roe');
  assert.equal(page('<meta name="author" content="Kein Autor">').byline, null);
});

test("an author's menu of links beside the name is not read as the byline", () => {
  // A template's indentation makes the element's raw text longer than a byline's bound; a reader sees a short line.
  const pad = '\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t';
  const withMenu = `<div class="nodebyline"><strong><a class="plus-icon">Cord Jefferson</a></strong>${pad}<div class="ui-dropdown" id="author-menu"><ul>${pad}<li><a href="/people/cord/" rel="author"><span>View Profile</span></a></li>${pad}<li><a href="mailto:c@harbour.example"><span>Email</span></a></li>${pad}<li><a href="/author/cord.xml"><span>RSS</span></a></li>${pad}</ul></div>${pad}</div>`;
  assert.equal(page('', '', withMenu).byline, 'Cord Jefferson');
});

test("a byline element in the site's masthead, a dateline, or a label in the page's common words is passed by", () => {
  const blogHead = '<div id="blog-header"><span class="author">Quay Presents</span><h1><a href="/asia/">Asia Desk</a></h1></div>';
  assert.equal(page('<meta property="og:site_name" content="Harbour Council - Asia Desk">', blogHead).byline, null);
  assert.equal(
    page('<meta name="author" content="No Author">', '', '<p><span class="dateline">KIEL – </span>The council met.</p>').byline,
    null,
  );
  // A line named a dateline that opens with a byline label is the byline.
  assert.match(page('', '', '<p class="dateline">By Ed Roe // November 6th, 2012</p>').byline ?? '', /Ed Roe/);
  const footer =
    '<p>A few words about the ferry and about me, who rode it for years.</p><a rel="nofollow author" href="/about-jane">About Me</a>';
  assert.equal(page('', footer).byline, null);
});

test("a byline's clock, copyright credit, zone-stamped date and 'Author:' label are not names", () => {
  assert.equal(page('<meta name="author" content="01:30 Min.">').byline, null);
  assert.equal(page('<meta name="author" content="Bild © hr">').byline, null);
  assert.equal(
    page(`${site}<meta name="author" content="Harbour Desk">`, '', '<div class="author">Author: Julia Hitz</div>').byline,
    'Julia Hitz',
  );
  const stamped = '<div class="byline">By Mike Roe and Mal Owen<br>Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)</div>';
  assert.equal(page('', '', stamped).byline, 'Mike Roe and Mal Owen');
  const motto = '<div class="author"><a href="/u/rmb">rmb8090</a><p>We keep the best of the eighties and nineties!</p></div>';
  assert.equal(page('', '', motto).byline, 'rmb8090');
});

test("a date the body gives that stands for no date gives way to the body's next date", () => {
  const zero = '<time pubdate datetime="0001-01-01T00:00:00Z">never</time><span class="published">March 9, 2017</span>';
  assert.equal(page('', '', zero).published, '2017-03-09');
  const served = { date: 'Sun, 06 Dec 2026 12:00:00 GMT' };
  const later = '<span itemprop="datePublished" content="2027-03-01"></span><span class="published">5 December 2026</span>';
  assert.equal(page('', '', later, served).published, '2026-12-05');
});

test('a date with a two-figure year is read only where the language says the order and the mark', () => {
  const de = figureOrder('de');
  // Date.parse reads every such date month first: 12 June.
  assert.equal(normalizeDate('6.12.26', de), '2026-12-06');
  assert.equal(normalizeDate('06.12.26 10:30', de), '2026-12-06T10:30:00');
  assert.equal(normalizeDate('06/12/26', figureOrder('en-US')), '2026-06-12');
  assert.equal(normalizeDate('31.12.99', de), '1999-12-31');
  // The century from the time the page was served, where known.
  assert.equal(normalizeDate('6.12.26', de, Date.parse('2126-12-07T00:00:00Z')), '2126-12-06');
  // No evidence: English without a region, a year-first language, another mark, no language.
  assert.equal(normalizeDate('06/12/26', figureOrder('en')), null);
  assert.equal(normalizeDate('26/06/12', figureOrder('ja')), null);
  assert.equal(normalizeDate('06/12/26', de), null);
  assert.equal(normalizeDate('13/06/26'), null);
  assert.equal(page('<meta name="date" content="6.12.26">', '', '', undefined, 'de').published, '2026-12-06');
});
