// The desk end to end, as an editor drives it, by keyboard alone: the first administrator through
// the one-time set-up link, signing out and in, adding a source through its preview and fetching
// it, writing a topic (a syntax error first, then previews that follow an alias change), accepting
// a suggested name, pinning, hiding and re-titling teasers and seeing the public page follow, the
// audit log naming the admin, the desk in Arabic laid out right-to-left, and signing out. A real
// server over a real SQLite store with the topics runtime, a fixture feed on 127.0.0.1 and real
// Chromium. Every visited page must label its form controls, raise no CSP violation and open no
// dialog. Screenshots: test-output/screenshots/desk-flow-*.png. Skipped when chromium is absent.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { Auth, authOptions } from '../../src/auth/session.js';
import { createLogger } from '../../src/log/logger.js';
import { Registry } from '../../src/metrics/registry.js';
import { createHttpApp } from '../../src/server/app.js';
import { firstRunLink } from '../../src/server/first-run.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { startTopics, type TopicsRuntime } from '../../src/server/topics.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { launchChromium } from '../helpers/chromium.js';
import { feedRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { deskConfig } from '../desk/helpers.js';
import { ACCOUNT_MESSAGES } from '../../src/web/account/messages.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { DESK_MESSAGES } from '../../src/web/desk/messages.js';
import { SITE_MESSAGES } from '../../src/web/messages/site.js';
import { entry, HOUR } from '../web/helpers.js';

const OUT = join(process.cwd(), 'test-output', 'screenshots');
const ADMIN = 'Ada Admin';
const PASSWORD = 'a long admin password';

let browser: Browser | undefined;
let skipReason: string | undefined;
let server: RunningServer;
let feeds: FixtureServer;
let store: SqliteStore;
let topics: TopicsRuntime;
let auth: Auth;
let metrics: Registry;

const FEED = rssFeed('Harbour Gazette', [
  { guid: 'g1', title: 'Ferry timetable changes next week', link: 'https://gazette.example/1', description: 'Fewer sailings.' },
  { guid: 'g2', title: 'Lighthouse keeper retires after 40 years', link: 'https://gazette.example/2', description: 'A party.' },
]);

before(async () => {
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.startsWith('desk-flow-')) rmSync(join(OUT, f));
  const launched = await launchChromium();
  if ('skip' in launched) {
    skipReason = launched.skip;
    process.stderr.write(`SKIP desk flow browser test: ${skipReason}\n`);
    return;
  }
  browser = launched.browser;
  feeds = await startFixtureServer({ '/gazette.xml': feedRoute(FEED) });
  store = await SqliteStore.open({ path: join(mkdtempSync(join(tmpdir(), 'newsdesk-flow-')), 'db.sqlite') });
  // Stored stories from which the topics desk can suggest a name ("Roboacme" goes with Acme Robotics).
  const wire = (await store.sources.add({ url: 'https://wire.example/feed', title: 'Wire' })).source.id;
  // A source whose last check failed: the desk gives the reason in the editor's language.
  const gone = (await store.sources.add({ url: 'https://gone.example/feed', title: 'Gone Wire' })).source.id;
  await store.sources.update(gone, { status: 'failing', errorCount: 1, lastError: 'HTTP 404 from gone.example', lastErrorKey: 'http:404' });
  const now = Date.now();
  await store.entries.saveBatch(wire, [
    entry('a1', 'Acme Robotics unveils welding arm', 'Roboacme, as staff call the firm, showed the Kestrel Arm in Leeds.', now - HOUR),
    entry(
      'a2',
      'Roboacme shares rise after Acme Robotics order',
      'Analysts said the Kestrel Arm order lifts Acme Robotics.',
      now - 2 * HOUR,
    ),
    entry('a3', 'Acme Robotics hires engineers in Leeds', 'Roboacme plans to double staff by the spring.', now - 3 * HOUR),
    entry('a4', 'Acme Welders open a plant in Hull', 'The welding firm hires two hundred people.', now - 4 * HOUR),
    entry('b1', 'Leeds council approves budget', 'The council in Leeds agreed spending on roads.', now - 5 * HOUR),
    entry('b2', 'Leeds weather turns cold', 'Frost is expected in Leeds tonight.', now - 6 * HOUR),
    entry('b3', 'Harbour opens new berth', 'The port opened a berth on Monday.', now - 7 * HOUR),
  ]);
  // As `newsdesk serve` builds it (runtime.ts): the topics runtime beside the app, the store's audit log.
  const config = deskConfig();
  const log = createLogger('silent');
  metrics = new Registry();
  topics = await startTopics({ store, config, log });
  auth = new Auth(store, authOptions(config));
  server = await listen(createHttpApp({ store, config, log, metrics, topics, auth }), { host: '127.0.0.1', port: 0 });
});

after(async () => {
  await browser?.close();
  if (server) await server.close();
  await topics?.stop();
  await feeds?.close();
  await store?.close();
});

interface Watch {
  csp: string[];
  dialogs: string[];
}

/** Form controls without an accessible label: <label for>, a wrapping label, aria-label or aria-labelledby. */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      // Hidden inputs, and the `hidden` username a password form carries for password managers
      // (outside the accessibility tree); controls in a closed <details> are still checked.
      .filter((el) => !(el instanceof HTMLInputElement && (el.type === 'hidden' || el.hidden)))
      .filter((el) => {
        const labelled = (el as HTMLInputElement).labels;
        if (labelled && labelled.length > 0 && [...labelled].some((l) => l.textContent?.trim())) return false;
        if (el.getAttribute('aria-label')?.trim()) return false;
        const by = el.getAttribute('aria-labelledby');
        if (by?.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim())) return false;
        return true;
      })
      .map((el) => `${location.pathname}: <${el.tagName.toLowerCase()} name="${el.getAttribute('name') ?? ''}">`),
  );
}

let step = 0;
/** After each step: the labels on the page, no CSP violation or dialog so far, and a screenshot. */
async function checkpoint(page: Page, watch: Watch, name: string): Promise<void> {
  assert.deepEqual(await unlabelled(page), [], `unlabelled form controls at ${name}`);
  assert.deepEqual(watch.csp, [], `CSP violations by ${name}`);
  assert.deepEqual(watch.dialogs, [], `dialogs by ${name}`);
  // Nothing pushes the page wider than the window (long lines scroll inside their own box).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the window`);
  step++;
  await page.screenshot({ path: join(OUT, `desk-flow-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails when it never does. */
async function tabTo(page: Page, selector: string, back = false, limit = 250): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`${selector} is not reachable with ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Activates the focused control with `key` and waits for the page it leads to. */
async function activate(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

/** Tabs to a link or button and activates it with Enter. */
async function follow(page: Page, selector: string, back = false): Promise<void> {
  await tabTo(page, selector, back);
  await activate(page);
}

/** Replaces the focused field's text by typing. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/**
 * Pieces of the interface's English strings (two words or more, between placeholders) whose
 * Arabic differs: none may show up on a page asked for in Arabic.
 */
const ENGLISH_ONLY: string[] = [SITE_MESSAGES, DESK_MESSAGES, CURATION_MESSAGES, ACCOUNT_MESSAGES].flatMap((cat) =>
  Object.entries(cat.en as Record<string, string>).flatMap(([key, en]) =>
    (cat.ar as Record<string, string | undefined>)[key] === en
      ? []
      : en
          .split(/\{\w+\}/)
          .map((piece) => piece.replace(/^[\s,.:;()—-]+|[\s,.:;()—-]+$/g, ''))
          .filter((piece) => /^[A-Za-z]/.test(piece) && /\w+\s+\w+/.test(piece)),
  ),
);

/** English interface strings on the page: its text and the labels, placeholders and titles of its controls. */
async function englishLeft(page: Page): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const attrs = [...document.body.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((el) =>
      ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, ...attrs].join('\n');
  });
  return [...new Set(ENGLISH_ONLY.filter((piece) => shown.includes(piece)))];
}

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).first().innerText();

/** Titles of the teasers on the public start page, in order. */
function publicTitles(page: Page): Promise<string[]> {
  return page.locator('article.teaser h2').allInnerTexts();
}

const topicSource = (alias: string): string =>
  `- id: acme\n  name: Acme\n  entities:\n    - id: acme-robotics\n      name: Acme Robotics\n      aliases: [${alias}]\n`;

it('an editor runs the desk end to end by keyboard alone', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const context = await browser!.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-GB' });
  const watch: Watch = { csp: [], dialogs: [] };
  await context.exposeFunction('__reportCsp', (s: string) => void watch.csp.push(s));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp(s: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI} at ${e.documentURI}`);
    });
  });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) watch.csp.push(m.text());
  });

  // 1. First run: the one-time set-up link creates the administrator.
  const link = await firstRunLink(auth, store, server.url);
  assert.ok(link, 'no set-up link while the store has no user');
  await page.goto(link);
  assert.equal(await text(page, 'h1'), 'Set up Newsdesk');
  await tabTo(page, 'input[name="name"]');
  await page.keyboard.type(ADMIN);
  await tabTo(page, 'input[name="password"]');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await checkpoint(page, watch, 'setup');
  await activate(page);
  assert.equal(await text(page, 'h1'), 'Users');
  assert.equal(await text(page, 'header .who'), ADMIN);
  assert.equal((await store.accounts.findUser(ADMIN))?.role, 'admin');
  assert.equal(await firstRunLink(auth, store, server.url), undefined, 'a set-up link is still offered with an admin');
  await checkpoint(page, watch, 'users');

  // 2. Sign out, then sign in again through the login form.
  await tabTo(page, 'header .account button');
  await activate(page);
  assert.equal(await text(page, 'header .account a'), 'Sign in');
  await tabTo(page, 'header .account a[href="/login"]');
  await activate(page);
  assert.equal(await text(page, 'h1'), 'Sign in');
  await tabTo(page, '#login-name');
  await page.keyboard.type(ADMIN.toLowerCase());
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await checkpoint(page, watch, 'login');
  await activate(page);
  assert.equal(await text(page, 'header .who'), ADMIN);

  // 3. Add a source by its address: the preview shows what was found and the first teasers.
  await follow(page, 'header .account a[href="/desk"]');
  assert.equal(await text(page, 'h1'), 'Sources');
  await tabTo(page, '#add-url');
  await page.keyboard.type(`${feeds.url}/gazette.xml`);
  await activate(page);
  await page.waitForSelector('[data-found="feed"]');
  assert.match(await page.locator('main').innerText(), /Ferry timetable changes next week/);
  assert.match(await page.locator('main').innerText(), /Lighthouse keeper retires after 40 years/);
  assert.equal(await page.locator('#add-title').inputValue(), 'Harbour Gazette');
  await checkpoint(page, watch, 'source-preview');
  await tabTo(page, 'form[action="/desk/sources/add"] button[type="submit"]');
  await activate(page);
  assert.match(page.url(), /\/desk\/sources\/\d+/);
  const added = (await store.sources.list()).find((s) => s.url === `${feeds.url}/gazette.xml`);
  assert.ok(added, 'the source was not stored');
  await follow(page, 'nav.desk-nav a[href="/desk/sources"]', true);
  const healthRow = page.locator('table tr', { hasText: 'Harbour Gazette' });
  assert.equal(await healthRow.count(), 1, 'the source is not in the health table');
  assert.equal(await healthRow.locator('td').nth(1).innerText(), 'feed');
  assert.equal(
    // The "Problem" column (the sixth; "Never read in full" follows it).
    await page.locator('tr', { hasText: 'Gone Wire' }).locator('td').nth(5).innerText(),
    'The server answered with HTTP status 404.',
  );
  await checkpoint(page, watch, 'sources-health');
  await follow(page, `table.desk-sources a[href="/desk/sources/${added.id}"]`);
  const hitsBefore = feeds.hits('/gazette.xml');
  await tabTo(page, `form[action="/desk/sources/${added.id}/fetch"] button`);
  await activate(page);
  assert.ok(feeds.hits('/gazette.xml') > hitsBefore, 'fetch now did not fetch the feed');
  assert.match(await page.locator('main').innerText(), /2 new/, 'the page does not say what the fetch brought');
  await checkpoint(page, watch, 'source-fetched');

  // 4. A topic: a syntax error shown at its line, then a valid topic whose preview follows its alias.
  await follow(page, 'nav.desk-nav a[href="/desk/topics"]');
  await follow(page, 'a[href="/desk/topics/new"]');
  await tabTo(page, '#topic-source');
  await retype(page, `${topicSource('Acme Welders')}  query: '@acme-robotics AND ('\n`);
  await tabTo(page, 'button[value="preview"]');
  await activate(page);
  const placed = page.locator('[data-line]').first();
  assert.equal(await placed.getAttribute('data-line'), '7', 'the error is not placed on the query line');
  assert.ok(await page.locator('#src-line-7.desk-error-line').isVisible(), 'the faulty line is not shown');
  await checkpoint(page, watch, 'topic-error');
  await tabTo(page, '#topic-source');
  await retype(page, topicSource('Acme Welders'));
  await tabTo(page, 'button[value="preview"]');
  await activate(page);
  const marks = (): Promise<string[]> => page.locator('ol.desk-preview mark').allInnerTexts();
  assert.ok((await marks()).includes('Acme Robotics'));
  assert.ok((await marks()).includes('Acme Welders'), 'the alias is not highlighted');
  assert.match(await text(page, '#prev-h'), /4 of/);
  await checkpoint(page, watch, 'topic-preview');
  await tabTo(page, '#topic-source');
  await retype(page, topicSource('Kestrel Arm'));
  await tabTo(page, 'button[value="preview"]');
  await activate(page);
  assert.ok(!(await marks()).includes('Acme Welders'), 'the old alias is still highlighted');
  assert.ok((await marks()).includes('Kestrel Arm'), 'the new alias is not highlighted');
  assert.match(await text(page, '#prev-h'), /3 of/);
  await checkpoint(page, watch, 'topic-preview-changed');
  await tabTo(page, 'button[value="save"]');
  await activate(page);
  assert.match(page.url(), /\/desk\/topics\/acme\?saved=1$/);
  assert.ok(
    topics.registry.topics.some((x) => x.id === 'acme'),
    'the saved topic is not applied',
  );

  // 5. Accept the suggested name.
  await tabTo(page, 'button[aria-label$=": Roboacme"]');
  await activate(page);
  assert.match(page.url(), /accepted=Roboacme/);
  assert.match(await page.locator('#topic-source').inputValue(), /Roboacme/);
  assert.match((await store.desk.getTopic('acme'))?.source ?? '', /Roboacme/);
  await checkpoint(page, watch, 'topic-accepted');

  // 6. Curation: pin, hide and re-title teasers; the public start page follows.
  const pinned = 'Harbour opens new berth';
  const hidden = 'Leeds weather turns cold';
  const retitled = 'Leeds council approves budget';
  const headline = 'Council backs road spending';
  await follow(page, 'a.brand', true);
  assert.notEqual((await publicTitles(page))[0], pinned);
  assert.ok((await publicTitles(page)).includes(hidden));
  await follow(page, 'header .account a[href="/desk"]');
  await follow(page, 'nav.desk-nav a[href="/desk/curation"]');
  await tabTo(page, `button[aria-label="Pin: ${pinned}"]`);
  await activate(page);
  assert.equal(await page.locator('li.curation-row', { hasText: pinned }).locator('.mark-pinned').innerText(), 'Pinned');
  await tabTo(page, `button[aria-label="Hide: ${hidden}"]`);
  await activate(page);
  // The page opens at the row just hidden, below the one to edit: back up with Shift+Tab.
  await tabTo(page, `a[aria-label="Edit headline and excerpt: ${retitled}"]`, true);
  await activate(page);
  await tabTo(page, '#headline');
  await page.keyboard.type(headline);
  await checkpoint(page, watch, 'curation-edit');
  await activate(page);
  const editedRow = page.locator('li.curation-row', { hasText: headline });
  assert.match(await editedRow.locator('.original').innerText(), new RegExp(retitled), 'the desk does not show the original');
  await checkpoint(page, watch, 'curation');
  // Back to the public site by keyboard, through the brand link.
  await tabTo(page, 'a.brand', true);
  await activate(page);
  const titles = await publicTitles(page);
  assert.equal(titles[0], pinned, 'the pinned teaser is not first');
  assert.ok(!titles.includes(hidden), 'the hidden teaser is still public');
  assert.ok(titles.includes(headline), 'the new headline is not public');
  assert.ok(!titles.includes(retitled), 'the old headline is still public');
  await checkpoint(page, watch, 'public');

  // 7. The audit log lists these changes under the admin's name.
  await follow(page, 'header .account a[href="/desk"]');
  await follow(page, 'nav.desk-nav a[href="/desk/audit"]');
  const rows = await page.locator('table.audit tbody tr').allInnerTexts();
  for (const action of ['source.add', 'topic.save', 'topic.accept-name', 'teaser.pin', 'teaser.hide', 'teaser.edit']) {
    const row = rows.find((r) => r.includes(action));
    assert.ok(row, `${action} is not in the audit log`);
    assert.match(row, new RegExp(ADMIN), `${action} is not under the admin's name`);
  }
  await checkpoint(page, watch, 'audit');

  // 8. The interface in Arabic: the desk right-to-left.
  await follow(page, 'nav.desk-nav a[href="/desk/account"]');
  await tabTo(page, '#lang');
  for (let i = 0; i < 6 && (await page.locator('#lang').inputValue()) !== 'ar'; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#lang').inputValue(), 'ar', 'Arabic cannot be chosen with the arrow keys');
  await tabTo(page, 'form[action="/desk/account/lang"] button');
  await activate(page);
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
  await checkpoint(page, watch, 'account-ar');
  await follow(page, 'nav.desk-nav a[href="/desk/curation"]', true);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.desk')!).direction), 'rtl');
  const nav = await page.evaluate(() => [...document.querySelectorAll('nav.desk-nav a')].map((a) => a.getBoundingClientRect().left));
  assert.ok(nav.length > 2 && nav[0]! > nav[1]!, 'the desk navigation does not run right to left');
  assert.doesNotMatch(await page.locator('nav.desk-nav').innerText(), /[A-Za-z]{3,}/, 'an untranslated string in the desk navigation');
  await checkpoint(page, watch, 'curation-ar');

  // Every desk page in Arabic: no interface string left in English (data — titles, names, codes —
  // aside). A sweep of checks rather than the editor's path, so it opens the pages by address.
  for (const path of [
    '/desk/sources',
    `/desk/sources/${added.id}`,
    '/desk/topics',
    '/desk/topics/acme',
    '/desk/curation/stories',
    '/desk/audit',
    '/desk/users',
    '/desk/account',
  ]) {
    await page.goto(`${server.url}${path}`);
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl', path);
    assert.deepEqual(await englishLeft(page), [], `English interface text on ${path} in Arabic`);
    assert.deepEqual(await unlabelled(page), [], `unlabelled form controls on ${path} in Arabic`);
  }
  await page.goto(`${server.url}/desk/topics/acme`);
  const story = page.locator('ol.desk-preview a').first();
  assert.equal(await story.evaluate((el) => getComputedStyle(el).direction), 'ltr', 'an English story runs right to left');
  assert.equal(await page.locator('ol.desk-preview').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  assert.equal(
    await page.locator('#topic-source').evaluate((el) => getComputedStyle(el).direction),
    'ltr',
    'the YAML of a topic is laid out right to left',
  );
  await checkpoint(page, watch, 'topic-ar');
  await page.goto(`${server.url}/desk/sources`);
  assert.equal(
    // The "Problem" column (the sixth; "Never read in full" follows it).
    await page.locator('tr', { hasText: 'Gone Wire' }).locator('td').nth(5).innerText(),
    SITE_MESSAGES.ar['failure.http']!.replace('{code}', '404'),
    'the failure reason is not in Arabic',
  );
  await checkpoint(page, watch, 'sources-ar');

  // 9. Sign out; the desk then asks to sign in.
  await tabTo(page, 'header .account button');
  await activate(page);
  await page.goto(`${server.url}/desk`);
  assert.match(page.url(), /\/login\?next=%2Fdesk/);
  await checkpoint(page, watch, 'signed-out');
  await context.close();
  // Reports the browser posted to the report endpoint (report-uri) are counted by directive.
  assert.doesNotMatch(await metrics.render(), /^newsdesk_csp_reports_total\{[^}]*\} [1-9]/m, 'CSP violations were reported');
});
