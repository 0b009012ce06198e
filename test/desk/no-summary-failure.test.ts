// An entry with no summary of its own (a news sitemap's: a headline and a link) whose read in full
// failed: the site's note and the API's extractError.text said "The summary from the feed is shown"
// when nothing was (p-small's leftover, docs/desk.md). Now they say only the headline is shown, in
// en/ar/fa, for every failure kind; an entry with a summary keeps the sentence as it was. Both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXTRACT_FAILURE_KINDS } from '../../src/domain/extract-failure.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry, textEntry } from '../helpers/entries.js';
import { mountDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1);

async function seed(store: Store): Promise<{ bare: number[]; summary: number }> {
  const { source } = await store.sources.add({ url: 'https://sitemap.example/news-sitemap.xml', kind: 'sitemap', title: 'Map' });
  const ids = (
    await store.entries.saveBatch(source.id, [
      ...EXTRACT_FAILURE_KINDS.map((k, i) =>
        textEntry({ dedupeKey: `bare-${k}`, fingerprint: `bare-${k}`, url: `https://sitemap.example/a/${k}` }, `Bare ${k}`, '', AT + i, {
          contentHtml: null,
        }),
      ),
      newEntry('With summary', 'A summary of its own.', AT + 100),
    ])
  ).inserted.map((e) => e.id);
  const summary = ids.pop()!;
  for (const [i, id] of ids.entries())
    await store.entries.setFullText(id, { fullHtml: null, extractStatus: 'failed', extractError: EXTRACT_FAILURE_KINDS[i]! });
  await store.entries.setFullText(summary, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' });
  return { bare: ids, summary };
}

forEachDialect((d) => {
  test('no summary: the failed-read note says only the headline is shown (site en/ar/fa, API, every kind)', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const { bare, summary } = await seed(store);
      const page = async (path: string, lang = 'en'): Promise<string> =>
        (await desk.request(path, { headers: { 'accept-language': lang } })).text();
      const api = async (id: number): Promise<{ key: string; text: string }> =>
        ((await (await desk.request(`/api/v1/entries/${id}`)).json()) as { extractError: { key: string; text: string } }).extractError;

      for (const [i, kind] of EXTRACT_FAILURE_KINDS.entries()) {
        const id = bare[i]!;
        const en = await page(`/entries/${id}`);
        assert.match(
          en,
          /<p class="note extract-failed"[^>]*>The full article could not be read here[^<]*The source gave no summary, so only the headline is shown; /,
          kind,
        );
        assert.doesNotMatch(en, /summary from the feed is shown/, kind);
        const ar = await page(`/entries/${id}`, 'ar');
        assert.match(
          ar,
          /<p class="note extract-failed"[^>]*>تعذّرت قراءة المقال كاملاً هنا[^<]*لم يقدّم المصدر ملخصاً، فلا يُعرض إلا العنوان؛ /,
          kind,
        );
        assert.doesNotMatch(ar, /ملخص الخلاصة/, kind);
        const fa = await page(`/entries/${id}`, 'fa');
        assert.match(
          fa,
          /<p class="note extract-failed"[^>]*>متن کامل مقاله اینجا خوانده نشد[^<]*منبع چکیده‌ای نداده است، پس فقط تیتر نشان داده می‌شود؛ /,
          kind,
        );
        assert.doesNotMatch(fa, /چکیدهٔ خوراک/, kind);

        const e = await api(id);
        assert.equal(e.key, kind);
        assert.match(
          e.text,
          /^The full article could not be read here[^;]*The source gave no summary, so only the headline is shown; /,
          kind,
        );
      }
      assert.deepEqual(await api(bare[EXTRACT_FAILURE_KINDS.indexOf('fetch')]!), {
        key: 'fetch',
        text: 'The full article could not be read here: its page could not be fetched. The source gave no summary, so only the headline is shown; read the whole article at the original.',
      });

      // With a summary: the sentences as before, in every language and the API.
      assert.match(
        await page(`/entries/${summary}`),
        /<p class="note extract-failed"[^>]*>The full article could not be read here: its page could not be fetched\. The summary from the feed is shown; read the whole article at the original\.<\/p>/,
      );
      assert.match(await page(`/entries/${summary}`, 'ar'), /تعذّر جلب صفحته\. المعروض هو ملخص الخلاصة؛/);
      assert.match(await page(`/entries/${summary}`, 'fa'), /صفحهٔ آن دریافت نشد\. آنچه می‌بینید چکیدهٔ خوراک است؛/);
      assert.deepEqual(await api(summary), {
        key: 'fetch',
        text: 'The full article could not be read here: its page could not be fetched. The summary from the feed is shown; read the whole article at the original.',
      });
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
