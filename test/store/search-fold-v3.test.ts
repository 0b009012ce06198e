// Search reads what the topic matcher reads (p-search3, docs/security.md "Search fold, third
// version"): a hashtag's words, a word broken at a line end or by soft hyphens, a Latin word in
// Cyrillic or Greek look-alike letters, and the letter-like forms of social posts (mathematical
// letters, enclosed letters) are found by the plain spelling, on both dialects, through the store's
// search; wholly Cyrillic words and Persian are left as written; the highlighter marks the original
// characters whatever length the reading gave them; a query of "#", "##" or a soft hyphen alone
// searches nothing, and a hashtag of 500 characters is stored and found.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightHits } from '../../src/search/highlight-hits.js';
import { MARK_END, MARK_START } from '../../src/search/highlight.js';
import { parseSearch } from '../../src/search/query.js';
import type { Database } from 'better-sqlite3';
import type { Store } from '../../src/store/store.js';
import { type Dialect, forEachDialect } from '../helpers/dialects.js';
import { searchKeys, withRows } from '../helpers/search-table.js';
import { entriesAt } from '../helpers/entries-at.js';

const T0 = Date.UTC(2026, 11, 1, 12);
const [S, E] = [MARK_START, MARK_END];
const LONG_TAG = `#${'Word'.repeat(124)}Ends`;

/** [key, title, text]. */
const STORED: [string, string, string][] = [
  ['hashtag', 'Rally news', 'Crowds marched. #FreeIran2026 #مجاهدین_خلق'],
  ['broken', 'Report', 'The People’s Mojahe-\ndin Organization met.'],
  ['soft', 'Moja\u00adhedin statement', 'A soft-hyphenated Mu\u00adjahe\u00ad\ndin line.'],
  // A Cyrillic Е (U+0415) in a Latin word.
  ['lookalike', 'M\u0415K camp', 'Nothing else.'],
  ['math', '𝐌𝐄𝐊 rally in 𝑃𝑎𝑟𝑖𝑠', 'ⓂⒺⓀ and ⒨⒠⒦ posts'],
  // Wholly Cyrillic: "МЕК" here is Cyrillic М, Е, К, a Russian word, not a disguised Latin one.
  ['cyrillic', 'Москва МЕК', 'Ελλάδα'],
  ['persian', 'مجاهدین خلق', 'بیانیه'],
  ['latin', 'mek camp', 'Free Iran rally'],
  ['long', 'Long tag', `Posted ${LONG_TAG} today`],
];

/** Each query with the entries it must find. */
const QUERIES: [string, string[]][] = [
  ['free iran', ['hashtag', 'latin']],
  ['"free iran 2026"', ['hashtag']],
  ['#FreeIran2026', ['hashtag']],
  ['FreeIran2026', ['hashtag']],
  ['"#FreeIran2026"', ['hashtag']],
  ['mojahedin', ['broken', 'soft']],
  ['mujahedin', ['soft']],
  ['mek', ['latin', 'lookalike', 'math']],
  ['𝐌𝐄𝐊', ['latin', 'lookalike', 'math']],
  ['ⓂⒺⓀ', ['latin', 'lookalike', 'math']],
  ['M\u0415K', ['latin', 'lookalike', 'math']],
  ['paris', ['math']],
  ['"mek and mek"', ['math']],
  ['МЕК', ['cyrillic']],
  ['Москва', ['cyrillic']],
  ['Ελλάδα', ['cyrillic']],
  ['مجاهدین', ['hashtag', 'persian']],
  ['"مجاهدین خلق"', ['hashtag', 'persian']],
  [LONG_TAG, ['long']],
  ['"word ends"', ['long']],
];

async function storeOf(d: Dialect): Promise<Store> {
  return withRows(await d.open(), STORED, T0);
}

async function found(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [q] of QUERIES) out[q] = await searchKeys(store, q);
  return out;
}
const EXPECTED = Object.fromEntries(QUERIES.map(([q, k]) => [q, [...k].sort()]));

async function marked(store: Store, q: string, key: string): Promise<{ title: string; snippet: string }> {
  const ast = parseSearch(q).ast;
  const hit = highlightHits((await store.search.search({ ast, limit: 20 })).hits, ast).find((h) => h.entry.dedupeKey === key);
  assert.ok(hit, `${q} finds ${key}`);
  return { title: hit.titleMarked, snippet: hit.snippetMarked };
}

test('a query of "#", "##", a soft hyphen or emoji alone has no word to search', () => {
  for (const q of ['#', '##', '\u00ad', '# ## \u00ad', '🔥', '❤️#']) assert.equal(parseSearch(q).ast, undefined, JSON.stringify(q));
});

forEachDialect((d) => {
  test(`hashtags, broken words, look-alike letters and letter-like forms are found by the plain spelling (${d.name})`, async () => {
    const store = await storeOf(d);
    try {
      assert.deepEqual(await found(store), EXPECTED);
      for (const q of ['#', '##', '\u00ad']) assert.deepEqual(await searchKeys(store, q), [], JSON.stringify(q));
    } finally {
      await store.close();
    }
  });

  test(`an entry edited, re-read in full or removed is indexed by its new reading (${d.name})`, async () => {
    const store = await storeOf(d);
    try {
      const id = (await store.search.search({ ast: parseSearch('paris').ast, limit: 5 })).hits[0]!.entry.id;
      await store.entries.setFullText(id, { fullHtml: '<p>x</p>', extractStatus: 'done', text: 'Now #StopWar and Kh\u00adalq' });
      assert.deepEqual(await searchKeys(store, '"stop war"'), ['math']);
      assert.deepEqual(await searchKeys(store, 'khalq'), ['math']);
      assert.deepEqual(await searchKeys(store, 'paris'), ['math'], 'the title keeps its reading');
      assert.deepEqual(await searchKeys(store, 'posts'), [], 'the old text is out of the index');
      await store.entries.remove(id);
      assert.deepEqual(await searchKeys(store, 'paris'), []);
      assert.deepEqual(await searchKeys(store, 'khalq'), []);
    } finally {
      await store.close();
    }
  });

  test(`the highlighter marks the original characters of a word read otherwise (${d.name})`, async () => {
    const store = await storeOf(d);
    try {
      // Mathematical letters are two UTF-16 units each: the marks after them stay on their words.
      assert.equal((await marked(store, 'mek', 'math')).title, `${S}𝐌𝐄𝐊${E} rally in 𝑃𝑎𝑟𝑖𝑠`);
      assert.equal((await marked(store, 'paris', 'math')).title, `𝐌𝐄𝐊 rally in ${S}𝑃𝑎𝑟𝑖𝑠${E}`);
      assert.equal((await marked(store, 'mek posts', 'math')).snippet, `${S}ⓂⒺⓀ${E} and ${S}⒨⒠⒦${E} ${S}posts${E}`);
      assert.equal((await marked(store, 'mek', 'lookalike')).title, `${S}M\u0415K${E} camp`);
      // A hashtag's words mark the part of the hashtag they came from.
      assert.equal((await marked(store, 'free iran', 'hashtag')).snippet, `Crowds marched. #${S}Free${E}${S}Iran${E}2026 #مجاهدین_خلق`);
      assert.equal((await marked(store, '"free iran"', 'hashtag')).snippet, `Crowds marched. #${S}FreeIran${E}2026 #مجاهدین_خلق`);
      // The hashtag's words count in the lead-in before a match (three words): the passage starts at the tag.
      assert.equal((await marked(store, '2026', 'hashtag')).snippet, `…FreeIran${S}2026${E} #مجاهدین_خلق`);
      assert.equal((await marked(store, '#FreeIran2026', 'hashtag')).snippet, `Crowds marched. #${S}FreeIran2026${E} #مجاهدین_خلق`);
      // A word broken at a line end is marked whole, shown without its line end (p-search4).
      assert.equal((await marked(store, 'mojahedin', 'broken')).snippet, `The People’s ${S}Mojahe-din${E} Organization met.`);
      assert.equal((await marked(store, 'mojahedin', 'soft')).title, `${S}Moja\u00adhedin${E} statement`);
      assert.equal((await marked(store, 'Москва', 'cyrillic')).title, `${S}Москва${E} МЕК`);
    } finally {
      await store.close();
    }
  });

  test(`a store indexed at schema 43 gets its readings and is reindexed by migration 44 (${d.name})`, async () => {
    // A place as migrations 1..43 left it (fold version 2 over the columns as written, no
    // readings), holding STORED written with that build's columns by the test's own SQL.
    const old = await entriesAt(d, 43, STORED, T0);
    const store = await old.open();
    try {
      assert.deepEqual(await found(store), EXPECTED);
      if (d.name === 'sqlite') {
        const db = (store as unknown as { db: Database }).db;
        const check = db.prepare("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)");
        assert.doesNotThrow(() => check.run(), 'after the migration');
        const id = (k: string) => db.prepare('SELECT id FROM entries WHERE dedupe_key = ?').pluck().get(k) as number;
        // Rows read by the migration, changed after it: the triggers' 'delete' values are the indexed ones.
        await store.entries.setFullText(id('hashtag'), { fullHtml: '<p>x</p>', extractStatus: 'done', text: '#StopWar' });
        await store.entries.remove(id('math'));
        db.prepare('DELETE FROM entries WHERE id = ?').run(id('broken'));
        assert.doesNotThrow(() => check.run(), 'after an update and deletes');
        db.exec("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')");
        assert.doesNotThrow(() => check.run(), 'after a rebuild');
        assert.deepEqual(await searchKeys(store, '"stop war"'), ['hashtag']);
        assert.deepEqual(await searchKeys(store, 'mek'), ['latin', 'lookalike']);
        assert.deepEqual(await searchKeys(store, 'mojahedin'), ['soft']);
      }
    } finally {
      await store.close();
    }
  });
});
