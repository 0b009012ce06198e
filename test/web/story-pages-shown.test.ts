// The public story page and the API's story answer page over the articles a reader is shown
// (p-storypages, 2026-12-07; found by the r-counts review). On main both paged over every article of
// the story and dropped the hidden ones afterwards: with the oldest articles hidden the first page
// listed none and linked an "older" page; with the newest hidden the last shown page linked an empty
// one, and the API's `nextOffset` counted hidden articles and led to empty pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { STORY_PAGE_SIZE } from '../../src/web/stories.js';
import { forEachDialect } from '../helpers/dialects.js';
import { entry, siteReader } from './helpers.js';

const EDITOR = { id: null, name: 'test editor' };
const HOUR = 3_600_000;
const TEXT = 'Water broke through the old dam above the valley town early on Sunday. Crews had warned of cracks for a year. '.repeat(3);
/** Hidden articles: more than a story page, so paging over every article shows a page of hidden ones. */
const HIDDEN = STORY_PAGE_SIZE + 10;
const SHOWN = 20;

/**
 * A story of HIDDEN + SHOWN articles a minute apart, its `which` HIDDEN hidden by an editor (one at a
 * time, as the desk does); its id and the shown articles' ids, oldest first.
 */
async function build(store: Store, key: string, which: 'oldest' | 'newest'): Promise<{ storyId: number; shown: number[] }> {
  const source = (await store.sources.add({ url: `https://${key}.example/feed.xml`, title: `${key} News` })).source.id;
  const start = Date.now() - 48 * HOUR;
  const saved = (
    await store.entries.saveBatch(
      source,
      Array.from({ length: HIDDEN + SHOWN }, (_, i) => entry(`${key}${i}`, `Dam report ${key} ${i}`, TEXT, start + i * 60_000)),
    )
  ).inserted;
  assert.equal(saved.length, HIDDEN + SHOWN);
  await store.stories.assign(saved.map((e) => ({ entryId: e.id, storyKey: key })));
  const hidden = which === 'oldest' ? saved.slice(0, HIDDEN) : saved.slice(SHOWN);
  for (const e of hidden) await store.curation.update({ kind: 'entry', id: e.id }, { hidden: true }, EDITOR, 'entry.hide');
  const storyId = (await store.entries.get(saved[0]!.id))!.storyId!;
  const shown = (which === 'oldest' ? saved.slice(HIDDEN) : saved.slice(0, SHOWN)).map((e) => e.id);
  return { storyId, shown };
}

/** The articles a story page lists (their headings' links), in page order. */
const listed = (page: string) => [...page.matchAll(/<h3><a href="\/entries\/(\d+)"/g)].map((m) => Number(m[1]));

forEachDialect((d) => {
  describe('story pages and API story answers page over shown articles (p-storypages)', () => {
    for (const which of ['oldest', 'newest'] as const) {
      it(`the ${which} ${HIDDEN} of ${HIDDEN + SHOWN} articles hidden: every page full of shown ones, no page after the last`, async () => {
        const store = await d.open();
        try {
          const { storyId, shown } = await build(store, `dam${which}`, which);
          const get = siteReader(store, 5);

          // The story page: the SHOWN articles on its first page, counted as listed, no "later" link.
          const page = await get(`/stories/${storyId}`);
          assert.deepEqual(listed(page), shown, 'the first page lists every shown article');
          assert.ok(page.includes(`${SHOWN} articles from 1 source`), 'the count agrees with the list');
          assert.ok(!page.includes('?page=2'), 'no page of hidden articles follows');

          // The API, a few at a time: each page full but the last, `nextOffset` counts shown articles
          // and is null after the last one.
          const limit = 7;
          const seen: number[] = [];
          let offset: number | null = 0;
          let pages = 0;
          while (offset !== null) {
            const body = JSON.parse(await get(`/api/v1/stories/${storyId}?limit=${limit}&offset=${offset}`)) as {
              articles: number;
              entries: { id: number }[];
              nextOffset: number | null;
            };
            assert.equal(body.articles, SHOWN, "the story's count is of its shown articles");
            assert.ok(body.entries.length > 0, `offset ${offset}: a page with entries`);
            if (body.nextOffset !== null) {
              assert.equal(body.entries.length, limit, `offset ${offset}: a full page before the last`);
              assert.equal(body.nextOffset, offset + limit, 'nextOffset counts shown articles');
            }
            seen.push(...body.entries.map((e) => e.id));
            offset = body.nextOffset;
            assert.ok(++pages <= 10, 'the pages end');
          }
          assert.deepEqual(seen, shown, 'the pages list every shown article once, oldest first');
          assert.equal(pages, Math.ceil(SHOWN / limit), 'no page after the last shown article');
        } finally {
          await store.close();
        }
      });
    }

    it('the desk still lists every article of the story, the hidden ones too', async () => {
      const store = await d.open();
      try {
        const { storyId } = await build(store, 'damdesk', 'oldest');
        assert.equal((await store.stories.articles(storyId, 0, 1_000)).length, HIDDEN + SHOWN, 'without `shown`: every article');
        assert.equal((await store.stories.articles(storyId, 0, 1_000, true)).length, SHOWN, 'with `shown`: the shown ones');
        assert.equal((await store.stories.articles(storyId, SHOWN - 1, 5, true)).length, 1, 'the offset counts shown articles');
      } finally {
        await store.close();
      }
    });
  });
});
