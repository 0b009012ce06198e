// Store contract cases where SQLite and PostgreSQL answered differently at the edges: ties in an
// order, and limits of zero or less (SQLite reads LIMIT -1 as "no limit"; PostgreSQL's dialect
// clamps to none). Found by running the same edge calls on both dialects and comparing answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { item } from './contract.js';

const AT = 1_700_000_000_000;

export function edgesContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract, ties and limits: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    test('languages equally common come in tag order (SQLite gave them backwards)', async () => {
      const { source } = await store.sources.add({ url: 'https://langs.example/feed' });
      const langs = ['fa', 'ar', 'en', 'zu', 'de'];
      await store.entries.saveBatch(source.id, [
        ...langs.map((lang, i) => item(100 + i, { lang })),
        item(110, { lang: 'fa' }),
        item(111, { lang: 'de' }),
      ]);
      assert.deepEqual(await store.search.languages(), ['de', 'fa', 'ar', 'en', 'zu']);
    });

    test('a scan with a limit of zero or less reads nothing (SQLite read every entry)', async () => {
      const { source } = await store.sources.add({ url: 'https://scan.example/feed' });
      await store.entries.saveBatch(source.id, [item(200), item(201)]);
      assert.deepEqual(await store.entries.scan(0, -1), []);
      assert.deepEqual(await store.entries.scan(0, 0), []);
      assert.ok((await store.entries.scan(0, 2)).length === 2);
    });

    test('claimDue with a limit below one leases nothing; sources due at once go by id', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) ids.push((await store.sources.add({ url: `https://due-${i}.example/feed` }, AT)).source.id);
      const later = AT + 86_400_000;
      assert.deepEqual(await store.sources.claimDue(later, -1, 'w', 60_000), []);
      assert.deepEqual(await store.sources.claimDue(later, 0, 'w', 60_000), []);
      const first = await store.sources.claimDue(later, 2, 'w', 60_000);
      assert.deepEqual(
        first.map((s) => s.id),
        ids.slice(0, 2),
        'ties go by id',
      );
    });
  });
}
