// One word counts once between texts across languages (src/stories/README.md, "Unrelated events
// joined on the demo, second look"): an Arabic-script word that is a lexicon concept gives its
// concept and its name key (every Arabic-script word has one), so an Arabic and a Persian text
// sharing «انتخابات» alone shared two features and passed `minSharedCrossTexts` (2). A municipal
// vote and a students' council vote are two events; the vote's Persian report shares the city, the
// turnout, the figures, the weekday and the results with the Arabic one and still joins it.
// Articles written for this test, about a fictional city.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterOptions } from '../../src/stories/clusterer.js';
import type { StoryArticle } from '../../src/stories/types.js';
import { storiesOf } from '../helpers/story-runs.js';

const H = 3_600_000;
// Sunday 8 November 2026, 06:00 UTC.
const T0 = Date.UTC(2026, 10, 8, 6);
const NOW = () => T0 + 30 * 24 * H;

function article(id: string, title: string, text: string, hours: number, lang: string): StoryArticle {
  return { id, title, text, published: T0 + hours * H, lang };
}

function stories(articles: StoryArticle[], options: Partial<ClusterOptions> = {}): Map<string, string> {
  return storiesOf(articles, { now: NOW, ...options });
}

const ARTICLES = [
  article(
    'football',
    'Football: league leaders held to a draw',
    'The league leaders were held to a goalless draw at home and their lead at the top shrank to two points with five games left in the season.',
    0,
    'en',
  ),
  // A municipal vote in Qarwan, in Arabic.
  article(
    'vote-ar',
    'انتخابات بلدية في قروان بمشاركة 40 بالمئة من الناخبين',
    'أعلنت اللجنة العليا أن الانتخابات البلدية في مدينة قروان جرت يوم الأحد بمشاركة 40 بالمئة من الناخبين المسجلين، وأن النتائج النهائية ستعلن خلال ثلاثة أيام بعد فرز الأصوات في 85 مركزا.',
    1,
    'ar',
  ),
  article(
    'harbour',
    'Harbour festival draws record crowds',
    'Organisers said more visitors than ever came to the harbour festival this weekend, with boat parades, food stalls and fireworks over the water at night.',
    2,
    'en',
  ),
  // Another vote, in Persian: a students' council. Shared with the Arabic text: «انتخابات» alone.
  article(
    'students-fa',
    'انتخابات شورای صنفی دانشجویان در دانشگاه هرمزگان',
    'دانشجویان دانشگاه هرمزگان نمایندگان شورای صنفی خود را برای دو سال آینده برگزیدند و به گفته معاونت دانشجویی، شش نامزد از میان هجده داوطلب به شورا راه یافتند.',
    3,
    'fa',
  ),
  // The municipal vote in Persian.
  article(
    'vote-fa',
    'انتخابات شوراهای شهر قروان با مشارکت ۴۰ درصد',
    'کمیته عالی اعلام کرد انتخابات شوراهای شهر در قروان روز یکشنبه با مشارکت ۴۰ درصد از رای‌دهندگان ثبت‌نام‌شده انجام شد و نتایج نهایی پس از شمارش آرا در ۸۵ مرکز تا سه روز دیگر اعلام می‌شود.',
    4,
    'fa',
  ),
];

test('one Arabic-script word shared by two texts across languages is one feature, not its concept and its key', () => {
  const s = stories(ARTICLES);
  assert.notEqual(s.get('students-fa'), s.get('vote-ar'));
  // The same event across Arabic and Persian still joins, on many features.
  assert.equal(s.get('vote-fa'), s.get('vote-ar'));
  assert.notEqual(s.get('vote-fa'), s.get('students-fa'));
  // Counting the word's key besides its concept (the engine before this round) joins them.
  const before = stories(ARTICLES, { crossTextsOneWord: false });
  assert.equal(before.get('students-fa'), before.get('vote-ar'));
});
