import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MATCHES_KEPT, compileTopics } from '../../src/topics/matcher.js';
import type { TopicDefinition } from '../../src/topics/definition.js';
import { ISSUE_TOPICS_JSON, ids, matcherFrom, topicsFrom } from './helpers.js';

const mek = matcherFrom(ISSUE_TOPICS_JSON);

test('transliteration families of an alias match as variants', () => {
  const spellings = [
    'Mujahedin-e Khalq',
    'Mujahidin Khalq',
    'Mojahedeen-e Khalq',
    'Mojahedine Khalq',
    'Mojahedin e Khalq',
    'Mujahideen-e-Khalq',
    'Mojahedin-i Khalq',
    'Mojahedin-ye Khalq',
    'Mujaheddin Khalq',
    'Mojahedin-e Khalgh',
    'Mujahidi Khalq',
    'MOJAHEDIN-E KHALQ',
    'Mojāhedin-e Khalq',
    'Peoples Mujahedin Organization of Iran',
    'People’s Mojahedin Organisation',
    "People's Mujahedin of Iran",
  ];
  for (const s of spellings) {
    const text = `Yesterday ${s} issued a statement.`;
    const hits = mek.match({ title: '', text });
    assert.equal(hits.length, 1, s);
    const m = hits[0]!.matches[0]!;
    assert.equal(m.text, s, s);
    assert.equal(text.slice(m.start, m.end), s);
    assert.equal(m.field, 'text');
    assert.notEqual(m.reason, 'acronym');
  }
});

test('every match says which alias, where and why', () => {
  const hits = mek.match({ title: 'Mojahedin-e Khalq rally', text: 'Members of the Mujahedin Khalq met.' });
  assert.deepEqual(hits[0]!.matches, [
    {
      field: 'title',
      start: 0,
      end: 17,
      text: 'Mojahedin-e Khalq',
      alias: 'Mojahedin-e Khalq',
      reason: 'exact',
      entity: 'mojahedin-e-khalq',
    },
    {
      field: 'text',
      start: 15,
      end: 30,
      text: 'Mujahedin Khalq',
      alias: 'Mojahedin-e Khalq',
      reason: 'variant',
      entity: 'mojahedin-e-khalq',
    },
  ]);
});

test('a long word within one edit matches as fuzzy; short words never do', () => {
  const m = mek.match({ text: 'The Mojahdin-e Khalq said so.' });
  assert.equal(m[0]?.matches[0]?.reason, 'fuzzy');
  // Two misspelt words in one phrase: too far.
  assert.deepEqual(ids(mek, 'The Mojahdin-e Khaltq said so.'), []);
  const short = matcherFrom('topics: [{id: t, name: T, entities: [{name: Tirana}]}]');
  assert.deepEqual(ids(short, 'in Tirona today'), []);
  assert.deepEqual(ids(short, 'in Tirana today'), ['t']);
});

test('Arabic and Persian aliases match across letter variants, marks and clitics', () => {
  const m = matcherFrom(`topics:
  - id: mek
    name: MEK
    entities:
      - name: منظمة مجاهدي خلق
        aliases: [سازمان مجاهدین خلق]
`);
  for (const s of [
    'منظمة مجاهدي خلق',
    'منظمه مجاهدين خلق',
    'ومنظمة مُجاهدي خَلق',
    'لمنظمة مجاهدى خلق',
    'مجاهدو خلق',
    'سازمان مجاهدين خلق',
    'مجاهدین خلق',
  ]) {
    assert.deepEqual(ids(m, `قال ${s} في بيان`), ['mek'], s);
  }
  for (const s of ['المجاهدين الأفغان', 'مجلس شورى مجاهدي درنة', 'سازمان مجاهدین انقلاب اسلامی', 'فدایی خلق']) {
    assert.deepEqual(ids(m, `قال ${s} في بيان`), [], s);
  }
});

test('acronyms are case-sensitive whole words and need context or an alias', () => {
  assert.deepEqual(ids(mek, 'MEK members protested outside the Iranian embassy.'), ['mek']);
  assert.deepEqual(ids(mek, 'Methyl ethyl ketone (MEK) is a common solvent.'), []);
  assert.deepEqual(ids(mek, 'Prices of mek fell in Iran.'), []);
  assert.deepEqual(ids(mek, 'The MEKONG river and SMEK and MEKs in Iran.'), []);
  assert.deepEqual(ids(mek, 'The M.E.K. spoke about Rajavi.'), ['mek']);
  assert.deepEqual(ids(mek, "MEK's leaders in Ashraf"), ['mek']);
  assert.deepEqual(ids(mek, 'The MEK-affiliated group', 'Iran'), ['mek']);
  // Two different acronyms of one entity corroborate each other.
  assert.deepEqual(ids(mek, 'Former MKO and PMOI members met.'), ['mek']);
  // An alias elsewhere in the article is enough.
  const hit = mek.match({ title: 'Mojahedin-e Khalq', text: 'MKO leaders spoke.' });
  assert.deepEqual(
    hit[0]!.matches.map((x) => [x.field, x.text, x.reason]),
    [
      ['title', 'Mojahedin-e Khalq', 'exact'],
      ['text', 'MKO', 'acronym'],
    ],
  );
});

test('precision guards: no phrase across sentences, possessives, lower-case common words', () => {
  const camps = matcherFrom(
    'topics: [{id: liberty, name: L, entities: [{name: Camp Liberty, aliases: [Liberty Camp]}]}, {id: ashraf, name: A, entities: [{name: Camp Ashraf, aliases: [Ashraf Camp]}]}]',
  );
  assert.deepEqual(ids(camps, 'Rockets hit Camp Liberty.'), ['liberty']);
  assert.deepEqual(ids(camps, 'They moved to the Liberty camp'), ['liberty']);
  assert.deepEqual(ids(camps, 'The pro-liberty camp in the senate blocked it.'), []);
  assert.deepEqual(ids(camps, "Ashraf's camp rejected the offer."), []);
  assert.deepEqual(ids(camps, 'They left the camp. Ashraf said nothing.'), []);
  assert.deepEqual(ids(camps, 'residents of camp ashraf'), ['ashraf'], 'all-lower-case text is not held to capitals');
  assert.deepEqual(ids(mek, 'Afghan mujahideen fought on. Khalq loyalists held Kabul.'), []);
  assert.deepEqual(ids(mek, 'The mujahideen, Khalq officers said'), []);
});

test('longest match wins inside a topic; offsets survive astral characters and RTL text', () => {
  const text = "😀🇮🇷 «People's Mojahedin Organization of Iran» ‏گزارش";
  const hits = mek.match({ text });
  assert.equal(hits[0]!.matches.length, 1);
  const m = hits[0]!.matches[0]!;
  assert.equal(text.slice(m.start, m.end), "People's Mojahedin Organization of Iran");
  assert.equal(m.reason, 'exact');
});

test('invalid UTF-16 does not break matching', () => {
  const text = '\ud800Mojahedin-e Khalq\udc00 and \ud83d MEK';
  const m = mek.match({ text });
  assert.deepEqual(
    m[0]!.matches.map((x) => x.text),
    ['Mojahedin-e Khalq', 'MEK'],
  );
});

test('queries: AND, OR, NOT, phrases, NEAR/n, title: scope and entity references', () => {
  const m = matcherFrom(`topics:
  - id: polio
    name: Polio campaigns
    query: polio NEAR/3 (campaign OR vaccination) NOT measles
  - id: title-only
    name: Headline mentions
    entities: [{id: mek, name: Mojahedin-e Khalq}]
    query: title:@mek
  - id: phrase
    name: Phrase
    query: '"Camp Ashraf" AND (Diyala OR Iraq)'
`);
  assert.deepEqual(ids(m, 'The polio vaccination drive began.'), ['polio']);
  assert.deepEqual(ids(m, "The country's polio's vaccination drive began."), ['polio'], 'possessive of a short word');
  assert.deepEqual(ids(m, 'Polio: the new campaign.'), ['polio'], 'NEAR crosses punctuation; phrases do not');
  assert.deepEqual(ids(m, 'Polio was common. Years later a very different and much larger campaign'), []);
  assert.deepEqual(ids(m, 'polio vaccination campaign and measles'), []);
  assert.deepEqual(ids(m, 'The Mojahedin-e Khalq said', 'news'), []);
  assert.deepEqual(ids(m, 'text', 'Mujahedin Khalq statement'), ['title-only']);
  assert.deepEqual(ids(m, 'Camp Ashraf in Diyala'), ['phrase']);
  assert.deepEqual(ids(m, 'Camp Ashraf was closed'), []);
  const hit = m.match({ title: '', text: 'The polio vaccination drive began.' })[0]!;
  assert.deepEqual(
    hit.matches.map((x) => x.text),
    ['polio', 'vaccination'],
  );
});

test('10,000 aliases compile into one automaton and still match precisely', () => {
  const topics: TopicDefinition[] = [];
  for (let t = 0; t < 500; t++) {
    const aliases: string[] = [];
    for (let a = 0; a < 20; a++) aliases.push(`Zorblat${t} Quenmar${a} Organization`);
    topics.push({
      id: `t${t}`,
      name: `Topic ${t}`,
      description: '',
      languages: [],
      related: [],
      places: [],
      query: null,
      queryTree: null,
      entities: [{ id: `e${t}`, name: `Entity Number${t} Khalq`, aliases, acronyms: [`ZQ${t}`], context: ['Iran'] }],
    });
  }
  const m = compileTopics(topics);
  assert.equal(m.stats.phrases >= 10_000, true);
  assert.deepEqual(ids(m, 'A statement by Zorblat42 Quenmar7 Organization today.'), ['t42']);
  assert.deepEqual(ids(m, 'ZQ77 in Iran and ZQ78 elsewhere'), ['t77', 't78']);
  assert.deepEqual(ids(m, 'nothing to see here'), []);
});

test('5 MB of text is matched completely (linear scan, bounded memory)', () => {
  const para = 'The committee met again on Tuesday to discuss the budget, roads and schools. ';
  const parts: string[] = [];
  let size = 0;
  while (size < 5_000_000) {
    parts.push(para);
    size += para.length;
  }
  parts.push('Finally the Mujahedin-e Khalq replied.');
  const text = parts.join('');
  const hits = mek.match({ text });
  assert.equal(hits[0]!.matches.length, 1);
  assert.equal(text.slice(hits[0]!.matches[0]!.start), 'Mujahedin-e Khalq replied.'.slice(0, 0) + text.slice(hits[0]!.matches[0]!.start));
  assert.equal(hits[0]!.matches[0]!.text, 'Mujahedin-e Khalq');
});

test('giant words and long runs of one script finish (no quadratic work)', () => {
  const giant = `${'x'.repeat(5_000_000)} then the Mujahedin-e Khalq`;
  assert.deepEqual(
    mek.match({ text: giant })[0]?.matches.map((m) => m.text),
    ['Mujahedin-e Khalq'],
  );
  const arabic = `${'مجاهدين'.repeat(300_000)} سازمان مجاهدین خلق`;
  assert.deepEqual(ids(mek, arabic), ['mek']);
  const mixed = 'Mojahedin e e e e Khalq '.repeat(50_000);
  assert.deepEqual(ids(mek, mixed), []);
  const many = 'Mojahedin-e Khalq '.repeat(100_000);
  const hit = mek.match({ text: many })[0];
  assert.equal(hit?.total, 100_000);
  assert.equal(hit?.matches.length, MATCHES_KEPT);
});

test('results are plain JSON and articles without a topic get none', () => {
  const hits = mek.match({ title: 'Iran', text: 'MEK and Mojahedin-e Khalq' });
  assert.deepEqual(JSON.parse(JSON.stringify(hits)), hits);
  assert.deepEqual(mek.match({ title: 'Weather', text: 'Rain tomorrow.' }), []);
  assert.deepEqual(mek.match({}), []);
  assert.deepEqual(topicsFrom(ISSUE_TOPICS_JSON).length, 1);
});
