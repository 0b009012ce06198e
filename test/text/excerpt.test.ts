import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerpt } from '../../src/text/excerpt.js';

const EN =
  'The government said on Monday that talks would resume. Officials from both sides met in the capital to discuss trade, security and the economy while analysts warned.';

test('text that fits is returned whole, without an ellipsis', () => {
  assert.equal(excerpt(EN, 500), EN);
  assert.equal(excerpt('  padded  ', 20), 'padded');
  assert.equal(excerpt('Ends with its own dots...', 100), 'Ends with its own dots...');
});

test('cuts at a sentence end when one is close to the limit', () => {
  const out = excerpt(EN, 60);
  assert.equal(out, 'The government said on Monday that talks would resume…');
  assert.ok(out.length <= 60);
});

test('cuts at a word boundary when no sentence ends close enough, never inside a word', () => {
  const out = excerpt(EN, 100);
  assert.equal(out, 'The government said on Monday that talks would resume. Officials from both sides met in the capital…');
  assert.ok(out.length <= 100);
  for (const n of [10, 17, 23, 31, 44, 58, 77, 91, 120, 150]) {
    const e = excerpt(EN, n);
    assert.ok(e.length <= n, `${n}: ${e}`);
    assert.ok(e.endsWith('…'), `${n}: ${e}`);
    const body = e.slice(0, -1);
    // The kept text is a prefix of the source ending at a word end.
    const next = EN[body.length];
    assert.ok(EN.startsWith(body) || EN.startsWith(body + '.'), `${n}: ${e}`);
    assert.ok(next === undefined || /[\s.,]/.test(next), `${n}: cut inside a word: ${e}`);
  }
});

test("trailing separators and the source's own ellipsis are dropped before ours", () => {
  assert.equal(excerpt('First part, second part, third part and more words here', 25), 'First part, second part…');
  assert.equal(excerpt('A teaser the feed already cut... and then the text goes on for a while', 36), 'A teaser the feed already cut…');
  assert.equal(excerpt('A teaser the feed already cut… and then the text goes on for a while', 32), 'A teaser the feed already cut…');
  assert.equal(excerpt('A teaser the feed already cut.. and then the text goes on', 33), 'A teaser the feed already cut…');
});

test('abbreviations and decimals are not sentence ends', () => {
  assert.equal(excerpt('Talks with Mr. Smith went well in the end for everyone involved', 24), 'Talks with Mr. Smith…');
  assert.equal(excerpt('Growth was 3.5 percent this year, said the bank today', 40), 'Growth was 3.5 percent this year, said…');
});

test('Arabic and Persian punctuation', () => {
  const ar = 'قالت الحكومة يوم الاثنين إن المحادثات ستستأنف؟ التقى مسؤولون من الجانبين في العاصمة لمناقشة التجارة';
  assert.equal(excerpt(ar, 60), 'قالت الحكومة يوم الاثنين إن المحادثات ستستأنف؟…');
  const fa = 'دولت روز دوشنبه اعلام کرد که گفتگوها از سر گرفته می‌شود، و تحلیلگران هشدار دادند که قیمت‌ها بالا می‌رود';
  const out = excerpt(fa, 60);
  assert.ok(out.length <= 60);
  assert.ok(out.endsWith('…'));
  assert.ok(!out.includes('،…'), out); // the Arabic comma is not left before the ellipsis
  assert.ok(fa.startsWith(out.slice(0, -1)));
  assert.equal(excerpt('جمله اول تمام شد۔ جمله دوم خیلی طولانی است و ادامه دارد تا آخر', 26), 'جمله اول تمام شد…');
});

test('CJK: full stops end sentences, and words are not split', () => {
  const zh = '政府周一表示，谈判将恢复。双方官员在首都会面，讨论贸易、安全和经济问题，分析人士警告价格可能进一步上涨。';
  assert.equal(excerpt(zh, 15), '政府周一表示，谈判将恢复…');
  const out = excerpt(zh, 30);
  assert.ok(out.length <= 30 && out.endsWith('…'), out);
  assert.ok(!out.endsWith('、…') && !out.endsWith('安…'), out);
});

test('one word longer than the limit is cut hard, without splitting a surrogate pair', () => {
  const long = 'x'.repeat(50);
  assert.equal(excerpt(long, 10), 'xxxxxxxxx…');
  const emoji = '😀'.repeat(20);
  const out = excerpt(emoji, 10);
  assert.ok(out.length <= 10);
  assert.ok(!/[\ud800-\udbff]…$/.test(out), 'lone high surrogate before the ellipsis');
});

// Found by the fuzzer: cuts inside a grapheme cluster (a flag, an accent, an emoji sequence).
test('never cuts inside a grapheme cluster', () => {
  assert.equal(excerpt('🇮🇶🇮🇶🇮🇶🇮🇶', 7), '🇮🇶…');
  assert.equal(excerpt('abcdefghe\u0301xyz', 10), 'abcdefgh…');
  assert.equal(excerpt('ab 👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 14), 'ab…');
  assert.equal(excerpt('👨‍👩‍👧‍👦xyz', 5), '…');
  assert.equal(excerpt('中文字中文字中文字。\u0301 后面还有很多很多的文字', 14), '中文字中文字中文字…');
});
