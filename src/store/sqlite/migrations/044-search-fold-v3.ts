import type { Database } from 'better-sqlite3';
import { MigrationProgress } from '../../migration-progress.js';
import { SEARCH_FOLD_V3 } from '../../search-fold-frozen.js';
import type { SqliteMigration } from '../migration.js';
import { FTS_CONTENT_VIEW } from './038-search-folded-content.js';
import { foldV2Sql } from './042-search-fold-v2.js';

// Search reads what the topic matcher reads (p-search3, fold version 3, src/search/reading.ts):
// a hashtag's words («#FreeIran2026» is found by "free iran"), a word broken at a line end or by
// soft hyphens («Mojahe-\ndin» by "Mojahedin"), a Latin word written with Cyrillic or Greek
// look-alike letters («MЕK» by "MEK"), and the letter-like forms of social posts («𝐌𝐄𝐊», «Ⓜ»).
// Those rules look at words and their neighbours: no replace() chain can apply them, so the store
// keeps a row's reading beside it, search_title and search_text, written with the row whenever it
// differs from the title or text (NULL otherwise, most rows), and the index folds the reading in
// its place with version 2's characters, unchanged (search_fold_v2 and its index by character stay
// as 42 made them). Triggers and the index's content view (38) are written again; the index is
// emptied and filled again in batches of live entries, with progress in the log on a large store,
// as 42 did, after a first walk that writes the readings (progress too). A hand-run SQL edit of a title or text must
// write its reading too (or NULL), as the store does.
const BATCH_ROWS = 2_000;

/** `col` (title or text, with its row's prefix) read and folded: the row's reading when it has one. */
export const foldV3Sql = (col: string): string => {
  const dot = col.indexOf('.');
  const prefix = dot >= 0 ? col.slice(0, dot + 1) : '';
  const name = dot >= 0 ? col.slice(dot + 1) : col;
  return foldV2Sql(`coalesce(${prefix}search_${name}, ${col})`);
};

/** Writes the reading of every live entry whose title or text reads otherwise, in batches, with progress. */
function writeReadings(db: Database): void {
  const total = db.prepare('SELECT count(*) FROM entries WHERE deleted_at IS NULL').pluck().get() as number;
  const progress = new MigrationProgress('search reading', total);
  const batch = db.prepare(`SELECT id, title, text FROM entries WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ${BATCH_ROWS}`);
  const write = db.prepare('UPDATE entries SET search_title = ?, search_text = ? WHERE id = ?');
  let after = 0;
  for (;;) {
    const rows = batch.all(after) as { id: number; title: string; text: string }[];
    const last = rows[rows.length - 1];
    if (!last) break;
    for (const r of rows) {
      const title = SEARCH_FOLD_V3.stored(r.title);
      const text = SEARCH_FOLD_V3.stored(r.text);
      if (title !== null || text !== null) write.run(title, text, r.id);
    }
    progress.step(rows.length);
    after = last.id;
  }
  progress.end();
}

/** The index filled again from the content view in batches of live entries (42's refill). */
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
  version: 44,
  name: 'search: hashtags, broken words, look-alike letters and letter-like forms read (fold version 3)',
  up(db) {
    db.exec('ALTER TABLE entries ADD COLUMN search_title TEXT; ALTER TABLE entries ADD COLUMN search_text TEXT;');
    // Under 43's triggers, which an update of the readings alone does not fire: the index is
    // emptied and filled again below.
    writeReadings(db);
    const fold = foldV3Sql;
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
      CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, text, deleted_at, search_title, search_text ON entries BEGIN
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
