// Bylines and dates that stand for no value (x-meta2): a byline from Readability, <meta> or
// JSON-LD that names no one, and a date that is a program's zero time or later than the page
// was served, give way to the next source's. Made-up pages; each assertion fails on the build
// before the round (checked against main's dist).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { prose } from './helpers.js';
import { normalizeDate } from '../../../src/ingest/extract/dates.js';

const URL = 'https://harbour.example/news/ferry-link';

function page(head: string, top = '', headers?: Record<string, string>) {
  const html = `<!DOCTYPE html><html lang="en"><head><title>Ferry link approved</title>${head}</head><body>
<header>${top}<nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Ferry link approved</h1>
${prose('The ferry story', 8)}
</article></main></body></html>`;
  return extractArticle({ bytes: Buffer.from(html), url: URL, headers });
}

const ld = (o: Record<string, unknown>): string =>
  `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Ferry link approved', ...o })}</script>`;

test("a <meta> author that is a field's name or a program's word for no value is no byline: the page's byline element is read", () => {
  const byline = '<span class="author vcard"><a href="/author/jane">Jane Roe</a></span>';
  assert.equal(page('<meta name="author" content="author">', byline).byline, 'Jane Roe');
  assert.equal(page('<meta name="author" content="publisher">', byline).byline, 'Jane Roe');
  assert.equal(page('<meta name="author" content="Unknown">').byline, null);
  assert.equal(page('<meta name="author" content="-">').byline, null);
});

test('a byline that is a label with nothing after it, or a date, names no one', () => {
  const byline = '<div class="byline">Posted on</div><span class="author vcard"><a href="/author/jane">Jane Roe</a></span>';
  assert.equal(page('', byline).byline, 'Jane Roe');
  assert.equal(page('<meta name="author" content="By">').byline, null);
  assert.equal(page('<meta name="author" content="Veröffentlicht am">').byline, null);
  assert.equal(page('<meta name="author" content="6 de mayo de 2022 05:30">').byline, null);
  assert.equal(page('<meta name="author" content="1:13 pm, August 9th, 2012">').byline, null);
});

test("JSON-LD's author is cut to the names as a byline element is, and one that names no one gives way to <meta>'s", () => {
  assert.equal(page(ld({ author: { '@type': 'Person', name: 'By JANE ROE, AP Writer' } })).byline, 'JANE ROE, AP Writer');
  assert.equal(page(`${ld({ author: { '@type': 'Person', name: 'Unknown' } })}<meta name="author" content="Jane Roe">`).byline, 'Jane Roe');
  // A name stays as the page gives it.
  assert.equal(page('<meta name="author" content="Jane Roe | Harbour Times">').byline, 'Jane Roe | Harbour Times');
});

test("a program's zero time is no date: the next source's date is read", () => {
  const next = '<meta property="article:published_time" content="2019-11-19T10:00:00Z">';
  assert.equal(page(`${ld({ datePublished: '0001-01-01T00:00:00Z' })}${next}`).published, '2019-11-19T10:00:00Z');
  assert.equal(page('<meta property="article:published_time" content="0001-01-01T00:00:00Z">').published, null);
  assert.equal(page('<meta property="article:published_time" content="1970-01-01T00:00:00Z">').published, null);
  assert.equal(normalizeDate('1970-01-01T01:00:00+01:00'), null);
  assert.equal(normalizeDate('0'.repeat(10)), null);
  // Not the epoch's start: a real instant on that day.
  assert.equal(normalizeDate('1970-01-01T09:30:00Z'), '1970-01-01T09:30:00Z');
});

test('a date more than a day after the page was served (its HTTP Date header) is no publication date', () => {
  const served = { date: 'Sun, 06 Dec 2026 12:00:00 GMT' };
  const at = (d: string, h?: Record<string, string>) => page(`<meta property="article:published_time" content="${d}">`, '', h).published;
  assert.equal(at('2027-03-01T09:00:00Z', served), null);
  assert.equal(
    page(`${ld({ datePublished: '2027-03-01' })}<meta property="article:published_time" content="2026-12-05">`, '', served).published,
    '2026-12-05',
  );
  // Within a day: a wall-clock time without an offset may be a zone ahead of UTC.
  assert.equal(at('2026-12-07T08:00:00', served), '2026-12-07T08:00:00');
  // Without the header the extractor does not know when the page was served.
  assert.equal(at('2027-03-01T09:00:00Z'), '2027-03-01T09:00:00Z');
});
