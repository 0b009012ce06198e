// Each reason's count on the desk's two filtered lists ("Full text failed", "No article on the
// page") links to the list of that reason alone (&reason=KEY): only those teasers, newest first,
// page by page, the reason shown in English, Arabic and Persian, the way back to every reason, and
// the forms and redirects keeping the filter. A key the list does not know lists every reason and
// says so. The catch-all kinds ("other", "no-article") take rows stored without a key and keys this
// version does not name. No query per row: the same queries for 2 such teasers as for 20.
// Over both store dialects.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { Store } from '../../src/store/store.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { formatCount } from '../../src/web/locale.js';
import { asViewer, editor, form, TEST_CSRF } from '../helpers/as-viewer.js';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, HOUR, countedStore, steadyStamp, entry, makeApp, warmQueries, okText } from './helpers.js';

const escaped = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const rowIds = (page: string): number[] => [...page.matchAll(/<li id="e(\d+)" class="curation-row/g)].map((m) => Number(m[1]));
const olderLink = (page: string): string | undefined => /<a href="([^"]+)" rel="next">/.exec(page)?.[1]?.replaceAll('&amp;', '&');

forEachDialect((d) => {
  describe('the desk lists one reason at a time', () => {
    let store: Store;
    let app: Hono;
    let lang: 'en' | 'ar' | 'fa' | null = null;
    const ids: Record<string, number[]> = {};

    before(async () => {
      store = await d.open();
      const { source } = await store.sources.add({ url: 'https://reasons.example/feed.xml' });
      // Newest first within each group; the groups interleave in time.
      const groups: [string, number, { extractStatus: 'failed' | 'not-article'; extractError?: string; notArticle?: string }][] = [
        ['timeout', 27, { extractStatus: 'failed', extractError: 'timeout' }],
        ['pdf', 2, { extractStatus: 'failed', extractError: 'pdf' }],
        ['legacy-failed', 1, { extractStatus: 'failed' }],
        ['future-failed', 1, { extractStatus: 'failed', extractError: 'a-key-of-a-later-version' }],
        ['too-short', 3, { extractStatus: 'not-article', notArticle: 'too-short' }],
        ['legacy-not-article', 1, { extractStatus: 'not-article' }],
        ['no-article', 1, { extractStatus: 'not-article', notArticle: 'no-article' }],
      ];
      let i = 0;
      for (const [name, n, outcome] of groups) {
        const saved = (
          await store.entries.saveBatch(
            source.id,
            Array.from({ length: n }, (_, k) => entry(`${name}-${k}`, `${name} ${k}`, `Text ${k}.`, BASE_TIME - (i + k * 7) * HOUR)),
          )
        ).inserted;
        i++;
        for (const e of saved) await store.entries.setFullText(e.id, { fullHtml: null, ...outcome });
        ids[name] = saved.map((e) => e.id);
      }
      // A deleted failure of the reason is not listed.
      const [gone] = (await store.entries.saveBatch(source.id, [entry('gone', 'Gone', 'Text.', BASE_TIME)])).inserted;
      await store.entries.setFullText(gone!.id, { fullHtml: null, extractStatus: 'failed', extractError: 'timeout' });
      await store.entries.remove(gone!.id);
      app = asViewer(makeApp(store), store, () => editor({ lang }));
    });

    const get = (path: string): Promise<string> => okText(app, path);

    test('each reason count links to that reason; its list is only those, newest first, page by page, in three languages', async () => {
      const all = await get('/desk/curation?failed=1');
      for (const k of ['timeout', 'pdf', 'other'])
        assert.match(all, new RegExp(`<li data-reason="${k}"><a href="/desk/curation\\?failed=1&amp;reason=${k}">`), k);
      for (const l of ['en', 'ar', 'fa'] as const) {
        lang = l;
        const m = CURATION_MESSAGES[l] as Record<string, string>;
        const page = await get('/desk/curation?failed=1&reason=timeout');
        assert.equal(rowIds(page).length, 25);
        const shown = m['curation.reasonShown']!.replace('{reason}', m['curation.extractReason.timeout']!).replace(
          '{n}',
          formatCount(27, l),
        );
        assert.ok(page.includes(escaped(shown)), `${l}: ${shown}`);
        assert.ok(page.includes(`<a href="/desk/curation?failed=1">${m['curation.allReasons']}</a>`), `${l}: the way back to every reason`);
        // The reason shown is no link; the others are.
        assert.match(page, /<li data-reason="timeout"><strong aria-current="true">/);
        assert.match(page, /<li data-reason="pdf"><a href="\/desk\/curation\?failed=1&amp;reason=pdf">/);
      }
      lang = null;
      const first = await get('/desk/curation?failed=1&reason=timeout');
      const expected = [...ids.timeout!].sort((a, b) => a - b); // saved newest first: lower ids are newer
      assert.deepEqual(rowIds(first), expected.slice(0, 25));
      const next = olderLink(first);
      assert.match(next ?? '', /^\/desk\/curation\?failed=1&reason=timeout&older=/, 'the pager keeps the reason');
      const second = await get(next!);
      assert.deepEqual(rowIds(second), expected.slice(25));
      assert.match(second, /<a href="\/desk\/curation\?failed=1&amp;reason=timeout">/, 'back to its newest page, still filtered');
      // Every form on the list carries the reason, so a change leads back to it.
      assert.equal(
        first.match(/<input type="hidden" name="reason" value="timeout">/g)?.length,
        25 * 4 + 1,
        'pin, hide, feature, retry; Retry all',
      );
    });

    test('the catch-all kinds take rows stored without a key and keys this version does not name', async () => {
      const other = await get('/desk/curation?failed=1&reason=other');
      assert.deepEqual(rowIds(other).sort(), [...ids['legacy-failed']!, ...ids['future-failed']!].sort());
      assert.deepEqual(rowIds(await get('/desk/curation?failed=1&reason=pdf')), ids.pdf);
      const noArticle = await get('/desk/curation?noarticle=1&reason=no-article');
      assert.deepEqual(rowIds(noArticle).sort(), [...ids['legacy-not-article']!, ...ids['no-article']!].sort());
      const short = await get('/desk/curation?noarticle=1&reason=too-short');
      assert.deepEqual(rowIds(short), ids['too-short']);
      assert.match(short, /<li data-reason="too-short"><strong aria-current="true">/);
      assert.match(short, /<li data-reason="no-article"><a href="\/desk\/curation\?noarticle=1&amp;reason=no-article">/);
      assert.match(short, /<input type="hidden" name="noarticle" value="1"><input type="hidden" name="reason" value="too-short">/);
    });

    test('a reason the list does not know: every reason listed, and the page says so', async () => {
      for (const [path, key, n] of [
        ['/desk/curation?failed=1&reason=nonsense', 'nonsense', 25],
        ['/desk/curation?failed=1&reason=too-short', 'too-short', 25],
        ['/desk/curation?noarticle=1&reason=timeout', 'timeout', 5],
        ['/desk/curation?failed=1&reason=%3Cb%3E', '<b>', 25],
      ] as const) {
        const page = await get(path);
        assert.equal(rowIds(page).length, n, path);
        assert.ok(page.includes(escaped(`This list has no reason “${key}”, so every reason is listed.`)), path);
        assert.doesNotMatch(page, /aria-current="true"/, path);
      }
      // No filtered list, nothing to narrow: the reason is left aside without a word.
      const plain = await get('/desk/curation?reason=timeout');
      assert.doesNotMatch(plain, /has no reason|reasonShown|aria-current="true"/);
    });

    test('a change, a retry and an edit on a reason list lead back to it', async () => {
      const id = ids.pdf![0]!;
      const post = (path: string, fields: Record<string, string>) => {
        const f = form(fields);
        return app.request(path, { method: 'POST', body: f.body, headers: f.headers });
      };
      const pin = await post(`/desk/curation/entries/${id}`, { _csrf: TEST_CSRF, op: 'pin', failed: '1', reason: 'pdf' });
      assert.equal(pin.headers.get('location'), `/desk/curation?done=pin&entry=${id}&failed=1&reason=pdf#e${id}`);
      const retry = await post(`/desk/curation/entries/${id}`, { _csrf: TEST_CSRF, op: 'retry', failed: '1', reason: 'pdf' });
      assert.equal(retry.headers.get('location'), `/desk/curation?done=retry&entry=${id}&failed=1&reason=pdf#e${id}`);
      // A reason not of that list is dropped from the way back.
      const odd = await post(`/desk/curation/entries/${id}`, { _csrf: TEST_CSRF, op: 'unpin', failed: '1', reason: 'refresh' });
      assert.equal(odd.headers.get('location'), `/desk/curation?done=unpin&entry=${id}&failed=1#e${id}`);
      const edit = await get(`/desk/curation/entries/${id}?failed=1&reason=pdf`);
      assert.match(edit, new RegExp(`<a href="/desk/curation\\?failed=1&amp;reason=pdf#e${id}">`));
      assert.match(edit, /<input type="hidden" name="failed" value="1"><input type="hidden" name="reason" value="pdf">/);
      const saved = await post(`/desk/curation/entries/${id}`, {
        _csrf: TEST_CSRF,
        op: 'edit',
        headline: 'New',
        failed: '1',
        reason: 'pdf',
      });
      assert.equal(saved.headers.get('location'), `/desk/curation?done=edit&entry=${id}&failed=1&reason=pdf#e${id}`);
      // "Retry all" leads to its reason's list, with the notice.
      const all = await post('/desk/curation/retry-failed', { _csrf: TEST_CSRF, reason: 'timeout' });
      const back = all.headers.get('location')!;
      assert.match(back, /^\/desk\/curation\?failed=1&done=retry-all&reason=timeout&/);
      const page = await get(back);
      assert.match(page, /<p role="status" class="done">Retry queued for 27 teasers/);
      assert.equal(rowIds(page).length, 25);
      assert.match(page, /<li data-reason="timeout"><strong aria-current="true">/);
    });
  });

  test('a reason list costs no query per row: the same for 2 such teasers as for 20, and as the whole list', async () => {
    const { store, counter, list } = await countedStore(d, 45);
    steadyStamp(store);
    const app = asViewer(makeApp(store), store, () => editor());
    const cold = (path: string): Promise<number> => warmQueries(app, counter, path);
    const mark = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        // Every third stored without a key (the catch-all "other").
        const key = i % 3 === 0 ? {} : { extractError: i % 2 ? 'fetch' : 'pdf' };
        await store.entries.setFullText(list[i]!.id, { fullHtml: null, extractStatus: 'failed', ...key });
        await store.entries.setFullText(list[i + 22]!.id, {
          fullHtml: null,
          extractStatus: 'not-article',
          notArticle: i % 2 ? 'empty' : 'too-short',
        });
      }
    };
    await mark(0, 4);
    const failedFew = await cold('/desk/curation?failed=1&reason=fetch');
    const otherFew = await cold('/desk/curation?failed=1&reason=other');
    const notArticleFew = await cold('/desk/curation?noarticle=1&reason=empty');
    await mark(4, 22);
    assert.equal(await cold('/desk/curation?failed=1&reason=fetch'), failedFew, 'failures of one reason');
    assert.equal(await cold('/desk/curation?failed=1&reason=other'), otherFew, 'the catch-all');
    assert.equal(await cold('/desk/curation?noarticle=1&reason=empty'), notArticleFew, 'pages without an article of one reason');
    assert.equal(failedFew, await cold('/desk/curation?failed=1'), 'as many as the whole failed list');
    assert.equal(notArticleFew, await cold('/desk/curation?noarticle=1'));
    const fetch = list.slice(0, 22).filter((_, i) => i % 3 !== 0 && i % 2 === 1);
    assert.deepEqual(
      rowIds(await (await app.request('/desk/curation?failed=1&reason=fetch')).text()),
      fetch.map((e) => e.id),
    );
    assert.equal(rowIds(await (await app.request('/desk/curation?failed=1&reason=other')).text()).length, 8);
  });
});
