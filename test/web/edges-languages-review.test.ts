// Hostile review of p-edges (r-edges): the search form's languages (one statement, the kept counts
// less the hidden share) against a brute-force recount of the entries the public lists show, through
// hides of an entry, of a story, of a copy's original, an entry hidden twice over, a language with
// both hidden and shown entries, and unhides; read through one app, whose per-change cache must follow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, entry, HOUR, makeApp } from './helpers.js';

const EDITOR = { id: null, name: 'test editor' };

/** The languages of the entries the public lists show, most first, then by tag (code points). */
async function recount(store: Store): Promise<string[]> {
  const shown = (await store.entries.list({ limit: 1000, withoutHidden: true })).items;
  const n = new Map<string, number>();
  for (const e of shown) if (e.lang) n.set(e.lang, (n.get(e.lang) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([l]) => l);
}

forEachDialect((d) => {
  describe('search languages equal a recount of the shown entries (r-edges)', () => {
    it('through hides of entries, stories and originals, and unhides, read through one app', async () => {
      const store = await d.open();
      try {
        const src = (await store.sources.add({ url: 'https://mixed.example/feed.xml', title: 'Mixed' })).source.id;
        const other = (await store.sources.add({ url: 'https://other.example/feed.xml', title: 'Other' })).source.id;
        const spec: [string, string][] = [
          ['en', 'a'],
          ['en', 'b'],
          ['en', 'c'],
          ['de', 'd'],
          ['de', 'e'],
          ['fr', 'f'],
          ['it', 'g'],
          ['es', 'h'],
          ['es', 'i'],
        ];
        const saved = (
          await store.entries.saveBatch(
            src,
            spec.map(([lang, k], i) => entry(k, `Piece ${k}`, `Text ${k} about the harbour and the dam.`, BASE_TIME - i * HOUR, { lang })),
          )
        ).inserted;
        const byKey = new Map(spec.map(([, k], i) => [k, saved[i]!.id]));
        const id = (k: string) => byKey.get(k)!;
        // Copies in other languages of the Italian article g; the French f in a story with one Spanish piece.
        const copies = (
          await store.entries.saveBatch(other, [
            entry('g-pt', 'Cópia', 'Cópia do texto g.', BASE_TIME - 7 * HOUR, { lang: 'pt' }),
            entry('g-de', 'Kopie', 'Kopie des Textes g.', BASE_TIME - 7 * HOUR, { lang: 'de' }),
          ])
        ).inserted;
        await store.stories.assign([
          { entryId: id('g'), storyKey: 'g' },
          { entryId: copies[0]!.id, storyKey: 'g', duplicateOf: id('g') },
          { entryId: copies[1]!.id, storyKey: 'g', duplicateOf: id('g') },
          { entryId: id('f'), storyKey: 'fh' },
          { entryId: id('h'), storyKey: 'fh' },
          { entryId: id('a'), storyKey: 'a' },
        ]);
        const fh = (await store.entries.get(id('f')))?.storyId;
        const aStory = (await store.entries.get(id('a')))?.storyId;
        assert.ok(fh && aStory);

        const app = makeApp(store);
        const form = async (): Promise<string[]> => {
          const res = await app.request('/search', { headers: { host: 'localhost' } });
          assert.equal(res.status, 200);
          const select = /<select name="lang">([\s\S]*?)<\/select>/.exec(await res.text())?.[1] ?? '';
          return [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1] ?? '');
        };
        const check = async (what: string) => {
          const want = await recount(store);
          assert.deepEqual(await store.search.languages(), want, `store: ${what}`);
          assert.deepEqual(await form(), want, `form: ${what}`);
        };
        const hideEntry = (k: number, hidden: boolean) =>
          store.curation.update({ kind: 'entry', id: k }, { hidden }, EDITOR, hidden ? 'entry.hide' : 'entry.unhide');
        const hideStory = (k: number, hidden: boolean) =>
          store.curation.update({ kind: 'story', id: k }, { hidden }, EDITOR, hidden ? 'story.hide' : 'story.unhide');

        await check('nothing hidden');
        await hideEntry(id('a'), true); // English: one of three hidden
        await check('one English entry hidden');
        await hideStory(aStory, true); // the same entry hidden twice over
        await check('hidden itself and through its story');
        await hideEntry(id('b'), true);
        await hideEntry(id('c'), true); // every English entry hidden
        await check('every English entry hidden');
        await hideEntry(id('g'), true); // Italian gone, Portuguese (copy only) gone, German one fewer
        await check('an original with copies hidden');
        await hideStory(fh, true); // French gone, Spanish one fewer
        await check('a story hidden');
        assert.deepEqual(await form(), ['de', 'es'], 'the hides took: English, Italian, Portuguese and French gone');
        await hideEntry(id('f'), true); // hidden twice over, then the story unhidden
        await hideStory(fh, false);
        await check('story unhidden, its French entry still hidden itself');
        for (const k of ['a', 'b', 'c', 'g', 'f']) await hideEntry(id(k), false);
        await hideStory(aStory, false);
        await check('everything unhidden');
      } finally {
        await store.close();
      }
    });
  });
});
