// One concept across languages (src/stories/README.md, "One concept across languages"): two texts in
// different languages that share a single language-neutral feature (here the lexicon's `ministry`:
// a health ministry's vaccination campaign and a transport ministry's ring road) are two events;
// a report of the same event shares several (the ministry, health, vaccination, the weekday, the
// figure). Articles written for this test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterOptions } from '../../src/stories/clusterer.js';
import type { StoryArticle } from '../../src/stories/types.js';
import { storiesOf } from '../helpers/story-runs.js';

const H = 3_600_000;
// Sunday 4 October 2026, 06:00 UTC.
const T0 = Date.UTC(2026, 9, 4, 6);
const NOW = () => T0 + 30 * 24 * H;

function article(id: string, title: string, text: string, hours: number, lang: string): StoryArticle {
  return { id, title, text, published: T0 + hours * H, lang };
}

function stories(articles: StoryArticle[], options: Partial<ClusterOptions> = {}): Map<string, string> {
  return storiesOf(articles, { now: NOW, ...options });
}

// A quiet window: the Arabic report of the vaccination campaign and two other items.
const CAMPAIGN_AR = article(
  'campaign-ar',
  'وزارة الصحة تطلق حملة تطعيم ضد الحصبة في المحافظات الشمالية',
  'أعلنت وزارة الصحة يوم الأحد أنها ستبدأ حملة تطعيم ضد الحصبة تشمل مليون طفل في المحافظات الشمالية، وقالت إن الفرق الطبية ستزور المدارس والقرى خلال ثلاثة أسابيع.',
  0,
  'ar',
);
const QUIET = [
  article(
    'football',
    'Football: league leaders held to a draw',
    'The league leaders were held to a goalless draw at home and their lead at the top shrank to two points with five games left in the season.',
    1,
    'en',
  ),
  CAMPAIGN_AR,
  article(
    'harbour',
    'Harbour festival draws record crowds',
    'Organisers said more visitors than ever came to the harbour festival this weekend, with boat parades, food stalls and fireworks over the water at night.',
    2,
    'en',
  ),
];
// Another ministry, another event: its only language-neutral feature shared with the campaign is
// the concept `ministry`.
const RING_ROAD = article(
  'ring-road',
  'Transport ministry opens ring road around the capital',
  'The transport ministry opened the first section of a ring road around the capital, which planners hope will take lorries out of the centre. Work on the second section has been held up by disputes over land.',
  3,
  'en',
);
// The campaign in English: the ministry, health, vaccination, the weekday and the figure.
const CAMPAIGN_EN = article(
  'campaign-en',
  'Health ministry starts measles vaccination drive in the north',
  'The health ministry began a campaign on Sunday to vaccinate one million children against measles in the northern provinces. Medical teams will visit schools and villages over three weeks.',
  4,
  'en',
);

test('two texts in different languages sharing one concept are two events; the same event still joins', () => {
  const s = stories([...QUIET, RING_ROAD, CAMPAIGN_EN]);
  assert.notEqual(s.get('ring-road'), s.get('campaign-ar'));
  // The same event across languages still joins, on several shared features.
  assert.equal(s.get('campaign-en'), s.get('campaign-ar'));
  assert.notEqual(s.get('campaign-en'), s.get('ring-road'));
  // The engine before this round (one shared feature enough between two texts) joins them.
  const before = stories([...QUIET, RING_ROAD, CAMPAIGN_EN], { minSharedCrossTexts: 1 });
  assert.equal(before.get('ring-road'), before.get('campaign-ar'));
});
