// "No article on the page (N)" at the desk: a filter beside "Full text failed" that lists only the
// teasers whose page held no article (status not-article), newest first and page by page, with the
// count by reason in the editor's language and digits, and no retry. The list and the counts read
// their own partial index (migration 22) and cost no query per row. Over both store dialects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NOT_ARTICLE_KINDS, type NotArticleKind } from '../../src/domain/extract-failure.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { formatCount } from '../../src/web/locale.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { countedStore, steadyStamp, makeApp, warmQueries, okText } from './helpers.js';

const escaped = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const rowIds = (page: string): number[] => [...page.matchAll(/<li id="e(\d+)" class="curation-row/g)].map((m) => Number(m[1]));

forEachDialect((d) => {
  describe('"No article on the page" lists those teasers', () => {
    test('newest first, page by page, counted by reason in English, Arabic and Persian, with no retry', async () => {
      const { store, list } = await countedStore(d, 40);
      // 27 pages without an article (more than a page of 25), reasons in turn; one stored before
      // reasons were kept (counted as no-article); a deleted one; a failure; a read that succeeded.
      const kinds = new Map<number, NotArticleKind>();
      for (let i = 0; i < 27; i++) {
        const kind = NOT_ARTICLE_KINDS[i % 4]!;
        kinds.set(list[i]!.id, kind);
        await store.entries.setFullText(list[i]!.id, {
          fullHtml: null,
          extractStatus: 'not-article',
          ...(i === 4 ? {} : { notArticle: kind }),
        });
      }
      await store.entries.setFullText(list[30]!.id, { fullHtml: null, extractStatus: 'not-article', notArticle: 'empty' });
      await store.entries.remove(list[30]!.id);
      await store.entries.setFullText(list[31]!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'fetch' });
      await store.entries.setFullText(list[32]!.id, { fullHtml: '<p>Whole.</p>', extractStatus: 'done' });
      const expected = new Map<string, number>();
      for (const k of kinds.values()) expected.set(k, (expected.get(k) ?? 0) + 1);
      assert.deepEqual(new Map([...(await store.entries.notArticles())].sort()), new Map([...expected].sort()));

      let lang: 'en' | 'ar' | 'fa' | null = null;
      const app = asViewer(makeApp(store), store, () => editor({ lang }));
      const get = (path: string): Promise<string> => okText(app, path);
      const newestFirst = list.slice(0, 27).map((e) => e.id);
      for (const l of ['en', 'ar', 'fa'] as const) {
        lang = l;
        const m = CURATION_MESSAGES[l] as Record<string, string>;
        const all = await get('/desk/curation');
        assert.ok(
          all.includes(
            `<a href="/desk/curation?noarticle=1">${escaped(m['curation.notArticleFilter']!.replace('{n}', formatCount(27, l)))}</a>`,
          ),
          `${l}: the filter with its count (${formatCount(27, l)})`,
        );
        assert.ok(
          all.includes(escaped(m['curation.failedFilter']!.replace('{n}', formatCount(1, l)))),
          `${l}: the failed filter beside it`,
        );
        const page = await get('/desk/curation?noarticle=1');
        assert.deepEqual(rowIds(page), newestFirst.slice(0, 25), l);
        assert.ok(page.includes(escaped(m['curation.notArticleShown']!.replace('{n}', formatCount(27, l)))), `${l}: says what it shows`);
        // Each count links to the list of that reason alone.
        const reasons = [
          ...page.matchAll(/<li data-reason="([^"]+)"><a href="\/desk\/curation\?noarticle=1&amp;reason=\1">([^<]*)<\/a><\/li>/g),
        ].map((x) => [x[1], x[2]]);
        assert.deepEqual(
          reasons,
          NOT_ARTICLE_KINDS.map((k) => [
            k,
            escaped(
              m['curation.reasonCount']!.replace('{reason}', m[`curation.notArticleReason.${k}`]!).replace(
                '{n}',
                formatCount(expected.get(k) ?? 0, l),
              ),
            ),
          ]),
          `${l}: counts by reason in the interface's digits`,
        );
        assert.doesNotMatch(page, /value="retry"|retry-failed/, `${l}: no retry`);
        assert.doesNotMatch(page, new RegExp(`id="e${list[31]!.id}"`), `${l}: the failure is not listed`);
      }
      lang = null;
      const first = await get('/desk/curation?noarticle=1');
      // Actions on the filtered list lead back to it.
      assert.match(first, /<input type="hidden" name="noarticle" value="1">/);
      const pinned = list[0]!.id;
      const f = form({ _csrf: TEST_CSRF, op: 'pin', noarticle: '1' });
      const res = await app.request(`/desk/curation/entries/${pinned}`, { method: 'POST', body: f.body, headers: f.headers });
      assert.equal(res.headers.get('location'), `/desk/curation?done=pin&entry=${pinned}&noarticle=1#e${pinned}`);
      const older = /<a href="\/desk\/curation\?noarticle=1&amp;older=([^"]+)" rel="next">/.exec(first)?.[1];
      assert.ok(older, 'a link to the older page keeps the filter');
      const second = await get(`/desk/curation?noarticle=1&older=${older}`);
      assert.deepEqual(rowIds(second), newestFirst.slice(25));
      assert.match(second, /<a href="\/desk\/curation\?noarticle=1">/, 'back to the newest of the filter');
      await store.close();
    });

    test('with none, no filter is offered and the filtered list says so', async () => {
      const { store } = await countedStore(d, 3);
      const app = asViewer(makeApp(store), store, () => editor());
      assert.doesNotMatch(await (await app.request('/desk/curation')).text(), /noarticle=1/);
      const page = await (await app.request('/desk/curation?noarticle=1')).text();
      assert.deepEqual(rowIds(page), []);
      assert.ok(page.includes(escaped(CURATION_MESSAGES.en['curation.notArticleNone'])));
      await store.close();
    });

    test('no query per row: the filtered list reads the same for 2 such teasers as for 20', async () => {
      const { store, counter, list } = await countedStore(d, 25);
      steadyStamp(store);
      const app = asViewer(makeApp(store), store, () => editor());
      const cold = (path: string): Promise<number> => warmQueries(app, counter, path);
      const mark = async (from: number, to: number) => {
        for (let i = from; i < to; i++)
          await store.entries.setFullText(list[i]!.id, {
            fullHtml: null,
            extractStatus: 'not-article',
            notArticle: i % 2 ? 'empty' : 'refresh',
          });
      };
      await mark(0, 2);
      const few = await cold('/desk/curation?noarticle=1');
      const fewAll = await cold('/desk/curation');
      await mark(2, 20);
      assert.equal(await cold('/desk/curation?noarticle=1'), few, `${few} queries with 2, the same with 20`);
      assert.equal(await cold('/desk/curation'), fewAll);
      assert.equal(rowIds(await (await app.request('/desk/curation?noarticle=1')).text()).length, 20);
      await store.close();
    });
  });
});
