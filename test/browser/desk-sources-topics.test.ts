// The sources and topics desk in a real browser with JavaScript OFF: add a source through its
// preview, write a topic, preview it, save it and accept a suggested name, by keyboard and form
// submission only. No CSP violation may be reported. Screenshots go to test-output/browser/.
// Skipped with the reason when chromium cannot start.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { launchChromium } from '../helpers/chromium.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { mountDesk, type TestDesk } from '../desk/helpers.js';
import { entry, HOUR } from '../web/helpers.js';

const OUT = join(process.cwd(), 'test-output', 'browser');

let browser: Browser | undefined;
let skipReason: string | undefined;
let server: RunningServer;
let feeds: FixtureServer;
let store: SqliteStore;
let desk: TestDesk;

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Browser Wire</title><link>https://news.example/</link>
<item><title>Tram line vote delayed</title><link>https://news.example/1</link><guid>1</guid></item>
<item><title>Harbour berth opens</title><link>https://news.example/2</link><guid>2</guid></item></channel></rss>`;

async function newPage(): Promise<{ page: Page; violations: string[] }> {
  const page = await browser!.newPage({ javaScriptEnabled: false, locale: 'en-GB', viewport: { width: 1100, height: 900 } });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return { page, violations };
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  const launched = await launchChromium();
  if ('skip' in launched) {
    skipReason = launched.skip;
    process.stderr.write(`SKIP desk browser tests: ${skipReason}\n`);
    return;
  }
  browser = launched.browser;
  feeds = await startFixtureServer({ '/feed.xml': { headers: { 'content-type': 'application/rss+xml' }, body: FEED } });
  store = await SqliteStore.open({ path: ':memory:' });
  const src = (await store.sources.add({ url: 'https://wire.example/feed', title: 'Wire' })).source.id;
  const now = Date.now();
  await store.entries.saveBatch(src, [
    entry('a1', 'Acme Robotics unveils welding arm', 'Roboacme, as staff call the firm, showed a new arm.', now - HOUR),
    entry('a2', 'Roboacme shares rise after Acme Robotics order', 'Analysts welcomed the order.', now - 2 * HOUR),
    entry('b1', 'Council approves budget', 'The council agreed spending on roads.', now - 3 * HOUR),
  ]);
  desk = await mountDesk(store);
  server = await listen(desk.app, { host: '127.0.0.1', port: 0 });
});

after(async () => {
  await browser?.close();
  if (server) await server.close();
  if (desk) await desk.stop();
  await feeds?.close();
  await store?.close();
});

describe('the sources and topics desk in chromium, JavaScript off', () => {
  it('adds a source through its preview', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const { page, violations } = await newPage();
    await page.goto(`${server.url}/desk/sources`);
    await page.getByLabel('Address of a feed, a site or a listing page').fill(`${feeds.url}/feed.xml`);
    await page.getByLabel('Address of a feed, a site or a listing page').press('Enter');
    await page.waitForSelector('[data-found="feed"]');
    assert.ok(await page.getByText('Tram line vote delayed').isVisible());
    await shot(page, 'desk-source-preview');
    await page.getByRole('button', { name: 'Add this source' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/desk\/sources\/\d+\?done=added$/);
    assert.match(await page.getByRole('status').innerText(), /^The source was added\./);
    assert.ok((await store.sources.list()).some((s) => s.url === `${feeds.url}/feed.xml`));
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('writes a topic, previews it, saves it and accepts a suggested name', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const { page, violations } = await newPage();
    await page.goto(`${server.url}/desk/topics/new`);
    const box = page.getByLabel(/Topic definition/);
    await box.fill('- id: acme\n  name: Acme\n  entities:\n    - name: Acme Robotics\n');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.waitForSelector('ol.desk-preview mark');
    assert.equal(await page.locator('ol.desk-preview mark').first().textContent(), 'Acme Robotics');
    await shot(page, 'desk-topic-preview');
    await page.getByRole('button', { name: 'Save and re-tag history' }).click();
    await page.waitForURL(/\/desk\/topics\/acme\?saved=1$/);
    await page.getByRole('button', { name: 'Add as alias: Roboacme' }).click();
    await page.waitForURL(/accepted=Roboacme/);
    assert.match((await page.getByLabel(/Topic definition/).inputValue()) ?? '', /Roboacme/);
    await shot(page, 'desk-topic-accepted');
    assert.deepEqual(violations, []);
    await page.close();
  });
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}
