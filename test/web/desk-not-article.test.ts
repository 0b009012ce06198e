// A teaser whose page was read and held no article (status `not-article`) carries its reason in
// both stores (beside the status, in entries.extract_error, which a later success clears), and the
// desk marks it "No article on the page: …" in the editor's language, apart from the failures: it
// is not counted in "Full text failed", and offers no retry (the same page would be read again).
// The reason comes with the listing's own query: no query per row. Over both store dialects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NOT_ARTICLE_TEXT_EN } from '../../src/domain/extract-failure.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { formatCount } from '../../src/web/locale.js';
import { asViewer, editor } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, HOUR, countedStore, steadyStamp, entry, makeApp, warmQueries } from './helpers.js';

const escaped = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
function rowOf(page: string, id: number): string {
  const start = page.indexOf(`<li id="e${id}" `);
  assert.ok(start >= 0, `row e${id} listed`);
  return page.slice(start, page.indexOf('</li>', start));
}

forEachDialect((d) => {
  describe('a page without an article, stored and marked at the desk', () => {
    test('the store keeps the reason beside not-article, reads it back, and a later read clears it', async () => {
      const store = await d.open();
      const { source } = await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire' });
      const [a, b, c] = (
        await store.entries.saveBatch(source.id, [
          entry('a', 'A', 'Teaser a…', BASE_TIME),
          entry('b', 'B', 'Teaser b…', BASE_TIME - HOUR),
          entry('c', 'C', 'Teaser c…', BASE_TIME - 2 * HOUR),
        ])
      ).inserted;
      await store.entries.setFullText(a!.id, { fullHtml: null, extractStatus: 'not-article', notArticle: 'too-short' });
      // Stored before these reasons were kept: no key.
      await store.entries.setFullText(b!.id, { fullHtml: null, extractStatus: 'not-article' });
      await store.entries.setFullText(c!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' });
      const got = await store.entries.get(a!.id);
      assert.equal(got?.extractStatus, 'not-article');
      assert.equal(got?.notArticle, 'too-short');
      assert.equal(got?.extractError ?? null, null, 'not a failure');
      assert.equal((await store.entries.get(c!.id))?.notArticle ?? null, null);
      const teasers = new Map((await store.search.teasers({ limit: 10 }, 100)).items.map((e) => [e.id, e]));
      assert.equal(teasers.get(a!.id)?.notArticle, 'too-short');
      assert.equal(teasers.get(a!.id)?.extractError ?? null, null);
      assert.equal(teasers.get(b!.id)?.notArticle, 'no-article', 'a legacy row reads as no-article');
      assert.equal(teasers.get(c!.id)?.notArticle ?? null, null);
      assert.equal(teasers.get(c!.id)?.extractError, 'fetch');
      assert.deepEqual([...(await store.entries.extractFailures())], [['fetch', 1]], 'only the failure is counted');
      assert.deepEqual(
        await store.entries.extractFailedIds('other', 10),
        [],
        'a reason of a page without an article is no failure of "other"',
      );
      const page = await (await makeApp(store).request(`/entries/${b!.id}`)).text();
      assert.ok(page.includes(escaped(NOT_ARTICLE_TEXT_EN['no-article'])), 'the article page of a legacy row');
      await store.entries.setFullText(a!.id, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
      assert.equal((await store.entries.get(a!.id))?.notArticle ?? null, null, 'cleared by a success');
      await store.close();
    });

    test('the curation list marks them in English, Arabic and Persian, apart from failures, with no retry', async () => {
      const store = await d.open();
      const { source } = await store.sources.add({ url: 'https://wire.example/feed.xml', title: 'Wire' });
      const [video, front, failed, plain] = (
        await store.entries.saveBatch(source.id, [
          entry('v', 'Regatta <highlights>', 'Watch…', BASE_TIME),
          entry('f', 'Front page', 'This week…', BASE_TIME - HOUR),
          entry('x', 'Failed', 'Teaser…', BASE_TIME - 2 * HOUR),
          entry('p', 'Plain', 'Teaser…', BASE_TIME - 3 * HOUR),
        ])
      ).inserted;
      await store.entries.setFullText(video!.id, { fullHtml: null, extractStatus: 'not-article', notArticle: 'no-article' });
      await store.entries.setFullText(front!.id, { fullHtml: null, extractStatus: 'not-article', notArticle: 'refresh' });
      await store.entries.setFullText(failed!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'timeout' });
      let lang: 'en' | 'ar' | 'fa' | null = null;
      const app = asViewer(makeApp(store), store, () => editor({ lang }));
      for (const l of ['en', 'ar', 'fa'] as const) {
        lang = l;
        const m = CURATION_MESSAGES[l] as Record<string, string>;
        const page = await (await app.request('/desk/curation')).text();
        for (const [id, key] of [
          [video!.id, 'no-article'],
          [front!.id, 'refresh'],
        ] as const) {
          const row = rowOf(page, id);
          // A feed's entry (it has a summary): the cause, then that the summary is shown.
          const reason = m['curation.notArticleWithSummary']!.replace('{reason}', m[`curation.notArticleReason.${key}`]!);
          const text = m['curation.notArticle']!.replace('{reason}', reason);
          assert.ok(row.includes(`<p class="not-article" data-reason="${key}">${escaped(text)}</p>`), `${l} ${key}: ${text}`);
          assert.doesNotMatch(row, /extract-failed/, `${l}: not marked as a failure`);
          assert.doesNotMatch(row, /value="retry"/, `${l}: no retry`);
        }
        assert.match(rowOf(page, failed!.id), /class="extract-failed"/);
        assert.match(rowOf(page, failed!.id), /value="retry"/, 'the failure keeps its retry');
        assert.doesNotMatch(rowOf(page, plain!.id), /not-article|extract-failed/);
        assert.ok(page.includes(escaped(m['curation.failedFilter']!.replace('{n}', formatCount(1, l)))), `${l}: one failure counted`);
        const edit = await (await app.request(`/desk/curation/entries/${video!.id}`)).text();
        assert.match(edit, /<p class="not-article" data-reason="no-article">/, `${l}: edit page`);
        assert.doesNotMatch(edit, /value="retry"/);
      }
      const filtered = await (await app.request('/desk/curation?failed=1')).text();
      assert.doesNotMatch(filtered, new RegExp(`id="e${video!.id}"`), 'not on the failed list');
      await store.close();
    });

    test('the marks come with the listing: as many queries for 2 such teasers as for 20', async () => {
      const { store, counter, list } = await countedStore(d, 25);
      steadyStamp(store);
      const app = asViewer(makeApp(store), store, () => editor());
      const cold = (): Promise<number> => warmQueries(app, counter, '/desk/curation');
      const mark = async (from: number, to: number) => {
        for (let i = from; i < to; i++)
          await store.entries.setFullText(list[i]!.id, {
            fullHtml: null,
            extractStatus: 'not-article',
            notArticle: i % 2 ? 'empty' : 'too-short',
          });
      };
      await mark(0, 2);
      const few = await cold();
      await mark(2, 20);
      assert.equal(await cold(), few, `${few} queries with 2, the same with 20`);
      assert.equal((await (await app.request('/desk/curation')).text()).match(/class="not-article"/g)?.length, 20);
      await store.close();
    });
  });
});
