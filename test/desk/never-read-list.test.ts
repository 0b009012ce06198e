// The stories never read in full, listed: /desk/sources/never-read shows every source's entries of
// status "none" that a read is for (each source by its own mode; queued reads left out), newest
// stored first, a page at a time by a keyset cursor (the last id), one statement a page; each row
// with its headline (escaped), source, date, why it is offered, a link to the story and its
// original page, and curation's own "Read full text" press, which leads back to the list. A source
// filter; the sources page's column of counts per source (one grouped aggregate) links to it.
// en/ar/fa, right to left; editors only. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Viewer } from '../../src/auth/viewer.js';
import { EXTRACT_ENTRY } from '../../src/jobs/extract-entry.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry, textEntry } from '../helpers/entries.js';
import { CSRF, mountDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1);
const READER: Viewer = { userId: 9, name: 'Rita Reader', role: 'reader', lang: null, via: 'session', scope: 'write', csrf: CSRF };

const jobsOf = async (store: Store): Promise<number[]> =>
  (await store.jobs.list({ kind: EXTRACT_ENTRY, limit: 2000 })).map((j) => j.payload.entryId as number).sort((a, b) => a - b);

/** The entry ids of a list page's rows, in order. */
const rowsOf = (page: string): number[] => [...page.matchAll(/<li id="e(\d+)" data-entry="\d+"/g)].map((m) => Number(m[1]));

/** The "Older" link's address, if any. */
const olderOf = (page: string): string | undefined => /<a href="([^"]+)" rel="next">/.exec(page)?.[1]?.replace(/&amp;/g, '&');

/** The never-read count of a source's cell in the health table. */
const cellOf = (page: string, sourceId: number): string | undefined =>
  new RegExp(`<tr data-source="${sourceId}">.*?<td data-never-read="(\\d+)">`, 's').exec(page)?.[1];

async function fixture(store: Store) {
  const short = (await store.sources.add({ url: 'https://short.example/feed.xml', title: 'Short <wire>', extractMode: 'short' })).source;
  const always = (await store.sources.add({ url: 'https://user:hunter2@always.example/feed.xml', extractMode: 'always' })).source;
  const off = (await store.sources.add({ url: 'https://off.example/feed.xml', title: 'Off', extractMode: 'off' })).source;
  const s = (
    await store.entries.saveBatch(short.id, [
      newEntry('Short one', 'A short teaser.', AT),
      newEntry('Long teaser', 'word '.repeat(200), AT + 1),
      newEntry('Read already', 'Short.', AT + 2),
      textEntry(
        { dedupeKey: 'fa-1', fingerprint: 'fa-1', url: 'https://short.example/fa/1' },
        'خبر <کوتاه> "فارسی"',
        'متن کوتاه.',
        AT + 3,
        { lang: 'fa', dir: 'rtl' },
      ),
    ])
  ).inserted;
  const a = (
    await store.entries.saveBatch(always.id, [
      newEntry('Always <b>bold</b> & "quoted"', 'Short.', AT + 4),
      newEntry('Always long', 'word '.repeat(200), AT + 5),
    ])
  ).inserted;
  await store.entries.saveBatch(off.id, [newEntry('Off one', 'Short.', AT + 6)]);
  await store.entries.setFullText(s[2]!.id, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
  return { short, always, off, s, a };
}

forEachDialect((d) => {
  test('the list: every source reading full text, newest first, rows with source, date, why, links and their own press; escaped', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { short, always, off, s, a } = await fixture(store);
      const res = await desk.request('/desk/sources/never-read');
      assert.equal(res.status, 200);
      const page = await res.text();
      // Not the long teaser of the short source, not the read one, nothing of the off source.
      assert.deepEqual(rowsOf(page), [a[1]!.id, a[0]!.id, s[3]!.id, s[0]!.id]);
      assert.match(page, /<h1>Stories never read in full<\/h1>/);
      assert.match(page, /data-never-read="4"/);
      // Headlines escaped, in their own language and direction, linked to the story.
      assert.match(
        page,
        new RegExp(
          `<h3 lang="en" dir="ltr"><a href="/entries/${a[0]!.id}">Always &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;</a></h3>`,
        ),
      );
      assert.match(page, new RegExp(`<h3 lang="fa" dir="rtl"><a href="/entries/${s[3]!.id}">خبر &lt;کوتاه&gt; &quot;فارسی&quot;</a></h3>`));
      assert.doesNotMatch(page, /<b>bold<\/b>/);
      // The source by its title (escaped, isolated: a title in another script keeps its direction),
      // or its address without credentials; the date; the original page.
      assert.match(
        page,
        new RegExp(`<a href="/desk/sources/${short.id}"><bdi>Short &lt;wire&gt;</bdi></a> · <time datetime="2026-12-01T00:00:00.003Z">`),
      );
      assert.match(page, new RegExp(`<a href="/desk/sources/${always.id}"><bdi>https://always.example/feed.xml</bdi></a>`));
      assert.doesNotMatch(page, /hunter2/);
      assert.match(page, /<a href="https:\/\/short.example\/fa\/1" rel="noopener noreferrer">Original page<\/a>/);
      // Why each is offered, by its source's mode.
      assert.match(
        page,
        new RegExp(
          `<li id="e${s[0]!.id}"[^>]*>[\\s\\S]*?<p class="why" data-mode="short">Not read in full: its source reads short teasers in full`,
        ),
      );
      assert.match(
        page,
        new RegExp(
          `<li id="e${a[1]!.id}"[^>]*>[\\s\\S]*?<p class="why" data-mode="always">Not read in full: its source reads every story in full`,
        ),
      );
      // Each row's press is curation's own, leading back here.
      assert.match(
        page,
        new RegExp(
          `<form method="post" action="/desk/curation/entries/${s[0]!.id}" class="inline"><input type="hidden" name="_csrf" value="${CSRF}"><input type="hidden" name="op" value="retry"><input type="hidden" name="list" value="never-read"><button type="submit" aria-label="[^"]*">Read full text</button></form>`,
        ),
      );
      assert.equal((page.match(/>Read full text<\/button>/g) ?? []).length, 4);
      assert.doesNotMatch(page, new RegExp(`data-source="${off.id}"`));
      assert.doesNotMatch(page, /rel="next"/);
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('the sources page: a never-read column per source from one aggregate, linked to the list; the section links it too', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { short, always, off } = await fixture(store);
      const page = await (await desk.request('/desk/sources')).text();
      assert.match(page, /<th scope="col">Never read in full<\/th><\/tr><\/thead>/);
      assert.equal(cellOf(page, short.id), '2');
      assert.equal(cellOf(page, always.id), '2');
      assert.equal(cellOf(page, off.id), '0');
      assert.match(
        page,
        new RegExp(
          `<td data-never-read="2"><a href="/desk/sources/never-read\\?source=${short.id}" aria-label="Never read in full from \u2068Short &lt;wire&gt;\u2069: 2; list them">2</a></td>`,
        ),
      );
      assert.match(page, new RegExp(`<tr data-source="${off.id}">.*?<td data-never-read="0"></td></tr>`, 's'));
      assert.match(page, /<p><a href="\/desk\/sources\/never-read">List them, newest first<\/a><\/p>/);
      assert.match(page, /data-unread-all="4"/);
      // Under a health filter the column stays, for the sources shown.
      const failing = await (await desk.request('/desk/sources?filter=never')).text();
      assert.equal(cellOf(failing, short.id), '2');
      // Persian: the header, the counts in Persian digits, right to left.
      const fa = await (await desk.request('/desk/sources', { headers: { 'accept-language': 'fa' } })).text();
      assert.match(fa, /<html lang="fa" dir="rtl"/);
      assert.match(fa, /<th scope="col">کامل‌خوانده‌نشده<\/th>/);
      assert.match(
        fa,
        new RegExp(`<td data-never-read="2"><a href="/desk/sources/never-read\\?source=${short.id}" aria-label="۲ خبر [^"]+">۲</a></td>`),
      );
      assert.match(fa, /<a href="\/desk\/sources\/never-read">فهرستشان، تازه‌ترین نخست<\/a>/);
      const ar = await (await desk.request('/desk/sources', { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, /<th scope="col">لم تُقرأ كاملة<\/th>/);
      // Nothing never read: empty cells, no section.
      await store.sources.update(short.id, { extractMode: 'off' });
      await store.sources.update(always.id, { extractMode: 'off' });
      const none = await (await desk.request('/desk/sources')).text();
      assert.equal(cellOf(none, short.id), '0');
      assert.doesNotMatch(none, /data-unread-all=/);
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('pages by a keyset cursor: 120 stories in pages of 50, every one once, newest first; one statement a page whatever its rows', async () => {
    const queries: string[] = [];
    const store = await d.open({ onQuery: (sql) => queries.push(sql) });
    const desk = await mountDesk(store);
    try {
      const src = (await store.sources.add({ url: 'https://many.example/feed.xml', title: 'Many', extractMode: 'always' })).source;
      const other = (await store.sources.add({ url: 'https://other.example/feed.xml', title: 'Other', extractMode: 'short' })).source;
      const mine = (
        await store.entries.saveBatch(
          src.id,
          Array.from({ length: 117 }, (_, i) => newEntry(`Story ${i}`, 'Short.', AT + i)),
        )
      ).inserted;
      const theirs = (
        await store.entries.saveBatch(
          other.id,
          Array.from({ length: 3 }, (_, i) => newEntry(`Other ${i}`, 'Short.', AT + 500 + i)),
        )
      ).inserted;
      const all = [...mine, ...theirs].map((e) => e.id).sort((x, y) => y - x);
      const seen: number[] = [];
      let next: string | undefined = '/desk/sources/never-read';
      const perPage: number[] = [];
      const listReads: number[] = [];
      while (next) {
        queries.length = 0;
        const page = await (await desk.request(next)).text();
        listReads.push(queries.filter((q) => /extract_status = 'none'/.test(q)).length);
        perPage.push(rowsOf(page).length);
        seen.push(...rowsOf(page));
        if (seen.length > 50) assert.match(page, /<a href="\/desk\/sources\/never-read">« Newest<\/a>/);
        next = olderOf(page);
        if (next) assert.match(next, /^\/desk\/sources\/never-read\?older=\d+$/);
      }
      assert.deepEqual(perPage, [50, 50, 20]);
      assert.deepEqual(seen, all);
      // The page's rows and the counts: two statements over the never-read entries, for 50 rows as for 20; no OFFSET.
      assert.deepEqual(listReads, [2, 2, 2]);
      // A cursor that is not a whole number is the first page.
      assert.deepEqual(rowsOf(await (await desk.request('/desk/sources/never-read?older=abc')).text()).slice(0, 3), all.slice(0, 3));
      // One source: its rows only, its cursor kept in the links.
      const one = await (await desk.request(`/desk/sources/never-read?source=${other.id}`)).text();
      assert.deepEqual(rowsOf(one), theirs.map((e) => e.id).reverse());
      assert.match(one, new RegExp(`<option value="${other.id}" selected>\u2068Other\u2069 \\(3\\)</option>`));
      assert.match(one, /<option value="">All sources \(120\)<\/option>/);
      assert.match(one, /<p class="filter" data-source="\d+">Only the stories of \u2068Other\u2069\.<\/p>/);
      const mineFirst = await (await desk.request(`/desk/sources/never-read?source=${src.id}`)).text();
      const older = olderOf(mineFirst);
      assert.equal(older, `/desk/sources/never-read?source=${src.id}&older=${rowsOf(mineFirst)[49]}`);
      assert.deepEqual(
        [...rowsOf(mineFirst), ...rowsOf(await (await desk.request(older!)).text())].slice(0, 100),
        mine
          .map((e) => e.id)
          .reverse()
          .slice(0, 100),
      );
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('the filter: an unknown source is a 404, one reading no full text says so, a bad id lists every source', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { off, s, a } = await fixture(store);
      const missing = await desk.request('/desk/sources/never-read?source=99999');
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /<p role="alert">There is no such source\.<\/p>/);
      const offPage = await (await desk.request(`/desk/sources/never-read?source=${off.id}`)).text();
      assert.deepEqual(rowsOf(offPage), []);
      // The source chosen stays chosen in the filter though it has none.
      assert.match(offPage, new RegExp(`<option value="${off.id}" selected>\u2068Off\u2069 \\(0\\)</option>`));
      assert.match(offPage, /This source reads no full text \(its “Fetch the full article” setting is “never”\)/);
      assert.deepEqual(rowsOf(await (await desk.request('/desk/sources/never-read?source=x1')).text()), [
        a[1]!.id,
        a[0]!.id,
        s[3]!.id,
        s[0]!.id,
      ]);
      // With nothing left: says so.
      await store.entries.remove(a[1]!.id);
      await store.entries.remove(a[0]!.id);
      await store.entries.remove(s[3]!.id);
      await store.entries.remove(s[0]!.id);
      assert.match(
        await (await desk.request('/desk/sources/never-read')).text(),
        /<p class="note">No story waits for a read in full\.<\/p>/,
      );
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test("a row's press: 303 back to the list with its filter and cursor, one job, one audit row, the notice, the row gone; twice queues nothing", async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { short, s } = await fixture(store);
      const press = () =>
        desk.post(`/desk/curation/entries/${s[0]!.id}`, {
          op: 'retry',
          list: 'never-read',
          source: String(short.id),
          older: String(s[3]!.id),
        });
      const res = await press();
      assert.equal(res.status, 303);
      assert.equal(
        res.headers.get('location'),
        `/desk/sources/never-read?done=read&entry=${s[0]!.id}&source=${short.id}&older=${s[3]!.id}#e${s[0]!.id}`,
      );
      assert.deepEqual(await jobsOf(store), [s[0]!.id]);
      assert.equal(desk.audits.length, 1);
      assert.deepEqual([desk.audits[0]!.action, desk.audits[0]!.target], ['entry.extract-retry', `entry:${s[0]!.id}`]);
      const back = await (await desk.request(res.headers.get('location')!.replace(/#.*$/, ''))).text();
      assert.match(back, /<p role="status" class="done">Read queued: the full text of “Short one” will be read in the background\./);
      // Queued: no longer listed or counted; past the cursor nothing older is left.
      assert.deepEqual(rowsOf(back), []);
      assert.match(back, /<p class="note">No older story waits for a read in full\.<\/p>/);
      assert.deepEqual(rowsOf(await (await desk.request(`/desk/sources/never-read?source=${short.id}`)).text()), [s[3]!.id]);
      assert.equal(cellOf(await (await desk.request('/desk/sources')).text(), short.id), '1');
      // A second press (a page loaded before): nothing queued, nothing audited; back to the list all the same.
      const again = await press();
      assert.equal(
        again.headers.get('location'),
        `/desk/sources/never-read?done=retry-pending&entry=${s[0]!.id}&source=${short.id}&older=${s[3]!.id}#e${s[0]!.id}`,
      );
      assert.deepEqual(await jobsOf(store), [s[0]!.id]);
      assert.equal(desk.audits.length, 1);
      // Without the CSRF token: refused, nothing queued.
      const forged = await desk.post(`/desk/curation/entries/${s[3]!.id}`, { op: 'retry', list: 'never-read' }, { csrf: 'wrong' });
      assert.equal(forged.status, 403);
      assert.deepEqual(await jobsOf(store), [s[0]!.id]);
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('a stale row (read meanwhile, or its source no longer reads full text): back to the list saying nothing was queued', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { short, always, s, a } = await fixture(store);
      // The list was loaded; then a worker read one story, and the other's source stopped reading full text.
      await store.entries.setFullText(s[0]!.id, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
      await store.sources.update(always.id, { extractMode: 'off' });
      const res = await desk.post(`/desk/curation/entries/${s[0]!.id}`, {
        op: 'retry',
        list: 'never-read',
        source: String(short.id),
        older: String(s[3]!.id),
      });
      assert.equal(res.status, 303);
      const to = res.headers.get('location')!;
      assert.equal(to, `/desk/sources/never-read?done=read-gone&entry=${s[0]!.id}&source=${short.id}&older=${s[3]!.id}`);
      const back = await (await desk.request(to)).text();
      assert.match(
        back,
        /<p role="status" class="done">Nothing was queued: “Short one” no longer waits for a read in full \(it was read meanwhile, or its source no longer reads full text\)\.<\/p>/,
      );
      const other = await desk.post(`/desk/curation/entries/${a[0]!.id}`, { op: 'retry', list: 'never-read' });
      assert.equal(other.headers.get('location'), `/desk/sources/never-read?done=read-gone&entry=${a[0]!.id}`);
      const fa = await (await desk.request(other.headers.get('location')!, { headers: { 'accept-language': 'fa' } })).text();
      assert.match(
        fa,
        /<p role="status" class="done">چیزی به صف افزوده نشد: «Always &lt;b&gt;bold&lt;\/b&gt; &amp; &quot;quoted&quot;» دیگر/,
      );
      const ar = await (await desk.request(other.headers.get('location')!, { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, /<p role="status" class="done">لم يُدرج شيء: «Always/);
      // Nothing queued or audited; a press from anywhere else is refused as before.
      assert.deepEqual(await jobsOf(store), []);
      assert.equal(desk.audits.length, 0);
      assert.equal((await desk.post(`/desk/curation/entries/${s[0]!.id}`, { op: 'retry' })).status, 409);
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('Arabic and Persian: the list in the interface language, right to left, counts in its digits', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { short, s } = await fixture(store);
      const fa = await (await desk.request('/desk/sources/never-read', { headers: { 'accept-language': 'fa' } })).text();
      assert.match(fa, /<html lang="fa" dir="rtl"/);
      assert.match(fa, /<h1>خبرهای هرگز کامل‌خوانده‌نشده<\/h1>/);
      assert.match(fa, /<option value="">همهٔ منبع‌ها \(۴\)<\/option>/);
      assert.match(fa, new RegExp(`<option value="${short.id}">\u2068Short &lt;wire&gt;\u2069 \\(۲\\)</option>`));
      assert.match(fa, />خواندن متن کامل<\/button>/);
      assert.match(fa, /کامل خوانده نشده: منبعش پیش‌نمایش‌های کوتاه را کامل می‌خواند/);
      assert.match(fa, /<a href="\/desk\/sources">بازگشت به منبع‌ها<\/a>/);
      // The headline keeps its own direction inside the page's.
      assert.match(fa, new RegExp(`<h3 lang="fa" dir="rtl"><a href="/entries/${s[3]!.id}">`));
      const ar = await (await desk.request('/desk/sources/never-read', { headers: { 'accept-language': 'ar' } })).text();
      assert.match(ar, /<html lang="ar" dir="rtl"/);
      assert.match(ar, /<h1>قصص لم تُقرأ كاملة قط<\/h1>/);
      assert.match(ar, />اقرأ النص الكامل<\/button>/);
      assert.match(ar, /<option value="">كل المصادر \(4\)<\/option>/);
      assert.doesNotMatch(ar, /Stories never read in full/);
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('a reader may not see the list or press a row: 403; signed out is sent to sign in; nothing queued or audited', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    const reader = await mountDesk(store, { viewer: READER });
    const anonymous = await mountDesk(store, { viewer: undefined });
    try {
      const { s } = await fixture(store);
      assert.equal((await reader.request('/desk/sources/never-read')).status, 403);
      assert.equal((await reader.post(`/desk/curation/entries/${s[0]!.id}`, { op: 'retry', list: 'never-read' })).status, 403);
      const out = await anonymous.request('/desk/sources/never-read');
      assert.ok([302, 303].includes(out.status), String(out.status));
      assert.equal(out.headers.get('location'), '/login?next=%2Fdesk%2Fsources%2Fnever-read');
      const outPress = await anonymous.post(`/desk/curation/entries/${s[0]!.id}`, { op: 'retry', list: 'never-read' });
      assert.doesNotMatch(outPress.headers.get('location') ?? '', /done=/);
      assert.deepEqual(await jobsOf(store), []);
      assert.equal(reader.audits.length + desk.audits.length + anonymous.audits.length, 0);
      assert.equal(rowsOf(await (await desk.request('/desk/sources/never-read')).text()).length, 4);
    } finally {
      await anonymous.stop();
      await reader.stop();
      await desk.stop();
      await store.close();
    }
  });
});
