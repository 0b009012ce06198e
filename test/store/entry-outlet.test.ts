// The outlet an aggregator's item names (entries.outlet_name/outlet_url, migration 40): stored by
// saveBatch on each dialect, read back by get, list and the teasers' summary query; absent for
// items that name none. The whole path from a feed is test/ingest/feed-zoo.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { item } from './contract.js';

forEachDialect((d) => {
  describe('entry outlet', () => {
    it('is stored with the entry and read back by get, list and teasers; absent when none was named', async () => {
      const store = await d.open();
      const { source } = await store.sources.add({ url: 'https://aggregator.example/search.rss' });
      const saved = await store.entries.saveBatch(source.id, [
        item(1, { outletName: 'The Coastline Courier', outletUrl: 'https://courier.example/' }),
        item(2, { outletName: 'Estuary Gazette', outletUrl: null }),
        item(3),
      ]);
      assert.equal(saved.inserted.length, 3);
      const [one, two, three] = saved.inserted;
      assert.equal(one!.outletName, 'The Coastline Courier');
      assert.equal(one!.outletUrl, 'https://courier.example/');
      const got = await store.entries.get(two!.id);
      assert.equal(got?.outletName, 'Estuary Gazette');
      assert.equal(got?.outletUrl, null);
      assert.equal((await store.entries.get(three!.id))?.outletName, undefined);
      const listed = (await store.entries.list({ sourceId: source.id, limit: 10 })).items;
      assert.deepEqual(
        listed.map((e) => e.outletName ?? null),
        ['The Coastline Courier', 'Estuary Gazette', null].reverse(),
      );
      const teasers = (await store.search.teasers({ sourceId: source.id, limit: 10 }, 100)).items;
      assert.deepEqual(
        teasers.map((t) => [t.outletName ?? null, t.outletUrl ?? null]),
        [
          [null, null],
          ['Estuary Gazette', null],
          ['The Coastline Courier', 'https://courier.example/'],
        ],
      );
    });
  });
});
