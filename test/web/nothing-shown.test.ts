// A story whose every article an editor hid (its live copies of them too) was still a public
// story after p-counts: the API listed it with size 0, no headline and no dates, answered it 200,
// named it as the story of a copy of a hidden article, and the site served its page ("0 articles
// from 0 sources"), its feeds and folds that led there. A story hidden whole answers 404 and a
// story of no live entry is left out of the API's list: one the public is shown nothing of is gone
// the same way (r-counts, 2026-12-07). Unhiding one article brings it back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { entry, makeApp } from './helpers.js';

const EDITOR = { id: null, name: 'test editor' };
const HOUR = 3_600_000;
const TEXT = 'Water broke through the old dam above the valley town early on Sunday. Crews had warned of cracks for a year. '.repeat(3);

const setHidden = (store: Store, id: number, hidden: boolean) =>
  store.curation.update({ kind: 'entry', id }, { hidden }, EDITOR, hidden ? 'entry.hide' : 'entry.unhide');

/** GET over a fresh app (no render cache across edits): status and body. */
async function get(store: Store, path: string): Promise<{ status: number; body: string }> {
  const res = await makeApp(store).request(path, { headers: { host: 'localhost' } });
  return { status: res.status, body: await res.text() };
}

forEachDialect((d) => {
  describe('a story the public is shown nothing of is gone (r-counts)', () => {
    it('answers 404 (page, feed, API), is left out of the API list; a copy of its hidden article is hidden with it', async () => {
      const store = await d.open();
      try {
        const now = Date.now() - 12 * HOUR;
        const a = (await store.sources.add({ url: 'https://alpha.example/feed.xml', title: 'Alpha News' })).source.id;
        const b = (await store.sources.add({ url: 'https://bravo.example/feed.xml', title: 'Bravo News' })).source.id;
        const [original, second] = (
          await store.entries.saveBatch(a, [
            entry('o', 'Defamatory wire report on the dam', TEXT, now - 5 * HOUR),
            entry('s', 'Second report on the dam, also hidden', TEXT, now - 4 * HOUR),
          ])
        ).inserted;
        const [copy] = (await store.entries.saveBatch(b, [entry('c', 'Copy of the wire report', TEXT, now - 3 * HOUR)])).inserted;
        await store.stories.assign([
          { entryId: original!.id, storyKey: 'dam' },
          { entryId: second!.id, storyKey: 'dam' },
          { entryId: copy!.id, storyKey: 'dam', duplicateOf: original!.id },
        ]);
        const storyId = (await store.entries.get(original!.id))!.storyId!;
        await setHidden(store, original!.id, true);
        await setHidden(store, second!.id, true);

        for (const path of [`/stories/${storyId}`, `/stories/${storyId}/feed.rss`, `/api/v1/stories/${storyId}`]) {
          assert.equal((await get(store, path)).status, 404, path);
        }
        const list = JSON.parse((await get(store, '/api/v1/stories')).body) as { items: { id: number }[] };
        assert.ok(!list.items.some((s) => s.id === storyId), 'left out of the API list');
        // The copy of a hidden article is hidden with it (p-copies; it was listed on its source's
        // page until then): it answers 404 and its source's page neither lists it nor links the story.
        assert.equal((await get(store, `/api/v1/entries/${copy!.id}`)).status, 404, "the copy's API answer");
        assert.equal((await get(store, `/entries/${copy!.id}`)).status, 404, "the copy's page");
        const sourcePage = await get(store, `/sources/${b}`);
        assert.equal(sourcePage.status, 200);
        assert.ok(!sourcePage.body.includes(`/entries/${copy!.id}"`), 'the copy is not listed');
        assert.ok(!sourcePage.body.includes(`href="/stories/${storyId}"`), 'no link to the story');

        // One article shown again: the story is back everywhere.
        await setHidden(store, second!.id, false);
        const page = await get(store, `/stories/${storyId}`);
        assert.equal(page.status, 200);
        assert.ok(page.body.includes('1 article from 1 source'), /<p class="meta"[\s\S]*?<\/p>/.exec(page.body)?.[0]);
        assert.equal((await get(store, `/stories/${storyId}/feed.rss`)).status, 200);
        const api = JSON.parse((await get(store, `/api/v1/stories/${storyId}`)).body) as { size: number; headline: string };
        assert.deepEqual([api.size, api.headline], [1, 'Second report on the dam, also hidden']);
        const again = JSON.parse((await get(store, '/api/v1/stories')).body) as { items: { id: number }[] };
        assert.ok(
          again.items.some((s) => s.id === storyId),
          'listed again',
        );
        // The copy stays hidden while its original is; unhidden, it is back and names the story.
        assert.equal((await get(store, `/api/v1/entries/${copy!.id}`)).status, 404);
        await setHidden(store, original!.id, false);
        const copyAgain = JSON.parse((await get(store, `/api/v1/entries/${copy!.id}`)).body) as { story: { id: number } | null };
        assert.equal(copyAgain.story?.id, storyId);
      } finally {
        await store.close();
      }
    });
  });
});
