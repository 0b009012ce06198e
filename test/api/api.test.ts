// The JSON API through app.request(): reads, token-guarded writes, keyset pages, search, OpenAPI.
// Every response is validated against the served OpenAPI document (./contract.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE_TIME, entry, HOUR, makeApp, populatedStore } from '../web/helpers.js';
import { checked } from './contract.js';
import { forEachDialect } from '../helpers/dialects.js';

type Json = Record<string, unknown>;
const TOKEN = 'sekrit-token-123';
forEachDialect((d) => {
  describe('JSON API', () => {
    it('lists and gets sources', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store));
      const list = (await (await app.request('/api/v1/sources')).json()) as { items: Json[] };
      assert.equal(list.items.length, 3);
      assert.equal(list.items[0]!.name, 'Harbour Wire');
      const one = (await (await app.request('/api/v1/sources/2')).json()) as Json;
      assert.equal(one.url, 'https://rafidain.example/rss');
      assert.equal((await app.request('/api/v1/sources/99')).status, 404);
      await store.close();
    });

    it('adds and removes sources only with the token', async () => {
      const { store } = await populatedStore(d.open);
      const noToken = checked(makeApp(store));
      const body = JSON.stringify({ url: 'https://new.example/feed.xml', title: 'New Outlet' });
      const headers = { 'content-type': 'application/json' };
      const refused = await noToken.request('/api/v1/sources', { method: 'POST', body, headers });
      assert.equal(refused.status, 401, 'no credentials: 401 (user tokens exist now, so the server may well accept writes)');
      assert.match(((await refused.json()) as Json).error as string, /apiToken/);

      const app = checked(makeApp(store, { apiToken: TOKEN }));
      assert.equal((await app.request('/api/v1/sources', { method: 'POST', body, headers })).status, 401);
      assert.equal(
        (await app.request('/api/v1/sources', { method: 'POST', body, headers: { ...headers, authorization: 'Bearer wrong' } })).status,
        401,
      );
      const auth = { ...headers, authorization: `Bearer ${TOKEN}` };
      const created = await app.request('/api/v1/sources', { method: 'POST', body, headers: auth });
      assert.equal(created.status, 201);
      const src = (await created.json()) as Json;
      assert.equal(src.name, 'New Outlet');
      assert.equal((await app.request('/api/v1/sources', { method: 'POST', body, headers: auth })).status, 200);
      assert.equal((await app.request('/api/v1/sources', { method: 'POST', body: '{"url":"ftp://x"}', headers: auth })).status, 400);
      assert.equal((await app.request('/api/v1/sources', { method: 'POST', body: 'nope', headers: auth })).status, 400);
      // The title is cleaned as the desk and the CLI clean it (src/ingest/listing/source-checks.ts).
      const titled = await app.request('/api/v1/sources', {
        method: 'POST',
        body: JSON.stringify({ url: 'https://titled.example/feed.xml', title: ' Titled\u001b[2J\u0085Outlet ' }),
        headers: auth,
      });
      assert.equal(titled.status, 201);
      assert.equal((await store.sources.getByUrl('https://titled.example/feed.xml'))?.title, 'Titled [2J Outlet');
      assert.equal(((await titled.json()) as Json).name, 'Titled [2J Outlet');
      assert.equal((await app.request(`/api/v1/sources/${src.id}`, { method: 'DELETE' })).status, 401);
      assert.equal((await app.request(`/api/v1/sources/${src.id}`, { method: 'DELETE', headers: auth })).status, 204);
      assert.equal((await app.request(`/api/v1/sources/${src.id}`)).status, 404);
      await store.close();
    });

    it('keeps reads private when publicApi is off', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store, { apiToken: TOKEN, publicApi: false }));
      assert.equal((await app.request('/api/v1/entries')).status, 401);
      assert.equal((await app.request('/api/v1/entries', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
      await store.close();
    });

    it('pages entries by cursors with filters, stable while entries arrive', async () => {
      const { store, ids } = await populatedStore(d.open);
      const app = checked(makeApp(store));
      const seen: number[] = [];
      let url = '/api/v1/entries?limit=2';
      for (let i = 0; i < 10; i++) {
        const page = (await (await app.request(url)).json()) as { items: Json[]; cursors: { older: string | null } };
        seen.push(...page.items.map((e) => e.id as number));
        await store.entries.saveBatch(ids.wire, [entry(`api${i}`, `Arrival ${i}`, 'x', BASE_TIME + (i + 1) * HOUR)]);
        if (!page.cursors.older) break;
        url = `/api/v1/entries?limit=2&after=${page.cursors.older}`;
      }
      assert.deepEqual(seen, [1, 5, 2, 6, 3, 4]);
      const ar = (await (await app.request('/api/v1/entries?lang=ar')).json()) as { items: Json[] };
      assert.deepEqual(
        ar.items.map((e) => e.id),
        [5],
      );
      assert.equal(ar.items[0]!.dir, 'rtl');
      const bySource = (await (await app.request(`/api/v1/entries?source=${ids.persian}`)).json()) as { items: Json[] };
      assert.deepEqual(
        bySource.items.map((e) => e.id),
        [6],
      );
      const window = (await (await app.request('/api/v1/entries?since=2026-11-20T09:00:00Z&until=2026-11-20T10:30:00Z')).json()) as {
        items: Json[];
      };
      assert.deepEqual(
        window.items.map((e) => e.id),
        [2, 6, 3],
      );
      assert.equal((await app.request('/api/v1/entries?after=xyz')).status, 400);
      assert.equal((await app.request('/api/v1/entries?since=yesterday')).status, 400);
      await store.close();
    });

    it('returns one entry with its content', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store));
      const e = (await (await app.request('/api/v1/entries/1')).json()) as Json;
      assert.equal(e.title, 'Court hears appeal over Camp Ashraf property');
      assert.match(e.contentHtml as string, /^<p>Judges/);
      assert.equal(e.publishedAt, '2026-11-20T11:00:00.000Z');
      assert.equal(typeof e.excerpt, 'string');
      assert.equal((await app.request('/api/v1/entries/99')).status, 404);
      await store.close();
    });

    it('searches with highlights', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store));
      const r = (await (await app.request('/api/v1/search?q=storm')).json()) as { items: Json[]; nextOffset: number | null };
      assert.equal(r.items.length, 1);
      assert.equal(r.items[0]!.titleHtml, 'Weather service warns of &lt;<mark>storm</mark>&gt; &amp; &quot;floods&quot;');
      assert.equal(r.nextOffset, null);
      assert.equal((await app.request('/api/v1/search?q=')).status, 400);
      await store.close();
    });

    it('reports health, and answers an unknown endpoint with a JSON 404', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store));
      const h = (await (await app.request('/api/v1/health')).json()) as { entries: number; sources: Json };
      assert.equal(h.entries, 6);
      assert.equal(h.sources.total, 3);
      // That the document names every route, and only those, is test/api/contract.test.ts's job.
      assert.equal((await app.request('/api/v1/nothing')).status, 404);
      await store.close();
    });
  });
});
