// The stories API over both stores, every answer validated against the OpenAPI document: the
// story list (topic filter, keyset pages), one story with its articles and their copy counts, a
// merged story, and the entry resource naming its story, duplicates, sightings and edits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect, QueryCounter } from '../helpers/dialects.js';
import { BASE_TIME, entry, HOUR, makeApp } from '../web/helpers.js';
import { checked } from './contract.js';

type Json = Record<string, unknown>;

forEachDialect((d) => {
  test('stories and their entries; the entry names its story, copies, sightings and edits', async () => {
    const store = await d.open();
    const wire = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' })).source.id;
    const other = (await store.sources.add({ url: 'https://other.example/feed.xml', title: 'Other Post' })).source.id;
    const canonicalUrl = 'https://wire.example/quake';
    const [quake, port] = (
      await store.entries.saveBatch(wire, [
        entry('q1', 'Quake hits coast', 'A strong quake hit the coast on Monday, officials said.', BASE_TIME - 3 * HOUR, { canonicalUrl }),
        entry('p1', 'Port strike ends', 'Dockers returned.', BASE_TIME - 5 * HOUR),
      ])
    ).inserted;
    const saved = await store.entries.saveBatch(other, [
      entry('o1', 'Quake hits coast (Other Post)', 'Same.', BASE_TIME - 3 * HOUR, { canonicalUrl }),
      entry('o2', 'Quake: wire copy', 'A strong quake hit the coast on Monday, officials said.', BASE_TIME - 2 * HOUR),
      entry('o3', 'زلزله ساحل را لرزاند', 'زلزله‌ای قوی ساحل را لرزاند.', BASE_TIME - HOUR, { lang: 'fa', dir: 'rtl' }),
    ]);
    const [copy, fa] = saved.inserted;
    await store.entries.saveBatch(wire, [
      entry('q1', 'Quake hits coast, dozens hurt', 'A strong quake hit the coast on Monday, officials said.', BASE_TIME - 3 * HOUR, {
        canonicalUrl,
      }),
    ]);
    await store.stories.assign([
      { entryId: quake!.id, storyKey: 'quake' },
      { entryId: copy!.id, storyKey: 'quake', duplicateOf: quake!.id },
      { entryId: fa!.id, storyKey: 'quake' },
      { entryId: port!.id, storyKey: 'port' },
    ]);
    await store.topics.setEntryTopics(fa!.id, fa!.publishedAt, [{ topicId: 'disasters', matches: [] }]);
    const app = checked(makeApp(store));

    const list = (await (await app.request('/api/v1/stories?limit=1')).json()) as { items: Json[]; cursors: { older: string | null } };
    assert.equal(list.items.length, 1);
    const q = list.items[0]!;
    assert.equal(q.key, 'quake');
    assert.deepEqual([q.size, q.articles, q.sources, q.languages], [3, 2, 2, ['en', 'fa']]);
    assert.equal(q.headline, 'Quake hits coast, dozens hurt');
    assert.ok(list.cursors.older);
    const next = (await (await app.request(`/api/v1/stories?limit=1&after=${list.cursors.older}`)).json()) as { items: Json[] };
    assert.equal(next.items[0]!.key, 'port');
    assert.equal((await app.request('/api/v1/stories?after=nonsense')).status, 400);
    const topical = (await (await app.request('/api/v1/stories?topic=disasters')).json()) as { items: Json[] };
    assert.deepEqual(
      topical.items.map((s) => s.key),
      ['quake'],
    );

    const one = (await (await app.request(`/api/v1/stories/${q.id}`)).json()) as Json & { entries: Json[] };
    assert.deepEqual(
      one.entries.map((e) => [e.id, e.copies, e.storyId]),
      [
        [quake!.id, 1, q.id],
        [fa!.id, 0, q.id],
      ],
    );
    assert.equal(one.nextOffset, null);
    const paged = (await (await app.request(`/api/v1/stories/${q.id}?limit=1&offset=1`)).json()) as Json & { entries: Json[] };
    assert.deepEqual(
      paged.entries.map((e) => e.id),
      [fa!.id],
    );
    assert.equal((await app.request('/api/v1/stories/99999')).status, 404);

    const e = (await (await app.request(`/api/v1/entries/${quake!.id}`)).json()) as Json & {
      story: Json;
      duplicates: Json;
      sightings: Json[];
      edits: Json[];
    };
    assert.equal(e.story.id, q.id);
    assert.deepEqual(e.duplicates, { total: 1, ids: [copy!.id] });
    assert.deepEqual(
      e.sightings.map((s) => [s.sourceId, s.title]),
      [
        [wire, 'Quake hits coast'],
        [other, 'Quake hits coast (Other Post)'],
      ],
    );
    assert.deepEqual(
      e.edits.map((x) => [x.titleBefore, x.titleAfter]),
      [['Quake hits coast', 'Quake hits coast, dozens hurt']],
    );
    const c = (await (await app.request(`/api/v1/entries/${copy!.id}`)).json()) as Json;
    assert.equal(c.duplicateOf, quake!.id);
    const listed = (await (await app.request('/api/v1/entries')).json()) as { items: Json[] };
    assert.ok(listed.items.every((x) => 'storyId' in x && 'duplicateOf' in x));

    // A merged story answers with where its entries went.
    await store.stories.assign([{ entryId: port!.id, storyKey: 'quake', merged: ['port'] }]);
    const merged = (await (await app.request(`/api/v1/stories/${next.items[0]!.id}`)).json()) as Json & { entries: Json[] };
    assert.equal(merged.mergedInto, q.id);
    assert.deepEqual(merged.entries, []);
  });

  test('the story list and a story make as many queries for 50 stories or 60 articles as for 5', async () => {
    const counter = new QueryCounter();
    const store = await d.open({ onQuery: counter.onQuery });
    const src = (await store.sources.add({ url: 'https://count.example/feed' })).source.id;
    let n = 0;
    const story = async (key: string, articles: number): Promise<number> => {
      const items = Array.from({ length: articles }, (_, i) => entry(`${key}-${++n}`, `${key} ${i}`, `Text ${n}.`, BASE_TIME - n * 60_000));
      const saved = (await store.entries.saveBatch(src, items)).inserted;
      await store.stories.assign(saved.map((e, i) => ({ entryId: e.id, storyKey: key, duplicateOf: i % 2 ? saved[i - 1]!.id : null })));
      return (await store.entries.get(saved[0]!.id))!.storyId!;
    };
    const small = await story('small', 5);
    const big = await story('big', 120);
    for (let i = 0; i < 55; i++) await story(`s${i}`, 2);
    const app = checked(makeApp(store));
    const count = async (path: string): Promise<number> => {
      counter.reset();
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      await res.arrayBuffer();
      return counter.count;
    };
    assert.equal(await count('/api/v1/stories?limit=50'), await count('/api/v1/stories?limit=5'));
    assert.equal(await count(`/api/v1/stories/${big}`), await count(`/api/v1/stories/${small}`));
    const bigStory = (await (await app.request(`/api/v1/stories/${big}`)).json()) as { entries: unknown[] };
    assert.equal(bigStory.entries.length, 60);
  });
});
