import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTerm, normalizeText } from '../../src/text/normalize.js';
import { TOKEN_BREAK_BEFORE, TOKEN_DOTTED, TOKEN_POSSESSIVE, tokenSurface, tokenize } from '../../src/text/normalize-tokens.js';

const norms = (s: string): string[] => tokenize(s).map((t) => t.norm);

test('Latin: case folding, diacritics, compatibility forms', () => {
  assert.equal(normalizeTerm('Mojāhedīn-e KHALQ'), 'mojahedin e khalq');
  assert.equal(normalizeTerm('Straße ﬁnal Ｍｅｋ'), 'strasse final mek');
  assert.equal(normalizeTerm('Cafe\u0301 naïve'), 'cafe naive');
});

test('Arabic and Persian letters, marks and digits fold to one form', () => {
  // alef forms
  assert.equal(normalizeTerm('أشرف إيران آزادی ٱلله'), 'اشرف ايران ازادي الله');
  // Persian yeh/kaf vs Arabic yeh/kaf, alef maksura, teh marbuta
  assert.equal(normalizeTerm('مجاهدین'), normalizeTerm('مجاهدين'));
  assert.equal(normalizeTerm('کمپ'), normalizeTerm('كمپ'));
  assert.equal(normalizeTerm('مجاهدى'), normalizeTerm('مجاهدي'));
  assert.equal(normalizeTerm('منظمة'), normalizeTerm('منظمه'));
  // harakat and tatweel
  assert.equal(normalizeTerm('مُجَاهِدِي خَلْق'), 'مجاهدي خلق');
  assert.equal(normalizeTerm('مجـــاهدين'), 'مجاهدين');
  // Arabic-Indic and Persian digits
  assert.equal(normalizeTerm('١٢٣ ۴۵۶'), '123 456');
  // presentation forms (U+FExx) are the same letters
  assert.equal(normalizeTerm('\ufee3\ufe9f\ufe8e\ufeeb\ufeaa'), normalizeTerm('مجاهد'));
});

test('ZWNJ and ZWJ are removed without splitting the word', () => {
  assert.deepEqual(norms('می\u200cخواهند'), ['ميخواهند']);
  assert.deepEqual(norms('ab\u200dcd'), ['abcd']);
});

test('apostrophes inside a word are dropped; possessive is remembered', () => {
  const toks = tokenize("People’s Mas'ud MEK's");
  assert.deepEqual(
    toks.map((t) => t.norm),
    ['peoples', 'masud', 'meks'],
  );
  assert.ok((toks[0]?.flags ?? 0) & TOKEN_POSSESSIVE);
  assert.equal((toks[1]?.flags ?? 0) & TOKEN_POSSESSIVE, 0);
  assert.equal(tokenSurface("People’s Mas'ud MEK's", toks[2]!), 'MEK');
});

test('hyphen, space and dash variants split words the same way', () => {
  for (const s of ['Mojahedin-e Khalq', 'Mojahedin e Khalq', 'Mojahedin\u2010e Khalq', 'Mojahedin — e Khalq']) {
    assert.deepEqual(norms(s), ['mojahedin', 'e', 'khalq'], s);
  }
});

test('dotted acronyms become one token with the original span', () => {
  const s = 'members of the M.E.K. and the U.S said';
  const toks = tokenize(s);
  const mek = toks.find((t) => t.norm === 'mek');
  assert.ok(mek);
  assert.ok(mek.flags & TOKEN_DOTTED);
  assert.equal(s.slice(mek.start, mek.end), 'M.E.K.');
  assert.equal(tokenSurface(s, mek), 'MEK');
  assert.ok(toks.some((t) => t.norm === 'us'));
});

test('offsets point into the original string, including after astral characters', () => {
  const s = '😀 Ünïcode 𝐌𝐄𝐊 x';
  for (const t of tokenize(s)) {
    assert.ok(t.start >= 0 && t.end <= s.length && t.start < t.end);
  }
  const u = tokenize(s)[0]!;
  assert.equal(s.slice(u.start, u.end), 'Ünïcode');
  const n = normalizeText(s);
  const i = n.text.indexOf('unicode');
  assert.equal(n.starts[i], s.indexOf('Ü'));
  assert.equal(n.ends[i + 6], s.indexOf('Ü') + 'Ünïcode'.length);
});

test('lone surrogates are separators, never crash, never produce bad offsets', () => {
  const s = 'abc\ud800def \udc00ghi\ud83d';
  assert.deepEqual(norms(s), ['abc', 'def', 'ghi']);
  const n = normalizeText(s);
  assert.equal(n.text, 'abc def ghi');
  assert.equal(n.starts.length, n.text.length);
});

test('mixed-direction text with bidi controls keeps words and offsets', () => {
  const s = 'گزارش \u202bسازمان مجاهدین خلق\u202c (MEK) \u200fدر Paris';
  const toks = tokenize(s);
  assert.deepEqual(
    toks.map((t) => t.norm),
    ['گزارش', 'سازمان', 'مجاهدين', 'خلق', 'mek', 'در', 'paris'],
  );
  const mek = toks[4]!;
  assert.equal(s.slice(mek.start, mek.end), 'MEK');
});

test('sentence punctuation marks a phrase break, hyphens do not', () => {
  const toks = tokenize('the mujahideen. Khalq faction; Mojahedin-e Khalq');
  const khalq1 = toks[2]!;
  assert.ok(khalq1.flags & TOKEN_BREAK_BEFORE);
  const e = toks.find((t) => t.norm === 'e')!;
  assert.equal(e.flags & TOKEN_BREAK_BEFORE, 0);
});
