// Hostile search queries through the store, on both dialects (r-search, docs/security.md "Hostile
// review of search"): what a reader types is searched as text or is no query, never a database
// error. The site and the API clean control characters out of their input first; the parser must
// not rely on that.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSearch } from '../../src/search/query.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 11, 1, 12);

forEachDialect((d) => {
  test(`control characters and words that fold to nothing are no query syntax and no database error (${d.name})`, async () => {
    const store = await d.open();
    try {
      const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
      await store.entries.saveBatch(src, [
        textEntry({ dedupeKey: 'ab', fingerprint: 'fp-ab', url: 'https://a.example/ab' }, 'alpha beta', 'تصريح الرئيس', T0),
      ]);
      const keys = async (q: string): Promise<string[]> =>
        (await store.search.search({ ast: parseSearch(q).ast, limit: 5 })).hits.map((h) => h.entry.dedupeKey);
      // A NUL or another control character inside a word cuts it, as a space does.
      assert.deepEqual(await keys('alpha\u0000beta'), ['ab']);
      assert.deepEqual(await keys('"alpha\u0000beta"'), ['ab']);
      assert.deepEqual(await keys('alp*\u0007bet*'), ['ab']);
      assert.deepEqual(await keys('\u0000'), []);
      // A tatweel or marks alone fold to nothing: no word, alone or beside one.
      for (const q of ['\u0640*', '\u0640', '"\u0640\u064b"', '-\u0640 alpha', 'alpha \u0640*', 'alpha OR \u0640*']) {
        assert.deepEqual(await keys(q), q.includes('alpha') ? ['ab'] : [], JSON.stringify(q));
      }
      assert.equal(parseSearch('\u0640*').ast, undefined);
      assert.deepEqual(parseSearch('alpha \u0640* "\u064b"').ast, parseSearch('alpha').ast);
    } finally {
      await store.close();
    }
  });
});
