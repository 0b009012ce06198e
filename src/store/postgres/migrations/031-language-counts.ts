import type { PostgresMigration } from '../migration.js';

// The search page's language list counted every live entry whenever the store had changed (an
// index-only scan, ~45 ms at 300,000 entries, after any write: a job's progress as much as a new
// entry). The counts are now kept on write, as SQLite's migration 30 keeps them, but as changes
// appended rather than one row per language updated in place: a row per language would be locked
// by every writer of an entry in that language until its commit, so concurrent polls would wait
// on each other (and two with their languages in opposite orders could deadlock). Each statement
// that inserts or deletes entries appends one row per language it changed (statement triggers
// over its transition table); a removal or a new language from the full text appends one or two
// (a row trigger, only when the language or liveness changed); TRUNCATE empties the table. The
// list sums the rows per language; the store folds them into one row per language when they
// grow past a bound (postgres/search.ts). Derived: the store copy leaves the table out and the
// triggers rebuild it as entries arrive.
export default {
  version: 31,
  name: 'language counts',
  async up(sql) {
    await sql.query(`
      CREATE TABLE entry_language_counts (id BIGSERIAL PRIMARY KEY, lang TEXT NOT NULL, n BIGINT NOT NULL);
      INSERT INTO entry_language_counts (lang, n)
        SELECT lang, COUNT(*) FROM entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang;

      CREATE FUNCTION newsdesk_languages_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO entry_language_counts (lang, n)
          SELECT lang, COUNT(*) FROM newsdesk_new_entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang;
        RETURN NULL;
      END $$;
      CREATE FUNCTION newsdesk_languages_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO entry_language_counts (lang, n)
          SELECT lang, -COUNT(*) FROM newsdesk_old_entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang;
        RETURN NULL;
      END $$;
      CREATE FUNCTION newsdesk_languages_updated() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF OLD.deleted_at IS NULL AND OLD.lang IS NOT NULL THEN
          INSERT INTO entry_language_counts (lang, n) VALUES (OLD.lang, -1);
        END IF;
        IF NEW.deleted_at IS NULL AND NEW.lang IS NOT NULL THEN
          INSERT INTO entry_language_counts (lang, n) VALUES (NEW.lang, 1);
        END IF;
        RETURN NULL;
      END $$;
      CREATE FUNCTION newsdesk_languages_truncated() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        DELETE FROM entry_language_counts;
        RETURN NULL;
      END $$;

      CREATE TRIGGER entries_languages_inserted AFTER INSERT ON entries REFERENCING NEW TABLE AS newsdesk_new_entries
        FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_languages_inserted();
      CREATE TRIGGER entries_languages_deleted AFTER DELETE ON entries REFERENCING OLD TABLE AS newsdesk_old_entries
        FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_languages_deleted();
      CREATE TRIGGER entries_languages_updated AFTER UPDATE OF lang, deleted_at ON entries FOR EACH ROW
        WHEN (OLD.lang IS DISTINCT FROM NEW.lang OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
        EXECUTE FUNCTION newsdesk_languages_updated();
      CREATE TRIGGER entries_languages_truncated AFTER TRUNCATE ON entries
        FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_languages_truncated();
    `);
  },
} satisfies PostgresMigration;
