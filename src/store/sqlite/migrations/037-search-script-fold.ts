import { searchFoldSql } from '../../../search/fold.js';
import { SEARCH_FOLD_V1 } from '../../search-fold-frozen.js';
import type { SqliteMigration } from '../migration.js';

// Search folds Arabic-script spellings as the topic matcher does (src/search/fold.ts): «ايران»
// finds «إيران», «الرئيس» finds «الـــرئيس», «ايضا» finds «أيضاً», «مدرسه» finds «مدرسة»,
// «میشود» finds «می‌شود», "1402" finds «۱۴۰۲». FTS5's unicode61 folds only Latin accents, and
// keeps the marks inside words (002), so none of these was found. The triggers now index the
// folded title and text (plain replace() calls: any connection, a hand-run SQL fix included,
// writes the same index), the query words are folded alike (toFts5), and the index is rebuilt
// from the live rows. FTS5's own 'rebuild' would read the unfolded columns, so it must not be used
// (until migration 38 made the index's content a folded view). The table is frozen (r2-search).
const fold = (col: string): string => searchFoldSql(SEARCH_FOLD_V1, col, 'sqlite');

export default {
  version: 37,
  name: 'search: Arabic-script letters folded',
  up(db) {
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
      INSERT INTO entries_fts (entries_fts) VALUES ('delete-all');
      INSERT INTO entries_fts (rowid, title, text) SELECT id, ${fold('title')}, ${fold('text')} FROM entries WHERE deleted_at IS NULL;
    `);
  },
} satisfies SqliteMigration;
