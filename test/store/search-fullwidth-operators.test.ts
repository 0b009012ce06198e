// A query's operators typed in their full-width or small forms (an East Asian keyboard's ＂…＂,
// －word, word＊, （ ）, ＯＲ) act as the operators on both dialects, as the words they surround
// fold to ASCII (r2-fold, docs/security.md "Hostile review of the search fold's second version").
// Before, «－camp» searched for camp, «ＯＲ» was a required word, and ＂…＂ and ＊ were dropped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSearch } from '../../src/search/query.js';
import type { Store } from '../../src/store/store.js';
import { type Dialect, forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 11, 1, 12);

/** Each full-width query and the ASCII one it means. */
const SAME: [string, string][] = [
  ['mek －camp', 'mek -camp'],
  ['mek ﹣camp', 'mek -camp'],
  ['＂ＭＥＫ ｃａｍｐ＂', '"ＭＥＫ ｃａｍｐ"'],
  ['ｃａｍ＊', 'ｃａｍ*'],
  ['iraq ＯＲ camp', 'iraq OR camp'],
  ['（iraq ｜ camp） －ashraf', '(iraq | camp) -ashraf'],
  ['ﺍﻟﻜﺘﺎﺏ ＯＲ ﺍﻟﺠﺪﻳﺪ', 'ﺍﻟﻜﺘﺎﺏ OR ﺍﻟﺠﺪﻳﺪ'],
];

test('full-width and small operator forms parse as the ASCII operators', () => {
  for (const [wide, ascii] of SAME) assert.deepEqual(parseSearch(wide), parseSearch(ascii), wide);
  // A full-width hyphen inside a word is no operator, as an ASCII one is not.
  assert.deepEqual(parseSearch('ｅ－ｍａｉｌ'), parseSearch('ｅ-ｍａｉｌ'));
});

const STORED: [string, string][] = [
  ['both', 'mek camp report'],
  ['mek', 'mek report'],
  ['camp', 'the camping site'],
  ['book', 'الكتاب'],
];

async function storeOf(d: Dialect): Promise<Store> {
  const store = await d.open();
  const src = (await store.sources.add({ url: 'https://w.example/feed' })).source.id;
  await store.entries.saveBatch(
    src,
    STORED.map(([key, text], i) =>
      textEntry({ dedupeKey: key, fingerprint: `fp-${key}`, url: `https://w.example/${key}` }, text, text, T0 - i),
    ),
  );
  return store;
}

const keys = async (store: Store, q: string): Promise<string[]> =>
  (await store.search.search({ ast: parseSearch(q).ast, limit: 20 })).hits.map((h) => h.entry.dedupeKey).sort();

forEachDialect((d) => {
  test(`full-width operators search as the ASCII ones (${d.name})`, async () => {
    const store = await storeOf(d);
    try {
      assert.deepEqual(await keys(store, 'mek －camp'), ['mek']);
      assert.deepEqual(await keys(store, 'ｃａｍｐ＊'), ['both', 'camp']);
      assert.deepEqual(await keys(store, '＂ｃａｍｐ ｍｅｋ＂'), []);
      assert.deepEqual(await keys(store, 'ﺍﻟﻜﺘﺎﺏ ＯＲ ｍｅｋ'), ['book', 'both', 'mek']);
    } finally {
      await store.close();
    }
  });
});
