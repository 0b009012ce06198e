// Real feeds that other feed readers saved among their test fixtures (origins and licences in
// test/fixtures/parse/real/SOURCES.md), each read the way its publisher meant it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { parseFeed } from '../../../src/ingest/parse/index.js';
import type { ParsedFeed } from '../../../src/ingest/parse/types.js';
import { decodeHtml } from '../../../src/text/encoding.js';
import { fixturesDir } from './helpers.js';

function bytes(name: string): Buffer {
  return readFileSync(`${fixturesDir}real/${name}`);
}

function parse(name: string): ParsedFeed {
  return parseFeed({ bytes: bytes(name) });
}

test('undeclared Latin-1 feeds are read as Latin-1, not as Greek or Hebrew', () => {
  const uol = parse('uol-noticias-undeclared-latin1.rss');
  assert.equal(uol.encoding, 'windows-1252');
  assert.equal(uol.entries[0]?.title, 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
  assert.equal(uol.feed.subtitle, 'Últimas Notícias');
  assert.equal(uol.bozo, true);
  assert.match(uol.bozoReason ?? '', /declares no encoding/);

  const psy = parse('cercle-psy-undeclared-latin1.xml');
  assert.equal(psy.encoding, 'windows-1252');
  assert.match(psy.entries[1]?.title ?? '', /très complexe$/);
  assert.match(psy.entries[0]?.summary ?? '', /nombre d'études montrent/);
});

test('a GB2312 forum feed is read as Chinese, and a page of the same bytes gets the same answer', () => {
  const raw = bytes('kc0011-gb2312-dates.rss');
  const feed = parseFeed({ bytes: raw });
  assert.equal(feed.encoding, 'gb18030');
  assert.equal(feed.feed.title, '投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文');
  assert.equal(feed.entries[0]?.title, '建国35周年纪念，华表，和平鸽');
  const page = decodeHtml(raw);
  assert.equal(page.charset, feed.encoding);
  assert.ok(page.text.includes('建国35周年纪念，华表，和平鸽'));
});

test('undeclared real feeds get the same charset through the feed path and the page path', () => {
  for (const name of ['uol-noticias-undeclared-latin1.rss', 'cercle-psy-undeclared-latin1.xml']) {
    assert.equal(decodeHtml(bytes(name)).charset, parse(name).encoding, name);
  }
});

test('UTF-8 declared as ISO-8859-1 or windows-1252 is read as UTF-8, and the feed flagged', () => {
  const iso = parse('utf8-declared-iso-8859-1.xml');
  assert.equal(iso.encoding, 'utf-8');
  assert.equal(iso.feed.title, '테스트 피드');
  assert.equal(iso.entries[0]?.title, 'Café');
  assert.match(iso.bozoReason ?? '', /declared as iso-8859-1, but parsed as utf-8/);
  const win = parse('utf8-declared-windows-1252.xml');
  assert.equal(win.feed.title, 'Euro €');
});

test('a real feed with a Latin-1 run in UTF-8: each part is read in its own charset', () => {
  // Same shape as the feeds this happens to: the French magazine feed above, its first items
  // written out in UTF-8 and the last one left in the Latin-1 its CMS produced.
  const text = iconv.decode(bytes('cercle-psy-undeclared-latin1.xml'), 'windows-1252');
  const cut = text.lastIndexOf('<item>');
  const mixed = Buffer.concat([Buffer.from(text.slice(0, cut), 'utf8'), iconv.encode(text.slice(cut), 'windows-1252')]);
  const feed = parseFeed({ bytes: mixed });
  const all = parseFeed({ bytes: Buffer.from(text.replace(/^/, '<?xml version="1.0" encoding="utf-8"?>'), 'utf8') });
  assert.equal(feed.encoding, 'utf-8');
  assert.deepEqual(
    feed.entries.map((e) => [e.title, e.summary]),
    all.entries.map((e) => [e.title, e.summary]),
  );
  assert.match(feed.bozoReason ?? '', /UTF-8 but \d+ bytes? (is|are) not/);
});

test("a publisher's own double-encoded UTF-8 is repaired, and correct text is left alone", () => {
  const rsscom = parse('rsscom-double-encoded.xml');
  assert.equal(rsscom.encoding, 'utf-8');
  const text = rsscom.entries.map((e) => `${e.title} ${e.summary}`).join('\n');
  assert.match(text, /RSS\.com’s Q2 2022 strategy/);
  assert.match(text, /a user’s podcast/);
  assert.doesNotMatch(text, /â€|Ã/);

  const pets = parse('petfinder-atom.xml');
  assert.match(pets.entries[5]?.content?.[0]?.value ?? '', /pièce de ré·sis·tance/);
});

test("WordPress authors' Gravatars are not enclosures; the articles' images still are", () => {
  const feed = parse('techcrunch-wordpress-avatars.xml');
  assert.equal(feed.entries.length, 20);
  for (const e of feed.entries) {
    const hrefs = [...(e.enclosures ?? []), ...(e.links ?? [])].map((x) => x.href);
    assert.ok(!hrefs.some((h) => /gravatar\.com\/avatar/.test(h)), e.title);
  }
  assert.deepEqual(feed.entries[0]?.enclosures, [
    { href: 'http://tctechcrunch2011.files.wordpress.com/2011/11/angies-list.jpeg?w=150', type: 'image/*' },
  ]);
});

test("an item's <author> holding only an e-mail address takes its name from itunes:author", () => {
  const feed = parse('taverncast-itunes-author.rss');
  // <dc:creator>TavernCast: www.taverncast.com</dc:creator> … <author>taverncast@taverncast.com</author>
  // <itunes:author>Taverncast</itunes:author>
  assert.deepEqual(feed.entries[9]?.authors, [
    { name: 'TavernCast: www.taverncast.com' },
    { name: 'Taverncast', email: 'taverncast@taverncast.com' },
  ]);
  for (const e of feed.entries) {
    for (const a of e.authors ?? []) assert.ok(a.name, `${e.title}: an author without a name`);
  }
});

test('the same holds when itunes:author comes first, and an e-mail-only itunes:author adds nothing', () => {
  const rss = (item: string): ParsedFeed =>
    parseFeed({
      bytes: Buffer.from(
        `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>t</title><item>${item}</item></channel></rss>`,
      ),
    });
  assert.deepEqual(rss('<itunes:author>Jane Roe</itunes:author><author>jane@example.org</author>').entries[0]?.authors, [
    { name: 'Jane Roe', email: 'jane@example.org' },
  ]);
  assert.deepEqual(rss('<author>foobar@gmail.com</author><itunes:author>foobar@gmail.com</itunes:author>').entries[0]?.authors, [
    { email: 'foobar@gmail.com' },
  ]);
});

test('an Atom feed wrapped in an XHTML document is read as the Atom feed it is', () => {
  const feed = parse('avian-atom-in-xhtml.xml');
  assert.equal(feed.version, 'atom10');
  assert.equal(feed.feed.title, 'Avian’s Blog');
  assert.equal(feed.feed.link, 'http://www.tablix.org/~avian/blog/');
  assert.deepEqual(feed.feed.authors, [{ name: 'Tomaž Šolc', uri: 'http://www.tablix.org/~avian/blog/' }]);
  assert.equal(feed.entries.length, 10);
  assert.equal(feed.entries[0]?.title, 'Down time');
  // Atom 1.0 xhtml content loses its wrapping <div>.
  assert.match(feed.entries[0]?.content?.[0]?.value ?? '', /^<p>You might have noticed/);
});

test('year-first slashed dates are read (Dvbbs forum feed)', () => {
  const feed = parse('kc0011-gb2312-dates.rss');
  assert.equal(feed.entries[0]?.published, '2020-01-10T14:33:00Z');
  assert.ok(feed.entries.every((e) => e.published?.startsWith('2020-01-')));
});
