// The day guard (src/stories/README.md, "Weekdays named in the lead"): an article whose lead names
// weekdays, none of them named in the leads of a story's members, is no candidate for that story.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { articleFeatures } from '../../src/stories/features.js';
import type { StoryArticle } from '../../src/stories/types.js';

const H = 3_600_000;
// Wednesday 10 June 2026, 09:00 UTC.
const T0 = Date.UTC(2026, 5, 10, 9);
const NOW = () => T0 + 30 * 24 * H;

function article(id: string, title: string, text: string, hours: number, lang = 'en'): StoryArticle {
  return { id, title, text, published: T0 + hours * H, lang };
}

const RULING = article(
  'r',
  'Albanian court orders return of computers seized from exiles camp',
  'An Albanian court in Tirana on Wednesday ordered prosecutors to return 41 of the computers seized from the Ashraf 3 camp of Iranian exiles, ruling that the search warrant was drawn too broadly. ' +
    'Judge Blerina Kola allowed prosecutors to keep the remaining devices for 60 days. Lawyers for the camp residents welcomed the court ruling.',
  0,
);

// Another event of the same court and camp the next day: a sibling, not a follow-up.
const SENTENCE =
  'The court in Tirana on Thursday sentenced a former guard of the Ashraf 3 camp of Iranian exiles to two years in prison for leaking the names of residents, ruling that the data had been passed to a foreign service. ' +
  'Prosecutors had asked for four years; lawyers for the camp residents welcomed the court ruling.';

test('a sibling event whose lead names another day starts its own story, a day after a lone story', () => {
  for (const guard of [true, false]) {
    const c = new OnlineStoryClusterer({ now: NOW, dayGuard: guard });
    assert.equal(c.add(RULING).story, 'r');
    const s = c.add(article('s', 'Albanian court jails former camp guard for leaking residents names', SENTENCE, 20));
    // Without the guard the two join (the premise: the words alone do not tell them apart).
    assert.equal(s.story, guard ? 's' : 'r', `dayGuard ${guard}`);
  }
});

test('a next-day follow-up that names the day of its event joins, whatever else it names', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  c.add(RULING);
  const f = c.add(
    article(
      'f',
      'Prosecutors to appeal court order on computers seized from exiles camp',
      "Albanian prosecutors said on Thursday they would appeal Wednesday's court order to return 41 of the computers seized from the Ashraf 3 camp of Iranian exiles. " +
        'Judge Blerina Kola had ruled that the search warrant was drawn too broadly and allowed prosecutors to keep the remaining devices for 60 days.',
      22,
    ),
  );
  assert.equal(f.story, 'r');
});

test('a weekday in the headline alone does not count: the lead dates the event', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  c.add(RULING);
  const f = c.add(
    article(
      'h',
      'Thursday briefing: Albanian court orders return of computers seized from exiles camp',
      'Forty-one computers taken from the Ashraf 3 camp must go back to the Iranian exiles living there, a judge in Tirana decided, finding the warrant for the search too broad. ' +
        'The rest of the devices can be held by the prosecutors for 60 more days, Judge Blerina Kola said.',
      6,
    ),
  );
  assert.equal(f.duplicateOf, undefined);
  assert.equal(f.story, 'r');
});

test('a Persian weekday written with a space is that day, not Saturday', () => {
  const neutral = (text: string) => [...articleFeatures(text, '').neutral.keys()].filter((k) => k.startsWith('c:'));
  assert.deepEqual(neutral('جلسه روز سه شنبه دادگاه'), ['c:tuesday', 'c:court']);
  assert.deepEqual(neutral('جلسه روز سه‌شنبه دادگاه'), ['c:tuesday', 'c:court']);
  assert.deepEqual(neutral('یک شنبه'), ['c:sunday']);
  assert.deepEqual(neutral('روز شنبه'), ['c:saturday']);
  assert.deepEqual(neutral('۳ شنبه'), ['c:saturday']);
});
