// A listing request reads the store's change stamp once and renders, names its topic or source and
// fills its navigation by that one stamp. On PostgreSQL the stamp is the server's snapshot, which
// any commit in the database moves (another process's lease, another schema's writes): when the
// topic and source pages read a second stamp to find their topic or source, a commit between the
// two reads named another snapshot, every per-stamp read (the topics, their counts, the hidden
// filter) ran twice, and web/query-counts counted 17 statements for 50 teasers against 14 for 5
// on a busy machine. A store whose stamp moves on every read makes that certain here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { entry, makeApp } from './helpers.js';

forEachDialect((d) => {
  test('a topic or source page and its feed read the topics and the sources once, by one stamp', async () => {
    const store = await d.open();
    await store.topics.saveDefinition({ id: 'mek', definition: { id: 'mek', name: 'MEK', entities: [{ name: 'Mojahedin-e Khalq' }] } });
    const { source } = await store.sources.add({ url: 'https://a.example/feed.xml', title: 'A' });
    await store.entries.saveBatch(source.id, [entry('k1', 'Mojahedin-e Khalq rally', 'Mojahedin-e Khalq held a rally.', Date.now())]);
    let stamps = 0;
    store.search.changeStamp = async () => `moving-${++stamps}`;
    const reads = { topics: 0, sources: 0 };
    const listDefinitions = store.topics.listDefinitions.bind(store.topics);
    store.topics.listDefinitions = async () => {
      reads.topics++;
      return listDefinitions();
    };
    const listSources = store.sources.list.bind(store.sources);
    store.sources.list = (async (...args: Parameters<typeof listSources>) => {
      reads.sources++;
      return listSources(...args);
    }) as typeof store.sources.list;
    for (const path of ['/topics/mek', '/topics/mek/feed.atom', `/sources/${source.id}`, `/sources/${source.id}/feed.rss`]) {
      const app = makeApp(store);
      reads.topics = 0;
      reads.sources = 0;
      stamps = 0;
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      await res.arrayBuffer();
      assert.equal(stamps, 1, `${path}: one stamp read`);
      assert.ok(reads.topics <= 1, `${path}: the topics read ${reads.topics} times`);
      assert.ok(reads.sources <= 1, `${path}: the sources read ${reads.sources} times`);
    }
  });
});
