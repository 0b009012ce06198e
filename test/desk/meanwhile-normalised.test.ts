// Review of "changed meanwhile" (r-meanwhile): the shown value and the stored one are compared as
// the form shows and writes them, not as raw strings.
// 1. A headline or excerpt stored before editors' text was cleaned (7a0cafe2: line breaks, runs of
//    spaces, direction overrides were kept then) reads, after the form's cleaning, as something
//    other than what is stored. Compared raw, every save of that field was refused as "changed
//    meanwhile", and saving again was refused again: the field could never be changed from the desk.
// 2. A field retyped to what the page showed in another spelling (a space at the end of a headline,
//    "05" for 5 minutes) changes nothing that is stored: "nothing to save", no write, no audit row
//    (before: written, audited with before = after, and "saved").
// Both dialects (the store's check is involved in 1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { mountDesk } from './helpers.js';
import { auditCount, entryFields, hooked, oneStory, seedEntry, sourceFields, storyFields } from './scenes.js';

const OLD = { id: null, name: 'Earlier Editor' };

/**
 * What a browser posts of the edit form: a text input's value has its line breaks stripped (HTML's
 * value sanitization for type=text); every other value (a hidden input, a textarea) goes with its
 * line breaks as CRLF (form submission's newline normalization).
 */
function asBrowserPosts(fields: Record<string, string>, textInputs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, textInputs.includes(k) ? v.replace(/[\r\n]/g, '') : v.replace(/\r?\n/g, '\r\n')]),
  );
}

forEachDialect((d) => {
  test('a headline and excerpt stored before editors’ text was cleaned can be changed (not refused as changed meanwhile)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = await seedEntry(store);
      // As the form stored them before 7a0cafe2: line breaks, a run of spaces and an override kept.
      await store.curation.update(
        { kind: 'entry', id },
        { headline: 'Old  \u202eheadline', excerpt: 'Line one.\r\n\r\nLine two.' },
        OLD,
        'teaser.edit',
      );
      const shown = asBrowserPosts(entryFields(await (await desk.request(`/desk/curation/entries/${id}`)).text(), id), ['headline']);
      const res = await desk.post(`/desk/curation/entries/${id}`, { ...shown, headline: 'New headline', excerpt: 'New excerpt.' });
      assert.equal(res.status, 303, 'written: nobody changed either field since the page was shown');
      const o = (await store.curation.overrides([id])).entries.get(id);
      assert.equal(o?.headline, 'New headline');
      assert.equal(o?.excerpt, 'New excerpt.');
      // The store's check alone, as a form's save hands it: the shown value cleaned as the form cleans.
      await store.curation.update({ kind: 'entry', id }, { excerpt: 'Line one.\nLine two.' }, OLD, 'teaser.edit');
      const r = await store.curation.update({ kind: 'entry', id }, { excerpt: 'Mine.' }, OLD, 'teaser.edit', undefined, {
        excerpt: 'Line one. Line two.',
      });
      assert.deepEqual(r.refused, [], 'the shown excerpt is the stored one, as the form shows it');
      const s = await store.curation.update({ kind: 'entry', id }, { excerpt: 'Again.' }, OLD, 'teaser.edit', undefined, {
        excerpt: 'Something else',
      });
      assert.deepEqual(s.refused, ['excerpt'], 'a value moved meanwhile is still refused');
    } finally {
      await desk.stop();
    }
  });

  test('a headline retyped with spaces around it, or an interval as "05", is nothing to save: no write, no audit row', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = await seedEntry(store);
      await store.curation.update({ kind: 'entry', id }, { headline: 'Kept', excerpt: 'Kept excerpt.' }, OLD, 'teaser.edit');
      const edits = await auditCount(store, 'teaser.edit');
      const shown = entryFields(await (await desk.request(`/desk/curation/entries/${id}`)).text(), id);
      const res = await desk.post(`/desk/curation/entries/${id}`, { ...shown, headline: ' Kept  ', excerpt: 'Kept\r\nexcerpt.' });
      assert.match(res.headers.get('location') ?? '', /done=nothing/);
      assert.equal(await auditCount(store, 'teaser.edit'), edits, 'no audit row');
      assert.equal((await store.curation.overrides([id])).entries.get(id)?.updatedByName, OLD.name, 'not touched');

      const story = await oneStory(store);
      await store.curation.update({ kind: 'story', id: story }, { headline: 'Named' }, OLD, 'story.edit');
      const storyEdits = await auditCount(store, 'story.edit');
      const sf = storyFields(await (await desk.request(`/desk/curation/stories/${story}`)).text(), story);
      const r = await desk.post(`/desk/curation/stories/${story}/headline`, { ...sf, headline: 'Named ' });
      assert.match(r.headers.get('location') ?? '', /saved=nothing/);
      assert.equal(await auditCount(store, 'story.edit'), storyEdits, 'no audit row');

      const { source } = await store.sources.add({ url: 'https://listing.example/news', kind: 'page', intervalSeconds: 300 });
      const f = sourceFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      assert.equal(f.interval, '5');
      const page = await (await desk.post(`/desk/sources/${source.id}/settings`, { ...f, interval: '05' })).text();
      assert.ok(page.includes('data-nothing'), 'nothing to save');
      assert.equal(desk.audits.length, 0, 'no audit row');
    } finally {
      await desk.stop();
    }
  });
  test('source settings: the audit row’s "before" is the row the write changed, not the route’s earlier read', async () => {
    const base = await d.open();
    const { source } = await base.sources.add({
      url: 'https://listing.example/news',
      kind: 'page',
      intervalSeconds: 1800,
      settings: { selectors: { item: 'li', link: 'h2 a' } },
    });
    // Another writer changes the interval after the route read the source, just before its write.
    const store = hooked(base, 'sources', ['updateShown'], async () => {
      await base.sources.update(source.id, { intervalSeconds: 600 });
    });
    const desk = await mountDesk(store);
    try {
      const shown = sourceFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      const res = await desk.post(`/desk/sources/${source.id}/settings`, { ...shown, interval: '45', sel_link: 'h3 a' });
      assert.equal(res.status, 200, 'the link written, the interval refused');
      assert.equal((await base.sources.get(source.id))?.intervalSeconds, 600);
      assert.equal(desk.audits.length, 1);
      const [row] = desk.audits;
      const before = row?.before as { intervalSeconds: number; selectors: unknown };
      const after = row?.after as { intervalSeconds: number; selectors: unknown };
      // The editor did not change the interval: the row must not say 1800 → 600 of them.
      assert.equal(before.intervalSeconds, 600, 'the interval as it was when this save was written');
      assert.equal(after.intervalSeconds, 600);
      assert.deepEqual(before.selectors, { item: 'li', link: 'h2 a' });
      assert.deepEqual(after.selectors, { item: 'li', link: 'h3 a' });
    } finally {
      await desk.stop();
    }
  });
});
