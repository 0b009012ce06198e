// The interface languages and curation in a real browser (Debian's chromium through
// playwright-core): an Arabic interface laid out right-to-left, a Persian desk, and pinning a
// teaser by keyboard alone, then finding it first on the public page. Screenshots go to
// test-output/screenshots/. Skipped with the reason when chromium cannot start.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Viewer } from '../../src/auth/viewer.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { asViewer, editor } from '../helpers/as-viewer.js';
import { launchChromium } from '../helpers/chromium.js';
import { makeApp, populatedStore } from '../web/helpers.js';

const OUT = join(process.cwd(), 'test-output', 'screenshots');

let browser: Browser | undefined;
let skipReason: string | undefined;
let server: RunningServer;
let store: SqliteStore;
let viewer: Viewer | undefined;

async function open(path: string, locale: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1100, height: 900 }, locale });
  await page.goto(`${server.url}${path}`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

/** Left edges of the brand, the first main-nav link and the search box. */
function positions(page: Page): Promise<{ brand: number; firstNav: number; secondNav: number; search: number }> {
  return page.evaluate(() => {
    const x = (sel: string): number => document.querySelector(sel)!.getBoundingClientRect().left;
    return {
      brand: x('a.brand'),
      firstNav: x('nav.main li:nth-child(1) a'),
      secondNav: x('nav.main li:nth-child(2) a'),
      search: x('form.search'),
    };
  });
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  const launched = await launchChromium();
  if ('skip' in launched) {
    skipReason = launched.skip;
    process.stderr.write(`SKIP browser tests: ${skipReason}\n`);
    return;
  }
  browser = launched.browser;
  store = (await populatedStore()).store;
  server = await listen(
    asViewer(makeApp(store), store, () => viewer),
    { host: '127.0.0.1', port: 0 },
  );
});

after(async () => {
  await browser?.close();
  if (server) await server.close();
  await store?.close();
});

describe('interface languages in a browser', () => {
  it('an Arabic interface lays out right-to-left, with English stories still left-to-right inside it', async (t) => {
    if (skipReason) return t.skip(skipReason);
    viewer = undefined;
    const en = await open('/', 'en-GB');
    const ar = await open('/', 'ar');
    assert.equal(await ar.evaluate(() => document.documentElement.lang), 'ar');
    assert.equal(await ar.evaluate(() => getComputedStyle(document.documentElement).direction), 'rtl');
    assert.equal(await ar.locator('nav.main a').first().innerText(), 'كل الأخبار');
    const l = await positions(en);
    const r = await positions(ar);
    assert.ok(l.brand < l.search, 'English: the brand at the left, the search box after it');
    assert.ok(r.brand > r.search, 'Arabic: the brand at the right, the search box to its left');
    assert.ok(r.firstNav > r.secondNav, 'Arabic: the navigation runs from right to left');
    const english = ar.locator('article.teaser[lang="en"]').first();
    assert.equal(await english.evaluate((el) => getComputedStyle(el).direction), 'ltr');
    const more = ar.locator('a.more').first();
    assert.equal(await more.innerText(), 'اقرأ المزيد');
    assert.equal(await more.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    await shot(en, 'languages-en-home');
    await shot(ar, 'languages-ar-home');
    await Promise.all([en.close(), ar.close()]);
  });

  it('the desk follows the editor’s language setting (Persian, right-to-left)', async (t) => {
    if (skipReason) return t.skip(skipReason);
    viewer = editor({ lang: 'fa' });
    const page = await open('/desk/curation', 'en-GB');
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).direction), 'rtl');
    assert.equal(await page.locator('h1').innerText(), 'گزینش');
    await shot(page, 'languages-fa-desk-curation');
    await page.close();
    viewer = undefined;
  });

  it('pin a teaser by keyboard alone, then find it first on the public page', async (t) => {
    if (skipReason) return t.skip(skipReason);
    viewer = editor();
    const target = 'Weather service warns of <storm> & "floods"';
    const page = await open('/desk/curation', 'en-GB');
    const label = `Pin: ${target}`;
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((want) => document.activeElement?.getAttribute('aria-label') === want, label);
    }
    assert.ok(reached, 'the pin button is reachable with Tab');
    await shot(page, 'curation-keyboard-focus');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const id = /\/desk\/curation\?done=pin&entry=(\d+)#e\d+$/.exec(page.url())?.[1];
    assert.ok(id, page.url());
    const row = page.locator(`#e${id}`);
    assert.equal(await row.locator('h3').innerText(), target);
    assert.equal(await row.locator('.mark-pinned').innerText(), 'Pinned');
    assert.match(await page.locator('p.done[role="status"]').innerText(), /^Pinned: /);
    // Back to the public site by keyboard: from the row the page opened at, back up to the brand.
    let atBrand = false;
    for (let i = 0; i < 200 && !atBrand; i++) {
      await page.keyboard.press('Shift+Tab');
      atBrand = await page.evaluate(() => document.activeElement?.className === 'brand');
    }
    assert.ok(atBrand, 'the brand link is reachable with Shift+Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const first = page.locator('article.teaser').first();
    assert.equal(await first.locator('h2').innerText(), target);
    assert.equal(await first.locator('.mark-pinned').innerText(), 'Pinned');
    await shot(page, 'curation-pinned-first');
    await page.close();
    viewer = undefined;
  });
});
