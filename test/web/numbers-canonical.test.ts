// Page numbers, offsets and limits are canonical decimal, as the cursors are (p-edges): one page,
// one address (p-offsets). `offset=010` was the page `offset=10` is, `page=02` the story page
// `page=2` is, each its own render-cache entry and a crawler's duplicate; the API answered `010` as
// 10 too. The API now answers 400 query.notCanonicalNumber naming the parameter (malformed values
// keep query.notInteger); the site answers its error page, for malformed values as well (read as
// absent, `offset=abc` was the first page under another address).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from './helpers.js';

type Json = Record<string, unknown>;

forEachDialect((d) => {
  describe('offsets, page numbers and limits are canonical decimal (p-offsets)', () => {
    it('the API answers 400 query.notCanonicalNumber, the site its error page; canonical forms and the links written still answer', async () => {
      const { store } = await populatedStore(d.open);
      try {
        const items = (await store.entries.list({ limit: 3 })).items;
        await store.stories.assign(items.map((e) => ({ entryId: e.id, storyKey: 'one' })));
        const [story] = (await store.stories.list({ limit: 1 })).items;
        assert.ok(story && items[0]);
        await store.topics.saveDefinition({ id: 'mek', definition: { id: 'mek', name: 'MEK', entities: [{ name: 'mek' }] } });
        const app = makeApp(store);
        const req = (path: string, lang = 'en') => app.request(path, { headers: { host: 'localhost', 'accept-language': lang } });
        const problem = async (path: string, key: string, name: string, lang = 'en') => {
          const res = await req(path, lang);
          assert.equal(res.status, 400, path);
          const body = (await res.json()) as Json;
          assert.equal(body.key, key, path);
          assert.ok(String(body.error).includes(`"${name}"`), path);
          return String(body.error);
        };

        const api = [
          ['/api/v1/search?q=court&offset=', 'offset'],
          ['/api/v1/search?q=court&limit=', 'limit'],
          [`/api/v1/stories/${story.id}?offset=`, 'offset'],
          [`/api/v1/stories/${story.id}?limit=`, 'limit'],
          ['/api/v1/entries?limit=', 'limit'],
          ['/api/v1/stories?limit=', 'limit'],
          ['/api/v1/topics/mek/entries?limit=', 'limit'],
        ] as const;
        for (const [base, name] of api) {
          for (const bad of ['010', '00', '01']) await problem(`${base}${bad}`, 'query.notCanonicalNumber', name);
          // Malformed values keep the key they had.
          for (const bad of ['abc', '-1', '%2B1', '1e1', '%201', '1234567890123456'])
            await problem(`${base}${bad}`, 'query.notInteger', name);
        }
        assert.match(await problem('/api/v1/search?q=court&offset=010', 'query.notCanonicalNumber', 'offset', 'fa'), /صفرِ آغازین/);
        assert.match(await problem('/api/v1/search?q=court&offset=010', 'query.notCanonicalNumber', 'offset', 'ar'), /أصفار/);
        for (const ok of ['0', '10', '']) {
          assert.equal((await req(`/api/v1/search?q=court&offset=${ok}`)).status, 200, `offset=${ok}`);
          assert.equal((await req(`/api/v1/stories/${story.id}?offset=${ok}`)).status, 200, `story offset=${ok}`);
        }
        assert.equal((await req('/api/v1/entries?limit=1')).status, 200);

        const site = [
          ['/search?q=court&offset=', ['0', '10', '']],
          [`/stories/${story.id}?page=`, ['1', '']],
          [`/stories/${story.id}/copies/${items[0].id}?offset=`, ['0', '']],
        ] as const;
        for (const [base, fine] of site) {
          for (const bad of ['010', '02', '00', 'abc', '-1', '%2B1', '1e1', '%201', '1234567890123456']) {
            const res = await req(`${base}${bad}`);
            assert.equal(res.status, 400, `${base}${bad}`);
            assert.match(await res.text(), /not written as this site writes it/, `${base}${bad}`);
          }
          for (const ok of fine) assert.equal((await req(`${base}${ok}`)).status, 200, `${base}${ok}`);
        }
        const fa = await req('/search?q=court&offset=010', 'fa');
        assert.equal(fa.status, 400);
        assert.match(await fa.text(), /آن‌گونه که این سایت می‌نویسد/);
        const ar = await req(`/stories/${story.id}?page=02`, 'ar');
        assert.equal(ar.status, 400);
        assert.match(await ar.text(), /غير مكتوب كما يكتبه الموقع/);
      } finally {
        await store.close();
      }
    });
  });
});
