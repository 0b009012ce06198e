// Stories, copies, sightings and edits over any dialect: what StoryRepo and the canonical-URL
// identity of EntryRepo.saveBatch promise.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { NewEntry } from '../../src/domain/entry.js';
import type { Store } from '../../src/store/store.js';
import { LEAD_MIN_TEXT, type HiddenShare } from '../../src/store/stories.js';
import { addEntries, textEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 2, 1, 8);
const MIN = 60_000;
let n = 0;

/** An article with a fresh identity; `canonical` makes it one article across sources. */
function article(title: string, at: number, extra: Partial<NewEntry> = {}): NewEntry {
  n++;
  return textEntry(
    { dedupeKey: `sk-${n}`, fingerprint: `sfp-${n}`, url: `https://wire.example/a/${n}` },
    title,
    `Text of ${title}.`,
    at,
    extra,
  );
}

/** The counts of a HiddenShare (its languages and span are tested on their own). */
function counted(h: HiddenShare | undefined): { size: number; articles: number; sources: number } | undefined {
  return h && { size: h.size, articles: h.articles, sources: h.sources };
}

export function storiesContract(name: string, open: () => Promise<Store>): void {
  describe(`StoryRepo contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    test('one canonical URL is one entry across sources: the second source adds a sighting, not an entry', async () => {
      const a = (await store.sources.add({ url: 'https://one.example/feed' })).source.id;
      const b = (await store.sources.add({ url: 'https://two.example/feed' })).source.id;
      const canonicalUrl = 'https://news.example/2026/03/flood';
      const first = await store.entries.saveBatch(a, [article('Flood in the valley', T0, { canonicalUrl })], T0);
      assert.equal(first.inserted.length, 1);
      const id = first.inserted[0]!.id;
      const second = await store.entries.saveBatch(
        b,
        [article('Valley flood: hundreds leave', T0 + MIN, { canonicalUrl, url: 'https://news.example/2026/03/flood?utm_source=x' })],
        T0 + 5 * MIN,
      );
      assert.equal(second.inserted.length, 0);
      assert.equal(second.sighted, 1);
      // Polled again, the sighting is not counted twice.
      const again = await store.entries.saveBatch(b, [article('Valley flood: hundreds leave', T0 + MIN, { canonicalUrl })], T0 + 9 * MIN);
      assert.equal(again.sighted, 0);
      assert.equal(again.inserted.length, 0);
      const seen = (await store.stories.sightings([id])).get(id) ?? [];
      assert.deepEqual(
        seen.map((s) => [s.sourceId, s.firstSeen, s.title]),
        [
          [a, T0, 'Flood in the valley'],
          [b, T0 + 5 * MIN, 'Valley flood: hundreds leave'],
        ],
      );
      assert.equal(seen[1]!.url, 'https://news.example/2026/03/flood?utm_source=x');
      // The teaser names the earliest copy: the entry keeps the first source's headline.
      assert.equal((await store.entries.get(id))?.title, 'Flood in the valley');
    });

    test('one canonical URL twice in one batch: the first item is the entry, the second is unchanged, in every dialect', async () => {
      // A feed listing one article twice under two GUIDs. PostgreSQL kept the first and counted the
      // second unchanged; SQLite found the first just inserted and overwrote it with the second,
      // recording a headline edit that never happened.
      const src = (await store.sources.add({ url: 'https://twice.example/feed' })).source.id;
      const canonicalUrl = 'https://twice.example/story';
      const r = await store.entries.saveBatch(
        src,
        [article('Bridge opens', T0, { canonicalUrl }), article('Bridge opens to traffic', T0 - MIN, { canonicalUrl })],
        T0,
      );
      assert.deepEqual([r.inserted.length, r.updated, r.unchanged, r.sighted], [1, 0, 1, 0]);
      const id = r.inserted[0]!.id;
      assert.equal((await store.entries.get(id))?.title, 'Bridge opens');
      assert.deepEqual(await store.stories.history(id), []);
    });

    test('removing a source keeps what others carry: shared articles pass to the next source, copies of its articles stand alone', async () => {
      const a = (await store.sources.add({ url: 'https://gone.example/feed' })).source.id;
      const b = (await store.sources.add({ url: 'https://stays.example/feed' })).source.id;
      const canonicalUrl = 'https://gone.example/shared';
      const [shared, own] = (
        await store.entries.saveBatch(a, [article('Shared report', T0, { canonicalUrl }), article('Own report', T0 + MIN)], T0)
      ).inserted;
      await store.entries.saveBatch(b, [article('Shared report (B)', T0, { canonicalUrl })], T0 + MIN);
      const [copy] = (await store.entries.saveBatch(b, [article('Copy of own report', T0 + 2 * MIN)])).inserted;
      await store.stories.assign([
        { entryId: shared!.id, storyKey: 'gone-story' },
        { entryId: own!.id, storyKey: 'gone-story' },
        { entryId: copy!.id, storyKey: 'gone-story', duplicateOf: own!.id },
      ]);
      assert.equal(await store.sources.remove(a), true);
      const kept = await store.entries.get(shared!.id);
      assert.equal(kept?.sourceId, b, 'the article another source carried stays, now under that source');
      assert.equal(await store.entries.get(own!.id), undefined);
      assert.equal((await store.entries.get(copy!.id))?.duplicateOf, null);
      const story = await store.stories.get(kept!.storyId!);
      assert.deepEqual([story?.size, story?.articles, story?.sources], [2, 2, 1]);
      assert.equal(await store.sources.remove(a), false);
    });

    test('a second source sighting an entry counts in its story at once; removing that source takes it out again', async () => {
      const a = (await store.sources.add({ url: 'https://first-count.example/feed' })).source.id;
      const b = (await store.sources.add({ url: 'https://second-count.example/feed' })).source.id;
      const c = (await store.sources.add({ url: 'https://third-count.example/feed' })).source.id;
      const u1 = 'https://count.example/2026/03/storm';
      const u2 = 'https://count.example/2026/03/storm-later';
      const u3 = 'https://count.example/2026/03/other';
      const [x, y, z] = (
        await store.entries.saveBatch(
          a,
          [
            article('Storm reaches the coast', T0, { canonicalUrl: u1 }),
            article('Sturm erreicht die Küste', T0 + MIN, { canonicalUrl: u2, lang: 'de' }),
            article('Unrelated report', T0 + 2 * MIN, { canonicalUrl: u3 }),
          ],
          T0,
        )
      ).inserted;
      await store.stories.assign([
        { entryId: x!.id, storyKey: 'count-storm' },
        { entryId: y!.id, storyKey: 'count-storm' },
        { entryId: z!.id, storyKey: 'count-other' },
      ]);
      const sid = (await store.entries.get(x!.id))!.storyId!;
      const other = (await store.entries.get(z!.id))!.storyId!;
      const counts = async (id: number): Promise<unknown[]> => {
        const s = await store.stories.get(id);
        return [s?.size, s?.articles, s?.sources, s?.languages];
      };
      assert.deepEqual(await counts(sid), [2, 2, 1, ['de', 'en']]);

      // b carries both articles of the story in one batch: one source more, not two.
      const r = await store.entries.saveBatch(
        b,
        [article('Storm hits coast (B)', T0, { canonicalUrl: u1 }), article('Storm, later (B)', T0 + MIN, { canonicalUrl: u2 })],
        T0 + 5 * MIN,
      );
      assert.equal(r.sighted, 2);
      assert.deepEqual(await counts(sid), [2, 2, 2, ['de', 'en']]);
      // As every reader sees it: one story, a page of them, the newest first.
      assert.equal((await store.stories.getMany([sid])).get(sid)?.sources, 2);
      assert.equal((await store.stories.list({ limit: 10 })).items.find((s) => s.id === sid)?.sources, 2);
      // Polled again: nothing more.
      await store.entries.saveBatch(b, [article('Storm hits coast (B)', T0, { canonicalUrl: u1 })], T0 + 9 * MIN);
      assert.deepEqual(await counts(sid), [2, 2, 2, ['de', 'en']]);
      // c sights one article in each story in one batch: both count it once.
      await store.entries.saveBatch(
        c,
        [article('Storm (C)', T0, { canonicalUrl: u1 }), article('Other (C)', T0 + 2 * MIN, { canonicalUrl: u3 })],
        T0 + 10 * MIN,
      );
      assert.deepEqual(await counts(sid), [2, 2, 3, ['de', 'en']]);
      assert.deepEqual(await counts(other), [1, 1, 2, ['en']]);
      // The same as a recount from scratch (assign recounts the stories it touches).
      await store.stories.assign([
        { entryId: x!.id, storyKey: 'count-storm' },
        { entryId: z!.id, storyKey: 'count-other' },
      ]);
      assert.deepEqual(await counts(sid), [2, 2, 3, ['de', 'en']]);
      assert.deepEqual(await counts(other), [1, 1, 2, ['en']]);

      // A source that only sighted leaves: its stories count one source fewer.
      assert.equal(await store.sources.remove(c), true);
      assert.deepEqual(await counts(sid), [2, 2, 2, ['de', 'en']]);
      assert.deepEqual(await counts(other), [1, 1, 1, ['en']]);
      // The source whose entries they were leaves: they pass to b and stay in the story, with b alone.
      assert.equal(await store.sources.remove(a), true);
      assert.equal((await store.entries.get(x!.id))?.sourceId, b);
      assert.deepEqual(await counts(sid), [2, 2, 1, ['de', 'en']]);
      // A removed entry takes its sightings with it: only what is left is counted.
      const d = (await store.sources.add({ url: 'https://fourth-count.example/feed' })).source.id;
      await store.entries.saveBatch(d, [article('Storm, later (D)', T0 + MIN, { canonicalUrl: u2 })], T0 + 20 * MIN);
      assert.deepEqual(await counts(sid), [2, 2, 2, ['de', 'en']]);
      assert.equal(await store.entries.remove(y!.id), true);
      assert.deepEqual(await counts(sid), [1, 1, 1, ['en']]);
    });

    test('a sighting of an entry without a story, or of a removed one, changes no story', async () => {
      const a = (await store.sources.add({ url: 'https://nostory-a.example/feed' })).source.id;
      const b = (await store.sources.add({ url: 'https://nostory-b.example/feed' })).source.id;
      const u1 = 'https://nostory.example/1';
      const u2 = 'https://nostory.example/2';
      const [x, y] = (
        await store.entries.saveBatch(
          a,
          [article('Loose report', T0, { canonicalUrl: u1 }), article('Gone report', T0, { canonicalUrl: u2 })],
          T0,
        )
      ).inserted;
      await store.stories.assign([{ entryId: y!.id, storyKey: 'nostory-gone' }]);
      const sid = (await store.entries.get(y!.id))!.storyId!;
      await store.entries.remove(y!.id);
      const r = await store.entries.saveBatch(
        b,
        [article('Loose (B)', T0, { canonicalUrl: u1 }), article('Gone (B)', T0, { canonicalUrl: u2 })],
        T0 + MIN,
      );
      assert.equal(r.sighted, 1);
      assert.equal((await store.stories.get(sid))?.sources, 0);
      // Placed later, the entry's story counts both sources from the start.
      await store.stories.assign([{ entryId: x!.id, storyKey: 'nostory-loose' }]);
      assert.equal((await store.stories.get((await store.entries.get(x!.id))!.storyId!))?.sources, 2);
    });

    test('an edited headline or a new GUID for the same address updates the entry and keeps its history', async () => {
      const src = (await store.sources.add({ url: 'https://edits.example/feed' })).source.id;
      const canonicalUrl = 'https://edits.example/story/1';
      const base = article('Minister resigns', T0, { canonicalUrl, url: canonicalUrl });
      const [e] = (await store.entries.saveBatch(src, [base], T0)).inserted;
      // Same GUID, edited headline.
      const r1 = await store.entries.saveBatch(src, [{ ...base, title: 'Minister resigns after vote' }], T0 + MIN);
      assert.equal(r1.updated, 1);
      // New GUID and new fingerprint, same address: still the same article.
      const r2 = await store.entries.saveBatch(
        src,
        [{ ...base, dedupeKey: 'guid-changed', fingerprint: 'fp-changed', title: 'Minister resigns after no-confidence vote' }],
        T0 + 2 * MIN,
      );
      assert.equal(r2.inserted.length, 0);
      assert.equal(r2.updated, 1);
      assert.equal(await store.entries.count({ sourceId: src }), 1);
      assert.equal((await store.entries.get(e!.id))?.title, 'Minister resigns after no-confidence vote');
      const h = await store.stories.history(e!.id);
      assert.deepEqual(
        h.map((x) => [x.titleBefore, x.titleAfter, x.changedAt]),
        [
          ['Minister resigns', 'Minister resigns after vote', T0 + MIN],
          ['Minister resigns after vote', 'Minister resigns after no-confidence vote', T0 + 2 * MIN],
        ],
      );
      assert.equal(h[0]!.sourceId, src);
      // A content change without a new headline or address is an update, not an edit in the history.
      await store.entries.saveBatch(src, [
        {
          ...base,
          dedupeKey: 'guid-changed',
          fingerprint: 'fp-changed',
          title: 'Minister resigns after no-confidence vote',
          contentHtml: '<p>More.</p>',
        },
      ]);
      assert.equal((await store.stories.history(e!.id)).length, 2);
    });

    test('hiddenShare: what editors hid of a story, to take from its counts (p-hidden)', async () => {
      const ed = { id: 7, name: 'Editor Ed' };
      const [a1, a2] = await addEntries(store, [article('Dam opens: first', T0), article('Dam opens: second', T0 + MIN)]);
      const [b1, b2] = await addEntries(store, [article('Dam opens: third', T0 + 2 * MIN), article('Dam opens (wire)', T0 + 3 * MIN)]);
      const key = `story-${a1!.id}`;
      await store.stories.assign([
        { entryId: a1!.id, storyKey: key },
        { entryId: a2!.id, storyKey: key },
        { entryId: b1!.id, storyKey: key },
        { entryId: b2!.id, storyKey: key, duplicateOf: b1!.id },
      ]);
      const sid = (await store.entries.get(a1!.id))?.storyId;
      assert.ok(sid);
      assert.deepEqual([...(await store.stories.hiddenShare([sid])).entries()], [], 'nothing hidden: not in the map');
      // One of source A's two articles hidden: one article fewer, source A still carries the other.
      await store.curation.update({ kind: 'entry', id: a1!.id }, { hidden: true }, ed, 'teaser.hide', T0);
      assert.deepEqual(counted((await store.stories.hiddenShare([sid, sid])).get(sid)), { size: 1, articles: 1, sources: 0 });
      // Source B's article and its copy hidden: B carried nothing shown.
      await store.curation.update({ kind: 'entry', id: b1!.id }, { hidden: true }, ed, 'teaser.hide', T0);
      await store.curation.update({ kind: 'entry', id: b2!.id }, { hidden: true }, ed, 'teaser.hide', T0);
      assert.deepEqual(counted((await store.stories.hiddenShare([sid])).get(sid)), { size: 3, articles: 2, sources: 1 });
      assert.equal((await store.stories.hiddenShare([])).size, 0);
    });

    test('hiddenShare: a copy of a hidden article is listed nowhere, so it and a source seen only in it are hidden (r-hidden)', async () => {
      const ed = { id: 7, name: 'Editor Ed' };
      const [a1, a2] = await addEntries(store, [article('Dam opens: first', T0), article('Dam opens: second', T0 + MIN)]);
      // Source B carries only a copy of a1 (not hidden itself).
      const [b1] = await addEntries(store, [article('Dam opens (wire)', T0 + 2 * MIN)]);
      const key = `story-${a1!.id}`;
      await store.stories.assign([
        { entryId: a1!.id, storyKey: key },
        { entryId: a2!.id, storyKey: key },
        { entryId: b1!.id, storyKey: key, duplicateOf: a1!.id },
      ]);
      const sid = (await store.entries.get(a1!.id))?.storyId;
      assert.ok(sid);
      const s0 = (await store.stories.get(sid))!;
      assert.deepEqual([s0.size, s0.articles, s0.sources], [3, 2, 2]);
      await store.curation.update({ kind: 'entry', id: a1!.id }, { hidden: true }, ed, 'teaser.hide', T0);
      // a1 and its copy b1 hidden: one article, and source B (its only entry, b1, listed nowhere).
      assert.deepEqual(counted((await store.stories.hiddenShare([sid])).get(sid)), { size: 2, articles: 1, sources: 1 });
      // The copy hidden too: still counted once.
      await store.curation.update({ kind: 'entry', id: b1!.id }, { hidden: true }, ed, 'teaser.hide', T0);
      assert.deepEqual(counted((await store.stories.hiddenShare([sid])).get(sid)), { size: 2, articles: 1, sources: 1 });
    });

    test('hiddenShare: the languages and span of the shown entries, most first (p-counts)', async () => {
      const ed = { id: 7, name: 'Editor Ed' };
      const [e1, e2, e3, e4, e5, e6] = await addEntries(store, [
        article('Quake: German first', T0, { lang: 'de' }),
        article('Quake: English one', T0 + MIN, { lang: 'en' }),
        article('Quake: English two', T0 + 2 * MIN, { lang: 'en' }),
        article('Quake: Arabic one', T0 + 3 * MIN, { lang: 'ar', dir: 'rtl' }),
        article('Quake: Arabic two', T0 + 4 * MIN, { lang: 'ar', dir: 'rtl' }),
        article('Quake: Arabic three', T0 + 5 * MIN, { lang: 'ar', dir: 'rtl' }),
      ]);
      const key = `story-${e1!.id}`;
      await store.stories.assign([e1, e2, e3, e4, e5, e6].map((e) => ({ entryId: e!.id, storyKey: key })));
      const sid = (await store.entries.get(e1!.id))!.storyId!;
      const s0 = (await store.stories.get(sid))!;
      assert.deepEqual([s0.languages, s0.firstPublished, s0.lastPublished], [['ar', 'en', 'de'], T0, T0 + 5 * MIN]);
      for (const e of [e1!, e5!, e6!]) await store.curation.update({ kind: 'entry', id: e.id }, { hidden: true }, ed, 'teaser.hide', T0);
      const h = (await store.stories.hiddenShare([sid])).get(sid)!;
      // Shown: two English, one Arabic; from e2 to e4.
      assert.deepEqual([h.languages, h.firstPublished, h.lastPublished], [['en', 'ar'], T0 + MIN, T0 + 3 * MIN]);
      for (const e of [e2!, e3!, e4!]) await store.curation.update({ kind: 'entry', id: e.id }, { hidden: true }, ed, 'teaser.hide', T0);
      const none = (await store.stories.hiddenShare([sid])).get(sid)!;
      assert.deepEqual([none.size, none.languages, none.firstPublished, none.lastPublished], [6, [], null, null], 'nothing shown');
    });

    test('firstShown: the earliest article no editor hid, among all of a story (p-counts)', async () => {
      const ed = { id: 7, name: 'Editor Ed' };
      const saved = await addEntries(
        store,
        Array.from({ length: 24 }, (_, i) => article(`Flood report ${i}`, T0 + i * MIN)),
      );
      const key = `story-${saved[0]!.id}`;
      await store.stories.assign(saved.map((e) => ({ entryId: e.id, storyKey: key })));
      // A copy, earlier than all, never stands in.
      const [copy] = await addEntries(store, [article('Flood report (wire)', T0 - MIN)]);
      await store.stories.assign([{ entryId: copy!.id, storyKey: key, duplicateOf: saved[3]!.id }]);
      const sid = (await store.entries.get(saved[0]!.id))!.storyId!;
      assert.equal((await store.stories.firstShown([sid])).get(sid)?.entryId, saved[0]!.id, 'nothing hidden: the earliest');
      // The earliest and the 22 newest hidden: the second is the only one shown.
      for (const e of [saved[0]!, ...saved.slice(2)])
        await store.curation.update({ kind: 'entry', id: e.id }, { hidden: true }, ed, 'teaser.hide', T0);
      const got = (await store.stories.firstShown([sid, sid, 987_654])).get(sid);
      assert.equal(got?.entryId, saved[1]!.id);
      assert.equal(got?.title, 'Flood report 1');
      await store.curation.update({ kind: 'entry', id: saved[1]!.id }, { hidden: true }, ed, 'teaser.hide', T0);
      assert.equal((await store.stories.firstShown([sid])).size, 0, 'none shown');
      assert.equal((await store.stories.firstShown([])).size, 0);
    });

    test('copies with `shown`: pages and totals over the copies no editor hid (p-counts)', async () => {
      const ed = { id: 7, name: 'Editor Ed' };
      const [o] = await addEntries(store, [article('Storm: original', T0)]);
      const cs = await addEntries(
        store,
        [1, 2, 3, 4].map((i) => article(`Storm: copy ${i}`, T0 + i * MIN)),
      );
      const key = `story-${o!.id}`;
      await store.stories.assign([
        { entryId: o!.id, storyKey: key },
        ...cs.map((c) => ({ entryId: c.id, storyKey: key, duplicateOf: o!.id })),
      ]);
      for (const c of [cs[0]!, cs[2]!]) await store.curation.update({ kind: 'entry', id: c.id }, { hidden: true }, ed, 'teaser.hide', T0);
      const all = (await store.stories.copies([o!.id], 10)).get(o!.id)!;
      assert.deepEqual([all.total, all.items.length], [4, 4], 'without `shown`: every copy');
      const shown = (await store.stories.copies([o!.id], 10, 0, true)).get(o!.id)!;
      assert.deepEqual([shown.total, shown.items.map((x) => x.entryId)], [2, [cs[1]!.id, cs[3]!.id]]);
      const second = (await store.stories.copies([o!.id], 1, 1, true)).get(o!.id)!;
      assert.deepEqual([second.total, second.items.map((x) => x.entryId)], [2, [cs[3]!.id]], 'the offset counts shown copies');
      assert.equal((await store.stories.copies([o!.id], 0, 0, true)).get(o!.id)?.total, 2);
    });

    test('hiddenCopies: the live copies of each entry an editor hid, in one query (r-hidden)', async () => {
      const ed = { id: 7, name: 'Editor Ed' };
      const [o1, o2] = await addEntries(store, [article('Dam opens: first', T0), article('Dam opens: second', T0 + MIN)]);
      const [c1, c2, c3] = await addEntries(store, [
        article('Copy one', T0 + 2 * MIN),
        article('Copy two', T0 + 3 * MIN),
        article('Copy three', T0 + 4 * MIN),
      ]);
      const key = `story-${o1!.id}`;
      await store.stories.assign([
        { entryId: o1!.id, storyKey: key },
        { entryId: o2!.id, storyKey: key },
        { entryId: c1!.id, storyKey: key, duplicateOf: o1!.id },
        { entryId: c2!.id, storyKey: key, duplicateOf: o1!.id },
        { entryId: c3!.id, storyKey: key, duplicateOf: o2!.id },
      ]);
      assert.equal((await store.stories.hiddenCopies([o1!.id, o2!.id])).size, 0, 'nothing hidden');
      for (const c of [c1!, c3!, o2!]) await store.curation.update({ kind: 'entry', id: c.id }, { hidden: true }, ed, 'teaser.hide', T0);
      // o2 hidden itself is not a copy; c1 of o1 and c3 of o2 are.
      assert.deepEqual(
        [...(await store.stories.hiddenCopies([o1!.id, o2!.id, o1!.id])).entries()].sort((a, b) => a[0] - b[0]),
        [
          [o1!.id, 1],
          [o2!.id, 1],
        ],
      );
      assert.equal((await store.stories.copies([o1!.id], 0)).get(o1!.id)?.total, 2, 'copies() still counts every live copy');
      assert.equal((await store.stories.hiddenCopies([])).size, 0);
    });

    test('assign groups entries by key, records copies, and keeps the summary (size, sources, languages, lead)', async () => {
      const thin = article('Quake: flash', T0, { text: 'Quake.' });
      const full = article('Earthquake strikes the coast', T0 + MIN, { text: 'x'.repeat(LEAD_MIN_TEXT + 10) });
      const ar = article('زلزال يضرب الساحل', T0 + 2 * MIN, { lang: 'ar', dir: 'rtl' });
      const copy = article('Earthquake strikes the coast (wire)', T0 + 3 * MIN);
      const [e1, e2] = await addEntries(store, [thin, full]);
      const [e3, e4] = await addEntries(store, [ar, copy]);
      const key = `story-${e1!.id}`;
      await store.stories.assign([
        { entryId: e1!.id, storyKey: key },
        { entryId: e2!.id, storyKey: key },
        { entryId: e3!.id, storyKey: key },
        { entryId: e4!.id, storyKey: key, duplicateOf: e2!.id },
      ]);
      const sid = (await store.entries.get(e1!.id))?.storyId;
      assert.ok(sid);
      const s = await store.stories.get(sid);
      assert.equal(s?.key, key);
      assert.equal(s?.size, 4);
      assert.equal(s?.articles, 3);
      assert.equal(s?.sources, 2);
      assert.deepEqual(s?.languages, ['en', 'ar']);
      assert.equal(s?.firstPublished, T0);
      assert.equal(s?.lastPublished, T0 + 3 * MIN);
      // The flash came first but says little: the full report leads.
      assert.equal(s?.leadEntryId, e2!.id);
      assert.equal(s?.headline, 'Earthquake strikes the coast');
      assert.equal((await store.entries.get(e4!.id))?.duplicateOf, e2!.id);

      const cov = (await store.stories.coverage([sid], 10)).get(sid) ?? [];
      assert.deepEqual(
        cov.map((c) => c.entryId),
        [e3!.id, e2!.id, e1!.id],
        'newest first, copies left out',
      );
      assert.deepEqual(
        ((await store.stories.coverage([sid], 2)).get(sid) ?? []).map((c) => c.entryId),
        [e3!.id, e2!.id],
      );
      assert.deepEqual(
        (await store.stories.articles(sid, 0, 10)).map((c) => c.entryId),
        [e1!.id, e2!.id, e3!.id],
      );
      assert.deepEqual(
        (await store.stories.articles(sid, 1, 1)).map((c) => c.entryId),
        [e2!.id],
      );
      const copies = await store.stories.copies([e1!.id, e2!.id], 5);
      assert.equal(copies.get(e2!.id)?.total, 1);
      assert.deepEqual(
        copies.get(e2!.id)?.items.map((c) => c.entryId),
        [e4!.id],
      );
      assert.equal(copies.has(e1!.id), false);
      const many = await store.stories.getMany([sid, 999_999]);
      assert.deepEqual([...many.keys()], [sid]);

      // Removing the original promotes its copy; the summary follows.
      assert.equal(await store.entries.remove(e2!.id), true);
      assert.equal((await store.entries.get(e4!.id))?.duplicateOf, null);
      const after = await store.stories.get(sid);
      assert.equal(after?.size, 3);
      assert.equal(after?.articles, 3);
    });

    test('a merge moves the bridged story into the target; the old story points on; list pages by newest activity', async () => {
      const [a1, a2, b1, b2] = await addEntries(store, [
        article('Talks open in Geneva', T0 + 100 * MIN),
        article('Geneva talks, day two', T0 + 101 * MIN),
        article('Delegations arrive', T0 + 102 * MIN),
        article('Geneva talks reach deal', T0 + 103 * MIN),
      ]);
      await store.stories.assign([
        { entryId: a1!.id, storyKey: 'geneva-a' },
        { entryId: b1!.id, storyKey: 'geneva-b' },
      ]);
      const sa = (await store.entries.get(a1!.id))!.storyId!;
      const sb = (await store.entries.get(b1!.id))!.storyId!;
      assert.notEqual(sa, sb);
      await store.stories.assign([{ entryId: a2!.id, storyKey: 'geneva-a', merged: ['geneva-b'] }]);
      assert.equal((await store.entries.get(b1!.id))?.storyId, sa);
      assert.equal((await store.stories.get(sb))?.mergedInto, sa);
      assert.equal((await store.stories.get(sa))?.size, 3);
      // A later decision naming the merged key lands in the story it was merged into.
      await store.stories.assign([{ entryId: b2!.id, storyKey: 'geneva-b' }]);
      assert.equal((await store.entries.get(b2!.id))?.storyId, sa);

      const page1 = await store.stories.list({ limit: 1 });
      assert.equal(page1.items[0]?.id, sa, 'the newest activity first; merged stories are not listed');
      assert.ok(page1.older);
      const page2 = await store.stories.list({ limit: 50, after: page1.older });
      assert.ok(!page2.items.some((s) => s.id === sa || s.id === sb));
      await store.topics.setEntryTopics(a1!.id, a1!.publishedAt, [{ topicId: 'diplomacy', matches: [] }]);
      assert.deepEqual(
        (await store.stories.list({ limit: 10, topicId: 'diplomacy' })).items.map((s) => s.id),
        [sa],
      );
    });

    test('one teaser per story: listings with onePerStory keep the newest article of each story and no copies', async () => {
      const src = (await store.sources.add({ url: 'https://fold.example/feed' })).source.id;
      const saved = (
        await store.entries.saveBatch(src, [
          article('Fold A1', T0 + 200 * MIN),
          article('Fold B1', T0 + 201 * MIN),
          article('Fold A2', T0 + 202 * MIN),
          article('Fold A2 copy', T0 + 203 * MIN),
          article('Fold alone', T0 + 204 * MIN),
        ])
      ).inserted;
      const [a1, b1, a2, a2c] = saved;
      await store.stories.assign([
        { entryId: a1!.id, storyKey: 'fold-a' },
        { entryId: b1!.id, storyKey: 'fold-b' },
        { entryId: a2!.id, storyKey: 'fold-a' },
        { entryId: a2c!.id, storyKey: 'fold-a', duplicateOf: a2!.id },
      ]);
      const titles = async (limit: number): Promise<string[]> => {
        const out: string[] = [];
        let page = await store.search.teasers({ sourceId: src, onePerStory: true, limit }, 50);
        out.push(...page.items.map((e) => e.title));
        while (page.older) {
          page = await store.search.teasers({ sourceId: src, onePerStory: true, limit, after: page.older }, 50);
          out.push(...page.items.map((e) => e.title));
        }
        return out;
      };
      assert.deepEqual(await titles(10), ['Fold alone', 'Fold A2', 'Fold B1']);
      assert.deepEqual(await titles(1), ['Fold alone', 'Fold A2', 'Fold B1'], 'the same rows page by page');
      const listed = await store.entries.list({ sourceId: src, onePerStory: true, limit: 10 });
      assert.deepEqual(
        listed.items.map((e) => e.title),
        ['Fold alone', 'Fold A2', 'Fold B1'],
      );
      assert.equal(listed.items[1]?.storyId, (await store.entries.get(a1!.id))?.storyId);
      // Without the flag every entry is listed, copies included.
      assert.equal((await store.entries.list({ sourceId: src, limit: 10 })).items.length, 5);
    });

    test('unclusteredInputs: live entries without a story, in time order after a place (p-fence2)', async () => {
      const fresh = await open();
      try {
        const [late, early, told, gone, mid] = await addEntries(fresh, [
          article('Late', T0 + 3 * MIN, { text: 'abcdefghij' }),
          article('Early', T0),
          article('Told', T0 + MIN),
          article('Gone', T0 + 2 * MIN),
          article('Mid', T0 + 2 * MIN),
        ]);
        await fresh.stories.assign([{ entryId: told!.id, storyKey: 'k1' }]);
        await fresh.entries.remove(gone!.id);
        const all = await fresh.stories.unclusteredInputs(null, 10, 4);
        assert.deepEqual(
          all.map((i) => [i.entryId, i.storyKey, i.text]),
          [
            [early!.id, null, early!.text.slice(0, 4)],
            [mid!.id, null, mid!.text.slice(0, 4)],
            [late!.id, null, 'abcd'],
          ],
        );
        assert.deepEqual(
          (await fresh.stories.unclusteredInputs({ publishedAt: T0 + 2 * MIN, entryId: mid!.id }, 10, 100)).map((i) => i.entryId),
          [late!.id],
        );
        assert.deepEqual(
          (await fresh.stories.unclusteredInputs(null, 1, 100)).map((i) => i.entryId),
          [early!.id],
        );
      } finally {
        await fresh.close();
      }
    });

    test("clear keeps a story an editor merged away, pointing at the result, and the clusterer's key lands there (p-fence2)", async () => {
      const fresh = await open();
      try {
        const [a, b, c, d] = await addEntries(fresh, [
          article('Alpha one', T0),
          article('Beta one', T0 + MIN),
          article('Gamma one', T0 + 2 * MIN),
          article('Alpha two', T0 + 3 * MIN),
        ]);
        await fresh.stories.assign([
          { entryId: a!.id, storyKey: 'alpha' },
          { entryId: b!.id, storyKey: 'beta' },
          { entryId: c!.id, storyKey: 'gamma' },
        ]);
        const [ea, eb, ec] = await fresh.entries.getMany([a!.id, b!.id, c!.id]);
        const merged = await fresh.stories.merge(eb!.storyId!, ea!.storyId!);
        assert.equal(merged?.id, eb!.storyId);
        // Joined after the merge (the clusterer names the merged story's key): unlocked, in the result.
        await fresh.stories.assign([{ entryId: d!.id, storyKey: 'alpha' }]);
        assert.equal((await fresh.entries.get(d!.id))?.storyId, eb!.storyId);

        assert.equal(await fresh.stories.clear(), true);
        assert.equal((await fresh.stories.get(ea!.storyId!))?.mergedInto, eb!.storyId, 'the merged story still leads to the result');
        assert.equal(await fresh.stories.get(ec!.storyId!), undefined, "the clusterer's story is forgotten");
        assert.equal((await fresh.entries.get(d!.id))?.storyId, null, 'the unlocked entry is unassigned');
        // A run names the merged story's key again: the entry lands in the editor's result.
        await fresh.stories.assign([{ entryId: d!.id, storyKey: 'alpha' }]);
        assert.equal((await fresh.entries.get(d!.id))?.storyId, eb!.storyId);
        assert.equal((await fresh.stories.get(eb!.storyId!))?.size, 3);
      } finally {
        await fresh.close();
      }
    });

    test('clusterInputs walk in time order with the stored decision; clear forgets stories; recluster progress', async () => {
      const fresh = await open();
      try {
        const [x, y, z] = await addEntries(fresh, [
          article('Later', T0 + 2 * MIN, { text: 'abcdefghij' }),
          article('Earliest', T0),
          article('Middle', T0 + MIN),
        ]);
        await fresh.stories.assign([
          { entryId: y!.id, storyKey: 'k1' },
          { entryId: z!.id, storyKey: 'k1', duplicateOf: y!.id },
        ]);
        const all = await fresh.stories.clusterInputs(null, 10, 4);
        assert.deepEqual(
          all.map((i) => [i.title, i.storyKey, i.duplicateOf]),
          [
            ['Earliest', 'k1', null],
            ['Middle', 'k1', y!.id],
            ['Later', null, null],
          ],
        );
        assert.equal(all[2]!.text, 'abcd');
        const rest = await fresh.stories.clusterInputs({ publishedAt: all[0]!.publishedAt, entryId: all[0]!.entryId }, 10, 100);
        assert.deepEqual(
          rest.map((i) => i.entryId),
          [z!.id, x!.id],
        );
        assert.deepEqual(
          (await fresh.stories.clusterInputs(null, 10, 100, T0 + MIN)).map((i) => i.entryId),
          [z!.id, x!.id],
        );

        assert.equal((await fresh.stories.reclusterProgress()).status, 'idle');
        await fresh.stories.startRecluster(3, T0);
        await fresh.stories.clear();
        assert.equal((await fresh.entries.get(z!.id))?.storyId, null);
        assert.equal((await fresh.entries.get(z!.id))?.duplicateOf, null);
        assert.equal((await fresh.stories.list({ limit: 10 })).items.length, 0);
        await fresh.stories.recordRecluster({ publishedAt: T0 + MIN, entryId: z!.id }, 2, T0 + 3);
        const mid = await fresh.stories.reclusterProgress();
        assert.deepEqual(
          [mid.status, mid.total, mid.done, mid.after?.entryId, mid.startedAt, mid.updatedAt],
          ['running', 3, 2, z!.id, T0, T0 + 3],
        );
        await fresh.stories.finishRecluster(T0 + 5);
        const done = await fresh.stories.reclusterProgress();
        assert.deepEqual([done.status, done.done, done.finishedAt], ['done', 2, T0 + 5]);
      } finally {
        await fresh.close();
      }
    });
  });
}
