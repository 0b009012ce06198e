import type { PostgresMigration } from '../migration.js';
import { foldFunctionSql, reindexSearch } from './018-search-punctuation.js';

// Search folds Arabic-script spellings as the topic matcher does (src/search/fold.ts): «ايران»
// finds «إيران», «الرئيس» finds «الـــرئيس», «ايضا» finds «أيضاً», «مدرسه» finds «مدرسة»,
// «میشود» finds «می‌شود», "1402" finds «۱۴۰۲». newsdesk_fold, which the index and every query
// word go through, now applies the same replacements as SQLite's triggers (migration 37 there);
// existing rows are reindexed as 018 did.
export default {
  version: 38,
  name: 'search: Arabic-script letters folded',
  async up(sql) {
    const ext = await sql.query<{ nspname: string }>(
      `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    );
    await sql.query(`
      CREATE OR REPLACE FUNCTION newsdesk_fold(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $fold$ ${foldFunctionSql(ext.rows[0]?.nspname, true)} $fold$`);
    await reindexSearch(sql);
  },
} satisfies PostgresMigration;
