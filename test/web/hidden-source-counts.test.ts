// The public sources page counts each source's entries; its page (/sources/{id}) lists them less
// what editors hid. p-counts made the topic cards count shown entries only and left this count
// with the hidden ones in, so the two pages disagreed (r-counts, 2026-12-07).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { entry, makeApp } from './helpers.js';

const EDITOR = { id: null, name: 'test editor' };
const HOUR = 3_600_000;
const TEXT = 'Water broke through the old dam above the valley town early on Sunday. Crews had warned of cracks for a year. '.repeat(3);

const setHidden = (store: Store, kind: 'entry' | 'story', id: number, hidden: boolean) =>
  store.curation.update({ kind, id }, { hidden }, EDITOR, `${kind}.${hidden ? 'hide' : 'unhide'}`);

/** The sources page's count of entries for source `id`. */
async function countOf(store: Store, id: number): Promise<number | undefined> {
  const res = await makeApp(store).request('/sources', { headers: { host: 'localhost' } });
  assert.equal(res.status, 200);
  const row = new RegExp(`href="/sources/${id}">[^<]*</a></bdi></th>\\s*<td[^>]*>[\\s\\S]*?</td>\\s*<td>(\\d+)</td>`).exec(
    await res.text(),
  );
  return row ? Number(row[1]) : undefined;
}

forEachDialect((d) => {
  describe('the sources page counts what each source page lists (r-counts)', () => {
    it('leaves out entries hidden themselves or through their story, once each; unhiding brings them back', async () => {
      const store = await d.open();
      try {
        const now = Date.now() - 12 * HOUR;
        const a = (await store.sources.add({ url: 'https://alpha.example/feed.xml', title: 'Alpha News' })).source.id;
        const b = (await store.sources.add({ url: 'https://bravo.example/feed.xml', title: 'Bravo News' })).source.id;
        const [one, two, three] = (
          await store.entries.saveBatch(a, [
            entry('a1', 'Dam report one', TEXT, now - 3 * HOUR),
            entry('a2', 'Dam report two', TEXT, now - 2 * HOUR),
            entry('a3', 'Dam report three', TEXT, now - HOUR),
          ])
        ).inserted;
        await store.entries.saveBatch(b, [entry('b1', 'Bravo dam report', TEXT, now)]);
        await store.stories.assign([
          { entryId: one!.id, storyKey: 'x' },
          { entryId: two!.id, storyKey: 'y' },
          { entryId: three!.id, storyKey: 'z' },
        ]);
        const storyOfTwo = (await store.entries.get(two!.id))!.storyId!;
        assert.deepEqual([await countOf(store, a), await countOf(store, b)], [3, 1]);

        // One hidden itself, one through its story, and that one hidden itself too: two off, not three.
        await setHidden(store, 'entry', one!.id, true);
        await setHidden(store, 'story', storyOfTwo, true);
        await setHidden(store, 'entry', two!.id, true);
        const page = await (await makeApp(store).request(`/sources/${a}`, { headers: { host: 'localhost' } })).text();
        const listed = [one, two, three].filter((e) => page.includes(`href="/entries/${e!.id}"`)).length;
        assert.equal(listed, 1, "the source's page lists one");
        assert.deepEqual([await countOf(store, a), await countOf(store, b)], [1, 1], 'the sources page counts one');

        await setHidden(store, 'entry', one!.id, false);
        await setHidden(store, 'story', storyOfTwo, false);
        await setHidden(store, 'entry', two!.id, false);
        assert.equal(await countOf(store, a), 3, 'unhidden, counted again');
      } finally {
        await store.close();
      }
    });
  });
});
