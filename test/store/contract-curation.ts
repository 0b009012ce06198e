// Curation over any dialect: overrides beside the original (never written over it), each change
// and its audit row in one transaction, batch reads, the audit log's filters and keyset pages, and
// an editor's story merge and split that the clusterer respects afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { addEntries, newEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 3, 1, 9);
const MIN = 60_000;
const ED = { id: 7, name: 'Editor Ed' };
const AL = { id: 8, name: 'Admin Al' };

export function curationContract(name: string, open: () => Promise<Store>): void {
  describe(`CurationRepo contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    test('an override keeps the original, and each change writes its audit row with before and after', async () => {
      const [e] = await addEntries(store, [newEntry('Original headline', 'Original text of the report.', T0)]);
      const id = e!.id;
      const first = await store.curation.update(
        { kind: 'entry', id },
        { headline: '  Edited headline ', pinned: true },
        ED,
        'teaser.edit',
        T0,
      );
      assert.equal(first.before, null);
      assert.equal(first.after.headline, 'Edited headline');
      assert.equal(first.after.pinned, true);
      assert.equal(first.after.pinnedAt, T0);
      // The entry itself is untouched.
      assert.equal((await store.entries.get(id))?.title, 'Original headline');
      const second = await store.curation.update({ kind: 'entry', id }, { hidden: true, headline: '' }, AL, 'teaser.hide', T0 + MIN);
      assert.equal(second.before?.headline, 'Edited headline');
      assert.equal(second.after.headline, null, 'a blank headline means the original again');
      assert.equal(second.after.pinned, true, 'fields not in the patch keep their value');
      assert.equal(second.after.pinnedAt, T0, 'still pinned since the first time');
      assert.equal(second.after.updatedByName, 'Admin Al');
      const log = await store.curation.audit({ target: `entry:${id}`, limit: 10 });
      assert.deepEqual(
        log.items.map((r) => [r.action, r.actorName, r.actorId, r.at]),
        [
          ['teaser.hide', 'Admin Al', 8, T0 + MIN],
          ['teaser.edit', 'Editor Ed', 7, T0],
        ],
      );
      assert.deepEqual(log.items[1]!.before, null);
      assert.deepEqual(log.items[1]!.after, { pinned: true, hidden: false, featured: false, headline: 'Edited headline', excerpt: null });
      assert.deepEqual((log.items[0]!.before as { headline: string }).headline, 'Edited headline');
      assert.deepEqual((log.items[0]!.after as { hidden: boolean }).hidden, true);
    });

    test('overrides of a page are read in one batch, for entries and stories; pinned and hidden are listed', async () => {
      const es = await addEntries(store, [
        newEntry('A', 'a', T0),
        newEntry('B', 'b', T0 + MIN),
        newEntry('C', 'c', T0 + 2 * MIN),
        newEntry('D', 'd', T0 + 3 * MIN),
      ]);
      const [a, b, c, d] = es.map((e) => e.id) as [number, number, number, number];
      await store.stories.assign([{ entryId: d, storyKey: `curation-${d}` }]);
      const storyId = (await store.entries.get(d))!.storyId!;
      await store.curation.update({ kind: 'entry', id: a }, { pinned: true }, ED, 'teaser.pin', T0 + 10 * MIN);
      await store.curation.update({ kind: 'entry', id: b }, { featured: true }, ED, 'teaser.feature', T0 + 11 * MIN);
      await store.curation.update({ kind: 'entry', id: c }, { pinned: true, hidden: true }, ED, 'teaser.pin', T0 + 12 * MIN);
      await store.curation.update({ kind: 'story', id: storyId }, { headline: 'Story headline' }, ED, 'story.edit', T0 + 13 * MIN);
      const set = await store.curation.overrides([a, b, c, d, 999_999], [storyId]);
      assert.deepEqual(
        [...set.entries.keys()].sort((x, y) => x - y),
        [a, b, c],
      );
      assert.equal(set.entries.get(b)?.featured, true);
      assert.equal(set.entries.get(a)?.featured, false);
      assert.equal(set.stories.get(storyId)?.headline, 'Story headline');
      const pinned = (await store.curation.pinned(50)).filter((o) => o.target.kind === 'entry').map((o) => o.target.id);
      assert.deepEqual(pinned.slice(0, 2), [c, a], 'most recently pinned first');
      await store.curation.update({ kind: 'entry', id: a }, { pinned: false }, ED, 'teaser.unpin', T0 + 14 * MIN);
      assert.ok(!(await store.curation.pinned(50)).some((o) => o.target.kind === 'entry' && o.target.id === a));
      assert.ok((await store.curation.hidden(50)).some((o) => o.target.kind === 'entry' && o.target.id === c));
      const empty = await store.curation.overrides([]);
      assert.equal(empty.entries.size + empty.stories.size, 0);
    });

    test('hidden entries leave public teaser pages but stay stored; pinned ones are not duplicated there', async () => {
      const { source } = await store.sources.add({ url: 'https://hidden.example/feed' });
      const saved = await store.entries.saveBatch(source.id, [newEntry('Keep me', 'k', T0), newEntry('Hide me', 'h', T0 + MIN)]);
      const [keep, hide] = saved.inserted.map((e) => e.id) as [number, number];
      await store.curation.update({ kind: 'entry', id: hide }, { hidden: true }, ED, 'teaser.hide', T0 + 2 * MIN);
      const pub = await store.search.teasers({ sourceId: source.id, withoutHidden: true, limit: 10 }, 100);
      assert.deepEqual(
        pub.items.map((e) => e.id),
        [keep],
      );
      const desk = await store.search.teasers({ sourceId: source.id, limit: 10 }, 100);
      assert.deepEqual(
        desk.items.map((e) => e.id),
        [hide, keep],
      );
      assert.equal((await store.entries.get(hide))?.title, 'Hide me', 'never deleted');
    });

    test('the audit log filters by actor, action, target and date and pages by keyset', async () => {
      const base = T0 + 100 * MIN;
      for (let i = 0; i < 7; i++) {
        await store.curation.record(
          {
            actorId: i % 2 ? 1 : 2,
            actorName: i % 2 ? 'Odd <b>one</b>' : 'Even',
            action: i < 4 ? 'source.add' : 'topic.save',
            target: `thing:${i}`,
            before: i ? { n: i - 1 } : null,
            after: { n: i, note: '<script>x</script>' },
          },
          base + i * MIN,
        );
      }
      const since = base;
      const all = await store.curation.audit({ since, limit: 3 });
      assert.equal(all.items.length, 3);
      assert.deepEqual(
        all.items.map((r) => r.target),
        ['thing:6', 'thing:5', 'thing:4'],
      );
      assert.ok(all.older);
      const next = await store.curation.audit({ since, limit: 3, after: all.older });
      assert.deepEqual(
        next.items.map((r) => r.target),
        ['thing:3', 'thing:2', 'thing:1'],
      );
      const last = await store.curation.audit({ since, limit: 3, after: next.older });
      assert.deepEqual(
        last.items.map((r) => r.target),
        ['thing:0'],
      );
      assert.equal(last.older, undefined);
      const odd = await store.curation.audit({ since, actor: 'Odd <b>one</b>', action: 'source.add', limit: 10 });
      assert.deepEqual(
        odd.items.map((r) => r.target),
        ['thing:3', 'thing:1'],
      );
      const window = await store.curation.audit({ since: base + 2 * MIN, until: base + 4 * MIN, limit: 10 });
      assert.deepEqual(
        window.items.map((r) => r.target),
        ['thing:3', 'thing:2'],
      );
      const one = await store.curation.audit({ target: 'thing:5', limit: 10 });
      assert.deepEqual(one.items[0]!.after, { n: 5, note: '<script>x</script>' });
      assert.deepEqual(one.items[0]!.before, { n: 4 });
      const facets = await store.curation.auditFacets();
      assert.ok(facets.actors.includes('Odd <b>one</b>') && facets.actors.includes('Even'));
      assert.ok(facets.actions.includes('topic.save'));
    });

    test('an editor merges and splits stories, and later clusterer decisions leave them as the editor left them', async () => {
      const es = await addEntries(store, [
        newEntry('Flood one', 'f1', T0),
        newEntry('Flood two', 'f2', T0 + MIN),
        newEntry('Other flood', 'o1', T0 + 2 * MIN),
        newEntry('Other flood two', 'o2', T0 + 3 * MIN),
      ]);
      const [a, b, c, d] = es.map((e) => e.id) as [number, number, number, number];
      await store.stories.assign([
        { entryId: a, storyKey: `m-${a}` },
        { entryId: b, storyKey: `m-${a}` },
        { entryId: c, storyKey: `m-${c}` },
        { entryId: d, storyKey: `m-${c}` },
      ]);
      const sa = (await store.entries.get(a))!.storyId!;
      const sc = (await store.entries.get(c))!.storyId!;
      assert.notEqual(sa, sc);
      const merged = await store.stories.merge(sa, sc, T0 + 10 * MIN);
      assert.equal(merged?.id, sa);
      assert.equal(merged?.size, 4);
      assert.equal((await store.stories.get(sc))?.mergedInto, sa, 'old links lead to the merged story');
      assert.equal(await store.stories.merge(sa, 987_654), undefined);

      const split = await store.stories.split(sa, [c, d], T0 + 11 * MIN);
      assert.ok(split);
      assert.equal(split.size, 2);
      assert.equal((await store.stories.get(sa))?.size, 2);
      assert.equal((await store.entries.get(c))?.storyId, split.id);
      assert.equal(await store.stories.split(sa, [a, b]), undefined, 'a split that would empty the story does nothing');
      assert.equal(await store.stories.split(sa, [c]), undefined, 'entries of another story are not split out');

      // The clusterer later decides c belongs with a, and bridges the two stories: both are skipped.
      await store.stories.assign([{ entryId: c, storyKey: `m-${a}`, merged: [split.key] }]);
      assert.equal((await store.entries.get(c))?.storyId, split.id);
      assert.equal((await store.stories.get(split.id))?.mergedInto, null);
      // Re-clustering history starts by forgetting stories, but not the ones an editor shaped.
      await store.stories.clear();
      assert.equal((await store.entries.get(a))?.storyId, sa);
      assert.equal((await store.entries.get(d))?.storyId, split.id);
    });

    test('a story an editor decided about keeps that decision when re-clustering re-makes it, and is not bridged', async () => {
      const { source } = await store.sources.add({ url: 'https://recluster.example/feed' });
      const saved = await store.entries.saveBatch(source.id, [
        newEntry('Quake lead', 'q1', T0 + 20 * MIN),
        newEntry('Quake follow-up', 'q2', T0 + 21 * MIN),
        newEntry('Storm lead', 's1', T0 + 22 * MIN),
        newEntry('Storm follow-up', 's2', T0 + 23 * MIN),
        newEntry('Quake and storm', 'b', T0 + 24 * MIN),
      ]);
      const [q1, q2, s1, s2, bridge] = saved.inserted.map((e) => e.id) as [number, number, number, number, number];
      await store.stories.assign([
        { entryId: q1, storyKey: `rq-${q1}` },
        { entryId: q2, storyKey: `rq-${q1}` },
        { entryId: s1, storyKey: `rs-${s1}` },
        { entryId: s2, storyKey: `rs-${s1}` },
      ]);
      const quake = (await store.entries.get(q1))!.storyId!;
      const storm = (await store.entries.get(s1))!.storyId!;
      await store.curation.update({ kind: 'story', id: quake }, { hidden: true }, ED, 'story.hide', T0 + 30 * MIN);
      await store.curation.update({ kind: 'story', id: storm }, { headline: 'Storm, edited' }, ED, 'story.edit', T0 + 31 * MIN);

      // The clusterer would bridge the two: a story with an editor's decision is left as it is.
      await store.stories.assign([{ entryId: bridge, storyKey: `rq-${q1}`, merged: [`rs-${s1}`] }]);
      assert.equal((await store.stories.get(storm))?.mergedInto, null);
      assert.equal((await store.entries.get(s1))?.storyId, storm);

      // Re-clustering forgets both stories; the decisions wait on each story's entries…
      await store.stories.clear();
      assert.equal(await store.stories.get(quake), undefined);
      const hiddenTeasers = async (): Promise<number[]> =>
        (await store.search.teasers({ sourceId: source.id, withoutHidden: true, limit: 10 }, 100)).items.map((e) => e.id);
      assert.deepEqual(
        (await hiddenTeasers()).sort((x, y) => x - y),
        [s1, s2],
        "between clear and the run reaching them, the hidden story's entries stay out of public lists",
      );
      // …and move onto the new stories when the run reaches those entries, under new keys.
      await store.stories.assign([
        { entryId: q1, storyKey: `rq2-${q1}` },
        { entryId: q2, storyKey: `rq2-${q1}` },
        { entryId: s1, storyKey: `rs2-${s1}` },
        { entryId: s2, storyKey: `rs2-${s1}` },
        { entryId: bridge, storyKey: `rb2-${bridge}` },
      ]);
      const quake2 = (await store.entries.get(q1))!.storyId!;
      const storm2 = (await store.entries.get(s1))!.storyId!;
      const set = await store.curation.overrides([], [quake2, storm2]);
      assert.equal(set.stories.get(quake2)?.hidden, true, 'the hidden story is hidden again');
      const elsewhere = (await store.entries.get(bridge))!.storyId!;
      assert.equal(
        (await store.curation.overrides([], [elsewhere])).stories.get(elsewhere)?.hidden,
        true,
        'an entry of the hidden story that re-clustering puts on its own is still hidden',
      );
      assert.equal(set.stories.get(storm2)?.headline, 'Storm, edited');
      assert.equal(set.stories.get(storm2)?.updatedByName, ED.name, 'who decided is kept');
      assert.deepEqual(
        (await hiddenTeasers()).sort((x, y) => x - y),
        [s1, s2],
        'the public list leaves the hidden story out again',
      );
      // A second run parks and moves them again (nothing is left behind in between).
      await store.stories.clear();
      await store.stories.assign([
        { entryId: q1, storyKey: `rq3-${q1}` },
        { entryId: q2, storyKey: `rq3-${q1}` },
      ]);
      const quake3 = (await store.entries.get(q1))!.storyId!;
      assert.equal((await store.curation.overrides([], [quake3])).stories.get(quake3)?.hidden, true);
    });
  });
}
