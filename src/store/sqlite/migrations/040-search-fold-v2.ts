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
// search_fold_v2, written here and never changed: for a text holding one of them (tested by GLOB on
// its stage's class, so other text costs a few scans), a recursive query replaces only the
// characters the text holds. The Arabic-script letters stay a chain (version 1's, and U+06D3). A
// hand-run SQL fix still writes the same index: the table is in the store. Triggers and the index's
// content view (38) are written again with the new fold, and the index is filled again from the
// view in batches of live entries, with progress in the log on a large store.
const LOOKUP = 'search_fold_v2';
const BATCH_ROWS = 2_000;

const compat = SEARCH_FOLD_V2.slice(0, -1);
const letters = SEARCH_FOLD_V2[SEARCH_FOLD_V2.length - 1] as FoldTable;

/** The compatibility stages of `x` (a column, cheap to name again), by the lookup table. */
function compatSql(x: string): string {
  const stages = compat.map((s, i) => `SELECT ${i + 1} AS stage WHERE ${x} GLOB '*[${s.guard}]*'`).join(' UNION ALL ');
  const lookup = `(WITH RECURSIVE
      stages(stage) AS (${stages}),
      hit(n, ch, folded) AS (
        SELECT row_number() OVER (ORDER BY f.ch), f.ch, f.folded
        FROM stages JOIN ${LOOKUP} f ON f.stage = stages.stage WHERE instr(${x}, f.ch) > 0),
      step(n, s) AS (
        SELECT 0, ${x} UNION ALL SELECT step.n + 1, replace(step.s, hit.ch, hit.folded) FROM step JOIN hit ON hit.n = step.n + 1)
    SELECT s FROM step ORDER BY n DESC LIMIT 1)`;
  return `CASE WHEN ${x} GLOB '*[${compat.map((s) => s.guard).join('')}]*' THEN ${lookup} ELSE ${x} END`;
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
  version: 40,
  name: 'search: compatibility forms folded (fold version 2)',
  up(db) {
    db.exec(
      `CREATE TABLE ${LOOKUP} (stage INTEGER NOT NULL, ch TEXT NOT NULL, folded TEXT NOT NULL, PRIMARY KEY (stage, ch)) WITHOUT ROWID`,
    );
    const row = db.prepare(`INSERT INTO ${LOOKUP} (stage, ch, folded) VALUES (?, ?, ?)`);
    compat.forEach((s, i) => {
      for (const [from, to] of s.pairs) row.run(i + 1, from, to);
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
    refill(db);
  },
} satisfies SqliteMigration;
