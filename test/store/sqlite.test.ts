import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseSearch } from '../../src/search/query.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { textEntry } from '../helpers/entries.js';
import { storeContract } from './contract.js';

storeContract('sqlite (file, WAL)', () => SqliteStore.open({ path: join(mkdtempSync(join(tmpdir(), 'newsdesk-store-')), 'test.db') }));

// What only SQLite promises: the search behaviour both dialects share is in contract-search.ts.
describe('SQLite store', () => {
  test('the FTS5 index passes its own integrity check after updates, full text, tombstones and a source removal', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    try {
      const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
      const story = (title: string, text: string) =>
        textEntry({ dedupeKey: 'k1', fingerprint: 'fp-k1', url: 'https://news.example/k1' }, title, text, 1_700_000_000_000);
      const [e] = (await store.entries.saveBatch(src, [story('Camp Liberty water', 'Deliveries fell by half.')])).inserted;
      await store.entries.saveBatch(src, [
        { ...story('Camp Liberty water restored', 'Supplies are back.'), contentHtml: '<p>changed</p>' },
      ]);
      await store.entries.setFullText(e!.id, { fullHtml: '<p>Pumps.</p>', text: 'Engineers repaired the pumps.', extractStatus: 'done' });
      assert.equal((await store.search.search({ ast: parseSearch('pumps').ast, limit: 5 })).hits.length, 1);
      await store.entries.remove(e!.id);
      await store.sources.remove(src);
      // FTS5's 'integrity-check' command raises an error when the index and the table disagree.
      const check = store.db.prepare("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)");
      assert.doesNotThrow(() => check.run());
    } finally {
      await store.close();
    }
  });

  test('the change stamp stays put while nothing is written (one process, one file)', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    try {
      const a = await store.search.changeStamp();
      assert.equal(await store.search.changeStamp(), a);
      await store.sources.list();
      assert.equal(await store.search.changeStamp(), a, 'reads do not move it');
      await store.sources.add({ url: 'https://a.example/feed' });
      assert.notEqual(await store.search.changeStamp(), a);
    } finally {
      await store.close();
    }
  });
});
