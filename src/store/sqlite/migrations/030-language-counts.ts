import { LANGUAGE_COUNTS_TABLE } from '../../language-counts.js';
import type { SqliteMigration } from '../migration.js';

// The search page's language list (the languages of live entries, most common first) counted
// every live entry whenever the store had changed: 36-45 ms at 300,000 entries, paid by the first
// search page after any write (a job's progress, a lease, a session as much as a new entry). The
// count per language is now kept on write, by triggers on the entries table beside the search
// index's (migration 2): a live entry with a language counts one, from its insert until its
// removal (deleted_at set, or the row deleted with its source) or a change of its language (the
// full text's). The list reads this table alone. Derived: the store copy leaves it out and lets
// the triggers rebuild it as entries arrive (src/store/copy).

export default {
  version: 30,
  name: 'language counts',
  up(db) {
    db.exec(`
      CREATE TABLE ${LANGUAGE_COUNTS_TABLE} (lang TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO ${LANGUAGE_COUNTS_TABLE} (lang, n)
        SELECT lang, COUNT(*) FROM entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang;
      CREATE TRIGGER entries_lang_insert AFTER INSERT ON entries WHEN new.deleted_at IS NULL AND new.lang IS NOT NULL BEGIN
        INSERT INTO ${LANGUAGE_COUNTS_TABLE} (lang, n) VALUES (new.lang, 1) ON CONFLICT (lang) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER entries_lang_delete AFTER DELETE ON entries WHEN old.deleted_at IS NULL AND old.lang IS NOT NULL BEGIN
        UPDATE ${LANGUAGE_COUNTS_TABLE} SET n = n - 1 WHERE lang = old.lang;
      END;
      CREATE TRIGGER entries_lang_update AFTER UPDATE OF lang, deleted_at ON entries
        WHEN old.lang IS NOT new.lang OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
        UPDATE ${LANGUAGE_COUNTS_TABLE} SET n = n - 1 WHERE lang = old.lang AND old.deleted_at IS NULL;
        INSERT INTO ${LANGUAGE_COUNTS_TABLE} (lang, n) SELECT new.lang, 1 WHERE new.deleted_at IS NULL AND new.lang IS NOT NULL
          ON CONFLICT (lang) DO UPDATE SET n = n + 1;
      END;
    `);
  },
} satisfies SqliteMigration;
