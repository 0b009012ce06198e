// What a public reader sees must agree with the lists they see once an editor hid articles
// (p-counts, 2026-12-07; p-hidden and r-hidden left these alone): the topic cards' counts, the
// topic page's coverage chart and the API's topic counts; the API's story sizes; a story's
// languages and first and last dates (story page and API); the stand-in that keeps a story whose
// 20 newest articles are hidden; and the copies page, which paged over hidden copies.
// On main each of them counted or showed the hidden articles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { entry, siteReader } from './helpers.js';

const EDITOR = { id: null, name: 'test editor' };
const HOUR = 3_600_000;
const TEXT = 'Water broke through the old dam above the valley town early on Sunday. Crews had warned of cracks for a year. '.repeat(3);
const DAMS = [{ topicId: 'dams', matches: [{ field: 'title' as const, start: 0, end: 3, text: 'dam', alias: 'dam', entity: 'dam' }] }];

/** Three sources, named `${name} News`. */
async function sources(store: Store, ...names: [string, string, string]): Promise<[number, number, number]> {
  const add = async (n: string) => (await store.sources.add({ url: `https://${n}.example/feed.xml`, title: `${n} News` })).source.id;
  return [await add(names[0]), await add(names[1]), await add(names[2])];
}

const hide = (store: Store, kind: 'entry' | 'story', id: number) =>
  store.curation.update({ kind, id }, { hidden: true }, EDITOR, kind === 'entry' ? 'entry.hide' : 'story.hide');

/** The story page's meta line (counts, span, languages). */
const metaOf = (page: string) => /<p class="meta"[\s\S]*?<\/p>/.exec(page)?.[0] ?? '';

/**
 * A story of four articles from three sources (German first and last, hidden; two English ones
 * shown between) and a story an editor hid whole, all tagged "dams" and recent (the chart's 30 days).
 */
async function build(store: Store) {
  // Recent, so the topic page's 30-day chart holds them.
  const now = Date.now() - 12 * HOUR;
  const [a, b, c] = await sources(store, 'alpha', 'bravo', 'charlie');
  const save = async (src: number, key: string, title: string, at: number, lang: string) =>
    (await store.entries.saveBatch(src, [entry(key, title, TEXT, at, { lang })])).inserted[0]!;
  const first = await save(a, 'h1', 'Dam report in German, hidden', now - 10 * HOUR, 'de');
  const e2 = await save(b, 'h2', 'Dam gives way above the valley', now - 9 * HOUR, 'en');
  const e3 = await save(c, 'h3', 'Dam rescue teams reach the valley', now - 8 * HOUR, 'en');
  const last = await save(a, 'h4', 'Dam follow-up in German, hidden', now - 2 * HOUR, 'de');
  const other = await save(c, 'h5', 'Dam story an editor hid whole', now - 3 * HOUR, 'en');
  await store.stories.assign([
    ...[first, e2, e3, last].map((e) => ({ entryId: e.id, storyKey: 'dam' })),
    { entryId: other.id, storyKey: 'other' },
  ]);
  for (const e of [first, e2, e3, last, other]) await store.topics.setEntryTopics(e.id, e.publishedAt, DAMS);
  await store.topics.saveDefinition({ id: 'dams', definition: { id: 'dams', name: 'Dams', entities: [{ name: 'dam' }] } });
  const story = (await store.stories.get((await store.entries.get(e2.id))!.storyId!))!;
  assert.deepEqual([story.size, story.sources, story.languages], [4, 3, ['de', 'en']]);

  await hide(store, 'entry', first.id);
  await hide(store, 'entry', last.id);
  await hide(store, 'story', (await store.entries.get(other.id))!.storyId!);
  return { e2, e3, story };
}

forEachDialect((d) => {
  describe('counts, languages and dates a reader sees leave out what editors hid (p-counts)', () => {
    it('topic cards, the coverage chart and the API topic counts count shown articles only', async () => {
      const store = await d.open();
      try {
        await build(store);
        const get = siteReader(store, 5);
        // The chart: two entries in its 30 days, not five.
        const topic = await get('/topics/dams');
        assert.match(topic, /<figcaption>2 stories over the 30 days/, 'the chart counts the shown ones');
        // The topic cards (the topics page and the start page) count the two shown articles.
        for (const path of ['/topics', '/']) {
          const page = await get(path);
          const card = /<p class="meta"><span>([^<]*)<\/span>/.exec(page)?.[1];
          assert.equal(card, '2 stories', `${path}: the topic card's count`);
        }
        // The API's topic counts.
        const topics = JSON.parse(await get('/api/v1/topics')) as { items: { id: string; entries: number }[] };
        assert.equal(topics.items.find((x) => x.id === 'dams')?.entries, 2, "the API's topic list count");
        const one = JSON.parse(await get('/api/v1/topics/dams')) as Record<string, unknown>;
        assert.equal(one.entries, 2, "the API topic's count");
      } finally {
        await store.close();
      }
    });

    it("a story's languages and dates (story page, API) and the API's story sizes are of its shown articles", async () => {
      const store = await d.open();
      try {
        const { e2, e3, story } = await build(store);
        const get = siteReader(store, 5);
        // The story page: English only, from the first shown article to the last shown one.
        const storyPage = await get(`/stories/${story.id}`);
        const meta = metaOf(storyPage);
        assert.ok(meta.includes('2 articles from 2 sources'), meta);
        assert.ok(!/German|Deutsch/.test(meta), `no hidden article's language: ${meta}`);
        assert.ok(meta.includes(`datetime="${new Date(e2.publishedAt).toISOString()}"`), `from the first shown: ${meta}`);
        assert.ok(meta.includes(`datetime="${new Date(e3.publishedAt).toISOString()}"`), `to the last shown: ${meta}`);

        // The API's story answers: the list, the story, and an entry's story.
        const shown = {
          size: 2,
          articles: 2,
          sources: 2,
          languages: ['en'],
          firstPublished: new Date(e2.publishedAt).toISOString(),
          lastPublished: new Date(e3.publishedAt).toISOString(),
        };
        const pick = (s: Record<string, unknown>) => Object.fromEntries(Object.keys(shown).map((k) => [k, s[k]]));
        const list = JSON.parse(await get('/api/v1/stories')) as { items: Record<string, unknown>[] };
        assert.deepEqual(pick(list.items.find((s) => s.id === story.id)!), shown, 'the API story list');
        assert.deepEqual(pick(JSON.parse(await get(`/api/v1/stories/${story.id}`)) as Record<string, unknown>), shown, 'the API story');
        const ofEntry = JSON.parse(await get(`/api/v1/entries/${e3.id}`)) as { story: Record<string, unknown> };
        assert.deepEqual(pick(ofEntry.story), shown, "the API entry's story");
      } finally {
        await store.close();
      }
    });

    it('a story whose 20 newest articles are hidden keeps its headline and pin, led by an older shown one', async () => {
      const store = await d.open();
      try {
        const now = Date.now() - 48 * HOUR;
        const [a, b] = await sources(store, 'alpha', 'bravo', 'charlie');
        const items = [
          entry('s0', 'Defamatory lead about the dam', TEXT, now - 40 * HOUR),
          entry('s1', 'Older report that still stands on the dam', TEXT, now - 39 * HOUR),
          ...Array.from({ length: 21 }, (_, i) => entry(`s${i + 2}`, `Newer hidden dam report ${i}`, TEXT, now - 30 * HOUR + i * HOUR)),
        ];
        const saved = [
          ...(await store.entries.saveBatch(a, items.slice(0, 1))).inserted,
          ...(await store.entries.saveBatch(b, items.slice(1))).inserted,
        ];
        assert.equal(saved.length, 23);
        await store.stories.assign(saved.map((e) => ({ entryId: e.id, storyKey: 'dam' })));
        const story = (await store.stories.get((await store.entries.get(saved[0]!.id))!.storyId!))!;
        assert.equal(story.leadEntryId, saved[0]!.id);
        await store.curation.update({ kind: 'story', id: story.id }, { pinned: true }, EDITOR, 'story.pin');
        for (const e of [saved[0]!, ...saved.slice(2)]) await hide(store, 'entry', e.id);
        const get = siteReader(store, 5);

        const home = await get('/');
        const pinned = /<article class="teaser pinned"[\s\S]*?<\/article>/.exec(home)?.[0];
        assert.ok(pinned?.includes(`href="/entries/${saved[1]!.id}"`), 'the pin holds, led by the older shown article');
        const storyPage = await get(`/stories/${story.id}`);
        assert.match(storyPage, /<h1[^>]*>[^<]*Older report that still stands on the dam/, "the story page's headline");
        const api = JSON.parse(await get(`/api/v1/stories/${story.id}`)) as Record<string, unknown>;
        assert.equal(api.headline, 'Older report that still stands on the dam', "the API's headline");
      } finally {
        await store.close();
      }
    });

    it('the copies page pages over shown copies; a copy fold lists the shown ones', async () => {
      const store = await d.open();
      try {
        const now = Date.now() - 48 * HOUR;
        const [a, b] = await sources(store, 'alpha', 'bravo', 'charlie');
        const [original] = (await store.entries.saveBatch(a, [entry('o', 'Wire report on the dam', TEXT, now - 40 * HOUR)])).inserted;
        const copies = (
          await store.entries.saveBatch(
            b,
            Array.from({ length: 105 }, (_, i) => entry(`c${i}`, `Copy ${i} of the wire report`, TEXT, now - 30 * HOUR + i * 60_000)),
          )
        ).inserted;
        await store.stories.assign([
          { entryId: original!.id, storyKey: 'wire' },
          ...copies.map((c) => ({ entryId: c.id, storyKey: 'wire', duplicateOf: original!.id })),
        ]);
        const storyId = (await store.entries.get(original!.id))!.storyId!;
        // The 100 oldest copies hidden: five are shown.
        for (const c of copies.slice(0, 100)) await hide(store, 'entry', c.id);
        const get = siteReader(store, 5);

        const page = await get(`/stories/${storyId}/copies/${original!.id}`);
        const listed = copies.filter((c) => page.includes(`href="/entries/${c.id}"`));
        assert.deepEqual(
          listed.map((c) => c.id),
          copies.slice(100).map((c) => c.id),
          'the first page lists the five shown copies',
        );
        assert.ok(page.includes('5 copies'), 'the total is of the shown copies');
        assert.ok(!page.includes('?offset='), 'no page of hidden copies follows');

        // The story page's fold lists the shown copies too, not ten hidden ones and "All 5 copies".
        const storyPage = await get(`/stories/${storyId}`);
        const fold = /<details class="copies"[\s\S]*?<\/details>/.exec(storyPage)?.[0] ?? '';
        assert.ok(fold.includes('<summary>5 copies</summary>'), fold.slice(0, 200));
        assert.equal(copies.filter((c) => fold.includes(`/entries/${c.id}"`)).length, 5, 'five copies listed');
        assert.ok(!fold.includes('All 5 copies'), 'every shown copy is listed: no link on');

        // Eleven copies, the ten oldest hidden: main's fold listed none under "1 copy" and linked
        // "All 1 copies"; the one shown copy is listed, with no link on.
        const [lone] = (await store.entries.saveBatch(a, [entry('o2', 'Second wire report on the dam', TEXT, now - 20 * HOUR)])).inserted;
        const few = (
          await store.entries.saveBatch(
            b,
            Array.from({ length: 11 }, (_, i) => entry(`f${i}`, `Copy ${i} of the second report`, TEXT, now - 19 * HOUR + i * 60_000)),
          )
        ).inserted;
        await store.stories.assign([
          { entryId: lone!.id, storyKey: 'wire' },
          ...few.map((c) => ({ entryId: c.id, storyKey: 'wire', duplicateOf: lone!.id })),
        ]);
        for (const c of few.slice(0, 10)) await hide(store, 'entry', c.id);
        const again = await siteReader(store, 5)(`/stories/${storyId}`);
        assert.ok(!again.includes('All 1 copies'), 'no "All 1 copies"');
        const folds = again.match(/<details class="copies"[\s\S]*?<\/details>/g) ?? [];
        const loneFold = folds.find((f) => f.includes('<summary>1 copy</summary>')) ?? '';
        assert.ok(loneFold.includes(`/entries/${few[10]!.id}"`), `the shown copy is listed: ${loneFold.slice(0, 300)}`);
      } finally {
        await store.close();
      }
    });
  });
});
