// The online clusterer on bad and awkward input: each case has the documented behaviour
// (src/stories/README.md, "Bad input").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import type { StoryArticle, StoryAssignment } from '../../src/stories/types.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 8);
const NOW = () => T0 + 30 * 24 * H;

const WIRE =
  'TIRANA, June 1 (Agency) - Albanian police on Monday searched the Manez camp that houses about 2,500 members of the exiled opposition group and removed more than 150 computers, a police statement said. ' +
  'The operation was ordered by the special prosecutor as part of an investigation into activities that may violate the terms of the residents stay. ' +
  'Lawyers for the residents called the search unlawful and said they would appeal to the court in Tirana on Wednesday.';

// Unrelated short articles on different subjects, each written out (no shared content words).
const UNRELATED: [string, string][] = [
  [
    'Flood waters rise in Khuzestan villages',
    'Rescue teams evacuated farmers near Ahvaz as the Karun river burst its banks after heavy rain.',
  ],
  [
    'Central bank raises reserve requirement',
    'Lenders must hold a larger share of deposits from next month, the monetary authority announced.',
  ],
  [
    'Polio vaccination drive reaches border districts',
    'Health workers immunised toddlers in remote mountain hamlets during a week-long campaign.',
  ],
  ['Football club appoints new coach', 'The Tabriz side hired a Portuguese manager on a two-season contract after a poor league run.'],
  [
    'Wheat harvest forecast cut after drought',
    'Agronomists expect yields to fall sharply across northern provinces because spring rainfall failed.',
  ],
  ['Museum returns looted manuscripts', 'Seventeen illuminated codices were handed back during a ceremony attended by cultural envoys.'],
  ['Airline suspends flights to Istanbul', 'A shortage of spare engine parts grounded several aircraft, the carrier said in a statement.'],
  ['Earthquake jolts southern port town', 'The magnitude 5.1 tremor cracked walls in Bandar Lengeh; no casualties were reported.'],
  ['Teachers strike over unpaid salaries', 'Classrooms stood empty in dozens of schools as educators demanded months of arrears.'],
  ['Scientists tag endangered cheetah cubs', 'Conservationists fitted tracking collars on three Asiatic cheetahs in a desert reserve.'],
];

function article(id: string, title: string, text: string, hours: number, extra: Partial<StoryArticle> = {}): StoryArticle {
  return { id, title, text, published: T0 + hours * H, lang: 'en', ...extra };
}

test('empty and one-word articles get a story of their own and never glue others together', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const out: StoryAssignment[] = [];
  out.push(c.add(article('e1', '', '', 0)));
  out.push(c.add(article('e2', 'Breaking', '', 0.1)));
  out.push(c.add(article('e3', 'Update', 'Update', 0.2)));
  out.push(c.add(article('e4', '', '', 0.3)));
  for (const r of out) assert.equal(r.story, r.id, `${r.id} stands alone`);
  for (const r of out) assert.equal(r.duplicateOf, undefined, `${r.id} is not a copy of anything`);
  // A real article afterwards is not drawn into any of them.
  const r = c.add(article('e5', 'Police search opposition camp in Manez', WIRE, 0.5));
  assert.equal(r.story, 'e5');
});

test('identical boilerplate under unrelated articles glues nothing together', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const boiler =
    '\n\nWe use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies. Read more. Subscribe to our newsletter.';
  const stories = new Set<string>();
  UNRELATED.forEach(([title, text], i) => {
    const r = c.add(article(`b${i}`, title, text + boiler, i * 0.2, { url: `https://site.example/${i}` }));
    assert.equal(r.duplicateOf, undefined, `b${i} is no copy`);
    stories.add(r.story);
  });
  assert.equal(stories.size, UNRELATED.length);
});

test('copies: same canonical URL and near-identical text point at the earliest copy and share its story', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const a = c.add(article('w1', 'Albanian police search opposition camp', WIRE, 0, { url: 'https://wire.example/a/1' }));
  const amp = c.add(
    article('w2', 'Albanian police search opposition camp', WIRE, 0.2, { url: 'https://www.wire.example/a/1/amp?utm_source=x' }),
  );
  const intro = c.add(
    article('w3', 'Police raid camp of Iranian exiles', `According to our partners at Agency: ${WIRE}`, 1, {
      url: 'https://local.example/x',
    }),
  );
  const trimmed = c.add(article('w4', 'Camp searched', WIRE.split('. ').slice(0, 2).join('. '), 2, { url: 'https://other.example/y' }));
  assert.equal(amp.duplicateOf, 'w1');
  assert.equal(intro.duplicateOf, 'w1');
  assert.equal(trimmed.duplicateOf, 'w1');
  for (const r of [amp, intro, trimmed]) assert.equal(r.story, a.story);
});

test('the page’s own address (pageUrl) finds the original; it claims an address only on its own host', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const [a, b, x, y, m, n, g, h] = UNRELATED;
  // A partner's page names the original's address (another host): the partner is the copy.
  const first = c.add(article('p1', a![0], a![1], 0, { url: 'https://paper.example/2026/flood' }));
  const partner = c.add(
    article('p2', b![0], b![1], 1, { url: 'https://partner.example/9', pageUrl: 'https://paper.example/2026/flood?utm_medium=rss' }),
  );
  assert.equal(partner.duplicateOf, 'p1');
  assert.equal(partner.story, first.story);
  // The other way round on one host: a feed linked a short address, the page names its own;
  // a later feed linking the page's address finds the original.
  c.add(article('s1', m![0], m![1], 1.5, { url: 'https://paper.example/?p=71', pageUrl: 'https://paper.example/2026/drought' }));
  assert.equal(c.add(article('s2', n![0], n![1], 1.6, { url: 'https://www.paper.example/2026/drought' })).duplicateOf, 's1');
  // An early page naming another site's address cannot fold that site's article under it.
  c.add(article('z1', g![0], g![1], 1.7, { url: 'https://spam.example/1', pageUrl: 'https://paper.example/2026/quake' }));
  assert.equal(c.add(article('z2', h![0], h![1], 1.8, { url: 'https://paper.example/2026/quake' })).duplicateOf, undefined);
  // Two unrelated pages whose template names the front page as canonical stay apart.
  const f1 = c.add(article('f1', x![0], x![1], 2, { url: 'https://site.example/a', pageUrl: 'https://site.example/' }));
  const f2 = c.add(article('f2', y![0], y![1], 3, { url: 'https://site.example/b', pageUrl: 'https://www.site.example' }));
  assert.equal(f1.duplicateOf, undefined);
  assert.equal(f2.duplicateOf, undefined);
  assert.notEqual(f1.story, f2.story);
});

test('an undated article is filed at the latest time seen and still joins its story', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const first = c.add(
    article(
      'd1',
      'Police search Manez camp, seize 150 computers',
      'Albanian police searched the Manez camp and removed 150 computers on Monday.',
      0,
    ),
  );
  const undated = c.add({ id: 'd2', title: 'Manez camp searched: 150 computers seized by Albanian police', text: '', lang: 'en' });
  assert.equal(undated.story, first.story);
});

test('a date far in the future neither moves the window nor evicts the present', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const first = c.add(
    article(
      'f1',
      'Police search Manez camp, seize 150 computers',
      'Albanian police searched the Manez camp and removed 150 computers on Monday.',
      0,
    ),
  );
  const future = c.add({
    id: 'f2',
    title: 'Court hears appeal over Manez computers seizure',
    text: 'Lawyers asked the court to return the 150 computers taken from Manez.',
    published: Date.UTC(2099, 0, 1),
    lang: 'en',
  });
  assert.ok(future.story === first.story || future.story === 'f2');
  const later = c.add(article('f3', 'Manez camp computers: police seized 150 machines', '', 1));
  assert.equal(later.story, first.story, 'the 2099 date did not evict the window');
  assert.equal(c.stats.articles, 3);
});

test('the size guard: a story stops growing at maxStorySize and the next article starts another', () => {
  const c = new OnlineStoryClusterer({ now: NOW, maxStorySize: 5 });
  const stories: string[] = [];
  const angles = [
    'police statement',
    'lawyers respond',
    'residents speak',
    'prosecutor explains',
    'court schedule',
    'government reaction',
    'opposition protest',
    'analysts weigh in',
  ];
  angles.forEach((angle, i) => {
    const r = c.add(
      article(
        `s${i}`,
        `Manez camp search: ${angle}`,
        `Albanian police searched the Manez camp and removed 150 computers; ${angle} on day ${i}.`,
        i * 0.5,
      ),
    );
    assert.equal(r.duplicateOf, undefined);
    stories.push(r.story);
  });
  const counts = new Map<string, number>();
  for (const s of stories) counts.set(s, (counts.get(s) ?? 0) + 1);
  assert.ok(Math.max(...counts.values()) <= 5, `no story above 5: ${[...counts.values()]}`);
  assert.equal(counts.get('s0'), 5, 'the first five share a story');
  assert.notEqual(stories[5], 's0');
});

test('50,000 copies of one wire story fold onto the first, with one index entry', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const first = c.add(article('c0', 'Albanian police search opposition camp', WIRE, 0, { url: 'https://wire.example/a/1' }));
  const intros = ['', 'According to Agency: ', 'As reported by our partners: ', 'The following report is from Agency. '];
  for (let i = 1; i <= 50_000; i++) {
    const r = c.add(
      article(
        `c${i}`,
        i % 3 === 0 ? 'Camp searched' : 'Albanian police search opposition camp',
        `${intros[i % 4]}${WIRE}`,
        (i / 50_000) * 24,
        { url: `https://site${i % 700}.example/${i}` },
      ),
    );
    if (r.duplicateOf !== 'c0' || r.story !== first.story) assert.fail(`copy ${i}: ${JSON.stringify(r)}`);
  }
  assert.equal(c.stats.copyIndex, 1, 'copies are not indexed');
  assert.equal(c.stats.articles, 1);
});

test('a later article bridging two stories merges them and reports it', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const a = c.add(
    article('m1', 'Kazemi arrives in Baghdad', 'Foreign minister Kazemi landed in Baghdad for talks on frozen funds worth 2.7 billion.', 0),
  );
  const b = c.add(
    article(
      'm2',
      'Jaberi hosts Iraqi electricity talks',
      'Jaberi convened the energy committee over gas debts to Tehran and power cuts in Basra.',
      0.1,
    ),
  );
  assert.notEqual(a.story, b.story);
  const bridge = c.add(
    article(
      'm3',
      'Kazemi and Jaberi meet in Baghdad on frozen funds and gas debts',
      'Kazemi landed in Baghdad for talks on frozen funds worth 2.7 billion; Jaberi convened the energy committee over gas debts to Tehran and power cuts in Basra.',
      0.2,
    ),
  );
  assert.equal(bridge.story, 'm1', 'the older story keeps its id');
  assert.deepEqual(bridge.merged, ['m2']);
});

test('a name and figures meet across scripts (Latin and Persian), and the match is explained', () => {
  const c = new OnlineStoryClusterer({ now: NOW, explain: true });
  const en = c.add(
    article(
      'x1',
      'Court orders return of 41 computers to Ashraf 3 residents',
      'Judge Blerina Kola ruled in Tirana that 41 computers be returned within five days.',
      0,
    ),
  );
  c.add(article('x2', 'Wheat harvest forecast cut after drought', 'Agronomists expect yields to fall across northern provinces.', 0.2));
  const fa = c.add({
    id: 'x3',
    title: 'دادگاه تیرانا: ۴۱ رایانه به ساکنان اشرف ۳ بازگردانده شود',
    text: 'قاضی بلرینا کولا در تیرانا حکم داد ۴۱ رایانه ظرف پنج روز بازگردانده شود.',
    published: T0 + H,
    lang: 'fa',
  });
  assert.equal(fa.story, en.story);
  const why = c.lastExplain;
  assert.equal(why?.via, 'x1');
  assert.ok(why?.shared?.includes('n:41'), JSON.stringify(why));
  assert.ok(
    why?.shared?.some((f) => f.startsWith('x:')),
    JSON.stringify(why),
  );
});

test('memory follows the window: old articles and stories leave every index', () => {
  const c = new OnlineStoryClusterer({ now: NOW, windowMs: 24 * H });
  for (let day = 0; day < 20; day++) {
    UNRELATED.forEach(([title, text], i) => {
      c.add(article(`m${day}-${i}`, `${title} (day ${day})`, `${text} Day ${day}, item ${i}.`, day * 24 + i));
    });
  }
  // A day holds 10 articles; the window never holds more than two days' worth.
  assert.ok(c.stats.articles <= 2 * UNRELATED.length + 1, `articles in window: ${c.stats.articles}`);
  assert.ok(c.stats.copyIndex <= 2 * UNRELATED.length + 1);
  assert.ok(c.stats.stories <= 2 * UNRELATED.length + 1, `stories in window: ${c.stats.stories}`);
});

test('in a quiet window one big event keeps its own words: a follow-up on them still joins', () => {
  // Twelve reports of one seizure fill the window with its words (tanker, Hormuz, seized); in a
  // window this small a 10% cut-off would drop exactly those words and leave the follow-up, which
  // shares little else, alone (minDfCap: 8 shows it). They are weighed down by IDF instead.
  const angles = [
    'Guards seize foreign tanker in Strait of Hormuz',
    'Tanker seized in Hormuz with 21 crew aboard',
    'Shipping firm confirms its tanker was seized near Hormuz',
    'Navy patrol boats escort seized tanker to Bandar Abbas',
    'Crew of tanker seized in Hormuz reported safe',
    'Owners demand release of tanker seized in Hormuz',
    'Seized tanker anchored off Bandar Abbas, satellite images show',
    'Oil prices edge up after tanker seized in Hormuz',
    'Flag state protests seizure of its tanker in Hormuz',
    'Tanker seized in Hormuz was carrying fuel oil, tracking data show',
    'Insurers watch Hormuz after tanker seized',
    'Maritime agency warns ships near Hormuz after tanker seized',
  ];
  const run = (options: Partial<ConstructorParameters<typeof OnlineStoryClusterer>[0]>) => {
    const c = new OnlineStoryClusterer({ now: NOW, ...options });
    const first = c.add(article('h0', angles[0] as string, 'The tanker was seized in the Strait of Hormuz on Monday.', 0));
    for (const [i, t] of angles.slice(1).entries()) {
      c.add(article(`h${i + 1}`, t, `${t}. The tanker was seized in the Strait of Hormuz on Monday.`, 0.5 + i));
    }
    c.add(article('u1', UNRELATED[0]?.[0] as string, UNRELATED[0]?.[1] as string, 13));
    const follow = c.add(
      article(
        'h99',
        'What the Hormuz tanker seizure means for shipping',
        'Analysts say war-risk premiums for tankers crossing Hormuz could double.',
        14,
      ),
    );
    return { first: first.story, follow: follow.story };
  };
  const quiet = run({});
  assert.equal(quiet.follow, quiet.first, 'the follow-up joins the seizure');
  const cut = run({ minDfCap: 8 });
  assert.notEqual(cut.follow, cut.first, 'with the old floor of 8 the event’s words were cut');
});

test('two headlines in one language sharing a single word are not one story; two shared words are', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const at = (h: number) => T0 + h * H;
  const a = c.add({ id: 'a', title: 'Monday television', text: '', published: at(0), lang: 'en' });
  // "Monday" alone (its word, its weekday concept and its name key): a cosine over the threshold,
  // but one word.
  const b = c.add({ id: 'b', title: 'Copper price falls on black Monday', text: '', published: at(1), lang: 'en' });
  assert.notEqual(b.story, a.story);
  const d = c.add({ id: 'd', title: 'Copper price slides in Shanghai', text: '', published: at(2), lang: 'en' });
  assert.equal(d.story, b.story);
  // The old behaviour is one option away.
  const old = new OnlineStoryClusterer({ now: NOW, minSharedSame: 0 });
  const a0 = old.add({ id: 'a', title: 'Monday television', text: '', published: at(0), lang: 'en' });
  const b0 = old.add({ id: 'b', title: 'Copper price falls on black Monday', text: '', published: at(1), lang: 'en' });
  assert.equal(b0.story, a0.story);
});

test('two headlines alone in one language join at joinHeadlines, below the threshold for texts', () => {
  const at = (h: number) => T0 + h * H;
  // The threshold rule (joinRule null); the learned rule reads the same thresholds as its scale.
  const run = (o: Partial<ConstructorParameters<typeof OnlineStoryClusterer>[0]>) => {
    const c = new OnlineStoryClusterer({ now: NOW, explain: true, joinRule: null, ...o });
    c.add({ id: 'a', title: 'Harbour authority closes northern port after chemical leak', text: '', published: at(0), lang: 'en' });
    const b = c.add({
      id: 'b',
      title: 'Chemical leak leaves fishermen idle as volunteers scoop sludge off beaches',
      text: '',
      published: at(2),
      lang: 'en',
    });
    return { story: b.story, explain: c.lastExplain };
  };
  // A new angle sharing two words of six or so: a cosine of ~0.19, under joinSame (0.22).
  const now = run({});
  assert.equal(now.story, 'a');
  assert.ok((now.explain?.score ?? 0) < 0.22, `score ${now.explain?.score}`);
  // With the text threshold for headlines too (the old behaviour) it starts a story of its own.
  assert.equal(run({ joinHeadlines: 0.22 }).story, 'b');
});

test('a headline alone joins an article with a text at joinHeadlines: the lead dilutes their cosine', () => {
  // The threshold rule (joinRule null), as above.
  const run = (o: Partial<ConstructorParameters<typeof OnlineStoryClusterer>[0]>) => {
    const c = new OnlineStoryClusterer({ now: NOW, explain: true, joinRule: null, ...o });
    c.add(
      article(
        'a',
        'Harbour authority closes northern port after chemical leak',
        'The harbour authority closed the northern port on Monday after a tank of industrial solvent ruptured at a storage terminal, officials said. ' +
          'Fishing boats were ordered to stay at their moorings while inspectors measured the spill and coastguard vessels laid booms across the entrance.',
        0,
      ),
    );
    const b = c.add(article('b', 'Chemical leak: fishermen idle ashore as coastguard lays booms', '', 2));
    return { story: b.story, explain: c.lastExplain };
  };
  const now = run({});
  assert.equal(now.story, 'a');
  assert.ok((now.explain?.score ?? 0) < 0.22, `score ${now.explain?.score}`);
  assert.equal(run({ joinHeadlines: 0.22 }).story, 'b');
});

test('a lone article is folded into a story when a later article matches both at the join threshold', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const add = (id: string, title: string, h: number) => c.add({ id, title, text: '', published: T0 + h * H, lang: 'en' });
  add('a1', 'Harbour authority closes northern port after chemical leak', 0);
  assert.equal(add('a2', 'Northern port stays closed as chemical leak spreads along harbour', 1).story, 'a1');
  // A new angle sharing no two words with the story: a story of its own.
  assert.equal(add('b', 'Fishermen idle as cleanup crews scoop sludge off beaches', 2).story, 'b');
  // Matches b best and the story under the merge threshold (0.4) but over the join threshold:
  // b was a new angle of the story, and is folded in with it.
  const r = add('c', 'Chemical leak: cleanup crews reach beaches near closed northern port', 3);
  assert.equal(r.story, 'a1');
  assert.deepEqual(r.merged, ['b']);
});

test('two big stories are not merged through one close member of the other: it takes two', () => {
  const build = (opts: { cohesionSize?: number }) => {
    const c = new OnlineStoryClusterer({ now: NOW, ...opts });
    let k = 0;
    const add = (id: string, title: string) => c.add({ id, title, text: '', published: T0 + k++ * 60_000, lang: 'en' });
    const fillers = 'amber birch cedar dune ember fjord grove heath inlet juniper knoll larch marsh'.split(' ');
    const a = fillers.map((w) => add(`a-${w}`, `Harbor bridge reopens after repairs ${w}`));
    // Each story has one member that also speaks of something else.
    a.push(add('a-quay', 'Harbor bridge reopens, quay cranes idle'));
    const b = fillers.map((w) => add(`b-${w}`, `Comet tail seen over northern sky ${w}`));
    b.push(add('b-ferry', 'Comet tail seen over ferry strike pickets'));
    // Close to one member of each (and loosely to the rest of both).
    const bridge = add('x', 'Harbor bridge quay cranes idle as comet tail watchers join ferry strike pickets');
    return { a, b, bridge };
  };
  const guarded = build({});
  const storyA = guarded.a[0]?.story;
  const storyB = guarded.b[0]?.story;
  assert.ok(guarded.a.every((r) => r.story === storyA) && guarded.b.every((r) => r.story === storyB));
  assert.equal(guarded.bridge.story, storyB);
  assert.equal(guarded.bridge.merged, undefined, 'one close member of the harbor story is not enough');
  // Without the guard (cohesionSize out of reach) the same article folds the two stories.
  const open = build({ cohesionSize: 1000 });
  assert.equal(open.bridge.story, storyA);
  assert.deepEqual(open.bridge.merged, [storyB]);
});

// Two events that share "schools" and "Tuesday" and little else.
const SMOG_TEXT =
  'Schools and colleges in the provincial capital stayed shut on Tuesday and Wednesday as pollution climbed past the danger mark. Officials told lorry drivers to keep out of the centre by day. Doctors urged the elderly to remain at home.';
const CHESS_TEXT =
  'Pupils from two village schools won the regional chess tournament on Tuesday in the market town. Their captain beat the defending champion in the final round. The team travels to the national finals in the spring.';

// Feeds often declare no language. An article without one is compared in the language its
// function words show, and when they show none, as any language of its script: an English outlet
// that declares nothing is read on its words beside declared English coverage, not across
// languages on shared concepts alone (src/stories/README.md, "Articles of no declared language").
test('an article of no declared language is compared in its own language, not across languages', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const smog = c.add(article('smog', 'Smog shuts schools across the province', SMOG_TEXT, 0));
  // Another event sharing "schools" and "Tuesday", from an outlet that declares no language.
  const chess = c.add({
    id: 'chess',
    title: 'Village schools take chess trophy',
    text: CHESS_TEXT,
    published: T0 + 5 * H,
  });
  assert.notEqual(chess.story, smog.story);
  // The same event's coverage from that outlet still joins the declared article's story.
  const follow = c.add({
    id: 'follow',
    title: 'Smog keeps schools shut across the province',
    text: 'Schools and colleges in the provincial capital stayed shut on Wednesday as pollution stayed past the danger mark. Officials kept lorry drivers out of the centre by day, and doctors again urged the elderly to remain at home.',
    published: T0 + 8 * H,
  });
  assert.equal(follow.story, smog.story);
});

test('headlines without a declared language cluster with declared ones of their event', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const at = (h: number) => T0 + h * H;
  const a = c.add({ id: 'a', title: 'Copper price slides in Shanghai trading', text: '', published: at(0), lang: 'en' });
  // No declared language and too few function words to detect one ("und-latn").
  const b = c.add({ id: 'b', title: 'Shanghai copper price slides again', text: '', published: at(1) });
  assert.equal(b.story, a.story);
  const d = c.add({ id: 'd', title: 'Copper price slides as Shanghai stocks swell', text: '', published: at(2), lang: 'en-GB' });
  assert.equal(d.story, a.story);
});

test('a language given as a name ("English") counts as not declared: its words decide', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const smog = c.add(article('smog', 'Smog shuts schools across the province', SMOG_TEXT, 0));
  const chess = c.add(article('chess', 'Village schools take chess trophy', CHESS_TEXT, 5, { lang: 'English' }));
  assert.notEqual(chess.story, smog.story);
});

// README.md, "A lone story's pace": a story of one article has no pace of its own, so the learned
// decision reads a day's gap to it against a news day, not against its span of 0 hours.
const TRAM = 'Regional council approves new tram line for the eastern districts';
const TRAM_TEXT =
  'The regional council on Tuesday approved a new tram line linking the eastern districts to the central station, a project costing 420 million euros. ' +
  'Construction is to start next spring and the first trams should run in 2029, the transport commissioner said. ' +
  'Opposition members criticised the cost and the route through the old market.';
const TRAM_NEXT_DAY =
  'The regional council approved on Tuesday a new tram line linking the eastern districts with the central station, a project that will cost 420 million euros. ' +
  'Construction should start next spring and the first trams run in 2029, the transport commissioner said. ' +
  'Opposition members criticised the cost and the route through the old market square.';

test('a near-identical follow-up a day after a lone article joins its story', () => {
  for (const hours of [24, 30]) {
    const c = new OnlineStoryClusterer({ now: NOW });
    const a = c.add(article('a', TRAM, TRAM_TEXT, 0));
    const b = c.add(article('b', 'Regional council approves tram line for eastern districts', TRAM_NEXT_DAY, hours));
    assert.equal(b.duplicateOf, undefined, 'not a copy: the text comparison decides');
    assert.equal(b.story, a.story, `${hours} h later`);
  }
});

test('a different event on the same topic a day after a quickly covered story stays apart', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const measles = [
    c.add(
      article(
        'm1',
        'Health ministry reports 40 new measles cases in the northern province',
        'The health ministry said on Monday that 40 new cases of measles had been confirmed in the northern province over the past week, most of them children under five. ' +
          'Vaccination teams have been sent to the villages around Shkoder, ministry spokeswoman Elira Meta told reporters.',
        0,
      ),
    ),
    c.add(
      article(
        'm2',
        'Measles outbreak: 40 new cases confirmed in the north',
        'Forty new measles cases were confirmed in the northern province in the past week, the health ministry said, most of them in young children. ' +
          'Vaccination teams were sent to villages near Shkoder.',
        1,
      ),
    ),
    c.add(
      article(
        'm3',
        'Vaccination teams sent to Shkoder villages after measles cases',
        'The health ministry sent vaccination teams to villages around Shkoder on Monday after 40 measles cases were confirmed in the northern province, most of them children under five.',
        2,
      ),
    ),
  ];
  for (const m of measles) assert.equal(m.story, 'm1');
  // The next day the same ministry speaks about something else, with its own figures: hiring.
  const nurses = c.add(
    article(
      'n',
      'Health ministry says 300 nurses to be hired in the northern province',
      'The health ministry said on Tuesday it would hire 300 nurses for clinics in the northern province next year, after complaints about staff shortages in the villages around Shkoder. ' +
        'Ministry spokeswoman Elira Meta said the posts would be advertised in March.',
      24,
    ),
  );
  assert.equal(nurses.story, 'n');
});

test('articles an editor placed (story) stay in their stories, which are never merged; new articles join the one they match', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const kazemi = 'Foreign minister Kazemi landed in Baghdad for talks on frozen funds worth 2.7 billion.';
  const jaberi = 'Jaberi convened the energy committee over gas debts to Tehran and power cuts in Basra.';
  // The editor split the energy talks out of the visit's story: both parts placed (p-split).
  const a = c.add({ ...article('m1', 'Kazemi arrives in Baghdad', kazemi, 0), story: 'visit' });
  const b = c.add({ ...article('m2', 'Jaberi hosts Iraqi electricity talks', jaberi, 0.1), story: 'split:1:2' });
  assert.deepEqual([a.story, b.story], ['visit', 'split:1:2'], 'each placed article is filed where the editor put it');
  const bridge = c.add(article('m3', 'Kazemi and Jaberi meet in Baghdad on frozen funds and gas debts', `${kazemi} ${jaberi}`, 0.2));
  assert.equal(bridge.merged, undefined, 'a bridge does not merge the two parts');
  assert.ok(bridge.story === 'visit' || bridge.story === 'split:1:2', 'it joins one of them');
  const energy = c.add(
    article(
      'm4',
      'Jaberi: power cuts in Basra over gas debts to Tehran',
      'The energy committee under Jaberi heard that gas debts to Tehran left Basra with power cuts again.',
      0.3,
    ),
  );
  assert.equal(energy.story, 'split:1:2', 'a new article on the energy talks joins the split-off part');
  assert.equal(energy.duplicateOf, undefined, 'a report of its own, not a copy');
  assert.equal(energy.merged, undefined);
  const visit = c.add(
    article(
      'm5',
      'Kazemi in Baghdad: talks on frozen funds',
      'Kazemi told reporters in Baghdad the frozen funds of 2.7 billion would be released.',
      0.4,
    ),
  );
  assert.equal(visit.story, 'visit', 'one on the visit joins the visit');
});

test('articles an editor placed after they were added (relocate): each part draws its own new articles, and neither is merged again', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const kazemi = 'Foreign minister Kazemi landed in Baghdad for talks on frozen funds worth 2.7 billion.';
  const jaberi = 'Jaberi convened the energy committee over gas debts to Tehran and power cuts in Basra.';
  c.add(article('m1', 'Kazemi arrives in Baghdad', kazemi, 0));
  c.add(article('m2', 'Jaberi hosts Iraqi electricity talks', jaberi, 0.1));
  const bridge = c.add(article('m3', 'Kazemi and Jaberi meet in Baghdad on frozen funds and gas debts', `${kazemi} ${jaberi}`, 0.2));
  assert.deepEqual([bridge.story, bridge.merged], ['m1', ['m2']], 'the bridge folded the energy talks into the visit');
  const joined = c.add(article('m3b', 'Kazemi in Baghdad for frozen funds talks', kazemi, 0.25));
  assert.equal(joined.story, 'm1');
  // The editor split the energy talks out of the visit's story, which keeps its id (m1); the report
  // that joined the visit afterwards (m3b) is not among the placed ones, but the store has it in m1.
  c.relocate([
    { id: 'm1', story: 'm1' },
    { id: 'm2', story: 'split:1:2' },
    { id: 'm3', story: 'm1' },
    { id: 'unknown', story: 'm1' },
  ]);
  assert.equal(c.stats.stories, 2, "two stories: the clusterer's own m1 (with m3b) folded into the placed m1");
  const energy = c.add(
    article(
      'm4',
      'Jaberi: power cuts in Basra over gas debts to Tehran',
      'The energy committee under Jaberi heard that gas debts to Tehran left Basra with power cuts again.',
      0.3,
    ),
  );
  assert.deepEqual([energy.story, energy.merged], ['split:1:2', undefined], 'a new article on the energy talks joins the split-off part');
  const visit = c.add(
    article(
      'm5',
      'Kazemi in Baghdad: talks on frozen funds',
      'Kazemi told reporters in Baghdad the frozen funds of 2.7 billion would be released.',
      0.4,
    ),
  );
  assert.equal(visit.story, 'm1', 'one on the visit joins the visit');
  const again = c.add(article('m6', 'Kazemi and Jaberi meet in Baghdad on frozen funds and gas debts', `${kazemi} ${jaberi}`, 0.5));
  assert.deepEqual([again.story, again.duplicateOf, again.merged], ['m1', 'm3', undefined], "a copy follows its original's placement");
});

test('relocate against a rebuild: a story an editor split a Wednesday report out of no longer names Wednesday (day guard)', () => {
  // The same window twice: filed as it came and then relocated (the story step after a split), and
  // rebuilt with the placements known from the start. A new Wednesday report goes where the rebuild
  // sends it: the split-off Wednesday part, not the Tuesday part that held the Wednesday report.
  const a = article(
    'a',
    'Kazemi arrives in Baghdad for frozen funds talks',
    'Foreign minister Kazemi landed in Baghdad on Tuesday for talks on frozen funds worth 2.7 billion held by Iraqi banks.',
    0,
  );
  const b = article(
    'b',
    'Kazemi meets Iraqi premier on frozen funds',
    'Foreign minister Kazemi met the Iraqi prime minister in Baghdad on Wednesday over the frozen funds worth 2.7 billion.',
    1,
  );
  const c = article(
    'c',
    'Kazemi talks on frozen funds in Baghdad',
    'Foreign minister Kazemi said in Baghdad on Wednesday that talks on frozen funds worth 2.7 billion held by Iraqi banks went well.',
    2,
  );
  const rebuilt = new OnlineStoryClusterer({ now: NOW });
  rebuilt.add({ ...a, story: 'visit' });
  rebuilt.add({ ...b, story: 'split:1:2' });
  const inPlace = new OnlineStoryClusterer({ now: NOW });
  inPlace.add({ ...a, story: 'visit' });
  inPlace.add({ ...b, story: 'visit' });
  inPlace.relocate([
    { id: 'a', story: 'visit' },
    { id: 'b', story: 'split:1:2' },
  ]);
  const expected = rebuilt.add(c);
  assert.equal(expected.story, 'split:1:2', 'the rebuild: the Tuesday part is no candidate for a Wednesday report');
  assert.deepEqual(inPlace.add(c), expected, 'in place, the same story as the rebuild');
});

test('forget against a rebuild: no article joins a story through a forgotten one, and its story names only the weekdays left (c-live)', () => {
  // The same window three ways: b kept (the story step before c-live: a deleted entry stayed until a
  // rebuild), b forgotten after it was added (an editor deleted it), and rebuilt without b.
  const a = article(
    'a',
    'Kazemi arrives in Baghdad for frozen funds talks',
    'Foreign minister Kazemi landed in Baghdad for talks on frozen funds worth 2.7 billion held by Iraqi banks.',
    0,
  );
  const b = article(
    'b',
    'Kazemi in Baghdad for frozen funds talks, meets Jaberi on gas debts',
    'Foreign minister Kazemi held talks in Baghdad on Tuesday on frozen funds worth 2.7 billion held by Iraqi banks, and met Jaberi of the energy committee over gas debts to Tehran and power cuts in Basra.',
    1,
  );
  const energy = article(
    'n',
    'Jaberi: power cuts in Basra over gas debts to Tehran',
    'The energy committee under Jaberi heard that gas debts to Tehran left Basra with power cuts again.',
    2,
  );
  const wednesday = article(
    'w',
    'Kazemi in Baghdad: frozen funds talks go on',
    'Foreign minister Kazemi said in Baghdad on Wednesday that talks on frozen funds worth 2.7 billion held by Iraqi banks went well.',
    3,
  );
  const kept = new OnlineStoryClusterer({ now: NOW });
  const forgotten = new OnlineStoryClusterer({ now: NOW });
  const rebuilt = new OnlineStoryClusterer({ now: NOW });
  for (const c of [kept, forgotten]) {
    c.add(a);
    assert.equal(c.add(b).story, 'a', 'b joins the visit, naming Tuesday');
  }
  rebuilt.add(a);
  assert.equal(
    forgotten.forget((id) => id === 'b'),
    1,
  );
  assert.equal(
    forgotten.forget((id) => id === 'b'),
    0,
    'forgotten once',
  );
  assert.equal(kept.add(energy).story, 'a', 'kept: the energy report joins the visit through b');
  const expected = rebuilt.add(energy);
  assert.equal(expected.story, 'n', 'rebuilt: it starts its own story');
  assert.deepEqual(forgotten.add(energy), expected, 'forgotten: as rebuilt');
  assert.deepEqual(forgotten.stats, rebuilt.stats, 'the same articles, features, fingerprints and stories as rebuilt');
  assert.equal(kept.add(wednesday).story, 'w', 'kept: the visit still names Tuesday, so a Wednesday report is barred');
  assert.deepEqual(forgotten.add(wednesday), rebuilt.add(wednesday), 'forgotten: the visit names no weekday, as rebuilt');
});
