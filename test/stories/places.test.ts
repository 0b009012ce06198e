// Country names across scripts (src/stories/README.md, "Country names across scripts"; docs/desk.md,
// p-places): "Niger", «النيجر» and «نیجر» are one place (p:NE) from the i18n-iso-countries
// package's names, so reports of one event in three languages meet on the country where consonant
// keys could not (Niger N K R, «نیجر» N J R; and Niger and Nigeria share N K R). Articles written
// for these tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterOptions } from '../../src/stories/clusterer.js';
import { articleFeatures } from '../../src/stories/features.js';
import type { StoryArticle } from '../../src/stories/types.js';
import { PLACE_LOCALES, placesStartingWith } from '../../src/text/places.js';
import { storiesOf } from '../helpers/story-runs.js';

const H = 3_600_000;
// Tuesday 8 September 2026, 08:00 UTC.
const T0 = Date.UTC(2026, 8, 8, 8);
const NOW = () => T0 + 30 * 24 * H;

function article(id: string, title: string, text: string, hours: number, lang: string): StoryArticle {
  return { id, title, text, published: T0 + hours * H, lang };
}

function stories(articles: StoryArticle[], options: Partial<ClusterOptions> = {}): Map<string, string> {
  return storiesOf(articles, { now: NOW, ...options });
}

/** The places of an article's features (headline, or headline and text). */
function placesOf(title: string, text = ''): string[] {
  const f = articleFeatures(title, text, undefined, undefined, undefined, undefined, undefined, true);
  return [...f.neutral.keys()].filter((k) => k.startsWith('p:'));
}

const NIGER_EN = article(
  'niger-en',
  'Floods in Niger leave thousands homeless',
  'Floodwaters have swept through villages across Niger after days of heavy rain, leaving ' +
    'thousands of families without shelter, aid workers said. Roads to the south were cut and ' +
    'schools were turned into shelters for the displaced.',
  0,
  'en',
);
// Another event (a feed's headline alone): floods too, in the neighbouring country.
const NIGERIA_EN = article('nigeria-en', 'Floods in Nigeria', '', 1, 'en');
const NIGER_FA = article('niger-fa', 'سیل در نیجر هزاران نفر را بی‌خانمان کرد', '', 3, 'fa');
const NIGER_AR = article('niger-ar', 'فيضانات في النيجر تشرد آلاف الأسر', '', 4, 'ar');

test('a Persian and an Arabic headline about floods in Niger join the English report through the country', () => {
  const s = stories([NIGER_EN, NIGERIA_EN, NIGER_FA, NIGER_AR], { places: true });
  assert.equal(s.get('niger-fa'), s.get('niger-en'));
  assert.equal(s.get('niger-ar'), s.get('niger-en'));
  assert.notEqual(s.get('nigeria-en'), s.get('niger-en'));
});

test('without country names (the default) the two headlines go to the floods in Nigeria: the flood concept is all they share', () => {
  const s = stories([NIGER_EN, NIGERIA_EN, NIGER_FA, NIGER_AR]);
  assert.equal(s.get('niger-fa'), s.get('nigeria-en'));
  assert.equal(s.get('niger-ar'), s.get('nigeria-en'));
});

test('country names in three scripts give one place; Niger and Nigeria two', () => {
  assert.deepEqual(placesOf('Floods in Niger'), ['p:NE']);
  assert.deepEqual(placesOf('سیل در نیجر'), ['p:NE']);
  assert.deepEqual(placesOf('فيضانات في النيجر'), ['p:NE']);
  assert.deepEqual(placesOf('Floods in Nigeria'), ['p:NG']);
  assert.deepEqual(placesOf('سیل در نیجریه'), ['p:NG']);
  assert.deepEqual(placesOf('فيضانات في نيجيريا'), ['p:NG']);
  // Clitics written onto an Arabic name, a French elided article, a possessive.
  assert.deepEqual(placesOf('وفد للعراق وآخر بالعراق ولإيران'), ['p:IQ', 'p:IR']);
  assert.deepEqual(placesOf("l'Iran et le Tchad"), ['p:IR', 'p:TD']);
  assert.deepEqual(placesOf("Niger's junta"), ['p:NE']);
  // The longest name wins: Guinea-Bissau and Papua New Guinea are not Guinea.
  assert.deepEqual(placesOf('Guinea-Bissau votes'), ['p:GW']);
  assert.deepEqual(placesOf('Papua New Guinea quake'), ['p:PG']);
  assert.deepEqual(placesOf('Guinea votes'), ['p:GN']);
  assert.deepEqual(placesOf('ایالات متحده و کرهٔ شمالی'), ['p:US', 'p:KP']);
  // Demonyms read by their ending off the package's names.
  assert.deepEqual(placesOf('Nigerien junta'), ['p:NE']);
  assert.deepEqual(placesOf('نیروهای نیجری'), ['p:NE']);
  assert.deepEqual(placesOf('المحادثات السعودية الإيرانية'), ['p:SA', 'p:IR']);
  assert.deepEqual(placesOf('الحوار السعودي الإيراني'), ['p:SA', 'p:IR']);
  assert.deepEqual(placesOf('Iranian and Iraqi officials'), ['p:IR', 'p:IQ']);
  assert.deepEqual(placesOf('دیپلمات‌های ایرانی'), ['p:IR']);
  // Not known: cities, irregular demonyms, short forms the package lacks.
  assert.deepEqual(placesOf('Floods in Niamey'), []);
  assert.deepEqual(placesOf('French and British envoys'), []);
  assert.deepEqual(placesOf('Syria talks'), []);
  // Off unless asked for.
  assert.deepEqual(
    [...articleFeatures('Floods in Niger', '').neutral.keys()].filter((k) => k.startsWith('p:')),
    [],
  );
});

test('a name that is also a given name or a common noun is the country only with no capitalised word beside it', () => {
  assert.deepEqual(placesOf('Chad Smith wins the award'), []);
  assert.deepEqual(placesOf('Rebels attack in Chad'), ['p:TD']);
  assert.deepEqual(placesOf('Rebels attack army posts', 'Fighting spread across Chad on Monday, officials said.'), ['p:TD']);
  assert.deepEqual(placesOf('Michael Jordan returns'), []);
  assert.deepEqual(placesOf('King Abdullah of Jordan visits'), ['p:JO']);
  assert.deepEqual(placesOf('South China Sea row'), []);
  // A Latin name needs its capital; an acronym its capitals.
  assert.deepEqual(placesOf('turkey prices rise before the holiday'), []);
  assert.deepEqual(placesOf('they told us about it'), []);
  assert.deepEqual(placesOf('the US and the UK'), ['p:US', 'p:GB']);
  // Left out: Georgia is also the US state, Mali «مالی» also "financial", Oman «عمان» also Amman.
  assert.deepEqual(placesOf('Storms hit Georgia'), []);
  assert.deepEqual(placesOf('کمک مالی'), []);
  assert.deepEqual(placesOf('قمة في عمان'), []);
  // Another language's name that is an English word: German "Island" (Iceland), French "Réunion".
  assert.deepEqual(placesOf('Gas prices in Rhode Island'), []);
  assert.deepEqual(placesOf('Class Reunion Is Coming'), []);
});

test('the gazetteer reads the package: ten locales, every form of a country one key', () => {
  assert.equal(PLACE_LOCALES.length, 10);
  for (const w of ['niger', 'نيجر', 'النيجر', 'تشاد', 'چاد', 'tchad', 'tschad']) {
    const keys = (placesStartingWith(w) ?? []).filter((p) => p.rest.length === 0).map((p) => p.key);
    assert.equal(keys.length, 1, w);
  }
  // "Congo" names two countries in the package: neither.
  assert.equal((placesStartingWith('congo') ?? []).filter((p) => p.rest.length === 0).length, 0);
});

test('a country most of the window carries weighs nothing: it does not join two events of that country across languages', () => {
  // A quiet desk on Niger: every article names the country; a strike and a flood are two events.
  const strike = article(
    'strike-en',
    'Teachers strike in Niger over unpaid salaries',
    'Teachers across Niger walked out on Tuesday over three months of unpaid salaries, unions said.',
    0,
    'en',
  );
  const vote = article(
    'vote-en',
    'Niger sets date for local elections',
    'The electoral commission in Niger said local elections would be held in March.',
    1,
    'en',
  );
  // Floods, schools shut on Tuesday: the country and the weekday are all it shares with the strike.
  const flood = article('flood-fa', 'سیل در نیجر؛ سه‌شنبه مدارس تعطیل شد', '', 2, 'fa');
  const wide = stories([strike, vote, flood], { places: true });
  assert.notEqual(wide.get('flood-fa'), wide.get('strike-en'));
  const weighed = stories([strike, vote, flood], { places: true, widePlaces: false });
  assert.equal(weighed.get('flood-fa'), weighed.get('strike-en'));
});
