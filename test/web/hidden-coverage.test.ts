// A teaser an editor hid is gone from public lists; it must not come back as another teaser's
// coverage, a story page's timeline or feed, a copy, a related article or an explanation (found
// in the December 2026 review: only the listings and the article page read the hidden flag).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from './helpers.js';

const EDITOR = { id: null, name: 'test editor' };

forEachDialect((d) => {
  describe('hidden entries and story coverage', () => {
    it('leaves a hidden article out of every story view, and a hidden story out of its feed', async () => {
      const { store } = await populatedStore(d.open);
      try {
        const all = (await store.entries.list({ limit: 50 })).items;
        const find = (re: RegExp) => all.find((e) => re.test(e.title))!;
        const [court, rally, berth] = [find(/Court hears/), find(/MEK rally/), find(/container berth/)];
        await store.stories.assign([court, rally, berth].map((e) => ({ entryId: e.id, storyKey: 'one-event' })));
        await store.topics.setEntryTopics(berth.id, berth.publishedAt, [
          { topicId: 'port', matches: [{ field: 'title', start: 0, end: 7, text: 'Harbour', alias: 'harbour', entity: 'harbour' }] },
        ]);
        await store.topics.saveDefinition({ id: 'port', definition: { id: 'port', name: 'Port', entities: [{ name: 'harbour' }] } });
        const storyId = (await store.entries.get(court.id))!.storyId!;
        await store.curation.update({ kind: 'entry', id: berth.id }, { hidden: true }, EDITOR, 'entry.hide');

        const app = makeApp(store);
        const get = (path: string) => app.request(path, { headers: { host: 'localhost' } });
        for (const path of [
          `/stories/${storyId}`,
          `/stories/${storyId}/feed.rss`,
          `/entries/${court.id}`,
          `/sources/${court.sourceId}`,
          '/',
        ]) {
          const res = await get(path);
          assert.equal(res.status, 200, path);
          const page = await res.text();
          assert.ok(page.includes('MEK rally'), `${path} lists the story's other articles`);
          assert.ok(!page.includes('container berth'), `${path} shows the hidden article`);
        }
        const results = await (await get('/search?q=berth+OR+rally')).text();
        assert.ok(results.includes('MEK rally') && !results.includes('container berth'), 'a hidden article stands for its story in search');
        for (const f of ['rss', 'atom', 'json']) {
          const feed = await (await get(`/search/feed.${f}?q=berth+OR+rally`)).text();
          assert.ok(feed.includes('MEK rally') && !feed.includes('container berth'), `the search feed (${f}) shows the hidden article`);
        }
        assert.equal((await get(`/stories/${storyId}/copies/${berth.id}`)).status, 404);
        assert.equal((await get(`/topics/port/entries/${berth.id}/explain`)).status, 404);

        await store.curation.update({ kind: 'story', id: storyId }, { hidden: true }, EDITOR, 'story.hide');
        assert.equal((await get(`/stories/${storyId}/feed.rss`)).status, 404);
      } finally {
        await store.close();
      }
    });
  });
});
