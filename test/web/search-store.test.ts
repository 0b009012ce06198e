// The FTS5 index follows the entries table through inserts, updates, tombstones and deletes.
// Search behaviour common to every dialect (syntax, folding, ranking, paging, teasers) is in
// test/store/contract-search.ts, which runs on SQLite too; what stays here is SQLite's own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { parseSearch } from '../../src/search/query.js';
import { BASE_TIME, entry } from './helpers.js';

async function ids(store: SqliteStore, q: string, extra: { lang?: string } = {}): Promise<number[]> {
  const page = await store.search.search({ ast: parseSearch(q).ast, limit: 50, ...extra });
  return page.hits.map((h) => h.entry.id);
}

describe('SQLite full-text search', () => {
  it('keeps the index in sync with entries', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
    await store.entries.saveBatch(src, [entry('k1', 'Camp Liberty water', 'Deliveries fell by half.', BASE_TIME)]);
    assert.deepEqual(await ids(store, 'deliveries'), [1]);
    // A feed update rewrites the text: old words go, new words come.
    await store.entries.saveBatch(src, [
      entry('k1', 'Camp Liberty water restored', 'Supplies are back to normal.', BASE_TIME, { contentHtml: '<p>changed</p>' }),
    ]);
    assert.deepEqual(await ids(store, 'deliveries'), []);
    assert.deepEqual(await ids(store, 'supplies restored'), [1]);
    // Extracted full text replaces the feed's text.
    await store.entries.setFullText(1, {
      fullHtml: '<p>Engineers repaired the pumping station.</p>',
      text: 'Engineers repaired the pumping station.',
      extractStatus: 'done',
    });
    assert.deepEqual(await ids(store, 'pumping'), [1]);
    assert.deepEqual(await ids(store, 'supplies'), []);
    // A tombstone leaves the index.
    await store.entries.remove(1);
    assert.deepEqual(await ids(store, 'camp'), []);
    // Removing the source deletes its rows; the index must not keep ghosts.
    await store.entries.saveBatch(src, [entry('k2', 'Harbour berth', 'A new berth opened.', BASE_TIME)]);
    assert.deepEqual(await ids(store, 'berth'), [2]);
    await store.sources.remove(src);
    assert.deepEqual(await ids(store, 'berth'), []);
    const check = store.db.prepare("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)");
    assert.doesNotThrow(() => check.run());
    await store.close();
  });

  it('changes its stamp on every write', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const a = await store.search.changeStamp();
    assert.equal(await store.search.changeStamp(), a);
    await store.sources.add({ url: 'https://a.example/feed' });
    assert.notEqual(await store.search.changeStamp(), a);
    await store.close();
  });
});
