// The sibling guard round (src/stories/README.md, "Sibling guard round"): a continuation cue ("on
// the second day of the trial") opens the day guard only for a story that carries a name of what
// the cue speaks of, and one that is the story's own; a merge across languages with a headline on
// one side does not rest on one shared name key alone. Synthetic articles written for these tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { featuresTo } from '../../src/stories/features.js';
import type { StoryArticle } from '../../src/stories/types.js';

const H = 3_600_000;
// Monday 7 September 2026, 08:00 UTC.
const T0 = Date.UTC(2026, 8, 7, 8);
const NOW = () => T0 + 30 * 24 * H;
/** The cue rule of the build before this round: any cue with the next day opens the guard. */
const CUE_ONLY = { dayGuardCueNames: false };

function article(id: string, title: string, text: string, hours: number, lang = 'en'): StoryArticle {
  return { id, title, text, published: T0 + hours * H, lang };
}

/** The story's article and then `next`, after `before`: the story `next` is filed in. */
function storyOf(first: StoryArticle, next: StoryArticle, before: StoryArticle[] = [], options = {}): string {
  const c = new OnlineStoryClusterer({ now: NOW, ...options });
  for (const a of before) c.add(a);
  c.add(first);
  return c.add(next).story;
}

// An Iran desk's window: other Iranian news of Monday, so "Iranian" is the topic's word, not the trial's.
const DESK = [
  article(
    'f1',
    'Iranian oil exports climb to a five-year high',
    'Iranian crude exports rose in August to their highest level in five years, tanker trackers said on Monday, with most cargoes bound for refiners in Asia.',
    -3,
  ),
  article(
    'f2',
    'Iranian foreign minister visits Oman for talks on shipping',
    'The Iranian foreign minister arrived in Muscat on Monday for talks with Omani officials on shipping in the Strait of Hormuz, the ministry said.',
    -2,
  ),
];

const TRIAL = article(
  'o',
  'Trial of former Iranian prison official over 1988 executions opens in Sweden',
  'The trial of Ahmad Karimi, a former Iranian prison official accused of taking part in the mass execution of political prisoners in 1988, opened at the Stockholm district court on Monday. ' +
    'Prosecutors said the former official had escorted prisoners to the hall where they were hanged; survivors and relatives of the executed filled the public gallery.',
  0,
);

test('the second day of another trial, in another city, does not open the day guard for the first trial', () => {
  const sibling = article(
    's',
    'Gothenburg court hears survivors as trial of another former Iranian prison official enters second day',
    'On the second day of the trial of Nasser Rahimi in Gothenburg, a survivor told the district court on Tuesday that the former Iranian prison official had escorted political prisoners to the hall where they were hanged in 1988. ' +
      'Relatives of the executed filled the public gallery.',
    24,
  );
  assert.equal(storyOf(TRIAL, sibling, DESK), 's');
  // The premise: the cue alone opened the guard, and the words alone join the two trials.
  assert.equal(storyOf(TRIAL, sibling, DESK, CUE_ONLY), 'o');
});

test('the same trial on its second day, naming its defendant and city, still joins', () => {
  const day2 = article(
    'd',
    'Stockholm court hears survivors as Karimi trial enters second day',
    'On the second day of the trial of Ahmad Karimi in Stockholm, a survivor told the district court on Tuesday that the former Iranian prison official had escorted political prisoners to the hall where they were hanged in 1988. ' +
      'Relatives of the executed filled the public gallery.',
    24,
  );
  assert.equal(storyOf(TRIAL, day2, DESK), 'o');
  assert.equal(storyOf(TRIAL, day2, DESK, { dayGuardCue: false }), 'd');
});

const TRIAL_FA = article(
  'fo',
  'آغاز محاکمه احمد کریمی، مقام سابق زندان، در استکهلم',
  'محاکمه احمد کریمی، مقام سابق زندان در ایران که به مشارکت در اعدام زندانیان سیاسی در سال ۱۹۸۸ متهم است، روز دوشنبه در دادگاه استکهلم آغاز شد. ' +
    'دادستان‌ها گفتند او زندانیان را به سالنی برده که در آن اعدام شدند و بازماندگان و خانواده‌های اعدام‌شدگان در جلسه حاضر بودند.',
  0,
  'fa',
);

test('Persian: «دومین روز محاکمه» of another defendant starts its own story, of the same one joins', () => {
  const lead = (who: string, where: string) =>
    `در دومین روز محاکمه ${who} در ${where}، یک زندانی سیاسی سابق روز سه‌شنبه به دادگاه گفت این مقام سابق زندان زندانیان را به سالنی برد که در آن اعدام شدند. ` +
    'خانواده‌های اعدام‌شدگان در جلسه حاضر بودند.';
  const sibling = article('fs', 'دومین روز محاکمه ناصر رحیمی در گوتنبرگ', lead('ناصر رحیمی', 'گوتنبرگ'), 24, 'fa');
  assert.equal(storyOf(TRIAL_FA, sibling), 'fs');
  assert.equal(storyOf(TRIAL_FA, sibling, [], CUE_ONLY), 'fo');
  const day2 = article('fd', 'دومین روز محاکمه احمد کریمی در استکهلم', lead('احمد کریمی', 'استکهلم'), 24, 'fa');
  assert.equal(storyOf(TRIAL_FA, day2), 'fo');
});

const STRIKE_AR = article(
  'ao',
  'إضراب عمال ميناء أم قصر احتجاجاً على تأخر الرواتب',
  'أضرب مئات العمال في ميناء أم قصر يوم الأربعاء احتجاجاً على تأخر رواتبهم منذ ثلاثة أشهر، وتوقفت عمليات تفريغ السفن في الميناء، بحسب نقابة العمال.',
  48,
  'ar',
);

// An Iraq desk's window: other port news, so «ميناء» (port) is the desk's word, not the strike's.
const PORTS = [
  article(
    'g1',
    'وصول باخرة قمح إلى ميناء البصرة',
    'وصلت باخرة محملة بخمسين ألف طن من القمح إلى ميناء البصرة يوم الثلاثاء، بحسب الشركة العامة للموانئ.',
    30,
    'ar',
  ),
  article(
    'g2',
    'رفع رسوم الحاويات في ميناء الفاو',
    'قررت الشركة العامة للموانئ رفع رسوم مناولة الحاويات في ميناء الفاو اعتباراً من الشهر المقبل.',
    40,
    'ar',
  ),
];

test('Arabic: «لليوم الثاني» said of a strike at another port starts its own story, of the same port joins', () => {
  const text = (port: string) =>
    `واصل العمال في ${port} إضرابهم لليوم الثاني يوم الخميس احتجاجاً على تأخر رواتبهم منذ ثلاثة أشهر، وتوقفت عمليات تفريغ السفن، بحسب نقابة العمال.`;
  const sibling = article('as', 'لليوم الثاني.. إضراب عمال ميناء خور الزبير', text('ميناء خور الزبير'), 72, 'ar');
  assert.equal(storyOf(STRIKE_AR, sibling, PORTS), 'as');
  assert.equal(storyOf(STRIKE_AR, sibling, PORTS, CUE_ONLY), 'ao');
  const day2 = article('ad', 'لليوم الثاني.. إضراب عمال ميناء أم قصر', text('ميناء أم قصر'), 72, 'ar');
  assert.equal(storyOf(STRIKE_AR, day2, PORTS), 'ao');
});

/** The terms (not name keys) featuresTo hands to `cueName`, in order. */
function cueTerms(title: string, text: string): string[] {
  const out: string[] = [];
  featuresTo({ term() {}, neutral() {}, continues() {}, cueName: (k, neutral) => !neutral && out.push(k) }, title, text);
  return out;
}

test('what the cue speaks of: the headline with the cue, else the lead clause holding it, else the headline', () => {
  // The cue in the headline: its names (a capitalised word; not the cue words, not a weekday).
  assert.deepEqual(cueTerms('Evin hunger strikers refuse food for second day', ''), ['evin']);
  // In the lead: the clause (between punctuation) that holds it, not the whole sentence.
  assert.deepEqual(
    cueTerms(
      'Container ship fire at port',
      'On Tuesday, fire tugs were still spraying the ship at a berth of Shahid Rajaee port, officials in Hormozgan said.',
    ),
    ['shahid', 'rajaee'],
  );
  // A clause that names nothing: the headline's names stand for it.
  assert.deepEqual(
    cueTerms('Miners trapped at Hojedk', 'Rescuers on Tuesday pulled four miners out of the Hojedk mine; three were still missing.'),
    ['miner', 'hojedk'],
  );
  // Persian: every word of Arabic script may be a name; the cue words, function words and lexicon concepts are not.
  assert.deepEqual(cueTerms('آتش دنا همچنان شعله‌ور است', ''), ['دنا', 'شعلهور']);
  // No cue, no names.
  assert.deepEqual(cueTerms('Khorramshahr dockers walk out', 'Dockers stopped work on Wednesday.'), []);
});

test('a story is not merged across languages through one shared name key alone, a headline on one side', () => {
  // A Persian headline's «بررسی» ("review") has the consonants of "Paris": one shared key, no name.
  const paris = article('b', 'Paris court convicts three in bomb plot', '', 0);
  const paris2 = article('b2', 'Three convicted in Paris over plot to bomb rally', '', 0.2);
  const parliament = article('a', 'پارلمان عراق طرح زمین‌های اردوگاه اشرف را تصویب کرد', '', 1, 'fa');
  const review = article('x', 'بررسی طرح زمین‌های اشرف در پارلمان', '', 1.5, 'fa');
  const run = (first: StoryArticle[], options = {}) => {
    const c = new OnlineStoryClusterer({ now: NOW, ...options });
    return [...first, parliament, review].map((a) => c.add(a));
  };
  const out = run([paris, paris2]);
  assert.equal(out[1]?.story, 'b');
  assert.equal(out[3]?.story, 'a');
  assert.equal(out[3]?.merged, undefined);
  // The premise: without the rule the review headline folds the Paris verdict into the parliament's story.
  const before = run([paris, paris2], { crossMergeNameKey: false });
  assert.deepEqual(before[3]?.merged, ['a']);
  assert.equal(before[3]?.story, 'b');
  // A lone article is still folded in that way: if the key was a coincidence, one article is misplaced.
  assert.deepEqual(run([paris])[2]?.merged, ['a']);
});
