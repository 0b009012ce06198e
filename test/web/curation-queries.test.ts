// Curation costs a fixed number of queries per page, however many teasers an editor touched: the
// overrides of a page are read in one batch. Counted with the store's onQuery hook, cold (a new
// app, so no page cache), for a start page with 2 overridden teasers and with 30.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect, type QueryCounter } from '../helpers/dialects.js';
import { countedStore, makeApp } from './helpers.js';

const ED = { id: 1, name: 'Editor' };

async function coldCount(store: Store, counter: QueryCounter, path: string): Promise<number> {
  const app = makeApp(store, { pageSize: 40 });
  counter.reset();
  const res = await app.request(path);
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  return counter.count;
}

forEachDialect((d) => {
  test('the overrides of a page are one query, and a page costs the same for 2 overridden teasers as for 30', async () => {
    const { store, counter, list } = await countedStore(d, 40);
    const ids = list.map((e) => e.id);

    counter.reset();
    const set = await store.curation.overrides(ids, [1, 2, 3]);
    assert.equal(counter.count, 1, counter.statements.join('\n'));
    assert.equal(set.entries.size, 0);

    const touch = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await store.curation.update(
          { kind: 'entry', id: ids[i]! },
          i % 3 === 0 ? { pinned: true } : { headline: `Edited ${i}` },
          ED,
          'teaser.edit',
        );
      }
    };
    await touch(0, 2);
    const few = await coldCount(store, counter, '/');
    await touch(2, 30);
    const many = await coldCount(store, counter, '/');
    assert.equal(many, few, `start page: ${few} queries with 2 overridden teasers, ${many} with 30`);
    const page = await (await makeApp(store, { pageSize: 40 }).request('/')).text();
    assert.match(page, /Edited 29/);
  });
});
