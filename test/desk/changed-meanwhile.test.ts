// "Changed meanwhile" at the desk's forms (p-meanwhile). A field the editor changed whose stored
// value another writer also changed since the page was shown is not written (before: written over
// the other writer's value without a word); the other changed fields are; the form comes back (409
// when nothing was written, 200 when something was) with the editor's value in that field, the
// stored value beside it (bidi-isolated, escaped) and a catalogued notice; saving that page again
// writes it. A save that changed nothing says so. The other writer runs between the page being
// shown and the post — and, for the source and entry forms, inside the route, after its reads and
// just before its write (the check is the store's, in the write's own transaction). Form fields
// are taken from the rendered page (form-fields.ts). Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { forEachDialect } from '../helpers/dialects.js';
import { formFields, unescapeHtml } from './form-fields.js';
import { ADMIN, EDITOR, mountDesk, setLanguage } from './helpers.js';
import { auditCount, entryFields, hooked, noteOf, oneStory, seedEntry, sourceFields, storyFields } from './scenes.js';

const OTHER = { id: null, name: 'Other Editor' };
const en = CURATION_MESSAGES.en;
const URL_ = 'https://listing.example/news';

/** The catalogue's sentence with {stored} filled as the page fills it (an isolated, quoted value). */
const said = (stored: string): string => en['meanwhile.field'].replace('{stored}', `\u2068“${stored}”\u2069`);

forEachDialect((d) => {
  test('source settings: a field changed by both is kept and shown beside the editor’s; the others are written; saving again writes it', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({
        url: URL_,
        kind: 'page',
        intervalSeconds: 1800,
        extractMode: 'short',
        settings: { selectors: { item: 'li.story', link: 'h2 a' } },
      });
      const shown = sourceFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      // Another writer: the interval and `item` (which the editor changes too), the mode (which the editor leaves).
      const theirs = 'li[data-kind="a & <b>"]';
      await store.sources.update(source.id, {
        intervalSeconds: 600,
        extractMode: 'always',
        settingsChanges: { selectors: { item: theirs, link: 'h2 a' } },
      });
      const res = await desk.post(`/desk/sources/${source.id}/settings`, { ...shown, interval: '45', sel_item: 'div.x', sel_link: 'h3 a' });
      assert.equal(res.status, 200, 'something was written');
      const page = await res.text();
      const s = await store.sources.get(source.id);
      assert.equal(s?.intervalSeconds, 600, 'the other writer’s interval');
      assert.equal(s?.extractMode, 'always', 'the field the editor left alone');
      assert.deepEqual(s?.settings.selectors, { item: theirs, link: 'h3 a' }, 'their item, the editor’s link');
      assert.ok(page.includes('data-meanwhile-notice="some"') && page.includes(en['meanwhile.someSaved']));
      assert.equal(noteOf(page, 'interval'), said('10'));
      assert.equal(noteOf(page, 'sel_item'), said(theirs));
      assert.ok(page.includes('&lt;b&gt;'), 'escaped');
      assert.equal(noteOf(page, 'sel_link'), undefined);
      const again = sourceFields(page);
      assert.equal(again.interval, '45', 'the editor’s value in the field');
      assert.equal(again.shown_interval, '10', 'the stored value as its shown value');
      assert.equal(again.sel_item, 'div.x');
      assert.equal(again.shown_sel_item, theirs);
      assert.equal(again.extractMode, 'always', 'a field not refused shows what is stored');
      const audits = desk.audits.length;
      assert.equal(audits, 1, 'the link was written and audited');
      assert.equal((desk.audits[0]?.after as { intervalSeconds: number } | undefined)?.intervalSeconds, 600);
      // Saving the page drawn again writes the editor's values.
      const second = await desk.post(`/desk/sources/${source.id}/settings`, again);
      assert.equal(second.status, 200);
      assert.ok((await second.text()).includes('role="status"'));
      const t = await store.sources.get(source.id);
      assert.equal(t?.intervalSeconds, 2700);
      assert.deepEqual(t?.settings.selectors, { item: 'div.x', link: 'h3 a' });
      assert.equal(t?.extractMode, 'always');
      // A save that changed nothing says so, writes and audits nothing.
      const fresh = sourceFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      const nothing = await (await desk.post(`/desk/sources/${source.id}/settings`, fresh)).text();
      assert.ok(nothing.includes(en.nothingToSave));
      assert.equal(desk.audits.length, audits + 1);
    } finally {
      await desk.stop();
    }
  });

  test('source settings: nothing written answers 409; another writer inside the save (after the route’s read) is not overwritten', async () => {
    const base = await d.open();
    const { source } = await base.sources.add({ url: URL_, kind: 'page', intervalSeconds: 1800, extractMode: 'short' });
    // The other writer changes the mode after the route read the source, just before its write.
    const store = hooked(base, 'sources', ['update', 'updateShown'], async () => {
      await base.sources.update(source.id, { extractMode: 'off' });
    });
    const desk = await mountDesk(store, { viewer: ADMIN });
    try {
      const shown = sourceFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      const res = await desk.post(`/desk/sources/${source.id}/settings`, { ...shown, extractMode: 'always' });
      assert.equal(res.status, 409, 'nothing written');
      const page = await res.text();
      assert.ok(page.includes('data-meanwhile-notice="none"') && page.includes(en['meanwhile.noneSaved']));
      assert.ok(noteOf(page, 'extractMode'));
      assert.equal((await base.sources.get(source.id))?.extractMode, 'off', 'the other writer’s mode');
      assert.equal(desk.audits.length, 0, 'no audit row for a field not written');
      const again = sourceFields(page);
      assert.equal(again.extractMode, 'always');
      assert.equal(again.shown_extractMode, 'off');
      assert.equal((await desk.post(`/desk/sources/${source.id}/settings`, again)).status, 200);
      assert.equal((await base.sources.get(source.id))?.extractMode, 'always');
    } finally {
      await desk.stop();
    }
  });

  test('entry edit: the headline changed by both is kept, the excerpt written, 200 with the notice; saving again writes it', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = await seedEntry(store);
      await store.curation.update({ kind: 'entry', id }, { headline: 'First', excerpt: 'First excerpt.' }, OTHER, 'teaser.edit');
      const shown = entryFields(await (await desk.request(`/desk/curation/entries/${id}`)).text(), id);
      const theirs = 'Other’s <i>“take”</i> & more';
      await store.curation.update({ kind: 'entry', id }, { headline: theirs }, OTHER, 'teaser.edit');
      const edits = await auditCount(store, 'teaser.edit');
      const res = await desk.post(`/desk/curation/entries/${id}`, { ...shown, headline: 'Mine', excerpt: 'My excerpt.' });
      assert.equal(res.status, 200);
      const page = await res.text();
      const o = (await store.curation.overrides([id])).entries.get(id);
      assert.equal(o?.headline, theirs, 'the other editor’s headline');
      assert.equal(o?.excerpt, 'My excerpt.', 'the excerpt written');
      assert.equal(await auditCount(store, 'teaser.edit'), edits + 1, 'one audit row: the excerpt');
      assert.ok(page.includes(en['meanwhile.someSaved']));
      assert.equal(noteOf(page, 'headline'), said(theirs));
      assert.ok(page.includes('&lt;i&gt;'), 'escaped');
      assert.equal(noteOf(page, 'excerpt'), undefined);
      const again = entryFields(page, id);
      assert.equal(again.headline, 'Mine');
      assert.equal(again.shown_headline, theirs);
      assert.equal(again.excerpt, 'My excerpt.');
      const second = await desk.post(`/desk/curation/entries/${id}`, again);
      assert.equal(second.status, 303);
      assert.equal((await store.curation.overrides([id])).entries.get(id)?.headline, 'Mine');
      assert.equal((await store.curation.overrides([id])).entries.get(id)?.excerpt, 'My excerpt.');
    } finally {
      await desk.stop();
    }
  });

  test('entry edit: another editor inside the save is not overwritten (409, no audit row); nothing changed says so', async () => {
    const base = await d.open();
    const id = await seedEntry(base);
    const store = hooked(base, 'curation', ['update'], async () => {
      await base.curation.update({ kind: 'entry', id }, { headline: 'Set inside the save' }, OTHER, 'teaser.edit');
    });
    const desk = await mountDesk(store);
    try {
      const shown = entryFields(await (await desk.request(`/desk/curation/entries/${id}`)).text(), id);
      const res = await desk.post(`/desk/curation/entries/${id}`, { ...shown, headline: 'Mine' });
      assert.equal(res.status, 409);
      const page = await res.text();
      assert.ok(page.includes(en['meanwhile.noneSaved']));
      assert.equal(noteOf(page, 'headline'), said('Set inside the save'));
      assert.equal((await base.curation.overrides([id])).entries.get(id)?.headline, 'Set inside the save');
      assert.equal(await auditCount(base, 'teaser.edit'), 1, 'the other editor’s only');
      // The page drawn again, saved untouched: nothing to save (the field holds the editor's value, shown as stored: changed).
      const fresh = entryFields(await (await desk.request(`/desk/curation/entries/${id}`)).text(), id);
      const nothing = await desk.post(`/desk/curation/entries/${id}`, fresh);
      assert.equal(nothing.status, 303);
      const where = nothing.headers.get('location') ?? '';
      assert.match(where, /done=nothing/);
      const list = await (await desk.request(where)).text();
      assert.ok(unescapeHtml(list).includes(en['curation.done.nothing'].replace('{title}', 'Set inside the save')));
      assert.equal(await auditCount(base, 'teaser.edit'), 1);
    } finally {
      await desk.stop();
    }
  });

  test('story headline: changed by both is kept (409), the editor’s value beside it, in the editor’s language; saving again writes it', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    await setLanguage(store, EDITOR.name, 'ar');
    try {
      const story = await oneStory(store);
      const shown = storyFields(await (await desk.request(`/desk/curation/stories/${story}`)).text(), story);
      await store.curation.update({ kind: 'story', id: story }, { headline: 'Named meanwhile' }, OTHER, 'story.edit');
      const edits = await auditCount(store, 'story.edit');
      const res = await desk.post(`/desk/curation/stories/${story}/headline`, { ...shown, headline: 'Mine' });
      assert.equal(res.status, 409);
      const page = await res.text();
      const ar = CURATION_MESSAGES.ar as typeof en;
      assert.ok(page.includes(ar['meanwhile.noneSaved']));
      assert.equal(noteOf(page, 'headline'), ar['meanwhile.field'].replace('{stored}', '\u2068“Named meanwhile”\u2069'));
      assert.equal(await auditCount(store, 'story.edit'), edits, 'no audit row');
      const again = storyFields(page, story);
      assert.equal(again.headline, 'Mine');
      assert.equal(again.shown_headline, 'Named meanwhile');
      assert.equal((await desk.post(`/desk/curation/stories/${story}/headline`, again)).status, 303);
      assert.equal((await store.curation.overrides([], [story])).stories.get(story)?.headline, 'Mine');
      // Saved untouched: "nothing to save", not "saved".
      const fresh = storyFields(await (await desk.request(`/desk/curation/stories/${story}`)).text(), story);
      const nothing = await desk.post(`/desk/curation/stories/${story}/headline`, fresh);
      assert.match(nothing.headers.get('location') ?? '', /saved=nothing/);
      const after = await (await desk.request(nothing.headers.get('location') ?? '')).text();
      assert.ok(after.includes(ar.nothingToSave));
      assert.ok(!after.includes(ar['stories.saved']));
    } finally {
      await desk.stop();
    }
  });

  test('desk-wide settings: a box saved as shown says "nothing to save"; a box moved to the editor’s value is saved', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const form = /action="\/desk\/settings"/;
      const shown = formFields(await (await desk.request('/desk/settings')).text(), form);
      const nothing = await desk.post('/desk/settings', shown);
      assert.equal(nothing.headers.get('location'), '/desk/settings?saved=nothing');
      const page = await (await desk.request('/desk/settings?saved=nothing')).text();
      assert.ok(page.includes(en.nothingToSave) && !page.includes(en['settings.saved']));
      assert.equal(desk.audits.length, 0);
      // Two values: another editor's change made meanwhile is the editor's own choice, no conflict.
      await store.desk.setDeskSettings({ clusterPlaces: true }, 'Other Editor');
      const res = await desk.post('/desk/settings', { ...shown, clusterPlaces: '1' });
      assert.equal(res.headers.get('location'), '/desk/settings?saved=1');
      assert.equal((await store.desk.deskSettings()).clusterPlaces, true);
    } finally {
      await desk.stop();
    }
  });
});
