// The store's checked writes behind the desk forms' "changed meanwhile" (p-meanwhile,
// domain/shown-check.ts): the desk-wide settings, a source's desk settings and a teaser's or story's
// headline and excerpt are written only while their stored value is still the one the form showed,
// checked in the write's own transaction. A field refused writes nothing (no "updated by", no audit
// row); two saves of one field from one page at once: one is written, the other refused (on
// PostgreSQL on two connections). Both dialects; source fields are in the store contract.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { addEntries, newEntry } from '../helpers/entries.js';

const ED = { id: 7, name: 'Editor Ed' };
const AL = { id: 8, name: 'Admin Al' };

forEachDialect((d) => {
  test('a headline or excerpt is written only while it is still the one shown; refused, nothing written or audited', async () => {
    const store = await d.open();
    const [e] = await addEntries(store, [newEntry('Original headline', 'Original text.', Date.UTC(2026, 11, 1))]);
    const target = { kind: 'entry' as const, id: e!.id };
    // No override yet: '' is what the form shows. A refused save leaves no row behind.
    const none = await store.curation.update(target, { headline: 'Mine' }, ED, 'teaser.edit', undefined, { headline: 'Something' });
    assert.deepEqual(none.refused, ['headline']);
    assert.equal((await store.curation.overrides([target.id])).entries.get(target.id), undefined, 'no row left behind');
    await store.curation.update(target, { headline: 'Al’s', excerpt: 'Al’s excerpt' }, AL, 'teaser.edit');
    const audits = async (): Promise<number> => (await store.curation.audit({ limit: 50 })).items.length;
    const before = await audits();
    // Shown '' for both: the headline moved (refused), the excerpt moved to what is given (written).
    const r = await store.curation.update(target, { headline: 'Ed’s', excerpt: 'Al’s excerpt' }, ED, 'teaser.edit', undefined, {
      headline: '',
      excerpt: '',
    });
    assert.deepEqual(r.refused, ['headline']);
    assert.equal(r.after.headline, 'Al’s');
    assert.equal(await audits(), before + 1, 'the excerpt was written, with its audit row');
    const all = await store.curation.update(target, { headline: 'Ed’s' }, ED, 'teaser.edit', undefined, { headline: 'Older' });
    assert.deepEqual(all.refused, ['headline']);
    assert.equal(all.after.updatedByName, 'Editor Ed', 'the row as stored (the excerpt save above)');
    assert.equal(await audits(), before + 1, 'nothing written, no audit row');
    // Two saves from one page at once: one written, one refused.
    const both = await Promise.all(
      ['One', 'Two'].map((h) => store.curation.update(target, { headline: h }, ED, 'teaser.edit', undefined, { headline: 'Al’s' })),
    );
    assert.deepEqual(both.map((x) => x.refused.length).sort(), [0, 1]);
  });

  test('the desk-wide box and a source’s permission are written only while still the ones shown', async () => {
    const store = await d.open();
    // A box cannot conflict (two values: moved means moved to the value given); a shown value that
    // is neither stored nor given (a stale or forged post) is refused.
    const moved = await store.desk.setDeskSettings({ clusterPlaces: true }, 'ed', 1000, { clusterPlaces: false });
    assert.deepEqual(moved, { clusterPlaces: true, updatedBy: 'ed', updatedAt: 1000, refused: [] });
    const refused = await store.desk.setDeskSettings({ clusterPlaces: false }, 'bo', 2000, { clusterPlaces: false });
    assert.deepEqual(refused.refused, ['clusterPlaces']);
    assert.deepEqual(await store.desk.deskSettings(), { clusterPlaces: true, updatedBy: 'ed', updatedAt: 1000 }, 'nothing written');
    const { source } = await store.sources.add({ url: 'https://private.example/feed', kind: 'feed' });
    const p = await store.desk.setSourceSettings(source.id, { allowPrivate: false, headers: { 'X-Key': 'k' } }, 3000, {
      allowPrivate: false,
    });
    assert.deepEqual(p.refused, [], 'false stored (none) and false given');
    const q = await store.desk.setSourceSettings(source.id, { allowPrivate: false, headers: { 'X-Key': 'k2' } }, 4000, {
      allowPrivate: true,
    });
    assert.deepEqual(q.refused, [], 'stored false is the value given: no conflict');
    const r = await store.desk.setSourceSettings(source.id, { allowPrivate: true }, 5000, { allowPrivate: true });
    assert.deepEqual(r.refused, ['allowPrivate']);
    assert.equal((await store.desk.sourceSettings(source.id))?.allowPrivate, false);
    assert.equal((await store.desk.sourceSettings(source.id))?.updatedAt, 4000, 'nothing written');
  });
});
