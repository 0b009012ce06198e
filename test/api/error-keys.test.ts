// Every problem the JSON API answers carries a stable `key` of the catalogue (p-keys): the routes'
// own (src/api), the token guard's and the server's under /api (body cap, Host check, a failure,
// an unknown address). Each error path is asked once; every answer's key must be one of the
// catalogue's, present in English, Arabic and Persian, and its sentence the catalogue's in the
// language Accept-Language picked; and every key the catalogue lists for the API must have been
// answered by one of these requests (the walk of the catalogue's keys against the ones the API
// uses). Every response is also validated against the OpenAPI document (`checked`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Viewer } from '../../src/auth/viewer.js';
import { API_ERROR_MESSAGES, API_PROBLEM_KEYS } from '../../src/locale/api-errors.js';
import { LANGS } from '../../src/locale/index.js';
import { listen } from '../../src/server/listen.js';
import { SOURCE_CHECK_MESSAGES } from '../../src/locale/source-checks.js';
import { asViewer, editor } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer } from '../helpers/fixture-server.js';
import { makeApp, populatedStore } from '../web/helpers.js';
import { checked } from './contract.js';

type Json = Record<string, unknown>;
const TOKEN = 'sekrit-token-123';
const json = { 'content-type': 'application/json' };
const auth = { ...json, authorization: `Bearer ${TOKEN}` };

/** The catalogue sentence of `key` in `lang`, its placeholders as patterns (what fills them varies). */
function sentence(key: string, lang: (typeof LANGS)[number]): RegExp {
  const cat = (Object.hasOwn(SOURCE_CHECK_MESSAGES.en, key) ? SOURCE_CHECK_MESSAGES : API_ERROR_MESSAGES) as unknown as Record<
    string,
    Record<string, string | undefined>
  >;
  const text = cat[lang]?.[key] ?? '';
  assert.ok(text.trim(), `${lang} has no sentence for ${key}`);
  const parts = text.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^]+?')}$`);
}

forEachDialect((d) => {
  describe('API problems: a stable key of the catalogue on every one', () => {
    it('every error path answers a key every catalogue has, and every key of the catalogue is answered', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store, { apiToken: TOKEN, maxRequestBodyBytes: 1024 }));
      const noApiToken = checked(makeApp(store));
      let viewer: Viewer | undefined;
      const signedIn = checked(asViewer(makeApp(store, { apiToken: TOKEN }), store, () => viewer));
      const failing = makeApp(store, { apiToken: TOKEN });
      const seen = new Map<string, string>();

      const expect = async (what: string, res: Response, status: number, key: string): Promise<void> => {
        assert.equal(res.status, status, what);
        const body = (await res.json()) as Json;
        assert.equal(body.key, key, what);
        for (const lang of LANGS) sentence(key, lang);
        assert.match(String(body.error), sentence(key, 'en'), `${what}: the English sentence of ${key}`);
        assert.equal(res.headers.get('content-language'), 'en', what);
        assert.match(res.headers.get('vary') ?? '', /Accept-Language/i, what);
        seen.set(key, what);
      };
      const post = (body: string, a: Pick<typeof app, 'request'> = app, headers: Record<string, string> = auth) =>
        a.request('/api/v1/sources', { method: 'POST', body, headers });
      const source = (body: unknown) => post(JSON.stringify(body));

      await expect('not JSON', await post('{"url":'), 400, 'body.notJson');
      await expect('over the cap', await source({ url: `https://example.org/${'x'.repeat(2000)}` }), 413, 'body.tooLarge');
      await expect('no url', await source({ title: 'x' }), 400, 'source.urlMissing');
      await expect('not a URL', await source({ url: 'not a url' }), 400, 'source.urlInvalid');
      await expect('ftp', await source({ url: 'ftp://files.example/feed' }), 400, 'source.urlNotHttp');
      await expect('kind', await source({ url: 'https://a.example/', kind: 'blog' }), 400, 'source.kindInvalid');
      await expect('mode', await source({ url: 'https://a.example/', extractMode: 'never' }), 400, 'source.extractModeInvalid');
      await expect('selectors', await source({ url: 'https://a.example/', selectors: ['a'] }), 400, 'selectors.invalid');
      await expect(
        'not page',
        await source({ url: 'https://a.example/', kind: 'feed', selectors: { item: 'li' } }),
        400,
        'selectors.notPage',
      );
      await expect('unusable', await source({ url: 'https://a.example/', selectors: { item: 'a[' } }), 400, 'selector.unusable');
      await expect(
        'too long',
        await source({ url: 'https://a.example/', selectors: { item: `${'li '.repeat(110)}a` } }),
        400,
        'selector.tooLong',
      );
      await expect('kind of a known one', await source({ url: 'https://wire.example/feed.xml', kind: 'page' }), 409, 'source.kindConflict');
      await expect(
        'a stale If-Match',
        await post(JSON.stringify({ url: 'https://wire.example/feed.xml', title: 'Renamed' }), app, { ...auth, 'if-match': '"stale"' }),
        412,
        'precondition.failed',
      );
      await expect('source', await app.request('/api/v1/sources/999999'), 404, 'source.notFound');
      await expect('entry', await app.request('/api/v1/entries/999999'), 404, 'entry.notFound');
      await expect('story', await app.request('/api/v1/stories/999999'), 404, 'story.notFound');
      await expect('topic', await app.request('/api/v1/topics/no-such-topic'), 404, 'topic.notFound');
      await expect('limit', await app.request('/api/v1/entries?limit=ten'), 400, 'query.notInteger');
      await expect('cursor', await app.request('/api/v1/entries?after=nonsense'), 400, 'cursor.invalid');
      await expect('story cursor', await app.request('/api/v1/stories?after=nonsense'), 400, 'cursor.storyInvalid');
      await expect('cursor with leading zeros', await app.request('/api/v1/entries?after=01.01'), 400, 'cursor.notCanonical');
      await expect('date', await app.request('/api/v1/entries?since=yesterday'), 400, 'date.invalid');
      await expect('repeated', await app.request('/api/v1/entries?source=1&source=2'), 400, 'query.repeated');
      await expect('no words', await app.request('/api/v1/search?q='), 400, 'search.empty');
      await expect('exclusions only', await app.request('/api/v1/search?q=-ashraf'), 400, 'search.excludedOnly');
      await expect('no token', await post('{}', app, json), 401, 'auth.required');
      await expect('no token, no apiToken', await post('{}', noApiToken, json), 401, 'auth.required.apiTokenUnset');
      await expect('not a token', await post('{}', app, { ...json, authorization: 'Digest realm=x' }), 401, 'auth.noToken');
      await expect('wrong token', await post('{}', app, { ...json, authorization: 'Bearer wrong' }), 401, 'auth.tokenInvalid');
      const closed = checked(makeApp(store, { apiToken: TOKEN, siteAccess: 'private' }));
      await expect(
        'not a token, private',
        await closed.request('/api/v1/sources', { headers: { authorization: 'Digest x' } }),
        401,
        'auth.noToken.private',
      );
      await expect(
        'wrong token, private',
        await closed.request('/api/v1/sources', { headers: { authorization: 'Bearer wrong' } }),
        401,
        'auth.tokenInvalid.private',
      );
      await expect(
        'a body not said to be JSON',
        await post('{"url":"https://a.example/"}', app, { authorization: auth.authorization }),
        415,
        'body.notJsonType',
      );
      // A new listing page the site's robots.txt refuses to Newsdesk (p-polite2): the add chain's check.
      const robotsSite = await startFixtureServer({
        '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /members/\n' },
      });
      try {
        const crawling = checked(makeApp(store, { apiToken: TOKEN, allowHosts: ['127.0.0.1'] }));
        await expect(
          'a listing page robots.txt refuses',
          await post(JSON.stringify({ url: `${robotsSite.url}/members/news/`, kind: 'page' }), crawling),
          422,
          'robots.refused',
        );
      } finally {
        await robotsSite.close();
      }
      await expect('an id with a leading zero', await app.request('/api/v1/entries?source=01'), 400, 'query.notId');
      await expect(
        'an offset with a leading zero',
        await app.request('/api/v1/search?q=court&offset=010'),
        400,
        'query.notCanonicalNumber',
      );
      // The head limit is the HTTP server's: asked over a socket (the store is this walk's, not closed here).
      const served = await listen(makeApp(store, { apiToken: TOKEN }), { host: '127.0.0.1', port: 0 });
      try {
        await expect(
          'a long query string',
          await fetch(`${served.url}/api/v1/search?q=${'a'.repeat(20_000)}`),
          431,
          'request.headersTooLarge',
        );
      } finally {
        await served.close();
      }
      const basic = `Basic ${Buffer.from(`any:${TOKEN}`).toString('base64')}`;
      const crossSite = {
        'content-type': 'text/plain',
        authorization: basic,
        origin: 'https://elsewhere.example',
        'sec-fetch-site': 'cross-site',
      };
      await expect('Basic credentials, cross-site', await post('{}', app, crossSite), 403, 'auth.crossSite');
      viewer = editor();
      await expect('a browser session', await post('{}', signedIn, json), 403, 'auth.sessionCannotWrite');
      viewer = editor({ name: 'Reading Robot', via: 'token', scope: 'read' });
      await expect('read scope', await post('{}', signedIn, json), 403, 'auth.readScope');
      viewer = editor({ name: 'Rana Reader', role: 'reader', via: 'token', scope: 'write' });
      await expect('reader', await post('{}', signedIn, json), 403, 'auth.readerRole');
      await expect('method', await app.request('/api/v1/entries', { method: 'DELETE' }), 405, 'method.notAllowed');
      await expect('unknown', await app.request('/api/v2/anything'), 404, 'endpoint.notFound');
      await expect('host', await app.request('http://elsewhere.example/api/v1/entries'), 421, 'host.unknown');
      // A failure on the server: the store's read throws.
      const list = store.sources.list.bind(store.sources);
      store.sources.list = () => Promise.reject(new Error('disk on fire'));
      try {
        const res = await failing.request('/api/v1/sources');
        assert.doesNotMatch(await res.clone().text(), /disk on fire/);
        await expect('failure', res, 500, 'server.failed');
      } finally {
        store.sources.list = list;
      }

      // The walk: every key the catalogue lists for the API was answered, and nothing else was.
      assert.deepEqual([...seen.keys()].sort(), [...API_PROBLEM_KEYS].sort());
      assert.equal((await store.sources.list()).length, 3, 'no refused request stored a source');
      await store.close();
    });

    it('answers in the language Accept-Language picks, the key unchanged, numbers in its digits', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store, { apiToken: TOKEN, maxRequestBodyBytes: 1024 }));
      const ask = async (path: string, lang: string | undefined, init: RequestInit = {}) => {
        const res = await app.request(path, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), ...(lang ? { 'accept-language': lang } : {}) },
        });
        return { res, body: (await res.json()) as Json };
      };
      for (const [header, lang] of [
        ['fa-IR, en;q=0.5', 'fa'],
        ['ar-IQ,ar;q=0.9,en;q=0.5', 'ar'],
        ['de-DE, fr;q=0.8', 'en'],
        [undefined, 'en'],
      ] as const) {
        const { res, body } = await ask('/api/v1/sources/999999', header);
        assert.equal(res.status, 404);
        assert.deepEqual(body, { error: API_ERROR_MESSAGES[lang]['source.notFound'], key: 'source.notFound' }, String(header));
        assert.equal(res.headers.get('content-language'), lang);
        assert.match(res.headers.get('vary') ?? '', /Accept-Language/i);
      }
      // The server's own answers follow it too, with the language's digits.
      const big = await ask('/api/v1/sources', 'fa', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ url: `https://example.org/${'x'.repeat(2000)}` }),
      });
      assert.equal(big.res.status, 413);
      assert.deepEqual(big.body, { error: 'بدنهٔ درخواست از آنچه این سرور می‌پذیرد (۱۰۲۴ بایت) بزرگ‌تر است.', key: 'body.tooLarge' });
      const unusable = await ask('/api/v1/sources', 'ar', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ url: 'https://a.example/', selectors: { next: 'a[' } }),
      });
      assert.deepEqual(unusable.body, {
        error: '"selectors.next": لا يستطيع قارئ القوائم استعمال هذا المحدِّد بوصفه CSS. صحّحه أو احذفه؛ لم يُحفظ شيء.',
        key: 'selector.unusable',
      });
      await store.close();
    });
  });
});
