// The interface in the reader's language: Accept-Language or the signed-in user's setting picks
// English, Arabic or Persian; Arabic and Persian pages say dir="rtl"; the render cache never hands
// one language's page to another reader; failure reasons are rendered from their keys.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { Viewer } from '../../src/auth/viewer.js';
import { BlockedFetchError, RetryableFetchError } from '../../src/ingest/fetch/index.js';
import { API_ERROR_MESSAGES } from '../../src/locale/api-errors.js';
import { LANGS } from '../../src/locale/index.js';
import { SOURCE_CHECK_MESSAGES } from '../../src/locale/source-checks.js';
import { WORKER_ERROR_MESSAGES } from '../../src/locale/worker-errors.js';
import { failureReason } from '../../src/pipeline/failure-reason.js';
import { NotAFeedError } from '../../src/pipeline/not-a-feed.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { DESK_MESSAGES } from '../../src/web/desk/messages.js';
import { SITE_MESSAGES } from '../../src/web/messages/site.js';
import { asViewer, editor } from '../helpers/as-viewer.js';
import { makeApp, populatedStore } from './helpers.js';
import { defineTopics, sampleTopics } from './topic-fixtures.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('catalogues', () => {
  for (const [name, cat] of [
    ['site', SITE_MESSAGES],
    ['desk', DESK_MESSAGES],
    // The refusals of a source's settings (desk, CLI, API) and the API's problems (p-keys).
    ['source-checks', SOURCE_CHECK_MESSAGES],
    ['api-errors', API_ERROR_MESSAGES],
    ['worker-errors', WORKER_ERROR_MESSAGES],
  ] as const) {
    test(`${name}: Arabic and Persian have every message, with the same placeholders as English`, () => {
      const en = cat.en as Record<string, string>;
      for (const lang of LANGS) {
        const own = cat[lang] as Record<string, string | undefined>;
        for (const [key, text] of Object.entries(en)) {
          const t = own[key];
          assert.ok(t?.trim(), `${name} ${lang} ${key} is missing`);
          assert.deepEqual(placeholders(t ?? ''), placeholders(text), `${name} ${lang} ${key} placeholders`);
          const words = text.replace(/\{\w+\}/g, '');
          if (lang !== 'en' && /[A-Za-z]{4,}/.test(words) && !/[A-Z_]{4,}|docs\/|newsdesk|word\*|mojahed/.test(words)) {
            assert.notEqual(t, text, `${name} ${lang} ${key} is still English`);
          }
        }
      }
    });
  }
});

describe('pages', () => {
  let store: SqliteStore;
  let app: Hono;
  let viewer: Viewer | undefined;

  before(async () => {
    store = (await populatedStore()).store;
    app = asViewer(makeApp(store), store, () => viewer);
  });

  const get = (path: string, lang?: string) => app.request(path, { headers: lang ? { 'accept-language': lang } : {} });

  test('Accept-Language: ar gives an Arabic interface laid out right-to-left', async () => {
    const res = await get('/', 'ar-IQ,ar;q=0.9,en;q=0.5');
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<html lang="ar" dir="rtl">/);
    assert.match(page, /<a href="\/" aria-current="page">كل الأخبار<\/a>/);
    assert.match(page, />اقرأ المزيد<\/a>/);
    assert.match(page, /انتقل إلى المحتوى/);
    assert.doesNotMatch(page, />Read more</);
    assert.match(res.headers.get('vary') ?? '', /Accept-Language/);
    // The stories keep their own language and direction inside the Arabic interface.
    assert.match(page, /<article class="teaser" lang="en" dir="ltr"/);
  });

  test('Persian, and English for a language without a catalogue', async () => {
    const fa = await (await get('/sources', 'fa')).text();
    assert.match(fa, /<html lang="fa" dir="rtl">/);
    assert.match(fa, /<h1>منابع<\/h1>/);
    const fr = await (await get('/sources', 'fr-FR, de;q=0.8')).text();
    assert.match(fr, /<html lang="en" dir="ltr">/);
    assert.match(fr, /<h1>Sources<\/h1>/);
  });

  test('the render cache keeps one page per language: none leaks into another', async () => {
    const order = ['en', 'ar', 'en', 'fa', 'ar', 'en'];
    for (const lang of order) {
      const page = await (await get('/search?q=court', lang)).text();
      const want = { en: 'lang="en" dir="ltr"', ar: 'lang="ar" dir="rtl"', fa: 'lang="fa" dir="rtl"' }[lang]!;
      assert.ok(page.includes(`<html ${want}>`), `${lang} page after others`);
      const words = { en: '>Words <input', ar: '>الكلمات <input', fa: '>واژه‌ها <input' }[lang]!;
      assert.ok(page.includes(words), `${lang} search form`);
    }
    const etags = new Set<string | null>();
    for (const lang of ['en', 'ar', 'fa']) etags.add((await get('/', lang)).headers.get('etag'));
    assert.equal(etags.size, 3, 'each language is its own representation');
  });

  test("the signed-in user's language setting wins over Accept-Language, on public pages and at the desk", async () => {
    viewer = editor({ lang: 'fa' });
    const page = await (await get('/', 'en-GB,en')).text();
    assert.match(page, /<html lang="fa" dir="rtl">/);
    const desk = await (await get('/desk/curation', 'en')).text();
    assert.match(desk, /<html lang="fa" dir="rtl">/);
    assert.match(desk, /<h1>گزینش<\/h1>/);
    viewer = editor();
    const ar = await (await get('/desk/audit', 'ar')).text();
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    assert.match(ar, /<label>من <select id="audit-actor" name="actor">/);
    viewer = undefined;
  });

  test('story pages and the article page’s related stories are in the interface language', async () => {
    const items = (await store.entries.list({ limit: 10 })).items;
    const [x, y] = [items.find((e) => e.lang === 'ar')!, items.find((e) => e.title.startsWith('Court hears'))!];
    await store.stories.assign([
      { entryId: x.id, storyKey: `lang-${x.id}` },
      { entryId: y.id, storyKey: `lang-${x.id}` },
    ]);
    const storyId = (await store.entries.get(x.id))!.storyId!;
    const story = await (await get(`/stories/${storyId}`, 'ar')).text();
    assert.match(story, /<html lang="ar" dir="rtl">/);
    assert.match(story, /<h2 lang="ar" dir="rtl">الإنجليزية <span class="count">\(1\)<\/span><\/h2>/);
    const article = await (await get(`/entries/${y.id}`, 'fa')).text();
    assert.match(article, /<h2 id="related">خبرهای مرتبط<\/h2>/);
    assert.match(article, /<span>از <bdi>/);
    const en = await (await get(`/entries/${y.id}`, 'en')).text();
    assert.match(en, /<h2 id="related">Related stories<\/h2>/);
  });

  test('a topic page’s chart and the “why this story” page are in the interface language', async () => {
    await defineTopics(store, sampleTopics());
    const topic = await (await get('/topics/mek', 'ar')).text();
    assert.match(topic, /<summary>الأخبار في كل يوم في جدول<\/summary>/);
    assert.match(topic, /<title id="coverage-title">تغطية /);
    const why = /href="(\/topics\/mek\/entries\/\d+\/explain)"/.exec(topic)?.[1];
    assert.ok(why, 'a teaser links to why it matched');
    const page = await (await get(why, 'fa')).text();
    assert.match(page, /<h1>چرا این خبر در «/);
    assert.match(page, /<dt>جورشده<\/dt>/);
    assert.doesNotMatch(page, /<dt>Matched<\/dt>/);
    // The count line ends with the page's own colon: the Arabic sentence ended with "…: {n}", so
    // it read "…: 3:" (2026-12-06 analyst journey).
    const ar = await (await get(why, 'ar')).text();
    assert.match(ar, /<p>[^<:]*طابق[^<:]*(?::<\/p>| \()/);
    assert.doesNotMatch(ar, /<p>[^<]*طابق[^<]*: [\d٠-٩]+(?::<\/p>| \()/);
  });

  test('error pages speak the reader’s language', async () => {
    const res = await get('/entries/987654', 'ar');
    assert.equal(res.status, 404);
    const page = await res.text();
    assert.match(page, /<html lang="ar" dir="rtl">/);
    assert.match(page, /<h1>غير موجود<\/h1>/);
    assert.match(page, /لا خبر بهذا العنوان/);
    // The server's own 404 (no route at all), unwrapped: the wrapper has no not-found page of its own.
    const fa = await (await makeApp(store).request('/no/such/page', { headers: { 'accept-language': 'fa' } })).text();
    assert.match(fa, /صفحه‌ای در این نشانی نیست/);
  });

  test('stored failure reasons: a key is rendered in the reader’s language, an old row as the catalogued "other" reason', async () => {
    const { source } = await store.sources.add({ url: 'https://down.example/feed', title: 'Down Daily' });
    await store.sources.finishCheck(source.id, {
      status: 'failing',
      errorCount: 3,
      lastError: 'HTTP 503 from https://down.example/feed; the server has a problem, will retry later',
      lastErrorKey: 'http:503',
    });
    const { source: old } = await store.sources.add({ url: 'https://old.example/feed', title: 'Old Row' });
    await store.sources.finishCheck(old.id, { status: 'failing', errorCount: 1, lastError: 'legacy reason text' });
    const ar = await (await get('/sources', 'ar')).text();
    assert.match(ar, /ردّ الخادم برمز حالة HTTP ‏503\./);
    assert.doesNotMatch(ar, /legacy reason text/);
    assert.match(ar, /فشل الفحص\./);
    const en = await (await get(`/sources/${source.id}`, 'en')).text();
    assert.match(en, /The server answered with HTTP status 503\./);
  });
});

describe('failure reasons as keys', () => {
  test('named from the error, not its wording', () => {
    assert.equal(failureReason(new RetryableFetchError('whatever words', 'https://x.example/', { status: 502 })), 'http:502');
    assert.equal(failureReason(new BlockedFetchError('nope', 'https://10.0.0.1/')), 'blocked');
    const dns = new RetryableFetchError('host not found', 'https://x.example/', {
      cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }),
    });
    assert.equal(failureReason(dns), 'dns');
    assert.equal(failureReason(new NotAFeedError('an HTML page')), 'notFeed');
    assert.equal(failureReason(new Error('something odd')), 'other');
  });
});
