// Two ingest workers (two stores on one database, each with its own connections) joining entries
// to one story at once, as two processes' clusterers do when both have the story in their window.
// The story's summary must count every entry. On PostgreSQL each worker's summary update read the
// story's entries under a snapshot taken before the other committed, so the count kept was short.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { item } from './contract.js';

const ROUNDS = 12;

forEachDialect((d) => {
  test('two workers joining entries to one story at once: its summary counts both', async () => {
    const a = await d.open();
    const b = await d.reopen(a);
    const { source } = await a.sources.add({ url: 'https://workers.example/feed' });
    const { inserted } = await a.entries.saveBatch(
      source.id,
      Array.from({ length: 2 * ROUNDS + 1 }, (_, i) => item(i)),
    );
    await a.stories.assign([{ entryId: inserted[0]!.id, storyKey: 'shared' }]);
    for (let i = 0; i < ROUNDS; i++) {
      await Promise.all([
        a.stories.assign([{ entryId: inserted[2 * i + 1]!.id, storyKey: 'shared' }]),
        b.stories.assign([{ entryId: inserted[2 * i + 2]!.id, storyKey: 'shared' }]),
      ]);
      const [story] = (await a.stories.list({ limit: 1 })).items;
      assert.equal(story?.size, 2 * i + 3, `round ${i}: every joined entry is counted`);
      assert.equal(story?.articles, 2 * i + 3);
    }
  });
});
