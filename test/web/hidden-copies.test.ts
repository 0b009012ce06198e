// One meaning of "hidden" for a copy of a hidden article (p-copies, 2026-12-07). The story side
// always took a live copy of a hidden article as hidden (r-hidden, p-counts), while the listings,
// search, the article page, the API, the feeds out and the counts showed it (r-counts: "two
// meanings of shown"). Now the copy goes with its original everywhere on the public side and comes
// back when the original is unhidden; the desk still lists it, saying why it is off the site.
// Also: a story page past its last shown page is missing (404, was 200 with an empty list), and
// the API's stories of a topic leave out a story whose only tagged entries are hidden.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { asViewer, editor } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { entry, makeApp } from './helpers.js';

const EDITOR = { id: null, name: 'test editor' };
const HOUR = 3_600_000;
const TEXT = 'Water broke through the old dam above the valley town early on Sunday. Crews had warned of cracks for a year. '.repeat(3);
const DAMS = [{ topicId: 'dams', matches: [{ field: 'title' as const, start: 0, end: 3, text: 'dam', alias: 'dam', entity: 'dam' }] }];

const setHidden = (store: Store, id: number, hidden: boolean) =>
  store.curation.update({ kind: 'entry', id }, { hidden }, EDITOR, hidden ? 'entry.hide' : 'entry.unhide');

/** GET over a fresh app (no render cache across edits): status and body. */
async function get(store: Store, path: string): Promise<{ status: number; body: string }> {
  const res = await makeApp(store).request(path, { headers: { host: 'localhost' } });
  return { status: res.status, body: await res.text() };
}

async function json<T>(store: Store, path: string): Promise<T> {
  const r = await get(store, path);
  assert.equal(r.status, 200, path);
  return JSON.parse(r.body) as T;
}

/** The sources page's count of entries for source `id` (0 when the row says none or is absent). */
async function sourceCount(store: Store, id: number): Promise<number> {
  const { body } = await get(store, '/sources');
  const row = new RegExp(`href="/sources/${id}">[^<]*</a></bdi></th>\\s*<td[^>]*>[\\s\\S]*?</td>\\s*<td>(\\d+)</td>`).exec(body);
  return row ? Number(row[1]) : 0;
}

/** Where a copy is listed or answered on the public side, each surface by name. */
async function copySeen(store: Store, copyId: number, source: number): Promise<Record<string, boolean | number>> {
  const ids = (r: { items: { id: number }[] }) => r.items.map((x) => x.id);
  const link = `href="/entries/${copyId}"`;
  return {
    sourcePage: (await get(store, `/sources/${source}`)).body.includes(link),
    sourceFeed: (await get(store, `/sources/${source}/feed.rss`)).body.includes(`/entries/${copyId}<`),
    articlePage: (await get(store, `/entries/${copyId}`)).status,
    explainPage: (await get(store, `/topics/dams/entries/${copyId}/explain`)).status,
    searchPage: (await get(store, '/search?q=zebrafinch')).body.includes(link),
    searchFeed: (await get(store, '/search/feed.rss?q=zebrafinch')).body.includes(`/entries/${copyId}<`),
    apiEntries: ids(await json(store, `/api/v1/entries?source=${source}`)).includes(copyId),
    apiEntry: (await get(store, `/api/v1/entries/${copyId}`)).status,
    apiSearch: ids(await json(store, '/api/v1/search?q=zebrafinch')).includes(copyId),
    apiTopicEntries: ids(await json(store, '/api/v1/topics/dams/entries')).includes(copyId),
    apiTopicCount: (await json<{ entries: number }>(store, '/api/v1/topics/dams')).entries,
    sourcesCount: await sourceCount(store, source),
  };
}

forEachDialect((d) => {
  describe('a copy of a hidden article is hidden with it everywhere (p-copies)', () => {
    it('is gone from pages, search, feeds, the API and the counts; the desk lists it with a note; unhiding brings it back', async () => {
      const store = await d.open();
      try {
        const now = Date.now() - 12 * HOUR;
        const a = (await store.sources.add({ url: 'https://alpha.example/feed.xml', title: 'Alpha News' })).source.id;
        const b = (await store.sources.add({ url: 'https://bravo.example/feed.xml', title: 'Bravo News' })).source.id;
        const [original, second] = (
          await store.entries.saveBatch(a, [
            entry('o', 'Dam wire report the desk hid', TEXT, now - 5 * HOUR),
            entry('s', 'Dam second report, shown', TEXT, now - 4 * HOUR),
          ])
        ).inserted;
        const [copy] = (
          await store.entries.saveBatch(b, [entry('c', 'Dam zebrafinch copy of the wire report', `Zebrafinch. ${TEXT}`, now - 3 * HOUR)])
        ).inserted;
        await store.stories.assign([
          { entryId: original!.id, storyKey: 'dam' },
          { entryId: second!.id, storyKey: 'dam' },
          { entryId: copy!.id, storyKey: 'dam', duplicateOf: original!.id },
        ]);
        for (const e of [second!, copy!]) await store.topics.setEntryTopics(e.id, e.publishedAt, DAMS);
        await store.topics.saveDefinition({ id: 'dams', definition: { id: 'dams', name: 'Dams', entities: [{ name: 'dam' }] } });

        const shown = {
          sourcePage: true,
          sourceFeed: true,
          articlePage: 200,
          explainPage: 200,
          searchPage: true,
          searchFeed: true,
          apiEntries: true,
          apiEntry: 200,
          apiSearch: true,
          apiTopicEntries: true,
          apiTopicCount: 2,
          sourcesCount: 1,
        };
        assert.deepEqual(await copySeen(store, copy!.id, b), shown, 'before: the copy is shown everywhere');

        await setHidden(store, original!.id, true);
        assert.deepEqual(
          await copySeen(store, copy!.id, b),
          {
            sourcePage: false,
            sourceFeed: false,
            articlePage: 404,
            explainPage: 404,
            searchPage: false,
            searchFeed: false,
            apiEntries: false,
            apiEntry: 404,
            apiSearch: false,
            apiTopicEntries: false,
            apiTopicCount: 1,
            sourcesCount: 0,
          },
          'the original hidden: the copy is gone from every public surface',
        );
        // The store keeps it, and the desk lists it, saying it is off the site with its original;
        // its own button still offers "hide" (it is not hidden itself).
        assert.equal((await store.entries.get(copy!.id))?.title, 'Dam zebrafinch copy of the wire report');
        const desk = asViewer(makeApp(store), store, () => editor());
        const deskPage = await (await desk.request('/desk/curation')).text();
        const row = new RegExp(`<li id="e${copy!.id}"[\\s\\S]*?</li>`).exec(deskPage)?.[0] ?? '';
        assert.ok(row, 'the desk lists the copy');
        assert.match(row, /<span class="mark-hiddenCopy">Hidden with its original/);
        assert.doesNotMatch(row, /is-hidden/);
        const secondRow = new RegExp(`<li id="e${second!.id}"[\\s\\S]*?</li>`).exec(deskPage)?.[0] ?? '';
        assert.doesNotMatch(secondRow, /mark-hiddenCopy/, 'an article that is no copy has no such note');

        await setHidden(store, original!.id, false);
        assert.deepEqual(await copySeen(store, copy!.id, b), shown, 'unhidden: the copy is back everywhere');
        const deskAgain = await (await desk.request('/desk/curation')).text();
        assert.doesNotMatch(deskAgain, /mark-hiddenCopy/);
      } finally {
        await store.close();
      }
    });

    it('a story page past the last shown page is missing; the API lists a topic story only by a shown tagged entry', async () => {
      const store = await d.open();
      try {
        const now = Date.now() - 12 * HOUR;
        const a = (await store.sources.add({ url: 'https://alpha.example/feed.xml', title: 'Alpha News' })).source.id;
        const [one, two, lone] = (
          await store.entries.saveBatch(a, [
            entry('1', 'Dam report one', TEXT, now - 5 * HOUR),
            entry('2', 'Dam report two', TEXT, now - 4 * HOUR),
            entry('3', 'Dam lone report', TEXT, now - 3 * HOUR),
          ])
        ).inserted;
        await store.stories.assign([
          { entryId: one!.id, storyKey: 'x' },
          { entryId: two!.id, storyKey: 'x' },
          { entryId: lone!.id, storyKey: 'y' },
        ]);
        const x = (await store.entries.get(one!.id))!.storyId!;
        const y = (await store.entries.get(lone!.id))!.storyId!;
        assert.equal((await get(store, `/stories/${x}`)).status, 200);
        assert.equal((await get(store, `/stories/${x}?page=2`)).status, 404, 'page 2 of a two-article story');
        assert.equal((await get(store, `/stories/${x}?page=99`)).status, 404);

        // Story x: only its first article is tagged, and hidden; its second, shown, is not tagged.
        await store.topics.setEntryTopics(one!.id, one!.publishedAt, DAMS);
        await store.topics.setEntryTopics(lone!.id, lone!.publishedAt, DAMS);
        await store.topics.saveDefinition({ id: 'dams', definition: { id: 'dams', name: 'Dams', entities: [{ name: 'dam' }] } });
        const listed = async () =>
          (await json<{ items: { id: number }[] }>(store, '/api/v1/stories?topic=dams')).items.map((s) => s.id).sort((p, q) => p - q);
        assert.deepEqual(
          await listed(),
          [x, y].sort((p, q) => p - q),
        );
        await setHidden(store, one!.id, true);
        assert.deepEqual(await listed(), [y], 'story x has no shown tagged entry');
        assert.equal((await get(store, `/stories/${x}`)).status, 200, 'story x itself is still shown (its second article)');
        await setHidden(store, one!.id, false);
        assert.deepEqual(
          await listed(),
          [x, y].sort((p, q) => p - q),
          'unhidden: listed again',
        );
      } finally {
        await store.close();
      }
    });
  });
});
