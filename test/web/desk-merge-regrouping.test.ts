// An editor's merge at the desk while a re-grouping runs (p-fence2): a merge of two stories the
// run has built goes through (and the run keeps it: test/jobs/recluster-desk-writes.test.ts); a
// merge of stories picked from a list read before the run, which its start forgot, is refused with
// what is going on and what to do, not "it may have been removed". Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from './helpers.js';

const MIN = 60_000;

/**
 * The catalogue's "a re-grouping is running" with 4 of 9 articles done (each language has it),
 * its counts in the digits given (p-lease: the interface's, as the desk's other counts).
 */
function said(lang: 'en' | 'ar' | 'fa', digits: readonly [string, string] = ['4', '9']): string {
  const text = CURATION_MESSAGES[lang]['stories.regrouping'];
  assert.ok(text, `${lang} has the message`);
  return text.replace('{done}', digits[0]).replace('{total}', digits[1]);
}

forEachDialect((d) => {
  test('a merge of stories a running re-grouping forgot says so; a merge of stories it built goes through', async () => {
    const { store } = await populatedStore(d.open);
    const app = asViewer(makeApp(store), store, () => editor());
    // The confirmation as the confirm page sends it: the ids and the keys of the stories it showed.
    const merge = (into: number, from: number, lang = 'en', keys: [string, string] = ['old-a', 'old-b']) => {
      const f = form({ _csrf: TEST_CSRF, into: String(into), from: String(from), intoKey: keys[0], fromKey: keys[1], confirm: '1' });
      return app.request('/desk/curation/stories/merge', {
        method: 'POST',
        body: f.body,
        headers: { ...f.headers, 'accept-language': lang },
      });
    };
    const [a, b, c, e] = (await store.entries.list({ limit: 4 })).items.map((x) => x.id) as [number, number, number, number];
    await store.stories.assign([
      { entryId: a!, storyKey: 'old-a' },
      { entryId: b!, storyKey: 'old-b' },
    ]);
    const [oa, ob] = (await store.entries.getMany([a!, b!])).map((x) => x.storyId!) as [number, number];

    // A run takes the lease, starts and forgets the stories; the editor confirms a merge picked before.
    const now = Date.now();
    const holder = { owner: 'worker-7', job: 12 };
    const took = await store.stories.takeReclusterLease(holder, now + 10 * MIN, now);
    assert.ok(took.taken);
    const fence = { ...holder, generation: took.generation };
    assert.ok(await store.stories.startRecluster(9, now, fence));
    assert.ok(await store.stories.clear(fence));
    assert.ok(await store.stories.recordRecluster({ publishedAt: now, entryId: a! }, 4, now, { holder: fence, until: now + 10 * MIN }));
    const refused = await merge(oa, ob);
    assert.equal(refused.status, 422);
    const page = await refused.text();
    assert.ok(page.includes(said('en')), page);
    assert.doesNotMatch(page, /it may have been removed/);
    // In the interface's digits (p-lease): Persian in Persian, Arabic-Indic where the Arabic
    // locale writes them (as the settings page writes the run's progress), never Latin there.
    const ar = await (await merge(oa, ob, 'ar-EG')).text();
    assert.ok(ar.includes(said('ar', ['٤', '٩'])), ar);
    const fa = await (await merge(oa, ob, 'fa')).text();
    assert.ok(fa.includes(said('fa', ['۴', '۹'])), fa);
    assert.ok(!fa.includes(said('fa')) && !ar.includes(said('ar')), 'no Latin digits in Persian or Arabic');

    // Stories the run has built are merged while it runs.
    await store.stories.recordRecluster({ publishedAt: now, entryId: b! }, 0, now, { holder: fence, until: now + 10 * MIN }, [
      { entryId: c!, storyKey: 'new-c' },
      { entryId: e!, storyKey: 'new-e' },
    ]);
    const [nc, ne] = (await store.entries.getMany([c!, e!])).map((x) => x.storyId!) as [number, number];
    const done = await merge(nc, ne, 'en', ['new-c', 'new-e']);
    assert.equal(done.status, 303);
    assert.equal((await store.entries.get(e!))?.storyId, nc);
    // The merged story's size on the list, in Persian digits too (p-lease).
    const list = await (await app.request('/desk/curation/stories', { headers: { 'accept-language': 'fa' } })).text();
    const size = CURATION_MESSAGES.fa['stories.size']!;
    assert.ok(list.includes(size.replace('{n}', '۲')), list);
    assert.ok(!list.includes(size.replace('{n}', '2')));

    // Once the run has ended, a story that is gone is "removed" again; an id SQLite gave to a new
    // story is not the story the editor was asked about (its key differs), so nothing is merged.
    // Ended at the store's clock, which the desk judges the lease by (PostgreSQL's may read some ms
    // behind Date.now(): a lease released at Date.now() was still live to it).
    assert.ok(await store.stories.releaseReclusterLease(fence, await store.clock.now()));
    const f = (await store.entries.list({ limit: 6 })).items[5]!.id;
    await store.stories.assign([{ entryId: f, storyKey: 'new-f' }]);
    const nf = (await store.entries.get(f))!.storyId!;
    const stale = await merge(nc, nf, 'en', ['new-c', 'other']);
    assert.equal(stale.status, 422);
    assert.match(await stale.text(), /it may have been removed/);
    assert.equal((await store.entries.get(f))?.storyId, nf, 'nothing was merged');
    assert.match(await (await merge(oa + 1000, ob + 1000)).text(), /it may have been removed/);
  });
});
