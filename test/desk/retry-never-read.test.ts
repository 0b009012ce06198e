// The single-entry read at the desk for an entry never read in full (extract status "none") whose
// source reads full text: the curation list and the entry's edit page offer "Read full text" (the
// same op as "Retry full text", the same extract-entry job, which reads such entries), a press
// queues it once, is audited and says so; an entry of a source with full text off, or without a
// web link, is offered nothing and a forged press is refused (409). Before (p-desk's leftover,
// docs/desk.md) only failed reads were offered and taken. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXTRACT_ENTRY } from '../../src/jobs/extract-entry.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry, textEntry } from '../helpers/entries.js';
import { mountDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1);

const jobsOf = async (store: Store): Promise<number[]> =>
  (await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 100 })).map((j) => j.payload.entryId as number).sort((a, b) => a - b);

/** The read button of an entry's form on a page, or undefined. */
const readButton = (page: string, id: number): string | undefined =>
  new RegExp(
    `<form method="post" action="/desk/curation/entries/${id}" class="inline">(?:(?!</form>)[^])*?<input type="hidden" name="op" value="retry">(?:(?!</form>)[^])*?>([^<]+)</button></form>`,
  ).exec(page)?.[1];

forEachDialect((d) => {
  test('an entry never read in full, of a source reading full text: "Read full text" offered and taken; none for a source with it off', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const reading = (await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire', extractMode: 'short' })).source;
      const off = (await store.sources.add({ url: 'https://off.example/feed.xml', title: 'Off', extractMode: 'off' })).source;
      const [unread, done, noLink] = (
        await store.entries.saveBatch(reading.id, [
          newEntry('Never read', 'A short teaser.', AT),
          newEntry('Read whole', 'Short.', AT + 1),
          textEntry({ dedupeKey: 'nolink', fingerprint: 'nolink', url: null }, 'No link', 'Short.', AT + 2),
        ])
      ).inserted.map((e) => e.id) as [number, number, number];
      await store.entries.setFullText(done, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
      const [offUnread] = (await store.entries.saveBatch(off.id, [newEntry('Off teaser', 'Short.', AT + 3)])).inserted.map((e) => e.id) as [
        number,
      ];

      const list = await (await desk.request('/desk/curation')).text();
      assert.equal(readButton(list, unread), 'Read full text');
      for (const id of [done, noLink, offUnread]) assert.equal(readButton(list, id), undefined, `no read offered for ${id}`);

      const edit = await (await desk.request(`/desk/curation/entries/${unread}`)).text();
      assert.match(
        edit,
        /<p class="never-read">Not read in full yet: its source reads full text, and this story’s page has not been read\.<\/p>/,
      );
      assert.equal(readButton(edit, unread), 'Read full text');
      assert.equal(readButton(await (await desk.request(`/desk/curation/entries/${offUnread}`)).text(), offUnread), undefined);
      assert.match(
        await (await desk.request(`/desk/curation/entries/${unread}`, { headers: { 'accept-language': 'ar' } })).text(),
        />اقرأ النص الكامل</,
      );
      assert.match(
        await (await desk.request(`/desk/curation/entries/${unread}`, { headers: { 'accept-language': 'fa' } })).text(),
        />خواندن متن کامل</,
      );

      // Forged presses on entries not offered: refused, nothing queued.
      for (const id of [offUnread, noLink, done])
        assert.equal((await desk.post(`/desk/curation/entries/${id}`, { op: 'retry' })).status, 409, `${id}`);
      assert.deepEqual(await jobsOf(store), []);

      const res = await desk.post(`/desk/curation/entries/${unread}`, { op: 'retry' });
      assert.equal(res.status, 303);
      const to = res.headers.get('location') ?? '';
      assert.equal(to, `/desk/curation?done=read&entry=${unread}#e${unread}`);
      assert.deepEqual(await jobsOf(store), [unread]);
      const audits = desk.audits.filter((a) => a.action === 'entry.extract-retry');
      assert.equal(audits.length, 1);
      assert.deepEqual(audits[0]?.before, { extractStatus: 'none', extractError: null });
      const after = await (await desk.request(to)).text();
      assert.match(after, /<p role="status" class="done">Read queued: the full text of “Never read” will be read in the background\./);
      assert.match(after, new RegExp(`<span class="retry-queued" data-entry="${unread}">Retry queued</span>`));
      assert.equal(readButton(after, unread), undefined);

      // A second press: nothing queued twice, nothing audited again.
      const again = await desk.post(`/desk/curation/entries/${unread}`, { op: 'retry' });
      assert.equal(again.headers.get('location'), `/desk/curation?done=retry-pending&entry=${unread}#e${unread}`);
      assert.deepEqual(await jobsOf(store), [unread]);
      assert.equal(desk.audits.filter((a) => a.action === 'entry.extract-retry').length, 1);
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
