// An undeclared CJK page with one undecodable character — cut off inside its last character, or
// with one broken character pasted in — is still read in its CJK charset. Decoded strictly, the
// one bad character made every CJK charset fail and the page was read in the next single-byte
// charset the detector named, every character garbled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeHtml, readUndeclared } from '../../src/text/encoding.js';
import { LEGACY_CASES, PARAGRAPHS } from './paragraphs.js';

function page(text: string): string {
  return `<!DOCTYPE html><html><head><title>${text.slice(0, 20)}</title></head><body><div><p>${text}</p><p>${text}</p></div></body></html>`;
}

const CJK_CASES: ReadonlyArray<[keyof typeof PARAGRAPHS, string]> = [
  ['zh-Hans', 'gbk'],
  ['zh-Hant', 'big5'],
  ['ja', 'shift_jis'],
];

test('an undeclared CJK page cut off inside its last character is read in its charset', () => {
  for (const [lang, charset] of CJK_CASES) {
    const text = PARAGRAPHS[lang];
    const whole = iconv.encode(page(text), charset);
    // The lead byte of a two-byte character with its trail byte missing, as a fetcher that caps
    // the bytes it reads leaves it.
    const lead = iconv.encode(text.slice(0, 1), charset).subarray(0, 1);
    const cut = Buffer.concat([whole.subarray(0, whole.indexOf('</p>')), lead]);
    const r = decodeHtml(cut);
    assert.ok(r.text.includes(text.slice(0, 40)), `${lang} in ${charset}: read as ${r.charset}`);
  }
});

test('an undeclared GBK page with one stray byte in its text is read as GB18030', () => {
  const text = PARAGRAPHS['zh-Hans'];
  const bytes = iconv.encode(page(text), 'gbk');
  const at = bytes.indexOf('<p>') + 3;
  const stray = Buffer.concat([bytes.subarray(0, at), Buffer.from([0x81, 0x20]), bytes.subarray(at)]);
  const u = readUndeclared(stray);
  assert.equal(u.charset, 'gb18030');
  assert.ok(u.text.includes(text), 'the paragraph reads whole');
});

test('single-byte legacy text is still not taken for a CJK charset it breaks', () => {
  for (const { lang, charset, text } of LEGACY_CASES) {
    if (['gbk', 'gb18030', 'big5', 'shift_jis', 'euc-jp', 'euc-kr'].includes(charset)) continue;
    const u = readUndeclared(iconv.encode(page(text), charset));
    assert.ok(u.text.includes(text), `${lang} in ${charset}: read as ${u.charset}`);
  }
});
