import type { SqliteMigration } from '../migration.js';

// Full-text search over entries(title, text). The FTS5 table has external content (it stores only
// the index; rows are read back from entries), kept in sync by triggers so that every writer —
// this process, another worker, a hand-run SQL fix — updates it in the same transaction.
//
// Tokenizer: unicode61 folds case and, with remove_diacritics 2, Latin accents (café = cafe, also
// when the accent is a separate combining mark). Its default token characters are letters and
// numbers only, which would cut Arabic and Persian words at every vowel mark (harakat, category
// Mn) into meaningless fragments; adding the mark categories keeps such words whole. Persian's
// zero-width non-joiner still separates the parts of a compound, and the query side does the same,
// so "می‌شود" finds itself as a two-word phrase.
export const SEARCH_COVER_INDEX = 'entries_search_cover';

export const FTS_TOKENIZE = `unicode61 remove_diacritics 2 categories 'L* N* Co M*'`;

export default {
  version: 2,
  name: 'full-text search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE entries_fts USING fts5(
        title, text,
        content = 'entries', content_rowid = 'id',
        tokenize = "${FTS_TOKENIZE}"
      );
      -- Tombstones (deleted_at set) are never indexed; the 'delete' command must be given exactly
      -- the values that were indexed, which the WHEN clauses guarantee.
      CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
      CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries WHEN old.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
      END;
      CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, text, deleted_at ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, title, text)
          SELECT 'delete', old.id, old.title, old.text WHERE old.deleted_at IS NULL;
        INSERT INTO entries_fts (rowid, title, text)
          SELECT new.id, new.title, new.text WHERE new.deleted_at IS NULL;
      END;
      INSERT INTO entries_fts (rowid, title, text) SELECT id, title, text FROM entries WHERE deleted_at IS NULL;

      -- Ranking reads published_at (and the filter columns) of every match. In the entries table
      -- those columns sit after the long text columns, so each lookup would walk the row's
      -- overflow pages: ten times slower for a common word. This covering index holds just them.
      CREATE INDEX ${SEARCH_COVER_INDEX} ON entries (id, published_at, source_id, lang) WHERE deleted_at IS NULL;
    `);
  },
} satisfies SqliteMigration;
