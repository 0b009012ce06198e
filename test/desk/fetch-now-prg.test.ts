// "Fetch now" at the desk answers with Post/Redirect/Get (finding 14 of the analyst journey,
// docs/desk.md): the POST fetches, records its audit row and answers 303 to the source's page,
// whose notice says what was found (catalogued, en/ar/fa, numbers in the interface's digits). A
// reload of that page reads it again and fetches nothing; the address carries numbers only (a
// failure is worded from the source's stored problem), and numbers that are not whole numbers say
// nothing. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { startFixtureServer } from '../helpers/fixture-server.js';
import { mountDesk, type TestDesk } from './helpers.js';

const FEED =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><link>https://news.example/</link><item><title>One</title><link>https://news.example/1</link><guid>1</guid></item><item><title>Two</title><link>https://news.example/2</link><guid>2</guid></item></channel></rss>';

const page = async (desk: TestDesk, path: string, lang?: string): Promise<string> =>
  (await desk.request(path, lang ? { headers: { 'accept-language': lang } } : {})).text();

/** The notice paragraph of a source's page ('' when it has none). */
const notice = (html: string): string => /<p role="(?:status|alert)">[^<]*<\/p>/.exec(html)?.[0] ?? '';

forEachDialect((d) => {
  test('fetch now: 303 to the source page with its notice; a reload there fetches nothing', async () => {
    const srv = await startFixtureServer({ '/feed.xml': { headers: { 'content-type': 'application/rss+xml' }, body: FEED } });
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = (await store.sources.add({ url: `${srv.url}/feed.xml`, extractMode: 'off' })).source.id;
      const res = await desk.post(`/desk/sources/${id}/fetch`, {});
      assert.equal(res.status, 303, 'the POST answers with a redirect');
      const to = res.headers.get('location') ?? '';
      assert.match(to, new RegExp(`^/desk/sources/${id}\\?done=fetched&ms=\\d+&new=2&updated=0&unchanged=0$`));
      assert.equal(await res.text(), '', 'the POST answers no page of its own');
      assert.equal(srv.hits('/feed.xml'), 1);
      assert.equal(desk.audits.filter((a) => a.action === 'source.fetch-now').length, 1);
      for (let reload = 0; reload < 3; reload++) {
        const shown = await desk.request(to);
        assert.equal(shown.status, 200);
        assert.match(notice(await shown.text()), /^<p role="status">Fetched in \d+ ms: 2 new, 0 updated, 0 unchanged\.<\/p>$/);
      }
      assert.equal(srv.hits('/feed.xml'), 1, 'reading the page again fetched the feed again');
      assert.equal(desk.audits.filter((a) => a.action === 'source.fetch-now').length, 1, 'a reload was audited');
      assert.equal(await store.entries.count({ sourceId: id }), 2);
      // In Arabic and Persian (each with the digits its desk writes), no English.
      const ar = notice(await page(desk, to, 'ar'));
      assert.match(ar, /^<p role="status">جُلب \(المدة بالملّي ثانية: \d+\): جديدة 2، محدَّثة 0، دون تغيير 0\.<\/p>$/);
      const fa = notice(await page(desk, to, 'fa'));
      assert.match(fa, /^<p role="status">در [۰-۹]+ میلی‌ثانیه دریافت شد: ۲ تازه، ۰ به‌روزشده، ۰ بدون تغییر\.<\/p>$/);
      // The source's page without the outcome says nothing; the other outcomes each their sentence.
      assert.equal(notice(await page(desk, `/desk/sources/${id}`)), '');
      assert.match(notice(await page(desk, `/desk/sources/${id}?done=fetch-same&ms=40`)), /Checked in 40 ms: nothing changed/);
      assert.match(notice(await page(desk, `/desk/sources/${id}?done=fetched&ms=40`)), /^<p role="status">Fetched in 40 ms\.<\/p>$/);
      assert.match(notice(await page(desk, `/desk/sources/${id}?done=fetch-same&ms=40`, 'fa')), /در ۴۰ میلی‌ثانیه بررسی شد/);
      // Numbers that are not whole numbers: no notice, or the sentence without the counts.
      assert.equal(notice(await page(desk, `/desk/sources/${id}?done=fetched&ms=abc`)), '');
      assert.equal(notice(await page(desk, `/desk/sources/${id}?done=fetch-failed`)), '');
      assert.equal(notice(await page(desk, `/desk/sources/${id}?done=fetch-other&ms=3`)), '');
      const forged = await page(desk, `/desk/sources/${id}?done=fetched&ms=5&new=%3Cscript%3E&updated=1&unchanged=1`);
      assert.match(notice(forged), /^<p role="status">Fetched in 5 ms\.<\/p>$/);
      assert.ok(!forged.includes('%3Cscript') && !forged.includes('&lt;script'), 'the forged count went into the page');
    } finally {
      await desk.stop();
      await store.close();
      await srv.close();
    }
  });

  test('fetch now that fails: 303, and the page words the stored problem (en/ar/fa); nothing from the address', async () => {
    const srv = await startFixtureServer({});
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = (await store.sources.add({ url: `${srv.url}/gone.xml` })).source.id;
      const res = await desk.post(`/desk/sources/${id}/fetch`, {});
      assert.equal(res.status, 303);
      const to = res.headers.get('location') ?? '';
      assert.match(to, new RegExp(`^/desk/sources/${id}\\?done=fetch-failed&ms=\\d+$`));
      assert.match(notice(await page(desk, to)), /^<p role="alert">The fetch failed after \d+ ms: [^<]*404[^<]*<\/p>$/);
      assert.match(notice(await page(desk, to, 'ar')), /^<p role="alert">فشل الجلب \(المدة بالملّي ثانية: \d+\): [^<]*404/);
      assert.match(notice(await page(desk, to, 'fa')), /^<p role="alert">دریافت پس از [۰-۹]+ میلی‌ثانیه ناموفق بود: [^<]*۴۰۴/);
      const hits = srv.hits('/gone.xml');
      await page(desk, to);
      assert.equal(srv.hits('/gone.xml'), hits, 'a reload fetched again');
      // A source with no stored problem (an old link after a later success): the bare sentence.
      await store.sources.update(id, { lastError: null, lastErrorKey: null, errorCount: 0, status: 'ok' });
      assert.match(
        notice(await page(desk, `/desk/sources/${id}?done=fetch-failed&ms=7`)),
        /^<p role="alert">The fetch failed after 7 ms\.<\/p>$/,
      );
      // A source removed since: the catalogued 404 page, no notice.
      await store.sources.remove(id);
      const gone = await desk.request(to);
      assert.equal(gone.status, 404);
      assert.equal(notice(await gone.text()), '');
    } finally {
      await desk.stop();
      await store.close();
      await srv.close();
    }
  });
});
