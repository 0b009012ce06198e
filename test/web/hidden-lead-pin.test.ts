// An editor hides a story's bad lead article to keep the story but drop that article (p-hidden,
// 2026-12-07): the story's pin must hold on the start page and its topic page, led by the article
// that stands in for the lead (its headline, source, date, excerpt and "Read more"); a story whose
// every article is hidden is gone. And the counts printed beside a story's lists (the teaser
// fold's "+N sources" and "All coverage (N articles)", the story page's "N articles from M
// sources", the article page's "All coverage: N articles from M sources") leave out what editors
// hid, as the lists do. On main the pinned story vanished and the counts took in hidden articles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, siteReader } from './helpers.js';

const EDITOR = { id: null, name: 'test editor' };
const HOUR = 3_600_000;
const LONG =
  'Water broke through the old dam above the valley town early on Sunday. Crews had warned of cracks for a year. ' +
  'Families on the low streets were moved to the school on the hill before dawn. The river is expected to crest tonight, officials said. '.repeat(
    2,
  );

async function build(store: Store) {
  const add = async (name: string) =>
    (await store.sources.add({ url: `https://${name}.example/feed.xml`, title: `${name} News` })).source.id;
  const [a, b, c, other] = [await add('alpha'), await add('bravo'), await add('charlie'), await add('other')];
  const save = async (src: number, key: string, title: string, text: string, at: number) =>
    (await store.entries.saveBatch(src, [entry(key, title, text, at)])).inserted[0]!;
  const bad = await save(a, 'p1', 'Defamatory lead headline about the dam', LONG, BASE_TIME - 10 * HOUR);
  const standIn = await save(b, 'p2', 'Valley town evacuated as the old dam gives way', LONG, BASE_TIME - 9 * HOUR);
  const third = await save(c, 'p3', 'Rescue teams reach the flooded valley', LONG, BASE_TIME - 8 * HOUR);
  const copy = await save(a, 'p4', 'Defamatory lead headline about the dam (wire)', LONG, BASE_TIME - 7 * HOUR);
  // Newer, unrelated stories fill the first page (pageSize 2): only the pin brings the story up.
  for (let i = 0; i < 3; i++) await save(other, `n${i}`, `Unrelated report number ${i}`, 'Nothing about water. ', BASE_TIME - i * HOUR);
  await store.stories.assign([
    { entryId: bad.id, storyKey: 'dam' },
    { entryId: standIn.id, storyKey: 'dam' },
    { entryId: third.id, storyKey: 'dam' },
    { entryId: copy.id, storyKey: 'dam', duplicateOf: bad.id },
  ]);
  const story = (await store.stories.get((await store.entries.get(bad.id))!.storyId!))!;
  assert.equal(story.leadEntryId, bad.id, 'the earliest full report leads');
  assert.deepEqual([story.size, story.articles, story.sources], [4, 3, 3]);
  for (const e of [bad, standIn, third]) {
    await store.topics.setEntryTopics(e.id, e.publishedAt, [
      { topicId: 'dams', matches: [{ field: 'title', start: 0, end: 3, text: 'dam', alias: 'dam', entity: 'dam' }] },
    ]);
  }
  await store.topics.saveDefinition({ id: 'dams', definition: { id: 'dams', name: 'Dams', entities: [{ name: 'dam' }] } });
  return { bad, standIn, third, copy, story };
}

/** The <article> of the pinned teaser, if any. */
function pinnedTeaser(page: string): string | undefined {
  return /<article class="teaser pinned"[\s\S]*?<\/article>/.exec(page)?.[0];
}

forEachDialect((d) => {
  describe('a pinned story whose lead an editor hid, and the counts beside its lists', () => {
    it('keeps the pin with the stand-in lead, and drops it when every article is hidden', async () => {
      const store = await d.open();
      try {
        const { bad, standIn, third, copy, story } = await build(store);
        await store.curation.update({ kind: 'story', id: story.id }, { pinned: true }, EDITOR, 'story.pin');
        const get = siteReader(store, 2);
        const first = pinnedTeaser(await get('/'));
        assert.ok(first?.includes(`href="/entries/${bad.id}"`), 'pinned with its lead while nothing is hidden');

        // The editor hides the bad lead and its wire copy (a copy of a hidden article is listed nowhere).
        await store.curation.update({ kind: 'entry', id: bad.id }, { hidden: true }, EDITOR, 'entry.hide');
        await store.curation.update({ kind: 'entry', id: copy.id }, { hidden: true }, EDITOR, 'entry.hide');
        for (const path of ['/', '/topics/dams']) {
          const page = await get(path);
          const t = pinnedTeaser(page);
          assert.ok(t, `${path}: the pinned story is still pinned`);
          assert.ok(!page.includes('Defamatory'), `${path}: the hidden lead is not shown`);
          assert.ok(t.includes('Valley town evacuated as the old dam gives way'), `${path}: the stand-in's headline`);
          assert.ok(t.includes('bravo News'), `${path}: the stand-in's source`);
          assert.ok(t.includes(`datetime="${new Date(standIn.publishedAt).toISOString()}`), `${path}: the stand-in's date`);
          assert.match(t, /<p class="excerpt">Water broke through the old dam above the valley town early on Sunday\.[^<]*…<\/p>/, path);
          assert.ok(t.includes(`<a class="more" href="/entries/${standIn.id}"`), `${path}: Read more goes to the stand-in`);
          assert.equal((page.match(/class="teaser pinned"/g) ?? []).length, 1, `${path}: one pinned teaser`);
          // The fold beside it: the third article only; "+1 source", "1 article" more than the teaser's.
          const fold = /<details class="story-coverage"[\s\S]*?<\/details>/.exec(t)?.[0] ?? '';
          assert.ok(fold.includes(`/entries/${third.id}`) && !fold.includes(`/entries/${copy.id}`), path);
          assert.ok(fold.includes('+1 source<'), `${path}: "+N sources" counts the shown ones: ${fold.slice(0, 200)}`);
          assert.ok(fold.includes('(2 articles)'), `${path}: "All coverage (N articles)" counts the shown ones`);
        }

        // The story page and an article's "Related stories" state the shown counts.
        const storyPage = await get(`/stories/${story.id}`);
        assert.ok(
          storyPage.includes('2 articles from 2 sources'),
          `the story page's counts: ${/class="meta"[^>]*>[^<]*/.exec(storyPage)?.[0]}`,
        );
        const article = await get(`/entries/${third.id}`);
        assert.ok(article.includes('All coverage: 2 articles from 2 sources'), 'the article page counts the shown ones');

        // Every article hidden: the story is gone from the pins (and from the page).
        for (const e of [standIn, third]) await store.curation.update({ kind: 'entry', id: e.id }, { hidden: true }, EDITOR, 'entry.hide');
        for (const path of ['/', '/topics/dams']) {
          const page = await get(path);
          assert.equal(pinnedTeaser(page), undefined, `${path}: nothing left to pin`);
          assert.ok(!page.includes('valley') && !page.includes('Valley'), path);
        }
      } finally {
        await store.close();
      }
    });

    it('leaves out a copy of a hidden article, which is listed nowhere, and the source seen only in it (r-hidden)', async () => {
      const store = await d.open();
      try {
        const { bad, third, copy, story } = await build(store);
        // Only the lead is hidden; its wire copy (from the lead's source) is not, yet no list shows it.
        await store.curation.update({ kind: 'entry', id: bad.id }, { hidden: true }, EDITOR, 'entry.hide');
        const get = siteReader(store, 2);
        const storyPage = await get(`/stories/${story.id}`);
        assert.ok(!storyPage.includes(`/entries/${copy.id}"`), 'the copy is not listed');
        assert.ok(
          storyPage.includes('2 articles from 2 sources'),
          `the story page's counts: ${/class="meta"[^>]*>[^<]*/.exec(storyPage)?.[0]}`,
        );
        const article = await get(`/entries/${third.id}`);
        assert.ok(article.includes('All coverage: 2 articles from 2 sources'), 'the article page counts the shown ones');
      } finally {
        await store.close();
      }
    });

    it("leaves a hidden copy out of its original's copy count (r-hidden)", async () => {
      const store = await d.open();
      try {
        const { bad, copy, story } = await build(store);
        await store.curation.update({ kind: 'entry', id: copy.id }, { hidden: true }, EDITOR, 'entry.hide');
        const get = siteReader(store, 2);
        // The lead's only copy is hidden: no "1 copy" fold over an empty list, no "All 1 copies".
        const storyPage = await get(`/stories/${story.id}`);
        assert.ok(storyPage.includes(`/entries/${bad.id}"`), 'the lead is listed');
        assert.equal(/<details class="copies"[\s\S]*?<\/details>/.exec(storyPage)?.[0], undefined, 'no copy fold');
        const article = await get(`/entries/${bad.id}`);
        assert.ok(!/copy of this one|copies of this one/.test(article), 'the article page counts no copy');
      } finally {
        await store.close();
      }
    });
  });
});
