// An editor's hide carried over a removal (p-removehide, 2026-12-07). A copy of a hidden article is
// off the public side with it (p-copies); removing the hidden original made its earliest copy an
// article (an entry's removal; a source's removal then freed every copy of its entries, and since
// p-removepromote promotes one per original as well) and brought the copies back with no editor's
// doing (r-copies, "left alone"). Now the copy made an article gets a
// hidden override like the original's (who and when), audited, so the removal changes nothing on
// the public side; the desk lists it as hidden, and unhiding it there brings them back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { asViewer, editor } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { entry, makeApp } from './helpers.js';

const EDITOR = { id: null, name: 'hiding editor' };
const HOUR = 3_600_000;
const TEXT = 'Water broke through the old dam above the valley town early on Sunday. Crews had warned of cracks for a year. '.repeat(3);

const setHidden = (store: Store, id: number, hidden: boolean) =>
  store.curation.update({ kind: 'entry', id }, { hidden }, EDITOR, hidden ? 'teaser.hide' : 'teaser.unhide');

async function get(store: Store, path: string): Promise<{ status: number; body: string }> {
  const res = await makeApp(store).request(path, { headers: { host: 'localhost' } });
  return { status: res.status, body: await res.text() };
}

/** Whether each copy is shown on the public side: its page, its API answer, its source's page and the API listing. */
async function seen(store: Store, copies: { id: number; source: number }[]): Promise<boolean[]> {
  const out: boolean[] = [];
  for (const c of copies) {
    const page = (await get(store, `/entries/${c.id}`)).status === 200;
    const api = (await get(store, `/api/v1/entries/${c.id}`)).status === 200;
    const listed = (await get(store, `/sources/${c.source}`)).body.includes(`href="/entries/${c.id}"`);
    const apiList = JSON.parse((await get(store, `/api/v1/entries?source=${c.source}`)).body) as { items: { id: number }[] };
    const inApi = apiList.items.some((x) => x.id === c.id);
    assert.ok(page === api && api === listed && listed === inApi, `copy ${c.id}: one answer on every surface`);
    out.push(page);
  }
  return out;
}

/** The desk's row of an entry on /desk/curation: whether it is listed as hidden. */
async function deskHidden(store: Store, id: number): Promise<boolean> {
  const desk = asViewer(makeApp(store), store, () => editor());
  const page = await (await desk.request('/desk/curation')).text();
  const row = new RegExp(`<li id="e${id}"[^>]*>`).exec(page)?.[0];
  assert.ok(row, `the desk lists entry ${id}`);
  return /is-hidden/.test(row);
}

/** An original in source a, copies of it in b and c (b's the earlier), all in one story. */
async function seed(store: Store) {
  const now = Date.now() - 12 * HOUR;
  const add = async (host: string) => (await store.sources.add({ url: `https://${host}.example/feed.xml`, title: host })).source.id;
  const [a, b, c] = [await add('alpha'), await add('bravo'), await add('charlie')];
  const [original] = (await store.entries.saveBatch(a, [entry('o', 'Dam wire report', TEXT, now - 5 * HOUR)])).inserted;
  const [first] = (await store.entries.saveBatch(b, [entry('b', 'Dam report, first copy', TEXT, now - 4 * HOUR)])).inserted;
  const [later] = (await store.entries.saveBatch(c, [entry('c', 'Dam report, later copy', TEXT, now - 3 * HOUR)])).inserted;
  await store.stories.assign([
    { entryId: original!.id, storyKey: 'dam' },
    { entryId: first!.id, storyKey: 'dam', duplicateOf: original!.id },
    { entryId: later!.id, storyKey: 'dam', duplicateOf: original!.id },
  ]);
  return {
    a,
    original: original!.id,
    copies: [
      { id: first!.id, source: b },
      { id: later!.id, source: c },
    ],
  };
}

forEachDialect((d) => {
  describe('a removed hidden article hands its hide to the copy made an article in its place (p-removehide)', () => {
    it("an entry's removal: the copies stay off the site and the API; the promoted copy is hidden at the desk, audited; unhiding it brings them back", async () => {
      const store = await d.open();
      try {
        const s = await seed(store);
        const [first, later] = s.copies;
        assert.deepEqual(await seen(store, s.copies), [true, true]);
        await setHidden(store, s.original, true);
        const hiddenAt = (await store.curation.overrides([s.original])).entries.get(s.original)!.updatedAt;
        assert.deepEqual(await seen(store, s.copies), [false, false], 'hidden with their original');

        assert.equal(await store.entries.remove(s.original), true);
        assert.equal((await store.entries.get(first!.id))?.duplicateOf, null, 'the earliest copy is an article now');
        assert.equal((await store.entries.get(later!.id))?.duplicateOf, first!.id, 'the other copy copies it');
        assert.deepEqual(await seen(store, s.copies), [false, false], 'the removal changes nothing on the public side');
        const o = (await store.curation.overrides([first!.id])).entries.get(first!.id);
        assert.deepEqual(
          o && { hidden: o.hidden, by: o.updatedByName, at: o.updatedAt, pinned: o.pinned },
          { hidden: true, by: 'hiding editor', at: hiddenAt, pinned: false },
          "a hidden override like the original's",
        );
        assert.equal(await deskHidden(store, first!.id), true, 'the desk lists the promoted copy as hidden');
        const audit = (await store.curation.audit({ action: 'teaser.hide.carried', limit: 10 })).items;
        assert.deepEqual(
          audit.map((r) => ({ actor: r.actorName, target: r.target, before: r.before, after: r.after })),
          [
            {
              actor: 'hiding editor',
              target: `entry:${first!.id}`,
              before: null,
              after: { pinned: false, hidden: true, featured: false, headline: null, excerpt: null },
            },
          ],
        );

        await setHidden(store, first!.id, false);
        assert.deepEqual(await seen(store, s.copies), [true, true], 'unhidden at the desk: both back');
        assert.equal(await deskHidden(store, first!.id), false);
      } finally {
        await store.close();
      }
    });

    it("a source's removal: its hidden article's copies stay off the site; the promoted copy alone is hidden, audited once; unhiding it brings both back", async () => {
      // p-removepromote: a source's removal promotes one copy per original, as an entry's removal
      // (this test said before: every copy freed, each hidden and audited, unhidden one by one).
      const store = await d.open();
      try {
        const s = await seed(store);
        const [first, later] = s.copies;
        await setHidden(store, s.original, true);
        assert.equal(await store.sources.remove(s.a), true);
        assert.equal(await store.entries.get(s.original), undefined, 'the original went with its source');
        assert.equal((await store.entries.get(first!.id))?.duplicateOf, null, 'the earliest copy is an article now');
        assert.equal((await store.entries.get(later!.id))?.duplicateOf, first!.id, 'the other copy copies it');
        assert.deepEqual(await seen(store, s.copies), [false, false], 'the removal changes nothing on the public side');
        assert.equal(await deskHidden(store, first!.id), true);
        assert.equal(await deskHidden(store, later!.id), false, 'the other copy has no hide of its own');
        const targets = (await store.curation.audit({ action: 'teaser.hide.carried', limit: 10 })).items.map((r) => r.target);
        assert.deepEqual(targets, [`entry:${first!.id}`]);

        await setHidden(store, first!.id, false);
        assert.deepEqual(await seen(store, s.copies), [true, true], 'unhidden at the desk: both back');
      } finally {
        await store.close();
      }
    });

    it('the removal of an article nobody hid behaves as before: its copies shown, no override, no record', async () => {
      const store = await d.open();
      try {
        const s = await seed(store);
        const [first] = s.copies;
        assert.equal(await store.entries.remove(s.original), true);
        assert.deepEqual(await seen(store, s.copies), [true, true]);
        assert.equal((await store.curation.overrides([first!.id])).entries.size, 0);
        const other = await seed2(store);
        assert.equal(await store.sources.remove(other.a), true);
        assert.deepEqual(await seen(store, other.copies), [true]);
        assert.equal((await store.curation.audit({ action: 'teaser.hide.carried', limit: 10 })).items.length, 0);
      } finally {
        await store.close();
      }
    });
  });
});

/** A second original and its copies, in sources of their own (for the source removal of the last test). */
async function seed2(store: Store) {
  const now = Date.now() - 6 * HOUR;
  const add = async (host: string) => (await store.sources.add({ url: `https://${host}.example/feed.xml`, title: host })).source.id;
  const [a, b] = [await add('delta'), await add('echo')];
  const [original] = (await store.entries.saveBatch(a, [entry('o2', 'Bridge wire report', TEXT, now - 2 * HOUR)])).inserted;
  const [copy] = (await store.entries.saveBatch(b, [entry('e2', 'Bridge report copy', TEXT, now - HOUR)])).inserted;
  await store.stories.assign([
    { entryId: original!.id, storyKey: 'bridge' },
    { entryId: copy!.id, storyKey: 'bridge', duplicateOf: original!.id },
  ]);
  return { a, copies: [{ id: copy!.id, source: b }] };
}
