// The desk's settings page (/desk/settings, p-places2) and the record behind it
// (store.desk.deskSettings, migration 026): one setting so far, grouping stories with country
// names compared across scripts, off until an editor turns it on; a save is CSRF-checked,
// editors only, audited with the value before and after, and answered by Post/Redirect/Get with a
// notice; the page is in the editor's language (en/ar/fa). Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Viewer } from '../../src/auth/viewer.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { forEachDialect } from '../helpers/dialects.js';
import { CSRF, mountDesk } from './helpers.js';

const READER: Viewer = { userId: 9, name: 'Rita Reader', role: 'reader', lang: null, via: 'session', scope: 'write', csrf: CSRF };

const checked = (page: string): boolean => {
  const m = /<input type="checkbox" id="cluster-places"[^>]*>/.exec(page);
  assert.ok(m, 'the page has the setting');
  return / checked\b/.test(m[0]);
};

forEachDialect((d) => {
  test('desk settings: the defaults until saved, then kept; a patch changes only what it names', async () => {
    const store = await d.open();
    assert.deepEqual(await store.desk.deskSettings(), { clusterPlaces: false, updatedBy: null, updatedAt: null });
    const saved = await store.desk.setDeskSettings({ clusterPlaces: true }, 'ed', 1000);
    assert.deepEqual(saved, { clusterPlaces: true, updatedBy: 'ed', updatedAt: 1000 });
    assert.deepEqual(await store.desk.deskSettings(), saved);
    assert.deepEqual(await store.desk.setDeskSettings({}, 'bo', 2000), { clusterPlaces: true, updatedBy: 'bo', updatedAt: 2000 });
    assert.equal((await store.desk.setDeskSettings({ clusterPlaces: false }, 'ed', 3000)).clusterPlaces, false);
    const again = await d.reopen(store);
    assert.deepEqual(await again.desk.deskSettings(), { clusterPlaces: false, updatedBy: 'ed', updatedAt: 3000 });
  });

  test('the settings page turns country names across scripts on and off, audited, PRG with a notice', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const first = await (await desk.request('/desk/settings')).text();
      assert.equal(checked(first), false);
      assert.ok(first.includes(CURATION_MESSAGES.en['settings.places']));
      assert.ok(first.includes('href="/desk/settings" aria-current="page"'), 'the desk navigation names the page');
      assert.ok(!first.includes(CURATION_MESSAGES.en['settings.saved']));

      const on = await desk.post('/desk/settings', { clusterPlaces: '1' });
      assert.equal(on.status, 303);
      assert.equal(on.headers.get('location'), '/desk/settings?saved=1');
      assert.equal((await store.desk.deskSettings()).clusterPlaces, true);
      assert.equal((await store.desk.deskSettings()).updatedBy, 'Edith Editor');
      assert.deepEqual(
        desk.audits.map((a) => [a.action, a.target, a.before, a.after, a.actorName]),
        [['desk.settings', 'desk:settings', { clusterPlaces: false }, { clusterPlaces: true }, 'Edith Editor']],
      );
      const after = await (await desk.request('/desk/settings?saved=1')).text();
      assert.equal(checked(after), true);
      assert.ok(after.includes(CURATION_MESSAGES.en['settings.saved']));
      assert.ok(after.includes('Edith Editor'));

      // An unchecked box sends nothing: off.
      assert.equal((await desk.post('/desk/settings', {})).status, 303);
      assert.equal((await store.desk.deskSettings()).clusterPlaces, false);
      assert.equal(desk.audits.length, 2);

      // A forged form changes nothing.
      const forged = await desk.post('/desk/settings', { clusterPlaces: '1' }, { csrf: 'not-the-token' });
      assert.equal(forged.status, 403);
      assert.equal((await store.desk.deskSettings()).clusterPlaces, false);
      assert.equal(desk.audits.length, 2);
    } finally {
      await desk.stop();
    }
  });

  test('a reader cannot open or change the desk settings', async () => {
    const store = await d.open();
    const desk = await mountDesk(store, { viewer: READER });
    try {
      assert.equal((await desk.request('/desk/settings')).status, 403);
      assert.notEqual((await desk.post('/desk/settings', { clusterPlaces: '1' })).status, 303);
      assert.equal((await store.desk.deskSettings()).clusterPlaces, false);
    } finally {
      await desk.stop();
    }
  });
});

test('the settings page is written in Arabic and Persian too', async () => {
  const { SqliteStore } = await import('../../src/store/sqlite/index.js');
  const store = await SqliteStore.open({ path: ':memory:' });
  const desk = await mountDesk(store);
  try {
    for (const lang of ['ar', 'fa'] as const) {
      const page = await (await desk.request('/desk/settings', { headers: { 'accept-language': lang } })).text();
      for (const key of ['settings.title', 'settings.places', 'settings.save', 'nav.settings'] as const) {
        assert.ok(page.includes(CURATION_MESSAGES[lang][key]!), `${lang} ${key}`);
        assert.notEqual(CURATION_MESSAGES[lang][key], CURATION_MESSAGES.en[key]);
      }
      assert.ok(!page.includes(CURATION_MESSAGES.en['settings.placesHelp']));
    }
  } finally {
    await desk.stop();
    await store.close();
  }
});
