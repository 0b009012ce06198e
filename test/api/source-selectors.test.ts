// POST /v1/sources takes a listing page's selectors, checked as the desk and `newsdesk add` check
// them (src/ingest/listing/source-checks.ts), p-selector: one longer than SELECTOR_MAX_CHARS is
// refused with the catalogue's sentence naming the limit and a stable key, never cut; nothing is
// stored. Before, the API had no "selectors" and dropped them without a word. On a known URL the
// selectors given replace the source's (p-keys; test/api/known-source.test.ts has the rest).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SELECTOR_MAX_CHARS } from '../../src/ingest/listing/source-checks.js';
import { forEachDialect } from '../helpers/dialects.js';
import { makeApp, populatedStore } from '../web/helpers.js';
import { checked } from './contract.js';

type Json = Record<string, unknown>;
const TOKEN = 'sekrit-token-123';
const auth = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };

forEachDialect((d) => {
  describe('POST /v1/sources with selectors', () => {
    it('refuses a selector over the limit with the limit named and a stable key; stores usable ones', async () => {
      const { store } = await populatedStore(d.open);
      const app = checked(makeApp(store, { apiToken: TOKEN }));
      const post = (body: unknown) => app.request('/api/v1/sources', { method: 'POST', body: JSON.stringify(body), headers: auth });
      const before = (await store.sources.list()).length;
      const long = `div.story ${'> div '.repeat(60)}> a`; // usable CSS, 373 characters
      assert.ok(long.length > SELECTOR_MAX_CHARS);
      const refused = await post({ url: 'https://listing.example/news', selectors: { item: 'article', link: long } });
      assert.equal(refused.status, 400);
      assert.deepEqual(await refused.json(), {
        error: `"selectors.link": the selector is ${long.length} characters long; a selector may be at most 300 characters. Shorten it; nothing was saved.`,
        key: 'selector.tooLong',
      });
      const unusable = await post({ url: 'https://listing.example/news', selectors: { item: 'article', next: 'a[' } });
      assert.equal(unusable.status, 400);
      assert.equal(((await unusable.json()) as Json).key, 'selector.unusable');
      for (const [body, key] of [
        [{ url: 'https://listing.example/news', selectors: { headline: 'h2' } }, 'selectors.invalid'],
        [{ url: 'https://listing.example/news', selectors: 'article' }, 'selectors.invalid'],
        [{ url: 'https://listing.example/news', selectors: { item: 3 } }, 'selectors.invalid'],
        [{ url: 'https://listing.example/news', kind: 'feed', selectors: { item: 'article' } }, 'selectors.notPage'],
      ] as const) {
        const res = await post(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(((await res.json()) as Json).key, key, JSON.stringify(body));
      }
      assert.equal((await store.sources.list()).length, before, 'nothing stored');

      // Exactly the limit is taken, counted in characters: 300 of them, 599 UTF-8 bytes.
      const atLimit = `.${'ش'.repeat(SELECTOR_MAX_CHARS - 1)}`;
      const ok = await post({ url: 'https://listing.example/news', selectors: { item: ` ${atLimit} `, title: 'h2 a' } });
      assert.equal(ok.status, 201);
      const stored = await store.sources.getByUrl('https://listing.example/news');
      assert.equal(stored?.kind, 'page');
      assert.deepEqual(stored?.settings, { selectors: { item: atLimit, title: 'h2 a' } });

      // A known URL: the selectors given replace the source's (200), checked as for a new one.
      const long2 = await post({ url: 'https://listing.example/news', selectors: { item: long } });
      assert.equal(long2.status, 400);
      assert.equal(((await long2.json()) as Json).key, 'selector.tooLong');
      const again = await post({ url: 'https://listing.example/news', selectors: { item: 'li.other' } });
      assert.equal(again.status, 200);
      assert.deepEqual((await again.json()) as Json, {
        ...((await (await app.request(`/api/v1/sources/${stored?.id}`)).json()) as Json),
        applied: ['selectors'],
        changed: ['selectors'],
      });
      assert.deepEqual((await store.sources.getByUrl('https://listing.example/news'))?.settings, { selectors: { item: 'li.other' } });
      await store.close();
    });
  });
});
