// A query's `word*` is a word's beginning: its reading adds no hashtag's words after it (r2-search3,
// docs/security.md "Hostile review of the search fold's third version"). "free-#IranN*" read as
// "free-#IranN Iran N" made the unfinished "IranN" a whole word of an FTS5 phrase, so SQLite missed
// "free-#IranNow" while PostgreSQL (a prefix on every word of a quoted to_tsquery) found it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markAll, needlesOf } from '../../src/search/highlight.js';
import { parseSearch } from '../../src/search/query.js';
import { forEachDialect } from '../helpers/dialects.js';
import { searchKeys, withRows } from '../helpers/search-table.js';

const T0 = Date.UTC(2026, 11, 1, 12);
const STORED: [string, string, string][] = [
  ['now', 'Posts', 'Tagged free-#IranNow today'],
  ['year', 'Rally', 'Tagged free-#IranYear2026 today'],
  ['plain', 'Free Iran rally', 'Nothing tagged.'],
];

test('the highlighter marks a word begun with an inner hashtag', () => {
  const needles = needlesOf(parseSearch('free-#IranN*').ast);
  assert.equal(markAll('Tagged free-#IranNow today', needles, { start: '[', end: ']' }), 'Tagged [free-#IranNow] today');
});

forEachDialect((d) => {
  test(`a word begun with an inner hashtag finds the words it begins (${d.name})`, async () => {
    const store = await withRows(await d.open(), STORED, T0);
    try {
      assert.deepEqual(await searchKeys(store, 'free-#IranN*'), ['now']);
      assert.deepEqual(await searchKeys(store, 'free-#Iran*'), ['now', 'plain', 'year']);
      assert.deepEqual(await searchKeys(store, 'free-#IranNow*'), ['now']);
      // Without * the hashtag's words are read, as before.
      assert.deepEqual(await searchKeys(store, 'free-#IranNow'), ['now']);
      assert.deepEqual(await searchKeys(store, '"iran now"'), ['now']);
    } finally {
      await store.close();
    }
  });
});
