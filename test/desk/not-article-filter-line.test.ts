// The desk's "No article on the page" filtered list counts entries with a feed summary and entries
// without one (a news sitemap's: a headline and a link) together, yet its line said "Readers see the
// feed's summary" and every reason ended "the feed's summary is shown" (p-small's and p-nosummary's
// leftover, docs/desk.md). Now the reasons name the cause only and the line says readers see the
// summary or the headline alone; each row's mark still says what that entry shows. en, ar, fa; both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { formatCount } from '../../src/web/locale.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry, textEntry } from '../helpers/entries.js';
import { mountDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1);
const escaped = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
// The summary tail the counted lines must not carry, per language.
const TAIL = { en: 'the feed’s summary is shown', ar: 'يُعرض ملخص الخلاصة', fa: 'چکیدهٔ خوراک نشان داده می‌شود' } as const;

async function seed(store: Store): Promise<{ bare: number; summary: number }> {
  const map = await store.sources.add({ url: 'https://sitemap.example/news-sitemap.xml', kind: 'sitemap', title: 'Map' });
  const feed = await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire' });
  const [bare] = (
    await store.entries.saveBatch(map.source.id, [
      textEntry({ dedupeKey: 'bare-1', fingerprint: 'bare-1', url: 'https://sitemap.example/a/1' }, 'Bare headline', '', AT, {
        contentHtml: null,
      }),
    ])
  ).inserted.map((e) => e.id) as [number];
  const [summary] = (
    await store.entries.saveBatch(feed.source.id, [newEntry('With summary', 'A summary of its own.', AT + 1)])
  ).inserted.map((e) => e.id) as [number];
  for (const id of [bare, summary])
    await store.entries.setFullText(id, { fullHtml: null, extractStatus: 'not-article', notArticle: 'too-short' });
  return { bare, summary };
}

const rowOf = (page: string, id: number): string => page.match(new RegExp(`<li id="e${id}" class="curation-row[\\s\\S]*?</li>`))?.[0] ?? '';

forEachDialect((d) => {
  test('the not-article filtered list names the reason only and says readers see the summary or the headline (en/ar/fa)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { bare, summary } = await seed(store);
      const page = async (path: string, lang: string): Promise<string> =>
        (await desk.request(path, { headers: { 'accept-language': lang } })).text();
      for (const l of ['en', 'ar', 'fa'] as const) {
        const m = CURATION_MESSAGES[l] as Record<string, string>;
        const list = await page('/desk/curation?noarticle=1', l);
        // The line and the count by reason: both entries, no word of a summary being shown.
        const head = list.match(/<p class="filter" role="status">[\s\S]*?<\/section>/)?.[0] ?? '';
        assert.ok(head.includes(escaped(m['curation.notArticleShown']!.replace('{n}', formatCount(2, l)))), `${l}: the line`);
        assert.ok(
          head.includes(
            escaped(
              m['curation.reasonCount']!.replace('{reason}', m['curation.notArticleReason.too-short']!).replace('{n}', formatCount(2, l)),
            ),
          ),
          `${l}: the count by reason`,
        );
        assert.ok(!head.includes(TAIL[l]), `${l}: no reason says the feed's summary is shown: ${head}`);
        // One reason's list: its line likewise.
        const one = await page('/desk/curation?noarticle=1&reason=too-short', l);
        const line = one.match(/<p class="filter reason"[^>]*>[\s\S]*?<\/p>/)?.[0] ?? '';
        assert.ok(line.includes(escaped(m['curation.notArticleReason.too-short']!)), `${l}: the one reason's line`);
        assert.ok(!line.includes(TAIL[l]), `${l}: the one reason's line says no summary is shown: ${line}`);
        // Each row still says what that entry shows.
        assert.ok(rowOf(list, bare).includes(m['curation.notArticleReasonBare.too-short']!), `${l}: the bare row`);
        assert.ok(rowOf(list, summary).includes(TAIL[l]), `${l}: the row with a summary`);
      }
      const en = await page('/desk/curation?noarticle=1', 'en');
      assert.match(en, /Readers see the feed’s summary, or the headline alone when the source gave none, and the reason\./);
      assert.ok(en.includes('>the page has too little text to be an article: 2</a></li>'), 'the count by reason, the cause alone');
      assert.match(
        rowOf(en, summary),
        /<p class="not-article" data-reason="too-short">No article on the page: the page has too little text to be an article; the feed’s summary is shown<\/p>/,
      );
      // The failed list's line counts both kinds too, and says as much.
      assert.match(CURATION_MESSAGES.en['curation.failedShown'], /the feed’s summary, or the headline alone when the source gave none,/);
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
