// A search's moment (asOf: upto, at) comes back from the client on later pages, so it is untrusted
// (r2-search, docs/security.md "Hostile review of r-search"). An `upto` past the newest entry ranks
// what the newest does, costs the statements the newest does (PostgreSQL walked the empty ids above
// the newest window by window, one statement each: 14 statements instead of 4 for
// upto=999999999999999), and the answer's asOf and the site's pager links carry the bound used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect, QueryCounter } from '../helpers/dialects.js';
import { BASE_TIME, entry, makeApp } from './helpers.js';

const HOUR = 3_600_000;
const AT = BASE_TIME + HOUR;
const FAR = 999_999_999_999_999;

type Page = { items: { id: number }[]; nextOffset: number | null; asOf: { upto: number; at: number } | null };

forEachDialect((d) => {
  test(`an upto past the newest entry ranks, costs and is answered as the newest (${d.name})`, async () => {
    const counter = new QueryCounter();
    const store = await d.open({ onQuery: counter.onQuery });
    try {
      const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
      const ids = (
        await store.entries.saveBatch(
          src,
          Array.from({ length: 12 }, (_, i) => entry(`h${i}`, `Heron survey ${i}`, 'Volunteers counted herons.', BASE_TIME - i * HOUR)),
        )
      ).inserted.map((e) => e.id);
      const newest = Math.max(...ids);
      const get = async (path: string): Promise<{ text: string; statements: number }> => {
        const app = makeApp(store, { pageSize: 2 });
        counter.reset();
        const res = await app.request(path, { headers: { host: 'localhost' } });
        assert.equal(res.status, 200, path);
        return { text: await res.text(), statements: counter.count };
      };
      const exact = await get(`/api/v1/search?q=heron&limit=2&upto=${newest}&at=${AT}`);
      const far = await get(`/api/v1/search?q=heron&limit=2&upto=${FAR}&at=${AT}`);
      const [e, f] = [JSON.parse(exact.text) as Page, JSON.parse(far.text) as Page];
      assert.deepEqual(
        f.items.map((i) => i.id),
        e.items.map((i) => i.id),
      );
      assert.deepEqual(f.asOf, { upto: newest, at: AT }, 'the moment ranked as');
      assert.equal(far.statements, exact.statements, 'no statement more for an absurd upto');
      const page = await get(`/search?q=heron&upto=${FAR}&at=${AT}`);
      const next = /href="\/search\?([^"]*offset=2[^"]*)"/.exec(page.text)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(next, 'a link to the next page');
      assert.equal(new URLSearchParams(next).get('upto'), String(newest));
    } finally {
      await store.close();
    }
  });
});
