import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFeed } from '../../../src/ingest/parse/index.js';
import { fixture, parseText } from './helpers.js';

test('RSS 2.0 with dc:, content:, media:, itunes: and atom:link', () => {
  const r = parseFeed({ bytes: fixture('rss20-namespaces.xml') });
  assert.equal(r.version, 'rss20');
  assert.equal(r.bozo, false);
  assert.equal(r.encoding, 'utf-8');
  const f = r.feed;
  assert.equal(f.title, 'Harbour Gazette');
  assert.equal(f.link, 'https://gazette.example/');
  assert.deepEqual(
    f.links?.map((l) => l.rel),
    ['alternate', 'self'],
  );
  assert.equal(f.language, 'en-gb');
  assert.equal(f.updated, '2024-05-06T07:30:00Z');
  assert.deepEqual(f.authors, [{ name: 'News Desk', email: 'desk@gazette.example' }]);
  assert.deepEqual(f.image, {
    href: 'https://gazette.example/logo.png',
    title: 'Gazette logo',
    link: 'https://gazette.example/',
    width: 120,
    height: 60,
  });
  assert.equal(f.ttlSeconds, 1800);
  assert.deepEqual(
    f.categories?.map((c) => c.term),
    ['News', 'Daily News'],
  );
  const [a, b] = r.entries;
  assert.ok(a && b);
  assert.equal(a.id, 'gazette-1001');
  assert.equal(a.link, 'https://gazette.example/2024/05/ferry');
  assert.equal(a.published, '2024-05-06T07:00:00Z');
  assert.deepEqual(a.authors, [{ name: 'Ann Lee' }]);
  assert.deepEqual(a.categories, [{ term: 'transport', scheme: 'https://gazette.example/tags' }]);
  assert.equal(a.summaryType, 'text/html');
  assert.match(a.summary ?? '', /<b>timetable<\/b>/);
  assert.equal(a.content?.[0]?.type, 'text/html');
  assert.ok(!a.content?.[0]?.value.includes('<script'), 'content is sanitised');
  assert.deepEqual(a.enclosures, [{ href: 'https://gazette.example/audio/ferry.mp3', length: '123456', type: 'audio/mpeg' }]);
  assert.ok(
    a.links?.some((l) => l.rel === 'enclosure'),
    'enclosures are listed among links too',
  );
  assert.equal(a.comments, 'https://gazette.example/2024/05/ferry#comments');
  assert.deepEqual(a.source, { url: 'https://wire.example/feed', title: 'Wire Service' });
  // A permalink guid doubles as the link when there is none.
  assert.equal(b.link, 'https://gazette.example/2024/05/tides');
  assert.equal(b.updated, '2024-05-05T16:00:00Z');
});

test('RSS 0.9x versions, Netscape doctype, missing version', () => {
  const v = (attr: string, doctype = ''): string => parseText(`${doctype}<rss${attr}><channel><title>t</title></channel></rss>`).version;
  assert.equal(v(' version="0.91"'), 'rss091u');
  assert.equal(
    v(
      ' version="0.91"',
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">',
    ),
    'rss091n',
  );
  assert.equal(v(' version="0.92"'), 'rss092');
  assert.equal(v(' version="0.93"'), 'rss093');
  assert.equal(v(' version="0.94"'), 'rss094');
  assert.equal(v(' version="2.0"'), 'rss20');
  assert.equal(v(''), 'rss');
  const r090 = parseText(
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Old</title></channel><item><title>i</title><link>http://o.example/i</link></item></rdf:RDF>',
  );
  assert.equal(r090.version, 'rss090');
  assert.equal(r090.entries[0]?.link, 'http://o.example/i');
});

test('RSS 1.0 (RDF): items and image beside the channel', () => {
  const r = parseFeed({ bytes: fixture('rss10.rdf') });
  assert.equal(r.version, 'rss10');
  assert.equal(r.feed.language, 'de');
  assert.equal(r.feed.image?.href, 'https://rdf.example/logo.gif');
  assert.equal(r.entries.length, 1);
  assert.equal(r.entries[0]?.id, 'https://rdf.example/one');
  assert.equal(r.entries[0]?.updated, '2004-01-01T19:48:21Z');
  assert.deepEqual(r.entries[0]?.categories, [{ term: 'Allgemein' }]);
});

test('Atom 1.0: xhtml text constructs, xml:base, xml:lang, people, enclosure links', () => {
  const r = parseFeed({ bytes: fixture('atom10-xhtml.xml') });
  assert.equal(r.version, 'atom10');
  assert.equal(r.feed.language, 'fr');
  assert.equal(r.feed.link, 'https://blog.example/');
  assert.equal(r.feed.subtitleType, 'text/html');
  assert.deepEqual(r.feed.authors, [{ name: 'Claire', email: 'claire@blog.example', uri: 'https://blog.example/about' }]);
  assert.deepEqual(r.feed.generator, { name: 'Gen', uri: 'https://gen.example/', version: '3.2' });
  assert.equal(r.feed.icon, 'https://blog.example/favicon.ico');
  assert.deepEqual(r.feed.categories, [{ term: 'notes', scheme: 'https://blog.example/cats', label: 'Notes' }]);
  const e = r.entries[0]!;
  assert.equal(e.title, 'Une <em>note</em>', 'the wrapping xhtml div is removed');
  assert.equal(e.titleType, 'application/xhtml+xml');
  assert.equal(e.link, 'https://blog.example/posts/premiere');
  assert.equal(e.published, '2024-03-01T00:30:00Z');
  assert.deepEqual(e.enclosures, [{ href: 'https://cdn.example/a.ogg', length: '42', type: 'audio/ogg' }]);
  assert.equal(e.content?.[0]?.language, 'en');
  assert.equal(e.content?.[0]?.base, 'https://blog.example/posts/');
  assert.match(e.content?.[0]?.value ?? '', /href="https:\/\/blog\.example\/images\/x\.png"/);
  assert.equal(e.language, 'fr');
});

test('Atom 0.3: version, escaped and base64 content modes', () => {
  const r = parseText(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
    <entry><title mode="escaped" type="text/html">&lt;i&gt;hi&lt;/i&gt;</title>
    <content type="text/html" mode="base64">${Buffer.from('<p>decoded</p>').toString('base64')}</content>
    <issued>2003-12-31T10:14:55Z</issued><modified>2004-01-01T00:00:00Z</modified></entry></feed>`);
  assert.equal(r.version, 'atom03');
  const e = r.entries[0]!;
  assert.equal(e.title, '<i>hi</i>');
  assert.equal(e.content?.[0]?.value, '<p>decoded</p>');
  assert.equal(e.published, '2003-12-31T10:14:55Z');
  assert.equal(e.updated, '2004-01-01T00:00:00Z');
});

test('CDF channel with href and lastmod attributes', () => {
  const r = parseText(
    '<channel href="http://cdf.example/" lastmod="2004-04-06T23:05:43-05:00"><title>CDF</title><abstract>About</abstract><item href="http://cdf.example/1"><title>One</title><abstract>First</abstract></item></channel>',
  );
  assert.equal(r.version, 'cdf');
  assert.equal(r.feed.link, 'http://cdf.example/');
  assert.equal(r.feed.updated, '2004-04-07T04:05:43Z');
  assert.equal(r.feed.subtitle, 'About');
  assert.equal(r.entries[0]?.link, 'http://cdf.example/1');
  assert.equal(r.entries[0]?.summary, 'First');
});

test('JSON Feed 1.0 and 1.1', () => {
  const doc = (version: string): string =>
    JSON.stringify({
      version,
      title: 'JF',
      home_page_url: 'https://jf.example/',
      feed_url: 'https://jf.example/feed.json',
      authors: [{ name: 'Ed' }],
      items: [
        {
          id: '1',
          url: '/one',
          title: 'One',
          content_html: '<p>x</p><script>bad()</script>',
          date_published: '2024-01-02T03:04:05+01:00',
          tags: ['a'],
          attachments: [{ url: 'https://jf.example/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 99 }],
        },
        { id: '2', content_text: 'plain', author: { name: 'Old', url: 'mailto:old@jf.example' } },
      ],
    });
  const r1 = parseFeed({ bytes: Buffer.from(doc('https://jsonfeed.org/version/1')), url: 'https://jf.example/feed.json' });
  assert.equal(r1.version, 'json1');
  const r = parseFeed({ bytes: Buffer.from(doc('https://jsonfeed.org/version/1.1')), url: 'https://jf.example/feed.json' });
  assert.equal(r.version, 'json11');
  assert.equal(r.feed.title, 'JF');
  assert.equal(r.feed.link, 'https://jf.example/');
  const [a, b] = r.entries;
  assert.equal(a?.link, 'https://jf.example/one');
  assert.equal(a?.published, '2024-01-02T02:04:05Z');
  assert.ok(!a?.content?.[0]?.value.includes('script'));
  assert.deepEqual(a?.enclosures, [{ href: 'https://jf.example/a.mp3', length: '99', type: 'audio/mpeg' }]);
  assert.deepEqual(b?.content, [{ value: 'plain', type: 'text/plain' }]);
  assert.deepEqual(b?.authors, [{ name: 'Old', email: 'old@jf.example' }]);
});

test('JSON Feed: a field of the wrong type is read as absent, never coerced; the feed is still read', async () => {
  const { adaptEntry } = await import('../../../src/pipeline/adapt-entry.js');
  const doc = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: ['not', 'a', 'name'],
    home_page_url: 7,
    feed_url: { href: 'https://jf.example/feed.json' },
    description: 3,
    icon: 5,
    favicon: true,
    language: 9,
    authors: [{ name: 12, url: 34, avatar: 56 }],
    items: [
      {
        id: 42,
        url: 42,
        external_url: 43,
        title: 44,
        content_html: 45,
        content_text: 'The body, as text.',
        summary: 46,
        image: 47,
        banner_image: 48,
        date_published: 20240102,
        date_modified: 20240103,
        language: 49,
        authors: [{ name: ['Ed'], url: 50 }],
        tags: ['kept', 51],
        attachments: [{ url: 52 }, { url: 'https://jf.example/a.mp3', mime_type: 53, title: 54, size_in_bytes: '55' }],
      },
      { id: { v: 1 }, url: 'https://jf.example/two', title: ['Two'], content_html: '<p>Second item</p>' },
      { id: 1.5, url: null, title: null, content_text: 'Third' },
      { id: '4', url: 'https://jf.example/four', title: 'Four' },
    ],
  });
  const r = parseFeed({ bytes: Buffer.from(doc), url: 'https://jf.example/feed.json' });
  assert.equal(r.version, 'json11');
  assert.equal(r.entries.length, 4);
  // The feed's own fields of the wrong type are absent.
  assert.equal(r.feed.title, undefined);
  assert.equal(r.feed.link, undefined);
  assert.equal(r.feed.links, undefined);
  assert.equal(r.feed.subtitle, undefined);
  assert.equal(r.feed.image, undefined);
  assert.equal(r.feed.icon, undefined);
  assert.equal(r.feed.language, undefined);
  assert.deepEqual(r.feed.authors, [{}]);
  const [a, b, c, d] = r.entries;
  // A numeric id is read as its text (ids only); an object id is no id.
  assert.equal(a?.id, '42');
  assert.equal(b?.id, undefined);
  assert.equal(c?.id, '1.5');
  // A numeric url is no link: not the relative link "/42" of the feed's address.
  assert.equal(a?.link, undefined);
  assert.ok(!a?.links?.some((l) => l.rel === 'alternate'));
  assert.equal(a?.source, undefined);
  assert.equal(a?.title, undefined);
  assert.equal(a?.summary, undefined);
  assert.deepEqual(a?.content, [{ value: 'The body, as text.', type: 'text/plain' }]);
  assert.equal(a?.published, undefined);
  assert.equal(a?.updated, undefined);
  assert.equal(a?.language, undefined);
  assert.deepEqual(a?.authors, [{}]);
  assert.deepEqual(a?.categories, [{ term: 'kept' }]);
  assert.deepEqual(a?.enclosures, [{ href: 'https://jf.example/a.mp3' }]);
  assert.equal(b?.title, undefined);
  assert.equal(b?.link, 'https://jf.example/two');
  assert.equal(d?.title, 'Four');
  assert.equal(d?.link, 'https://jf.example/four');
  // Stored: the item with the numeric url has no link and is named by its text, not by "/42";
  // the item whose title is an array is named by its text too, as any untitled item.
  const now = Date.UTC(2024, 0, 5);
  const sa = adaptEntry(a!, r, now);
  assert.equal(sa.url, null);
  assert.equal(sa.title, 'The body, as text.');
  const sb = adaptEntry(b!, r, now);
  assert.equal(sb.url, 'https://jf.example/two');
  assert.equal(sb.title, 'Second item');
  assert.equal(adaptEntry(d!, r, now).title, 'Four');
});

test('mixed vocabularies: atom elements inside RSS, second description becomes content', () => {
  const r = parseText(`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><item>
    <title>t</title><atom:link rel="alternate" type="text/html" href="http://m.example/a"/>
    <atom:author><atom:name>Al</atom:name></atom:author>
    <description>short</description><description>long</description></item></channel></rss>`);
  const e = r.entries[0]!;
  assert.equal(e.link, 'http://m.example/a');
  assert.deepEqual(e.authors, [{ name: 'Al' }]);
  assert.equal(e.summary, 'short');
  assert.equal(e.content?.[0]?.value, 'long');
});

test('inline (unescaped) markup in RSS descriptions is kept as markup', () => {
  const r = parseText('<rss version="2.0"><channel><item><description><p>Example <b>bold</b></p></description></item></channel></rss>');
  assert.equal(r.entries[0]?.summary, '<p>Example <b>bold</b></p>');
  assert.equal(r.entries[0]?.summaryType, 'application/xhtml+xml');
});

test('plain-text RSS titles that are really HTML are typed text/html; Atom text stays text', () => {
  const rss = parseText('<rss version="2.0"><channel><item><title>A &lt;b&gt;bold&lt;/b&gt; claim</title></item></channel></rss>');
  assert.equal(rss.entries[0]?.titleType, 'text/html');
  const atom = parseText('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A &lt;b&gt;bold&lt;/b&gt; claim</title></entry></feed>');
  assert.equal(atom.entries[0]?.titleType, 'text/plain');
  assert.equal(atom.entries[0]?.title, 'A <b>bold</b> claim');
});

test('Media RSS content (also inside media:group) is an enclosure', () => {
  const r = parseText(`<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item><title>v</title>
    <media:content url="https://v.example/a.mp4" fileSize="1000" type="video/mp4"/>
    <media:group><media:content url="https://v.example/b.jpg" medium="image"/><media:content url="https://v.example/a.mp4" type="video/mp4"/></media:group>
  </item></channel></rss>`);
  assert.deepEqual(r.entries[0]?.enclosures, [
    { href: 'https://v.example/a.mp4', length: '1000', type: 'video/mp4' },
    { href: 'https://v.example/b.jpg', type: 'image/*' },
  ]);
});

test('HTML fields without markup come out exactly as the sanitiser would write them', async () => {
  const { sanitizeHtml } = await import('../../../src/sanitize/index.js');
  for (const s of ['plain words', 'a > b', 'ünïcödé — “quotes”']) {
    const r = parseText(`<rss version="2.0"><channel><item><description>${s.replace(/>/g, '&gt;')}</description></item></channel></rss>`);
    assert.equal(r.entries[0]?.summary, sanitizeHtml(s), s);
  }
});

test('refresh hints: RSS ttl, else the syndication module; entries inherit the feed language', () => {
  const sy = parseText(
    '<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><language>ar</language><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency><item><title>t</title></item></channel></rss>',
  );
  assert.equal(sy.feed.ttlSeconds, 900);
  assert.equal(sy.entries[0]?.language, 'ar');
  const ttl = parseText(
    '<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><ttl>60</ttl><sy:updatePeriod>daily</sy:updatePeriod></channel></rss>',
  );
  assert.equal(ttl.feed.ttlSeconds, 3600);
  const empty = parseText('<rss version="2.0"><channel><link></link><link>http://e.example/</link></channel></rss>');
  assert.deepEqual(empty.feed.links, [{ href: 'http://e.example/', rel: 'alternate', type: 'text/html' }]);
});
