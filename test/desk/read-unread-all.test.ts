// Teasers never read in full, desk-wide: the sources page (/desk/sources, where the desk shows
// every source's health) counts the entries of status "none" over every source that reads full
// text, each by its own extract mode ("short": short teasers only; "off": none), leaving out those
// whose read is queued (by a source's own button too), and "Read N of them in full" queues at most
// 500 a press, highest id first, through the same jobs and pending keys as a source's button:
// CSRF-checked, editors only, audited when it queued something, Post/Redirect/Get to the list with
// the catalogued notice (en/ar/fa). Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Viewer } from '../../src/auth/viewer.js';
import { EXTRACT_ENTRY } from '../../src/jobs/extract-entry.js';
import type { Store } from '../../src/store/store.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry } from '../helpers/entries.js';
import { CSRF, mountDesk, type TestDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1);
const READER: Viewer = { userId: 9, name: 'Rita Reader', role: 'reader', lang: null, via: 'session', scope: 'write', csrf: CSRF };

const jobsOf = async (store: Store): Promise<number[]> =>
  (await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 2000 })).map((j) => j.payload.entryId as number).sort((a, b) => a - b);

/** The desk-wide section's count, or undefined when the list offers no read. */
const offered = (page: string): number | undefined => {
  const m = /<section aria-labelledby="unread-all-h" data-unread-all="(\d+)">/.exec(page);
  return m ? Number(m[1]) : undefined;
};

const press = (desk: TestDesk, csrf?: string | null): Promise<Response> =>
  desk.post('/desk/sources/read-unread', {}, csrf === undefined ? {} : { csrf });

const ids = (entries: readonly { id: number }[]): number[] => entries.map((e) => e.id);

forEachDialect((d) => {
  test('the sources page counts never-read teasers of every source reading full text; one press queues them, PRG notice, audited once', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const short = (await store.sources.add({ url: 'https://short.example/feed.xml', title: 'Short', extractMode: 'short' })).source;
      const always = (await store.sources.add({ url: 'https://always.example/feed.xml', title: 'Always', extractMode: 'always' })).source;
      const off = (await store.sources.add({ url: 'https://off.example/feed.xml', title: 'Off', extractMode: 'off' })).source;
      const s = (
        await store.entries.saveBatch(short.id, [
          newEntry('Short one', 'A short teaser.', AT),
          newEntry('Short two', 'Another short teaser.', AT + 1),
          newEntry('Long teaser', 'word '.repeat(200), AT + 2),
          newEntry('Read already', 'Short.', AT + 3),
        ])
      ).inserted;
      const a = (
        await store.entries.saveBatch(always.id, [
          newEntry('Always one', 'Short.', AT + 4),
          newEntry('Always long', 'word '.repeat(200), AT + 5),
        ])
      ).inserted;
      await store.entries.saveBatch(off.id, [newEntry('Off one', 'Short.', AT + 6)]);
      await store.entries.setFullText(s[3]!.id, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });

      const page = await (await desk.request('/desk/sources')).text();
      assert.equal(offered(page), 4, "the short source's two short teasers and the always source's two; not the off source's");
      assert.match(page, /<p>Stories whose article was never read in full though their source reads full text, across all sources: 4\. /);
      assert.match(
        page,
        /<form method="post" action="\/desk\/sources\/read-unread"><input type="hidden" name="_csrf" value="[^"]+"><p><button type="submit">Read 4 of them in full<\/button>/,
      );
      // Whatever the health filter shows, the count is desk-wide.
      assert.equal(offered(await (await desk.request('/desk/sources?filter=failing')).text()), 4);
      const fa = await (await desk.request('/desk/sources', { headers: { 'accept-language': 'fa' } })).text();
      assert.match(fa, /<h2 id="unread-all-h">هرگز کامل خوانده نشده، در همهٔ منبع‌ها<\/h2>/);
      assert.match(fa, /در همهٔ منبع‌ها: ۴\. /);
      assert.match(fa, /<button type="submit">۴ تا از آن‌ها را کامل بخوان<\/button>/);
      const ar = await (await desk.request('/desk/sources', { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, /<button type="submit">اقرأ 4 منها كاملة<\/button>/);

      // A read queued on a source's own page is not counted, nor queued again, desk-wide.
      const own = await desk.post(`/desk/sources/${always.id}/read-unread`, {});
      assert.equal(own.headers.get('location'), `/desk/sources/${always.id}?done=unread&n=2&left=0`);
      assert.equal(offered(await (await desk.request('/desk/sources')).text()), 2);

      // The form's address takes POST only (not a source's page looked up by the id "read-unread").
      const get = await desk.request('/desk/sources/read-unread');
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST');
      // Refused presses queue nothing: no token, a wrong one.
      assert.equal((await press(desk, null)).status, 403);
      assert.equal((await press(desk, 'wrong')).status, 403);
      assert.deepEqual(
        await jobsOf(store),
        ids(a).sort((x, y) => x - y),
      );

      const res = await press(desk);
      assert.equal(res.status, 303);
      const to = res.headers.get('location') ?? '';
      assert.equal(to, '/desk/sources?done=unread&n=2&left=0');
      assert.deepEqual(
        await jobsOf(store),
        [...ids(a), s[0]!.id, s[1]!.id].sort((x, y) => x - y),
      );
      const audits = desk.audits.filter((r) => r.action === 'sources.read-unread');
      assert.equal(audits.length, 1);
      assert.equal(audits[0]?.target, 'sources:all');
      assert.deepEqual(audits[0]?.after, { queued: 2, left: 0, max: 500 });
      const after = await (await desk.request(to)).text();
      assert.match(after, /<p role="status">Reads in full queued: 2; each story shows its full text, or why not, once read\.<\/p>/);
      assert.equal(offered(after), undefined, 'nothing left to offer');
      // A second (stale) press: nothing queued twice, nothing audited, the notice says so.
      const again = await press(desk);
      assert.equal(again.headers.get('location'), '/desk/sources?done=unread&n=0&left=0');
      assert.match(
        await (await desk.request('/desk/sources?done=unread&n=0&left=0')).text(),
        /<p role="status">Nothing was queued: every such story/,
      );
      assert.equal(desk.audits.filter((r) => r.action === 'sources.read-unread').length, 1);
      // The audit log names the action in the editor's words, in each language.
      for (const lang of ['en', 'ar', 'fa'] as const) assert.ok(CURATION_MESSAGES[lang]['audit.act.sources.read-unread'], lang);
      // A forged count in the address gives no notice.
      assert.doesNotMatch(await (await desk.request('/desk/sources?done=unread&n=x&left=0')).text(), /role="status"/);
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('more than 500 across sources: a press queues the 500 highest ids, the list and the notice say what is left (en/ar/fa)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const one = (await store.sources.add({ url: 'https://one.example/feed.xml', extractMode: 'always' })).source;
      const two = (await store.sources.add({ url: 'https://two.example/feed.xml', extractMode: 'short' })).source;
      const all = [
        ...(
          await store.entries.saveBatch(
            one.id,
            Array.from({ length: 300 }, (_, i) => newEntry(`One ${i}`, `Text ${i}.`, AT + i)),
          )
        ).inserted,
        ...(
          await store.entries.saveBatch(
            two.id,
            Array.from({ length: 204 }, (_, i) => newEntry(`Two ${i}`, `Text ${i}.`, AT + 1000 + i)),
          )
        ).inserted,
      ];
      const sorted = ids(all).sort((x, y) => x - y);
      assert.equal(offered(await (await desk.request('/desk/sources')).text()), 504);
      assert.match(await (await desk.request('/desk/sources')).text(), /<button type="submit">Read 500 of them in full<\/button>/);
      const first = await press(desk);
      assert.equal(first.headers.get('location'), '/desk/sources?done=unread&n=500&left=4');
      assert.deepEqual(await jobsOf(store), sorted.slice(4), 'the highest ids first, whatever their source');
      const page = await (await desk.request(first.headers.get('location')!)).text();
      assert.match(page, /<p role="status">Reads in full queued: 500;[^<]* Still to queue: 4 \(the next press takes them\)\.<\/p>/);
      assert.equal(offered(page), 4, 'the queued 500 are not counted');
      assert.match(page, /<button type="submit">Read 4 of them in full<\/button>/);
      const ar = await (await desk.request(first.headers.get('location')!, { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, /<p role="status">وُضعت قراءة كاملة في الطابور لـ500 من القصص؛[^<]* بقي لوضعه في الطابور: 4 /);
      const fa = await (await desk.request(first.headers.get('location')!, { headers: { 'accept-language': 'fa' } })).text();
      assert.match(fa, /<p role="status">خواندن کامل ۵۰۰ خبر در صف گذاشته شد؛[^<]* هنوز مانده برای صف: ۴ /);
      const second = await press(desk);
      assert.equal(second.headers.get('location'), '/desk/sources?done=unread&n=4&left=0');
      assert.deepEqual(await jobsOf(store), sorted, 'every one once');
      assert.deepEqual(
        desk.audits.filter((r) => r.action === 'sources.read-unread').map((r) => r.after),
        [
          { queued: 500, left: 4, max: 500 },
          { queued: 4, left: 0, max: 500 },
        ],
      );
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('a reader may not see or press it: refused, nothing queued, nothing audited', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    const reader = await mountDesk(store, { viewer: READER });
    try {
      const src = (await store.sources.add({ url: 'https://wire.example/feed.xml', extractMode: 'short' })).source;
      await store.entries.saveBatch(src.id, [newEntry('One', 'Short.', AT), newEntry('Two', 'Short.', AT + 1)]);
      assert.equal((await reader.request('/desk/sources')).status, 403);
      const refused = await reader.post('/desk/sources/read-unread', {});
      assert.equal(refused.status, 403);
      assert.deepEqual(await jobsOf(store), []);
      assert.equal(reader.audits.length + desk.audits.length, 0);
      // Signed out: no queue either.
      const anonymous = await mountDesk(store, { viewer: undefined });
      try {
        const res = await anonymous.post('/desk/sources/read-unread', {});
        assert.doesNotMatch(res.headers.get('location') ?? '', /done=unread/, 'sent to sign in, not queued');
        assert.deepEqual(await jobsOf(store), []);
      } finally {
        await anonymous.stop();
      }
      // The editor's list still offers both.
      assert.equal(offered(await (await desk.request('/desk/sources')).text()), 2);
    } finally {
      await reader.stop();
      await desk.stop();
      await store.close();
    }
  });
});
