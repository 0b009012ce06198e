// The story page and the teaser fold in a real Chromium, with JavaScript off (the fold is a
// <details>): the "+N sources" summary opens on a click and leads to the story page, whose
// languages are grouped, Arabic and Persian laid out right to left, and whose copies open too.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { BASE_TIME, entry, HOUR, makeApp } from '../web/helpers.js';

const OUT = join(process.cwd(), 'test-output', 'browser');

let browser: Browser | undefined;
let context: BrowserContext;
let skipReason: string | undefined;
let server: RunningServer;
let store: SqliteStore;
let storyId = 0;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  const launched = await launchChromium();
  if ('skip' in launched) {
    skipReason = launched.skip;
    return;
  }
  browser = launched.browser;
  context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 }, locale: 'en-GB' });
  store = await SqliteStore.open({ path: ':memory:' });
  const wire = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' })).source.id;
  const ar = (await store.sources.add({ url: 'https://rafidain.example/rss', title: 'الرافدين اليوم' })).source.id;
  const fa = (await store.sources.add({ url: 'https://khabar.example/atom', title: 'خبرنامه' })).source.id;
  const [en] = (
    await store.entries.saveBatch(wire, [
      entry('w1', 'Court hears appeal over Camp Ashraf land', 'Judges heard an appeal.', BASE_TIME - 3 * HOUR),
    ])
  ).inserted;
  const [copy] = (
    await store.entries.saveBatch(wire, [entry('w2', 'Court hears appeal (wire copy)', 'Judges heard an appeal.', BASE_TIME - 2.5 * HOUR)])
  ).inserted;
  const [a] = (
    await store.entries.saveBatch(ar, [
      entry('a1', 'محكمة تنظر في استئناف أرض أشرف', 'نظرت محكمة في بغداد.', BASE_TIME - 2 * HOUR, { lang: 'ar', dir: 'rtl' }),
    ])
  ).inserted;
  const [f] = (
    await store.entries.saveBatch(fa, [
      entry('p1', 'دادگاه به درخواست تجدیدنظر رسیدگی کرد', 'دادگاهی رسیدگی کرد.', BASE_TIME - HOUR, { lang: 'fa', dir: 'rtl' }),
    ])
  ).inserted;
  await store.stories.assign([
    { entryId: en!.id, storyKey: 'court' },
    { entryId: copy!.id, storyKey: 'court', duplicateOf: en!.id },
    { entryId: a!.id, storyKey: 'court' },
    { entryId: f!.id, storyKey: 'court' },
  ]);
  storyId = (await store.entries.get(en!.id))!.storyId!;
  server = await listen(makeApp(store), { host: '127.0.0.1', port: 0 });
});

after(async () => {
  await browser?.close();
  if (server) await server.close();
  await store?.close();
});

describe('stories in a browser (JavaScript off)', () => {
  it('the teaser fold opens on a click and leads to the story page', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    assert.equal(await page.locator('article.teaser').count(), 1, 'one teaser for the story');
    const fold = page.locator('details.story-coverage');
    const link = fold.locator('a', { hasText: 'All coverage of this story' });
    assert.equal(await link.isVisible(), false, 'folded at first');
    await fold.locator('summary').click();
    assert.equal(await link.isVisible(), true);
    assert.match(await fold.locator('summary').innerText(), /^\+2 sources · (Arabic, English, Persian|English, Arabic, Persian)$/);
    await link.click();
    await page.waitForURL(`**/stories/${storyId}`);
    assert.equal(await page.locator('h1').innerText(), 'Court hears appeal over Camp Ashraf land');
    await page.screenshot({ path: join(OUT, 'story.png'), fullPage: true });
    await page.close();
  });

  it('the story page groups by language, lays out RTL groups right to left, and folds copies', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const page = await context.newPage();
    await page.goto(`${server.url}/stories/${storyId}`);
    const headings = await page.locator('section.story-lang h2').allInnerTexts();
    assert.deepEqual(
      headings.map((h) => h.replace(/\s*\(\d+\)$/, '')),
      ['English', 'Arabic', 'Persian'],
    );
    const arabic = page.locator('section.story-lang[lang="ar"] ol.timeline > li').first();
    assert.equal(await arabic.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    const copies = page.locator('details.copies');
    const copyLink = copies.locator('a', { hasText: 'wire copy' });
    assert.equal(await copyLink.isVisible(), false);
    await copies.locator('summary').click();
    assert.equal(await copyLink.isVisible(), true);
    await page.close();
  });

  it('at phone width nothing scrolls sideways: mixed-direction lists, a long query (en, ar, fa)', async (t) => {
    if (skipReason) return t.skip(skipReason);
    for (const lang of ['en', 'ar', 'fa']) {
      const phone = await browser!.newContext({
        javaScriptEnabled: false,
        viewport: { width: 360, height: 800 },
        locale: lang,
        extraHTTPHeaders: { 'accept-language': lang },
      });
      const page = await phone.newPage();
      // The teaser fold is open so its list of coverage is laid out too.
      for (const path of [`/stories/${storyId}`, '/', `/search?q=${'x'.repeat(120)}`]) {
        await page.goto(`${server.url}${path}`);
        await page.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        assert.ok(scroll <= width, `${lang} ${path.slice(0, 30)}: page is ${scroll}px wide in a ${width}px viewport`);
      }
      await page.screenshot({ path: join(OUT, `story-phone-${lang}.png`), fullPage: true });
      await phone.close();
    }
  });
});

describe('times with JavaScript on', () => {
  it("are re-written in the reader's zone, named, in the page's date locale (not the browser's)", async (t) => {
    if (skipReason) return t.skip(skipReason);
    for (const [lang, zone, digits] of [
      ['en-GB', 'Asia/Tokyo', /GMT\+9$/],
      ['fa', 'Asia/Tehran', /[۰-۹]/],
    ] as const) {
      // The browser's own language is English: the page's locale must win over it.
      const ctx = await browser!.newContext({ locale: 'en-US', timezoneId: zone });
      // The context's locale sets Accept-Language too: the request says the page's language instead.
      await ctx.route('**/*', (r) => r.continue({ headers: { ...r.request().headers(), 'accept-language': lang } }));
      const page = await ctx.newPage();
      await page.goto(`${server.url}/stories/${storyId}`);
      const times = await page.$$eval('time[data-local]', (els) => els.map((e) => e.textContent ?? ''));
      assert.ok(times.length > 0);
      for (const text of times) {
        assert.doesNotMatch(text, /UTC/, `${lang}: ${text} is still the server's UTC`);
        assert.match(text, digits, `${lang}: ${text}`);
      }
      await ctx.close();
    }
  });
});
