// What the public learns of a failing source, and of its address. Real feeds on 127.0.0.1 fail in
// the ways that put secrets or internal details into the stored error message: an address with a
// token in its query (answering 500), one with user:password@ (answering 401), a host that resolves
// to a private address (refused by the guard, which names the address). Every public answer — the
// health and sources API, the sources pages, a source's feeds out — gives the catalogued reason
// and its key, never the message, and shows addresses with their secrets redacted; the desk shows
// signed-in editors the message, redacted too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Resolver } from '../../src/ingest/fetch/index.js';
import { isSecretParam, redactText, redactUrl } from '../../src/text/redact-url.js';
import { mountDesk } from '../desk/helpers.js';
import { feedRoute, rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { harness, type Harness } from '../ingest/harness.js';
import { makeApp } from '../web/helpers.js';

const TOKEN = 'tok-3f9a1c77e2';
const PASSWORD = 'pw-8b2d6e41aa';
const API_KEY = 'key-51c0d9e3bb';
const SIGNATURE = 'sig-0a7e4f2c19';
/** A private Atom feed names itself (id, self and site links) with its subscriber's token. */
const FEED_ID_TOKEN = 'idtok-6d3b90a1f4';
const SITE_KEY = 'sitekey-2e7c5a08d3';
const PRIVATE_ADDRESS = '10.1.2.3';
const SECRETS = [TOKEN, PASSWORD, API_KEY, SIGNATURE, FEED_ID_TOKEN, SITE_KEY];

const privateAtom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Paid Letter</title>
<id>https://paid.example/feed.atom?access_token=${FEED_ID_TOKEN}</id>
<link rel="self" href="https://paid.example/feed.atom?access_token=${FEED_ID_TOKEN}"/>
<link rel="alternate" href="https://paid.example/?key=${SITE_KEY}"/>
<updated>2026-12-01T10:00:00Z</updated><author><name>Paid</name></author>
<entry><id>urn:paid:1</id><title>Paid story</title><link href="https://paid.example/1"/><updated>2026-12-01T10:00:00Z</updated><summary>Text.</summary></entry>
</feed>`;

describe('redacting addresses and messages', () => {
  it('removes user information and the values of secret query parameters, and nothing else', () => {
    assert.equal(redactUrl(`https://u:${PASSWORD}@h.example/feed?token=${TOKEN}&page=2`), 'https://h.example/feed?token=redacted&page=2');
    assert.equal(
      redactUrl(`https://h.example/f?X-Amz-Signature=${SIGNATURE}&X-Amz-Credential=abc&api_key=${API_KEY}&access_token=t&lang=en`),
      'https://h.example/f?X-Amz-Signature=redacted&X-Amz-Credential=redacted&api_key=redacted&access_token=redacted&lang=en',
    );
    assert.equal(redactUrl('https://h.example/feed?category=news&sort=key'), 'https://h.example/feed?category=news&sort=key');
    for (const n of ['token', 'apikey', 'api-key', 'client_secret', 'sig', 'key', 'password', 'auth', 'sessionid', 'Signature'])
      assert.ok(isSecretParam(n), n);
    for (const n of ['page', 'author', 'category', 'lang', 'format', 'id', 'q']) assert.ok(!isSecretParam(n), n);
    assert.equal(
      redactText(`HTTP 401 from https://u:${PASSWORD}@h.example/f?key=${API_KEY}; server said "Bearer ${TOKEN}"`),
      'HTTP 401 from https://h.example/f?key=redacted; server said "Bearer redacted"',
    );
  });
});

describe('failure reasons and addresses in public answers', () => {
  let srv: FixtureServer;
  let h: Harness;
  const ids: Record<string, number> = {};
  const resolve: Resolver = async (host) => {
    if (host === 'intranet.corp.test') return [{ address: PRIVATE_ADDRESS, family: 4 }];
    return [{ address: '127.0.0.1', family: 4 }];
  };

  before(async () => {
    srv = await startFixtureServer({
      '/tok.xml': (_req, res) => void res.writeHead(500).end('internal error at db-7.corp.internal'),
      '/priv.xml': (_req, res) => void res.writeHead(401, { 'www-authenticate': 'Basic' }).end(),
      '/paid.atom': feedRoute(privateAtom),
      '/signed.xml': feedRoute(rssFeed('Signed Wire', [{ guid: 's1', title: 'Signed story', link: 'https://signed.example/1' }])),
    });
    h = await harness({}, { resolve });
    const add = async (name: string, url: string) => (ids[name] = (await h.store.sources.add({ url })).source.id);
    await add('token', `${srv.url}/tok.xml?token=${TOKEN}&page=2`);
    await add('password', `http://reader:${PASSWORD}@127.0.0.1:${srv.port}/priv.xml`);
    await add('private', `http://intranet.corp.test:${srv.port}/feed.xml`);
    await add('paid', `${srv.url}/paid.atom?access_token=${TOKEN}`);
    await add('signed', `${srv.url}/signed.xml?X-Amz-Signature=${SIGNATURE}&api_key=${API_KEY}`);
    await h.scheduler.pollOnce();
    for (const name of ['token', 'password', 'private'])
      assert.notEqual((await h.store.sources.get(ids[name]!))?.lastError ?? null, null, `${name} failed`);
    assert.equal((await h.store.sources.get(ids.signed!))?.status, 'ok');
  });
  after(async () => {
    await h.close();
    await srv.close();
  });

  it('the stored message holds the details the public must not see (what the rest guards against)', async () => {
    const priv = await h.store.sources.get(ids.private!);
    assert.match(priv?.lastError ?? '', new RegExp(PRIVATE_ADDRESS.replace(/\./g, '\\.')));
    assert.match((await h.store.sources.get(ids.token!))?.lastError ?? '', new RegExp(TOKEN));
  });

  it('the API gives the catalogued reason and its key, never the message, and redacted addresses', async () => {
    const app = makeApp(h.store);
    const health = (await (await app.request('/api/v1/health')).json()) as {
      failing: { id: number; lastError: string; lastErrorKey: string }[];
    };
    // Permanent failures (401, a refused address) show as failing at once; a 500 after three checks.
    const byId = new Map(health.failing.map((f) => [f.id, f]));
    assert.equal(byId.get(ids.password!)?.lastErrorKey, 'http:401');
    assert.equal(byId.get(ids.password!)?.lastError, 'The server answered with HTTP status 401.');
    assert.equal(byId.get(ids.private!)?.lastErrorKey, 'blocked');
    assert.equal(byId.get(ids.private!)?.lastError, 'The address is not allowed (a private or local network).');
    const one = (await (await app.request(`/api/v1/sources/${ids.token}`)).json()) as {
      url: string;
      lastError: string;
      lastErrorKey: string;
    };
    assert.equal(one.url, `${srv.url}/tok.xml?token=redacted&page=2`);
    assert.equal(one.lastErrorKey, 'http:500');
    assert.equal(one.lastError, 'The server answered with HTTP status 500.');
    const signed = (await (await app.request(`/api/v1/sources/${ids.signed}`)).json()) as {
      url: string;
      lastError: null;
      lastErrorKey: null;
    };
    assert.equal(signed.url, `${srv.url}/signed.xml?X-Amz-Signature=redacted&api_key=redacted`);
    assert.equal(signed.lastError, null);
    assert.equal(signed.lastErrorKey, null);
  });

  it('no public page, feed or API answer holds a secret, a private address or the stored message', async () => {
    const app = makeApp(h.store);
    const paths = ['/api/v1/health', '/api/v1/sources', '/sources', '/', '/feed.atom', '/feed.rss', '/feed.json', '/api/v1/entries'];
    for (const id of Object.values(ids))
      paths.push(
        `/api/v1/sources/${id}`,
        `/sources/${id}`,
        `/sources/${id}/feed.rss`,
        `/sources/${id}/feed.atom`,
        `/sources/${id}/feed.json`,
      );
    for (const path of paths) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      const body = await res.text();
      for (const s of SECRETS) assert.ok(!body.includes(s), `${path} shows ${s}`);
      assert.ok(!body.includes(PRIVATE_ADDRESS), `${path} shows the private address`);
      assert.ok(
        !/will retry later|corp\.internal|HTTP 500 from|HTTP 401 from|refused to connect/.test(body),
        `${path} shows the stored message`,
      );
    }
  });

  it('the desk shows signed-in editors the message, redacted', async () => {
    const desk = await mountDesk(h.store);
    try {
      for (const path of ['/desk/sources', `/desk/sources/${ids.token}`, `/desk/sources/${ids.password}`, '/desk/sources/export.opml']) {
        const body = await (await desk.request(path)).text();
        for (const s of SECRETS) assert.ok(!body.includes(s), `${path} shows ${s}`);
      }
      const page = await (await desk.request(`/desk/sources/${ids.token}`)).text();
      assert.match(page, /HTTP 500 from [^"]*tok\.xml\?token=redacted&amp;page=2/);
      const priv = await (await desk.request(`/desk/sources/${ids.private}`)).text();
      assert.match(priv, /10\.1\.2\.3/, 'editors see where the fetch was refused');
    } finally {
      await desk.stop();
    }
  });
});
