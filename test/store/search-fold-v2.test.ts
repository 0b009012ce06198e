// Search folds compatibility forms alike on both dialects (p-fold2, docs/security.md "Search fold,
// second version"): full-width Latin, Latin ligatures, Arabic presentation forms and U+06D3 are
// found by the plain spelling and find it, the highlighter marks the original characters (a fold
// that changes a word's length or splits it leaves the offsets right), and a store indexed at
// schema 41 (fold version 1) is reindexed by migration 42, with SQLite's FTS5 integrity check
// passing after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Database } from 'better-sqlite3';
import { SEARCH_FOLD, searchFold } from '../../src/search/fold.js';
import { highlightHits } from '../../src/search/highlight-hits.js';
import { MARK_END, MARK_START } from '../../src/search/highlight.js';
import { parseSearch } from '../../src/search/query.js';
import { Params } from '../../src/store/postgres/rows.js';
import { toTsquery } from '../../src/store/postgres/tsquery.js';
import { toFts5 } from '../../src/store/sqlite/search.js';
import type { Store } from '../../src/store/store.js';
import { type Dialect, forEachDialect, type StoreAt } from '../helpers/dialects.js';
import { searchKeys, withRows } from '../helpers/search-table.js';
import { entriesAt } from '../helpers/entries-at.js';

const T0 = Date.UTC(2026, 11, 1, 12);
const [S, E] = [MARK_START, MARK_END];

/** [key, title, text]: each entry spells its words one way. */
const STORED: [string, string, string][] = [
  ['fullwidth', 'Ｔｈｅ ＭＥＫ ｃａｍｐ', 'Ｒｅｐｏｒｔ ２０２６ ｆｒｏｍ ｔｈｅ ｃａｍｐ.'],
  ['latin', 'mek camp', 'The report of 2026 on water.'],
  ['ligature', 'The ﬁnance oﬃce', 'A ﬁrst ﬁnance report from the oﬃce.'],
  // «الكتاب الجديد» in presentation forms, as old PDFs and some CMSs write it.
  ['forms', 'ﺍﻟﻜﺘﺎﺏ ﺍﻟﺠﺪﻳﺪ', 'ﻗﺎﻝ ﺍﻟﻨﺒﻲ ﷺ ﺍﻟﻴﻮﻡ'],
  ['arabic', 'معرض الكتاب', 'كتب جديدة'],
  ['barree', 'وہ جاۓ', 'نص'],
];

/** Each query with the entries it must find. */
const QUERIES: [string, string[]][] = [
  ['mek', ['fullwidth', 'latin']],
  ['ｍｅｋ', ['fullwidth', 'latin']],
  ['ＭＥＫ', ['fullwidth', 'latin']],
  ['２０２６', ['fullwidth', 'latin']],
  ['finance', ['ligature']],
  ['ﬁnance', ['ligature']],
  ['office', ['ligature']],
  ['"first finance"', ['ligature']],
  ['الكتاب', ['arabic', 'forms']],
  ['ﺍﻟﻜﺘﺎﺏ', ['arabic', 'forms']],
  ['الجديد', ['forms']],
  ['الله', ['forms']],
  ['"الله عليه"', ['forms']],
  ['جاۓ', ['barree']],
  ['جاے', ['barree']],
  ['جاي', ['barree']],
];

async function storeOf(d: Dialect): Promise<Store> {
  return withRows(await d.open(), STORED, T0);
}

/** The live entries an older schema's index finds for `q`, by the query the store sends (the store's own reads name later columns). */
async function oldKeys(old: StoreAt, q: string): Promise<string[]> {
  const ast = parseSearch(q).ast;
  assert.ok(ast);
  if (old.dialect === 'sqlite') {
    const sql =
      'SELECT e.dedupe_key FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid WHERE entries_fts MATCH ? AND e.deleted_at IS NULL';
    return (old.db.prepare(sql).pluck().all(toFts5(ast)) as string[]).sort();
  }
  const p = new Params();
  const sql = `SELECT dedupe_key FROM entries WHERE search_vector @@ ${toTsquery(ast, p)} AND deleted_at IS NULL`;
  return (await old.pool.query<{ dedupe_key: string }>(sql, p.values)).rows.map((r) => r.dedupe_key).sort();
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

test('each fold target is folded already, and the same whichever normal form the text came in', () => {
  // The stages may run in any order, and PostgreSQL and the highlighter fold after NFD (accents
  // dropped) while SQLite folds the stored text and the query words after NFC: all must agree.
  for (const [from, to] of SEARCH_FOLD) {
    const at = `U+${from.codePointAt(0)!.toString(16)}`;
    assert.equal(searchFold(to), to, at);
    assert.equal(searchFold(from.normalize('NFD').replace(/[\u0300-\u036f]/g, '')), to, `${at} NFD`);
    assert.equal(searchFold(from.normalize('NFC')), to, `${at} NFC`);
  }
});

forEachDialect((d) => {
  test(`compatibility forms are found by the plain spelling and find it (${d.name})`, async () => {
    const store = await storeOf(d);
    try {
      assert.deepEqual(await found(store), EXPECTED);
    } finally {
      await store.close();
    }
  });

  test(`the highlighter marks the original characters of a folded word (${d.name})`, async () => {
    const store = await storeOf(d);
    try {
      assert.deepEqual(await marked(store, 'mek', 'fullwidth'), {
        title: `Ｔｈｅ ${S}ＭＥＫ${E} ｃａｍｐ`,
        snippet: 'Ｒｅｐｏｒｔ ２０２６ ｆｒｏｍ ｔｈｅ ｃａｍｐ.',
      });
      assert.deepEqual(await marked(store, 'camp 2026', 'fullwidth'), {
        title: `Ｔｈｅ ＭＥＫ ${S}ｃａｍｐ${E}`,
        snippet: `Ｒｅｐｏｒｔ ${S}２０２６${E} ｆｒｏｍ ｔｈｅ ${S}ｃａｍｐ${E}.`,
      });
      // ﬁ and ﬃ are one character folding to two and three: the marks after them stay on their words.
      assert.deepEqual(await marked(store, 'finance office', 'ligature'), {
        title: `The ${S}ﬁnance${E} ${S}oﬃce${E}`,
        snippet: `A ﬁrst ${S}ﬁnance${E} report from the ${S}oﬃce${E}.`,
      });
      assert.deepEqual(await marked(store, '"first finance"', 'ligature'), {
        title: 'The ﬁnance oﬃce',
        snippet: `A ${S}ﬁrst ﬁnance${E} report from the oﬃce.`,
      });
      assert.deepEqual(await marked(store, 'الكتاب', 'forms'), { title: `${S}ﺍﻟﻜﺘﺎﺏ${E} ﺍﻟﺠﺪﻳﺪ`, snippet: 'ﻗﺎﻝ ﺍﻟﻨﺒﻲ ﷺ ﺍﻟﻴﻮﻡ' });
      assert.deepEqual(await marked(store, 'ﺍﻟﻜﺘﺎﺏ', 'arabic'), { title: `معرض ${S}الكتاب${E}`, snippet: 'كتب جديدة' });
      // ﷺ is four words in the index: one of them, or two in a row, or two apart, mark it once, whole.
      for (const q of ['الله', '"الله عليه"', 'عليه OR الله', 'اليوم صلي']) {
        assert.equal((await marked(store, q, 'forms')).snippet.replace(`${S}ﺍﻟﻴﻮﻡ${E}`, 'ﺍﻟﻴﻮﻡ'), `ﻗﺎﻝ ﺍﻟﻨﺒﻲ ${S}ﷺ${E} ﺍﻟﻴﻮﻡ`, q);
      }
      assert.equal((await marked(store, 'جاي', 'barree')).title, `وہ ${S}جاۓ${E}`);
    } finally {
      await store.close();
    }
  });

  test(`a store indexed at schema 41 is refolded by migration 42 (${d.name})`, async () => {
    // A store at schema 41 (fold version 1: in the triggers, the content view and the index on
    // SQLite, in newsdesk_fold and every search_vector on PostgreSQL), its entries written and
    // indexed by that build.
    const old = await entriesAt(d, 41, STORED, T0);
    assert.deepEqual(await oldKeys(old, 'الكتاب'), ['arabic'], 'the old fold does not know presentation forms');
    // The store's open runs migration 42 and any later one.
    const store = await old.open();
    try {
      assert.deepEqual(await found(store), EXPECTED);
      if (d.name === 'sqlite') {
        const db = (store as unknown as { db: Database }).db;
        const check = db.prepare("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)");
        assert.doesNotThrow(() => check.run(), 'after the migration');
        // Rows indexed by the migration, changed after it: the triggers' 'delete' values are the indexed ones.
        const id = (k: string) => db.prepare('SELECT id FROM entries WHERE dedupe_key = ?').pluck().get(k) as number;
        db.prepare('UPDATE entries SET title = ? WHERE id = ?').run('ﺍﻟﺨﺒﺮ ＭＥＫ', id('forms'));
        db.prepare('DELETE FROM entries WHERE id = ?').run(id('ligature'));
        assert.doesNotThrow(() => check.run(), 'after an update and a delete');
        db.exec("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')");
        assert.doesNotThrow(() => check.run(), 'after a rebuild');
        assert.deepEqual(await searchKeys(store, 'الخبر'), ['forms']);
        assert.deepEqual(await searchKeys(store, 'mek'), ['forms', 'fullwidth', 'latin']);
        assert.deepEqual(await searchKeys(store, 'finance'), []);
        assert.equal(db.prepare('SELECT count(*) FROM entries_fts_docsize').pluck().get(), STORED.length - 1);
      }
    } finally {
      await store.close();
    }
  });
});
