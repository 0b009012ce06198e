// Search pages by offset; a ranking made again at each page load counted the entries that arrived
// meanwhile and measured recency at a new time, so the next page repeated hits of the one before
// (r-search, docs/security.md "Hostile review of search"). Pages after the first now rank as the
// first did (asOf: the newest entry id it held and its time), on the site and in the API, on both
// dialects; hits that score the same come in the same order on both (newest id first).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, makeApp } from './helpers.js';

const HOUR = 3_600_000;

type Page = { items: { id: number }[]; nextOffset: number | null; asOf: { upto: number; at: number } | null };

async function get(store: Store, path: string): Promise<string> {
  const res = await makeApp(store, { pageSize: 2 }).request(path, { headers: { host: 'localhost' } });
  assert.equal(res.status, 200, path);
  return res.text();
}
const api = async (store: Store, path: string): Promise<Page> => JSON.parse(await get(store, path)) as Page;

forEachDialect((d) => {
  test(`search pages continue the first page's ranking while entries arrive (${d.name})`, async () => {
    const store = await d.open();
    try {
      const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
      const save = async (keys: string[], at: number) =>
        (
          await store.entries.saveBatch(
            src,
            keys.map((k) => entry(k, `Heron survey ${k}`, 'Volunteers counted herons.', at)),
          )
        ).inserted.map((e) => e.id);
      // Five matches; the last three score alike (same words, same time): newest id first.
      const older = await save(['a', 'b'], BASE_TIME - HOUR);
      const same = await save(['c', 'd', 'e'], BASE_TIME - 2 * HOUR);
      const expected = [...older.reverse(), ...same.reverse()];
      const all = await api(store, '/api/v1/search?q=heron*&limit=5');
      assert.deepEqual(
        all.items.map((i) => i.id),
        expected,
      );

      const first = await api(store, '/api/v1/search?q=heron*&limit=2');
      assert.ok(first.asOf && first.nextOffset === 2);
      const page1 = await get(store, '/search?q=heron*');
      const next = /href="(\/search\?[^"]*offset=2[^"]*)"/.exec(page1)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(next, 'a link to the next page');
      // Three fresher matches arrive, each ranked above every earlier one.
      await save(['x', 'y', 'z'], BASE_TIME);
      const seen = [...first.items.map((i) => i.id)];
      let offset: number | null = first.nextOffset;
      while (offset !== null) {
        const p = await api(store, `/api/v1/search?q=heron*&limit=2&offset=${offset}&upto=${first.asOf.upto}&at=${first.asOf.at}`);
        assert.deepEqual(p.asOf, first.asOf);
        seen.push(...p.items.map((i) => i.id));
        offset = p.nextOffset;
      }
      assert.deepEqual(seen, expected, 'every hit once, in the first ranking order');
      // The site's next link holds the moment too: its page is the first ranking's 3rd and 4th.
      const page2 = await get(store, next);
      const shown = [...page2.matchAll(/<article class="teaser"[\s\S]*?href="\/entries\/(\d+)"/g)].map((m) => Number(m[1]));
      assert.deepEqual(shown, expected.slice(2, 4));
      // A first page reached afresh ranks now: the new entries lead.
      assert.equal((await api(store, '/api/v1/search?q=heron*&limit=2')).items.length, 2);
      assert.ok(!expected.includes((await api(store, '/api/v1/search?q=heron*&limit=1')).items[0]!.id));
    } finally {
      await store.close();
    }
  });
});
