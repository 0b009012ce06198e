// What was seen wrong on a phone-wide screen and in a right-to-left line (u-eyes, 2026-12-07),
// in Debian's chromium through playwright-core: the audit log's "After" column squeezed to one
// character a line at 390 px, a long address in an excerpt widening the page to 1490 px, and the Arabic and Persian search help showing "*word" and "word-"
// for the operators "word*" and "-word" (and the Arabic line breaking between "-" and "word").
// Screenshots go to test-output/screenshots/. Skipped with the reason when chromium cannot start.
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
import { BASE_TIME, entry, makeApp, populatedStore } from '../web/helpers.js';

const OUT = join(process.cwd(), 'test-output', 'screenshots');

let browser: Browser | undefined;
let skipReason: string | undefined;
let server: RunningServer;
let store: SqliteStore;
let viewer: Viewer | undefined;

async function open(path: string, locale: string, width: number): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width, height: 900 }, locale });
  await page.goto(`${server.url}${path}`);
  return page;
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
  await store.curation.record({
    actorId: null,
    actorName: 'set-up link',
    action: 'user.add',
    target: 'user:1',
    before: null,
    after: { name: 'Nadia Editor', role: 'admin', lang: 'fa' },
  });
  // A story whose excerpt carries a long address and an unbroken word, as pasted feeds do.
  const wire = (await store.sources.list())[0]!.id;
  await store.entries.saveBatch(wire, [
    entry(
      'long',
      'Ministry publishes the list',
      `The list is at https://ministry.example/${'documents/'.repeat(12)}list.pdf and reads ${'Mojahedin'.repeat(8)} in full.`,
      BASE_TIME - 60_000,
    ),
  ]);
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

describe('a reader’s eyes', () => {
  it('on a phone, the audit log’s values stay readable and each filter stays beside its label', async (t) => {
    if (skipReason) return t.skip(skipReason);
    viewer = editor({ role: 'admin' });
    for (const locale of ['en-GB', 'ar']) {
      const page = await open('/desk/audit', locale, 390);
      const pre = page.locator('table.audit pre').last();
      const box = (await pre.boundingBox())!;
      assert.ok(box.width >= 150, `${locale}: the "After" value is ${box.width}px wide`);
      // Each control starts on the line below its label's words, never on another row of the form.
      for (const id of ['audit-actor', 'audit-action', 'audit-target', 'audit-from', 'audit-to']) {
        const same = await page.evaluate((id) => document.getElementById(id)!.closest('label') !== null, id);
        assert.ok(same, `${locale}: #${id} is inside its label`);
      }
      await page.screenshot({ path: join(OUT, `reader-eyes-audit-${locale}-390.png`), fullPage: true });
      await page.close();
    }
    viewer = undefined;
  });

  it('in Arabic and Persian interfaces the search help shows "word*" and "-word" the way they are typed', async (t) => {
    if (skipReason) return t.skip(skipReason);
    for (const locale of ['fa', 'ar']) {
      const page = await open('/search?q=zzzz', locale, 1100);
      // Where the characters land on screen: the star right of the word, the minus left of it and
      // on the same line (the Arabic line broke between "-" and "word").
      const at = await page.evaluate(() => {
        const node = document.getElementById('search-help')!.firstChild as Text;
        const text = node.data;
        const box = (i: number): { x: number; y: number } => {
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          const b = r.getBoundingClientRect();
          return { x: b.left, y: b.top };
        };
        const star = text.indexOf('word*');
        const minus = text.search(/-\u2060?word/);
        return { word: box(star), star: box(star + 4), minus: box(minus), word2: box(text.indexOf('word', minus)) };
      });
      const seen = `${locale}: ${JSON.stringify(at)}`;
      assert.ok(at.star.x > at.word.x && at.star.y === at.word.y, `"*" is drawn right of "word": ${seen}`);
      assert.ok(at.minus.x < at.word2.x && at.minus.y === at.word2.y, `"-" is drawn left of "word", on its line: ${seen}`);
      await page.screenshot({ path: join(OUT, `reader-eyes-search-help-${locale}.png`) });
      await page.close();
    }
  });

  it('on a phone, a long address or unbroken word in an excerpt wraps instead of widening the page', async (t) => {
    if (skipReason) return t.skip(skipReason);
    for (const locale of ['en-GB', 'fa']) {
      const page = await open('/', locale, 390);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `${locale}: the page is ${wide}px wide on a 390px screen`);
      await page.close();
    }
  });
});
