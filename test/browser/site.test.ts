// The site in a real browser: Debian's chromium driven by playwright-core. Saves a screenshot per
// page under test-output/browser/. If chromium cannot start, every test is skipped with the reason.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { BASE_TIME, entry, HOUR, makeApp, populatedStore } from '../web/helpers.js';
import { defineTopics, LONG_LEAD, sampleTopics } from '../web/topic-fixtures.js';

const OUT = join(process.cwd(), 'test-output', 'browser');

let browser: Browser | undefined;
let skipReason: string | undefined;
let server: RunningServer;
let store: SqliteStore;
let wireId: number;

async function open(path: string, opts: { dark?: boolean; width?: number } = {}): Promise<Page> {
  const page = await browser!.newPage({
    viewport: { width: opts.width ?? 1100, height: 900 },
    locale: 'en-GB',
    colorScheme: opts.dark ? 'dark' : 'light',
  });
  await page.goto(`${server.url}${path}`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

function teaserIds(page: Page): Promise<number[]> {
  return page.$$eval('article.teaser', (els) => els.map((e) => Number(e.getAttribute('aria-labelledby')!.slice(1))));
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
  const p = await populatedStore();
  store = p.store;
  wireId = p.ids.wire;
  // Enough stories for several pages of three.
  await store.entries.saveBatch(
    wireId,
    Array.from({ length: 6 }, (_, i) =>
      entry(
        `more${i}`,
        `Council notes, item ${i + 1}`,
        `The council discussed item ${i + 1}. A decision is due next week.`,
        BASE_TIME - (5 + i) * HOUR,
      ),
    ),
  );
  // A story naming the group only deep in its text (a keyword-in-context snippet on the topic page),
  // then the sample topics, applied to history as a server would.
  await store.entries.saveBatch(wireId, [
    entry(
      'deep',
      'Diyala farmers ask for their land back',
      `${LONG_LEAD}The plots were held by the MKO until 2012, Iraqi officials said.`,
      BASE_TIME - 4.5 * HOUR,
    ),
  ]);
  await defineTopics(store, sampleTopics());
  server = await listen(makeApp(store, { pageSize: 3 }), { host: '127.0.0.1', port: 0 });
});

after(async () => {
  await browser?.close();
  if (server) await server.close();
  await store?.close();
});

describe('site in a browser', () => {
  it('topic page shows teasers', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const page = await open('/');
    const teasers = page.locator('article.teaser');
    assert.equal(await teasers.count(), 3);
    assert.ok(await teasers.first().isVisible());
    assert.equal(await page.locator('h1').innerText(), 'All stories');
    const first = teasers.first();
    assert.equal(await first.locator('h2').innerText(), 'Court hears appeal over Camp Ashraf property');
    assert.match(await first.locator('.meta').innerText(), /Harbour Wire/);
    // The progressive script re-renders dates in the browser's zone; the ISO value stays.
    assert.equal(await first.locator('time').getAttribute('datetime'), '2026-11-20T11:00:00.000Z');
    await shot(page, 'topic');
    const dark = await open('/', { dark: true });
    const bg = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, 'rgb(253, 252, 249)', 'dark scheme changes the background');
    await shot(dark, 'topic-dark');
    const narrow = await open('/', { width: 380 });
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    await shot(narrow, 'topic-phone');
    await Promise.all([page.close(), dark.close(), narrow.close()]);
  });

  it('"Read more" opens the article', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const page = await open('/');
    const title = await page.locator('article.teaser h2').nth(2).innerText();
    await page
      .locator('article.teaser')
      .nth(2)
      .getByRole('link', { name: /Read more/ })
      .click();
    await page.waitForURL(/\/entries\/\d+$/);
    assert.equal(await page.locator('h1').innerText(), title);
    assert.ok(await page.getByRole('link', { name: /Read the original/ }).isVisible());
    assert.equal(await page.getByRole('heading', { name: 'Related stories' }).count(), 0);
    await shot(page, 'article');
    await page.close();
  });

  it('search returns highlighted results', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const page = await open('/');
    await page.getByRole('searchbox', { name: 'Search stories' }).fill('mojahed*');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const marks = await page.locator('article.teaser mark').allInnerTexts();
    assert.ok(marks.length >= 2, `marks: ${marks.join(', ')}`);
    for (const m of marks) assert.match(m, /^mojahed/i);
    const bg = await page
      .locator('article.teaser mark')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'highlights are visible');
    await shot(page, 'search');
    await page.close();
  });

  it('lays out an RTL teaser right-to-left inside the LTR page', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const page = await open('/');
    const rtl = page.locator('article.teaser[lang="ar"]');
    assert.equal(await rtl.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'ltr');
    // The headline hugs the right edge of its teaser; an LTR headline hugs the left.
    const box = (await rtl.boundingBox())!;
    const h = (await rtl.locator('h2 a').boundingBox())!;
    assert.ok(Math.abs(box.x + box.width - (h.x + h.width)) < 2, 'RTL headline starts at the right');
    const ltr = page.locator('article.teaser[lang="en"]').first();
    const lbox = (await ltr.boundingBox())!;
    const lh = (await ltr.locator('h2 a').boundingBox())!;
    assert.ok(Math.abs(lbox.x - lh.x) < 2, 'LTR headline starts at the left');
    await rtl.screenshot({ path: join(OUT, 'rtl-teaser.png') });
    await page.close();
  });

  it('pagination moves without repeats or gaps while new entries arrive', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const page = await open('/');
    const expected = await store.entries.list({ limit: 100 });
    const seen: number[] = [];
    for (let round = 0; ; round++) {
      seen.push(...(await teaserIds(page)));
      await store.entries.saveBatch(wireId, [entry(`arrival${round}`, `Breaking item ${round}`, 'Just in.', Date.now() + round)]);
      const older = page.getByRole('link', { name: /Older stories/ });
      if ((await older.count()) === 0) break;
      await older.click();
      await page.waitForLoadState();
    }
    assert.deepEqual(
      seen,
      expected.items.map((e) => e.id),
    );
    // And back up: "Newer" pages end at the newest story, arrivals included.
    await page.getByRole('link', { name: /Newest/ }).click();
    assert.match(await page.locator('article.teaser h2').first().innerText(), /Breaking item/);
    await shot(page, 'pagination');
    await page.close();
  });

  it('topic page: matching teasers, visible highlights, a chart, and an explain view', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const page = await open('/');
    await page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: "People's Mojahedin Organization of Iran" }).click();
    await page.waitForURL(/\/topics\/mek$/);
    assert.equal(await page.locator('h1').innerText(), "People's Mojahedin Organization of Iran");
    const teasers = page.locator('article.teaser');
    assert.equal(await teasers.count(), 3);
    assert.equal(
      await page.locator('article.teaser h2 mark').first().innerText(),
      'منظمة مجاهدي خلق',
      'the Arabic name, highlighted as written',
    );
    const mark = page.locator('article.teaser', { hasText: 'MEK rally' }).locator('h2 mark');
    assert.ok(await mark.isVisible());
    assert.equal(await mark.innerText(), 'MEK');
    assert.notEqual(await mark.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgba(0, 0, 0, 0)', 'highlights are visible');
    const chart = page.getByRole('img', { name: /Coverage of People's Mojahedin Organization of Iran/ });
    assert.ok(await chart.isVisible());
    assert.ok(((await chart.boundingBox())?.height ?? 0) > 50, 'the chart has height');
    await shot(page, 'topic-page');
    // The story that names the group only deep in its text gets a snippet, marked.
    await page.getByRole('link', { name: /Older stories/ }).click();
    await page.waitForLoadState();
    const deep = page.locator('article.teaser', { hasText: 'Diyala farmers ask for their land back' });
    const kwicMark = deep.locator('.kwic mark');
    assert.ok(await kwicMark.isVisible());
    assert.equal(await kwicMark.innerText(), 'MKO');
    await deep.getByRole('link', { name: /Why this story matched/ }).click();
    await page.waitForURL(/\/topics\/mek\/entries\/\d+\/explain$/);
    assert.match(await page.locator('h1').innerText(), /^Why this story is in/);
    const match = page.locator('ol.explain li.match').first();
    assert.ok(await match.isVisible());
    assert.match(await match.innerText(), /MKO in the text[\s\S]*acronym[\s\S]*Iraqi/);
    assert.ok(await match.locator('.context mark').isVisible());
    await shot(page, 'topic-explain');
    await page.close();
  });

  it('keyboard Tab reaches every link', async (t) => {
    if (skipReason) return t.skip(skipReason);
    for (const path of ['/', '/entries/1', '/sources', '/search?q=Ashraf', '/topics/mek']) {
      const page = await open(path);
      const links = await page.$$eval('a[href]', (els) => els.map((a) => (a as HTMLAnchorElement).href));
      const reached = new Set<string>();
      let firstFocused = '';
      for (let i = 0; i < links.length + 20; i++) {
        await page.keyboard.press('Tab');
        const info = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          const style = a ? getComputedStyle(a) : undefined;
          return { href: a instanceof HTMLAnchorElement ? a.href : '', text: a?.textContent ?? '', outline: style?.outlineStyle ?? 'none' };
        });
        if (i === 0) firstFocused = info.text;
        if (info.href) {
          reached.add(info.href);
          assert.notEqual(info.outline, 'none', `focus is visible on ${info.href}`);
        }
      }
      assert.equal(firstFocused, 'Skip to content', `${path}: the skip link comes first`);
      const missed = links.filter((l) => !reached.has(l));
      assert.deepEqual(missed, [], `${path}: links not reachable by Tab`);
      if (path === '/sources') await shot(page, 'sources');
      await page.close();
    }
  });
});
