// Features the clusterer compares: cross-script name keys, numbers in every digit script, the lead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleFeatures, leadOf } from '../../src/stories/features.js';
import { parseArticleLine, parseDuration } from '../../src/stories/input.js';
import { translitKey } from '../../src/stories/transliterate.js';
import type { StoryArticle } from '../../src/stories/types.js';
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

test('a capitalised month next to a day number is a date: the month gives no word, concept or name key', () => {
  const f = articleFeatures('Bachelor finale recap for March 10, 2014', '');
  assert.equal(f.terms.has('march'), false);
  assert.equal(f.neutral.has('c:protest'), false);
  assert.equal(f.neutral.has('n:10'), true);
  for (const t of ['Talks resume on 10 March', 'Flights cut since Nov. 27']) {
    const g = articleFeatures(t, '');
    assert.equal(
      [...g.terms.keys()].some((k) => k === 'march' || k === 'nov'),
      false,
      t,
    );
  }
  // A march is still a march, and a month without a day is still a word.
  assert.equal(articleFeatures('Protesters march 10 km to the capital', '').neutral.has('c:protest'), true);
  assert.equal(articleFeatures('Rally planned in March', '').terms.has('march'), true);
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
  ] as const) {
    const r = parseArticleLine(line);
    assert.ok(!r.ok && msg.test(r.error), `${line}: ${r.ok ? 'accepted' : r.error}`);
  }
  // A bad field is a warning: the article is kept (one output line per article) without it.
  for (const [line, msg, check] of [
    ['{"id":"a","text":"body"}', /"title" is missing/, (a: StoryArticle) => a.title === '' && a.text === 'body'],
    ['{"id":"a","title":"x","text":5}', /"text" must be a string/, (a: StoryArticle) => a.text === ''],
    ['{"id":"a","title":"x","published":"yesterday"}', /"published" is not a date.*undated/, (a: StoryArticle) => a.published === null],
    ['{"id":"a","title":"x","url":42}', /"url" must be a string/, (a: StoryArticle) => a.url === undefined],
  ] as const) {
    const r = parseArticleLine(line);
    assert.ok(r.ok, line);
    assert.ok(
      r.warnings.some((w) => msg.test(w)),
      `${line}: ${r.warnings.join('; ')}`,
    );
    assert.ok(check(r.article), line);
  }
  // Epoch seconds are read as such; milliseconds and RFC 2822 dates as they are.
  const at = Date.parse('2026-03-03T10:00:00Z');
  for (const published of [at, at / 1000, '2026-03-03T10:00:00Z', 'Tue, 03 Mar 2026 10:00:00 GMT']) {
    const r = parseArticleLine(JSON.stringify({ id: 'a', title: 'x', published }));
    assert.ok(r.ok && r.article.published === at && r.warnings.length === 0, String(published));
  }
  assert.equal(parseDuration('72h'), 72 * 3_600_000);
  assert.equal(parseDuration('3d'), 72 * 3_600_000);
  assert.equal(parseDuration('48'), 48 * 3_600_000);
  assert.equal(parseDuration('soon'), null);
});
