// A known address asked with a method it does not take answers 405 with `Allow` naming those it
// does (HEAD with GET): the site's error page in the reader's language (en/ar/fa), escaped, with the
// headers of every other page. Before, such a request fell through to the 404 page, and a GET on a
// form's address under a page's `/:id` route (`/desk/sources/preview`) was looked up as an id.
// HEAD on GET routes keeps working, unknown addresses stay 404, and nothing is written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { Store } from '../../src/store/store.js';
import { SITE_MESSAGES } from '../../src/web/messages/site.js';
import { asViewer, editor } from '../helpers/as-viewer.js';
import { makeApp, populatedStore } from './helpers.js';

const escaped = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

describe('405 Method Not Allowed on the site and the desk', () => {
  let store: Store;
  let signedOut: Hono;
  let desk: Hono;
  before(async () => {
    store = (await populatedStore()).store;
    signedOut = makeApp(store);
    desk = asViewer(makeApp(store), store, () => editor());
  });
  after(() => store.close());

  const cases: [app: () => Hono, method: string, path: string, allow: string][] = [
    [() => signedOut, 'GET', '/logout', 'POST'],
    [() => signedOut, 'DELETE', '/', 'GET, HEAD'],
    [() => signedOut, 'POST', '/sources', 'GET, HEAD'],
    [() => signedOut, 'PUT', '/entries/1', 'GET, HEAD'],
    [() => signedOut, 'POST', '/feed.rss', 'GET, HEAD'],
    [() => signedOut, 'PATCH', '/login', 'GET, HEAD, POST'],
    [() => signedOut, 'GET', '/csp-report', 'POST'],
    [() => signedOut, 'POST', '/healthz', 'GET, HEAD'],
    [() => desk, 'GET', '/desk/curation/retry-failed', 'POST'],
    [() => desk, 'HEAD', '/desk/curation/retry-failed', 'POST'],
    [() => desk, 'PUT', '/desk/curation/retry-failed', 'POST'],
    [() => desk, 'OPTIONS', '/desk/curation/retry-failed', 'POST'],
    [() => desk, 'GET', '/desk/sources/preview', 'POST'],
    [() => desk, 'GET', '/desk/sources/3/fetch', 'POST'],
    [() => desk, 'GET', '/desk/topics/save', 'POST'],
    [() => desk, 'GET', '/desk/curation/stories/merge', 'POST'],
    [() => desk, 'DELETE', '/desk/curation/entries/1', 'GET, HEAD, POST'],
    [() => desk, 'GET', '/desk/account/password', 'POST'],
    // Not signed in: the address and its methods are the same for everyone (the desk is open source).
    [() => signedOut, 'GET', '/desk/curation/retry-failed', 'POST'],
  ];

  it('a known address with a method it does not take: 405, Allow, the catalogued page', async () => {
    const notFound = await signedOut.request('/no/such/page');
    for (const [app, method, path, allow] of cases) {
      const res = await app().request(path, { method });
      const where = `${method} ${path}`;
      assert.equal(res.status, 405, where);
      assert.equal(res.headers.get('allow'), allow, where);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/, where);
      // The headers of every other page: the page CSP, nosniff, no framing, not for a shared cache.
      for (const h of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'])
        assert.equal(res.headers.get(h), notFound.headers.get(h), `${where}: ${h}`);
      assert.ok(res.headers.get('content-security-policy'), where);
      assert.match(res.headers.get('cache-control') ?? '', /no-store/, where);
      const body = await res.text();
      if (method === 'HEAD') {
        assert.equal(body, '', where);
        continue;
      }
      const en = SITE_MESSAGES.en;
      assert.ok(body.includes(`<title>${escaped(en['error.methodNotAllowed'])}`), `${where}: title`);
      assert.ok(body.includes(`<h1>${escaped(en['error.methodNotAllowed'])}</h1>`), `${where}: heading`);
      assert.ok(
        body.includes(`<p>${escaped(en['error.method'].replace('{method}', method).replace('{allow}', allow))}</p>`),
        `${where}: the sentence`,
      );
    }
    await notFound.text();
  });

  it('in Arabic and Persian, right to left', async () => {
    for (const lang of ['ar', 'fa'] as const) {
      const res = await signedOut.request('/logout', { headers: { 'accept-language': lang } });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get('allow'), 'POST');
      const body = await res.text();
      const m = SITE_MESSAGES[lang];
      assert.match(body, new RegExp(`<html lang="${lang}" dir="rtl"`));
      assert.ok(body.includes(`<h1>${escaped(m['error.methodNotAllowed']!)}</h1>`), lang);
      assert.ok(body.includes(escaped(m['error.method']!.replace('{method}', 'GET').replace('{allow}', 'POST'))), lang);
      assert.doesNotMatch(body, /does not take/, `${lang}: no English`);
    }
  });

  it('HEAD and GET on pages still answer; unknown addresses stay 404; nothing is written', async () => {
    for (const path of ['/', '/sources', '/feed.rss', '/login', '/search?q=court']) {
      assert.equal((await signedOut.request(path, { method: 'HEAD' })).status, 200, `HEAD ${path}`);
      assert.equal((await signedOut.request(path)).status, 200, `GET ${path}`);
    }
    for (const path of ['/desk/curation', '/desk/sources', '/desk/audit']) {
      assert.equal((await desk.request(path, { method: 'HEAD' })).status, 200, `HEAD ${path}`);
    }
    for (const [method, path] of [
      ['GET', '/no/such/page'],
      ['POST', '/no/such/page'],
      ['GET', '/desk/nothing'],
      ['GET', '/desk/curation/retry-failed/x'],
      ['GET', '/logout/'],
      ['DELETE', '/feed.xml'],
    ] as const) {
      const res = await desk.request(path, { method });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.headers.get('allow'), null, `${method} ${path}`);
    }
    // A GET on a page whose `:id` route matches keeps answering as that page does.
    assert.equal((await desk.request('/desk/sources/999999')).status, 404);
    assert.equal((await desk.request('/desk/sources/1')).status, 200);
    assert.equal((await store.jobs.list({ limit: 10 })).length, 0);
    assert.equal((await store.curation.audit({ limit: 10 })).items.length, 0);
  });
});
