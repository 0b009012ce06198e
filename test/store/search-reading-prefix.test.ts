// A query's `word*` is a word's beginning: its reading adds no hashtag's words after it (r2-search3,
// docs/security.md "Hostile review of the search fold's third version"). "free-#IranN*" read as
// "free-#IranN Iran N" made the unfinished "IranN" a whole word of an FTS5 phrase, so SQLite missed
// "free-#IranNow" while PostgreSQL (a prefix on every word of a quoted to_tsquery) found it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markAll, needlesOf } from '../../src/search/highlight.js';
import { parseSearch } from '../../src/search/query.js';
import type { Store } from '../../src/store/store.js';
import { forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 11, 1, 12);
const STORED: [string, string, string][] = [
  ['now', 'Posts', 'Tagged free-#IranNow today'],
  ['year', 'Rally', 'Tagged free-#IranYear2026 today'],
  ['plain', 'Free Iran rally', 'Nothing tagged.'],
];

const keys = async (store: Store, q: string): Promise<string[]> =>
  (await store.search.search({ ast: parseSearch(q).ast, limit: 20 })).hits.map((h) => h.entry.dedupeKey).sort();

test('the highlighter marks a word begun with an inner hashtag', () => {
  const needles = needlesOf(parseSearch('free-#IranN*').ast);
  assert.equal(markAll('Tagged free-#IranNow today', needles, { start: '[', end: ']' }), 'Tagged [free-#IranNow] today');
});

forEachDialect((d) => {
  test(`a word begun with an inner hashtag finds the words it begins (${d.name})`, async () => {
    const store = await d.open();
    try {
      const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
      await store.entries.saveBatch(
        src,
        STORED.map(([key, title, text], i) =>
          textEntry({ dedupeKey: key, fingerprint: `fp-${key}`, url: `https://a.example/${key}` }, title, text, T0 - i),
        ),
      );
      assert.deepEqual(await keys(store, 'free-#IranN*'), ['now']);
      assert.deepEqual(await keys(store, 'free-#Iran*'), ['now', 'plain', 'year']);
      assert.deepEqual(await keys(store, 'free-#IranNow*'), ['now']);
      // Without * the hashtag's words are read, as before.
      assert.deepEqual(await keys(store, 'free-#IranNow'), ['now']);
      assert.deepEqual(await keys(store, '"iran now"'), ['now']);
    } finally {
      await store.close();
    }
  });
});
