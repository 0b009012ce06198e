// Accounts in a real browser (Debian's chromium via playwright-core): the first admin through the
// set-up link, adding an editor, signing out, signing in with the keyboard alone (Tab, typing,
// Enter), and forged forms from other origins auto-posting to a desk endpoint — refused, nothing
// changed. Screenshots go to test-output/screenshots/. Without chromium every test is skipped.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Auth, authOptions } from '../../src/auth/session.js';
import { createLogger } from '../../src/log/logger.js';
import { Registry } from '../../src/metrics/registry.js';
import { createHttpApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { launchChromium } from '../helpers/chromium.js';
import { testConfig } from '../web/helpers.js';

const OUT = join(process.cwd(), 'test-output', 'screenshots');
const ADMIN_PASSWORD = 'first admin password';
const EDITOR_PASSWORD = 'the editor password';

let browser: Browser | undefined;
let skipReason: string | undefined;
let server: RunningServer;
let store: SqliteStore;
let auth: Auth;
let adminContext: BrowserContext;
const attackers: Server[] = [];

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `accounts-${name}.png`), fullPage: true });
}

/** A page on another origin whose form posts itself to `action` as soon as it loads. */
async function attackerSite(host: string, action: string, fields: Record<string, string>): Promise<string> {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
    .join('');
  const page = `<!doctype html><title>Win a prize</title><form method="post" action="${action}">${inputs}</form><script>document.forms[0].submit()</script>`;
  const srv = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  attackers.push(srv);
  await new Promise<void>((resolve) => srv.listen(0, host, resolve));
  return `http://${host}:${(srv.address() as AddressInfo).port}/`;
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
  store = await SqliteStore.open({ path: join(mkdtempSync(join(tmpdir(), 'newsdesk-accounts-')), 'db.sqlite') });
  const config = testConfig();
  auth = new Auth(store, authOptions(config));
  server = await listen(createHttpApp({ store, config, log: createLogger('silent'), metrics: new Registry(), auth }), {
    host: '127.0.0.1',
    port: 0,
  });
  adminContext = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
});

after(async () => {
  for (const a of attackers) await new Promise<void>((resolve) => a.close(() => resolve()));
  await browser?.close();
  if (server) await server.close();
  await store?.close();
});

describe('accounts in a browser', () => {
  it('the first admin is created through the one-time set-up link', async (t) => {
    if (skipReason) return t.skip(skipReason);
    assert.equal(await store.accounts.countUsers(), 0);
    const link = `${server.url}/setup/${auth.setup.issue()}`;
    const page = await adminContext.newPage();
    await page.goto(link);
    assert.equal(await page.locator('h1').innerText(), 'Set up Newsdesk');
    await page.getByLabel('Name').fill('Root');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Password again').fill(ADMIN_PASSWORD);
    await shot(page, 'setup');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.waitForURL(`${server.url}/desk/users`);
    assert.equal(await page.locator('h1').innerText(), 'Users');
    assert.equal(await page.locator('header .who').innerText(), 'Root');
    const again = await adminContext.newPage();
    const res = await again.goto(link);
    assert.equal(res?.status(), 404, 'the link is used up');
    await Promise.all([page.close(), again.close()]);
  });

  it('the admin adds an editor, then signs out', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const page = await adminContext.newPage();
    await page.goto(`${server.url}/desk/users`);
    await page.getByLabel('Name', { exact: true }).fill('Edith');
    await page.getByLabel('Role', { exact: true }).selectOption('editor');
    await page.getByLabel('Password', { exact: true }).fill(EDITOR_PASSWORD);
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.waitForURL(/\/desk\/users\?done=userAdded$/);
    assert.equal(await page.getByRole('status').innerText(), 'The user was added.');
    assert.equal(await page.locator('tbody th', { hasText: 'Edith' }).count(), 1);
    await shot(page, 'users');
    assert.equal((await store.accounts.findUser('edith'))?.role, 'editor');

    // Signing out from a second tab of the same browser, then this one is signed out too.
    const other = await adminContext.newPage();
    await other.goto(`${server.url}/`);
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.waitForURL(`${server.url}/login?signedOut=1`);
    assert.equal(await other.getByRole('status').innerText(), 'You are signed out.');
    assert.equal(await other.locator('header .account a').innerText(), 'Sign in');
    await page.goto(`${server.url}/desk/users`);
    assert.match(page.url(), /\/login\?next=%2Fdesk%2Fusers$/);
    await Promise.all([page.close(), other.close()]);
  });

  it('signing in works with the keyboard alone', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const context = await browser!.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/desk/account')}`);
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'login-name') {
      await page.keyboard.press('Tab');
      assert.ok(++tabs < 20, 'the name field is reachable with Tab');
    }
    await page.keyboard.type('edith');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'login-password');
    await page.keyboard.type(EDITOR_PASSWORD);
    await shot(page, 'login');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/desk/account`);
    assert.equal(await page.locator('h1').innerText(), 'Your account');
    assert.match(await page.locator('header .account').innerText(), /Edith\s+Desk\s+Sign out/);
    await shot(page, 'account');
    // Focus order also reaches the sign-out button.
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.textContent === 'Sign out');
    }
    assert.ok(found, 'Sign out is reachable with Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/login?signedOut=1`);
    await context.close();
  });

  it('a forged form on another origin that posts to the desk is refused and changes nothing', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const context = await browser!.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Name').fill('root');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/desk/);
    const usersBefore = await store.accounts.listUsers();
    const forged = { name: 'Mallory', role: 'admin', password: 'mallory password 1' };

    // Same site, another origin (another port): the Lax cookie goes along, the CSRF token cannot,
    // and the browser's Origin names the other port: the cross-site check (src/web/cross-site.ts)
    // refuses it before the form's token is read.
    const sameSite = await attackerSite('127.0.0.1', `${server.url}/desk/users`, forged);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${server.url}/desk/users` && r.request().method() === 'POST'),
      page.goto(sameSite),
    ]);
    assert.equal(answer.status(), 403);
    await page.waitForLoadState();
    assert.match(await page.locator('main').innerText(), /came from another site, so it was refused and nothing was changed/);
    await shot(page, 'forged-form');

    // Another site (127.0.0.2): the session cookie is not sent at all; the desk asks to sign in.
    const crossSite = await attackerSite('127.0.0.2', `${server.url}/desk/users`, forged);
    const [answer2] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${server.url}/desk/users` && r.request().method() === 'POST'),
      page.goto(crossSite),
    ]);
    assert.notEqual(answer2.status(), 200);
    assert.ok([303, 403].includes(answer2.status()), `refused (${answer2.status()})`);

    // The sign-out endpoint, forged: the admin stays signed in.
    const logout = await attackerSite('127.0.0.1', `${server.url}/logout`, { _csrf: 'guess' });
    const [answer3] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${server.url}/logout` && r.request().method() === 'POST'),
      page.goto(logout),
    ]);
    assert.equal(answer3.status(), 403);

    assert.deepEqual(await store.accounts.listUsers(), usersBefore, 'no user was added or changed');
    assert.equal(await store.accounts.findUser('mallory'), undefined);
    await page.goto(`${server.url}/desk/users`);
    assert.equal(await page.locator('h1').innerText(), 'Users', 'still signed in');
    await context.close();
  });
});
