// Features the clusterer compares: cross-script name keys, numbers in every digit script, the lead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleFeatures, leadOf } from '../../src/stories/features.js';
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
