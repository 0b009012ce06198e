import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { addEntries, newEntry, openStore } from '../alerts/helpers.js';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 2, 1); // 2026-03-01

const m = (text: string, start = 0) => ({ field: 'title', start, end: start + text.length, text, alias: text });

describe('TopicRepo (sqlite)', () => {
  let store: SqliteStore;
  before(async () => {
    store = await openStore();
  });
  after(async () => {
    await store.close();
  });

  test('setEntryTopics replaces the tags and says which topics are new; entryTopics explains them', async () => {
    const [e] = await addEntries(store, [newEntry('MEK rally', 'text', D0)]);
    const first = await store.topics.setEntryTopics(e!.id, e!.publishedAt, [
      { topicId: 'mek', matches: [m('MEK')] },
      { topicId: 'iran', matches: [m('Iran')] },
    ]);
    assert.deepEqual(first.added.sort(), ['iran', 'mek']);
    const second = await store.topics.setEntryTopics(e!.id, e!.publishedAt, [
      { topicId: 'mek', matches: [m('MEK'), m('rally', 4)] },
      { topicId: 'rallies', matches: [m('rally', 4)] },
    ]);
    assert.deepEqual(second.added, ['rallies']);
    const tags = await store.topics.entryTopics(e!.id);
    assert.deepEqual(tags.map((t) => t.topicId), ['mek', 'rallies']);
    assert.deepEqual(tags[0]!.matches.map((x) => x.text), ['MEK', 'rally']);
    assert.equal(tags[0]!.matches[1]!.start, 4);
    const page = await store.entries.list({ topicId: 'rallies', limit: 10 });
    assert.deepEqual(page.items.map((x) => x.id), [e!.id]);
    assert.equal((await store.entries.list({ topicId: 'iran', limit: 10 })).items.length, 0);
  });

  test('counts per UTC day fill empty days with zero and leave out deleted entries', async () => {
    const items = [
      newEntry('a', 't', D0 + 10 * DAY + 1000),
      newEntry('b', 't', D0 + 10 * DAY + 23 * 3_600_000),
      newEntry('c', 't', D0 + 12 * DAY + 5),
      newEntry('d', 't', D0 + 12 * DAY + 6),
      newEntry('e', 't', D0 + 12 * DAY + 7),
      newEntry('outside', 't', D0 + 20 * DAY),
    ];
    const entries = await addEntries(store, items);
    for (const e of entries) await store.topics.setEntryTopics(e.id, e.publishedAt, [{ topicId: 'chart', matches: [] }]);
    await store.entries.remove(entries[4]!.id);
    const days = await store.topics.countsPerDay('chart', D0 + 10 * DAY, D0 + 14 * DAY);
    assert.deepEqual(days, [
      { day: '2026-03-11', count: 2 },
      { day: '2026-03-12', count: 0 },
      { day: '2026-03-13', count: 2 },
      { day: '2026-03-14', count: 0 },
    ]);
    // A range that starts mid-day still counts that whole day.
    const partial = await store.topics.countsPerDay('chart', D0 + 10 * DAY + 12 * 3_600_000, D0 + 11 * DAY);
    assert.deepEqual(partial, [{ day: '2026-03-11', count: 2 }]);
    const counts = await store.topics.counts();
    assert.deepEqual(counts.find((c) => c.topicId === 'chart'), { topicId: 'chart', count: 5 });
  });

  test('definitions: sync reports added, changed, unchanged and removed; removal drops tags', async () => {
    const t0 = await store.topics.syncDefinitions([
      { id: 'x', definition: { id: 'x', name: 'X', aliases: ['ex'] } },
      { id: 'y', definition: { id: 'y', name: 'Y' } },
    ]);
    assert.deepEqual(t0, { added: ['x', 'y'], changed: [], unchanged: [], removed: [] });
    const [e] = await addEntries(store, [newEntry('ex', 'y', D0)]);
    await store.topics.setEntryTopics(e!.id, e!.publishedAt, [
      { topicId: 'x', matches: [] },
      { topicId: 'y', matches: [] },
    ]);
    // Same content with keys in another order is not a change.
    const t1 = await store.topics.syncDefinitions([
      { id: 'x', definition: { aliases: ['ex'], name: 'X', id: 'x' } },
      { id: 'y', definition: { id: 'y', name: 'Y2' } },
    ]);
    assert.deepEqual(t1, { added: [], changed: ['y'], unchanged: ['x'], removed: [] });
    const t2 = await store.topics.syncDefinitions([{ id: 'x', definition: { id: 'x', name: 'X', aliases: ['ex'] } }]);
    assert.deepEqual(t2.removed, ['y']);
    assert.deepEqual((await store.topics.entryTopics(e!.id)).map((t) => t.topicId), ['x']);
    assert.equal(await store.topics.getDefinition('y'), undefined);
    const x = await store.topics.getDefinition('x');
    assert.deepEqual(x?.definition, { id: 'x', name: 'X', aliases: ['ex'] });
    assert.equal(x?.retag.status, 'pending');
  });

  test('a changed definition resets its re-tag progress; progress from an older hash is dropped', async () => {
    await store.topics.syncDefinitions([{ id: 'p', definition: { v: 1 } }]);
    const v1 = (await store.topics.getDefinition('p'))!;
    await store.topics.startRetag('p', v1.hash, 10);
    await store.topics.recordRetag([{ id: 'p', hash: v1.hash, afterId: 40, doneDelta: 4 }]);
    let rec = (await store.topics.getDefinition('p'))!;
    assert.deepEqual([rec.retag.status, rec.retag.afterId, rec.retag.done, rec.retag.total], ['running', 40, 4, 10]);
    await store.topics.saveDefinition({ id: 'p', definition: { v: 2 } });
    await store.topics.recordRetag([{ id: 'p', hash: v1.hash, afterId: 80, doneDelta: 4 }]);
    rec = (await store.topics.getDefinition('p'))!;
    assert.deepEqual([rec.retag.status, rec.retag.afterId, rec.retag.done], ['pending', 0, 0]);
    assert.notEqual(rec.hash, v1.hash);
    await store.topics.startRetag('p', rec.hash, 3);
    await store.topics.finishRetag('p', rec.hash);
    assert.equal((await store.topics.getDefinition('p'))!.retag.status, 'done');
    assert.equal((await store.topics.retagPending()).some((r) => r.id === 'p'), false);
  });
});
