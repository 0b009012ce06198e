// "Export all sources as OPML" writes feeds only: news sitemaps and listing pages were left out of
// the file without a word at the desk (analyst journey, finding 7a's tail, docs/desk.md; the CLI
// names them on stderr). The sources page now says, next to the link, how many sources the file
// cannot hold and that they are not in it (en/ar/fa); with feeds only it says nothing. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { mountDesk } from './helpers.js';

forEachDialect((d) => {
  test('the sources page says how many sources the OPML export leaves out (en/ar/fa), none with feeds only', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const page = async (lang = 'en', filter = ''): Promise<string> =>
        (await desk.request(`/desk/sources${filter}`, { headers: { 'accept-language': lang } })).text();
      await store.sources.add({ url: 'https://one.example/feed.xml', title: 'One' });
      assert.doesNotMatch(await page(), /data-not-exported/, 'feeds only: every source is in the file');

      await store.sources.add({ url: 'https://two.example/news-sitemap.xml', kind: 'sitemap', title: 'Two' });
      await store.sources.add({ url: 'https://three.example/latest/', kind: 'page', title: 'Three' });
      await store.sources.add({ url: 'https://four.example/rss', title: 'Four' });
      const en = await page();
      assert.match(
        en,
        /<p><a href="\/desk\/sources\/export.opml" download>Export all sources as OPML<\/a><\/p><p class="note" data-not-exported="2">Sources the file cannot hold: 2 \(news sitemaps and listing pages; OPML holds feeds only\)\. They are not in the file: add them again by their address\.<\/p><\/section>/,
      );
      // Counted over every source, whatever the health filter shows.
      assert.match(await page('en', '?filter=failing'), /data-not-exported="2">Sources the file cannot hold: 2 /);
      assert.match(
        await page('ar'),
        /data-not-exported="2">مصادر لا يسعها الملف: 2 \(خرائط الأخبار وصفحات القوائم؛ لا يحمل OPML إلا الخلاصات\)/,
      );
      assert.match(await page('fa'), /data-not-exported="2">منابعی که پرونده نمی‌تواند نگه دارد: ۲ \(/);

      // What the note says is what the file holds: the two feeds, not the other two.
      const file = await (await desk.request('/desk/sources/export.opml')).text();
      assert.match(file, /one\.example\/feed\.xml/);
      assert.match(file, /four\.example\/rss/);
      assert.doesNotMatch(file, /two\.example|three\.example/);
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
