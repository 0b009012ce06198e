// The afternoon's desk pages walked as an editor walks them, in a real chromium against a real
// server on 127.0.0.1: the sources overview's never-read column, the list of stories never read in
// full (its source filter, its pages, a row's "Read full text" and a source's "Read N of them in
// full", each leading back to where it was pressed with its notice, the back link), and the desk
// settings (country names in story grouping, "Re-group stored stories now"). In English with
// JavaScript off and on, in Arabic with it off and in Persian with it on. The store holds hostile
// text an outlet could send: a source titled and a headline written as an <img onerror>, a
// `javascript:` link, and unclosed right-to-left overrides (U+202E) in a source's title, a
// headline and the name of whoever last saved the settings. Every page visited must label its
// controls, raise no CSP violation, script error, dialog or failed request, run no markup from
// the data, carry no javascript: link, leave no override open past the text that opened it, and
// be laid out right to left in Arabic and Persian with the interface's digits. Skipped with the
// reason when chromium cannot start. Screenshots: test-output/screenshots/never-read-journey-*.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { Source } from '../../src/domain/source.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { launchChromium } from '../helpers/chromium.js';
import { openOverrides } from '../helpers/open-overrides.js';
import { newEntry, textEntry } from '../helpers/entries.js';
import { mountDesk, type TestDesk } from '../desk/helpers.js';

const OUT = join(process.cwd(), 'test-output', 'screenshots');
const HOSTILE = '<img src=x onerror=alert(1)>';
const RLO = '\u202e';
const AT = Date.UTC(2026, 11, 1);

let browser: Browser | undefined;
let skipReason: string | undefined;
let server: RunningServer;
let store: SqliteStore;
let desk: TestDesk;
let hostile: Source;
let rlo: Source;
let rloEntry: number;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  const launched = await launchChromium();
  if ('skip' in launched) {
    skipReason = launched.skip;
    process.stderr.write(`SKIP never-read journey browser test: ${skipReason}\n`);
    return;
  }
  browser = launched.browser;
  store = await SqliteStore.open({ path: ':memory:' });
  hostile = (await store.sources.add({ url: 'https://hostile.example/feed.xml', title: HOSTILE, extractMode: 'short' })).source;
  rlo = (await store.sources.add({ url: 'https://user:secret@rlo.example/feed.xml', title: `Wire ${RLO}gnp.exe`, extractMode: 'always' }))
    .source;
  // 55 never-read stories of the hostile source: two pages. The oldest has an override left open.
  const items = [newEntry(`Mayor ${RLO}sgnirb pleh`, 'Short.', AT)];
  for (let i = 1; i < 55; i++) items.push(newEntry(i % 10 === 0 ? `${HOSTILE} ${i}` : `Harbour story ${i}`, 'Short.', AT + i * 60_000));
  rloEntry = (await store.entries.saveBatch(hostile.id, items)).inserted[0]!.id;
  await store.entries.saveBatch(rlo.id, [
    textEntry({ dedupeKey: 'js', fingerprint: 'js', url: 'javascript:alert(2)' }, 'Script link story', 'Short.', AT + 3_600_000),
    textEntry(
      { dedupeKey: 'ar', fingerprint: 'ar', url: 'https://rlo.example/ar' },
      'خبر عاجل <b>عن</b> الميناء',
      'قصير.',
      AT + 3_600_001,
      {
        lang: 'ar',
        dir: 'rtl',
      },
    ),
  ]);
  // Whoever saved the settings last, with an override in their name.
  await store.desk.setDeskSettings({ clusterPlaces: false }, `Mallory ${RLO}rotide`);
  desk = await mountDesk(store);
  server = await listen(desk.app, { host: '127.0.0.1', port: 0 });
});

after(async () => {
  await browser?.close();
  if (server) await server.close();
  await desk?.stop();
  await store?.close();
});

interface Watch {
  problems: string[];
}

async function open(locale: string, js: boolean): Promise<{ page: Page; watch: Watch }> {
  const page = await browser!.newPage({ javaScriptEnabled: js, locale, viewport: { width: 1100, height: 900 } });
  const watch: Watch = { problems: [] };
  const tag = `[${locale}, JavaScript ${js ? 'on' : 'off'}]`;
  page.on('console', (m) => {
    if (m.location().url.includes('source=999')) return;
    if (m.type() === 'error' || m.type() === 'warning' || /Content Security Policy/i.test(m.text()))
      watch.problems.push(`${tag} console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.problems.push(`${tag} script error: ${e.message}`));
  page.on('dialog', (d) => {
    watch.problems.push(`${tag} dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('requestfailed', (r) => watch.problems.push(`${tag} failed request ${r.url()}`));
  page.on('response', (r) => {
    // The one 4xx the journey asks for is the unknown source's page.
    if (r.status() >= 400 && !r.url().includes('source=999')) watch.problems.push(`${tag} ${r.status()} ${r.url()}`);
  });
  return { page, watch };
}

/** Form controls without an accessible name from a label, aria-label or aria-labelledby. */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => !(el instanceof HTMLInputElement && (el.type === 'hidden' || el.hidden)))
      .filter((el) => {
        const labels = (el as HTMLInputElement).labels;
        if (labels && [...labels].some((l) => l.textContent?.trim())) return false;
        if (el.getAttribute('aria-label')?.trim()) return false;
        const by = el.getAttribute('aria-labelledby');
        return !by?.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim());
      })
      .map((el) => `<${el.tagName.toLowerCase()} name="${el.getAttribute('name') ?? ''}">`),
  );
}

let shots = 0;
/** After each step: labels, nothing hostile run or linked, no override left open, direction, watch empty, a screenshot. */
async function checkpoint(page: Page, watch: Watch, name: string, dir: 'ltr' | 'rtl'): Promise<void> {
  assert.deepEqual(await unlabelled(page), [], `${name}: unlabelled controls`);
  const dom = await page.evaluate(() => ({
    dir: document.documentElement.dir,
    imgs: document.querySelectorAll('img').length,
    js: [...document.querySelectorAll('[href],[action],[src]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('action') ?? el.getAttribute('src') ?? '')
      .filter((u) => /^\s*javascript:/i.test(u)),
    handlers: [...document.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((a) => a.startsWith('on'))),
    secret: document.documentElement.outerHTML.includes('secret@'),
  }));
  assert.deepEqual(dom, { dir, imgs: 0, js: [], handlers: [], secret: false }, name);
  assert.deepEqual(await openOverrides(page), [], `${name}: overrides left open`);
  assert.deepEqual(watch.problems, [], name);
  // Focus is visible on whatever the keyboard reaches first in the page's main content.
  await page.locator('main a, main button').first().focus();
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  assert.equal(outline, 'solid', `${name}: focus outline`);
  await page.screenshot({ path: join(OUT, `never-read-journey-${String(++shots).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** Clicks what `selector` finds and waits for the page it leads to. */
async function go(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

const path = (page: Page): string => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};
const rows = (page: Page): Promise<number> => page.locator('ol.never-read > li').count();
const status = (page: Page): Promise<string> => page.locator('main [role="status"]').innerText();

/** Whether `word` of the element's text is laid out in reading order (first letter before last in the line's direction). */
function readsForward(page: Page, selector: string, word: string, dir: 'ltr' | 'rtl'): Promise<boolean> {
  return page.locator(selector).evaluate(
    (el, [w, d]) => {
      const node = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.includes(w!));
      if (!node) throw new Error(`no "${w}" in ${el.textContent}`);
      const at = node.textContent!.indexOf(w!);
      const box = (i: number): DOMRect => {
        const r = document.createRange();
        r.setStart(node, i);
        r.setEnd(node, i + 1);
        return r.getBoundingClientRect();
      };
      const [first, last] = [box(at), box(at + w!.length - 1)];
      return d === 'ltr' ? first.left < last.left : first.left > last.left;
    },
    [word, dir] as const,
  );
}

it('the never-read list and its presses, in English with JavaScript off', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const { page, watch } = await open('en-GB', false);
  await page.goto(`${server.url}/desk/sources`);
  // The column: the hostile source's count, linked, its label naming the source as text.
  const cell = page.locator(`tr[data-source="${hostile.id}"] td[data-never-read] a`);
  assert.equal(await cell.innerText(), '55');
  assert.equal(await cell.getAttribute('aria-label'), `Never read in full from \u2068${HOSTILE}\u2069: 55; list them`);
  assert.equal(
    await page.locator(`tr[data-source="${rlo.id}"] td[data-never-read] a`).getAttribute('aria-label'),
    `Never read in full from \u2068Wire ${RLO}gnp.exe\u202c\u2069: 1; list them`,
  );
  await checkpoint(page, watch, 'sources', 'ltr');

  await go(page, `tr[data-source="${hostile.id}"] td[data-never-read] a`);
  assert.equal(path(page), `/desk/sources/never-read?source=${hostile.id}`);
  assert.equal(await page.locator('#nr-source').inputValue(), String(hostile.id));
  assert.equal(await rows(page), 50);
  // The hostile headlines are text.
  assert.equal(await page.getByRole('link', { name: `${HOSTILE} 50` }).count(), 1);
  await checkpoint(page, watch, 'list-filtered', 'ltr');

  // The second page keeps the filter, and its way back to the newest does too.
  await go(page, 'a[rel="next"]');
  assert.match(path(page), new RegExp(`^/desk/sources/never-read\\?source=${hostile.id}&older=\\d+$`));
  assert.equal(await rows(page), 5);
  assert.equal(await page.getByRole('link', { name: 'Newest' }).getAttribute('href'), `/desk/sources/never-read?source=${hostile.id}`);
  const pageTwo = path(page);

  // A row's press leads back to this page of this filter, saying what it did; the row is gone.
  await go(page, `#e${rloEntry} button`);
  assert.equal(path(page), `/desk/sources/never-read?done=read&entry=${rloEntry}&${pageTwo.split('?')[1]}`);
  assert.match(await status(page), /^Read queued: the full text of “Mayor .*sgnirb pleh.*” will be read in the background\./);
  // The headline's override ends with the headline: the rest of the notice reads left to right.
  assert.ok(await readsForward(page, 'main [role="status"]', 'background', 'ltr'), 'the notice after the headline is reversed');
  assert.equal(await page.locator(`#e${rloEntry}`).count(), 0);
  assert.equal(await rows(page), 4);
  await checkpoint(page, watch, 'row-pressed', 'ltr');

  // A row gone stale while the page was open (a worker read it meanwhile): its press leads back here too,
  // saying nothing was queued, rather than to a bare refusal with no way back.
  const stale = Number(await page.locator('ol.never-read > li').first().getAttribute('data-entry'));
  await store.entries.setFullText(stale, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
  await go(page, `#e${stale} button`);
  assert.equal(path(page), `/desk/sources/never-read?done=read-gone&entry=${stale}&${pageTwo.split('?')[1]}`);
  assert.match(await status(page), /^Nothing was queued: “Harbour story \d+” no longer waits for a read in full/);
  assert.equal(await rows(page), 3);

  // The source's own press on its list: back to the list's first page of that source, with its notice.
  assert.equal(await page.locator('form[action$="/read-unread"] button').innerText(), 'Read 53 of them in full');
  await go(page, 'form[action$="/read-unread"] button');
  assert.equal(path(page), `/desk/sources/never-read?source=${hostile.id}&done=unread&n=53&left=0`);
  assert.match(await status(page), /^Reads in full queued: 53; each story shows/);
  assert.equal(await rows(page), 0);
  await checkpoint(page, watch, 'source-pressed', 'ltr');

  // The back link leads where it says.
  assert.equal(await page.getByRole('link', { name: 'Back to the sources' }).getAttribute('href'), '/desk/sources');
  await go(page, 'main a:text-is("Back to the sources")');
  assert.equal(path(page), '/desk/sources');

  // The whole list: the Arabic headline in its own direction; the javascript: story is not offered.
  await go(page, 'a[href="/desk/sources/never-read"]');
  assert.equal(await rows(page), 1);
  assert.equal(await page.locator('ol.never-read h3').getAttribute('dir'), 'rtl');
  assert.equal(await page.getByText('Script link story').count(), 0);
  // The filter, chosen and applied with the keyboard's form submission.
  await page.locator('#nr-source').selectOption(String(rlo.id));
  await go(page, 'form[action="/desk/sources/never-read"] button');
  assert.equal(path(page), `/desk/sources/never-read?source=${rlo.id}`);
  assert.equal(await page.locator('p.filter').innerText(), `Only the stories of \u2068Wire ${RLO}gnp.exe\u202c\u2069.`);
  // Each option is plain text: the name isolated and its override closed before the count.
  assert.deepEqual(await page.locator('#nr-source option').allInnerTexts(), [
    'All sources (1)',
    `\u2068Wire ${RLO}gnp.exe\u202c\u2069 (1)`,
  ]);
  await checkpoint(page, watch, 'list-rlo-source', 'ltr');

  // Its press for its one story: a notice whose English needs no plural.
  assert.equal(await page.locator('form[action$="/read-unread"] button').innerText(), 'Read 1 of them in full');
  await go(page, 'form[action$="/read-unread"] button');
  assert.equal(path(page), `/desk/sources/never-read?source=${rlo.id}&done=unread&n=1&left=0`);
  assert.equal(await status(page), 'Reads in full queued: 1; each story shows its full text, or why not, once read.');

  // An unknown source: a 404 that says so and leads back to the whole list.
  await page.goto(`${server.url}/desk/sources/never-read?source=999`);
  assert.match(await page.getByRole('alert').innerText(), /There is no such source/);
  await go(page, 'main a[href="/desk/sources/never-read"]');
  assert.equal(path(page), '/desk/sources/never-read');
  await page.close();
});

it('the settings and the re-grouping press, in English with JavaScript on', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const { page, watch } = await open('en-GB', true);
  await page.goto(`${server.url}/desk/settings`);
  assert.match(
    await page.locator('main p.note').filter({ hasText: 'Last saved' }).innerText(),
    /^Last saved by \u2068Mallory \u202erotide\u202c\u2069 on /,
  );
  await checkpoint(page, watch, 'settings', 'ltr');
  await page.getByLabel('Compare country names across scripts').check();
  await go(page, 'form[action="/desk/settings"] button');
  assert.equal(path(page), '/desk/settings?saved=1');
  assert.equal(await status(page), 'Settings saved.');
  assert.ok(await page.getByLabel('Compare country names across scripts').isChecked());
  assert.equal((await store.desk.deskSettings()).clusterPlaces, true);
  await go(page, 'form[action="/desk/settings/regroup"] button');
  assert.equal(path(page), '/desk/settings?regroup=queued');
  assert.match(await status(page), /^Re-grouping queued/);
  await go(page, 'form[action="/desk/settings/regroup"] button');
  assert.equal(path(page), '/desk/settings?regroup=pending');
  assert.match(await status(page), /^A re-grouping is already queued/);
  await checkpoint(page, watch, 'settings-regroup', 'ltr');
  await page.close();
});

it('the list and the settings right to left: Arabic with JavaScript off, Persian with it on', async (t) => {
  if (skipReason) return t.skip(skipReason);
  // A source of its own, whatever the tests before pressed: two never-read stories in each language's turn.
  const quay = (await store.sources.add({ url: 'https://quay.example/feed.xml', title: `Quay ${RLO}sraeb`, extractMode: 'always' })).source;
  const words = {
    ar: { queued: 'القراءة مُدرجة', digits: /^[^(]+\(\d+\)$/ },
    fa: { queued: 'خواندن در صف است', digits: /^[^(]+\([۰-۹]+\)$/ },
  };
  for (const [locale, js] of [
    ['ar', false],
    ['fa', true],
  ] as const) {
    await store.entries.saveBatch(quay.id, [
      newEntry(`${HOSTILE} ${locale}`, 'Short.', AT + 7_200_000),
      newEntry(`Quay ${RLO}etov ${locale}`, 'Short.', AT + 7_200_001),
    ]);
    const [one, two] = locale === 'fa' ? ['۱', '۲'] : ['1', '2'];
    const { page, watch } = await open(locale, js);
    await page.goto(`${server.url}/desk/sources`);
    assert.equal(await page.locator(`tr[data-source="${quay.id}"] td[data-never-read] a`).innerText(), two);
    await checkpoint(page, watch, `${locale}-sources`, 'rtl');
    await go(page, `tr[data-source="${quay.id}"] td[data-never-read] a`);
    assert.equal(path(page), `/desk/sources/never-read?source=${quay.id}`);
    assert.equal(await rows(page), 2);
    const options = await page.locator('#nr-source option').allInnerTexts();
    assert.match(options[0]!, words[locale].digits);
    assert.ok(options.includes(`\u2068Quay ${RLO}sraeb\u202c\u2069 (${two})`), options.join(' | '));
    await checkpoint(page, watch, `${locale}-list`, 'rtl');
    // A row's press (the newest: the one with the override): back here with the notice in the interface's language.
    const id = await page.locator('ol.never-read > li').first().getAttribute('data-entry');
    await go(page, `#e${id} button`);
    assert.equal(path(page), `/desk/sources/never-read?done=read&entry=${id}&source=${quay.id}`);
    assert.equal(await rows(page), 1);
    const said = await status(page);
    assert.ok(said.startsWith(words[locale].queued) && said.includes(`Quay ${RLO}etov ${locale}`), said);
    // The source's press names the one story left in the interface's digits.
    assert.match(await page.locator('form[action$="/read-unread"] button').innerText(), new RegExp(`(^|\\s)${one}\\s`));
    await checkpoint(page, watch, `${locale}-row-pressed`, 'rtl');
    await go(page, 'form[action$="/read-unread"] button');
    assert.equal(path(page), `/desk/sources/never-read?source=${quay.id}&done=unread&n=1&left=0`);
    assert.equal(await rows(page), 0);
    await page.goto(`${server.url}/desk/settings`);
    await checkpoint(page, watch, `${locale}-settings`, 'rtl');
    // Curation's list shares the rows' press and its notice: its labels close a headline's override too.
    await page.goto(`${server.url}/desk/curation`);
    assert.ok((await page.locator('main').innerText()).includes(`Quay ${RLO}etov ${locale}`));
    await checkpoint(page, watch, `${locale}-curation`, 'rtl');
    await page.close();
  }
});
