import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adaptEntries, adaptEntry } from '../../src/pipeline/adapt-entry.js';
import { directionOfLanguage, directionOfText, textDirection } from '../../src/pipeline/text-direction.js';
import type { ParsedEntry, ParsedFeed } from '../../src/ingest/parse/types.js';

const NOW = Date.UTC(2025, 0, 10);
function feed(entries: ParsedEntry[], language?: string): ParsedFeed {
  return { version: 'rss20', bozo: false, feed: { title: 'F', ...(language ? { language } : {}) }, entries };
}

describe('adaptEntry', () => {
  it('takes HTML content over the summary, plain-text title, text from the HTML', () => {
    const e: ParsedEntry = {
      id: 'g1',
      title: 'Caf&eacute; <b>news</b>',
      titleType: 'text/html',
      link: 'https://ex.com/1',
      summary: 'short',
      summaryType: 'text/plain',
      content: [{ value: '<p>Long <em>body</em> text.</p><p>Second paragraph.</p>', type: 'text/html' }],
      published: '2025-01-09T10:00:00Z',
      updated: '2025-01-09T11:00:00Z',
      authors: [{ name: 'Ann' }],
      categories: [{ term: 'world' }, { term: 'world' }, { label: 'Europe' }],
    };
    const n = adaptEntry(e, feed([e]), NOW);
    assert.equal(n.title, 'Café news');
    assert.equal(n.contentHtml, '<p>Long <em>body</em> text.</p><p>Second paragraph.</p>');
    assert.match(n.text, /Long body text\./);
    assert.match(n.text, /Second paragraph\./);
    assert.doesNotMatch(n.text, /</);
    assert.equal(n.url, 'https://ex.com/1');
    assert.equal(n.author, 'Ann');
    assert.deepEqual(n.categories, ['world', 'Europe']);
    assert.equal(n.publishedAt, Date.UTC(2025, 0, 9, 10));
    assert.equal(n.updatedAt, Date.UTC(2025, 0, 9, 11));
    assert.equal(n.dir, 'ltr');
    assert.ok(n.dedupeKey.length > 0);
    assert.match(n.fingerprint, /^[0-9a-f]{40}$/);
  });

  it('gives each entry its canonical address, so two feeds linking one article with different tracking are one entry', () => {
    const a: ParsedEntry = { id: 'a', title: 'Flood', link: 'http://www.news.example/2025/flood?utm_source=feed&fbclid=x' };
    const b: ParsedEntry = { id: 'b', title: 'Flood', link: 'https://news.example/2025/flood' };
    const na = adaptEntry(a, feed([a]), NOW);
    const nb = adaptEntry(b, feed([b]), NOW);
    assert.ok(na.canonicalUrl);
    assert.equal(na.canonicalUrl, nb.canonicalUrl);
    assert.equal(na.url, 'http://www.news.example/2025/flood?utm_source=feed&fbclid=x', 'the link itself is kept as given');
    const none: ParsedEntry = { id: 'c', title: 'No link' };
    assert.equal(adaptEntry(none, feed([none]), NOW).canonicalUrl, null);
  });

  it('escapes text/plain bodies into paragraphs and falls back to the summary', () => {
    const e: ParsedEntry = { title: 'T', summary: 'a < b\n\nnext', summaryType: 'text/plain', link: 'https://ex.com/2' };
    const n = adaptEntry(e, feed([e]), NOW);
    assert.equal(n.contentHtml, '<p>a &lt; b</p>\n<p>next</p>');
    assert.equal(n.text, 'a < b\n\nnext');
  });

  it('gives an untitled entry a title from its text, and no date as null', () => {
    const e: ParsedEntry = { summary: '<p>Only a body here</p>', summaryType: 'text/html', link: 'https://ex.com/3' };
    const n = adaptEntry(e, feed([e]), NOW);
    assert.equal(n.title, 'Only a body here');
    assert.equal(n.publishedAt, null);
  });

  it('reads far-future dates as now and drops non-http links', () => {
    const e: ParsedEntry = { title: 'x', link: 'javascript:alert(1)', published: '2099-01-01T00:00:00Z' };
    const n = adaptEntry(e, feed([e]), NOW);
    assert.equal(n.publishedAt, NOW);
    assert.equal(n.url, null);
  });

  it('reads dates before the year 0 as no date (feeds out write four-digit years)', () => {
    const e: ParsedEntry = {
      title: 'x',
      link: 'https://ex.com/old',
      published: '-000001-01-01T00:00:00Z',
      updated: '-271821-04-20T00:00:00Z',
    };
    const n = adaptEntry(e, feed([e]), NOW);
    assert.equal(n.publishedAt, null);
    assert.equal(n.updatedAt, null);
    const y0: ParsedEntry = { title: 'y', link: 'https://ex.com/y0', published: '0000-01-01T00:00:00Z' };
    assert.equal(adaptEntry(y0, feed([y0]), NOW).publishedAt, Date.parse('0000-01-01T00:00:00Z'));
  });

  it('bounds the title, author and categories a feed sends (every page that lists the item shows them)', () => {
    const words = 'lorem ipsum dolor sit amet '.repeat(3000);
    const e: ParsedEntry = {
      title: `<b>Long</b> ${words}`,
      titleType: 'text/html',
      link: 'https://ex.com/long',
      authors: [{ name: 'a'.repeat(5000) }],
      categories: Array.from({ length: 80 }, (_, i) => ({ term: `${i} ${words.slice(0, 1000)}` })),
    };
    const n = adaptEntry(e, feed([e]), NOW);
    assert.ok(n.title.length <= 1000 && n.title.startsWith('Long lorem') && n.title.endsWith('…'), String(n.title.length));
    assert.ok(n.author !== null && n.author.length <= 300, String(n.author?.length));
    assert.equal(n.categories?.length, 30);
    for (const c of n.categories ?? []) assert.ok(c.length <= 100, c);
  });

  it('stores no link longer than 8 KiB, and names an untitled item by at most 1,000 characters of its link', () => {
    const huge: ParsedEntry = {
      link: `https://ex.com/${'x'.repeat(100_000)}`,
      enclosures: [{ href: `https://ex.com/${'i'.repeat(100_000)}.png`, type: 'image/png' }],
    };
    const n = adaptEntry(huge, feed([huge]), NOW);
    assert.equal(n.url, null);
    assert.equal(n.leadImage, null);
    const long: ParsedEntry = { link: `https://ex.com/${'y'.repeat(5_000)}` };
    const m = adaptEntry(long, feed([long]), NOW);
    assert.equal(m.url, long.link);
    assert.ok(m.title.length <= 1000 && m.title.startsWith('https://ex.com/yyy'), String(m.title.length));
  });

  it('marks Arabic and Persian entries rtl, from the language or from the letters', () => {
    const ar: ParsedEntry = { title: 'خبر عاجل', summary: 'نص الخبر', summaryType: 'text/plain', link: 'https://ex.com/ar' };
    const byLetters = adaptEntry(ar, feed([ar]), NOW);
    assert.equal(byLetters.dir, 'rtl');
    assert.equal(byLetters.lang, null);
    const fa: ParsedEntry = { title: 'x', link: 'https://ex.com/fa', language: 'fa-IR' };
    const n = adaptEntry(fa, feed([fa]), NOW);
    assert.equal(n.lang, 'fa-ir');
    assert.equal(n.dir, 'rtl');
    const en: ParsedEntry = { title: 'An English headline about markets today', link: 'https://ex.com/en' };
    assert.equal(adaptEntry(en, feed([en], 'ar'), NOW).dir, 'ltr', 'feed says ar, but the item is plainly English');
  });

  it('keeps apart items that share a title but have little text and different links', () => {
    const a: ParsedEntry = { id: 'd1', title: 'Morning briefing', link: 'https://ex.com/2025/06/01/briefing' };
    const b: ParsedEntry = { id: 'd2', title: 'Morning briefing', link: 'https://ex.com/2025/06/02/briefing' };
    const c: ParsedEntry = { id: 'd3', title: 'Morning briefing', link: 'http://www.ex.com/2025/06/01/briefing?utm_source=x' };
    const [na, nb, nc] = adaptEntries(feed([a, b, c]), NOW);
    assert.notEqual(na!.fingerprint, nb!.fingerprint);
    assert.equal(na!.fingerprint, nc!.fingerprint, 'scheme, www and tracking parameters do not count');
  });

  it('gives the same fingerprint to the same story under a new GUID and link', () => {
    const a: ParsedEntry = { id: 'one', title: 'Same', link: 'http://ex.com/s', summary: 'Body', summaryType: 'text/plain' };
    const b: ParsedEntry = { id: 'two', title: 'Same', link: 'https://www.ex.com/s', summary: 'Body', summaryType: 'text/plain' };
    const [na, nb] = [adaptEntries(feed([a]), NOW)[0]!, adaptEntries(feed([b]), NOW)[0]!];
    assert.notEqual(na.dedupeKey, nb.dedupeKey);
    assert.equal(na.fingerprint, nb.fingerprint);
  });
});

describe('text direction', () => {
  it('knows the right-to-left languages and scripts', () => {
    for (const l of ['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ar-EG', 'ku-Arab', 'az-arab']) assert.equal(directionOfLanguage(l), 'rtl', l);
    for (const l of ['en', 'fr-CA', 'ku-Latn', undefined, '']) assert.notEqual(directionOfLanguage(l), 'rtl', String(l));
  });
  it('counts letters when the language does not say', () => {
    assert.equal(directionOfText('שלום עולם'), 'rtl');
    assert.equal(directionOfText('Hello world'), 'ltr');
    assert.equal(directionOfText('iPhone 16 در ایران عرضه شد'), 'rtl');
    assert.equal(textDirection('en', 'مرحبا بالعالم'), 'rtl');
  });
});
