import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeletionIndex, withinOneEdit } from '../../src/topics/fuzzy.js';
import { arabicCliticForms, skeleton } from '../../src/topics/skeleton.js';
import { AsciiWordCache, asciiWordHash } from '../../src/topics/word-cache.js';
import { normalizeTerm } from '../../src/text/normalize.js';
import { scanWords } from '../../src/text/normalize-tokens.js';

const sk = (w: string): string => skeleton(normalizeTerm(w));

test('transliteration families share a skeleton', () => {
  const families = [
    ['Mojahedin', 'Mujahedin', 'Mujahidin', 'Mojahedeen', 'Mujahideen', 'Mujaheddin', 'Mojahedine', 'Mujahidi', 'Mojāhedin'],
    ['Khalq', 'Khalgh', 'Ghalq'],
    ['Rajavi', 'Rajawi', 'Radjavi'],
    ['Organization', 'Organisation', 'Organizations'],
    ['Massoud', 'Masoud', 'Masud'],
    ['مجاهدين', 'مجاهدون', 'مجاهدي', 'مجاهدو', 'مجاهدین'],
  ];
  for (const family of families) {
    const keys = new Set(family.map(sk));
    assert.equal(keys.size, 1, `${family.join('/')} → ${[...keys].join(', ')}`);
  }
});

test('different words keep different skeletons', () => {
  const distinct = [
    'Mojahedin',
    'Mohammad',
    'Khalq',
    'Ashraf',
    'Sharif',
    'Liberty',
    'Tehran',
    'Tirana',
    'Iran',
    'Iraq',
    'Kazemi',
    'Ghasemi',
  ];
  assert.equal(new Set(distinct.map(sk)).size, distinct.length, distinct.map(sk).join(' '));
  // Short words are left alone: no skeleton merging for "of"/"if"/"the".
  assert.notEqual(sk('of'), sk('if'));
});

test('Arabic clitics are offered off, never the definite article', () => {
  assert.deepEqual(arabicCliticForms('ومنظمه'), ['منظمه']);
  assert.deepEqual(arabicCliticForms('ولمنظمه'), ['لمنظمه', 'منظمه']);
  assert.deepEqual(arabicCliticForms('المخيم'), []);
  assert.deepEqual(arabicCliticForms('mojahedin'), []);
});

test('one-edit distance and the deletion index', () => {
  assert.ok(withinOneEdit('majahad', 'majhad'));
  assert.ok(withinOneEdit('majahad', 'majahadx'));
  assert.ok(withinOneEdit('majahad', 'mjaahad'));
  assert.ok(withinOneEdit('majahad', 'majahat'));
  assert.ok(!withinOneEdit('majahad', 'mjhad'));
  const idx = new DeletionIndex();
  idx.add('majahad', 0);
  idx.add('arganasat', 1);
  assert.deepEqual(idx.lookup('majhad'), [0]);
  assert.deepEqual(idx.lookup('majahadt'), [0]);
  assert.deepEqual(idx.lookup('majahad'), []);
  assert.deepEqual(idx.lookup('aganasatx'), []);
});

test('the ASCII word cache finds words in place, case-insensitively, with the tokenizer hash', () => {
  const cache = new AsciiWordCache<number>(3, 4);
  const text = 'The MEK and mek and Mek';
  const seen: number[] = [];
  scanWords(text, (start, end, _core, _flags, folded, hash) => {
    assert.equal(folded, null);
    assert.equal(hash, asciiWordHash(text.slice(start, end).toLowerCase()));
    const got = cache.get(text, start, end, hash);
    if (got === undefined) cache.set(text.slice(start, end).toLowerCase(), hash, start);
    else seen.push(got);
  });
  assert.deepEqual(seen, [4, 8, 4]); // mek → MEK's entry, and → and's, Mek → MEK's
  // Bounded: a fourth distinct word empties the table instead of growing it.
  cache.set('x', asciiWordHash('x'), 1);
  assert.equal(cache.size, 1);
});
