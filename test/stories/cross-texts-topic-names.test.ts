// The topic's names are not the event's shared features (src/stories/README.md, "Unrelated events
// joined on the demo, second look"): two texts in different languages must share two
// language-neutral features (`minSharedCrossTexts`), and once a topic entity's carriers are in two
// stories its id says which topic, not which event. A court ruling on the group's channel and a
// trial of its members share the lexicon's `court` and the group's entity, and are two events; the
// trial's English report shares the trial, the city's name key, the weekday, the figure, the
// bombings and the prosecutors with the Arabic one, and still joins it. Articles written for this test, about a
// fictional group and city.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterOptions } from '../../src/stories/clusterer.js';
import { entityMatchesOf } from '../../src/stories/entities.js';
import type { StoryArticle } from '../../src/stories/types.js';
import { matcherFrom } from '../topics/helpers.js';
import { storiesOf } from '../helpers/story-runs.js';

const H = 3_600_000;
// Monday 2 November 2026, 06:00 UTC.
const T0 = Date.UTC(2026, 10, 2, 6);
const NOW = () => T0 + 30 * 24 * H;

const MATCHER = matcherFrom(
  JSON.stringify({
    topics: [
      {
        id: 'front',
        name: 'Northern Resistance Front',
        entities: [{ id: 'nrf', name: 'Northern Resistance Front', aliases: ['جبهة المقاومة الشمالية'], acronyms: ['NRF'] }],
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

// The desk's other news, and two earlier events of the group: its carriers are in two stories.
const BEFORE = [
  article(
    'tram',
    'City council approves budget for new tram line',
    'The city council voted to fund a tram line linking the airport with the old town, at a cost of 400 million over six years. Construction starts in spring.',
    0,
  ),
  article(
    'rally',
    'Northern Resistance Front supporters hold rally in Vienna',
    'Several thousand supporters of the Northern Resistance Front marched through central Vienna, waving flags and calling on European governments to recognise the group as a political movement.',
    1,
  ),
  article(
    'heat',
    'Heatwave pushes electricity demand to record',
    'Electricity demand reached a record as temperatures passed 47 degrees, the grid operator said, and asked factories to cut use in the afternoon.',
    2,
  ),
  article(
    'spokesman',
    'جبهة المقاومة الشمالية تعين متحدثا جديدا باسمها في الخارج',
    'قالت جبهة المقاومة الشمالية إن صحفيا سابقا سيتحدث باسم الجماعة من مكتبها في الخارج، خلفا لمتحدث استقال في الصيف بسبب خلافات داخلية بين قادتها.',
    3,
    'ar',
  ),
  article(
    'port',
    'Port handles record container traffic',
    'The port handled a record number of containers in October, its operator said, helped by new cranes and a deeper channel for the largest ships.',
    3.5,
  ),
  article(
    'teachers',
    'Teachers end strike after pay deal',
    'Teachers returned to classrooms after unions accepted a pay rise of nine percent over two years, ending a strike that had closed schools for a fortnight.',
    3.7,
  ),
  article(
    'football',
    'Football: league leaders held to a draw',
    'The league leaders were held to a goalless draw at home and their lead at the top shrank to two points with five games left in the season.',
    4,
  ),
];
// The trial, in Arabic: the court, the trial, Kardun, the weekday, twelve members, the group.
const TRIAL_AR = article(
  'trial-ar',
  'محكمة في كاردون تبدأ محاكمة 12 عضوا في جبهة المقاومة الشمالية غيابيا',
  'بدأت محكمة الجنايات في مدينة كاردون يوم الاثنين محاكمة 12 عضوا في جبهة المقاومة الشمالية غيابيا بتهمة التخطيط لتفجيرات، وقال الادعاء إن المتهمين يقيمون في الخارج وإن الجلسة المقبلة ستعقد الشهر المقبل.',
  5,
  'ar',
);
// Another event of the group: a court upholds a ban on its television channel. Its language-neutral
// features shared with the Arabic trial are the concept `court` and the group's entity.
const CHANNEL = article(
  'channel',
  "Court upholds ban on Northern Resistance Front's television channel",
  "A court upheld the broadcasting regulator's ban on the Northern Resistance Front's satellite television channel, ruling that its programmes had broken rules on political advertising. The channel said it would appeal and keep streaming online.",
  6,
);
// The trial in English: the trial, Kardun, the weekday, the figure, the bombings, the prosecutors, the group.
const TRIAL_EN = article(
  'trial-en',
  'Kardun judges try 12 Northern Resistance Front members in absentia',
  'Judges in Kardun on Monday began the trial in absentia of 12 members of the Northern Resistance Front accused of planning bombings. Prosecutors said the defendants live abroad; the next hearing is set for next month.',
  7,
);

test('a topic entity shared with one concept is not two features between texts across languages', () => {
  const s = stories([...BEFORE, TRIAL_AR, CHANNEL, TRIAL_EN]);
  assert.notEqual(s.get('channel'), s.get('trial-ar'));
  assert.notEqual(s.get('channel'), s.get('trial-en'));
  // The same event across languages still joins, on the features of the event.
  assert.equal(s.get('trial-en'), s.get('trial-ar'));
  // The group's earlier events stay apart from both.
  assert.notEqual(s.get('rally'), s.get('trial-ar'));
  assert.notEqual(s.get('spokesman'), s.get('channel'));
  // Counting the entity among the shared features (the engine before this round) joins them.
  const before = stories([...BEFORE, TRIAL_AR, CHANNEL, TRIAL_EN], { crossTextsOwnFeatures: false });
  assert.equal(before.get('channel'), before.get('trial-ar'));
});

test('while the entity names one story, it still counts (an event of its own name)', () => {
  // Without the group's earlier events its carriers are one story: its name is that event's, and
  // the rule does not speak; the English trial joins the Arabic one either way.
  const quiet = BEFORE.filter((a) => a.id !== 'rally' && a.id !== 'spokesman');
  const s = stories([...quiet, TRIAL_AR, TRIAL_EN]);
  assert.equal(s.get('trial-en'), s.get('trial-ar'));
});
