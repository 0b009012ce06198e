// Review of "changed meanwhile" (r-meanwhile), attacks that found no defect, kept as guards:
// - every form drawn again after a refused field, with hostile values as the stored one (another
//   writer's, put in through the store as it is, unchecked) and as the editor's: markup and quotes
//   escaped, the stored value's unclosed overrides and stray isolate closers kept inside its note;
// - two saves of one field from one page at once, through the desk's routes: exactly one written
//   and audited, the other drawn again (409) with the winner's value beside it.
// Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { mountDesk } from './helpers.js';
import { entryFields, noteOf, oneStory, seedEntry, sourceFields, storyFields } from './scenes.js';

const OTHER = { id: null, name: 'Other Editor' };
const HOSTILE = '"><script>alert(1)</script></textarea>\u202e\u2069<b>x';

/** No markup of the hostile values reached the page as markup. */
function escaped(page: string): void {
  assert.ok(!page.includes('<script>alert'), 'no script element');
  assert.ok(!page.includes('<b>x') && !page.includes('<i>y'), 'no element from a value');
  assert.ok(!/<\/textarea>\s*(?:&#8238;|\u202e)/.test(page), 'no textarea closed by a value');
}

/** The note's value sits in one isolate that its own controls cannot leave: FSI … PDI, balanced. */
function isolated(note: string | undefined): void {
  assert.ok(note);
  const inner = /\u2068([\s\S]*)\u2069/.exec(note)?.[1] ?? '';
  let depth = 0;
  for (const ch of inner) {
    if (ch === '\u2068' || ch === '\u2066' || ch === '\u2067') depth++;
    if (ch === '\u2069') depth--;
    assert.ok(depth >= 0, 'a closer in the value does not end the note’s isolate');
  }
  assert.ok(!inner.includes('\u202e') || inner.lastIndexOf('\u202c') > inner.lastIndexOf('\u202e'), 'the override is closed inside');
}

forEachDialect((d) => {
  test('forms drawn again after a refused field escape the stored and the editor’s hostile values', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = await seedEntry(store);
      const ef = entryFields(await (await desk.request(`/desk/curation/entries/${id}`)).text(), id);
      await store.curation.update({ kind: 'entry', id }, { headline: HOSTILE, excerpt: HOSTILE }, OTHER, 'teaser.edit');
      const mine = '</textarea><i>y</i>\u0000\ud800 "quoted"';
      const er = await desk.post(`/desk/curation/entries/${id}`, { ...ef, headline: mine, excerpt: mine + 'x'.repeat(5000) });
      assert.equal(er.status, 409);
      const ep = await er.text();
      escaped(ep);
      isolated(noteOf(ep, 'headline'));
      isolated(noteOf(ep, 'excerpt'));
      const again = entryFields(ep, id);
      assert.equal(again.shown_headline, HOSTILE, 'the stored value as the shown one, round-tripped');
      assert.equal(again.headline, '</textarea><i>y</i> \ufffd "quoted"', 'the editor’s value as cleaned, round-tripped');
      assert.equal(Array.from(again.excerpt ?? '').length, 2000, 'cut as written');

      const story = await oneStory(store);
      const sf = storyFields(await (await desk.request(`/desk/curation/stories/${story}`)).text(), story);
      await store.curation.update({ kind: 'story', id: story }, { headline: HOSTILE }, OTHER, 'story.edit');
      const sr = await desk.post(`/desk/curation/stories/${story}/headline`, { ...sf, headline: mine });
      assert.equal(sr.status, 409);
      const sp = await sr.text();
      escaped(sp);
      isolated(noteOf(sp, 'headline'));
      assert.equal(storyFields(sp, story).shown_headline, HOSTILE);

      const { source } = await store.sources.add({
        url: 'https://listing.example/news',
        kind: 'page',
        settings: { selectors: { item: 'li', link: 'h2 a' } },
      });
      const of = sourceFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      await store.sources.update(source.id, { settingsChanges: { selectors: { item: HOSTILE, link: 'h2 a' } } });
      const or = await desk.post(`/desk/sources/${source.id}/settings`, { ...of, sel_item: 'li[title="<i>y</i>"]' });
      assert.equal(or.status, 409);
      const op = await or.text();
      escaped(op);
      isolated(noteOf(op, 'sel_item'));
      assert.equal(sourceFields(op).shown_sel_item, HOSTILE);
      assert.equal(sourceFields(op).sel_item, 'li[title="<i>y</i>"]');
      // The form drawn again posts under the same rules: without the session's token, 403 and
      // nothing written; an editor (not an administrator) cannot grant the permission by forging
      // its shown value.
      const noToken = await desk.post(`/desk/sources/${source.id}/settings`, sourceFields(op), { csrf: null });
      assert.equal(noToken.status, 403);
      assert.deepEqual((await store.sources.get(source.id))?.settings.selectors, { item: HOSTILE, link: 'h2 a' });
      await desk.post(`/desk/sources/${source.id}/settings`, { ...sourceFields(op), allowPrivate: '1', shown_allowPrivate: '' });
      assert.equal((await store.desk.sourceSettings(source.id))?.allowPrivate ?? false, false);
    } finally {
      await desk.stop();
    }
  });

  test('two saves of one field from one page at once: one written and audited, the other 409 with the winner beside it', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { source } = await store.sources.add({ url: 'https://listing.example/news', kind: 'page', intervalSeconds: 1800 });
      const of = sourceFields(await (await desk.request(`/desk/sources/${source.id}`)).text());
      const res = await Promise.all(['45', '50'].map((interval) => desk.post(`/desk/sources/${source.id}/settings`, { ...of, interval })));
      assert.deepEqual(res.map((r) => r.status).sort(), [200, 409]);
      const lost = await res.find((r) => r.status === 409)!.text();
      const stored = (await store.sources.get(source.id))?.intervalSeconds;
      assert.ok(stored === 2700 || stored === 3000);
      assert.ok(noteOf(lost, 'interval')?.includes(`“${stored / 60}”`), 'the winner’s value beside the loser’s');
      assert.equal(desk.audits.length, 1, 'one audit row');

      const id = await seedEntry(store);
      const ef = entryFields(await (await desk.request(`/desk/curation/entries/${id}`)).text(), id);
      const edits = await Promise.all(['One', 'Two'].map((headline) => desk.post(`/desk/curation/entries/${id}`, { ...ef, headline })));
      assert.deepEqual(edits.map((r) => r.status).sort(), [303, 409]);
      assert.equal((await store.curation.audit({ action: 'teaser.edit', limit: 10 })).items.length, 1);

      const story = await oneStory(store);
      const sf = storyFields(await (await desk.request(`/desk/curation/stories/${story}`)).text(), story);
      const names = await Promise.all(
        ['One', 'Two'].map((headline) => desk.post(`/desk/curation/stories/${story}/headline`, { ...sf, headline })),
      );
      assert.deepEqual(names.map((r) => r.status).sort(), [303, 409]);
      assert.equal((await store.curation.audit({ action: 'story.edit', limit: 10 })).items.length, 1);
    } finally {
      await desk.stop();
    }
  });
});
