// The never-read list filtered to one source has that source's "Read N of them in full"
// (p-deskfollow): its page's own press (POST /desk/sources/:id/read-unread: the same cap, CSRF
// check, jobs with pending keys and audit row), which leads back to the filtered list with the
// notice. Not on the unfiltered list, nor for a source with none or reading no full text. Editors
// only. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Viewer } from '../../src/auth/viewer.js';
import { EXTRACT_ENTRY } from '../../src/jobs/extract-entry.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry } from '../helpers/entries.js';
import { CSRF, mountDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1);
const READER: Viewer = { userId: 9, name: 'Rita Reader', role: 'reader', lang: null, via: 'session', scope: 'write', csrf: CSRF };

const jobsOf = async (store: Store): Promise<number[]> =>
  (await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 2000 })).map((j) => j.payload.entryId as number).sort((a, b) => a - b);

const rowsOf = (page: string): number[] => [...page.matchAll(/<li id="e(\d+)" data-entry="\d+"/g)].map((m) => Number(m[1]));

/** The press on a list page: its source id, what it leads back to, its button's words. */
const pressOf = (page: string): { source: number; back: string; label: string } | undefined => {
  const m =
    /<form method="post" action="\/desk\/sources\/(\d+)\/read-unread"><input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="back" value="([^"]+)"><p><button type="submit">([^<]+)<\/button><\/p><\/form>/.exec(
      page,
    );
  return m ? { source: Number(m[1]), back: m[2]!, label: m[3]! } : undefined;
};

async function fixture(store: Store) {
  const short = (await store.sources.add({ url: 'https://short.example/feed.xml', title: 'Short', extractMode: 'short' })).source;
  const always = (await store.sources.add({ url: 'https://always.example/feed.xml', title: 'Always', extractMode: 'always' })).source;
  const off = (await store.sources.add({ url: 'https://off.example/feed.xml', title: 'Off', extractMode: 'off' })).source;
  const s = (
    await store.entries.saveBatch(short.id, [
      newEntry('Short one', 'A short teaser.', AT),
      newEntry('Long teaser', 'word '.repeat(200), AT + 1),
      newEntry('Short two', 'Another.', AT + 2),
    ])
  ).inserted;
  const a = (await store.entries.saveBatch(always.id, [newEntry('Always one', 'Short.', AT + 3)])).inserted;
  await store.entries.saveBatch(off.id, [newEntry('Off one', 'Short.', AT + 4)]);
  return { short, always, off, s, a };
}

forEachDialect((d) => {
  test("the list of one source has its page's press; it queues, audits and leads back to that list with the notice", async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { short, always, off, s, a } = await fixture(store);
      // Not on the list of every source, nor for a source reading no full text.
      assert.equal(pressOf(await (await desk.request('/desk/sources/never-read')).text()), undefined);
      assert.doesNotMatch(await (await desk.request(`/desk/sources/never-read?source=${off.id}`)).text(), /read-unread/);

      const list = `/desk/sources/never-read?source=${short.id}`;
      const page = await (await desk.request(list)).text();
      assert.deepEqual(pressOf(page), { source: short.id, back: 'never-read', label: 'Read 2 of them in full' });
      // The same words as the source's own page.
      assert.match(
        await (await desk.request(`/desk/sources/${short.id}`)).text(),
        /<button type="submit">Read 2 of them in full<\/button>/,
      );

      const res = await desk.post(`/desk/sources/${short.id}/read-unread`, { back: 'never-read' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${list}&done=unread&n=2&left=0`);
      assert.deepEqual(await jobsOf(store), [s[0]!.id, s[2]!.id]);
      assert.deepEqual(
        desk.audits.map((x) => [x.action, x.target, x.before, x.after]),
        [['source.read-unread', `source:${short.id}`, { extractMode: 'short' }, { queued: 2, left: 0, max: 500 }]],
      );
      const back = await (await desk.request(res.headers.get('location')!)).text();
      assert.match(back, /<p role="status">Reads in full queued: 2; each story shows its full text, or why not, once read\.<\/p>/);
      assert.match(back, new RegExp(`<p class="filter" data-source="${short.id}">`));
      assert.deepEqual(rowsOf(back), []);
      assert.equal(pressOf(back), undefined, 'nothing left: no press');

      // A second press (a page loaded before): nothing queued, nothing audited, said so on the list.
      const again = await desk.post(`/desk/sources/${short.id}/read-unread`, { back: 'never-read' });
      assert.equal(again.headers.get('location'), `${list}&done=unread&n=0&left=0`);
      assert.match(await (await desk.request(again.headers.get('location')!)).text(), /<p role="status">Nothing was queued:/);
      assert.deepEqual(await jobsOf(store), [s[0]!.id, s[2]!.id]);
      assert.equal(desk.audits.length, 1);

      // Without the field, the press still leads to the source's page; any other value likewise.
      const own = await desk.post(`/desk/sources/${always.id}/read-unread`, { back: 'https://elsewhere.example/' });
      assert.equal(own.headers.get('location'), `/desk/sources/${always.id}?done=unread&n=1&left=0`);
      assert.deepEqual(
        await jobsOf(store),
        [s[0]!.id, s[2]!.id, a[0]!.id].sort((x, y) => x - y),
      );

      // A forged form queues nothing.
      await store.entries.saveBatch(short.id, [newEntry('Short three', 'Third.', AT + 5)]);
      assert.equal((await desk.post(`/desk/sources/${short.id}/read-unread`, { back: 'never-read' }, { csrf: 'wrong' })).status, 403);
      assert.equal((await jobsOf(store)).length, 3);
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('the press takes at most 500 a press, as on the source page; the list says how many are left', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const src = (await store.sources.add({ url: 'https://many.example/feed.xml', title: 'Many', extractMode: 'always' })).source;
      await store.entries.saveBatch(
        src.id,
        Array.from({ length: 520 }, (_, i) => newEntry(`Story ${i}`, 'Short.', AT + i)),
      );
      const list = `/desk/sources/never-read?source=${src.id}`;
      assert.equal(pressOf(await (await desk.request(list)).text())?.label, 'Read 500 of them in full');
      const res = await desk.post(`/desk/sources/${src.id}/read-unread`, { back: 'never-read' });
      assert.equal(res.headers.get('location'), `${list}&done=unread&n=500&left=20`);
      assert.equal((await jobsOf(store)).length, 500);
      const back = await (await desk.request(res.headers.get('location')!)).text();
      assert.match(back, /Reads in full queued: 500;[^<]* Still to queue: 20 \(the next press takes them\)\./);
      assert.equal(pressOf(back)?.label, 'Read 20 of them in full');
      assert.equal(rowsOf(back).length, 20);
      const fa = await (await desk.request(list, { headers: { 'accept-language': 'fa' } })).text();
      assert.equal(pressOf(fa)?.label, '۲۰ تا از آن‌ها را کامل بخوان');
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('the press an editor sees on the list is refused to a reader (403) and to the signed out (sign in); nothing queued or audited', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    const reader = await mountDesk(store, { viewer: READER });
    const anonymous = await mountDesk(store, { viewer: undefined });
    try {
      const { short } = await fixture(store);
      assert.equal(pressOf(await (await desk.request(`/desk/sources/never-read?source=${short.id}`)).text())?.source, short.id);
      assert.equal((await reader.request(`/desk/sources/never-read?source=${short.id}`)).status, 403);
      assert.equal((await reader.post(`/desk/sources/${short.id}/read-unread`, { back: 'never-read' })).status, 403);
      const out = await anonymous.post(`/desk/sources/${short.id}/read-unread`, { back: 'never-read' });
      assert.doesNotMatch(out.headers.get('location') ?? '', /done=/);
      const page = await anonymous.request(`/desk/sources/never-read?source=${short.id}`);
      assert.equal(page.headers.get('location'), `/login?next=${encodeURIComponent(`/desk/sources/never-read?source=${short.id}`)}`);
      assert.deepEqual(await jobsOf(store), []);
      assert.equal(reader.audits.length + anonymous.audits.length + desk.audits.length, 0);
    } finally {
      await anonymous.stop();
      await reader.stop();
      await desk.stop();
      await store.close();
    }
  });
});
