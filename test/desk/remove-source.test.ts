// Removing a source at the desk (/desk/sources/:id/remove) over both dialects: the confirmation
// page names the source (escaped) and counts its stories; its POST makes the store's removal (the
// entries and their search rows go), records an audit row and sends the editor to the list with a
// notice. A POST without the CSRF token, from another site, or by a reader changes nothing; a
// second POST for the removed source is the catalogued 404 page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Viewer } from '../../src/auth/viewer.js';
import { parseSearch } from '../../src/search/query.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { newEntry } from '../helpers/entries.js';
import { CSRF, mountDesk, setLanguage } from './helpers.js';

const READER: Viewer = { userId: 9, name: 'Rita Reader', role: 'reader', lang: null, via: 'session', scope: 'write', csrf: CSRF };
const HOSTILE = '<script>alert("x")</script> & Wire';
const AT = Date.UTC(2026, 5, 1);

/** A source with a hostile name and two stories, and its id. */
async function seed(store: Store): Promise<number> {
  const { source } = await store.sources.add({ url: 'https://wire.example/feed.xml', title: HOSTILE });
  await store.entries.saveBatch(source.id, [
    newEntry('Zanzibar ferry resumes', 'The ferry to Zanzibar runs again.', AT),
    newEntry('Quarry permit refused', 'The council refused the quarry permit.', AT + 1000),
  ]);
  return source.id;
}

async function hits(store: Store, q: string): Promise<number> {
  return (await store.search.search({ ast: parseSearch(q).ast, limit: 10 })).hits.length;
}

forEachDialect((d) => {
  test('remove at the desk: a confirmation page (escaped name, story count), then the removal, audited, and the list', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = await seed(store);
      assert.equal(await hits(store, 'zanzibar'), 1);
      const sourcePage = await (await desk.request(`/desk/sources/${id}`)).text();
      assert.match(sourcePage, new RegExp(`<form method="get" action="/desk/sources/${id}/remove">`));

      const confirm = await desk.request(`/desk/sources/${id}/remove`);
      assert.equal(confirm.status, 200);
      const page = await confirm.text();
      assert.ok(!page.includes('<script>alert'), 'the source name reached the page unescaped');
      assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Wire'));
      assert.match(page, /data-stories="2"/);
      assert.match(page, /Stories stored from it: 2\./);
      assert.match(
        page,
        new RegExp(`<form method="post" action="/desk/sources/${id}/remove"><input type="hidden" name="_csrf" value="${CSRF}">`),
      );
      assert.equal((await store.sources.list()).length, 1, 'the confirmation page removed something');

      const res = await desk.post(`/desk/sources/${id}/remove`, {});
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/desk/sources?done=removed');
      assert.equal(await store.sources.get(id), undefined);
      assert.equal(await store.entries.count({ sourceId: id }), 0);
      assert.equal(await hits(store, 'zanzibar'), 0, 'the search index still finds a removed story');
      assert.equal(await hits(store, 'quarry'), 0);
      const list = await (await desk.request('/desk/sources?done=removed')).text();
      assert.match(list, /<p role="status">The source was removed, with its stored stories\.<\/p>/);

      assert.equal(desk.audits.length, 1);
      const a = desk.audits[0]!;
      assert.equal(a.action, 'source.remove');
      assert.equal(a.target, `source:${id}`);
      assert.equal(a.actorName, 'Edith Editor');
      assert.deepEqual(a.before, { url: 'https://wire.example/feed.xml', kind: 'feed', title: HOSTILE, stories: 2 });

      // A second POST (a reload, another tab): the catalogued "no such source" page, nothing recorded.
      const again = await desk.post(`/desk/sources/${id}/remove`, {});
      assert.equal(again.status, 404);
      assert.match(await again.text(), /There is no source with this number\./);
      assert.equal((await desk.request(`/desk/sources/${id}/remove`)).status, 404);
      assert.equal(desk.audits.length, 1);
    } finally {
      await desk.stop();
      await store.close();
    }
  });

  test('remove at the desk: refused without the token, from another site, to a reader; 405 for other methods', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    const reader = await mountDesk(store, { viewer: READER });
    try {
      const id = await seed(store);
      const forged = await desk.post(`/desk/sources/${id}/remove`, {}, { csrf: null });
      assert.equal(forged.status, 403);
      const wrong = await desk.post(`/desk/sources/${id}/remove`, {}, { csrf: 'not-the-token' });
      assert.equal(wrong.status, 403);
      const crossSite = await desk.request(`/desk/sources/${id}/remove`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: CSRF }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      });
      assert.equal(crossSite.status, 403);
      assert.equal((await reader.request(`/desk/sources/${id}/remove`)).status, 403);
      assert.equal((await reader.post(`/desk/sources/${id}/remove`, {})).status, 403);
      const del = await desk.request(`/desk/sources/${id}/remove`, { method: 'DELETE' });
      assert.equal(del.status, 405);
      assert.equal(del.headers.get('allow'), 'GET, HEAD, POST');
      assert.ok(await store.sources.get(id), 'a refused request removed the source');
      assert.equal(await store.entries.count({ sourceId: id }), 2);
      assert.equal(desk.audits.length + reader.audits.length, 0);
    } finally {
      await desk.stop();
      await reader.stop();
      await store.close();
    }
  });

  test('remove at the desk: the confirmation page in Arabic and Persian', async () => {
    const store = await d.open();
    const desk = await mountDesk(store);
    try {
      const id = await seed(store);
      for (const [lang, title, button] of [
        ['ar', 'حذف مصدر', 'احذف المصدر وقصصه'],
        ['fa', 'حذف یک منبع', 'حذف منبع و خبرهایش'],
      ] as const) {
        await setLanguage(store, 'Edith Editor', lang);
        const page = await (await desk.request(`/desk/sources/${id}/remove`)).text();
        assert.ok(page.includes(`<h1>${title}</h1>`), `${lang}: no catalogued heading`);
        assert.ok(page.includes(button), `${lang}: no catalogued button`);
        assert.ok(!page.includes('Stories stored from it'), `${lang}: English left on the page`);
      }
    } finally {
      await desk.stop();
      await store.close();
    }
  });
});
