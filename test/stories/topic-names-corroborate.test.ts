// Sibling events under a topic's own names (src/stories/README.md, "Sibling events under a topic's
// own names"): on a desk with other news, a camp the desk follows is named in a minority of the
// window, so its names are never "most of the window"; yet every event of the camp carries them,
// and "Camp Horizon" alone gives two words, a concept and two name keys besides its entity id. Once
// the camp's carriers are in two stories, its names corroborate a join but do not make one.
// Articles written for these tests about a fictional camp and group.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterOptions } from '../../src/stories/clusterer.js';
import { entityMatchesOf } from '../../src/stories/entities.js';
import type { StoryArticle } from '../../src/stories/types.js';
import { matcherFrom } from '../topics/helpers.js';
import { storiesOf } from '../helpers/story-runs.js';

const H = 3_600_000;
// Monday 7 September 2026, 06:00 UTC.
const T0 = Date.UTC(2026, 8, 7, 6);
const NOW = () => T0 + 30 * 24 * H;

const MATCHER = matcherFrom(
  JSON.stringify({
    topics: [
      {
        id: 'horizon',
        name: 'Camp Horizon',
        entities: [
          { id: 'horizon', name: 'Camp Horizon', aliases: ['مخيم هورايزن'] },
          { id: 'nrf', name: 'Northern Resistance Front', aliases: ['جبهة المقاومة الشمالية'], acronyms: ['NRF'] },
        ],
      },
    ],
  }),
);

/** An article as the pipeline hands it over: with the entities the topic matcher found and their names. */
function article(id: string, title: string, text: string, hours: number, lang = 'en'): StoryArticle {
  const found = entityMatchesOf(MATCHER, title, text);
  return { id, title, text, published: T0 + hours * H, lang, entities: found.ids, entityNames: found.names };
}

function stories(articles: StoryArticle[], options: Partial<ClusterOptions> = {}): Map<string, string> {
  return storiesOf(articles, { now: NOW, ...options });
}

// The desk's other news: the camp is in a minority of the window.
const OTHER = [
  article(
    'tram',
    'City council approves budget for new tram line',
    'The city council voted on Monday to fund a tram line linking the airport with the old town, at a cost of 400 million over six years. Construction starts in spring.',
    0,
  ),
  article(
    'heat',
    'Heatwave pushes electricity demand to record',
    'Electricity demand reached a record on Monday as temperatures passed 47 degrees, the grid operator said, and asked factories to cut use in the afternoon.',
    1,
  ),
  article(
    'football',
    'Football: league leaders held to draw',
    'The league leaders were held to a goalless draw at home on Monday night and their lead at the top shrank to two points with five games left.',
    3,
  ),
  article(
    'port',
    'Port handles record container traffic',
    'The port handled a record number of containers in August, its operator said on Tuesday, helped by new cranes and a deeper channel.',
    21,
  ),
  article(
    'teachers',
    'Teachers end strike after pay deal',
    'Teachers returned to classrooms on Tuesday after unions accepted a pay rise of nine percent over two years.',
    22,
  ),
];

const INQUIRY = article(
  'inquiry',
  'Aid group calls for inquiry into shelling of Camp Horizon',
  'An international aid group on Monday called for an independent inquiry into the shelling of Camp Horizon that killed four residents in March. The group said no one had been charged. ' +
    'Representatives of the Northern Resistance Front, whose members live in the camp, blamed an armed militia.',
  2,
);
const WATER = article(
  'water',
  'Water shortage hits Camp Horizon, residents say',
  'Residents of Camp Horizon said on Tuesday that water deliveries fell by half last week after a contractor’s lorries were held at a checkpoint. ' +
    'A committee of the Northern Resistance Front residents wrote to the UN asking it to step in; officials said the delay had been resolved.',
  20,
);
const MINISTERS = article(
  'ministers',
  'Ministers meet Red Cross on future of Camp Horizon residents',
  'The ministers of justice and human rights met a Red Cross delegation to discuss the remaining residents of Camp Horizon, the former base that houses members of the Northern Resistance Front. ' +
    'Officials said the talks covered medical access and transfers abroad.',
  30,
);
const MINISTERS_AR = article(
  'ministers-ar',
  'وزيرا العدل وحقوق الإنسان يبحثان مع الصليب الأحمر أوضاع سكان مخيم هورايزن',
  'بحث وزيرا العدل وحقوق الإنسان مع وفد من الصليب الأحمر أوضاع سكان مخيم هورايزن من أعضاء جبهة المقاومة الشمالية، وتناولت المحادثات الرعاية الطبية ونقل السكان إلى الخارج.',
  30.5,
  'ar',
);
const MINISTERS_2 = article(
  'ministers-2',
  'Red Cross and ministers discuss Camp Horizon residents',
  'A Red Cross delegation met the justice and human rights ministers on the future of Camp Horizon residents, members of the Northern Resistance Front; ' +
    'the talks covered medical access and the pace of transfers abroad, officials said.',
  31,
);
const INQUIRY_2 = article(
  'inquiry-2',
  'UN backs call for inquiry into Camp Horizon shelling',
  'The UN human rights office backed a call by an international aid group for an independent inquiry into the March shelling of Camp Horizon, in which four residents were killed, ' +
    'and said those responsible must be charged. The Northern Resistance Front again blamed a militia.',
  26,
);

const [tram, heat, football, port, teachers] = OTHER as [StoryArticle, StoryArticle, StoryArticle, StoryArticle, StoryArticle];
const STREAM = [tram, heat, INQUIRY, football, WATER, port, teachers, MINISTERS, MINISTERS_AR, MINISTERS_2];

test('a third event of the camp does not join another through the camp’s and the group’s names; its own coverage in two languages does', () => {
  const s = stories(STREAM);
  assert.notEqual(s.get('water'), s.get('inquiry'), 'two events of the camp, on two days');
  assert.notEqual(s.get('ministers'), s.get('water'), 'the ministers’ meeting is not the water shortage');
  assert.notEqual(s.get('ministers'), s.get('inquiry'), 'the ministers’ meeting is not the inquiry');
  assert.equal(s.get('ministers-ar'), s.get('ministers'), 'the Arabic report of the meeting joins it');
  assert.equal(s.get('ministers-2'), s.get('ministers'), 'a second English report of the meeting joins it');
});

test('with topicNamesCorroborate off the names alone join the meeting to the water shortage (the build before the rule)', () => {
  const s = stories(STREAM, { topicNamesCorroborate: false });
  assert.equal(s.get('ministers'), s.get('water'));
});

test('a follow-up of an event of the camp still joins it once the camp’s names are spread over stories', () => {
  const s = stories([tram, heat, INQUIRY, football, WATER, port, INQUIRY_2]);
  assert.notEqual(s.get('water'), s.get('inquiry'));
  assert.equal(s.get('inquiry-2'), s.get('inquiry'), 'the UN’s backing of the call for an inquiry is the inquiry’s story');
});
