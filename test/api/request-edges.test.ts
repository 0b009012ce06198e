// Request edges a hostile review left (p-api3): a body read as JSON whatever its Content-Type,
// ids with leading zeros naming a row, a long query string answered by Node's parser with a bare
// 431, and the token refusal telling a private site's clients that a public read needs none.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { describe, it } from 'node:test';
import { isJsonType } from '../../src/api/json-type.js';
import { canonicalId } from '../../src/domain/canonical-id.js';
import { addUser, Client, startSite } from '../auth/helpers.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from '../web/helpers.js';
import { checked } from './contract.js';

const TOKEN = 'sekrit-token-123';
const bearer = { authorization: `Bearer ${TOKEN}` };
type Json = Record<string, unknown>;

/** A raw GET over a socket (fetch refuses nothing, but this keeps the head exactly as written). */
function rawGet(
  base: string,
  path: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('JSON content types and canonical ids (pure)', () => {
  it('takes application/json and +json in UTF-8, nothing else', () => {
    for (const t of [
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
      'application/merge-patch+json',
      'application/json; foo=bar',
    ])
      assert.equal(isJsonType(t), true, t);
    for (const t of [
      undefined,
      '',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/json',
      'application/jsonp',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'json',
    ])
      assert.equal(isJsonType(t), false, String(t));
  });
  it('names an id only when written canonically', () => {
    assert.equal(canonicalId('1'), 1);
    assert.equal(canonicalId('0'), 0);
    assert.equal(canonicalId('123456789012345'), 123456789012345);
    for (const s of ['01', '00', '+1', '-1', '1.0', ' 1', '1 ', '0x1', '1e0', '١', '۱', '１', '', '1234567890123456'])
      assert.equal(canonicalId(s), undefined, JSON.stringify(s));
  });
});

forEachDialect((d) => {
  describe('a request body is read as JSON only when it says it is (p-api3)', () => {
    it('415 with a key for text/plain, form-encoded and no type; JSON types are taken; nothing stored when refused', async () => {
      const { store } = await populatedStore(d.open);
      try {
        const app = checked(makeApp(store, { apiToken: TOKEN }));
        const body = JSON.stringify({ url: 'https://new.example/feed.xml' });
        for (const type of [
          'text/plain',
          'text/plain;charset=UTF-8',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          undefined,
        ]) {
          const res = await app.request('/api/v1/sources', {
            method: 'POST',
            body,
            headers: { ...bearer, ...(type ? { 'content-type': type } : {}) },
          });
          assert.equal(res.status, 415, String(type));
          const json = (await res.json()) as Json;
          assert.equal(json.key, 'body.notJsonType');
          assert.match(String(json.error), /application\/json/);
        }
        const fa = await app.request('/api/v1/sources', {
          method: 'POST',
          body,
          headers: { ...bearer, 'content-type': 'text/plain', 'accept-language': 'fa' },
        });
        assert.equal(fa.headers.get('content-language'), 'fa');
        assert.equal((await store.sources.list()).length, 3, 'nothing stored');
        // A DELETE with a body that is not JSON is refused too, and removes nothing.
        const [first] = await store.sources.list();
        assert.ok(first);
        const del = await app.request(`/api/v1/sources/${first.id}`, {
          method: 'DELETE',
          body: 'x=1',
          headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(del.status, 415);
        assert.ok(await store.sources.get(first.id));
        // JSON types are taken; a request with no body needs no type.
        const ok = await app.request('/api/v1/sources', {
          method: 'POST',
          body,
          headers: { ...bearer, 'content-type': 'application/json; charset=utf-8' },
        });
        assert.equal(ok.status, 201);
        const vnd = await app.request('/api/v1/sources', {
          method: 'POST',
          body: JSON.stringify({ url: 'https://vnd.example/feed.xml' }),
          headers: { ...bearer, 'content-type': 'application/vnd.example+json' },
        });
        assert.equal(vnd.status, 201);
        assert.equal((await app.request(`/api/v1/sources/${first.id}`, { method: 'DELETE', headers: bearer })).status, 204);
        // The credential check comes first: no token, a 401, not a 415.
        assert.equal(
          (await app.request('/api/v1/sources', { method: 'POST', body, headers: { 'content-type': 'text/plain' } })).status,
          401,
        );
      } finally {
        await store.close();
      }
    });

    it('a signed-in browser posting a text/plain form from another site adds nothing (the CSRF probe)', async () => {
      const store = await d.open();
      const site = await startSite({ apiToken: TOKEN }, store);
      try {
        await addUser(store, 'edna', 'admin');
        const browser = new Client(site.url);
        const signedIn = await browser.signIn('edna');
        assert.equal(signedIn.status, 303);
        assert.ok(browser.cookies.size > 0, 'a session cookie');
        // What a form with enctype=text/plain on another site sends: the cookie, the browser's marks, a JSON-looking body.
        const res = await browser.request('/api/v1/sources', {
          method: 'POST',
          body: '{"url":"https://evil.example/feed.xml","x":"=',
          headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', accept: '*/*' },
        });
        assert.equal(res.status, 403, 'a session cannot write through the API at all');
        assert.equal(((await res.json()) as Json).key, 'auth.sessionCannotWrite');
        assert.equal((await store.sources.list()).length, 0);
        // The cookie is a credential for reads (a private site): the 200 is not readable cross-site (no CORS headers).
        const read = await browser.request('/api/v1/sources', { headers: { origin: 'https://evil.example', accept: '*/*' } });
        assert.equal(read.status, 200);
        assert.equal(read.headers.get('access-control-allow-origin'), null);
      } finally {
        await site.close();
      }
    });
  });

  describe('ids are canonical: leading zeros and other spellings name nothing (p-api3)', () => {
    it('the API’s id paths answer 404 and its source filter 400; the site’s id paths 404', async () => {
      const { store, ids } = await populatedStore(d.open);
      try {
        const app = checked(makeApp(store, { apiToken: TOKEN }));
        const [entry] = (await store.entries.list({ limit: 1 })).items;
        assert.ok(entry);
        const spellings = (id: number) => [`0${id}`, `00${id}`, `+${id}`, `${id}.0`, `%20${id}`, `0x${id.toString(16)}`, `${id}e0`];
        for (const bad of spellings(ids.wire)) {
          assert.equal((await app.request(`/api/v1/sources/${bad}`)).status, 404, `source ${bad}`);
          assert.equal((await app.request(`/api/v1/sources/${bad}`, { method: 'DELETE', headers: bearer })).status, 404, `DELETE ${bad}`);
          assert.equal((await app.request(`/sources/${bad}`)).status, 404, `/sources/${bad}`);
          assert.equal((await app.request(`/sources/${bad}/feed.rss`)).status, 404, `/sources/${bad}/feed.rss`);
        }
        for (const bad of spellings(entry.id)) {
          assert.equal((await app.request(`/api/v1/entries/${bad}`)).status, 404, `entry ${bad}`);
          assert.equal((await app.request(`/entries/${bad}`)).status, 404, `/entries/${bad}`);
        }
        assert.ok(await store.sources.get(ids.wire), 'no DELETE removed it');
        assert.equal((await app.request(`/api/v1/sources/${ids.wire}`)).status, 200);
        assert.equal((await app.request(`/entries/${entry.id}`)).status, 200);
        for (const path of [`/api/v1/entries?source=0${ids.wire}`, `/api/v1/search?q=court&source=0${ids.wire}`]) {
          const res = await app.request(path);
          assert.equal(res.status, 400, path);
          assert.equal(((await res.json()) as Json).key, 'query.notId', path);
        }
        assert.equal((await app.request(`/api/v1/entries?source=${ids.wire}`)).status, 200);
      } finally {
        await store.close();
      }
    });
  });
});

describe('an over-long request head is answered by the app, not by Node’s parser (p-api3)', () => {
  it('a 20 KB query string: a JSON problem under /api, a plain page with the security headers on the site', async () => {
    const site = await startSite({ apiToken: TOKEN });
    try {
      const long = 'a'.repeat(20_000);
      const api = await rawGet(site.url, `/api/v1/search?q=${long}`);
      assert.equal(api.status, 431);
      assert.match(String(api.headers['content-type']), /^application\/json/);
      assert.equal((JSON.parse(api.body) as Json).key, 'request.headersTooLarge');
      assert.equal(api.headers['x-content-type-options'], 'nosniff');
      assert.ok(api.headers['content-security-policy']);
      const page = await rawGet(site.url, `/search?q=${long}`);
      assert.equal(page.status, 431);
      assert.match(String(page.headers['content-type']), /^text\/plain/);
      assert.match(page.body, /16384 bytes/);
      assert.equal(page.headers['x-content-type-options'], 'nosniff');
      assert.ok(page.headers['content-security-policy']);
      // Past the parser's own bound (24 KiB): still a 431 with a sentence and the security headers
      // (JSON or text by what the parser kept of the request line; see header-limit.ts).
      for (const path of [`/api/v1/search?q=${'a'.repeat(70_000)}`, `/search?q=${'a'.repeat(70_000)}`]) {
        const huge = await rawGet(site.url, path);
        assert.equal(huge.status, 431);
        assert.match(huge.body, /16384 bytes/);
        assert.equal(huge.headers['x-content-type-options'], 'nosniff');
        assert.ok(huge.headers['content-security-policy']);
      }
      // Under the limit: answered as before.
      assert.equal((await rawGet(site.url, `/api/v1/search?q=${'a'.repeat(10_000)}`)).status, 200);
    } finally {
      await site.close();
    }
  });
});

describe('a refused token is worded by the site’s mode (p-api3)', () => {
  it('a private site does not say that a public read needs no token', async () => {
    const { store } = await populatedStore();
    try {
      for (const [config, key] of [
        [{ siteAccess: 'private' as const }, 'auth.tokenInvalid.private'],
        [{ publicApi: false }, 'auth.tokenInvalid.private'],
        [{}, 'auth.tokenInvalid'],
      ] as const) {
        const app = makeApp(store, { apiToken: TOKEN, ...config });
        for (const lang of ['en', 'ar', 'fa']) {
          const res = await app.request('/api/v1/sources', { headers: { authorization: 'Bearer wrong', 'accept-language': lang } });
          assert.equal(res.status, 401);
          const body = (await res.json()) as Json;
          assert.equal(body.key, key, JSON.stringify(config));
          const publicRead = { en: /public read/, ar: /لقراءة عامة/, fa: /خواندن عمومی/ }[lang] ?? /x/;
          if (key.endsWith('.private')) assert.doesNotMatch(String(body.error), publicRead, `${lang} ${JSON.stringify(config)}`);
          else assert.match(String(body.error), publicRead, lang);
        }
      }
    } finally {
      await store.close();
    }
  });
});
