// Store contract: EntryRepo.newItems, which items of a batch saveBatch would store as new entries
// (the language guess runs on those alone, src/pipeline/refresh-feed.ts). Its answer must agree
// with what saveBatch then does, on every way an item can be an entry already.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { NewEntry } from '../../src/domain/entry.js';
import type { Store } from '../../src/store/store.js';
import { item } from './contract.js';

/** newItems, then saveBatch: the keys said new must be exactly the keys inserted. */
async function agrees(store: Store, sourceId: number, items: NewEntry[]): Promise<boolean[]> {
  const fresh = await store.entries.newItems(sourceId, items);
  assert.equal(fresh.length, items.length);
  const saved = await store.entries.saveBatch(sourceId, items);
  assert.deepEqual(
    saved.inserted.map((e) => e.dedupeKey).sort(),
    items
      .filter((_, i) => fresh[i])
      .map((it) => it.dedupeKey)
      .sort(),
  );
  return fresh;
}

export function newItemsContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract, new items of a batch: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    test('an empty batch and a first batch: nothing stored, every distinct item new', async () => {
      const { source } = await store.sources.add({ url: 'https://new-items-a.example/feed.xml' });
      assert.deepEqual(await store.entries.newItems(source.id, []), []);
      assert.deepEqual(await agrees(store, source.id, [item(1), item(2), item(3)]), [true, true, true]);
    });

    test('an item stored already is not new; one added to the feed since is', async () => {
      const { source } = await store.sources.add({ url: 'https://new-items-b.example/feed.xml' });
      await store.entries.saveBatch(source.id, [item(11), item(12)]);
      assert.deepEqual(await agrees(store, source.id, [item(13), item(11), item(12, { title: 'Story 12, edited' })]), [true, false, false]);
      // The second poll of the same feed: nothing new at all.
      assert.deepEqual(await agrees(store, source.id, [item(11), item(12), item(13)]), [false, false, false]);
    });

    test('a tombstone keeps its key: a removed entry is not new again', async () => {
      const { source } = await store.sources.add({ url: 'https://new-items-c.example/feed.xml' });
      const { inserted } = await store.entries.saveBatch(source.id, [item(21)]);
      await store.entries.remove(inserted[0]!.id);
      assert.deepEqual(await agrees(store, source.id, [item(21)]), [false]);
    });

    test('a known fingerprint under a new key (a re-published item) and a known canonical URL are not new', async () => {
      const { source: a } = await store.sources.add({ url: 'https://new-items-d.example/feed.xml' });
      const { source: b } = await store.sources.add({ url: 'https://new-items-e.example/feed.xml' });
      await store.entries.saveBatch(a.id, [item(31, { canonicalUrl: 'https://news.example/31' })]);
      const republished = item(32, { fingerprint: 'fp-31' });
      // Another source's item with the same fingerprint is its own entry; with the same address, a sighting.
      const sighting = item(33, { canonicalUrl: 'https://news.example/31' });
      assert.deepEqual(await agrees(store, a.id, [republished]), [false]);
      assert.deepEqual(await agrees(store, b.id, [item(34, { fingerprint: 'fp-31' }), sighting]), [true, false]);
    });

    test('within a batch, a later item with an earlier one’s key, address or fingerprint is not new', async () => {
      const { source } = await store.sources.add({ url: 'https://new-items-f.example/feed.xml' });
      const batch = [
        item(41, { canonicalUrl: 'https://news.example/41' }),
        item(41, { title: 'Story 41 again' }),
        item(42, { canonicalUrl: 'https://news.example/41' }),
        item(43, { fingerprint: 'fp-41' }),
        item(44),
      ];
      assert.deepEqual(await agrees(store, source.id, batch), [true, false, false, false, true]);
    });

    test('keys longer than an index entry are matched whole', async () => {
      const { source } = await store.sources.add({ url: 'https://new-items-g.example/feed.xml' });
      const long = randomBytes(8000).toString('base64url').slice(0, 8000);
      const stored = item(51, { dedupeKey: `guid-${long}`, canonicalUrl: `https://news.example/${long}` });
      await store.entries.saveBatch(source.id, [stored]);
      // Same long beginning, another ending: another item.
      const other = item(52, { dedupeKey: `guid-${long}x`, canonicalUrl: `https://news.example/${long}x` });
      assert.deepEqual(await agrees(store, source.id, [stored, other]), [false, true]);
    });

    test("a batch past both dialects' bind-parameter limits is one read; odd keys match as the save stores them", async () => {
      // 70,000 items: three lists of keys bound one value per key would pass SQLite's 32,766 and
      // PostgreSQL's 65,535 bind parameters (r2-langid2: both bind one list per kind).
      const { source } = await store.sources.add({ url: 'https://new-items-h.example/feed.xml' });
      // Keys with a NUL (PostgreSQL strips it on save), a lone surrogate and a quote.
      const odd = [item(61, { dedupeKey: 'g:a\u0000b' }), item(62, { dedupeKey: 'g:\ud800x' }), item(63, { dedupeKey: 'g:"q",\\' })];
      await store.entries.saveBatch(source.id, [...odd, item(64)]);
      const many = Array.from({ length: 70_000 }, (_, i) => item(100_000 + i));
      const fresh = await store.entries.newItems(source.id, [...odd, item(64), ...many]);
      assert.deepEqual(fresh.slice(0, 4), [false, false, false, false]);
      assert.equal(fresh.filter(Boolean).length, 70_000);
    });
  });
}
