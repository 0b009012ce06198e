// The desk's removal of a source records the source as the removal removed it (p-edges, as the
// API's DELETE): a rename landing between the route's read and the removal is the title in the
// audit row's "before", not the route's stale read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { mountDesk } from './helpers.js';
import { hooked } from './scenes.js';

forEachDialect((d) => {
  test('remove at the desk: the audit row names the source as removed, a rename made meanwhile included', async () => {
    const store = await d.open();
    const { source } = await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' });
    const other = async (): Promise<void> => {
      await store.sources.update(source.id, { title: 'Renamed meanwhile' });
    };
    const desk = await mountDesk(hooked(store, 'sources', ['remove'], other));
    try {
      const res = await desk.post(`/desk/sources/${source.id}/remove`, {});
      assert.equal(res.status, 303);
      assert.equal(await store.sources.get(source.id), undefined);
      assert.equal(desk.audits.length, 1);
      assert.deepEqual(desk.audits[0]!.before, {
        url: 'https://wire.example/feed.xml',
        kind: 'feed',
        title: 'Renamed meanwhile',
        stories: 0,
      });
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
