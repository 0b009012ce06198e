// A hand-made add at the desk with listing selectors is read as the API reads its body (r-leftovers):
// selectors with another kind than a listing page are refused whole, new address or known, as the
// API's 400 `selectors.notPage` (before, a new feed was stored with them); blank selectors are none
// (before, they asked a known feed for a listing page and cleared a known page's selectors); and
// the refusal on a known feed names it isolated, so an Arabic or Persian sentence keeps its order
// around a name ending in punctuation. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { CSRF, mountDesk } from './helpers.js';

const NEW = 'https://new.example/feed.xml';

/** A confirmation as only a hand-made request sends it: settings carrying selectors. */
const handMade = (url: string, kind: string, selectors: Record<string, string>) => ({
  url,
  kind,
  siteUrl: '',
  title: 'Renamed',
  extractMode: 'always',
  settings: JSON.stringify({ selectors }),
});

forEachDialect((d) => {
  test('a new address with selectors and another kind than a listing page is refused, nothing stored', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const res = await desk.post('/desk/sources/add', handMade(NEW, 'feed', { item: 'li.story' }));
      assert.equal(res.status, 400);
      const page = await res.text();
      assert.ok(
        page.includes(
          '<p role="alert" data-selectors-not-page>Listing selectors are for listing pages, and this add asks for a source of kind “feed”: leave the selectors out, or add the address as a listing page. Nothing was added or changed.</p>',
        ),
      );
      assert.match(page, /<input[^>]*name="url"[^>]*value="https:\/\/new\.example\/feed\.xml"/);
      const ar = await desk.request('/desk/sources/add', {
        method: 'POST',
        body: new URLSearchParams({ ...handMade(NEW, 'sitemap', { item: 'li.story' }), _csrf: CSRF }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'ar' },
      });
      assert.equal(ar.status, 400);
      assert.ok((await ar.text()).includes('وهذه الإضافة تطلب مصدرًا من نوع «خريطة أخبار»'));
      assert.equal(await store.sources.getByUrl(NEW), undefined);
      assert.equal(desk.audits.length, 0);
      // A listing page with the same selectors is added with them.
      const ok = await desk.post('/desk/sources/add', handMade(NEW, 'page', { item: 'li.story' }));
      assert.equal(ok.status, 303);
      assert.deepEqual((await store.sources.getByUrl(NEW))?.settings, { selectors: { item: 'li.story' } });
    } finally {
      await desk.stop();
    }
  });

  test('blank selectors are none: a known feed is not refused, a known page keeps its selectors', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const feed = await store.sources.add({ url: NEW, title: 'Wire', extractMode: 'short' });
      const res = await desk.post('/desk/sources/add', handMade(NEW, 'feed', { item: '  ' }));
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/desk/sources/${feed.source.id}?done=exists&applied=title,extractMode`);
      assert.deepEqual((await store.sources.get(feed.source.id))?.settings, {});

      const url = 'https://list.example/news';
      const page = await store.sources.add({ url, kind: 'page', title: 'List', settings: { selectors: { item: 'li.story' } } });
      const again = await desk.post('/desk/sources/add', handMade(url, 'page', { item: '', link: ' ' }));
      assert.equal(again.status, 303);
      assert.equal(again.headers.get('location'), `/desk/sources/${page.source.id}?done=exists&applied=title,extractMode`);
      assert.deepEqual((await store.sources.get(page.source.id))?.settings, { selectors: { item: 'li.story' } });
    } finally {
      await desk.stop();
    }
  });

  test('the refusal on a known feed names it isolated in an Arabic sentence', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const feed = await store.sources.add({ url: NEW, title: 'Wire (UK)', extractMode: 'short' });
      const res = await desk.request('/desk/sources/add', {
        method: 'POST',
        body: new URLSearchParams({ ...handMade(NEW, 'page', { item: 'li.story' }), _csrf: CSRF }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'ar' },
      });
      assert.equal(res.status, 409);
      const page = await res.text();
      assert.ok(page.includes(`data-kind-conflict="${feed.source.id}">هذا العنوان مصدر من قبل، «\u2068Wire (UK)\u2069»،`));
    } finally {
      await desk.stop();
    }
  });
});
