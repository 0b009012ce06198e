// The desk repository (store.desk, migration 012) on every dialect: source settings merge and
// vanish with their source, desk topics keep a version that refuses stale saves, rejected names
// are remembered per topic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';

forEachDialect((d) => {
  test('source settings: created on first write, merged on later ones, removed with the source', async () => {
    const store = await d.open();
    const { source } = await store.sources.add({ url: 'https://private.example/feed' });
    assert.equal(await store.desk.sourceSettings(source.id), undefined);
    await store.desk.setSourceSettings(source.id, { headers: { Authorization: 'Bearer s3cret-token' } }, 1000);
    const after = await store.desk.setSourceSettings(source.id, { allowPrivate: true, lastFetchMs: 42 }, 2000);
    assert.deepEqual(after.headers, { Authorization: 'Bearer s3cret-token' });
    const got = await store.desk.sourceSettings(source.id);
    assert.deepEqual(got, {
      sourceId: source.id,
      headers: { Authorization: 'Bearer s3cret-token' },
      allowPrivate: true,
      lastFetchMs: 42,
      updatedAt: 2000,
    });
    assert.equal((await store.desk.allSourceSettings()).get(source.id)?.lastFetchMs, 42);
    await store.sources.remove(source.id);
    assert.equal(await store.desk.sourceSettings(source.id), undefined);
  });

  test('desk topics: versions count up and a save against an older version is refused', async () => {
    const store = await d.open();
    const def = { id: 'acme', name: 'Acme', entities: [{ id: 'acme', name: 'Acme' }] };
    const first = await store.desk.saveTopic({ id: 'acme', source: '- id: acme\n  name: Acme\n', definition: def, updatedBy: 'ed' }, 0, 10);
    assert.ok('topic' in first);
    assert.equal(first.topic.version, 1);
    const again = await store.desk.saveTopic({ id: 'acme', source: 'x', definition: def, updatedBy: 'ed' }, 0);
    assert.ok('conflict' in again && again.conflict?.version === 1, 'creating an existing topic was not refused');
    const second = await store.desk.saveTopic(
      { id: 'acme', source: 'v2', definition: { ...def, name: 'Acme Corp' }, updatedBy: 'bo' },
      1,
      20,
    );
    assert.ok('topic' in second && second.topic.version === 2);
    const stored = await store.desk.getTopic('acme');
    assert.equal(stored?.source, 'v2');
    assert.equal(stored?.updatedBy, 'bo');
    assert.deepEqual(stored?.definition, { ...def, name: 'Acme Corp' });
    assert.deepEqual(
      (await store.desk.listTopics()).map((t) => t.id),
      ['acme'],
    );
    assert.equal(await store.desk.removeTopic('acme'), true);
    assert.equal(await store.desk.getTopic('acme'), undefined);
  });

  test('rejected names are kept once per topic', async () => {
    const store = await d.open();
    await store.desk.rejectName('acme', 'acme corp', 'ed', 5);
    await store.desk.rejectName('acme', 'acme corp', 'bo', 6);
    await store.desk.rejectName('other', 'x', 'ed', 7);
    const names = await store.desk.rejectedNames('acme');
    assert.deepEqual(names, [{ topicId: 'acme', name: 'acme corp', rejectedBy: 'ed', rejectedAt: 5 }]);
  });
});
