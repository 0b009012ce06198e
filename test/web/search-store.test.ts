// The FTS5 index follows the entries table through inserts, updates, tombstones and deletes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { MARK_END, MARK_START } from '../../src/store/search.js';
import { parseSearch } from '../../src/stories/search-query.js';
import { BASE_TIME, entry, HOUR } from './helpers.js';

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
    await store.entries.saveBatch(src, [entry('k1', 'Camp Liberty water restored', 'Supplies are back to normal.', BASE_TIME, { contentHtml: '<p>changed</p>' })]);
    assert.deepEqual(await ids(store, 'deliveries'), []);
    assert.deepEqual(await ids(store, 'supplies restored'), [1]);
    // Extracted full text replaces the feed's text.
    await store.entries.setFullText(1, { fullHtml: '<p>Engineers repaired the pumping station.</p>', text: 'Engineers repaired the pumping station.', extractStatus: 'done' });
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

  it('folds case and Latin accents and keeps vowelled Arabic words whole', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
    await store.entries.saveBatch(src, [
      entry('c1', 'Café opens', 'A cafe\u0301 with a view.', BASE_TIME),
      entry('c2', 'الْكِتَابُ', 'نص عربي', BASE_TIME, { lang: 'ar', dir: 'rtl' }),
      entry('c3', 'خبر', 'این خبر منتشر می‌شود', BASE_TIME, { lang: 'fa', dir: 'rtl' }),
    ]);
    assert.deepEqual(await ids(store, 'CAFE'), [1]);
    assert.deepEqual(await ids(store, 'café'), [1]);
    assert.deepEqual(await ids(store, 'الْكِتَابُ'), [2]);
    // Fragments of a vowelled word are not words of their own.
    assert.deepEqual(await ids(store, 'اب'), []);
    assert.deepEqual(await ids(store, 'می‌شود'), [3]);
    await store.close();
  });

  it('ranks title matches and recent stories higher, and marks matches', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
    await store.entries.saveBatch(src, [
      entry('old', 'Ferry timetable', 'The ferry will run less often this winter.', Date.now() - 400 * 24 * HOUR),
      entry('new', 'Ferry timetable', 'The ferry will run less often this winter.', Date.now() - HOUR),
      entry('body', 'Island news', 'Islanders discussed the ferry at a meeting.', Date.now() - HOUR),
      // Other stories, so that "ferry" is a rare (telling) word as in a real index.
      ...Array.from({ length: 20 }, (_, i) => entry(`f${i}`, `Council meeting ${i}`, 'The council met to discuss parking and schools.', Date.now() - i * HOUR)),
    ]);
    const page = await store.search.search({ ast: parseSearch('ferry').ast, limit: 10 });
    assert.deepEqual(page.hits.map((h) => h.entry.dedupeKey), ['new', 'old', 'body']);
    const top = page.hits[0]!;
    assert.equal(top.titleMarked, `${MARK_START}Ferry${MARK_END} timetable`);
    assert.ok(top.snippetMarked.includes(`${MARK_START}ferry${MARK_END}`));
    assert.ok(top.score > page.hits[1]!.score);
    await store.close();
  });

  it('pages by offset and filters', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
    await store.entries.saveBatch(src, Array.from({ length: 7 }, (_, i) => entry(`n${i}`, `Story ${i} about ports`, 'Port news.', BASE_TIME - i * HOUR, { lang: i % 2 ? 'fr' : 'en' })));
    const p1 = await store.search.search({ ast: parseSearch('ports').ast, limit: 3 });
    assert.equal(p1.hits.length, 3);
    assert.equal(p1.nextOffset, 3);
    const p3 = await store.search.search({ ast: parseSearch('ports').ast, limit: 3, offset: 6 });
    assert.equal(p3.hits.length, 1);
    assert.equal(p3.nextOffset, undefined);
    assert.equal((await ids(store, 'ports', { lang: 'fr' })).length, 3);
    const since = await store.search.search({ ast: parseSearch('ports').ast, limit: 10, since: BASE_TIME - 2 * HOUR, until: BASE_TIME });
    assert.deepEqual(since.hits.map((h) => h.entry.dedupeKey).sort(), ['n1', 'n2']);
    assert.deepEqual(await store.search.languages(), ['en', 'fr']);
    await store.close();
  });

  it('reads teaser pages exactly as entries.list pages them, without the bodies', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const a = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
    const b = (await store.sources.add({ url: 'https://b.example/feed' })).source.id;
    // Ties on publishedAt on purpose: the id breaks them.
    await store.entries.saveBatch(a, Array.from({ length: 9 }, (_, i) => entry(`a${i}`, `A ${i}`, `Text of a${i}. `.repeat(50), BASE_TIME - Math.floor(i / 2) * HOUR, { lang: i % 3 ? 'en' : 'ar' })));
    await store.entries.saveBatch(b, Array.from({ length: 5 }, (_, i) => entry(`b${i}`, `B ${i}`, `Text of b${i}.`, BASE_TIME - i * HOUR)));
    await store.topics.setEntryTopics(3, BASE_TIME - HOUR, [{ topicId: 't', matches: [] }]);
    await store.topics.setEntryTopics(12, BASE_TIME - 2 * HOUR, [{ topicId: 't', matches: [] }]);
    await store.entries.remove(2);
    const queries = [{}, { sourceId: a }, { lang: 'ar' }, { topicId: 't' }, { since: BASE_TIME - 3 * HOUR, until: BASE_TIME }];
    for (const base of queries) {
      for (const limit of [1, 3, 50]) {
        let full = await store.entries.list({ ...base, limit });
        let lean = await store.search.teasers({ ...base, limit }, 40);
        const walk = [[full, lean]];
        while (full.older) {
          full = await store.entries.list({ ...base, limit, after: full.older });
          lean = await store.search.teasers({ ...base, limit, after: lean.older }, 40);
          walk.push([full, lean]);
        }
        // And one step back from the oldest page.
        if (full.newer) walk.push([await store.entries.list({ ...base, limit, before: full.newer }), await store.search.teasers({ ...base, limit, before: lean.newer }, 40)]);
        for (const [f, l] of walk) {
          assert.deepEqual(l!.items.map((e) => e.id), f!.items.map((e) => e.id), JSON.stringify(base));
          assert.deepEqual([l!.older, l!.newer], [f!.older, f!.newer]);
          for (const [i, e] of l!.items.entries()) assert.equal(e.text, f!.items[i]!.text.slice(0, 40));
        }
      }
    }
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
