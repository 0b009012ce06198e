// The desk's story headline form writes the headline only when the editor changed it from what the
// page showed (shown-values.ts, as the entry and source forms). Before, every Save wrote the field
// back: an editor who opened the story's page, while another editor named the story, and who then
// pressed Save (or came back to the page and saved it untouched) put the old headline back. The
// other writer runs between the form's load and its save; the form's fields come from the rendered
// page. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { formFields } from './form-fields.js';
import { mountDesk } from './helpers.js';
import { oneStory } from './scenes.js';

const OTHER = { id: null, name: 'Other Editor' };

/** The headline form's fields as the page shows them (form-fields.ts). */
const shownFields = (page: string, story: number): Record<string, string> =>
  formFields(page, new RegExp(`action="/desk/curation/stories/${story}/headline"`));

const headlineOf = async (store: Store, story: number): Promise<string | null> =>
  (await store.curation.overrides([], [story])).stories.get(story)?.headline ?? null;

const edits = async (store: Store): Promise<number> => (await store.curation.audit({ action: 'story.edit', limit: 50 })).items.length;

forEachDialect((d) => {
  test('a story headline form saved untouched keeps the headline another editor set meanwhile', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const story = await oneStory(store);
      // Quotes, an ampersand and angle brackets: the shown value goes out escaped and comes back as stored.
      const first = 'Harbour "reopens" & <b>counts</b> damage';
      await store.curation.update({ kind: 'story', id: story }, { headline: first }, OTHER, 'story.edit');
      const page = await (await desk.request(`/desk/curation/stories/${story}`)).text();
      assert.ok(page.includes('name="shown_headline" value="Harbour &quot;reopens&quot; &amp; &lt;b&gt;counts&lt;/b&gt; damage"'));
      const shown = shownFields(page, story);
      assert.equal(shown.headline, first);
      await store.curation.update({ kind: 'story', id: story }, { headline: 'Named meanwhile' }, OTHER, 'story.edit');
      const before = await edits(store);
      const res = await desk.post(`/desk/curation/stories/${story}/headline`, shown);
      assert.equal(res.status, 303);
      assert.equal(await headlineOf(store, story), 'Named meanwhile', 'the other editor’s headline');
      assert.equal(await edits(store), before, 'nothing written, nothing audited');

      // A headline the editor changed while another writer changed it too is not written
      // (p-meanwhile): the form comes back with both; saving that again writes it. Clearing counts.
      const again = shownFields(await (await desk.request(`/desk/curation/stories/${story}`)).text(), story);
      await store.curation.update({ kind: 'story', id: story }, { headline: 'Third writer' }, OTHER, 'story.edit');
      const refused = await desk.post(`/desk/curation/stories/${story}/headline`, { ...again, headline: 'The editor’s own' });
      assert.equal(refused.status, 409);
      assert.equal(await headlineOf(store, story), 'Third writer');
      await desk.post(`/desk/curation/stories/${story}/headline`, shownFields(await refused.text(), story));
      assert.equal(await headlineOf(store, story), 'The editor’s own');
      const cleared = shownFields(await (await desk.request(`/desk/curation/stories/${story}`)).text(), story);
      await desk.post(`/desk/curation/stories/${story}/headline`, { ...cleared, headline: '' });
      assert.equal(await headlineOf(store, story), null, 'cleared: the clusterer’s headline again');
    } finally {
      await desk.stop();
    }
  });

  test('a story headline post without the shown value writes what it gives', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const story = await oneStory(store);
      await store.curation.update({ kind: 'story', id: story }, { headline: 'Set by another' }, OTHER, 'story.edit');
      await desk.post(`/desk/curation/stories/${story}/headline`, { headline: 'Given' });
      assert.equal(await headlineOf(store, story), 'Given');
    } finally {
      await desk.stop();
    }
  });
});
