import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { parseFeed } from '../../../src/ingest/parse/index.js';
import { decodeDocument, parseContentType } from '../../../src/text/encoding.js';

const ARABIC = 'أخبار العالم';
const PERSIAN = 'خبرهای ایران';
const RUSSIAN = 'Новости дня';
const CHINESE = '中文新闻';
const JAPANESE = '日本のニュース';
const TRAD = '臺灣新聞';

function rss(title: string, decl?: string): string {
  const xmlDecl = decl === undefined ? '' : `<?xml version="1.0" encoding="${decl}"?>\n`;
  return `${xmlDecl}<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title></item></channel></rss>`;
}

function bytes(text: string, enc: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, enc));
}

test('XML declaration picks the charset: windows-1256, koi8-r, shift_jis, big5, iso-8859-*', () => {
  const cases: [string, string][] = [
    ['windows-1256', ARABIC],
    ['windows-1256', PERSIAN.replaceAll('ی', 'ي')],
    ['koi8-r', RUSSIAN],
    ['shift_jis', JAPANESE],
    ['big5', TRAD],
    ['iso-8859-5', RUSSIAN],
    ['iso-8859-6', ARABIC],
    ['euc-kr', '한국 뉴스'],
  ];
  for (const [enc, title] of cases) {
    const r = parseFeed({ bytes: bytes(rss(title, enc), enc) });
    assert.equal(r.encoding, enc, enc);
    assert.equal(r.feed.title, title, enc);
    assert.equal(r.bozo, false, `${enc}: ${r.bozoReason}`);
  }
});

test('gb2312 is read as its superset gb18030', () => {
  const r = parseFeed({ bytes: bytes(rss(CHINESE, 'gb2312'), 'gb2312') });
  assert.equal(r.encoding, 'gb18030');
  assert.equal(r.feed.title, CHINESE);
});

test('byte-order marks and UTF-16/32 layouts without a BOM', () => {
  const text = rss(PERSIAN, 'utf-16');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
  const r1 = parseFeed({ bytes: le });
  assert.equal(r1.encoding, 'utf-16le');
  assert.equal(r1.feed.title, PERSIAN);
  const be = iconv.encode(rss(ARABIC, 'utf-16be'), 'utf-16be');
  const r2 = parseFeed({ bytes: be });
  assert.equal(r2.encoding, 'utf-16be');
  assert.equal(r2.feed.title, ARABIC);
  const u32 = iconv.encode(rss(CHINESE, 'utf-32be'), 'utf-32be');
  const r3 = parseFeed({ bytes: u32 });
  assert.equal(r3.encoding, 'utf-32be');
  assert.equal(r3.feed.title, CHINESE);
  const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss(RUSSIAN))]);
  const r4 = parseFeed({ bytes: bom8 });
  assert.equal(r4.encoding, 'utf-8');
  assert.equal(r4.feed.title, RUSSIAN);
});

test('HTTP charset wins over the XML declaration', () => {
  const r = parseFeed({
    bytes: bytes(rss(RUSSIAN, 'utf-8'), 'koi8-r'),
    headers: { 'content-type': 'application/rss+xml; charset="KOI8-R"' },
  });
  assert.equal(r.encoding, 'koi8-r');
  assert.equal(r.feed.title, RUSSIAN);
  assert.equal(r.bozo, false);
});

test('text/xml without charset means us-ascii (RFC 3023); application/xml falls back to the declaration', () => {
  const ascii = parseFeed({ bytes: Buffer.from(rss('plain', 'iso-8859-1')), headers: { 'content-type': 'text/xml' } });
  assert.equal(ascii.encoding, 'us-ascii');
  assert.equal(ascii.bozo, false);
  const app = parseFeed({ bytes: bytes(rss('café', 'iso-8859-1'), 'latin1'), headers: { 'content-type': 'application/xml' } });
  assert.equal(app.encoding, 'iso-8859-1');
  assert.equal(app.feed.title, 'café');
});

test('a wrong declared charset: the text still comes out right, and the feed is flagged', () => {
  // Declared (and served) as utf-8, actually windows-1252 with curly quotes.
  const body = bytes(rss('It’s “quoted”', 'utf-8'), 'windows-1252');
  const r = parseFeed({ bytes: body, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
  assert.equal(r.feed.title, 'It’s “quoted”');
  assert.equal(r.encoding, 'windows-1252');
  assert.equal(r.bozo, true);
  assert.match(r.bozoReason ?? '', /declared as utf-8/);
});

test('a non-XML media type is flagged but still read', () => {
  const r = parseFeed({ bytes: Buffer.from(rss('x')), headers: { 'content-type': 'text/plain' } });
  assert.equal(r.bozo, true);
  assert.equal(r.feed.title, 'x');
});

test('an unknown encoding name is flagged and the bytes still decoded', () => {
  const r = parseFeed({ bytes: Buffer.from(rss('bogus', 'x-no-such-charset')) });
  assert.equal(r.bozo, true);
  assert.equal(r.feed.title, 'bogus');
});

test('parseContentType tolerates quoting and spacing', () => {
  assert.deepEqual(parseContentType('Text/XML;charset = "US-ASCII"'), { mediaType: 'text/xml', charset: 'us-ascii' });
  assert.deepEqual(parseContentType("application/atom+xml; charset='gb2312'"), { mediaType: 'application/atom+xml', charset: 'gb2312' });
  assert.equal(decodeDocument(Buffer.from('{"a":1}')).json, true);
});

test('an HTML meta charset stands in for a missing XML declaration', () => {
  const body = bytes(`<rss version="2.0"><channel><meta charset="windows-1256"/><title>${ARABIC}</title></channel></rss>`, 'windows-1256');
  const r = parseFeed({ bytes: body });
  assert.equal(r.encoding, 'windows-1256');
  assert.equal(r.feed.title, ARABIC);
  // The HTTP charset still wins over it.
  const r2 = parseFeed({
    bytes: bytes(
      `<rss version="2.0"><channel><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"/><title>${RUSSIAN}</title></channel></rss>`,
      'koi8-r',
    ),
    headers: { 'content-type': 'application/rss+xml; charset=koi8-r' },
  });
  assert.equal(r2.encoding, 'koi8-r');
  assert.equal(r2.feed.title, RUSSIAN);
});
