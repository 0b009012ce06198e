// Findings 3, 8 and 10 of issue 9, on the API and site boundary: control characters in any
// parameter never reach the store (no 500 on either dialect), API errors are JSON (404 and 405),
// bodies are capped before they are read, the Host header is not trusted blindly, publicApi=false
// covers pages, feeds and /metrics, and feed credentials are never shown.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from '../web/helpers.js';

/** Percent-encodes like encodeURIComponent, but writes a lone surrogate as the (invalid) UTF-8 bytes a hostile client would send. */
function enc(s: string): string {
  return [...s]
    .map((ch) => {
      const u = ch.charCodeAt(0);
      if (ch.length === 1 && u >= 0xd800 && u <= 0xdfff)
        return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      return encodeURIComponent(ch);
    })
    .join('');
}

const NASTY = ['\u0000', 'a\u0000b', '\u0001\u001b[2J', '\u007f', '\u0085', '\ud800', 'x\udc00y', '\t\n\r'];

forEachDialect((d) => {
  let store: Store;
  let app: Hono;
  before(async () => {
    store = (await populatedStore(d.open)).store;
    app = makeApp(store);
  });
  after(() => store.close());

  describe(`control characters in parameters (${d.name})`, () => {
    it('never give a 5xx on search pages, search feeds, API search, entries or topics', async () => {
      const paths: string[] = [];
      for (const bad of NASTY) {
        const v = enc(bad);
        const w = enc(`court${bad}`);
        paths.push(
          `/search?q=${w}`,
          `/search?q=${v}`,
          `/search?q=court&lang=${v}`,
          `/search?q=court&topic=${v}`,
          `/search?q=court&from=${v}&to=${v}&source=${v}&offset=${v}`,
          `/search/feed.rss?q=${w}`,
          `/search/feed.json?q=court&lang=${v}&topic=${v}`,
          `/api/v1/search?q=${w}`,
          `/api/v1/search?q=court&lang=${v}`,
          `/api/v1/search?q=court&topic=${v}`,
          `/api/v1/entries?lang=${v}&topic=${v}&after=${v}`,
          `/api/v1/stories?topic=${v}&after=${v}`,
          `/api/v1/stories/1?offset=${v}&limit=${v}`,
          `/stories/1?page=${v}`,
          `/api/v1/topics/${v}`,
          `/api/v1/topics/${v}/entries`,
          `/topics/${v}`,
          `/topics/${v}/feed.rss`,
          `/topics/${v}/entries/1/explain`,
          `/?older=${v}`,
        );
      }
      for (const p of paths) {
        const res = await app.request(p);
        assert.ok(res.status < 500, `${p} → ${res.status}`);
        if (p.startsWith('/api/')) assert.match(res.headers.get('content-type') ?? '', /^application\/json/, p);
      }
    });

    it('a number parameter that is not a whole number is a 400 naming it, not a filter silently dropped', async () => {
      // source=abc used to answer every entry, as if no source had been asked for.
      for (const [path, name] of [
        ['/api/v1/entries?source=abc', 'source'],
        ['/api/v1/entries?limit=-5', 'limit'],
        ['/api/v1/search?q=court&offset=NaN', 'offset'],
        ['/api/v1/search?q=court&source=1e3', 'source'],
        ['/api/v1/stories?limit=ten', 'limit'],
      ] as const) {
        const res = await app.request(path);
        assert.equal(res.status, 400, path);
        assert.match(((await res.json()) as { error: string }).error, new RegExp(`"${name}" is a whole number`), path);
      }
      assert.equal((await app.request('/api/v1/entries?source=1&limit=500')).status, 200, 'a large limit is still capped, not refused');
    });

    it('a tab or NUL inside the words searches for the words', async () => {
      const res = await app.request(`/api/v1/search?q=${encodeURIComponent('court\u0000appeal')}`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { items: { title: string }[] };
      assert.ok(body.items.some((i) => /appeal/.test(i.title)));
    });
  });
});

describe('API errors are JSON', () => {
  let store: Store;
  let app: Hono;
  before(async () => {
    store = (await populatedStore()).store;
    app = makeApp(store, { apiToken: 'tok' });
  });
  after(() => store.close());

  it('unknown routes: JSON 404', async () => {
    for (const p of ['/api', '/api/', '/api/v2/entries', '/api/v1/nothing', '/api/v1/entries/1/extra']) {
      const res = await app.request(p);
      assert.equal(res.status, 404, p);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/, p);
      assert.ok(((await res.json()) as { error: string }).error, p);
    }
  });

  it('known routes with a method they do not take: JSON 405 with Allow', async () => {
    const cases: [string, string, string[]][] = [
      ['DELETE', '/api/v1/entries', ['GET']],
      ['PUT', '/api/v1/sources', ['GET', 'POST']],
      ['PATCH', '/api/v1/sources/1', ['GET', 'DELETE']],
      ['POST', '/api/v1/search', ['GET']],
      ['POST', '/api/openapi.json', ['GET']],
    ];
    for (const [method, p, allowed] of cases) {
      const res = await app.request(p, { method, headers: { authorization: 'Bearer tok' } });
      assert.equal(res.status, 405, `${method} ${p}`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const allow = (res.headers.get('allow') ?? '').split(/,\s*/);
      for (const m of allowed) assert.ok(allow.includes(m), `${method} ${p}: Allow has ${m}`);
    }
    // The methods a route does take still work.
    assert.equal((await app.request('/api/v1/entries')).status, 200);
    assert.equal((await app.request('/api/v1/entries', { method: 'HEAD' })).status, 200);
  });
});

describe('request bodies are capped before they are read', () => {
  let store: Store;
  let server: RunningServer;
  before(async () => {
    store = (await populatedStore()).store;
    server = await listen(makeApp(store, { apiToken: 'tok', maxRequestBodyBytes: 64 * 1024 }), { host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  /** Sends `total` bytes (streamed, chunked unless a length is declared); resolves with the answer and bytes sent by then. */
  function post(
    path: string,
    total: number,
    declareLength: boolean,
  ): Promise<{ status: number; type: string; body: string; sent: number }> {
    return new Promise((resolve, reject) => {
      let sent = 0;
      const headers: Record<string, string> = { authorization: 'Bearer tok', 'content-type': 'application/json' };
      if (declareLength) headers['content-length'] = String(total);
      // A fresh connection each time: the server may close one whose body it did not read.
      const req = request(`${server.url}${path}`, { method: 'POST', headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body, sent }));
      });
      let answered = false;
      // Once answered, the server may reset the connection while we still write: that is expected.
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      req.on('response', () => {
        answered = true;
        total = 0;
      });
      pump();
    });
  }

  it('a 200 MB streamed body to the API: 413 JSON long before it is all sent', async () => {
    const res = await post('/api/v1/sources', 200 * 1024 * 1024, false);
    assert.equal(res.status, 413);
    assert.match(res.type, /^application\/json/);
    assert.match(JSON.parse(res.body).error, /larger than this server accepts/);
    assert.ok(res.sent < 20 * 1024 * 1024, `sent ${res.sent} bytes before the answer`);
  });

  it('a declared length over the cap: 413 at once, on any route', async () => {
    const api = await post('/api/v1/sources', 1024 * 1024, true);
    assert.equal(api.status, 413);
    assert.match(api.type, /^application\/json/);
    const page = await post('/search', 1024 * 1024, true);
    assert.equal(page.status, 413);
  });
});

describe('the Host header', () => {
  let store: Store;
  before(async () => {
    store = (await populatedStore()).store;
  });
  after(() => store.close());

  it('without baseUrl: loopback and siteHosts are answered with Vary: Host, other hosts get 421', async () => {
    const app = makeApp(store, { siteHosts: ['news.example.org'] });
    for (const host of ['localhost', '127.0.0.1:8080', '[::1]:8080', 'news.example.org', 'NEWS.example.org:443']) {
      const res = await app.request(`http://${host}/feed.rss`);
      assert.equal(res.status, 200, host);
      assert.match(res.headers.get('vary') ?? '', /\bHost\b/, host);
    }
    const rss = await (await app.request('http://news.example.org/feed.rss')).text();
    assert.match(rss, /http:\/\/news\.example\.org\/entries\//);
    for (const host of ['evil.example', 'news.example.org.evil.example', '10.0.0.1']) {
      for (const p of ['/feed.rss', '/api/v1/entries', '/', '/api/openapi.json']) {
        const res = await app.request(`http://${host}${p}`);
        assert.equal(res.status, 421, `${host}${p}`);
        assert.doesNotMatch(await res.text(), /<link|entries\//, 'no page is built for that host');
      }
    }
    assert.match((await app.request('http://evil.example/api/v1/entries')).headers.get('content-type') ?? '', /json/);
    // Health checks and scrapes name the machine by its address; those answers hold no URLs.
    assert.equal((await app.request('http://10.0.0.7:8080/healthz')).status, 200);
    assert.equal((await app.request('http://10.0.0.7:8080/metrics')).status, 200);
  });

  it('with baseUrl: every host is answered and URLs always use baseUrl', async () => {
    const app = makeApp(store, { baseUrl: 'https://desk.example.net/' });
    const res = await app.request('http://evil.example/feed.rss');
    assert.equal(res.status, 200);
    const rss = await res.text();
    assert.match(rss, /https:\/\/desk\.example\.net\/entries\//);
    assert.doesNotMatch(rss, /evil\.example/);
  });
});

describe('publicApi=false', () => {
  let store: Store;
  let app: Hono;
  before(async () => {
    store = (await populatedStore()).store;
    app = makeApp(store, { publicApi: false, apiToken: 's3cret-token' });
  });
  after(() => store.close());

  it('pages, feeds and /metrics need the token as the API does; the stylesheet and /healthz stay open', async () => {
    for (const p of ['/', '/feed.rss', '/sources', '/entries/1', '/search?q=court', '/metrics', '/api/v1/entries']) {
      const res = await app.request(p);
      assert.equal(res.status, 401, p);
      assert.ok(res.headers.get('www-authenticate'), p);
      const body = await res.text();
      assert.doesNotMatch(body, /Camp Ashraf|newsdesk_http/, p);
      assert.equal((await app.request(p, { headers: { authorization: 'Bearer wrong' } })).status, 401, p);
      assert.equal((await app.request(p, { headers: { authorization: 'Bearer s3cret-token' } })).status, 200, p);
      const basic = `Basic ${Buffer.from('reader:s3cret-token').toString('base64')}`;
      assert.equal((await app.request(p, { headers: { authorization: basic } })).status, 200, p);
    }
    assert.equal((await app.request('/healthz')).status, 200);
  });
});

describe('feed credentials', () => {
  let store: Store;
  let app: Hono;
  let id: number;
  before(async () => {
    store = (await populatedStore()).store;
    app = makeApp(store);
    id = (await store.sources.add({ url: 'https://alice:pa55w0rd@private.example/feed.xml', title: 'Members only' })).source.id;
  });
  after(() => store.close());

  it('user:pass@ is never shown on /sources, /sources/N, its feeds, or in the API', async () => {
    for (const p of [
      '/sources',
      `/sources/${id}`,
      `/sources/${id}/feed.rss`,
      '/api/v1/sources',
      `/api/v1/sources/${id}`,
      '/api/v1/health',
    ]) {
      const body = await (await app.request(p)).text();
      assert.doesNotMatch(body, /pa55w0rd|alice/, p);
    }
    const shown = (await (await app.request(`/api/v1/sources/${id}`)).json()) as { url: string };
    assert.equal(shown.url, 'https://private.example/feed.xml');
    assert.match(await (await app.request(`/sources/${id}`)).text(), /https:\/\/private\.example\/feed\.xml/);
  });
});
