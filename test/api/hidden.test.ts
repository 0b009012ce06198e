// What an editor hid at the desk is gone from the public site; the JSON API, whose reads are
// public by default, must not keep serving it (found in the December 2026 review: every API read
// ignored curation). Hidden things stay stored and listed at the desk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from '../web/helpers.js';
import { checked } from './contract.js';

type Item = { id: number; title: string };
const EDITOR = { id: null, name: 'test editor' };

forEachDialect((d) => {
  describe('JSON API and curation', () => {
    it('leaves hidden entries, and the entries of hidden stories, out of every read', async () => {
      const { store } = await populatedStore(d.open);
      try {
        const all = (await store.entries.list({ limit: 50 })).items;
        const byKey = (title: RegExp) => all.find((e) => title.test(e.title))!;
        const berth = byKey(/container berth/);
        const [court, rally] = [byKey(/Court hears appeal/), byKey(/MEK rally/)];
        await store.stories.assign([
          { entryId: court.id, storyKey: String(court.id) },
          { entryId: rally.id, storyKey: String(court.id) },
        ]);
        await store.topics.setEntryTopics(berth.id, berth.publishedAt, [{ topicId: 'port', matches: [] }]);
        await store.topics.saveDefinition({ id: 'port', definition: { id: 'port', name: 'Port', entities: [{ name: 'berth' }] } });
        const storyId = (await store.entries.get(court.id))!.storyId!;
        await store.curation.update({ kind: 'entry', id: berth.id }, { hidden: true }, EDITOR, 'entry.hide');
        await store.curation.update({ kind: 'story', id: storyId }, { hidden: true }, EDITOR, 'story.hide');

        const app = checked(makeApp(store));
        const json = async <T>(path: string): Promise<T> => (await (await app.request(path)).json()) as T;
        const listed = (await json<{ items: Item[] }>('/api/v1/entries?limit=50')).items.map((e) => e.id);
        for (const e of [berth, court, rally]) assert.ok(!listed.includes(e.id), `entry "${e.title}" listed by /api/v1/entries`);
        assert.equal(listed.length, all.length - 3);
        for (const e of [berth, court, rally]) assert.equal((await app.request(`/api/v1/entries/${e.id}`)).status, 404, e.title);
        assert.deepEqual((await json<{ items: Item[] }>('/api/v1/search?q=berth')).items, []);
        assert.deepEqual((await json<{ items: Item[] }>('/api/v1/search?q=appeal')).items, []);
        assert.deepEqual((await json<{ items: Item[] }>('/api/v1/topics/port/entries')).items, []);
        assert.equal((await app.request(`/api/v1/stories/${storyId}`)).status, 404);
        const stories = (await json<{ items: Item[] }>('/api/v1/stories?limit=200')).items.map((s) => s.id);
        assert.ok(!stories.includes(storyId), 'the hidden story is listed by /api/v1/stories');

        // Still stored, and back once unhidden.
        await store.curation.update({ kind: 'entry', id: berth.id }, { hidden: false }, EDITOR, 'entry.unhide');
        assert.equal((await app.request(`/api/v1/entries/${berth.id}`)).status, 200);
      } finally {
        await store.close();
      }
    });
  });
});
