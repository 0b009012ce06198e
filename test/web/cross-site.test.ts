// The second guard on state-changing requests (src/web/cross-site.ts): whatever token a request
// carries, one the browser marks as cross-site (Sec-Fetch-Site: cross-site, or an Origin that is
// not the site's own, "null" included) is refused with the site's 403 page in the reader's
// language, before any route reads it: nothing is written. Requests with neither header
// (scripts, old browsers) and the site's own pages pass on the token alone; the JSON API's
// token-holders are not affected. Through app.request, and sign-in over a real socket.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { Store } from '../../src/store/store.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { SITE_MESSAGES } from '../../src/web/messages/site.js';
import { escapeHtml } from '../../src/web/html.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { addUser, Client, startSite, type Site } from '../auth/helpers.js';
import { BASE_TIME, entry, makeApp } from './helpers.js';

const EVIL = 'https://evil.example';
const refusal = (lang: 'en' | 'ar' | 'fa'): string => escapeHtml(SITE_MESSAGES[lang]['error.crossSite'] ?? 'missing');

describe('the cross-site guard (app.request)', () => {
  let store: Store;
  let id = 0;
  const apps = new Map<string, Hono>();
  /** The app under `overrides` (one per configuration), the editor signed in. */
  const appOf = (overrides: Record<string, unknown> = {}): Hono => {
    const key = JSON.stringify(overrides);
    let app = apps.get(key);
    if (!app) {
      app = asViewer(makeApp(store, overrides), store, () => editor());
      apps.set(key, app);
    }
    return app;
  };
  const pins = async (): Promise<number> => (await store.curation.audit({ action: 'teaser.pin', limit: 500 })).items.length;
  /** Presses "pin" (then "unpin", when it was taken) with `headers`; the status of the pin. */
  const pin = async (headers: Record<string, string>, overrides: Record<string, unknown> = {}, method = 'POST'): Promise<number> => {
    const app = appOf(overrides);
    const f = form({ _csrf: TEST_CSRF, op: 'pin' });
    const res = await app.request(`/desk/curation/entries/${id}`, { method, body: f.body, headers: { ...f.headers, ...headers } });
    const status = res.status;
    const body = await res.text();
    if (status === 403) assert.ok(body.includes(refusal('en')), `the refusal says why (${JSON.stringify(headers)})`);
    if (status === 303) {
      const u = form({ _csrf: TEST_CSRF, op: 'unpin' });
      assert.equal((await app.request(`/desk/curation/entries/${id}`, { method: 'POST', body: u.body, headers: u.headers })).status, 303);
    }
    return status;
  };

  before(async () => {
    store = await SqliteStore.open({ path: ':memory:' });
    const { source } = await store.sources.add({ url: 'https://guard.example/feed.xml' });
    id = (await store.entries.saveBatch(source.id, [entry('g1', 'Guarded story', 'Text.', BASE_TIME)])).inserted[0]!.id;
  });
  after(() => store.close());

  test('a desk POST marked cross-site is refused with 403 and nothing is written, valid token and all', async () => {
    const cases: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'Cross-Site' },
      { 'sec-fetch-site': 'cross-site', origin: 'http://localhost' },
      { origin: EVIL },
      { origin: 'null' },
      { origin: 'http://localhost:8080' }, // another port is another origin
      { origin: 'http://localhost.evil.example' },
      { origin: 'http://evil.example', 'sec-fetch-site': 'same-site' }, // a sibling: Origin decides
      { origin: 'file://' },
      { origin: 'not an origin' },
    ];
    const before = await pins();
    for (const headers of cases) assert.equal(await pin(headers), 403, JSON.stringify(headers));
    assert.equal(await pins(), before, 'no pin was recorded');
    const e = await store.entries.get(id);
    assert.ok(e, 'the entry is there');
    // PUT, PATCH and DELETE are refused before routing too; without the marks they are a 405 (the
    // address takes GET and POST only), which the cross-site refusal comes before.
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      assert.equal(await pin({ origin: EVIL }, {}, method), 403, method);
      assert.equal(await pin({}, {}, method), 405, method);
    }
  });

  test('the refusal is in the reader’s language (en, ar, fa)', async () => {
    for (const lang of ['en', 'ar', 'fa'] as const) {
      const res = await appOf().request('/login', { method: 'POST', headers: { origin: EVIL, 'accept-language': lang } });
      assert.equal(res.status, 403);
      const page = await res.text();
      assert.ok(page.includes(refusal(lang)), lang);
      assert.match(page, new RegExp(`<html lang="${lang}"`));
    }
  });

  test('the site’s own requests, and requests with neither header, pass on the token', async () => {
    const cases: Record<string, string>[] = [
      {},
      { origin: 'http://localhost' },
      { origin: 'http://LOCALHOST' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' },
      { 'sec-fetch-site': 'none' },
      { 'sec-fetch-site': 'same-site', origin: 'http://localhost' },
      // Only a page served over TLS under this very name can claim this (a TLS proxy without trustProxy).
      { origin: 'https://localhost' },
    ];
    for (const headers of cases) assert.equal(await pin(headers), 303, JSON.stringify(headers));
    // Still the token decides: a wrong one is refused by the form's own check.
    const f = form({ _csrf: 'wrong', op: 'pin' });
    const res = await appOf().request(`/desk/curation/entries/${id}`, {
      method: 'POST',
      body: f.body,
      headers: { ...f.headers, origin: 'http://localhost' },
    });
    assert.equal(res.status, 403);
    assert.ok(!(await res.text()).includes(refusal('en')));
  });

  test('GET and HEAD are never refused', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await appOf().request('/', { method, headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } });
      assert.equal(res.status, 200, method);
    }
  });

  test('the own origin is baseUrl’s when configured, and the request’s (its scheme from X-Forwarded-Proto with trustProxy)', async () => {
    const base = { baseUrl: 'https://news.example/desk-root/' };
    assert.equal(await pin({ origin: 'https://news.example' }, base), 303);
    assert.equal(await pin({ origin: 'http://news.example' }, base), 403);
    // An editor on another name than the public one (a LAN address, a tunnel): the request's own host.
    assert.equal(await pin({ origin: 'http://localhost' }, base), 303, 'the request’s own host counts beside baseUrl');
    assert.equal(await pin({ origin: 'https://news.example.evil' }, base), 403);
    assert.equal(await pin({ origin: 'http://127.0.0.1' }, base), 403, 'another host than the request’s');
    const proxied = { trustProxy: true };
    assert.equal(await pin({ origin: 'https://localhost', 'x-forwarded-proto': 'https' }, proxied), 303);
    assert.equal(
      await pin({ origin: 'http://localhost', 'x-forwarded-proto': 'https' }, proxied),
      403,
      'an http page posting to the https site',
    );
    assert.equal(
      await pin({ origin: 'http://localhost', 'x-forwarded-proto': 'https' }),
      303,
      'without trustProxy the header is not believed',
    );
  });

  test('API writes with a token are not touched; unknown API addresses still answer in JSON', async () => {
    const api = asViewer(makeApp(store), store, () => editor({ name: 'Token Holder', via: 'token' }));
    const res = await api.request('/api/v1/sources', {
      method: 'POST',
      body: JSON.stringify({ url: 'https://api-added.example/feed.xml' }),
      headers: { 'content-type': 'application/json', origin: EVIL, 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(res.status, 201);
    const nowhere = await appOf().request('/api/v1/nowhere', { method: 'POST', headers: { origin: EVIL } });
    assert.equal(nowhere.status, 404);
    assert.match(nowhere.headers.get('content-type') ?? '', /^application\/json/);
  });
});

describe('the cross-site guard over a real socket', () => {
  let site: Site;
  before(async () => {
    site = await startSite();
    await addUser(site.store, 'ed', 'editor');
  });
  after(() => site.close());

  test('a sign-in and a sign-out from another site are refused and open or end no session', async () => {
    const c = new Client(site.url);
    for (const headers of [{ origin: EVIL }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }]) {
      const page = await (await c.get('/login')).text();
      const res = await c.post('/login', { _csrf: Client.csrf(page), name: 'ed', password: 'a long enough password' }, headers);
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.ok((await res.text()).includes(refusal('en')));
      assert.ok(!c.cookies.has('nd_session'), 'no session');
    }
    assert.equal((await site.store.accounts.listUsers()).length, 1);
    const page = await (await c.get('/login')).text();
    const ok = await c.post(
      '/login',
      { _csrf: Client.csrf(page), name: 'ed', password: 'a long enough password' },
      {
        origin: site.url,
        'sec-fetch-site': 'same-origin',
      },
    );
    assert.equal(ok.status, 303);
    assert.ok(c.cookies.has('nd_session'));
    const desk = await (await c.get('/desk/account')).text();
    const out = await c.post('/logout', { _csrf: Client.csrf(desk) }, { origin: EVIL });
    assert.equal(out.status, 403);
    assert.equal((await c.get('/desk/account')).status, 200, 'still signed in');
    assert.equal((await c.post('/logout', { _csrf: Client.csrf(desk) }, { origin: site.url })).status, 303);
    assert.ok(!c.cookies.has('nd_session'), 'signed out');
  });
});
