import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeHtmlEntities, fixCp1252 } from '../../../src/text/entities.js';
import { parseText } from './helpers.js';

const title = (t: string): ReturnType<typeof parseText> => parseText(`<rss version="2.0"><channel><title>${t}</title></channel></rss>`);

test('HTML named entities are decoded, and their use flags the XML as not well-formed', () => {
  const r = title('caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e &AElig;');
  assert.equal(r.feed.title, 'café & crème\u00a0brûlée Æ');
  assert.equal(r.bozo, true);
  assert.match(r.bozoReason ?? '', /undefined entity &eacute;/);
});

test('XML and numeric references are well-formed', () => {
  const r = title('&lt;&gt;&amp;&quot;&apos; &#233;&#xE9;&#X41;');
  assert.equal(r.feed.title, '<>&"\' ééA');
  assert.equal(r.bozo, false);
});

test('an unknown entity name stays as written', () => {
  assert.equal(title('testing &doesnotexist; entity').feed.title, 'testing &doesnotexist; entity');
});

test('HTML 4 angle brackets keep their HTML 4 meaning', () => {
  assert.equal(title('&lang;x&rang;').feed.title, '\u2329x\u232a');
});

test('windows-1252 code points written as C1 references become the intended characters', () => {
  assert.equal(title('don&#146;t &#147;quote&#148;').feed.title, 'don’t “quote”');
  assert.equal(fixCp1252('\x80'), '€');
});

test('UTF-8 read as Latin-1 and re-encoded is repaired', () => {
  // "…" (E2 80 A6) written as three Latin-1 references.
  const r = parseText('<rss version="2.0"><channel><item><description>&#226;&#128;&#166;</description></item></channel></rss>');
  assert.equal(r.entries[0]?.summary, '…');
});

test('entity-escaped markup in a link keeps its query string', () => {
  const r = parseText(
    '<rss version="2.0"><channel><link>http://e.example/?a=1&amp;b=2</link><item><link>http://e.example/?a=1&b=2&c</link></item></channel></rss>',
  );
  assert.equal(r.feed.link, 'http://e.example/?a=1&b=2');
  assert.equal(r.entries[0]?.link, 'http://e.example/?a=1&b=2&c');
  assert.equal(r.bozo, true, 'a bare & is not well-formed');
});

test('decodeHtmlEntities only decodes complete references', () => {
  assert.equal(decodeHtmlEntities('a &amp; b &copy c &hellip; &#x263A; &nosuch;'), 'a & b &copy c … ☺ &nosuch;');
});
