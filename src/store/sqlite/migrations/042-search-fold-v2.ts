import type { Database } from 'better-sqlite3';
import { type FoldTable, searchFoldSql } from '../../../search/fold.js';
import { MigrationProgress } from '../../migration-progress.js';
import { SEARCH_FOLD_V2 } from '../../search-fold-frozen.js';
import type { SqliteMigration } from '../migration.js';
import { FTS_CONTENT_VIEW } from './038-search-folded-content.js';

// Search folds compatibility forms, as the topic matcher does (p-fold2, src/search/fold.ts's second
// version): full-width «ｍｅｋ» and «ＭＥＫ» find "mek", «ﬁnance» finds "finance", an article typed
// in Arabic presentation forms (old PDFs, some CMSs: «ﺍﻟﻜﺘﺎﺏ») is found by «الكتاب» and the other
// way round, and «ۓ» (U+06D3) is a yeh as on PostgreSQL. PostgreSQL's unaccent folded some of the
// Latin forms and SQLite none, so the dialects disagreed.
//
// Version 1 was a chain of replace() calls. Version 2 has 958 more characters, and SQLite refuses
// an expression more than 1,000 calls deep, so its compatibility forms are rows of a table,
// search_fold_v2, written here and never changed: for a text holding one of them (tested by GLOB,
// so other text costs one scan), a recursive query replaces only the characters the text holds. The Arabic-script letters stay a chain (version 1's, and U+06D3). A
// hand-run SQL fix still writes the same index: the table is in the store. Triggers and the index's
// content view (38) are written again with the new fold, and the index is filled again from the
// view in batches of live entries, with progress in the log on a large store.
export const SEARCH_FOLD_LOOKUP = 'search_fold_v2';
const LOOKUP = SEARCH_FOLD_LOOKUP;
/**
 * The lookup's index by character (r2-fold, docs/security.md). The fold walks the table in
 * code-point order: each step asks for min(ch) above the last character found, then for that
 * character's row. The table's key (stage, ch) serves neither, so without this index SQLite built
 * an automatic index of the whole table for every folded column of every saved row and looked for
 * each next character in every row above it; keyed by the character and covering the stage and
 * the folded text, both steps read it in order and stop at the first row (a text in presentation
 * forms folds about five times faster).
 */
export const SEARCH_FOLD_BY_CHAR = 'search_fold_v2_by_char';
const BATCH_ROWS = 2_000;

const compat = SEARCH_FOLD_V2.slice(0, -1);
const letters = SEARCH_FOLD_V2[SEARCH_FOLD_V2.length - 1] as FoldTable;

/** The lowest and highest code point of a guard class (its characters and ranges). */
function span(guard: string): string {
  const cps = Array.from(guard.replace(/-/g, ''), (c) => c.codePointAt(0)!);
  return `${String.fromCodePoint(Math.min(...cps))}-${String.fromCodePoint(Math.max(...cps))}`;
}

/**
 * The compatibility stages of `x` (a column, cheap to name again), by the lookup table. GLOB reads
 * its class again at every character, so a class of many ranges costs a scan several times over:
 * one range spanning every stage is tested first (other text stops there), then each stage's span,
 * and its exact class only within it. The stages `x` holds are a bit mask, worked out once; the
 * walk goes up the table in code-point order, from each character `x` holds to the next, so the
 * table is read once, and a character is looked for (instr) only in a stage `x` holds.
 */
function compatSql(x: string): string {
  const mask = compat.map(
    (s, i) => `(CASE WHEN ${x} GLOB '*[${span(s.guard)}]*' AND ${x} GLOB '*[${s.guard}]*' THEN ${2 ** (i + 1)} ELSE 0 END)`,
  );
  const lookup = `(WITH RECURSIVE step(ch, s, mask) AS (
      SELECT '', ${x}, ${mask.join(' | ')}
      UNION ALL
      SELECT f.ch, replace(step.s, f.ch, f.folded), step.mask FROM step JOIN ${LOOKUP} f ON f.ch = (
        SELECT min(g.ch) FROM ${LOOKUP} g WHERE g.ch > step.ch AND (step.mask >> g.stage) & 1 AND instr(${x}, g.ch) > 0)
      WHERE step.mask <> 0)
    SELECT s FROM step ORDER BY ch DESC LIMIT 1)`;
  return `CASE WHEN ${x} GLOB '*[${span(compat.map((s) => s.guard).join(''))}]*' THEN ${lookup} ELSE ${x} END`;
}

/** `col` folded by version 2: the compatibility forms looked up, then the letters' chain (each guard tested on `col`). */
export const foldV2Sql = (col: string): string => searchFoldSql(letters, compatSql(col), 'sqlite', col);

function refill(db: Database): void {
  const total = db.prepare('SELECT count(*) FROM entries WHERE deleted_at IS NULL').pluck().get() as number;
  const progress = new MigrationProgress('search reindex', total);
  const upto = db.prepare(
    `SELECT max(id) FROM (SELECT id FROM entries WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ${BATCH_ROWS})`,
  );
  const insert = db.prepare(
    `INSERT INTO entries_fts (rowid, title, text) SELECT id, title, text FROM ${FTS_CONTENT_VIEW} WHERE id > ? AND id <= ?`,
  );
  let after = 0;
  for (;;) {
    const hi = upto.pluck().get(after) as number | null;
    if (hi === null) break;
    progress.step(insert.run(after, hi).changes);
    after = hi;
  }
  progress.end();
}

export default {
  version: 42,
  name: 'search: compatibility forms folded (fold version 2)',
  up(db) {
    db.exec(
      `CREATE TABLE ${LOOKUP} (stage INTEGER NOT NULL, ch TEXT NOT NULL, folded TEXT NOT NULL, PRIMARY KEY (stage, ch)) WITHOUT ROWID`,
    );
    const row = db.prepare(`INSERT INTO ${LOOKUP} (ch, folded, stage) VALUES (?, ?, ?)`);
    compat.forEach((s, i) => {
      for (const [from, to] of s.pairs) row.run(from, to, i + 1);
    });
    const fold = foldV2Sql;
    db.exec(`
      DROP TRIGGER entries_fts_insert;
      DROP TRIGGER entries_fts_delete;
      DROP TRIGGER entries_fts_update;
      CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (rowid, title, text) VALUES (new.id, ${fold('new.title')}, ${fold('new.text')});
      END;
      CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries WHEN old.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, title, text) VALUES ('delete', old.id, ${fold('old.title')}, ${fold('old.text')});
      END;
      CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, text, deleted_at ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, title, text)
          SELECT 'delete', old.id, ${fold('old.title')}, ${fold('old.text')} WHERE old.deleted_at IS NULL;
        INSERT INTO entries_fts (rowid, title, text)
          SELECT new.id, ${fold('new.title')}, ${fold('new.text')} WHERE new.deleted_at IS NULL;
      END;
      DROP VIEW ${FTS_CONTENT_VIEW};
      CREATE VIEW ${FTS_CONTENT_VIEW} (id, title, text) AS
        SELECT id, ${fold('title')}, ${fold('text')} FROM entries WHERE deleted_at IS NULL;
      INSERT INTO entries_fts (entries_fts) VALUES ('delete-all');
    `);
    // Before the refill, which folds every live entry through the lookup: 30,000 entries were
    // refilled in 31 s without it, 6 s with it (r2-fold).
    db.exec(`CREATE INDEX ${SEARCH_FOLD_BY_CHAR} ON ${LOOKUP} (ch, stage, folded)`);
    refill(db);
  },
} satisfies SqliteMigration;
