import type { PostgresMigration } from '../migration.js';

// The language counts' changes (migration 31) are folded by the writers that append them, no
// longer by the search page's read (p-selector). The read folded once it summed more than 1,000
// rows: a page view then ran a DELETE and an INSERT in a transaction of its own, and moved the
// change stamp that the page cache keys on. Now each trigger that appends a change looks, after
// appending, at how many rows have been appended since the oldest row still there (the ids' span:
// two ends of the primary key, never a count of the rows) and, past the same bound, folds them
// into one row per language within the writer's own transaction:
//   - one fold at a time: a transaction-scoped advisory lock taken with try, so a writer that
//     finds a fold in progress skips it and goes on (the next append folds), never waits;
//   - writers only append and only folds delete, so the DELETE locks rows no writer touches:
//     nothing waits on the fold, and the fold waits on nothing (the lock above excludes another);
//   - only under READ COMMITTED (the store's level): each statement of the function then sees every
//     change committed before it, including an earlier fold's; under a snapshot taken before that
//     fold committed, the DELETE would fail the writer's transaction with a serialization error.
//     A writer at another level leaves the fold to the next one.
// If the writer rolls back, its fold rolls back with it and the rows are folded later: the sums
// are the same before and after a fold, whoever commits first. The key of the lock is the one
// the read's fold took (an older build's read still folds; the two never run together).
const FOLD_AT = 1000;

export default {
  version: 33,
  name: 'language counts folded by writers',
  async up(sql) {
    await sql.query(`
      CREATE FUNCTION newsdesk_languages_fold() RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RETURN;
        END IF;
        IF coalesce((SELECT max(id) - min(id) FROM entry_language_counts), 0) < ${FOLD_AT} THEN
          RETURN;
        END IF;
        IF NOT pg_try_advisory_xact_lock(hashtext(current_schema() || '.entry_language_counts')) THEN
          RETURN;
        END IF;
        WITH gone AS (DELETE FROM entry_language_counts RETURNING lang, n)
        INSERT INTO entry_language_counts (lang, n) SELECT lang, SUM(n) FROM gone GROUP BY lang HAVING SUM(n) <> 0;
      END $$;

      CREATE OR REPLACE FUNCTION newsdesk_languages_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO entry_language_counts (lang, n)
          SELECT lang, COUNT(*) FROM newsdesk_new_entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang;
        PERFORM newsdesk_languages_fold();
        RETURN NULL;
      END $$;
      CREATE OR REPLACE FUNCTION newsdesk_languages_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO entry_language_counts (lang, n)
          SELECT lang, -COUNT(*) FROM newsdesk_old_entries WHERE deleted_at IS NULL AND lang IS NOT NULL GROUP BY lang;
        PERFORM newsdesk_languages_fold();
        RETURN NULL;
      END $$;
      CREATE OR REPLACE FUNCTION newsdesk_languages_updated() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF OLD.deleted_at IS NULL AND OLD.lang IS NOT NULL THEN
          INSERT INTO entry_language_counts (lang, n) VALUES (OLD.lang, -1);
        END IF;
        IF NEW.deleted_at IS NULL AND NEW.lang IS NOT NULL THEN
          INSERT INTO entry_language_counts (lang, n) VALUES (NEW.lang, 1);
        END IF;
        PERFORM newsdesk_languages_fold();
        RETURN NULL;
      END $$;
    `);
  },
} satisfies PostgresMigration;
