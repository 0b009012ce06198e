// An entry with no summary of its own (a news sitemap's: a headline and a link) whose page held no
// article: the note said "the summary from the feed is shown" when nothing was (analyst journey,
// finding 11's tail, docs/desk.md), and the desk's edit page showed that note right under
// "Original excerpt:" with nothing in it. Now the site, the API and the desk say only the headline
// is shown (en/ar/fa), the edit page says the original excerpt is none, and an entry with a
// summary keeps the sentence as it was. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry, textEntry } from '../helpers/entries.js';
import { mountDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1);

async function seed(store: Store): Promise<{ bare: number; summary: number }> {
  const { source } = await store.sources.add({ url: 'https://sitemap.example/news-sitemap.xml', kind: 'sitemap', title: 'Map' });
  const [bare, summary] = (
    await store.entries.saveBatch(source.id, [
      textEntry({ dedupeKey: 'bare-1', fingerprint: 'bare-1', url: 'https://sitemap.example/a/1' }, 'Bare headline', '', AT, {
        contentHtml: null,
      }),
      newEntry('With summary', 'A summary of its own.', AT + 1),
    ])
  ).inserted.map((e) => e.id) as [number, number];
  for (const id of [bare, summary])
    await store.entries.setFullText(id, { fullHtml: null, extractStatus: 'not-article', notArticle: 'too-short' });
  return { bare, summary };
}

forEachDialect((d) => {
  test('no summary: the not-article note says only the headline is shown (site en/ar/fa, API, desk list and edit page)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { bare, summary } = await seed(store);
      const page = async (path: string, lang = 'en'): Promise<string> =>
        (await desk.request(path, { headers: { 'accept-language': lang } })).text();

      // The public article page.
      const en = await page(`/entries/${bare}`);
      assert.match(
        en,
        /<p class="note not-article"[^>]*>This link leads to a page with too little text to be an article; the source gave no summary, so only the headline is shown\.<\/p>/,
      );
      assert.doesNotMatch(en, /summary from the feed is shown/);
      assert.match(await page(`/entries/${bare}`, 'ar'), /لم يقدّم المصدر ملخصاً، فلا يُعرض إلا العنوان\./);
      assert.match(await page(`/entries/${bare}`, 'fa'), /منبع چکیده‌ای نداده است، پس فقط تیتر نشان داده می‌شود\./);
      // With a summary: the sentence as before.
      assert.match(await page(`/entries/${summary}`), /too little text to be an article; the summary from the feed is shown\./);

      // The API.
      const api = (await (await desk.request(`/api/v1/entries/${bare}`)).json()) as { notArticle: { key: string; text: string } };
      assert.deepEqual(api.notArticle, {
        key: 'too-short',
        text: 'This link leads to a page with too little text to be an article; the source gave no summary, so only the headline is shown.',
      });
      const apiSummary = (await (await desk.request(`/api/v1/entries/${summary}`)).json()) as { notArticle: { text: string } };
      assert.match(apiSummary.notArticle.text, /the summary from the feed is shown\.$/);

      // The desk's list: each row's mark as true as the page's.
      const list = await page('/desk/curation?noarticle=1');
      assert.match(
        list,
        /<p class="not-article" data-reason="too-short">No article on the page: the page has too little text to be an article; the source gave no summary, so only the headline is shown<\/p>/,
      );
      assert.match(list, /No article on the page: the page has too little text to be an article; the feed’s summary is shown<\/p>/);

      // The edit page: the original excerpt is said to be none, and the note is not under it as if it were.
      const edit = await page(`/desk/curation/entries/${bare}`);
      assert.match(
        edit,
        /<dt>Original excerpt:<\/dt><dd class="none">none \(the source gave no summary: readers see the headline only\)<\/dd>\n<\/dl><p class="not-article" data-reason="too-short">No article on the page: the page has too little text to be an article; the source gave no summary, so only the headline is shown<\/p>/,
      );
      assert.match(await page(`/desk/curation/entries/${bare}`, 'ar'), /<dd class="none">لا شيء \(لم يقدّم المصدر ملخصاً/);
      assert.match(await page(`/desk/curation/entries/${bare}`, 'fa'), /<dd class="none">هیچ \(منبع چکیده‌ای نداده است/);
      const editSummary = await page(`/desk/curation/entries/${summary}`);
      assert.match(editSummary, /<dt>Original excerpt:<\/dt><dd lang="en" dir="ltr">A summary of its own\.<\/dd>/);
      assert.match(editSummary, /the feed’s summary is shown<\/p>/);
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
