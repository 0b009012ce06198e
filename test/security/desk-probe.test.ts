// Stored XSS at the desk, in Chromium. The hostile feeds are ingested through the real pipeline
// and hostile values are stored through the desk's own forms (desk-site.ts); an admin's session
// (signed in through /login) is handed to Chromium, which then opens every desk page that shows
// stored data — the sources health table with a failing source whose reason holds markup, every
// source's settings page, an add preview of a hostile feed, the topics list, a hostile topic's
// editor and its preview, the curation list, edit forms and story pages, the audit log (before
// and after holding hostile values), users, and the account page with a hostile token name and
// the token's one-time display — then every desk address those pages link to, then the public
// article and story pages carrying an editor's hostile headline. alert/confirm/prompt/print/eval/
// Function are hooked before any script, dialogs watched, inline handlers provoked, odd links
// clicked, every request outside the site recorded and CSP violations listened for.
// Asserted: nothing ran, no desk page asked for anything outside the site, no violation came
// from our own code, and a violation a browser reports from a desk page is counted in /metrics.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import {
  drain,
  drainUntil,
  injectFn,
  installHooks,
  linksFn,
  oddFn,
  ours,
  PROBE_CHROMIUM_ARGS,
  provokeFn,
  type Violation,
} from './page-hooks.js';
import { HOSTILE_SHORT, startDeskSite, type DeskSite } from './desk-site.js';

const MAX_LOADS = 250;

let browser: Browser | undefined;
let skip: string | undefined;
let site: DeskSite;

before(async () => {
  const launched = await launchChromium(PROBE_CHROMIUM_ARGS);
  if ('skip' in launched) {
    skip = launched.skip;
    return;
  }
  browser = launched.browser;
  site = await startDeskSite(4);
});

after(async () => {
  await browser?.close();
  await site?.close();
});

async function newContext(): Promise<BrowserContext> {
  const ctx = await browser!.newContext({ viewport: { width: 1100, height: 900 } });
  await installHooks(ctx);
  // The admin's session, as the sign-in through /login set it.
  await ctx.addCookies([...site.admin.cookies].map(([name, value]) => ({ name, value, url: site.url })));
  return ctx;
}

const reportsCounted = async (): Promise<number> =>
  [...(await (await fetch(`${site.url}/metrics`)).text()).matchAll(/newsdesk_csp_reports_total\{[^}]*\} (\d+)/g)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );

it('hostile stored values at the desk: no script runs, no desk page reaches outside the site, no CSP violation from our code', {
  timeout: 600_000,
}, async (t) => {
  if (skip) return t.skip(skip);
  const origin = site.url;
  const ctx = await newContext();
  const pg = await ctx.newPage();
  const fired: string[] = [];
  const violations: Violation[] = [];
  const foreign: string[] = [];
  let where = 'desk';
  /** Addresses of the links clicked on purpose below, without their fragments (a request's URL has none). */
  const clickedTargets = new Set<string>();
  ctx.on('request', (r) => {
    const u = r.url();
    // Following an outlet's link on purpose (the clicks below) is a navigation, not a request the page made.
    // It is told by its address, not by timing: under load the navigation can start after the click returns.
    if (r.isNavigationRequest() && clickedTargets.has(u)) return;
    if (!u.startsWith(`${origin}/`) && !/^(data|about|blob):/.test(u)) foreign.push(`${where}: ${u.slice(0, 120)} from ${pg.url()}`);
  });
  pg.on('dialog', (d) => {
    fired.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  const collect = async (label: string): Promise<void> => {
    const got = await drain(pg);
    fired.push(...got.fired.map((f) => `${f} on ${label}`));
    violations.push(...got.violations);
  };

  // Controls: the hooks see a script that runs (a page without our CSP) ...
  site.feeds.route('/control', {
    headers: { 'content-type': 'text/html' },
    body: '<!doctype html><p>control</p><img src="/missing.png" onerror="alert(\'control\')">',
  });
  await pg.goto(`${site.feeds.url}/control`, { waitUntil: 'load' });
  const seenRun = await drainUntil(pg, (got) => [...got.fired, ...fired].some((f) => f.includes('control')));
  assert.ok(
    [...seenRun.fired, ...fired.splice(0)].some((f) => f.includes('control')),
    'the hooks record a script that runs',
  );
  foreign.splice(0);
  // ... and on a desk page, an injected inline handler is blocked, seen by the listener, and the
  // browser's report reaches /csp-report and is counted.
  const countedBefore = await reportsCounted();
  const first = await pg.goto(`${origin}/desk/sources`, { waitUntil: 'load' });
  assert.equal(first?.status(), 200, 'the session opens the desk');
  assert.ok((await pg.content()).includes('Ada Admin'), 'signed in as the admin');
  await pg.evaluate(injectFn);
  const control = await drainUntil(pg, (got) => got.violations.length > 0);
  assert.deepEqual(control.fired, [], 'our CSP blocks an injected inline handler on a desk page');
  assert.ok(control.violations.length > 0, 'and the violation listener sees it');
  const until = Date.now() + 5000;
  while ((await reportsCounted()) === countedBefore && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  assert.ok((await reportsCounted()) > countedBefore, "the browser's report from a desk page was counted in /metrics");

  const sources = await site.store.sources.list();
  const queue = [
    '/desk/sources',
    '/desk/sources?filter=failing',
    ...sources.map((s) => `/desk/sources/${s.id}`),
    '/desk/topics',
    '/desk/topics/hostile-topic',
    '/desk/curation',
    ...site.editedEntries.map((id) => `/desk/curation/entries/${id}`),
    '/desk/curation/stories',
    ...(site.featuredStory ? [`/desk/curation/stories/${site.featuredStory}`] : []),
    '/desk/audit',
    '/desk/users',
    '/desk/account',
  ];
  const seen = new Set(queue);
  const clicked = new Set<string>();
  let loads = 0;
  /** Clicks, once each, every link that leaves the site's pages (another host, another scheme): a javascript: address runs on click if anything lets it through. */
  const clickOdd = async (label: string): Promise<void> => {
    for (const l of await pg.$$eval('a[href]', oddFn, origin)) {
      if (clicked.has(l.abs)) continue;
      clicked.add(l.abs);
      clickedTargets.add(l.abs.replace(/#.*$/, ''));
      const here = pg.url();
      await pg
        .locator('a[href]')
        .nth(l.i)
        .click({ timeout: 500, force: true, noWaitAfter: true })
        .catch(() => undefined);
      await pg.waitForTimeout(20);
      await collect(`clicking ${JSON.stringify(l.abs)} on ${label}`);
      // A form's answer (POST) cannot be reloaded: the label's page is left after the clicks.
      if (pg.url() !== here && !/\/(preview|save|tokens)$/.test(here)) await pg.goto(here, { waitUntil: 'load' }).catch(() => undefined);
    }
  };
  /** Pages that show a stored hostile value as text (so the run is not vacuous). */
  const showsHostile = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    loads++;
    const res = await pg.goto(`${origin}${path}`, { waitUntil: 'load' });
    assert.ok(res && res.status() < 500, `${path} → ${res?.status()}`);
    if (!/^text\/html/.test(res.headers()['content-type'] ?? '')) return;
    if (((await pg.textContent('body')) ?? '').includes("onerror=alert('desk')")) showsHostile.add(path);
    await pg.evaluate(provokeFn);
    for (const href of await pg.$$eval('a[href]', linksFn)) {
      if (!href.startsWith(`${origin}/desk`)) continue;
      const rel = href.slice(origin.length).replace(/#.*$/, '');
      if (!seen.has(rel) && !rel.endsWith('.opml')) {
        seen.add(rel);
        queue.push(rel);
      }
    }
    await clickOdd(path);
    await collect(path);
  };
  while (queue.length > 0 && loads < MAX_LOADS) await visit(queue.shift()!);
  const deskLoads = loads;

  // Pages only a form brings up. The add preview of a hostile feed (its teasers are feed data):
  await pg.goto(`${origin}/desk/sources`, { waitUntil: 'load' });
  await pg.fill('#add-url', `${site.feeds.url}/rss.xml`);
  await Promise.all([
    pg.waitForURL(`${origin}/desk/sources/preview`),
    pg.click('form[action="/desk/sources/preview"] button[type="submit"]'),
  ]);
  assert.ok(await pg.locator('[data-found]').count(), 'the preview was shown');
  const previewLinks = await pg.$$eval('.desk-teasers a[href]', linksFn);
  await pg.evaluate(provokeFn);
  await collect('the add preview');
  await clickOdd('the add preview');
  // The hostile topic's preview (matches, suggestions):
  await pg.goto(`${origin}/desk/topics/hostile-topic`, { waitUntil: 'load' });
  await Promise.all([pg.waitForLoadState('load'), pg.click('button[name="action"][value="preview"]')]);
  await pg.waitForLoadState('load');
  assert.equal(pg.url(), `${origin}/desk/topics/save`, 'the topic preview was shown');
  await pg.evaluate(provokeFn);
  await collect('the topic preview');
  await clickOdd('the topic preview');
  // A token with a hostile name, and its one-time display:
  await pg.goto(`${origin}/desk/account`, { waitUntil: 'load' });
  await pg.fill('form[action="/desk/account/tokens"] input[name="name"]', HOSTILE_SHORT);
  await Promise.all([
    pg.waitForURL(`${origin}/desk/account/tokens`),
    pg.click('form[action="/desk/account/tokens"] button[type="submit"]'),
  ]);
  assert.equal(await pg.locator('#new-token').count(), 1, 'the new token was shown');
  await pg.evaluate(provokeFn);
  await collect('the token display');
  const deskForeign = foreign.splice(0);

  // Public pages after an editor's hostile headline override.
  where = 'public';
  const publicPaths = [
    '/',
    ...site.editedEntries.map((id) => `/entries/${id}`),
    ...(site.featuredStory ? [`/stories/${site.featuredStory}`] : []),
  ];
  for (const p of publicPaths) {
    const res = await pg.goto(`${origin}${p}`, { waitUntil: 'load' });
    assert.equal(res?.status(), 200, p);
    await pg.evaluate(provokeFn);
    await collect(p);
  }
  // The override is what the article page shows, as text.
  await pg.goto(`${origin}/entries/${site.editedEntries[0]}`, { waitUntil: 'load' });
  assert.ok(((await pg.textContent('h1')) ?? '').includes("onerror=alert('desk')"), 'the hostile headline is shown as text');

  const own = violations.filter((v) => ours(v, origin));
  t.diagnostic(
    `${deskLoads} desk pages loaded by link, plus the add preview, the topic preview and the token display; ${publicPaths.length} public pages; ` +
      `${clicked.size} odd links clicked (${previewLinks.length} teaser links in the add preview); ${fired.length} executions; ${deskForeign.length} foreign requests from desk pages ` +
      `(${foreign.length} from public pages, article media); CSP violations: ${own.length} from our code, ${violations.length - own.length} from hostile content (blocked)`,
  );
  assert.ok(deskLoads >= sources.length + 10, `${deskLoads} desk pages`);
  for (const p of [
    '/desk/sources',
    `/desk/sources/${site.failingSourceId}`,
    '/desk/topics/hostile-topic',
    `/desk/curation/entries/${site.editedEntries[0]}`,
    '/desk/curation',
    '/desk/audit',
  ])
    assert.ok(showsHostile.has(p), `${p} shows the stored hostile value as text`);
  assert.ok(
    (await site.store.accounts.listTokens(site.adminId)).some((x) => x.name === HOSTILE_SHORT),
    'the hostile token name is stored (and was listed on /desk/account)',
  );
  assert.deepEqual(fired, [], 'nothing ran');
  assert.deepEqual(deskForeign, [], 'no desk page asked for anything outside the site');
  assert.deepEqual(own, [], 'no CSP violation from our own code');
  await ctx.close();
});
