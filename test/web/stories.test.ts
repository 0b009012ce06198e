// Stories on the site, over both stores: one teaser per story with its coverage folded under
// "+N sources" (a <details>, so it works without JavaScript), the story page (timeline grouped by
// language, copies folded under the article they copy, other sources named), per-story feeds,
// "Related stories" on the article page, merged stories' addresses, escaping, query counts that
// stay flat with the size of a story, and a wire story copied 50,000 times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { type Dialect, forEachDialect, QueryCounter } from '../helpers/dialects.js';
import { BASE_TIME, entry, HOUR, makeApp } from './helpers.js';

const MIN = 60_000;
const COURT = 'https://news.example/court-appeal';

interface Fixture {
  store: Store;
  storyId: number;
  ids: { en: number; ar: number; fa: number; copy: number; harbour: number };
  mirror: number;
}

async function storyStore(d: Dialect): Promise<Fixture> {
  const store = await d.open();
  const wire = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' })).source.id;
  const arabic = (await store.sources.add({ url: 'https://rafidain.example/rss', title: 'الرافدين اليوم' })).source.id;
  const persian = (await store.sources.add({ url: 'https://khabar.example/atom', title: 'خبرنامه' })).source.id;
  const mirror = (await store.sources.add({ url: 'https://mirror.example/rss', title: 'Mirror Daily' })).source.id;
  const [en, harbour] = (
    await store.entries.saveBatch(wire, [
      entry('w1', 'Court hears appeal over Camp Ashraf land', 'Judges in Baghdad heard an appeal on Tuesday.', BASE_TIME - 3 * HOUR, {
        canonicalUrl: COURT,
      }),
      entry('w2', 'Harbour opens new berth', 'The port opened a berth.', BASE_TIME - 5 * HOUR),
    ])
  ).inserted;
  const [ar] = (
    await store.entries.saveBatch(arabic, [
      entry('a1', 'محكمة تنظر في استئناف <b>أرض</b> أشرف', 'نظرت محكمة في بغداد اليوم في دعوى.', BASE_TIME - 2 * HOUR, {
        lang: 'ar',
        dir: 'rtl',
      }),
    ])
  ).inserted;
  const [fa] = (
    await store.entries.saveBatch(persian, [
      entry('p1', 'دادگاه به درخواست تجدیدنظر رسیدگی کرد', 'دادگاهی در بغداد رسیدگی کرد.', BASE_TIME - HOUR, { lang: 'fa', dir: 'rtl' }),
    ])
  ).inserted;
  const mirrored = await store.entries.saveBatch(mirror, [
    // The same article (same canonical address): a sighting, not an entry.
    entry('m1', 'Court hears appeal (Mirror)', 'Judges in Baghdad heard an appeal on Tuesday.', BASE_TIME - 3 * HOUR, {
      canonicalUrl: COURT,
      url: `${COURT}?utm_source=mirror`,
    }),
    // A syndicated copy at another address.
    entry(
      'm2',
      'Baghdad court hears Ashraf appeal',
      'Judges in Baghdad heard an appeal on Tuesday. Mirror Daily adds.',
      BASE_TIME - 150 * MIN,
    ),
  ]);
  assert.equal(mirrored.sighted, 1);
  const copy = mirrored.inserted[0]!;
  const key = String(en!.id);
  await store.stories.assign([
    { entryId: en!.id, storyKey: key },
    { entryId: copy.id, storyKey: key, duplicateOf: en!.id },
    { entryId: ar!.id, storyKey: key },
    { entryId: fa!.id, storyKey: key },
    { entryId: harbour!.id, storyKey: String(harbour!.id) },
  ]);
  for (const e of [en!, ar!, fa!, copy, harbour!])
    await store.topics.setEntryTopics(e.id, e.publishedAt, [{ topicId: e === harbour ? 'harbour' : 'courts', matches: [] }]);
  await store.topics.saveDefinition({ id: 'courts', definition: { id: 'courts', name: 'Courts', entities: [{ name: 'court' }] } });
  const storyId = (await store.entries.get(en!.id))!.storyId!;
  return { store, storyId, ids: { en: en!.id, ar: ar!.id, fa: fa!.id, copy: copy.id, harbour: harbour!.id }, mirror };
}

const teasers = (page: string): string[] => [...page.matchAll(/<article class="teaser"[\s\S]*?<\/article>/g)].map((m) => m[0]);

forEachDialect((d) => {
  test('the start page, a topic page and search show one teaser per story, its coverage folded under "+N sources"', async () => {
    const { store, storyId, ids } = await storyStore(d);
    const app = makeApp(store);
    for (const path of ['/', '/topics/courts']) {
      const page = await (await app.request(path)).text();
      const court = teasers(page).filter((t) => t.includes(`/stories/${storyId}`));
      assert.equal(court.length, 1, `${path}: one teaser for the story`);
      const t = court[0]!;
      // The newest article stands for the story; the others are in the fold.
      assert.match(t, new RegExp(`href="/entries/${ids.fa}"`));
      assert.match(
        t,
        /<details class="story-coverage"[^>]*><summary>\+3 sources · <span class="langs">English, Arabic, Persian<\/span><\/summary>/,
      );
      assert.match(t, new RegExp(`href="/entries/${ids.ar}"`));
      assert.match(t, new RegExp(`href="/entries/${ids.en}"`));
      assert.doesNotMatch(t, new RegExp(`href="/entries/${ids.copy}"`), 'copies are folded on the story page, not listed');
      assert.match(t, /All coverage of this story \(3 articles\)/);
      // Escaped: a tag in a headline is text.
      assert.match(t, /&lt;b&gt;أرض&lt;\/b&gt;/);
      assert.doesNotMatch(t, /<b>أرض/);
    }
    const search = await (await app.request('/search?q=appeal')).text();
    const hits = teasers(search);
    assert.equal(hits.filter((t) => t.includes(`/stories/${storyId}`)).length, 1, 'search: one result per story');
    // Per-topic feeds carry one item per story too.
    const feed = await (await app.request('/topics/courts/feed.atom')).text();
    assert.equal([...feed.matchAll(/<entry[\s>]/g)].length, 1);
  });

  test('a new source carrying an article of the story counts at once on the topic page, the story page and the API; removed, it is gone', async () => {
    const { store, storyId } = await storyStore(d);
    const app = makeApp(store);
    const shown = async (): Promise<{ teaser: string; page: string; api: Record<string, unknown> }> => {
      const topic = await (await app.request('/topics/courts')).text();
      const teaser = teasers(topic).find((t) => t.includes(`/stories/${storyId}`)) ?? '';
      const page = await (await app.request(`/stories/${storyId}`)).text();
      const api = (await (await app.request(`/api/v1/stories/${storyId}`)).json()) as Record<string, unknown>;
      return { teaser, page, api };
    };
    let s = await shown();
    assert.match(s.teaser, /<summary>\+3 sources · <span class="langs">English, Arabic, Persian<\/span><\/summary>/);
    assert.deepEqual([s.api.sources, s.api.languages], [4, ['en', 'ar', 'fa']]);
    const echo = (await store.sources.add({ url: 'https://echo.example/rss', title: 'Echo' })).source.id;
    const sighted = await store.entries.saveBatch(echo, [
      entry('e1', 'Court hears appeal (Echo)', 'Judges heard an appeal.', BASE_TIME - 3 * HOUR, { canonicalUrl: COURT }),
    ]);
    assert.equal(sighted.sighted, 1);
    s = await shown();
    assert.match(s.teaser, /<summary>\+4 sources · <span class="langs">English, Arabic, Persian<\/span><\/summary>/);
    assert.match(s.page, /3 articles and 1 copy from 5 sources in English, Arabic, Persian/);
    assert.deepEqual([s.api.sources, s.api.languages], [5, ['en', 'ar', 'fa']]);
    assert.equal(await store.sources.remove(echo), true);
    s = await shown();
    assert.match(s.teaser, /<summary>\+3 sources · /);
    assert.match(s.page, /3 articles and 1 copy from 4 sources in English, Arabic, Persian/);
    assert.equal(s.api.sources, 4);
  });

  test('the story page: timeline grouped by language, copies folded, other sources named; per-story feeds; merged addresses lead on', async () => {
    const { store, storyId, ids, mirror } = await storyStore(d);
    const app = makeApp(store);
    const res = await app.request(`/stories/${storyId}`);
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<h1 id="story-title" dir="auto">Court hears appeal over Camp Ashraf land<\/h1>/);
    assert.match(page, /3 articles and 1 copy from 4 sources in English, Arabic, Persian/);
    const sections = [...page.matchAll(/<section class="story-lang" lang="(\w+)">/g)].map((m) => m[1]);
    assert.deepEqual(sections, ['en', 'ar', 'fa']);
    assert.match(page, new RegExp(`Also carried by <bdi><a href="/sources/${mirror}">Mirror Daily</a></bdi>`));
    assert.match(
      page,
      new RegExp(`<details class="copies"[^>]*><summary>1 copy</summary><ul><li lang="en" dir="ltr"><a href="/entries/${ids.copy}">`),
    );
    assert.match(page, /&lt;b&gt;أرض&lt;\/b&gt;/);
    assert.match(page, new RegExp(`href="/stories/${storyId}/feed.atom"`));

    const count = {
      atom: (t: string) => t.match(/<entry[\s>]/g)?.length,
      rss: (t: string) => t.match(/<item[\s>]/g)?.length,
      json: (t: string) => (JSON.parse(t) as { items: unknown[] }).items.length,
    };
    for (const format of ['atom', 'rss', 'json'] as const) {
      const feed = await app.request(`/stories/${storyId}/feed.${format}`);
      assert.equal(feed.status, 200);
      assert.equal(count[format](await feed.text()), 3, `${format}: the story's three articles`);
    }

    const article = await (await app.request(`/entries/${ids.en}`)).text();
    assert.match(article, /<h2 id="related">Related stories<\/h2>/);
    assert.match(article, new RegExp(`href="/entries/${ids.ar}"`));
    assert.match(article, new RegExp(`href="/entries/${ids.fa}"`));
    assert.match(article, /Also carried by <bdi><a href="\/sources\/\d+">Mirror Daily<\/a><\/bdi>/);
    assert.match(article, /1 copy of this one/);
    const copy = await (await app.request(`/entries/${ids.copy}`)).text();
    assert.match(copy, new RegExp(`This is a copy of <a href="/entries/${ids.en}">`));

    // The harbour story bridges into the court story: its old address leads there.
    const harbourStory = (await store.entries.get(ids.harbour))!.storyId!;
    await store.stories.assign([{ entryId: ids.harbour, storyKey: String(ids.en), merged: [String(ids.harbour)] }]);
    const moved = await makeApp(store).request(`/stories/${harbourStory}?page=1`);
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), `/stories/${storyId}?page=1`);
    assert.equal((await makeApp(store).request('/stories/987654')).status, 404);
    assert.equal((await makeApp(store).request('/stories/abc')).status, 404);
  });

  test('an article edited at its source shows its edits; no new teaser', async () => {
    const store = await d.open();
    const src = (await store.sources.add({ url: 'https://edit.example/feed' })).source.id;
    const base = entry('e1', 'Minister resigns', 'The minister resigned.', BASE_TIME, { canonicalUrl: 'https://edit.example/a' });
    const [e] = (await store.entries.saveBatch(src, [base])).inserted;
    await store.entries.saveBatch(src, [
      { ...base, dedupeKey: 'e1-new-guid', fingerprint: 'other', title: 'Minister resigns <after> vote' },
    ]);
    const app = makeApp(store);
    assert.equal(teasers(await (await app.request('/')).text()).length, 1);
    const page = await (await app.request(`/entries/${e!.id}`)).text();
    assert.match(page, /Edited 1 time at the source/);
    assert.match(page, /<del><bdi>Minister resigns<\/bdi><\/del> → <ins><bdi>Minister resigns &lt;after&gt; vote<\/bdi><\/ins>/);
  });

  test('a story page makes as many queries for a story of 60 articles with copies as for one of 5; so does a page of story teasers', async () => {
    const counter = new QueryCounter();
    const store = await d.open({ onQuery: counter.onQuery });
    const src: number[] = [];
    for (let s = 0; s < 4; s++) src.push((await store.sources.add({ url: `https://q${s}.example/feed` })).source.id);
    const storyOf = async (key: string, articles: number): Promise<number> => {
      const saved = [];
      for (let i = 0; i < articles; i++) {
        const [a] = (
          await store.entries.saveBatch(src[i % 4]!, [entry(`${key}-${i}`, `${key} report ${i}`, `Text ${i}.`, BASE_TIME - i * MIN)])
        ).inserted;
        const [c] = (
          await store.entries.saveBatch(src[(i + 1) % 4]!, [
            entry(`${key}-${i}-c`, `${key} copy ${i}`, `Text ${i}.`, BASE_TIME - i * MIN + 1),
          ])
        ).inserted;
        saved.push({ entryId: a!.id, storyKey: key }, { entryId: c!.id, storyKey: key, duplicateOf: a!.id });
      }
      await store.stories.assign(saved);
      return (await store.stories.list({ limit: 200 })).items.find((s) => s.key === key)!.id;
    };
    const small = await storyOf('small', 5);
    const big = await storyOf('big', 60);
    for (let i = 0; i < 55; i++) await storyOf(`t${i}`, 2);
    const count = async (path: string, pageSize = 50): Promise<number> => {
      const app = makeApp(store, { pageSize });
      counter.reset();
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      await res.arrayBuffer();
      return counter.count;
    };
    assert.equal(await count(`/stories/${big}`), await count(`/stories/${small}`));
    assert.equal(await count(`/stories/${big}/feed.atom`), await count(`/stories/${small}/feed.atom`));
    const page = await (await makeApp(store, { pageSize: 50 }).request('/')).text();
    assert.equal(teasers(page).length, 50);
    assert.equal([...page.matchAll(/<details class="story-coverage"/g)].length, 50);
    assert.equal(await count('/', 50), await count('/', 5));
  });

  test('a wire story copied 50,000 times: one teaser, a story page of bounded size, and every copy reachable page by page', async () => {
    const store = await d.open();
    const src = (await store.sources.add({ url: 'https://wire50k.example/feed' })).source.id;
    const COPIES = 50_000;
    const [original] = (await store.entries.saveBatch(src, [entry('orig', 'Wire: ceasefire agreed', 'The text.', BASE_TIME - HOUR)]))
      .inserted;
    const items = Array.from({ length: COPIES }, (_, i) => entry(`copy-${i}`, `Ceasefire agreed (${i})`, 'The text.', BASE_TIME + i));
    const saved = (await store.entries.saveBatch(src, items)).inserted;
    assert.equal(saved.length, COPIES);
    const key = String(original!.id);
    await store.stories.assign([
      { entryId: original!.id, storyKey: key },
      ...saved.map((c) => ({ entryId: c.id, storyKey: key, duplicateOf: original!.id })),
    ]);
    const storyId = (await store.entries.get(original!.id))!.storyId!;
    const story = await store.stories.get(storyId);
    assert.deepEqual([story?.size, story?.articles], [COPIES + 1, 1]);
    const app = makeApp(store, { pageSize: 20 });
    const home = await (await app.request('/')).text();
    assert.equal(teasers(home).length, 1);
    const page = await (await app.request(`/stories/${storyId}`)).text();
    assert.ok(page.length < 50_000, `the story page stays small (${page.length} bytes)`);
    assert.match(page, /<summary>50000 copies<\/summary>/);
    assert.match(page, new RegExp(`<a href="/stories/${storyId}/copies/${original!.id}">All 50000 copies</a>`));
    const last = await (await app.request(`/stories/${storyId}/copies/${original!.id}?offset=49900`)).text();
    assert.equal([...last.matchAll(/<li lang="en"/g)].length, 100);
    assert.match(last, new RegExp(`href="/entries/${saved[COPIES - 1]!.id}"`));
    assert.doesNotMatch(last, /rel="next"/);
  });
});
