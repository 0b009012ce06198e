import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeHtml, headerCharset, metaCharset, normalizeCharset } from '../../../src/text/encoding.js';

const ARABIC = 'أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية، وقال الوزير إن البرنامج سيبدأ في الربيع المقبل.';
const FRENCH =
  'Le conseil municipal a approuvé mardi la création d’une navette entre les deux ports, après un débat animé où élus et pêcheurs se sont opposés.';
const RUSSIAN = 'Городской совет во вторник одобрил создание паромной переправы между двумя гаванями после долгого обсуждения.';

function page(charsetDecl: string | null, body: string, lang = ''): string {
  const meta = charsetDecl ? `<meta charset="${charsetDecl}">` : '';
  return `<!DOCTYPE html><html${lang ? ` lang="${lang}"` : ''}><head>${meta}<title>t</title></head><body><p>${body}</p></body></html>`;
}

test('a BOM wins over every declaration', () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('windows-1252', FRENCH))]);
  const d = decodeHtml(bytes, 'text/html; charset=iso-8859-1');
  assert.equal(d.source, 'bom');
  assert.ok(d.text.includes(FRENCH));
  assert.ok(!d.text.startsWith('\ufeff'));
});

test('the HTTP header is used when the bytes fit it', () => {
  const bytes = iconv.encode(page('utf-8', FRENCH), 'windows-1252');
  // The meta says utf-8, the header says latin-1; the bytes are not UTF-8, so the header is right.
  const d = decodeHtml(bytes, 'text/html; charset="ISO-8859-1"');
  assert.equal(d.charset, 'windows-1252');
  assert.equal(d.source, 'header');
  assert.ok(d.text.includes(FRENCH));
});

test('<meta http-equiv> declarations are read', () => {
  const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>${RUSSIAN}</p></body></html>`;
  const d = decodeHtml(iconv.encode(html, 'windows-1251'));
  assert.equal(d.charset, 'windows-1251');
  assert.equal(d.source, 'meta');
  assert.ok(d.text.includes(RUSSIAN));
});

test('windows-1256 bytes declared as utf-8 decode as Arabic', () => {
  const bytes = iconv.encode(page('utf-8', ARABIC), 'windows-1256');
  const d = decodeHtml(bytes);
  assert.equal(d.charset, 'windows-1256');
  assert.equal(d.overruled, 'utf-8');
  assert.ok(d.text.includes(ARABIC));
});

test('windows-1256 bytes with no declaration and no lang are recognised by the detector', () => {
  const bytes = iconv.encode(page(null, ARABIC.repeat(3)), 'windows-1256');
  assert.equal(decodeHtml(bytes).charset, 'windows-1256');
});

test('UTF-8 bytes declared as windows-1256 decode as UTF-8', () => {
  const bytes = Buffer.from(page('windows-1256', ARABIC, 'ar'), 'utf8');
  const d = decodeHtml(bytes);
  assert.equal(d.charset, 'utf-8');
  assert.equal(d.overruled, 'windows-1256');
  assert.ok(d.text.includes(ARABIC));
});

test('windows-1252 bytes declared as utf-8 decode as Latin text', () => {
  const d = decodeHtml(iconv.encode(page('utf-8', FRENCH), 'windows-1252'));
  assert.equal(d.charset, 'windows-1252');
  assert.ok(d.text.includes(FRENCH));
});

test('a UTF-8 page with one stray Latin-1 byte stays UTF-8', () => {
  const good = Buffer.from(page('utf-8', `${ARABIC} ${FRENCH}`), 'utf8');
  const bytes = Buffer.concat([good.subarray(0, 200), Buffer.from([0xe9]), good.subarray(200)]);
  const d = decodeHtml(bytes);
  assert.equal(d.charset, 'utf-8');
  assert.ok(d.text.includes(FRENCH));
});

test('undeclared windows-1251 bytes are read as Russian', () => {
  const d = decodeHtml(iconv.encode(page(null, RUSSIAN), 'windows-1251'));
  assert.equal(d.charset, 'windows-1251');
  assert.equal(d.source, 'sniffed');
  assert.ok(d.text.includes(RUSSIAN));
});

test('labels are normalised the way browsers do', () => {
  assert.equal(normalizeCharset('ISO-8859-1'), 'windows-1252');
  assert.equal(normalizeCharset('gb2312'), 'gb18030');
  assert.equal(normalizeCharset('UTF-16LE'), 'utf-8');
  assert.equal(normalizeCharset('no-such-charset'), undefined);
  assert.equal(headerCharset('text/html;charset=Shift_JIS'), 'Shift_JIS');
  assert.equal(metaCharset("<head><meta charset='koi8-r'>"), 'koi8-r');
});

test('a page declared windows-1256 that is UTF-8 with a few stray bytes decodes as UTF-8', () => {
  const good = Buffer.from(page('windows-1256', `${ARABIC} ${ARABIC}`, 'ar'), 'utf8');
  const bytes = Buffer.concat([good.subarray(0, good.length - 30), Buffer.from([0xff]), good.subarray(good.length - 30)]);
  const d = decodeHtml(bytes);
  assert.equal(d.charset, 'utf-8');
  assert.ok(d.text.includes(ARABIC));
});

test('UTF-16 declared in the HTTP header is honoured', () => {
  const html = page(null, FRENCH);
  const d = decodeHtml(iconv.encode(html, 'utf-16le'), 'text/html; charset=utf-16le');
  assert.equal(d.charset, 'utf-16le');
  assert.ok(d.text.includes(FRENCH));
});
