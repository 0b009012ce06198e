// Faults found by reading the site in Arabic and Persian (docs/site-review.md): lists written with
// the interface's comma, text an editor or a source wrote laid out by its own direction, and the
// coverage chart kept left to right so its labels stay on the chart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { BASE_TIME, entry, HOUR, makeApp } from './helpers.js';
import { defineTopics, sampleTopics, topicStore } from './topic-fixtures.js';

async function storyApp() {
  const store = await SqliteStore.open({ path: ':memory:' });
  const wire = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' })).source.id;
  const ar = (await store.sources.add({ url: 'https://rafidain.example/rss', title: 'الرافدين اليوم' })).source.id;
  const fa = (await store.sources.add({ url: 'https://khabar.example/atom', title: 'خبرنامه' })).source.id;
  const mirror = (await store.sources.add({ url: 'https://mirror.example/rss', title: 'Mirror Daily' })).source.id;
  const url = 'https://news.example/court';
  const [en] = (
    await store.entries.saveBatch(wire, [
      entry('w1', 'Court hears appeal?', 'Judges heard an appeal.', BASE_TIME - 3 * HOUR, { url, canonicalUrl: url }),
    ])
  ).inserted;
  await store.entries.saveBatch(mirror, [
    entry('m1', 'Court hears appeal?', 'Judges heard an appeal.', BASE_TIME - 2.8 * HOUR, { url, canonicalUrl: url }),
  ]);
  const [a] = (
    await store.entries.saveBatch(ar, [
      entry('a1', 'محكمة تنظر في استئناف', 'نظرت محكمة.', BASE_TIME - 2 * HOUR, { lang: 'ar', dir: 'rtl' }),
    ])
  ).inserted;
  const [f] = (
    await store.entries.saveBatch(fa, [
      entry('p1', 'دادگاه رسیدگی کرد', 'دادگاهی رسیدگی کرد.', BASE_TIME - HOUR, { lang: 'fa', dir: 'rtl' }),
    ])
  ).inserted;
  await store.stories.assign([
    { entryId: en!.id, storyKey: 'court' },
    { entryId: a!.id, storyKey: 'court' },
    { entryId: f!.id, storyKey: 'court' },
  ]);
  const storyId = (await store.entries.get(en!.id))!.storyId!;
  return { store, app: makeApp(store), storyId, enId: en!.id };
}

const get = async (app: ReturnType<typeof makeApp>, path: string, lang: string) =>
  (await app.request(path, { headers: { 'accept-language': lang } })).text();

test('lists of languages and sources use the interface comma (، in Arabic and Persian)', async () => {
  const { store, app, storyId } = await storyApp();
  try {
    for (const lang of ['fa', 'ar']) {
      const home = await get(app, '/', lang);
      const langs = /<span class="langs">([^<]*)<\/span>/.exec(home)?.[1];
      assert.ok(langs, `${lang}: the teaser names the story's languages`);
      assert.match(langs, /، /, `${lang}: ${langs}`);
      assert.doesNotMatch(langs, /, /, `${lang}: no Latin comma in ${langs}`);
      const story = await get(app, `/stories/${storyId}`, lang);
      const meta = /<p class="meta"[^>]*>([\s\S]*?)<\/p>/.exec(story)?.[1] ?? '';
      assert.doesNotMatch(meta.replace(/<[^>]+>/g, ''), /, /, `${lang}: story meta ${meta}`);
    }
    const en = await get(app, '/', 'en');
    assert.match(en, /<span class="langs">[^<]*, [^<]*<\/span>/, 'English keeps ", "');
  } finally {
    await store.close();
  }
});

test('an article carried by other sources names them with the interface comma', async () => {
  const { store, app, storyId, enId } = await storyApp();
  try {
    // A third source carrying the same address makes a list of two.
    const third = (await store.sources.add({ url: 'https://third.example/rss', title: 'Third Post' })).source.id;
    await store.entries.saveBatch(third, [
      entry('t1', 'Court hears appeal?', 'Judges heard an appeal.', BASE_TIME - 2.7 * HOUR, {
        url: 'https://news.example/court',
        canonicalUrl: 'https://news.example/court',
      }),
    ]);
    const story = await get(app, `/stories/${storyId}`, 'fa');
    const carried = /<p class="note"[^>]*>[^<]*(<bdi>[\s\S]*?)<\/p>/.exec(story)?.[1];
    assert.ok(carried, 'the story page names the other sources');
    assert.match(carried, /<\/bdi>، <bdi>/, carried);
    const article = await get(app, `/entries/${enId}`, 'fa');
    assert.match(article, /<\/bdi>، <bdi>/, 'Related stories names them the same way');
  } finally {
    await store.close();
  }
});

test('a story headline is laid out by its own direction', async () => {
  const { store, app, storyId } = await storyApp();
  try {
    const page = await get(app, `/stories/${storyId}`, 'fa');
    assert.match(page, /<h1 id="story-title" dir="auto">/);
  } finally {
    await store.close();
  }
});

test('topic descriptions and names keep their own direction on right-to-left pages; the chart stays left to right', async () => {
  const { store } = await topicStore();
  try {
    await defineTopics(store, sampleTopics());
    const app = makeApp(store);
    for (const lang of ['fa', 'ar']) {
      const home = await get(app, '/', lang);
      assert.match(home, /<p class="intro" dir="auto">The exiled Iranian/, `${lang}: topic card description`);
      assert.match(home, /<h3><a href="\/topics\/mek"><bdi>/, `${lang}: topic card name isolated`);
      assert.match(home, /<li><a href="\/topics\/mek"><bdi>/, `${lang}: topic navigation name isolated`);
      const topic = await get(app, '/topics/mek', lang);
      assert.match(topic, /<p class="intro" dir="auto">The exiled Iranian/, `${lang}: topic page description`);
      assert.match(topic, /<svg [^>]*direction="ltr"/, `${lang}: chart laid out left to right`);
    }
  } finally {
    await store.close();
  }
});

test('the list of topics (h1) heads its cards with h2, skipping no level', async () => {
  const { store } = await topicStore();
  try {
    await defineTopics(store, sampleTopics());
    const page = await get(makeApp(store), '/topics', 'en');
    const levels = [...page.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    assert.ok(levels.length > 1, 'the page lists topics');
    for (let i = 1; i < levels.length; i++) assert.ok(levels[i]! <= levels[i - 1]! + 1, `headings ${levels.join(' ')} skip a level`);
    // The home page's cards stay under its h2 "Topics followed".
    assert.match(await get(makeApp(store), '/', 'en'), /<ul class="topic-cards"><li><h3>/);
  } finally {
    await store.close();
  }
});

test("numbers in the interface's text use the digits its dates use (Persian digits in Persian, unchanged in English)", async () => {
  const { store, app, storyId } = await storyApp();
  try {
    const fa = await get(app, `/stories/${storyId}`, 'fa');
    const meta = /<p class="meta"[^>]*>([\s\S]*?)<\/p>/.exec(fa)?.[1]?.replace(/<[^>]+>/g, '') ?? '';
    assert.match(meta, /۳/, `story meta counts in Persian digits: ${meta}`);
    assert.doesNotMatch(meta.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, ''), /[0-9]/, `no Latin digits beside Persian dates: ${meta}`);
    assert.match(fa, /<span class="count">\(۱\)<\/span>/, 'language group counts too');
    const en = await get(app, `/stories/${storyId}`, 'en');
    assert.match(en, /3 articles from 4 sources|3 articles from 3 sources/);
    assert.match(en, /<span class="count">\(1\)<\/span>/);
  } finally {
    await store.close();
  }
  const topics = await topicStore();
  try {
    await defineTopics(topics.store, sampleTopics());
    const app2 = makeApp(topics.store);
    const cards = /<ul class="topic-cards">[\s\S]*?<\/ul>/.exec(await get(app2, '/', 'fa'))?.[0] ?? '';
    const metaFa = [...cards.matchAll(/<p class="meta">([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')).join(' ');
    assert.match(metaFa, /۷ روز گذشته: [۰-۹]+/, metaFa);
    assert.doesNotMatch(metaFa, /[0-9]/, metaFa);
    const metaAr = /<p class="meta">([\s\S]*?)<\/p>/.exec(await get(app2, '/', 'ar'))?.[1] ?? '';
    // Arabic dates are written with Latin digits (ICU's default for "ar"): so are its counts.
    assert.doesNotMatch(metaAr, /[٠-٩]/, metaAr);
    assert.match(await get(app2, '/', 'en'), /\d+ in the last 7 days/);
  } finally {
    await topics.store.close();
  }
});

test('pages name an icon of their own, so a browser does not ask for /favicon.ico (a 404 on every page view)', async () => {
  const { store, app, storyId, enId } = await storyApp();
  try {
    for (const path of ['/', `/stories/${storyId}`, `/entries/${enId}`, '/search?q=court', '/sources', '/nope']) {
      const page = await get(app, path, 'en');
      assert.match(page, /<head>[\s\S]*<link rel="icon" href="data:,">[\s\S]*<\/head>/, path);
    }
  } finally {
    await store.close();
  }
});
