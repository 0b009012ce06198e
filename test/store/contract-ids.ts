// Store contract: an id is never handed out twice. Ids leave the store — /stories/ID and
// /entries/ID links, the API's ids, the desk's source and job pages, the audit log's targets, the
// alert log's delivery ids — so a row deleted and then a new row under its id would send an old link
// or a client's stored id to another row. SQLite without AUTOINCREMENT gave the next row max(id) + 1,
// which is the id of a deleted newest row (migration 32); PostgreSQL's identity columns never go
// back. Each case deletes the newest row of one table the way the product does, then adds a row.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { item } from './contract.js';

export function idsContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract, ids are never reused: ${name}`, () => {
    const withStore = async (body: (store: Store) => Promise<void>): Promise<void> => {
      const store = await open();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    };

    test('a removed source: the next source gets a new id', () =>
      withStore(async (store) => {
        await store.sources.add({ url: 'https://kept.example/feed' });
        const gone = (await store.sources.add({ url: 'https://gone.example/feed' })).source;
        assert.equal(await store.sources.remove(gone.id), true);
        const next = (await store.sources.add({ url: 'https://next.example/feed' })).source;
        assert.ok(next.id > gone.id, `source ${next.id} after removed ${gone.id}`);
      }));

    test("a source's entries and their alert deliveries deleted with it: the next ones get new ids", () =>
      withStore(async (store) => {
        const kept = (await store.sources.add({ url: 'https://kept.example/feed' })).source;
        const [first] = (await store.entries.saveBatch(kept.id, [item(1)])).inserted;
        const now = Date.now();
        await store.alerts.enqueue([{ topicId: 't', entryId: first!.id, channel: 'webhook', dueAt: now }], now);
        const gone = (await store.sources.add({ url: 'https://gone.example/feed' })).source;
        const [newest] = (await store.entries.saveBatch(gone.id, [item(2)])).inserted;
        await store.alerts.enqueue([{ topicId: 't', entryId: newest!.id, channel: 'webhook', dueAt: now }], now);
        const goneDelivery = Math.max(...(await store.alerts.list({ limit: 10 })).map((d) => d.id));
        assert.equal(await store.sources.remove(gone.id), true);
        assert.equal(await store.entries.get(newest!.id), undefined, 'the entry went with its source');
        assert.deepEqual(
          (await store.alerts.list({ limit: 10 })).map((d) => d.entryId),
          [first!.id],
          'its delivery went with it',
        );

        const [next] = (await store.entries.saveBatch(kept.id, [item(3)])).inserted;
        assert.ok(next!.id > newest!.id, `entry ${next!.id} after deleted ${newest!.id}`);
        await store.alerts.enqueue([{ topicId: 't', entryId: next!.id, channel: 'webhook', dueAt: now }], now);
        const nextDelivery = (await store.alerts.list({ limit: 10 })).find((d) => d.entryId === next!.id);
        assert.ok(nextDelivery && nextDelivery.id > goneDelivery, `delivery ${nextDelivery?.id} after deleted ${goneDelivery}`);
      }));

    test('stories a re-clustering run forgot: the next story gets a new id', () =>
      withStore(async (store) => {
        const src = (await store.sources.add({ url: 'https://a.example/feed' })).source;
        const [a, b] = (await store.entries.saveBatch(src.id, [item(1), item(2)])).inserted;
        await store.stories.assign([
          { entryId: a!.id, storyKey: 'old-a' },
          { entryId: b!.id, storyKey: 'old-b' },
        ]);
        const newest = Math.max((await store.entries.get(a!.id))!.storyId!, (await store.entries.get(b!.id))!.storyId!);
        assert.equal(await store.stories.clear(), true);
        assert.equal(await store.stories.get(newest), undefined, 'the story is gone');
        await store.stories.assign([{ entryId: a!.id, storyKey: 'new-a' }]);
        const next = (await store.entries.get(a!.id))!.storyId!;
        assert.ok(next > newest, `story ${next} after forgotten ${newest}`);
      }));

    test('purged jobs: the next job gets a new id', () =>
      withStore(async (store) => {
        const now = Date.now();
        const old = (await store.jobs.enqueue({ kind: 'k', payload: {} }, now)).job;
        const [claimed] = await store.jobs.claim(now, 1, 'w', 60_000, ['k']);
        assert.equal(claimed?.id, old.id);
        assert.equal(await store.jobs.complete(old.id, 'w', now), true);
        assert.equal(await store.jobs.purge(['done'], now + 1), 1);
        assert.equal(await store.jobs.get(old.id), undefined, 'the job is gone');
        const next = (await store.jobs.enqueue({ kind: 'k', payload: {} }, now)).job;
        assert.ok(next.id > old.id, `job ${next.id} after purged ${old.id}`);
      }));
  });
}
