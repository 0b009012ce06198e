// Every field of the desk's source settings form writes only when the editor changed it from what
// the form showed (p-shown). r-leftovers did this for the selectors as one value; the interval, the
// full-text mode and the private-address permission were still written back whole, so an editor who
// loaded the form, while another editor or the API changed one of them, and who then saved only a
// selector put the value the page was loaded with back. Each case runs the other writer between the
// form's load and its save; the form's fields are taken from the rendered page. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { formFields } from './form-fields.js';
import { ADMIN, mountDesk } from './helpers.js';

const URL_ = 'https://list.example/news';

/** The settings form's fields as the page shows them (form-fields.ts). */
const shownFields = (page: string): Record<string, string> => formFields(page, /action="\/desk\/sources\/\d+\/settings"/);

forEachDialect((d) => {
  test('a save of one selector keeps the interval and mode another writer set after the form was shown', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({
        url: URL_,
        kind: 'page',
        intervalSeconds: 1800,
        extractMode: 'short',
        settings: { selectors: { item: 'li.story' } },
      });
      const shown = shownFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      assert.equal(shown.interval, '30');
      assert.equal(shown.extractMode, 'short');
      // Another editor (or the API) changes the interval and the mode while the form is open.
      await store.sources.update(source.id, { intervalSeconds: 600, extractMode: 'always' });
      const res = await desk.post(`/desk/sources/${source.id}/settings`, { ...shown, sel_link: 'h2 a' });
      assert.equal(res.status, 200);
      const s = await store.sources.get(source.id);
      assert.equal(s?.intervalSeconds, 600, 'the other writer’s interval');
      assert.equal(s?.extractMode, 'always', 'the other writer’s mode');
      assert.deepEqual(s?.settings.selectors, { item: 'li.story', link: 'h2 a' }, 'the selector the editor typed');
      // The audit's "after" is what is stored, not what the form held.
      const last = desk.audits.at(-1)?.after as { intervalSeconds: number; extractMode: string };
      assert.equal(last.intervalSeconds, 600);
      assert.equal(last.extractMode, 'always');

      // A field the editor changed while another writer changed it too is not written
      // (p-meanwhile); the other changed field is; saving the page drawn again writes it.
      const again = shownFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      await store.sources.update(source.id, { extractMode: 'off' });
      const refused = await desk.post(`/desk/sources/${source.id}/settings`, { ...again, interval: '45', extractMode: 'short' });
      assert.equal(refused.status, 200);
      const t = await store.sources.get(source.id);
      assert.equal(t?.intervalSeconds, 2700);
      assert.equal(t?.extractMode, 'off');
      await desk.post(`/desk/sources/${source.id}/settings`, shownFields(await refused.text()));
      assert.equal((await store.sources.get(source.id))?.extractMode, 'short');
    } finally {
      await desk.stop();
    }
  });

  test('a selector the editor left alone keeps the value another writer gave it; the one changed is written', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      // Quotes, an ampersand and angle brackets: the shown value goes out and comes back escaped.
      const item = 'li[data-kind="a & <b>"]';
      const { source } = await store.sources.add({ url: URL_, kind: 'page', settings: { selectors: { item, link: 'h2 a' } } });
      const shown = shownFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      assert.equal(shown.sel_item, item);
      await store.sources.update(source.id, { settingsChanges: { selectors: { item: 'article', link: 'h2 a', date: 'time' } } });
      await desk.post(`/desk/sources/${source.id}/settings`, { ...shown, sel_link: 'h3 a' });
      assert.deepEqual((await store.sources.get(source.id))?.settings.selectors, { item: 'article', link: 'h3 a', date: 'time' });
    } finally {
      await desk.stop();
    }
  });

  test('an administrator’s save keeps the private-address permission another administrator changed meanwhile', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { viewer: ADMIN });
    try {
      const { source } = await store.sources.add({ url: URL_, kind: 'feed', intervalSeconds: 1800 });
      const shown = shownFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      assert.equal(shown.allowPrivate, undefined, 'not ticked');
      await store.desk.setSourceSettings(source.id, { allowPrivate: true });
      await desk.post(`/desk/sources/${source.id}/settings`, { ...shown, interval: '60' });
      assert.equal((await store.desk.sourceSettings(source.id))?.allowPrivate, true);
      assert.equal((await store.sources.get(source.id))?.intervalSeconds, 3600);
      // Unticking the box the form showed ticked is written.
      const ticked = shownFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      assert.equal(ticked.allowPrivate, '1');
      const { allowPrivate: _off, ...unticked } = ticked;
      await desk.post(`/desk/sources/${source.id}/settings`, unticked);
      assert.equal((await store.desk.sourceSettings(source.id))?.allowPrivate, false);
    } finally {
      await desk.stop();
    }
  });

  test('after a refused save the page carries the values first shown, so a field changed meanwhile stays left alone', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({ url: URL_, kind: 'page', intervalSeconds: 1800, extractMode: 'short' });
      const shown = shownFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      await store.sources.update(source.id, { extractMode: 'always' });
      const refused = await desk.post(`/desk/sources/${source.id}/settings`, { ...shown, interval: 'soon' });
      assert.equal(refused.status, 400);
      const typed = shownFields(await refused.text());
      assert.equal(typed.extractMode, 'short', 'the mode as the editor had it');
      await desk.post(`/desk/sources/${source.id}/settings`, { ...typed, interval: '20' });
      const s = await store.sources.get(source.id);
      assert.equal(s?.intervalSeconds, 1200);
      assert.equal(s?.extractMode, 'always', 'the other writer’s mode');
    } finally {
      await desk.stop();
    }
  });

  test('the desk-wide settings form keeps a setting another editor changed after the page was loaded', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const page = await (await desk.request('/desk/settings')).text();
      const form = /<form method="post" action="\/desk\/settings">([\s\S]*?)<\/form>/.exec(page)?.[1] ?? '';
      assert.doesNotMatch(form, /name="clusterPlaces"[^>]* checked/);
      await store.desk.setDeskSettings({ clusterPlaces: true }, 'Other Editor');
      const audits = desk.audits.length;
      // The box left unticked, as shown.
      assert.equal((await desk.post('/desk/settings', { shown_clusterPlaces: '' })).status, 303);
      assert.equal((await store.desk.deskSettings()).clusterPlaces, true, 'the other editor’s setting');
      assert.equal(desk.audits.length, audits, 'nothing written, nothing audited');
      // Unticking a box shown ticked is written.
      await desk.post('/desk/settings', { shown_clusterPlaces: '1' });
      assert.equal((await store.desk.deskSettings()).clusterPlaces, false);
      // The page carries the value it shows beside the box.
      assert.equal(/name="shown_clusterPlaces" value="([^"]*)"/.exec(form)?.[1], '', 'shown off');
    } finally {
      await desk.stop();
    }
  });

  test('a post without shown values writes what it gives, as before', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({
        url: URL_,
        kind: 'page',
        intervalSeconds: 1800,
        extractMode: 'always',
        settings: { selectors: { item: 'li' } },
      });
      await desk.post(`/desk/sources/${source.id}/settings`, { interval: '30', extractMode: 'short', sel_item: 'li' });
      const s = await store.sources.get(source.id);
      assert.equal(s?.intervalSeconds, 1800);
      assert.equal(s?.extractMode, 'short');
      assert.deepEqual(s?.settings.selectors, { item: 'li' });
      await desk.post(`/desk/sources/${source.id}/settings`, { interval: '30', extractMode: 'short' });
      assert.equal((await store.sources.get(source.id))?.settings.selectors, undefined, 'no selector fields: none');
    } finally {
      await desk.stop();
    }
  });
});
