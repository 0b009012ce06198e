// r-copies (review of p-copies, 2026-12-07): a copy kept in another story than its original. Since
// p-copies such a copy is off every public listing while its original is hidden, but its own
// story's counts (StoryRepo.hiddenShare) still took it as shown: that story's size, sources,
// languages and dates counted an article the public is shown nowhere, and its teaser said "+1
// source". hiddenShare now reads the hidden articles' copies in the listed stories wherever their
// original is, so the story side and the listings agree again.
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

async function get(store: Store, path: string): Promise<{ status: number; body: string }> {
  const res = await makeApp(store).request(path, { headers: { host: 'localhost' } });
  return { status: res.status, body: await res.text() };
}

interface StoryJson {
  id: number;
  size: number;
  articles: number;
  sources: number;
  languages: string[];
  lastPublished: string;
}

forEachDialect((d) => {
  describe('a copy in another story than its original (r-copies)', () => {
    it("is left out of its own story's counts, languages and dates while its original is hidden", async () => {
      const store = await d.open();
      try {
        const now = Date.now() - 12 * HOUR;
        const a = (await store.sources.add({ url: 'https://alpha.example/feed.xml', title: 'Alpha News' })).source.id;
        const b = (await store.sources.add({ url: 'https://bravo.example/feed.xml', title: 'Bravo News' })).source.id;
        const c = (await store.sources.add({ url: 'https://charlie.example/feed.xml', title: 'Charlie News' })).source.id;
        const [original, second] = (
          await store.entries.saveBatch(a, [
            entry('o', 'Dam wire report', TEXT, now - 5 * HOUR),
            entry('s', 'Dam second report', TEXT, now - 4 * HOUR),
          ])
        ).inserted;
        const [levee] = (await store.entries.saveBatch(c, [entry('t', 'Levee report', TEXT, now - 3 * HOUR, { lang: 'en' })])).inserted;
        const [copy] = (await store.entries.saveBatch(b, [entry('c', 'Dam copy', TEXT, now - 1 * HOUR, { lang: 'fr' })])).inserted;
        await store.stories.assign([
          { entryId: original!.id, storyKey: 'dam' },
          { entryId: second!.id, storyKey: 'dam' },
          { entryId: levee!.id, storyKey: 'levee' },
          { entryId: copy!.id, storyKey: 'levee', duplicateOf: original!.id },
        ]);
        const story = (await store.entries.get(levee!.id))!.storyId!;
        const kept = await store.entries.get(copy!.id);
        assert.deepEqual([kept?.storyId, kept?.duplicateOf], [story, original!.id], 'the copy is kept in the other story');
        const counts = async () => {
          const one = JSON.parse((await get(store, `/api/v1/stories/${story}`)).body) as StoryJson;
          const listed = (JSON.parse((await get(store, '/api/v1/stories')).body) as { items: StoryJson[] }).items.find(
            (s) => s.id === story,
          );
          const pick = (s: StoryJson | undefined) =>
            s && { size: s.size, sources: s.sources, languages: s.languages, last: s.lastPublished };
          const front = (await get(store, '/')).body;
          return { one: pick(one), listed: pick(listed), plusSource: /\+1 source/.test(front) };
        };
        const all = { size: 2, sources: 2, languages: ['en', 'fr'], last: new Date(copy!.publishedAt).toISOString() };
        assert.deepEqual(await counts(), { one: all, listed: all, plusSource: true });

        await setHidden(store, original!.id, true);
        const shown = { size: 1, sources: 1, languages: ['en'], last: new Date(levee!.publishedAt).toISOString() };
        assert.deepEqual(await counts(), { one: shown, listed: shown, plusSource: false }, 'the original hidden: its copy is not counted');

        await setHidden(store, original!.id, false);
        assert.deepEqual(await counts(), { one: all, listed: all, plusSource: true }, 'unhidden: counted again');
      } finally {
        await store.close();
      }
    });
  });
});
