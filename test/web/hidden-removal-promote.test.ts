// A source's removal folds its originals' copies as an entry's removal does (p-removepromote,
// 2026-12-07). Before, removing a source freed every copy in other sources of its entries: each
// became an article of its own (several near-identical teasers for one wire story), and a hidden
// original's copies were each hidden and had to be unhidden one by one. Now, per original leaving
// with the source, its earliest live copy in another source is the article, the other copies copy
// it, a hide is carried to that copy alone (one record), and the stories holding the copies are
// recounted. Both dialects; the hidden case through the whole app.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { copyOf, entry, shownOnSite } from './helpers.js';

const EDITOR = { id: null, name: 'hiding editor' };
const HOUR = 3_600_000;
const TEXT = 'Floodwater reached the lower town after the levee gave way overnight, officials said on Monday. '.repeat(3);

let n = 0;
async function add(store: Store, host: string): Promise<number> {
  return (await store.sources.add({ url: `https://${host}.example/feed.xml`, title: host })).source.id;
}

/** One entry saved in `source`, published `hours` after a fixed start. */
async function save(store: Store, source: number, hours: number): Promise<number> {
  n++;
  const t0 = Date.now() - 48 * HOUR;
  const [e] = (await store.entries.saveBatch(source, [entry(`pr-${n}`, `Levee report ${n}`, TEXT, t0 + hours * HOUR)])).inserted;
  return e!.id;
}

async function counts(store: Store, id: number) {
  const s = await store.stories.get(id);
  return s && { size: s.size, articles: s.articles, sources: s.sources, lead: s.leadEntryId };
}

/** An original in source a, three copies in b and c (b's first the earliest), one story. */
async function wire(store: Store) {
  const [a, b, c] = [await add(store, `alpha${n}`), await add(store, `bravo${n}`), await add(store, `charlie${n}`)];
  const original = await save(store, a, 0);
  const [b1, c1, b2] = [await save(store, b, 1), await save(store, c, 2), await save(store, b, 3)];
  const key = `wire-${n}`;
  await store.stories.assign([
    { entryId: original, storyKey: key },
    ...[b1, c1, b2].map((id) => ({ entryId: id, storyKey: key, duplicateOf: original })),
  ]);
  const story = (await store.entries.get(original))!.storyId!;
  return { a, b, c, original, b1, c1, b2, story, key };
}

forEachDialect((d) => {
  describe("a source's removal promotes one copy per original, as an entry's removal (p-removepromote)", () => {
    it('an original with three copies on two other sources: the earliest is the article, the other two copy it; the story counts one article', async () => {
      const store = await d.open();
      try {
        const w = await wire(store);
        assert.deepEqual(await counts(store, w.story), { size: 4, articles: 1, sources: 3, lead: w.original });
        assert.equal(await store.sources.remove(w.a), true);
        assert.equal(await store.entries.get(w.original), undefined);
        assert.deepEqual([await copyOf(store, w.b1), await copyOf(store, w.c1), await copyOf(store, w.b2)], [null, w.b1, w.b1]);
        assert.deepEqual(await counts(store, w.story), { size: 3, articles: 1, sources: 2, lead: w.b1 });
        assert.deepEqual(await shownOnSite(store, [w.b1, w.c1, w.b2]), [true, true, true]);
        // The same as a recount from scratch (assign recounts the stories it touches).
        await store.stories.assign([{ entryId: w.b1, storyKey: w.key }]);
        assert.deepEqual(await counts(store, w.story), { size: 3, articles: 1, sources: 2, lead: w.b1 });
      } finally {
        await store.close();
      }
    });

    it('a hidden original: only the promoted copy carries the hide, audited once; unhiding it brings all three back', async () => {
      const store = await d.open();
      try {
        const w = await wire(store);
        await store.curation.update({ kind: 'entry', id: w.original }, { hidden: true }, EDITOR, 'teaser.hide');
        assert.deepEqual(await shownOnSite(store, [w.b1, w.c1, w.b2]), [false, false, false]);
        assert.equal(await store.sources.remove(w.a), true);
        assert.deepEqual(
          await shownOnSite(store, [w.b1, w.c1, w.b2]),
          [false, false, false],
          'the removal changes nothing on the public side',
        );
        const o = await store.curation.overrides([w.b1, w.c1, w.b2]);
        assert.deepEqual(
          [...o.entries].map(([id, x]) => [id, x.hidden]),
          [[w.b1, true]],
          'one override, on the promoted copy',
        );
        const audit = (await store.curation.audit({ action: 'teaser.hide.carried', limit: 10 })).items;
        assert.deepEqual(
          audit.map((r) => [r.actorName, r.target]),
          [['hiding editor', `entry:${w.b1}`]],
        );
        await store.curation.update({ kind: 'entry', id: w.b1 }, { hidden: false }, EDITOR, 'teaser.unhide');
        assert.deepEqual(await shownOnSite(store, [w.b1, w.c1, w.b2]), [true, true, true], 'one unhide brings all three back');
      } finally {
        await store.close();
      }
    });

    it("an original whose earliest copies leave with it: the earliest copy elsewhere is the article; one whose copies all leave frees nothing; others' copies are untouched", async () => {
      const store = await d.open();
      try {
        const [a, b, c] = [await add(store, `delta${n}`), await add(store, `echo${n}`), await add(store, `foxtrot${n}`)];
        const original = await save(store, a, 0);
        const [a1, a2] = [await save(store, a, 1), await save(store, a, 2)];
        const [c1, b1] = [await save(store, c, 3), await save(store, b, 4)];
        // A second original of a whose only copy is on a too, and an original of c with a copy on b.
        const lone = await save(store, a, 5);
        const loneCopy = await save(store, a, 6);
        const kept = await save(store, c, 7);
        const keptCopy = await save(store, b, 8);
        await store.stories.assign([
          { entryId: original, storyKey: `gone-${n}` },
          ...[a1, a2, c1, b1].map((id) => ({ entryId: id, storyKey: `gone-${n}`, duplicateOf: original })),
          { entryId: lone, storyKey: `lone-${n}` },
          { entryId: loneCopy, storyKey: `lone-${n}`, duplicateOf: lone },
          { entryId: kept, storyKey: `kept-${n}` },
          { entryId: keptCopy, storyKey: `kept-${n}`, duplicateOf: kept },
        ]);
        const story = (await store.entries.get(c1))!.storyId!;
        const lonely = (await store.entries.get(lone))!.storyId!;
        assert.equal(await store.sources.remove(a), true);
        for (const id of [original, a1, a2, lone, loneCopy]) assert.equal(await store.entries.get(id), undefined);
        assert.deepEqual([await copyOf(store, c1), await copyOf(store, b1)], [null, c1], 'a2 and a1 went: c1 is the article, b1 copies it');
        assert.deepEqual(await counts(store, story), { size: 2, articles: 1, sources: 2, lead: c1 });
        assert.equal(await copyOf(store, keptCopy), kept, "another source's original keeps its copy");
        assert.equal((await counts(store, lonely))?.size ?? 0, 0);
      } finally {
        await store.close();
      }
    });

    it('two originals of the source, each with copies elsewhere: each gets its own article, none copies the other', async () => {
      const store = await d.open();
      try {
        const [a, b, c] = [await add(store, `lima${n}`), await add(store, `mike${n}`), await add(store, `november${n}`)];
        const [x, y] = [await save(store, a, 0), await save(store, a, 1)];
        // x's copies come after y's, so one pick for both would make y's earliest copy x's article.
        const [y1, y2] = [await save(store, b, 2), await save(store, c, 3)];
        const [x1, x2] = [await save(store, c, 4), await save(store, b, 5)];
        await store.stories.assign([
          { entryId: x, storyKey: `x-${n}` },
          { entryId: y, storyKey: `y-${n}` },
          ...[x1, x2].map((id) => ({ entryId: id, storyKey: `x-${n}`, duplicateOf: x })),
          ...[y1, y2].map((id) => ({ entryId: id, storyKey: `y-${n}`, duplicateOf: y })),
        ]);
        assert.equal(await store.sources.remove(a), true);
        assert.deepEqual(
          [await copyOf(store, x1), await copyOf(store, x2), await copyOf(store, y1), await copyOf(store, y2)],
          [null, x1, null, y1],
        );
      } finally {
        await store.close();
      }
    });

    it("copies in other stories than their original: the promoted copy's story counts it an article and is led by it; the others stay in their stories", async () => {
      const store = await d.open();
      try {
        const [a, b, c] = [await add(store, `golf${n}`), await add(store, `hotel${n}`), await add(store, `india${n}`)];
        const original = await save(store, a, 0);
        const other = await save(store, b, 0.5);
        const [b1, c1] = [await save(store, b, 1), await save(store, c, 2)];
        await store.stories.assign([
          { entryId: original, storyKey: `home-${n}` },
          { entryId: other, storyKey: `home-${n}` },
          { entryId: b1, storyKey: `p-${n}`, duplicateOf: original },
          { entryId: c1, storyKey: `q-${n}`, duplicateOf: original },
        ]);
        const storyOf = async (id: number) => (await store.entries.get(id))!.storyId!;
        const [home, p, q] = [await storyOf(original), await storyOf(b1), await storyOf(c1)];
        assert.deepEqual(await counts(store, p), { size: 1, articles: 0, sources: 1, lead: null });
        assert.equal(await store.sources.remove(a), true);
        assert.deepEqual([await copyOf(store, b1), await copyOf(store, c1)], [null, b1]);
        assert.equal((await store.entries.get(c1))?.storyId, q, 'the re-pointed copy stays in its story');
        assert.deepEqual(await counts(store, p), { size: 1, articles: 1, sources: 1, lead: b1 });
        assert.deepEqual(await counts(store, q), { size: 1, articles: 0, sources: 1, lead: null });
        assert.deepEqual(await counts(store, home), { size: 1, articles: 1, sources: 1, lead: other });
      } finally {
        await store.close();
      }
    });

    it("an entry's removal recounts its promoted copy's story when it is another", async () => {
      const store = await d.open();
      try {
        const [a, b] = [await add(store, `juliet${n}`), await add(store, `kilo${n}`)];
        const original = await save(store, a, 0);
        const b1 = await save(store, b, 1);
        await store.stories.assign([
          { entryId: original, storyKey: `r-${n}` },
          { entryId: b1, storyKey: `s-${n}`, duplicateOf: original },
        ]);
        const s = (await store.entries.get(b1))!.storyId!;
        assert.equal(await store.entries.remove(original), true);
        assert.equal(await copyOf(store, b1), null);
        assert.deepEqual(await counts(store, s), { size: 1, articles: 1, sources: 1, lead: b1 });
      } finally {
        await store.close();
      }
    });
  });
});
