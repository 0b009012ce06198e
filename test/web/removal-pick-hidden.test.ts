// Hostile review of p-removepromote (r-removepromote, 2026-12-07): the copy made an article when
// its original goes. Both removals (an entry's, a source's) picked the earliest live copy whatever
// an editor had done to it: when that copy was hidden on its own (an editor hid one outlet's copy,
// its original shown), the others were re-pointed to a hidden article and so went off the public
// side with it (p-copies: a copy of a hidden article is hidden), with no editor's doing. Before
// p-removepromote a source's removal freed every copy, so there this was new. Both dialects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { copyOf, entry, shownOnSite } from './helpers.js';

const EDITOR = { id: null, name: 'copy editor' };
const HOUR = 3_600_000;
const TEXT = 'The harbour bridge reopened to traffic after repairs to its deck, the city said on Tuesday. '.repeat(3);

let n = 0;
async function add(store: Store, host: string): Promise<number> {
  return (await store.sources.add({ url: `https://${host}.example/feed.xml`, title: host })).source.id;
}

async function save(store: Store, source: number, hours: number): Promise<number> {
  n++;
  const t0 = Date.now() - 48 * HOUR;
  const [e] = (await store.entries.saveBatch(source, [entry(`rp-${n}`, `Bridge report ${n}`, TEXT, t0 + hours * HOUR)])).inserted;
  return e!.id;
}

/** An original in a (shown), copies b1 (earliest, hidden by an editor on its own), c1, b2 elsewhere. */
async function wire(store: Store) {
  const [a, b, c] = [await add(store, `oscar${n}`), await add(store, `papa${n}`), await add(store, `quebec${n}`)];
  const original = await save(store, a, 0);
  const [b1, c1, b2] = [await save(store, b, 1), await save(store, c, 2), await save(store, b, 3)];
  const key = `bridge-${n}`;
  await store.stories.assign([
    { entryId: original, storyKey: key },
    ...[b1, c1, b2].map((id) => ({ entryId: id, storyKey: key, duplicateOf: original })),
  ]);
  await store.curation.update({ kind: 'entry', id: b1 }, { hidden: true }, EDITOR, 'teaser.hide');
  assert.deepEqual(await shownOnSite(store, [original, b1, c1, b2]), [true, false, true, true]);
  return { a, b, c, original, b1, c1, b2 };
}

forEachDialect((d) => {
  describe('the copy made an article is one no editor hid on its own (r-removepromote)', () => {
    for (const how of ['entry', 'source'] as const) {
      it(`${how} removal: the earliest copy is hidden on its own, so the next is the article and the others stay shown`, async () => {
        const store = await d.open();
        try {
          const w = await wire(store);
          assert.equal(how === 'entry' ? await store.entries.remove(w.original) : await store.sources.remove(w.a), true);
          assert.deepEqual(
            [await copyOf(store, w.b1), await copyOf(store, w.c1), await copyOf(store, w.b2)],
            [w.c1, null, w.c1],
            'c1 (the earliest copy not hidden) is the article, b1 and b2 copy it',
          );
          assert.deepEqual(
            await shownOnSite(store, [w.b1, w.c1, w.b2]),
            [false, true, true],
            'the removal changes nothing on the public side',
          );
          assert.equal((await store.curation.audit({ action: 'teaser.hide.carried', limit: 10 })).items.length, 0);
        } finally {
          await store.close();
        }
      });
    }

    it('every copy hidden on its own: the earliest is still the article (nothing shown changes)', async () => {
      const store = await d.open();
      try {
        const w = await wire(store);
        for (const id of [w.c1, w.b2]) await store.curation.update({ kind: 'entry', id }, { hidden: true }, EDITOR, 'teaser.hide');
        assert.equal(await store.sources.remove(w.a), true);
        assert.deepEqual([await copyOf(store, w.b1), await copyOf(store, w.c1), await copyOf(store, w.b2)], [null, w.b1, w.b1]);
        assert.deepEqual(await shownOnSite(store, [w.b1, w.c1, w.b2]), [false, false, false]);
      } finally {
        await store.close();
      }
    });

    it('a hidden original: the hide goes to the earliest copy not hidden on its own (one record); unhiding it shows all but the one hidden on its own', async () => {
      const store = await d.open();
      try {
        const w = await wire(store);
        await store.curation.update({ kind: 'entry', id: w.original }, { hidden: true }, EDITOR, 'teaser.hide');
        assert.equal(await store.sources.remove(w.a), true);
        assert.deepEqual(await shownOnSite(store, [w.b1, w.c1, w.b2]), [false, false, false]);
        const audit = (await store.curation.audit({ action: 'teaser.hide.carried', limit: 10 })).items;
        assert.deepEqual(
          audit.map((r) => r.target),
          [`entry:${w.c1}`],
        );
        await store.curation.update({ kind: 'entry', id: w.c1 }, { hidden: false }, EDITOR, 'teaser.unhide');
        assert.deepEqual(await shownOnSite(store, [w.b1, w.c1, w.b2]), [false, true, true]);
      } finally {
        await store.close();
      }
    });
  });
});
