// The desk's entry edit form (headline and excerpt overrides) writes a field only when the editor
// changed it from what the page showed (p-entryform, with p-shown's shown-values helper). Before,
// both fields were written back on every save: an editor who loaded the form, while another editor
// set the headline, and who then saved only the excerpt put the old headline back. The other
// writer runs between the form's load and its save; the form's fields are taken from the rendered
// page. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { formFields } from './form-fields.js';
import { newEntry } from '../helpers/entries.js';
import { mountDesk } from './helpers.js';

const OTHER = { id: null, name: 'Other Editor' };

/** The edit form's fields as the page shows them (form-fields.ts). */
const shownFields = (page: string, id: number): Record<string, string> =>
  formFields(page, new RegExp(`action="/desk/curation/entries/${id}" class="edit"`));

async function seed(store: Store): Promise<number> {
  const { source } = await store.sources.add({ url: 'https://news.example/feed.xml', kind: 'feed', title: 'News' });
  const [e] = (await store.entries.saveBatch(source.id, [newEntry('Original headline', 'Original text.', Date.UTC(2026, 11, 1))])).inserted;
  assert.ok(e);
  return e.id;
}

async function lastAudit(store: Store): Promise<{ action: string; after: unknown; count: number }> {
  const items = (await store.curation.audit({ limit: 50 })).items.filter((a) => a.action === 'teaser.edit');
  return { action: items[0]?.action ?? '', after: items[0]?.after, count: items.length };
}

forEachDialect((d) => {
  test('saving only the excerpt keeps the headline another editor set after the form was shown', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = await seed(store);
      // Quotes, an ampersand and angle brackets: the shown value goes out and comes back escaped.
      const headline = 'Mayor says "yes" & <b>no</b>';
      await store.curation.update({ kind: 'entry', id }, { headline, excerpt: 'First excerpt.' }, OTHER, 'teaser.edit');
      const page = await (await desk.request(`/desk/curation/entries/${id}`)).text();
      const shown = shownFields(page, id);
      assert.equal(shown.headline, headline);
      // Another editor changes the headline while the form is open.
      await store.curation.update({ kind: 'entry', id }, { headline: 'Changed meanwhile' }, OTHER, 'teaser.edit');
      const res = await desk.post(`/desk/curation/entries/${id}`, { ...shown, excerpt: 'Second excerpt.' });
      assert.equal(res.status, 303);
      const o = (await store.curation.overrides([id])).entries.get(id);
      assert.equal(o?.headline, 'Changed meanwhile', 'the other editor’s headline');
      assert.equal(o?.excerpt, 'Second excerpt.', 'the excerpt the editor typed');
      // The shown value went out escaped and came back as stored.
      assert.ok(
        page.includes('name="shown_headline" value="Mayor says &quot;yes&quot; &amp; &lt;b&gt;no&lt;/b&gt;"'),
        'escaped in the attribute',
      );
      assert.equal(shown.shown_headline, headline);
      // The audit's "after" is what is stored.
      const last = await lastAudit(store);
      assert.deepEqual(last.after, {
        pinned: false,
        hidden: false,
        featured: false,
        headline: 'Changed meanwhile',
        excerpt: 'Second excerpt.',
      });

      // A field the editor changed while another writer changed it too is not written
      // (p-meanwhile); the other changed field is, clearing counts; saving the page again writes it.
      const again = shownFields(await (await desk.request(`/desk/curation/entries/${id}`)).text(), id);
      await store.curation.update({ kind: 'entry', id }, { headline: 'Third writer' }, OTHER, 'teaser.edit');
      const refused = await desk.post(`/desk/curation/entries/${id}`, { ...again, headline: 'Editor’s own', excerpt: '' });
      assert.equal(refused.status, 200);
      const t = (await store.curation.overrides([id])).entries.get(id);
      assert.equal(t?.headline, 'Third writer');
      assert.equal(t?.excerpt, null, 'cleared: the original');
      await desk.post(`/desk/curation/entries/${id}`, shownFields(await refused.text(), id));
      assert.equal((await store.curation.overrides([id])).entries.get(id)?.headline, 'Editor’s own');
    } finally {
      await desk.stop();
    }
  });

  test('a save that changed nothing writes nothing, not even an audit row', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = await seed(store);
      await store.curation.update({ kind: 'entry', id }, { excerpt: 'An <i>excerpt</i> & "more"' }, OTHER, 'teaser.edit');
      const shown = shownFields(await (await desk.request(`/desk/curation/entries/${id}`)).text(), id);
      assert.equal(shown.excerpt, 'An <i>excerpt</i> & "more"');
      await store.curation.update({ kind: 'entry', id }, { headline: 'Set meanwhile', excerpt: 'Changed meanwhile' }, OTHER, 'teaser.edit');
      const before = await lastAudit(store);
      const res = await desk.post(`/desk/curation/entries/${id}`, shown);
      assert.equal(res.status, 303);
      const o = (await store.curation.overrides([id])).entries.get(id);
      assert.equal(o?.headline, 'Set meanwhile');
      assert.equal(o?.excerpt, 'Changed meanwhile');
      assert.equal(o?.updatedByName, 'Other Editor', 'the row was not written');
      assert.equal((await lastAudit(store)).count, before.count, 'no audit row');
    } finally {
      await desk.stop();
    }
  });

  test('a post without shown values writes what it gives (a page from before, a hand-made request)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = await seed(store);
      await store.curation.update({ kind: 'entry', id }, { headline: 'Set by another' }, OTHER, 'teaser.edit');
      await desk.post(`/desk/curation/entries/${id}`, { op: 'edit', headline: '', excerpt: 'Only this' });
      const o = (await store.curation.overrides([id])).entries.get(id);
      assert.equal(o?.headline, null, 'written as given: cleared');
      assert.equal(o?.excerpt, 'Only this');
    } finally {
      await desk.stop();
    }
  });
});
