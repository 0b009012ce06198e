// The desk's removal of a source records the source as the removal removed it (p-edges, as the
// API's DELETE): a rename landing between the route's read and the removal is the title in the
// audit row's "before", not the route's stale read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { mountDesk } from './helpers.js';
import { hooked } from './scenes.js';
import { BASE_TIME, entry, HOUR } from '../web/helpers.js';

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

// r-edges: the audit's `stories` (the entries the source carried) was the route's own count, read
// before the removal: entries a poll stored between the two went with the source and were missing
// from the row. The removal counts them in its own transaction, those it hands over to another
// source that also carried them included (what the route's count said).
forEachDialect((d) => {
  test('remove at the desk: the audit counts the entries as the removal found them, one stored meanwhile included', async () => {
    const store = await d.open();
    const { source } = await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' });
    const { source: other } = await store.sources.add({ url: 'https://other.example/feed.xml', title: 'Other' });
    await store.entries.saveBatch(source.id, [
      entry('a1', 'Quarry closes', 'The quarry closed on Monday.', BASE_TIME - HOUR, {
        url: 'https://news.example/quarry',
        canonicalUrl: 'https://news.example/quarry',
      }),
      entry('a2', 'Ferry resumes', 'The ferry runs again.', BASE_TIME - 2 * HOUR, { url: 'https://news.example/ferry' }),
    ]);
    // The other source carries the first one too (a sighting): it is handed over, not removed.
    await store.entries.saveBatch(other.id, [
      entry('b1', 'Quarry closes', 'The quarry closed on Monday.', BASE_TIME - HOUR, {
        url: 'https://news.example/quarry',
        canonicalUrl: 'https://news.example/quarry',
      }),
    ]);
    assert.equal(await store.entries.count({ sourceId: other.id }), 0, 'a sighting, not an entry of its own');
    const poll = async (): Promise<void> => {
      await store.entries.saveBatch(source.id, [
        entry('a3', 'Harbour dredged', 'Dredging began at dawn.', BASE_TIME, { url: 'https://news.example/dredge' }),
      ]);
    };
    const desk = await mountDesk(hooked(store, 'sources', ['remove'], poll));
    try {
      const res = await desk.post(`/desk/sources/${source.id}/remove`, {});
      assert.equal(res.status, 303);
      assert.equal(await store.sources.get(source.id), undefined);
      assert.equal(await store.entries.count({ sourceId: other.id }), 1, 'the sighted entry is handed over');
      assert.deepEqual(desk.audits[0]!.before, { url: 'https://wire.example/feed.xml', kind: 'feed', title: 'Harbour Wire', stories: 3 });
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('sources.remove(id, whole) answers the live entries the source carried as it went', async () => {
    const store = await d.open();
    try {
      const { source } = await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Harbour Wire' });
      await store.entries.saveBatch(source.id, [
        entry('a1', 'Quarry closes', 'The quarry closed.', BASE_TIME, { url: 'https://news.example/q' }),
      ]);
      const done = await store.sources.remove(source.id, () => true);
      assert.deepEqual(done.outcome === 'removed' ? done.entries : undefined, 1);
      const { source: empty } = await store.sources.add({ url: 'https://empty.example/feed.xml' });
      const none = await store.sources.remove(empty.id, () => true);
      assert.deepEqual(none.outcome === 'removed' ? none.entries : undefined, 0);
    } finally {
      await store.close();
    }
  });
});
