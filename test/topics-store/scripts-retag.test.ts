// Hostile review of topic matching (r-topics): stored history in Persian and Chinese, re-tagged
// after a topic's names change. The topic page (entries.list), search within the topic, the
// topic counts and "Why this story?" (entryTopics) read the same tags, so they must agree, and
// they must hold the entries that name the subject however its script spaces the name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entry } from '../../src/domain/entry.js';
import { Retagger } from '../../src/jobs/retag.js';
import { parseSearch } from '../../src/search/query.js';
import type { Store } from '../../src/store/store.js';
import { addEntries, compile, newEntry } from '../alerts/helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

const T = Date.UTC(2026, 11, 1);

const ids = (items: Entry[]): number[] => items.map((e) => e.id).sort((a, b) => a - b);

forEachDialect((d) => {
  describe('re-tagging names across scripts', () => {
    let store: Store;
    let stored: Entry[];
    before(async () => {
      store = await d.open();
      stored = await addEntries(store, [
        newEntry('report one', 'به گزارش خبرگزاری، حزب\u200cالله امروز بیانیه داد.', T),
        newEntry('report two', 'به گزارش خبرگزاری، حزب الله امروز بیانیه داد.', T + 1000),
        newEntry('report three', 'به گزارش خبرگزاری، حزبالله امروز بیانیه داد.', T + 2000),
        newEntry('report four', '新华社报道，習近平在北京发表讲话。', T + 3000),
        newEntry('report five', 'Nothing about either.', T + 4000),
      ]);
    });
    after(async () => {
      await store.close();
    });

    /** What each reader of the tags says topic `id` holds; they must all say the same. */
    async function holds(id: string): Promise<number[]> {
      const page = ids((await store.entries.list({ topicId: id, limit: 50 })).items);
      const found = ids((await store.search.search({ ast: parseSearch('report').ast, topicId: id, limit: 50 })).hits.map((h) => h.entry));
      assert.deepEqual(found, page, `search within ${id} agrees with its page`);
      const count = (await store.topics.counts()).find((c) => c.topicId === id)?.count ?? 0;
      assert.equal(count, page.length, `the count of ${id} agrees with its page`);
      for (const e of stored) {
        const why = (await store.topics.entryTopics(e.id)).some((t) => t.topicId === id);
        assert.equal(why, page.includes(e.id), `"Why this story?" of entry ${e.id} agrees with the page of ${id}`);
      }
      return page;
    }

    test('a Persian name spelled with ZWNJ, space or joined, and a Chinese name added later, reach the page, search and counts', async () => {
      const retagger = new Retagger(store, { batchSize: 2 });
      const v1 = compile([
        { id: 'hezbollah', entities: [{ name: 'Hezbollah', aliases: ['حزب الله'] }] },
        { id: 'xi', entities: [{ name: 'Xi Jinping' }] },
      ]);
      await (await retagger.apply(v1.parsed, v1.matcher)).retagged;
      const persian = [stored[0]!.id, stored[1]!.id, stored[2]!.id];
      assert.deepEqual(await holds('hezbollah'), persian);
      assert.deepEqual(await holds('xi'), []);

      // The desk adds the name in Chinese characters: history is re-tagged with it.
      const v2 = compile([
        { id: 'hezbollah', entities: [{ name: 'Hezbollah', aliases: ['حزب\u200cالله'] }] },
        { id: 'xi', entities: [{ name: 'Xi Jinping', aliases: ['習近平'] }] },
      ]);
      const applied = await retagger.apply(v2.parsed, v2.matcher);
      assert.deepEqual(applied.sync.changed, ['hezbollah', 'xi']);
      await applied.retagged;
      assert.deepEqual(await holds('hezbollah'), persian);
      assert.deepEqual(await holds('xi'), [stored[3]!.id]);
      const why = await store.topics.entryTopics(stored[3]!.id);
      assert.deepEqual(
        why.find((t) => t.topicId === 'xi')?.matches.map((m) => m.text),
        ['習近平'],
      );
    });
  });
});
