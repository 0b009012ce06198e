// What editors hid is left out of search before paging (r-search, docs/security.md "Hostile review
// of search"), on the site and in the API, on both dialects. The hits were filtered after a page
// was read: a page came out short, and the last page's "more" link or `nextOffset` led to a page
// of nothing, saying that hidden matches exist past it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, makeApp } from './helpers.js';

const EDITOR = { id: null, name: 'test editor' };
const HOUR = 3_600_000;

const hide = (store: Store, id: number) => store.curation.update({ kind: 'entry', id }, { hidden: true }, EDITOR, 'entry.hide');

async function get(store: Store, path: string): Promise<string> {
  const res = await makeApp(store, { pageSize: 2 }).request(path, { headers: { host: 'localhost' } });
  assert.equal(res.status, 200, path);
  return res.text();
}

type Page = { items: { id: number }[]; nextOffset: number | null };
const api = async (store: Store, path: string): Promise<Page> => JSON.parse(await get(store, path)) as Page;

forEachDialect((d) => {
  test(`search pages are full of shown matches and end where the shown matches end (${d.name})`, async () => {
    const store = await d.open();
    try {
      const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
      // Four matches, newest ranked first (same words, recency decides).
      const ids = (
        await store.entries.saveBatch(
          src,
          [0, 1, 2, 3].map((i) => entry(`z${i}`, `Zebrafinch count ${i}`, 'Birders counted zebrafinches.', BASE_TIME - i * HOUR)),
        )
      ).inserted.map((e) => e.id);
      await hide(store, ids[0]!); // the best-ranked
      await hide(store, ids[3]!); // the last
      const first = await api(store, '/api/v1/search?q=zebrafinch&limit=2');
      assert.deepEqual(
        first.items.map((i) => i.id),
        [ids[1], ids[2]],
      );
      assert.equal(first.nextOffset, null);
      const page = await get(store, '/search?q=zebrafinch');
      assert.ok(page.includes(`href="/entries/${ids[1]}"`) && page.includes(`href="/entries/${ids[2]}"`));
      assert.ok(!page.includes('offset=2'), 'no link to a page of hidden matches');
      const only = await api(store, '/api/v1/search?q=zebrafinch&limit=1');
      assert.deepEqual(
        only.items.map((i) => i.id),
        [ids[1]],
      );
      assert.equal(only.nextOffset, 1);
      assert.deepEqual(
        (await api(store, '/api/v1/search?q=zebrafinch&limit=1&offset=1')).items.map((i) => i.id),
        [ids[2]],
      );
    } finally {
      await store.close();
    }
  });
});
