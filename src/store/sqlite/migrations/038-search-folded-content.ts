import { searchFoldSql } from '../../../search/fold.js';
import { SEARCH_FOLD_V1 } from '../../search-fold-frozen.js';
import { FTS_TOKENIZE } from './002-search.js';
import type { SqliteMigration } from '../migration.js';

// The search index's external content is a view of the folded title and text (r2-search). From
// migration 37 the triggers indexed folded values while the index's content table was still
// `entries`, which holds them unfolded: the index and its content disagreed on every Arabic-script
// row. FTS5's own check (`INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)`,
// the one test/store/sqlite.test.ts runs) answered "database disk image is malformed" for any store
// holding such a row, and FTS5's 'rebuild', the documented repair of an external-content index,
// would have rebuilt it unfolded, so that «ايران» no longer found «إيران» and the triggers' later
// 'delete' of those rows (folded values) would corrupt the index. Now the content is what was
// indexed: the view folds with the same frozen table as 37's triggers (their values and the view's
// are the same text), leaves out tombstones as the triggers do, and 'rebuild' and the check work.
// FTS5 reads the content only to rebuild, to check, or for a column value (search reads none).
// The content option is fixed when the table is made, so the table is made again and rebuilt.
// A later migration that rebuilds `entries` itself must drop this view first and make it again.
export const FTS_CONTENT_VIEW = 'entries_search_source';

const fold = (col: string): string => searchFoldSql(SEARCH_FOLD_V1, col, 'sqlite');

export default {
  version: 38,
  name: 'search: the index content is the folded view',
  up(db) {
    db.exec(`
      DROP TABLE entries_fts;
      CREATE VIEW ${FTS_CONTENT_VIEW} (id, title, text) AS
        SELECT id, ${fold('title')}, ${fold('text')} FROM entries WHERE deleted_at IS NULL;
      CREATE VIRTUAL TABLE entries_fts USING fts5(
        title, text,
        content = '${FTS_CONTENT_VIEW}', content_rowid = 'id',
        tokenize = "${FTS_TOKENIZE}"
      );
      INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
    `);
  },
} satisfies SqliteMigration;
