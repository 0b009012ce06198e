// Store contract cases for identities longer than a database index takes whole: a feed's GUID or
// link, or a source's address, of several kilobytes (tracking blobs, base64 state in a query
// string). SQLite indexes any length; PostgreSQL's B-tree refuses an entry over 2,704 bytes, and
// before migration 17 one such item failed its whole batch there, every poll, while SQLite stored it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { item } from './contract.js';

/** Characters that do not compress: a compressible long key would fit the index and prove nothing. */
function noise(chars: number): string {
  return randomBytes(chars).toString('base64url').slice(0, chars);
}

export function longKeysContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract, long keys: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    test('a source address of 8,000 characters is added once and found by it', async () => {
      const url = `https://long.example/feed?state=${noise(8000)}`;
      const a = await store.sources.add({ url });
      const b = await store.sources.add({ url });
      assert.equal(a.created, true);
      assert.equal(b.created, false);
      assert.equal(b.source.id, a.source.id);
      assert.equal((await store.sources.getByUrl(url))?.id, a.source.id);
      // Another address with the same long beginning is another source.
      const c = await store.sources.add({ url: `${url}x` });
      assert.equal(c.created, true);
      assert.notEqual(c.source.id, a.source.id);
    });

    test('an item with an 8,000-character GUID is stored beside the rest of its batch, and once', async () => {
      const { source } = await store.sources.add({ url: 'https://guid.example/feed.xml' });
      const guid = `g:${noise(8000)}`;
      const batch = [item(1, { dedupeKey: guid }), item(2), item(3, { dedupeKey: `${guid}-3` })];
      const first = await store.entries.saveBatch(source.id, batch);
      assert.equal(first.inserted.length, 3);
      assert.equal(first.inserted[0]!.dedupeKey, guid, 'the key is kept whole');
      const again = await store.entries.saveBatch(source.id, batch);
      assert.deepEqual([again.inserted.length, again.updated, again.unchanged], [0, 0, 3]);
      const edited = await store.entries.saveBatch(source.id, [{ ...batch[0]!, title: 'Story 1, updated' }]);
      assert.deepEqual([edited.inserted.length, edited.updated], [0, 1]);
      assert.equal((await store.entries.get(first.inserted[0]!.id))?.title, 'Story 1, updated');
    });

    test('an article with an 8,000-character canonical URL is one entry across sources', async () => {
      const a = (await store.sources.add({ url: 'https://canon-a.example/feed' })).source.id;
      const b = (await store.sources.add({ url: 'https://canon-b.example/feed' })).source.id;
      const canonicalUrl = `https://canon.example/story?x=${noise(8000)}`;
      const mine = await store.entries.saveBatch(a, [item(10, { canonicalUrl })]);
      assert.equal(mine.inserted.length, 1);
      const theirs = await store.entries.saveBatch(b, [item(11, { canonicalUrl, dedupeKey: 'other-key', fingerprint: 'other-fp' })]);
      assert.deepEqual([theirs.inserted.length, theirs.sighted], [0, 1]);
      const apart = await store.entries.saveBatch(b, [item(12, { canonicalUrl: `${canonicalUrl}y` })]);
      assert.equal(apart.inserted.length, 1, 'an address with the same long beginning is another article');
    });
  });
}
