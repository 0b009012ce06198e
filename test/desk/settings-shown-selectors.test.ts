// The desk's settings form writes the selectors only when the editor changed them from what the
// form showed (r-leftovers). Before, it compared its fields with the selectors stored when the save
// arrived: an editor who loaded the form, then saved only a new interval after another writer (the
// API's add, another editor) had replaced the selectors, put back the ones the page had shown. The
// form now carries the selectors it showed; fields left as shown write nothing, so the other
// writer's selectors stand, and a field the editor did change or clear is still written. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { formFields } from './form-fields.js';
import { mountDesk } from './helpers.js';

/** The settings form's fields as the page shows them (form-fields.ts). */
const shownFields = (page: string): Record<string, string> => formFields(page, /action="\/desk\/sources\/\d+\/settings"/);

forEachDialect((d) => {
  test('selectors stored after the form was shown are kept by a save that left its selector fields alone', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const url = 'https://list.example/news';
      const { source } = await store.sources.add({ url, kind: 'page', settings: { selectors: { item: 'li.story', link: 'h2 a' } } });
      const shown = shownFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      assert.equal(shown.sel_item, 'li.story');
      // Another writer replaces the selectors while the form is open.
      await store.sources.update(source.id, { settingsChanges: { selectors: { item: 'article', link: 'h3 a' } } });
      const res = await desk.post(`/desk/sources/${source.id}/settings`, { ...shown, interval: '45', extractMode: 'short' });
      assert.equal(res.status, 200);
      const s = await store.sources.get(source.id);
      assert.deepEqual(s?.settings.selectors, { item: 'article', link: 'h3 a' }, 'the other writer’s selectors');
      assert.equal(s?.intervalSeconds, 2700, 'the form’s interval');

      // A field the editor cleared is written, the others as the form sent them.
      const again = shownFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      const cleared = await desk.post(`/desk/sources/${source.id}/settings`, { ...again, sel_link: '', extractMode: 'short' });
      assert.equal(cleared.status, 200);
      assert.deepEqual((await store.sources.get(source.id))?.settings.selectors, { item: 'article' });
      // Every field cleared: the selectors are removed.
      const last = shownFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      await desk.post(`/desk/sources/${source.id}/settings`, { ...last, sel_item: '', extractMode: 'short' });
      assert.equal((await store.sources.get(source.id))?.settings.selectors, undefined);
    } finally {
      await desk.stop();
    }
  });
});
