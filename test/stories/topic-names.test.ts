// The topic's own names (src/stories/README.md, "The topic's own names"; docs/desk.md, the analyst
// journey's finding 12): on a desk following one organisation, its entity and the words of its
// names are in every article, so they must not join two events of the organisation, while two
// reports of one event in two languages still join. Articles written for these tests about a
// fictional charity, "Médecins du Désert" / "Doctors of the Desert" / MdD / پزشکان صحرا.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterOptions } from '../../src/stories/clusterer.js';
import { entityMatchesOf } from '../../src/stories/entities.js';
import { articleFeatures } from '../../src/stories/features.js';
import type { StoryArticle } from '../../src/stories/types.js';
import { entityNames } from '../../src/pipeline/steps/cluster-stories.js';
import { matcherFrom } from '../topics/helpers.js';
import { storiesOf } from '../helpers/story-runs.js';

const H = 3_600_000;
// Saturday 5 September 2026, 08:00 UTC.
const T0 = Date.UTC(2026, 8, 5, 8);
const NOW = () => T0 + 30 * 24 * H;

const MATCHER = matcherFrom(
  JSON.stringify({
    topics: [
      {
        id: 'mdd',
        name: 'Médecins du Désert',
        entities: [
          {
            id: 'mdd',
            name: 'Médecins du Désert',
            aliases: ['Doctors of the Desert', 'أطباء الصحراء', 'پزشکان صحرا'],
            acronyms: ['MdD'],
          },
        ],
      },
    ],
  }),
);

/** An article as the pipeline hands it over: with the entities the topic matcher found and their names. */
function article(id: string, title: string, text: string, hours: number, lang: string): StoryArticle {
  const found = entityMatchesOf(MATCHER, title, text);
  return { id, title, text, published: T0 + hours * H, lang, entities: found.ids, entityNames: found.names };
}

function stories(articles: StoryArticle[], options: Partial<ClusterOptions> = {}): Map<string, string> {
  return storiesOf(articles, { now: NOW, ...options });
}

/** The old rule: the topic's entity and its names' words weigh as any feature. */
const AS_EVENT = { topicNamesAsEvent: true };

const CLINIC = article(
  'clinic-en',
  'Doctors of the Desert opens maternity clinic in Agadez',
  'The charity Médecins du Désert (Doctors of the Desert) opened a maternity clinic in Agadez on Saturday, on the southern edge of the Sahara in northern Niger. ' +
    'MdD said the clinic has 30 beds, two midwives and a surgeon, and will serve nomadic families who now travel for days to give birth in a hospital.\n\n' +
    'The regional governor attended the opening. MdD has worked in the Sahel since 2009 and runs mobile health teams across the region.',
  0,
  'en',
);
// The feed's teaser only, as the analyst's English feed gave it.
const FLOOD_EN = article(
  'flood-en',
  'Floods in Niamey: MdD sends medical teams',
  'Three medical teams from the charity will treat families sheltering in schools after floodwaters swept through the capital, MdD said.',
  5,
  'en',
);
// A headline alone (the sitemap entry whose page was "too little text").
const FLOOD_FA = article('flood-fa', 'سیلاب در نیامی؛ پزشکان صحرا سه تیم پزشکی به یاری سیل‌زدگان فرستاد', '', 7, 'fa');

test('the Persian flood headline joins the English flood report, not the clinic story that shares the charity’s names', () => {
  const s = stories([CLINIC, FLOOD_EN, FLOOD_FA]);
  assert.equal(s.get('flood-fa'), s.get('flood-en'));
  assert.notEqual(s.get('flood-fa'), s.get('clinic-en'));
  assert.notEqual(s.get('flood-en'), s.get('clinic-en'));
  // The Persian headline first, the English teaser after it: the same.
  const t = stories([CLINIC, { ...FLOOD_FA, published: T0 + 5 * H }, { ...FLOOD_EN, published: T0 + 7 * H }]);
  assert.equal(t.get('flood-fa'), t.get('flood-en'));
  assert.notEqual(t.get('flood-fa'), t.get('clinic-en'));
});

test('the charity’s entity and the words of its names alone do not join two of its events across languages', () => {
  // «آب‌گرفتگی» (inundation) is no lexicon word: the Persian headline shares nothing of the flood
  // with the English teaser, and with the clinic story only the entity (in most of this quiet
  // desk) and «صحرا» (desert, of the charity's Persian name) meeting "Sahara". That joined it before.
  const fa = article('inund-fa', 'آب‌گرفتگی در نیامی؛ پزشکان صحرا سه تیم پزشکی به یاری خانواده‌ها فرستاد', '', 7, 'fa');
  assert.equal(stories([CLINIC, FLOOD_EN, fa], AS_EVENT).get('inund-fa'), 'clinic-en');
  assert.equal(stories([CLINIC, FLOOD_EN, fa]).get('inund-fa'), 'inund-fa');
});

test('two full reports of one flood, in English and Persian, both naming the charity, still join', () => {
  const en = article(
    'zinder-en',
    'Floods in Zinder kill 14; Médecins du Désert sends medical teams',
    'Flash floods after two days of torrential rain killed at least 14 people in Zinder in southern Niger and destroyed more than 2,000 homes, civil protection officials said on Sunday. ' +
      'Médecins du Désert said it had sent three medical teams to Zinder to treat the injured and prevent cholera among families sheltering in schools.\n\n' +
      'The river burst its banks overnight and several neighbourhoods remain under water.',
    24,
    'en',
  );
  const fa = article(
    'zinder-fa',
    'سیل در زیندر نیجر ۱۴ کشته بر جا گذاشت؛ پزشکان صحرا تیم پزشکی فرستاد',
    'سیل ناگهانی پس از دو روز بارش شدید باران در زیندر در جنوب نیجر دست‌کم ۱۴ کشته بر جا گذاشت و بیش از ۲ هزار خانه را ویران کرد. ' +
      'مقام‌های حفاظت مدنی روز یکشنبه این خبر را اعلام کردند. سازمان پزشکان صحرا گفت سه تیم پزشکی به زیندر فرستاده است.',
    27,
    'fa',
  );
  const s = stories([CLINIC, FLOOD_EN, FLOOD_FA, en, fa]);
  assert.equal(s.get('zinder-fa'), s.get('zinder-en'));
  assert.notEqual(s.get('zinder-en'), s.get('clinic-en'));
});

// A quiet desk following the charity: three of its events on one weekend.
const GALA = article(
  'gala',
  'Médecins du Désert gala in Paris raises record sum',
  'A charity dinner held by Médecins du Désert in Paris on Friday raised 1.2 million euros for mobile clinics, the organisers said.',
  -4,
  'en',
);
const MEASLES = article(
  'measles',
  'Médecins du Désert begins measles vaccination drive in Tahoua',
  'Médecins du Désert teams began vaccinating children against measles in the Tahoua region on Saturday after an outbreak in three villages.',
  -2,
  'en',
);
const CLINIC_SHORT = article(
  'clinic',
  'Médecins du Désert opens maternity clinic in Agadez',
  'The charity opened a maternity clinic in Agadez on Saturday, on the edge of the Sahara. It has 30 beds, two midwives and a surgeon.',
  0,
  'en',
);

test('in one language, the charity’s name carried by its several events does not join them; a second report of one event does', () => {
  assert.equal(stories([GALA, MEASLES, CLINIC_SHORT], AS_EVENT).get('clinic'), 'measles');
  const s = stories([
    GALA,
    MEASLES,
    CLINIC_SHORT,
    article(
      'clinic-2',
      'New Agadez maternity clinic of Médecins du Désert to serve nomadic families',
      'The maternity clinic Médecins du Désert opened in Agadez on Saturday, with 30 beds and two midwives, will serve nomadic families of the region.',
      3,
      'en',
    ),
  ]);
  assert.equal(s.get('clinic'), 'clinic');
  assert.equal(s.get('clinic-2'), 'clinic');
});

test('an event that fills a quiet window keeps the words of its entity’s name', () => {
  // One event only (a camp's land law, all its coverage): its entity is most of the window, but in
  // one story, so it is the event's name, and the words "Camp Ashraf" still join its reports.
  const matcher = matcherFrom(
    JSON.stringify({
      topics: [{ id: 'camps', name: 'Camps', entities: [{ id: 'ashraf', name: 'Camp Ashraf', aliases: ['Ashraf camp'] }] }],
    }),
  );
  const a = (id: string, title: string, hours: number): StoryArticle => {
    const found = entityMatchesOf(matcher, title, '');
    return { id, title, text: '', published: T0 + hours * H, lang: 'en', entities: found.ids, entityNames: found.names };
  };
  const s = stories([
    a('l1', 'Iraqi parliament reads draft law on Camp Ashraf land', 0),
    a('l2', 'Camp Ashraf land law: lawmakers debate return of farmland', 2),
  ]);
  assert.equal(s.get('l2'), 'l1');
});

test('the words of the names passed as the topic’s give no term, name key or concept; the entity id stays', () => {
  const title = 'سیلاب در نیامی؛ پزشکان صحرا سه تیم پزشکی فرستاد';
  const plain = articleFeatures(title, '', ['mdd'], undefined, undefined, 'fa');
  assert.ok(plain.neutral.has('x:SHR') && plain.terms.has('صحرا'));
  const f = articleFeatures(title, '', ['mdd'], undefined, undefined, 'fa', ['پزشکان صحرا']);
  assert.ok(!f.neutral.has('x:SHR') && !f.terms.has('صحرا') && !f.terms.has('پزشکان'));
  assert.ok(f.neutral.has('e:mdd') && f.neutral.has('c:flood'));
  // Latin names fold as the text does: accents and case.
  const en = articleFeatures('Médecins du Désert opens clinic in Agadez', '', ['mdd'], undefined, undefined, 'en', ['Médecins du Désert']);
  assert.ok(!en.terms.has('medecin') && !en.terms.has('desert') && !en.neutral.has('x:DSRT'));
  assert.ok(en.neutral.has('x:KDS'));
});

test('the pipeline hands the clusterer each entity’s names as the matcher found them', () => {
  const tags = [
    {
      topicId: 'mdd',
      matches: [
        { field: 'title', start: 0, end: 18, text: 'Médecins du Désert', alias: 'Médecins du Désert', entity: 'mdd', reason: 'exact' },
        { field: 'text', start: 4, end: 7, text: 'MdD', alias: 'MdD', entity: 'mdd', reason: 'acronym' },
        { field: 'text', start: 9, end: 14, text: 'Niger', alias: 'Niger', reason: 'query' },
      ],
    },
  ];
  assert.deepEqual(entityNames(tags), [
    { entity: 'mdd', name: 'Médecins du Désert' },
    { entity: 'mdd', name: 'MdD' },
  ]);
});
