// The one decoder and its one legacy-charset detector, judged on real paragraphs (see
// paragraphs.ts for their sources) encoded at test time: the same text must come out the same
// whether it arrives as a feed or as a web page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { parseFeed } from '../../src/ingest/parse/index.js';
import { decodeDocument, decodeHtml, decodeMixedUtf8, readUndeclared } from '../../src/text/encoding.js';
import { LEGACY_CASES, PARAGRAPHS } from './paragraphs.js';

function rss(text: string, decl = ''): string {
  return `${decl}<rss version="2.0"><channel><title>News</title><link>http://example.org/</link><item><title>${text.slice(0, 40)}</title><link>http://example.org/1</link><description><![CDATA[<p>${text}</p>]]></description><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item></channel></rss>`;
}

function page(text: string, meta = ''): string {
  return `<!DOCTYPE html><html><head>${meta}<title>${text.slice(0, 30)}</title><link rel="stylesheet" href="/site.css"></head><body><article><p>${text}</p></article></body></html>`;
}

function encode(text: string, charset: string): Buffer {
  const bytes = iconv.encode(text, charset);
  // The case is only fair if the charset can spell the paragraph.
  assert.equal(iconv.decode(bytes, charset), text, `${charset} cannot encode the paragraph`);
  return bytes;
}

test('undeclared legacy text: a feed and a page of the same paragraph get the same charset and the same text', () => {
  for (const { lang, charset, text } of LEGACY_CASES) {
    const label = `${lang} in ${charset}`;
    const feedBytes = encode(rss(text), charset);
    const pageBytes = encode(page(text), charset);

    const feed = parseFeed({ bytes: feedBytes });
    const html = decodeHtml(pageBytes);
    assert.equal(feed.entries[0]?.summary, `<p>${text}</p>`, label);
    assert.ok(html.text.includes(text), label);
    assert.equal(feed.encoding, html.charset, `${label}: the two paths disagree`);
    assert.equal(html.source, 'sniffed', label);
    // Whatever name is reported reads the original bytes exactly as the true charset does.
    assert.equal(iconv.decode(pageBytes, html.charset), iconv.decode(pageBytes, charset), label);
    assert.equal(feed.bozo, true, label);
    assert.match(feed.bozoReason ?? '', /declares no encoding/, label);
  }
});

test('the same paragraphs in UTF-8 are read as UTF-8 by both paths, undeclared or declared', () => {
  for (const [lang, text] of Object.entries(PARAGRAPHS)) {
    const feed = parseFeed({ bytes: Buffer.from(rss(text)) });
    assert.equal(feed.encoding, 'utf-8', lang);
    assert.equal(feed.bozo, false, `${lang}: ${feed.bozoReason}`);
    assert.equal(feed.entries[0]?.summary, `<p>${text}</p>`, lang);
    const html = decodeHtml(Buffer.from(page(text)));
    assert.equal(html.charset, 'utf-8', lang);
    assert.ok(html.text.includes(text), lang);
  }
});

test('a legacy declaration over UTF-8 bytes loses to the bytes, in a feed and in a page', () => {
  for (const lang of ['fr', 'ru', 'zh-Hans'] as const) {
    const text = PARAGRAPHS[lang];
    const feed = decodeDocument(Buffer.from(rss(text, '<?xml version="1.0" encoding="ISO-8859-1"?>')));
    assert.equal(feed.encoding, 'utf-8', lang);
    assert.ok(feed.text.includes(text), lang);
    assert.match(feed.problem ?? '', /declared as iso-8859-1, but parsed as utf-8/, lang);
    const html = decodeHtml(Buffer.from(page(text, '<meta charset="windows-1252">')));
    assert.equal(html.charset, 'utf-8', lang);
    assert.equal(html.overruled, 'windows-1252', lang);
    assert.ok(html.text.includes(text), lang);
  }
  // Also when a few stray Latin-1 bytes keep the bytes from being valid UTF-8.
  const stray = Buffer.concat([
    Buffer.from(rss(PARAGRAPHS.ru, '<?xml version="1.0" encoding="ISO-8859-1"?>')),
    iconv.encode(' café', 'latin1'),
  ]);
  const feed = decodeDocument(stray);
  assert.equal(feed.encoding, 'utf-8');
  assert.ok(feed.text.includes(PARAGRAPHS.ru) && feed.text.endsWith(' café'));
  assert.match(feed.problem ?? '', /parsed as utf-8 \(1 stray byte read as windows-1252\)/);
  const html = decodeHtml(
    Buffer.concat([Buffer.from(page(PARAGRAPHS.ru, '<meta charset="iso-8859-1">')), iconv.encode(' café', 'latin1')]),
  );
  assert.equal(html.charset, 'utf-8');
  assert.ok(html.text.includes(PARAGRAPHS.ru) && html.text.endsWith(' café'));
});

test('UTF-8 with a stray Latin-1 run: the UTF-8 stays UTF-8 and the run is read as windows-1252', () => {
  // A Russian UTF-8 feed one of whose items was pasted from a Latin-1 source.
  const utf8 = PARAGRAPHS.ru;
  const latin1 = PARAGRAPHS.de;
  const body = Buffer.concat([
    Buffer.from(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Новости</title><item><title>${utf8}</title></item><item><title>`,
    ),
    iconv.encode(latin1, 'windows-1252'),
    Buffer.from('</title></item></channel></rss>'),
  ]);
  const mixed = decodeMixedUtf8(body);
  assert.equal(mixed.stray, [...latin1].filter((c) => c.charCodeAt(0) > 0x7f).length);

  const feed = parseFeed({ bytes: body });
  assert.equal(feed.encoding, 'utf-8');
  assert.deepEqual(
    feed.entries.map((e) => e.title),
    [utf8, latin1],
  );
  assert.equal(feed.bozo, true);
  assert.match(feed.bozoReason ?? '', /UTF-8 but \d+ bytes are not; read as windows-1252/);

  const html = decodeHtml(Buffer.concat([Buffer.from(`<p>${utf8}</p><p>`), iconv.encode(latin1, 'windows-1252'), Buffer.from('</p>')]));
  assert.equal(html.charset, 'utf-8');
  assert.ok(html.text.includes(utf8) && html.text.includes(latin1));
});

test('legacy text whose high bytes happen to pair into a valid UTF-8 sequence is not taken for UTF-8', () => {
  // "doué »" in Latin-1 is E9 A0 BB: one well-formed UTF-8 sequence among Latin-1 letters.
  const text = `${PARAGRAPHS.fr} Un enfant « doué », « surdoué », « à haut potentiel ».`;
  const u = readUndeclared(encode(text, 'windows-1252'));
  assert.equal(u.text, text);
  assert.equal(u.how, 'detected');
});
