// Features the clusterer compares: cross-script name keys, numbers in every digit script, the lead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleFeatures, leadOf, withoutDateline } from '../../src/stories/features.js';
import { parseArticleLine, parseDuration } from '../../src/stories/input.js';
import { translitKey } from '../../src/stories/transliterate.js';
import { normalizeTerm } from '../../src/text/normalize.js';

const key = (w: string) => translitKey(normalizeTerm(w));

test('a name and its Arabic-script spelling share a key', () => {
  for (const [latin, arabic] of [
    ['Rajavi', 'رجوی'],
    ['Rajavi', 'رجوي'],
    ['Dervishi', 'درویشی'],
    ['Tirana', 'تیرانا'],
    ['Tehran', 'تهران'],
    ['Kazemi', 'الكاظمي'],
    ['Kurdistan', 'کردستان'],
    ['Ashraf', 'اشرف'],
  ] as const) {
    assert.equal(key(latin), key(arabic), `${latin} / ${arabic}`);
  }
  assert.notEqual(key('Rajavi'), key('Tirana'));
  assert.notEqual(key('Kazemi'), key('Karimi'));
  assert.equal(key('2026'), '');
});

test('a leading ال written with a hamza or madda (أل, آل) is part of the word, not the article', () => {
  // Albania in Latin, Arabic and Persian letters: one name key. Before, folding أ/آ to ا made
  // "ألبانيا"/"آلبانی" lose "ال" like an article, leaving a two-letter key (unused) and "بانيا".
  const en = articleFeatures('Albania orders registration', '');
  const ar = articleFeatures('ألبانيا تأمر بالتسجيل', '');
  const fa = articleFeatures('آلبانی دستور ثبت‌نام داد', '');
  for (const f of [en, ar, fa]) assert.ok(f.neutral.has('x:LBN'), [...f.neutral.keys()].join(' '));
  assert.ok(ar.terms.has(normalizeTerm('ألبانيا')), [...ar.terms.keys()].join(' '));
  // The article itself (bare alef) is still dropped: المحكمة and محكمة are one term.
  assert.ok(articleFeatures('المحكمة تنظر', '').terms.has(normalizeTerm('محكمة')));
  assert.equal(key('الكاظمي'), key('Kazemi'));
});

test('a wire dateline is not a feature: city, date and agency of the filing are dropped from the lead', () => {
  assert.equal(withoutDateline('DUBAI, Oct 6 (Reuters) - Iran seized a tanker.'), 'Iran seized a tanker.');
  assert.equal(withoutDateline('SULAIMANIYA, Iraq, June 2 (AFP) — A drone hit a field.'), 'A drone hit a field.');
  assert.equal(withoutDateline('TEHRAN (AP) -- Officials said.'), 'Officials said.');
  assert.equal(withoutDateline('NEW YORK, Sept. 22 (Meridian Press) - Talks began.'), 'Talks began.');
  // Ordinary openings are left alone.
  for (const t of ['The US Navy said - in a statement - that', 'Iran says talks will resume', 'US officials said on Monday'])
    assert.equal(withoutDateline(t), t);
  // "Press" of the agency no longer gives the name key of Paris (B R S), nor the day a number.
  const f = articleFeatures('Tanker seized in Gulf', 'DUBAI, Oct 6 (Meridian Press) - Iran seized a tanker on Tuesday.');
  assert.ok(!f.neutral.has('x:BRS') && !f.neutral.has('n:6') && !f.terms.has('dubai'), [...f.neutral.keys()].join(' '));
  assert.ok(f.terms.has('tanker') && f.terms.has('seized'));
});

test('a capitalised lexicon word gives its concept, not also a name key', () => {
  const f = articleFeatures('Court hears case', 'The hearing opened on Tuesday before the Supreme Court in Tirana.');
  assert.ok(f.neutral.has('c:court') && f.neutral.has('c:tuesday'));
  assert.ok(!f.neutral.has(`x:${key('Court')}`) && !f.neutral.has(`x:${key('Tuesday')}`), [...f.neutral.keys()].join(' '));
  assert.ok(f.neutral.has(`x:${key('Tirana')}`), 'a name keeps its key');
  // Arabic-script words keep both: every such word has a key (how Arabic and Persian meet).
  const ar = articleFeatures('المحكمة تنظر القضية', '');
  assert.ok(ar.neutral.has('c:court') && ar.neutral.has(`x:${key('محكمة')}`), [...ar.neutral.keys()].join(' '));
});

test('numbers in Latin, Arabic-Indic and Persian digits, with separators and scale words, are one feature', () => {
  const en = articleFeatures('300,000 tourists cross the border', '');
  const fa = articleFeatures('۳۰۰ هزار گردشگر از مرز گذشتند', '');
  const ar = articleFeatures('300 ألف سائح يعبرون الحدود', '');
  for (const f of [en, fa, ar]) assert.ok(f.neutral.has('n:300000'), [...f.neutral.keys()].join(' '));
  assert.ok(articleFeatures('Court returns ٤١ computers', '').neutral.has('n:41'));
});

test('only the lead of the text counts: boilerplate at the end is not a feature', () => {
  const body = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
  const f = articleFeatures('Headline here', `${body}\n\nWe use cookies on this site.`);
  assert.ok(!f.terms.has('cookie') && !f.terms.has('cookies'));
  assert.equal(leadOf('a b c d e', 3), 'a b c ');
});

test('input lines: the contract is checked and errors name the problem', () => {
  const ok = parseArticleLine('{"id":7,"title":"T","text":"","published":"2026-03-03T10:00:00Z","lang":"en"}');
  assert.ok(ok.ok);
  if (ok.ok) {
    assert.equal(ok.article.id, '7');
    assert.equal(ok.article.published, Date.UTC(2026, 2, 3, 10));
  }
  const noText = parseArticleLine('{"id":"a","title":"Headline only"}');
  assert.ok(noText.ok && noText.article.text === '' && noText.article.published === null);
  for (const [line, msg] of [
    ['not json', /invalid JSON/],
    ['[1,2]', /JSON object/],
    ['{"title":"x","text":""}', /"id"/],
    ['{"id":"a","text":""}', /"title"/],
    ['{"id":"a","title":"x","text":5}', /"text"/],
    ['{"id":"a","title":"x","published":"yesterday"}', /"published" is not a date/],
    ['{"id":"a","title":"x","url":42}', /"url"/],
  ] as const) {
    const r = parseArticleLine(line);
    assert.ok(!r.ok && msg.test(r.error), `${line}: ${r.ok ? 'accepted' : r.error}`);
  }
  assert.equal(parseDuration('72h'), 72 * 3_600_000);
  assert.equal(parseDuration('3d'), 72 * 3_600_000);
  assert.equal(parseDuration('48'), 48 * 3_600_000);
  assert.equal(parseDuration('soon'), null);
});
