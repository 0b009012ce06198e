// The day guard's exception for an event that runs over several days (src/stories/README.md,
// "Events over several days"): an article whose lead names the day after one of a story's days
// may still join it when its headline or lead says the event runs on ("for a second day", «لليوم
// الثاني», «ادامه یافت»). Synthetic articles written for these tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { featuresTo } from '../../src/stories/features.js';
import type { StoryArticle } from '../../src/stories/types.js';

const H = 3_600_000;
// Wednesday 9 September 2026, 08:00 UTC.
const T0 = Date.UTC(2026, 8, 9, 8);
const NOW = () => T0 + 30 * 24 * H;
const STRICT = { dayGuardCue: false };

function article(id: string, title: string, text: string, hours: number, lang = 'en'): StoryArticle {
  return { id, title, text, published: T0 + hours * H, lang };
}

const WALKOUT = article(
  'w',
  'Dockers walk out at Khorramshahr port over unpaid bonuses',
  'About 400 dockers at the port of Khorramshahr stopped work on Wednesday, saying the port operator Arvand Marine had not paid their bonuses since the spring. ' +
    'Ships waiting to unload grain were held at anchor in the Arvand river, and the dockers said they would stay out until Arvand Marine paid.',
  0,
);

test('a next-day report that says the strike goes on for a second day joins the strike, not a story of its own', () => {
  const day2 = () =>
    article(
      'd2',
      'Khorramshahr dockers stay out for a second day',
      'Dockers at the port of Khorramshahr stayed off the job on Thursday in the dispute with Arvand Marine over unpaid bonuses, leaving grain ships at anchor in the Arvand river.',
      24,
    );
  const c = new OnlineStoryClusterer({ now: NOW });
  c.add(WALKOUT);
  assert.equal(c.add(day2()).story, 'w');
  // The premise: the guard alone, with no exception, splits the event by day.
  const strict = new OnlineStoryClusterer({ now: NOW, ...STRICT });
  strict.add(WALKOUT);
  assert.equal(strict.add(day2()).story, 'd2');
});

test('a sibling strike the next day, with no cue and its own names, still starts its own story', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  c.add(WALKOUT);
  const s = c.add(
    article(
      's',
      'Crane drivers walk out at Bandar Imam port over unpaid bonuses',
      'About 150 crane drivers at the port of Bandar Imam Khomeini stopped work on Thursday, saying the operator Persian Gulf Terminals had not paid their bonuses since the spring. ' +
        'Ships waiting to unload grain were held at anchor, and the drivers said they would stay out until they were paid.',
      24,
    ),
  );
  assert.equal(s.story, 's');
});

test('a cue does not open the guard for a day that is not the next one', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  c.add(WALKOUT);
  // Names Monday (not Thursday): no continuing event of a Wednesday story reads that way a day later.
  const m = c.add(
    article(
      'm',
      'Khorramshahr dockers stay out for a second day',
      'Dockers at the port of Khorramshahr stayed off the job on Monday in the dispute with Arvand Marine over unpaid bonuses, leaving grain ships at anchor in the Arvand river.',
      24,
    ),
  );
  assert.equal(m.story, 'm');
});

test('Arabic and Persian next-day reports that say the event goes on join it', () => {
  const cases: [StoryArticle, StoryArticle][] = [
    [
      article(
        'a1',
        'عمال ميناء خرمشهر يضربون بسبب المكافآت المتأخرة',
        'أضرب نحو 400 عامل في ميناء خرمشهر يوم الأربعاء احتجاجاً على عدم صرف مكافآتهم من شركة أروند البحرية، وبقيت سفن الحبوب راسية في شط العرب.',
        0,
        'ar',
      ),
      article(
        'a2',
        'لليوم الثاني.. إضراب عمال ميناء خرمشهر',
        'واصل عمال ميناء خرمشهر إضرابهم يوم الخميس احتجاجاً على عدم صرف مكافآتهم من شركة أروند البحرية، فيما بقيت سفن الحبوب راسية.',
        24,
        'ar',
      ),
    ],
    [
      article(
        'f1',
        'اعتصاب کارگران بندر خرمشهر به دلیل پاداش‌های معوقه',
        'حدود ۴۰۰ کارگر اسکله بندر خرمشهر روز چهارشنبه در اعتراض به پرداخت نشدن پاداش‌هایشان از سوی شرکت دریایی اروند دست از کار کشیدند و کشتی‌های حامل گندم در لنگرگاه ماندند.',
        0,
        'fa',
      ),
      article(
        'f2',
        'اعتصاب کارگران بندر خرمشهر ادامه یافت',
        'اعتصاب کارگران اسکله بندر خرمشهر روز پنجشنبه در اعتراض به پرداخت نشدن پاداش‌ها از سوی شرکت دریایی اروند ادامه یافت.',
        24,
        'fa',
      ),
    ],
  ];
  for (const [first, next] of cases) {
    const c = new OnlineStoryClusterer({ now: NOW });
    c.add(first);
    assert.equal(c.add(next).story, first.id, next.title);
    const strict = new OnlineStoryClusterer({ now: NOW, ...STRICT });
    strict.add(first);
    assert.equal(strict.add(next).story, next.id, `${next.title} (no exception)`);
  }
});

test('the cue words: what says an event runs on, and furniture that does not', () => {
  const cue = (title: string, text = '') => {
    let said = false;
    featuresTo({ term() {}, neutral() {}, continues: () => (said = true) }, title, text);
    return said;
  };
  for (const t of [
    'Dockers stay out for a second day',
    'Protests enter their third straight day',
    'The fire is still burning',
    'لليوم الثاني.. تظاهرات في البصرة',
    'تواصلت الاحتجاجات',
    'اعتصاب وارد دومین روز شد',
    'آتش‌سوزی ادامه دارد',
    'روز سوم اعتراض',
  ])
    assert.equal(cue(t), true, t);
  for (const t of [
    'Dockers walk out over unpaid bonuses',
    'By continuing to browse you agree to our use of cookies',
    'ادامه مطلب',
    'با ادامه مرور، استفاده از کوکی‌ها را می‌پذیرید',
    'Court sets second hearing for next month',
    'The second ship arrived on the day of the strike',
  ])
    assert.equal(cue(t), false, t);
  // The lead counts as the headline does.
  assert.equal(cue('Dockers strike at Khorramshahr', 'Dockers stayed out for a third day on Friday.'), true);
});
