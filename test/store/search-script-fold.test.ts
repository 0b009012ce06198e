// Search finds Arabic-script words however they are spelled, as the topic matcher does (r-search,
// docs/security.md "Hostile review of search"): alef with hamza or madda, tatweel, harakat and
// tanween, teh marbuta, Persian yeh and kaf, the ZWNJ inside a Persian word, Eastern Arabic digits.
// The index and the query words are folded alike on both dialects (src/search/fold.ts), the
// highlighter marks the word found, and a store indexed by an older build is reindexed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { SEARCH_FOLD } from '../../src/search/fold.js';
import { highlightHits } from '../../src/search/highlight-hits.js';
import { MARK_END, MARK_START } from '../../src/search/highlight.js';
import { parseSearch } from '../../src/search/query.js';
import type { Store } from '../../src/store/store.js';
import { normalizeTerm } from '../../src/text/normalize.js';
import { type Dialect, forEachDialect } from '../helpers/dialects.js';
import { textEntry } from '../helpers/entries.js';

const T0 = Date.UTC(2026, 11, 1, 12);

const STORED: [key: string, title: string, lang: string][] = [
  ['hamza', 'زيارة إيران الرسمية', 'ar'],
  ['madda', 'تلاوة القرآن الكريم', 'ar'],
  ['tatweel', 'تصريح الـــرئيس', 'ar'],
  ['harakat', 'قراءة الْكِتَابُ', 'ar'],
  ['tanween', 'قال أيضاً إن', 'ar'],
  ['marbuta', 'افتتاح مدرسة', 'ar'],
  ['persian', 'کتابخانه ملی', 'fa'],
  ['zwnj', 'این خبر منتشر می‌شود', 'fa'],
  ['digits', 'بودجه سال ۱۴۰۲', 'fa'],
];

/** Each query with the one entry it must find: the spellings a reader types for the stored words. */
const QUERIES: [q: string, key: string][] = [
  ['ايران', 'hamza'],
  ['أيران', 'hamza'],
  ['القران', 'madda'],
  ['الرئيس', 'tatweel'],
  ['الكتاب', 'harakat'],
  ['ايضا', 'tanween'],
  ['مدرسه', 'marbuta'],
  ['كتابخانه', 'persian'],
  ['ملي', 'persian'],
  ['میشود', 'zwnj'],
  ['می‌شود', 'zwnj'],
  ['1402', 'digits'],
  ['١٤٠٢', 'digits'],
];

async function store9(d: Dialect): Promise<Store> {
  const store = await d.open();
  const src = (await store.sources.add({ url: 'https://a.example/feed' })).source.id;
  await store.entries.saveBatch(
    src,
    STORED.map(([key, title, lang], i) =>
      textEntry({ dedupeKey: key, fingerprint: `fp-${key}`, url: `https://a.example/${key}` }, title, `نص ${key}`, T0 - i, {
        lang,
        dir: 'rtl',
      }),
    ),
  );
  return store;
}

const keys = async (store: Store, q: string): Promise<string[]> =>
  (await store.search.search({ ast: parseSearch(q).ast, limit: 20 })).hits.map((h) => h.entry.dedupeKey);

/** Runs one statement on the store's own database (its file or schema). */
async function exec(store: Store, statement: string): Promise<void> {
  if (store.dialect === 'sqlite') (store as unknown as { db: Database }).db.exec(statement);
  else await (store as unknown as { pool: pg.Pool }).pool.query(statement);
}

test('every letter search folds is folded to the same by the topic matcher', () => {
  for (const [from, to] of SEARCH_FOLD) {
    assert.equal(normalizeTerm(`\u0628${from}\u0628`), normalizeTerm(`\u0628${to}\u0628`), `U+${from.codePointAt(0)!.toString(16)}`);
  }
});

forEachDialect((d) => {
  test(`search finds Arabic-script words however they are spelled, and marks them (${d.name})`, async () => {
    const store = await store9(d);
    try {
      for (const [q, key] of QUERIES) assert.deepEqual(await keys(store, q), [key], q);
      // The stored spelling still finds itself, and a prefix reaches past the fold.
      for (const [key, title] of STORED) assert.ok((await keys(store, title)).includes(key), title);
      assert.deepEqual(await keys(store, 'كتاب*'), ['persian']);
      const ast = parseSearch('الكتاب').ast;
      const page = await store.search.search({ ast, limit: 5 });
      assert.equal(highlightHits(page.hits, ast)[0]!.titleMarked, `قراءة ${MARK_START}الْكِتَابُ${MARK_END}`);
      const zwnj = parseSearch('میشود').ast;
      const z = await store.search.search({ ast: zwnj, limit: 5 });
      assert.equal(highlightHits(z.hits, zwnj)[0]!.titleMarked, `این خبر منتشر ${MARK_START}می‌شود${MARK_END}`);
    } finally {
      await store.close();
    }
  });

  test(`a store indexed before the fold is reindexed by its migration, tombstones left out (${d.name})`, async () => {
    let store = await store9(d);
    const [gone] = (
      await store.entries.saveBatch((await store.sources.list())[0]!.id, [
        textEntry({ dedupeKey: 'gone', fingerprint: 'fp-gone', url: 'https://a.example/gone' }, 'خبر إيران المحذوف', 'x', T0),
      ])
    ).inserted;
    await store.entries.remove(gone!.id);
    // As an older build indexed the rows: unfolded.
    if (d.name === 'sqlite') {
      await exec(
        store,
        `INSERT INTO entries_fts (entries_fts) VALUES ('delete-all');
         INSERT INTO entries_fts (rowid, title, text) SELECT id, title, text FROM entries WHERE deleted_at IS NULL`,
      );
    } else {
      const { foldFunctionSql } = await import('../../src/store/postgres/migrations/018-search-punctuation.js');
      await exec(
        store,
        `CREATE OR REPLACE FUNCTION newsdesk_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
           AS $fold$ ${foldFunctionSql(undefined)} $fold$;
         UPDATE entries SET title = title`,
      );
    }
    assert.deepEqual(await keys(store, 'ايران'), []);
    await exec(store, `DELETE FROM schema_migrations WHERE version = ${d.name === 'sqlite' ? 37 : 38}`);
    await store.close();
    store = await d.reopen(store);
    try {
      for (const [q, key] of QUERIES) assert.deepEqual(await keys(store, q), [key], q);
      assert.deepEqual(await keys(store, 'المحذوف'), []);
    } finally {
      await store.close();
    }
  });
});
